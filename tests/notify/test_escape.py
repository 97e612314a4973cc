"""Mention-derived text cannot ping, broadcast or forge links once escaped."""

from __future__ import annotations

import re

import pytest

from monitor.notify.escape import clip, inline, link, mrkdwn, plain, safe_url

HOSTILE = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U123>",
    "<#C123|general>",
    "<https://evil.example|label>",
    "<!subteam^S123>",
    "a & b",
    "x < y > z",
]
# Any of Slack's control sequences: a `<` that opens something.
CONTROL = re.compile(r"<[!@#]|<https?:|<mailto:")


@pytest.mark.parametrize("text", HOSTILE)
def test_mrkdwn_makes_control_sequences_inert(text: str) -> None:
    """No raw < or > survives, & is escaped, so Slack renders the text literally."""
    out = mrkdwn(text)
    assert "<" not in out and ">" not in out
    assert "&" not in out.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")


def test_mrkdwn_exact_entities() -> None:
    """The three characters become Slack's entities, nothing else changes."""
    assert mrkdwn("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"
    assert mrkdwn("café *gras*") == "café *gras*"


def test_invisible_characters_removed() -> None:
    """Bidi overrides and zero-width spaces, used to disguise labels, are dropped."""
    assert mrkdwn("ab\u202ecd\u200bef\x00") == "abcdef"


def test_link_only_for_http_urls() -> None:
    """javascript:, data:, relative and host-less URLs never become links."""
    for url in ["javascript:alert(1)", "data:text/html,x", "/relative", "https://", "ftp://x.y"]:
        assert "<" not in link(url, "label"), url
    assert link("https://ok.example/p", "Title") == "<https://ok.example/p|Title>"


def test_link_cannot_forge_label_or_close_early() -> None:
    """`|` and `>` in a URL are percent-encoded; the label is escaped; exactly one link."""
    out = link("https://news.example/x|Click here>", "Real <!channel> title | more >")
    assert out.count("<") == 1 and out.count(">") == 1 and out.startswith("<https://")
    url, label = out[1:-1].split("|", 1)
    assert "%7C" in url and "%3E" in url and "|" not in url
    assert label == "Real &lt;!channel&gt; title | more &gt;"
    assert not CONTROL.search(label)


def test_link_escapes_ampersand_in_query() -> None:
    """Query strings keep working: & is written &amp; inside the link."""
    assert safe_url("https://a.example/?x=1&y=2") == "https://a.example/?x=1&amp;y=2"


def test_clip_never_cuts_entity_or_link() -> None:
    """Clipping never leaves half of &amp; or an unclosed <url|label."""
    text = mrkdwn("a" * 8 + "&")  # 'aaaaaaaa&amp;'
    for n in range(1, len(text)):
        out = clip(text, n)
        assert len(out) <= n
        assert not re.search(r"&[a-z]*$", out.rstrip("…"))
    linked = "see " + link("https://a.example/long/path", "a label")
    for n in range(1, len(linked)):
        out = clip(linked, n)
        assert len(out) <= n and out.count("<") == out.count(">")


def test_plain_is_one_line_and_bounded() -> None:
    """plain() flattens newlines and respects the limit, emoji included."""
    out = plain("🔥" * 200 + "\nline", 150)
    assert len(out) <= 150 and "\n" not in out
    assert plain("", 10) == "-"


def test_inline_single_line() -> None:
    """inline() escapes and collapses whitespace."""
    assert inline(" a\n\n<b>\tc ") == "a &lt;b&gt; c"


def test_plain_has_no_angle_brackets() -> None:
    """plain_text gets look-alikes instead of < >, so even a header cannot open <!channel>."""
    assert plain("<!channel> a>b", 50) == "‹!channel› a›b"
