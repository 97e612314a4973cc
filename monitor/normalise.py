"""Pure helpers that turn one feed entry's raw pieces into Mention fields.

HTML to text, canonical URLs (tracking parameters dropped, Google/FeedBurner redirectors
unwrapped), the per-feed entry key, stable mention ids, the syndication key (`story`),
author and time rules. No I/O and no clock: the fetch time is always passed in.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import unicodedata
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

from monitor.model import Mention

# Mention text past this many characters is cut: full-content feeds carry whole articles
# (up to ~1 MB in the corpus) and matching/scoring only needs the opening.
MAX_TEXT = 20_000
MAX_TITLE = 1_000

# A published time this far past the fetch time is a broken clock or a scheduled post:
# it is replaced by the fetch time (and marked estimated) so it cannot sit in the future.
FUTURE_TOLERANCE = timedelta(minutes=15)

# ---------------------------------------------------------------------------------------
# HTML -> text

# HTML past this many characters is not read: the text is cut at MAX_TEXT anyway, and it
# bounds the work a hostile entry can cause.
MAX_HTML = 400_000
# Every pattern below is linear: no `.*?` spanning to a closer (an unclosed <script> or
# <!-- repeated thousands of times would make that quadratic); attribute runs are bounded.
_INVISIBLE_OPEN = re.compile(
    r"<(script|style|noscript|template|head|iframe|object|svg)\b[^<>]{0,4096}>|<(!--)",
    re.IGNORECASE,
)
_CLOSERS = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE)
    for name in ("script", "style", "noscript", "template", "head", "iframe", "object", "svg")
}
_CLOSERS["!--"] = re.compile("-->")
# Tags that separate words: replaced by a space so "a<br>b" does not become "ab".
_BREAKS = re.compile(
    r"</?(?:br|p|div|li|ul|ol|tr|td|th|h[1-6]|blockquote|section|article|header|footer|"
    r"table|dd|dt|hr|pre|figure|figcaption|img)\b[^<>]{0,4096}>",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?[A-Za-z!?][^<>]{0,4096}>")


def _drop_invisible(value: str) -> str:
    """`value` without script/style/... blocks and comments; an unclosed one runs to the
    end, as in a browser."""
    parts, pos = [], 0
    while True:
        match = _INVISIBLE_OPEN.search(value, pos)
        if match is None:
            parts.append(value[pos:])
            break
        parts.append(value[pos : match.start()])
        closer = _CLOSERS[(match.group(1) or match.group(2)).lower()].search(value, match.end())
        if closer is None:
            break
        parts.append(" ")
        pos = closer.end()
    return "".join(parts)


def html_to_text(value: str | None) -> str:
    """Readable text of an HTML fragment: scripts, styles and comments removed, tags
    dropped (block tags become spaces), entities decoded, whitespace collapsed.

    Never raises, and runs in linear time on any input (the first MAX_HTML characters
    are read); plain text goes through a fast path that only collapses whitespace.
    """
    if not value:
        return ""
    value = value[:MAX_HTML]
    if "<" in value:
        if "<!" in value:
            value = value.replace("<![CDATA[", "").replace("]]>", "")
        value = _drop_invisible(value)
        value = _BREAKS.sub(" ", value)
        value = _TAG.sub("", value)
    if "&" in value:
        value = html.unescape(value)
    return " ".join(value.split())  # 3x faster than re.sub(r"\s+") on long texts


def clip(value: str, limit: int) -> str:
    """`value` cut to `limit` characters at a word boundary when one is near."""
    if len(value) <= limit:
        return value
    cut = value.rfind(" ", limit - 200, limit)
    return value[: cut if cut > 0 else limit].rstrip() + "…"


# ---------------------------------------------------------------------------------------
# URLs

# Query parameters that only track the reader: dropping them makes the same article's
# links identical across feeds and newsletters.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
    "mc_cid", "mc_eid", "igshid", "igsh", "ref_src", "ref_url", "_hsenc", "_hsmi", "mkt_tok",
    "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "wt_mc", "wt.mc_id", "cmpid",
    "ncid", "sr_share", "s_cid", "spm", "ocid", "at_medium", "at_campaign",
    "__twitter_impression", "smid",
})
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")
_DEFAULT_PORTS = {"http": "80", "https": "443"}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def unwrap_redirect(url: str) -> str:
    """The target of a known redirector link, else `url` unchanged.

    Handles Google's `google.*/url?...&url=` (Google Alerts) and `?q=`, and Google News
    `articles/CBMi...` ids of the older format that embed the article URL.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    if host.startswith(("www.google.", "google.")) and parts.path == "/url":
        params = dict(parse_qsl(parts.query))
        target = params.get("url") or params.get("q") or ""
        if target.startswith(("http://", "https://")):
            return target
    if host == "news.google.com" and "/articles/" in parts.path:
        embedded = _google_news_target(parts.path.rsplit("/", 1)[-1])
        if embedded:
            return embedded
    return url


