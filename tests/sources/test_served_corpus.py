"""The real-world corpus served over loopback HTTP and polled like the live watch."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config.files import SourceConfig
from monitor.sources import fetch_all, make_source
from monitor.sources.base import FetchState
from monitor.sources.feed import parse_document
from monitor.sources.http import HttpClient
from tests.feedserver import FeedServer
from tests.sources.conftest import NOW

pytestmark = pytest.mark.shared

_TYPES = {".json": "application/feed+json", ".atom": "application/atom+xml",
          ".rss": "application/rss+xml", ".rdf": "application/rdf+xml", ".xml": "text/xml"}


def test_polling_the_served_corpus(shared_dir: Path, feed_server: FeedServer):
    """84 real feeds served (alternately gzip/deflate/plain, with ETags) and polled on a
    10-thread pool give the same mentions as parsing the files; the second round is all 304."""
    root = shared_dir / "feeds" / "real-world"
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".md")
    encodings = [None, "gzip", "deflate"]
    expected, jobs = {}, []
    with HttpClient() as client:
        for index, path in enumerate(files):
            name = f"f{index}"
            url = feed_server.route(f"/{name}", body=path.read_bytes(), etag=f'"{name}"',
                                    content_type=_TYPES.get(path.suffix),
                                    encoding=encodings[index % 3])
            cfg = SourceConfig(name=name, url=url)
            doc = parse_document(path.read_bytes(), url=url, content_type=_TYPES.get(path.suffix, ""),
                                 source=name, source_type="news", fetched_at=NOW)
            expected[name] = doc
            jobs.append((make_source(cfg, client), FetchState()))
        first = fetch_all(jobs, NOW, workers=10)
        for (source, _), result in zip(jobs, first, strict=True):
            doc = expected[source.config.name]  # type: ignore[attr-defined]
            if doc.error:
                assert result.status == "error", source.config.name  # type: ignore[attr-defined]
                continue
            assert result.status == "ok", (source.config.name, result.error)  # type: ignore[attr-defined]
            assert [m.id for m in result.mentions] == [m.id for m in doc.mentions]
        second = fetch_all([(s, r.state) for (s, _), r in zip(jobs, first, strict=True)], NOW)
    ok_first = [r for r in first if r.status == "ok"]
    assert len(ok_first) >= 80
    assert all(r.status == "not_modified" for r, f in zip(second, first, strict=True)
               if f.status == "ok")
