"""RSS 0.9x/1.0/2.0, Atom and JSON Feed documents -> Mentions, and the HTTP feed source.

`parse_document` is pure (bytes in, mentions out) and shared by the source, `vigie fetch`
and the benchmarks. feedparser reads RSS and Atom on its fast path (no sanitising, no
relative-URI rewriting: Vigie reduces HTML to text itself); JSON Feed goes to jsonfeed.py.
A malformed document that still holds entries keeps them and reports a warning; a declared
charset that is wrong is detected and the document re-read.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, ClassVar

import charset_normalizer
import feedparser

from monitor.config.files import SourceConfig
from monitor.errors import SourceError
from monitor.normalise import (
    EntryKeys,
    canonical_url,
    handle_from_url,
    html_to_text,
    language_tag,
    make_mention,
    pick_author,
    to_count,
    url_host,
)
from monitor.sources.base import FetchResult, FetchState, ParsedDocument
from monitor.sources.fastxml import parse_fast
from monitor.sources.http import HttpClient, decode_body, next_delay
from monitor.sources.jsonfeed import looks_like_json, parse_json_feed
from monitor.timeutil import to_epoch

# Backoff after failures grows from the poll interval up to this.
BACKOFF_CAP = 6 * 3600.0

_PROLOG_ENCODING = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2", re.I)
_ENCODING_PROBLEMS = (
    feedparser.CharacterEncodingOverride,
    feedparser.CharacterEncodingUnknown,
)
# A feed served as text/html or text/plain is still a feed: not worth a warning.
_BENIGN = (*_ENCODING_PROBLEMS, feedparser.NonXMLContentType)
_UNICODE_FAMILY = ("utf-8", "utf8", "utf-16", "utf-32", "ucs-")


# Clean RSS 2.0/Atom 1.0 documents go through fastxml (same entries as feedparser, ~5x
# faster); the tests turn it off to compare both paths.
_fast_path = True


def set_fast_path(enabled: bool) -> bool:
    """Turn the ElementTree fast path on or off; returns the previous setting."""
    global _fast_path
    previous, _fast_path = _fast_path, enabled
    return previous


def _read(body: bytes, content_type: str) -> tuple[Any, str | None]:
    """(feedparser-shaped result, charset warning): the fast path when it accepts the
    document and its text has no replacement character, else feedparser."""
    if _fast_path:
        try:
            fast = parse_fast(body, content_type)
        except Exception:  # a replay bug must cost speed, never a document
            fast = None
        if fast is not None and _replacement_share(fast) == 0:
            return fast, None
    return _repair_charset(body, _parse(body, content_type))


def _reason(exc: object) -> str:
    if exc is None:
        return "malformed document"
    text = str(exc).splitlines()[0] if str(exc) else ""
    name = exc.__class__.__name__
    return f"{name}: {text}"[:240] if text else name


def _parse(body: bytes, content_type: str) -> Any:
    # Headers only when there is a Content-Type: an empty header dict makes feedparser flag
    # every file read from disk as "no Content-type specified".
    headers = {"content-type": content_type} if content_type else None
    return feedparser.parse(
        body, response_headers=headers, sanitize_html=False, resolve_relative_uris=False
    )


def _as_utf8(body: bytes, encoding: str) -> bytes:
    """`body` decoded from `encoding` and re-encoded as UTF-8 with a matching prolog."""
    text = body.decode(encoding, errors="replace").lstrip("\ufeff")
    data = text.encode("utf-8")
    return _PROLOG_ENCODING.sub(rb"\1\2utf-8\2", data, count=1)


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_BIG_CHARREF = re.compile(r"&#(?:[xX]0*([0-9a-fA-F]{6,})|0*([0-9]{7,}));")


def _charref(match: re.Match[str]) -> str:
    value = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    return match.group(0) if value <= 0x10FFFF else "\ufffd"


def _scrub(body: bytes) -> bytes:
    """`body` as clean UTF-8: decoded (UTF-8, else the detected charset), control
    characters and out-of-range character references removed, prolog set to UTF-8."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(body[:200_000]).best()
        text = body.decode(best.encoding if best else "latin-1", errors="replace")
    text = _BIG_CHARREF.sub(_charref, _CONTROL.sub("", text.lstrip("\ufeff")))
    return _PROLOG_ENCODING.sub(rb"\1\2utf-8\2", text.encode("utf-8"), count=1)


def _replacement_share(parsed: Any) -> float:
    sample = "".join(
        str(e.get("title", "")) + str(e.get("summary", ""))[:500] for e in parsed.entries[:20]
    )
    return sample.count("\ufffd") / len(sample) if sample else 0.0