def _google_news_target(token: str) -> str | None:
    """Article URL inside an old-style Google News id (protobuf: field 4 = the URL)."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    except (ValueError, TypeError):
        return None
    index = raw.find(b"\x22", 0, 4)
    if index < 0:
        return None
    length, shift, pos = 0, 0, index + 1
    while pos < len(raw) and shift < 28:
        byte = raw[pos]
        length |= (byte & 0x7F) << shift
        pos += 1
        shift += 7
        if not byte & 0x80:
            break
    target = raw[pos : pos + length]
    if len(target) != length or not target.startswith((b"http://", b"https://")):
        return None
    try:
        text = target.decode("ascii")
    except UnicodeDecodeError:
        return None
    return text if " " not in text else None


# Already canonical, as most links are: http(s), a lower-case host name without port, user or
# trailing dot, a path of visible ASCII, no query or fragment. Such a link comes back as is
# (with "/" for an empty path): parsing it would change nothing, and parsing is most of the
# cost of reading a replay file (tests/sources/test_normalise.py holds both paths to the same
# answers).
_PLAIN_URL = re.compile(r"https?://[a-z0-9-]+(?:\.[a-z0-9-]+)*(?:/[!-\x22$-\x3e@-~]*)?\Z")
_REDIRECTOR_PREFIXES = ("http://www.google.", "https://www.google.", "http://google.",
                        "https://google.", "http://news.google.com/", "https://news.google.com/")


def canonical_url(url: str | None, base: str | None = None) -> str:
    """A stable form of a link: redirectors unwrapped, resolved against `base` when
    relative, scheme and host lower-cased, default port, fragment and tracking parameters
    dropped. Anything that is not an http(s) URL comes back stripped but otherwise as is
    (an `at://` or `yt:` id must not be mangled)."""
    if not url:
        return ""
    url = url.strip()
    if _PLAIN_URL.match(url) and not url.startswith(_REDIRECTOR_PREFIXES):
        return url if url.count("/") > 2 else url + "/"
    if base and "://" not in url and not url.startswith(("mailto:", "tag:", "urn:")):
        url = urljoin(base, url)
    url = unwrap_redirect(url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and str(port) != _DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
        if len(kept) != len(pairs):
            query = urlencode(kept, quote_via=quote, safe="/:@!$'()*+,;")
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, query, ""))


def url_host(url: str) -> str:
    """Host of an http(s) URL without `www.`, or ''."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return host.removeprefix("www.")


_HANDLE = re.compile(r"^/@([A-Za-z0-9_.-]{1,64})(?:/|$)")
_BSKY_HANDLE = re.compile(r"^/profile/([A-Za-z0-9_.:-]{1,253})/post/")


def handle_from_url(url: str) -> str:
    """The account of a social post link, else '': `@name@host` for fediverse links
    (`https://host/@name/123`), `@handle` for Bluesky (`bsky.app/profile/handle/post/..`).
    Feeds of those platforms often carry no author element."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if not parts.hostname:
        return ""
    path = unquote(parts.path)
    match = _HANDLE.match(path)
    if match:
        return f"@{match.group(1)}@{parts.hostname.lower()}"
    match = _BSKY_HANDLE.match(path)
    if match and parts.hostname.lower() == "bsky.app":
        return f"@{match.group(1)}"
    return ""


# ---------------------------------------------------------------------------------------
# Keys and ids


def _digest(text: str, size: int = 20) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:size]


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_WORD = re.compile(r"[\W_]+")


def normalise_words(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a text, for content hashes."""
    folded = text.casefold()
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return _NON_WORD.sub(" ", folded).strip()


# Copies of one story agree from their first words: hashing more only costs time.
HASHED_CHARS = 4_000


def content_hash(title: str, text: str) -> str:
    """Hash of normalised title + text (their first HASHED_CHARS characters): equal for
    copies that differ only in markup, case, accents, punctuation or whitespace."""
    return _digest(normalise_words(f"{title} {text}"[:HASHED_CHARS]), 24)


