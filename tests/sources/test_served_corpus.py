"""The real-world corpus served over loopback HTTP and polled like the live watch."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config.files import SourceConfig
from monitor.sources import fetch_all, make_source
from monitor.sources.base import FetchState, Source
from monitor.sources.feed import parse_document
from monitor.sources.http import HttpClient
from tests.feedserver import CONTENT_TYPES, FeedServer
from tests.sources.conftest import NOW

pytestmark = pytest.mark.shared


def test_polling_the_served_corpus(shared_dir: Path, feed_server: FeedServer):
    """84 real feeds served (in turn plain, gzip, deflate; with ETags) and polled on a
    10-thread pool give the same mentions as parsing the files; the second round is all 304."""
    root = shared_dir / "feeds" / "real-world"
    urls = feed_server.serve_files(root, encodings=(None, "gzip", "deflate"))
    assert len(urls) == 84
    jobs: list[tuple[Source, FetchState]] = []
    expected = []
    with HttpClient() as client:
        for index, (relative, url) in enumerate(urls.items()):
            name = f"f{index}"
            path = root / relative
            expected.append(parse_document(
                path.read_bytes(), url=url, content_type=CONTENT_TYPES.get(path.suffix, ""),
                source=name, source_type="news", fetched_at=NOW))
            jobs.append((make_source(SourceConfig(name=name, url=url), client), FetchState()))
        first = fetch_all(jobs, NOW, workers=10)
        second = fetch_all([(s, r.state) for (s, _), r in zip(jobs, first, strict=True)], NOW)
    for relative, doc, result in zip(urls, expected, first, strict=True):
        if doc.error:
            assert result.status == "error", relative
            continue
        assert result.status == "ok", (relative, result.error)
        assert [m.id for m in result.mentions] == [m.id for m in doc.mentions], relative
    assert sum(r.status == "ok" for r in first) >= 80
    assert all(r.status == "not_modified" for r, f in zip(second, first, strict=True)
               if f.status == "ok")