def _repair_charset(body: bytes, parsed: Any) -> tuple[Any, str | None]:
    """(parsed, warning): a re-read of `body` when its declared charset was wrong.

    Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the document declares (legacy
    text is almost never valid UTF-8 by accident); otherwise, when feedparser reports an
    encoding problem, found no entries in a bozo document, or produced replacement
    characters, charset-normalizer guesses the encoding.
    """
    used = (parsed.get("encoding") or "").lower()
    if used and not used.startswith(_UNICODE_FAMILY) and not body.isascii():
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            again = _parse(_as_utf8(body, "utf-8"), "application/xml; charset=utf-8")
            if len(again.entries) >= len(parsed.entries):
                return again, f"declared charset {used} is wrong: bytes are UTF-8"
    exc = parsed.get("bozo_exception")
    suspicious = (
        isinstance(exc, _ENCODING_PROBLEMS)
        or (parsed.get("bozo") and not parsed.entries)
        or _replacement_share(parsed) > 0.001
    )
    fallback = f"document charset is wrong or unknown: read as {used}" if isinstance(
        exc, _ENCODING_PROBLEMS) else None
    if not suspicious:
        return parsed, fallback
    best = charset_normalizer.from_bytes(body[:200_000]).best()
    if best is None or best.encoding.lower().replace("_", "-") == used:
        return parsed, fallback
    again = _parse(_as_utf8(body, best.encoding), "application/xml; charset=utf-8")
    if len(again.entries) > len(parsed.entries) or (
        len(again.entries) == len(parsed.entries) and parsed.entries
        and _replacement_share(again) < _replacement_share(parsed)
    ):
        return again, f"charset detected as {best.encoding} (declared {used or 'none'})"
    return parsed, fallback


