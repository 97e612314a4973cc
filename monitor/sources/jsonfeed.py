"""JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1), read by hand.

feedparser 6 returns nothing for JSON Feed, so the few fields Vigie needs are read here:
items' id, url/external_url, title, content_html/content_text/summary, date_published/
date_modified, author/authors, language. Real feeds break the spec (RFC 2822 dates, numeric
ids, no version), so every field is read defensively.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import orjson

from monitor.normalise import (
    EntryKeys,
    canonical_url,
    handle_from_url,
    html_to_text,
    language_tag,
    make_mention,
    pick_author,
    url_host,
)
from monitor.sources.base import ParsedDocument
from monitor.timeutil import parse_instant


def looks_like_json(body: bytes) -> bool:
    """True when the document's first non-blank byte opens a JSON object."""
    return body[:64].lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def parse_date(value: Any) -> datetime | None:
    """RFC 3339 as the spec says, or RFC 2822 as some feeds send; None otherwise."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_instant(value)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _author_names(obj: dict[str, Any]) -> list[str]:
    names: list[str] = []
    authors = obj.get("authors")
    if isinstance(authors, list):
        names += [a["name"] for a in authors if isinstance(a, dict) and isinstance(a.get("name"), str)]
    author = obj.get("author")
    if isinstance(author, dict) and isinstance(author.get("name"), str):
        names.append(author["name"])
    return names


def _str(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # ids are strings by the spec, numbers in the wild
    return ""


def parse_json_feed(
    body: bytes, *, url: str, source: str, source_type: str, fetched_at: datetime
) -> ParsedDocument:
    """Mentions of a JSON Feed document; an error result (never an exception) for bytes
    that are not JSON or JSON that is not a feed."""
    try:
        data = orjson.loads(body.removeprefix(b"\xef\xbb\xbf"))
    except orjson.JSONDecodeError as exc:
        return ParsedDocument(error=f"not valid JSON: {str(exc).splitlines()[0]}")
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return ParsedDocument(error="JSON document is not a JSON Feed (no `items` list)")
    version = _str(data, "version")
    fmt = "json1.1" if version.endswith("/1.1") else "json1"
    warning = None
    if "jsonfeed.org/version/" not in version:
        warning = "JSON Feed without a jsonfeed.org `version`: read anyway"
    feed_title = html_to_text(_str(data, "title")) or None
    feed_lang = language_tag(_str(data, "language"))
    feed_authors = _author_names(data)
    base = _str(data, "home_page_url") or _str(data, "feed_url") or url
    keys = EntryKeys()
    mentions = []
    items = [item for item in data["items"] if isinstance(item, dict)]
    skipped = len(data["items"]) - len(items)
    links = [canonical_url(_str(i, "url") or _str(i, "external_url"), base) for i in items]
    shared = {link for link, n in Counter(links).items() if n > 1 and link}
    for item, link in zip(items, links, strict=True):
        title = html_to_text(_str(item, "title"))
        if _str(item, "content_html"):
            text = html_to_text(_str(item, "content_html"))
        else:
            text = " ".join((_str(item, "content_text") or _str(item, "summary")).split())
        if not (title or text or link):
            continue
        key = keys.key(_str(item, "id"), link, title, text)
        if key is None:
            continue
        published = parse_date(item.get("date_published")) or parse_date(item.get("date_modified"))
        mentions.append(
            make_mention(
                source=source, source_type=source_type, key=key, url=link, title=title,
                text=text,
                author=pick_author(*_author_names(item), handle_from_url(link), url_host(link),
                                   *feed_authors, feed_title),
                published=published, fetched_at=fetched_at,
                lang=language_tag(_str(item, "language")) or feed_lang,
                link_is_shared=link in shared,
            )
        )
    if skipped:
        warning = f"{skipped} item(s) that are not JSON objects skipped"
    return ParsedDocument(mentions=mentions, warning=warning, feed_title=feed_title, format=fmt)
