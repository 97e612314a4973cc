"""Every shared feed document (feedparser's 597 test files + 84 real-world feeds) goes
through parse_document without an unexpected exception, and no entry feedparser can read
is lost."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from monitor.normalise import html_to_text
from monitor.sources.feed import parse_document

pytestmark = pytest.mark.shared

NOW = datetime(2026, 11, 26, tzinfo=UTC)
_HEADER = re.compile(rb"Header:\s*Content-type:\s*([^\r\n]+)", re.I)


def _documents(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".md")


def _content_type(body: bytes) -> str:
    """The Content-Type feedparser's harness would serve the file with, if it says."""
    match = _HEADER.search(body[:2000])
    return match.group(1).decode("latin-1").strip() if match else ""


def _readable(entry: dict) -> bool:
    """An entry with a title, some text or an absolute link (what Vigie keeps)."""
    link = entry.get("link") or ""
    if link and entry.get("guidislink") and "://" not in link:
        link = ""
    texts = [entry.get("title"), entry.get("summary"),
             *[c.get("value") for c in entry.get("content") or ()]]
    return bool(link) or any(html_to_text(t) for t in texts if t)


def _check(root: Path, exact: bool) -> tuple[int, list[str]]:
    problems, count = [], 0
    for path in _documents(root):
        count += 1
        body = path.read_bytes()
        ct = _content_type(body)
        doc = parse_document(body, url="http://127.0.0.1:8097/" + path.name, content_type=ct,
                             source="corpus", source_type="news", fetched_at=NOW)
        name = str(path.relative_to(root))
        if (doc.error or "").startswith("unreadable document"):
            problems.append(f"{name}: unexpected exception: {doc.error}")
            continue
        if path.suffix == ".json":
            if not doc.mentions:
                problems.append(f"{name}: JSON Feed gave no mentions ({doc.error})")
            continue
        # Sanitising and URI rewriting do not change which entries exist: skip them (2x faster).
        reference = feedparser.parse(body, response_headers={"content-type": ct} if ct else None,
                                     sanitize_html=False, resolve_relative_uris=False)
        readable = sum(1 for e in reference.entries if _readable(e))
        if readable and not doc.mentions:
            problems.append(f"{name}: feedparser reads {readable} entries, we got none "
                            f"({doc.error or doc.warning})")
        elif exact and len(doc.mentions) < readable:
            problems.append(f"{name}: {len(doc.mentions)} mentions < {readable} readable entries")
    return count, problems


def test_feedparser_test_documents(shared_dir: Path):
    """feedparser's own test documents (well- and ill-formed, many encodings, compressed)
    never crash the parser, and each one with a readable entry yields mentions."""
    count, problems = _check(shared_dir / "feeds" / "feedparser-tests", exact=False)
    assert count >= 597
    assert problems == []


def test_real_world_feeds(shared_dir: Path):
    """Each of the 84 real-world feeds yields at least as many mentions as feedparser has
    readable entries (nothing lost to ids, encodings or malformation)."""
    count, problems = _check(shared_dir / "feeds" / "real-world", exact=True)
    assert count == 84
    assert problems == []


def test_real_world_mention_fields(shared_dir: Path):
    """Real-world mentions have ids unique per feed, a story key, a URL or text, and
    Google Alerts / FeedBurner redirect links are unwrapped."""
    root = shared_dir / "feeds" / "real-world"
    for path in _documents(root):
        doc = parse_document(path.read_bytes(), url="https://example.org/feed", source=path.stem,
                             source_type="news", fetched_at=NOW)
        ids = [m.id for m in doc.mentions]
        assert len(ids) == len(set(ids)), path.name
        for m in doc.mentions:
            assert m.story and (m.url or m.text or m.title), path.name
            assert "google.com/url?" not in m.url and "feedproxy.google.com" not in m.url
            assert m.published <= NOW