def _time(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get: FeedParserDict.get maps a missing updated_parsed to published_parsed
        # with a DeprecationWarning.
        value = dict.get(entry, key)
        if value:
            try:
                year, month, day, hour, minute, second = value[:6]
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except (TypeError, ValueError):
                continue
    return None


def _text_of(entry: Any, key: str) -> str:
    """Plain text of a title/summary: markup reduced unless the feed says it is plain."""
    value = entry.get(key)
    if not value:
        return ""
    detail = entry.get(f"{key}_detail") or {}
    if detail.get("type") == "text/plain" and "<" not in value:
        return " ".join(str(value).split())
    return html_to_text(str(value))


def _body_text(entry: Any) -> str:
    for content in entry.get("content") or ():
        value = content.get("value")
        if value:
            if content.get("type") == "text/plain" and "<" not in value:
                return " ".join(value.split())
            return html_to_text(value)
    return _text_of(entry, "summary")


def _link(entry: Any) -> str:
    link = entry.get("feedburner_origlink") or entry.get("link")
    if link and entry.get("guidislink") and link == entry.get("id") and "://" not in link:
        link = None  # feedparser promoted a non-URL guid ("recall-7") to a link
    if not link:
        for candidate in entry.get("links") or ():
            if candidate.get("rel", "alternate") == "alternate" and candidate.get("href"):
                return str(candidate["href"])
    return str(link or "")


def _reach(entry: Any) -> int | None:
    stats = entry.get("media_statistics")
    if isinstance(stats, dict):
        views = to_count(stats.get("views"))
        if views is not None:
            return views
    for key in ("slash_comments", "thr_total"):
        count = to_count(entry.get(key))
        if count is not None:
            return count
    return None


def _lang(entry: Any, feed_lang: str | None) -> str | None:
    for key in ("title_detail", "summary_detail"):
        detail = entry.get(key) or {}
        tag = language_tag(detail.get("language"))
        if tag:
            return tag
    return feed_lang


def parse_document(
    body: bytes,
    *,
    url: str,
    content_type: str = "",
    source: str,
    source_type: str,
    fetched_at: datetime,
) -> ParsedDocument:
    """Every readable entry of one feed document as a Mention. Never raises: a document
    it cannot read comes back with `error`; one read despite problems with `warning`."""
    try:
        if body[:2] == b"\x1f\x8b":  # gzip sent without Content-Encoding
            body, _ = decode_body(body, None)
        # The bytes decide: servers label feeds wrongly both ways.
        if looks_like_json(body) or (
            "json" in content_type.lower() and body.lstrip()[:1] != b"<"
        ):
            return parse_json_feed(
                body, url=url, source=source, source_type=source_type, fetched_at=fetched_at
            )
        try:
            return _parse_xml(body, url, content_type, source, source_type, fetched_at)
        except (ValueError, UnicodeError):
            # feedparser crashes on a few byte-level defects (NUL bytes, character references
            # past U+10FFFF, undecodable encoding names): clean them and read once more.
            doc = _parse_xml(_scrub(body), url, "", source, source_type, fetched_at)
            note = "invalid bytes or character references removed before parsing"
            return replace(doc, warning="; ".join(w for w in (note, doc.warning) if w))
    except SourceError as exc:
        return ParsedDocument(error=str(exc))
    except Exception as exc:  # a parser bug on hostile input must not stop the poller
        return ParsedDocument(error=f"unreadable document ({_reason(exc)})")


def _parse_xml(
    body: bytes, url: str, content_type: str, source: str, source_type: str, fetched_at: datetime
) -> ParsedDocument:
    if not body.strip():
        return ParsedDocument(error="empty document")
    stripped = body.lstrip()
    if stripped[:5] == b"<?xml" and len(stripped) != len(body):
        body = stripped  # whitespace before the XML declaration makes expat give up
    parsed, charset_warning = _read(body, content_type)
    feed = parsed.get("feed") or {}
    feed_title = html_to_text(feed.get("title")) or None
    version = parsed.get("version") or ""
    bozo = bool(parsed.get("bozo")) and not isinstance(parsed.get("bozo_exception"), _BENIGN)
    if not parsed.entries:
        if bozo:
            return ParsedDocument(error=f"not a readable feed: {_reason(parsed.get('bozo_exception'))}",
                                  feed_title=feed_title, format=version)
        if not version:
            return ParsedDocument(error="not a feed: no RSS, Atom or JSON Feed found",
                                  format=version)
    feed_lang = language_tag(feed.get("language")) or language_tag(
        (feed.get("title_detail") or {}).get("language")
    )
    feed_author = feed.get("author") or ""
    base = feed.get("link") or url
    keys = EntryKeys()
    mentions = []
    links = [canonical_url(_link(entry), base) for entry in parsed.entries]
    shared = {link for link, n in Counter(links).items() if n > 1 and link}
    for entry, link in zip(parsed.entries, links, strict=True):
        title = _text_of(entry, "title")
        text = _body_text(entry)
        if not (title or text or link):
            continue
        key = keys.key(entry.get("id"), link, title, text)
        if key is None:
            continue
        source_title = (entry.get("source") or {}).get("title")
        mentions.append(
            make_mention(
                source=source, source_type=source_type, key=key, url=link, title=title,
                text=text,
                author=pick_author(entry.get("author"), handle_from_url(link), source_title,
                                   url_host(link), feed_author, feed_title),
                published=_time(entry), fetched_at=fetched_at, lang=_lang(entry, feed_lang),
                reach=_reach(entry), link_is_shared=link in shared,
            )
        )
    warnings = [w for w in (charset_warning,) if w]
    if bozo:
        warnings.append(f"malformed, entries kept: {_reason(parsed.get('bozo_exception'))}")
    return ParsedDocument(mentions=mentions, warning="; ".join(warnings) or None,
                          feed_title=feed_title, format=version)


class FeedSource:
    """An RSS/Atom/JSON Feed polled over HTTP with conditional GET and backoff."""

    kind: ClassVar[str] = "feed"

    def __init__(
        self, config: SourceConfig, client: HttpClient, rng: random.Random | None = None
    ) -> None:
        self.config = config
        self.client = client
        self.rng = rng or random.Random()

    def _failed(
        self, state: FetchState, now: datetime, reason: str, *, http_status: int | None = None,
        wire_bytes: int = 0, retry_after: float | None = None,
    ) -> FetchResult:
        failures = state.consecutive_failures + 1
        delay = next_delay(failures, self.config.interval, max(BACKOFF_CAP, self.config.interval),
                           retry_after, self.rng)
        new_state = state.evolve(
            consecutive_failures=failures,
            next_poll_at=to_epoch(now) + max(delay, self.config.interval),
        )
        return FetchResult(status="error", state=new_state, http_status=http_status,
                           bytes=wire_bytes, error=reason, retry_after=retry_after)

    def fetch(self, state: FetchState, now: datetime) -> FetchResult:
        """Poll the feed once. Never raises for network, HTTP or document problems."""
        url = self.config.url
        try:
            response = self.client.get(url, etag=state.etag, last_modified=state.last_modified,
                                       now=now)
        except SourceError as exc:
            return self._failed(state, now, str(exc), retry_after=exc.retry_after)
        except Exception as exc:  # httpx/h11 edge cases: one feed's problem, never the poller's
            reason = f"unexpected HTTP failure: {exc.__class__.__name__}: {exc}"
            return self._failed(state, now, reason.splitlines()[0][:240])
        status = response.status
        if status == 304:
            return FetchResult(
                status="not_modified", http_status=304, bytes=response.wire_bytes,
                state=state.evolve(consecutive_failures=0, last_url=response.url,
                                   next_poll_at=to_epoch(now) + self.config.interval),
            )
        if status >= 400 or status < 200 or status != 200 and not response.body:
            return self._failed(
                state, now, f"HTTP {status} from {response.url}", http_status=status,
                wire_bytes=response.wire_bytes, retry_after=response.retry_after,
            )
        doc = parse_document(
            response.body, url=response.url, content_type=response.content_type,
            source=self.config.name, source_type=self.config.source_type.value, fetched_at=now,
        )
        if doc.error:
            return self._failed(state, now, doc.error, http_status=status,
                                wire_bytes=response.wire_bytes)
        warning = "; ".join(w for w in (response.warning, doc.warning) if w) or None
        new_state = state.evolve(
            etag=response.etag, last_modified=response.last_modified, consecutive_failures=0,
            last_url=response.url, next_poll_at=to_epoch(now) + self.config.interval,
        )
        return FetchResult(status="ok", state=new_state, mentions=doc.mentions,
                           http_status=status, bytes=response.wire_bytes, warning=warning,
                           feed_title=doc.feed_title)