def entry_key(entry_id: str | None, link: str | None, title: str, text: str) -> str:
    """The key of an entry inside its feed: its id, else its link, else a content hash.
    Not globally unique (ids are bare numbers, relative paths...): see `mention_id`."""
    if entry_id and entry_id.strip():
        return "id:" + entry_id.strip()
    if link and link.strip():
        return "link:" + link.strip()
    return "hash:" + content_hash(title, text)


def mention_id(source: str, key: str) -> str:
    """Stable mention id: a hash of (source name, per-feed entry key), identical on every
    poll of the same entry and distinct across sources that reuse an id."""
    return _digest(f"{source}\x00{key}", 24)


def story_key(url: str | None, title: str, text: str) -> str:
    """The syndication key: the canonical URL when there is one, else `h:` + a hash of
    the normalised title and text, so one story carried by several feeds counts once."""
    canonical = canonical_url(url) if url else ""
    if canonical.startswith(("http://", "https://")):
        return canonical
    return "h:" + content_hash(title, text)


# ---------------------------------------------------------------------------------------
# Time and author


def published_time(value: datetime | None, fetched_at: datetime) -> tuple[datetime, bool]:
    """(published, estimated): the feed's time, or the fetch time when the feed gave none
    or gave one more than FUTURE_TOLERANCE after the fetch."""
    if value is None or value > fetched_at + FUTURE_TOLERANCE:
        return fetched_at, True
    return value, False


_EMAIL_NAME = re.compile(r"\S+@\S+\s+\((.+)\)")
_NAME_EMAIL = re.compile(r"(.+?)\s+\(\S+@\S+\)")


def pick_author(*candidates: str | None) -> str:
    """The first non-empty candidate, reduced to plain text (feeds put markup and
    `email (Name)` forms in author fields)."""
    for candidate in candidates:
        if not candidate:
            continue
        text = clip(html_to_text(candidate), 200)
        # RSS puts "email (Name)"; feedparser sometimes renders "Name (email)".
        match = _EMAIL_NAME.fullmatch(text) or _NAME_EMAIL.fullmatch(text)
        if match:
            text = match.group(1).strip()
        if text:
            return text
    return ""


# ---------------------------------------------------------------------------------------
# Assembly


def language_tag(value: str | None) -> str | None:
    """Primary language subtag of a feed's language (`en-US` -> `en`), or None."""
    if not value:
        return None
    primary = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def to_count(value: object) -> int | None:
    """A non-negative integer from a feed's counter ('1,234', '56'), else None."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip().replace(",", "").replace("_", "")
    if not text.isdigit():
        return None
    return int(text)


class EntryKeys:
    """Per-document entry keys that stay unique when a feed repeats an id.

    A repeated id with different content gets its link or content hash appended; an
    exact repeat (same key, link and content) is a duplicate and gets None.
    """

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def key(self, entry_id: str | None, link: str | None, title: str, text: str) -> str | None:
        key = entry_key(entry_id, link, title, text)
        if key not in self._seen:
            self._seen.add(key)
            return key
        longer = f"{key}|{link or ''}|{content_hash(title, text)}"
        if longer in self._seen:
            return None
        self._seen.add(longer)
        return longer


def make_mention(
    *,
    source: str,
    source_type: str,
    key: str,
    url: str,
    title: str,
    text: str,
    author: str,
    published: datetime | None,
    fetched_at: datetime,
    lang: str | None = None,
    reach: int | None = None,
    link_is_shared: bool = False,
) -> Mention:
    """A Mention from one entry's plain-text pieces (title/text already reduced from
    HTML): id from (source, key), story from the canonical URL or content, published
    from the feed or the fetch time. `topics` is left None for the matcher.

    `link_is_shared`: several entries of the document carry this same link (a feed
    pointing every item at its home page), so the link cannot tell stories apart and the
    story key comes from the content instead."""
    title = clip(title, MAX_TITLE)
    text = clip(text, MAX_TEXT)
    when, estimated = published_time(published, fetched_at)
    return Mention(
        id=mention_id(source, key),
        published=when,
        source=source,
        source_type=source_type,
        author=author,
        url=url,
        title=title,
        text=text,
        lang=lang,
        reach=reach,
        topics=None,
        published_estimated=estimated,
        story=story_key("" if link_is_shared else url, title, text),
    )
