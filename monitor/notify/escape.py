"""The one place where text from mentions (and config) is made safe for Slack.

Slack mrkdwn gives meaning to exactly three characters: `&`, `<` and `>`. Every control
sequence - `<!channel>`, `<!here>`, `<@U123>`, `<#C123>`, `<https://x|label>` - starts with
`<`, so escaping the three as `&amp;`, `&lt;`, `&gt;` (what Slack itself asks for) makes
them print as text. We never send `link_names`, so a bare "@channel" stays text too.

Rules for callers: `mrkdwn()` every mention-derived string that goes into a mrkdwn text
object; `link()` is the only way a URL becomes a link; `plain()` for plain_text objects
(Slack does not parse those; `<` `>` are still swapped for ‹ ›); `clip()` to cut escaped text.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

ELLIPSIS = "…"

# C0/C1 controls (except tab and newline), bidi overrides and zero-width characters: they
# can disguise a link label or reorder text; nothing a reader needs.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_ENTITY_TAIL = re.compile(r"&[a-z]{0,4}$")


def clean(text: str) -> str:
    """`text` with invisible/control characters removed and NFC normalised."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFC", text or ""))


def mrkdwn(text: str) -> str:
    """Escape `text` for a mrkdwn text object: no mention, broadcast or link survives."""
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def inline(text: str) -> str:
    """Like `mrkdwn`, on one line (newlines and runs of blanks become single spaces)."""
    return " ".join(mrkdwn(text).split())


def plain(text: str, limit: int) -> str:
    """Text for a plain_text object (header, button): one line, at most `limit` characters.
    Slack shows plain_text literally; as a second line of defence `<` and `>` become the
    look-alikes ‹ › so nothing could ever open a control sequence, and text stays readable."""
    one_line = " ".join(clean(text).split()).replace("<", "‹").replace(">", "›")
    return _cut(one_line, limit) or "-"


def safe_url(url: str) -> str | None:
    """`url` made safe to put inside `<...|label>`, or None when it is not an http(s) URL
    with a host. `|`, `<`, `>`, spaces and other unsafe bytes are percent-encoded, so the
    URL can neither end the link nor forge its label."""
    url = clean(url).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    # Keep the characters URLs need; encode everything else (| < > space " etc.).
    quoted = quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")
    return quoted.replace("&", "&amp;")  # & is literal in Slack link syntax only as &amp;


def link(url: str, label: str, *, label_limit: int = 200) -> str:
    """A mrkdwn link `<url|label>` when `url` is http(s), else the escaped label alone.
    The label is escaped and clipped; it cannot contain the `>` that would end the link."""
    text = clip(inline(label), label_limit) if label.strip() else ""
    target = safe_url(url)
    if target is None:
        return text
    return f"<{target}|{text or inline(urlsplit(url).hostname or 'link')}>"


def clip(escaped: str, limit: int) -> str:
    """Cut already-escaped mrkdwn to at most `limit` characters, ending with "…" when cut.
    Never leaves half an entity (`&am`) or an unclosed `<...` link at the end."""
    if len(escaped) <= limit:
        return escaped
    if limit <= 1:
        return ELLIPSIS[:limit]
    head = escaped[: limit - 1]
    head = _ENTITY_TAIL.sub("", head)
    opened = head.rfind("<")
    if opened > head.rfind(">"):
        head = head[:opened]
    return _trim_combining(head) + ELLIPSIS


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return _trim_combining(text[: max(0, limit - 1)]) + ELLIPSIS


def _trim_combining(text: str) -> str:
    """Drop a dangling combining mark, variation selector, joiner or lone surrogate at the
    end, so a cut never leaves half an emoji or accent."""
    while text and (
        unicodedata.combining(text[-1])
        or text[-1] in "\u200d\ufe0e\ufe0f"
        or 0xD800 <= ord(text[-1]) <= 0xDFFF
        or 0x1F3FB <= ord(text[-1]) <= 0x1F3FF  # skin-tone modifiers
    ):
        text = text[:-1]
    if text.endswith("\u200d"):
        text = text[:-1]
    return text
