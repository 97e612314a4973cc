"""Pure normalisation: HTML to text, canonical URLs, keys, ids, times and authors."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from monitor.normalise import (
    EntryKeys,
    canonical_url,
    clip,
    content_hash,
    entry_key,
    handle_from_url,
    html_to_text,
    language_tag,
    make_mention,
    mention_id,
    pick_author,
    published_time,
    story_key,
    to_count,
    unwrap_redirect,
)

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("html", "text"), [
    ("<p>Hello&nbsp;<b>world</b></p>", "Hello world"),
    ("a<br>b<br/>c", "a b c"),
    ("<script>alert('x')</script>Visible<style>p{}</style>", "Visible"),
    ("<!-- hidden -->shown", "shown"),
    ("Fish &amp; chips &lt;3 &#233;t&eacute;", "Fish & chips <3 été"),
    ("  lots \n\t of   space ", "lots of space"),
    ("5 < 6 and 7 > 3", "5 < 6 and 7 > 3"),
    ("<ul><li>one</li><li>two</li></ul>", "one two"),
    ("", ""),
    (None, ""),
    ("<p>unclosed <b>bold", "unclosed bold"),
])
def test_html_to_text(html: str | None, text: str):
    """Tags, scripts, styles and comments go; entities decode; whitespace collapses."""
    assert html_to_text(html) == text


def test_clip_cuts_at_a_word():
    """A long text is cut near the limit at a space, with an ellipsis."""
    out = clip("word " * 1000, 300)
    assert len(out) <= 301 and out.endswith("word…")


@pytest.mark.parametrize(("url", "canonical"), [
    ("HTTPS://Example.COM/Path?b=1&utm_source=rss&utm_medium=x#frag",
     "https://example.com/Path?b=1"),
    ("http://example.com:80/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&igshid=5&ref_src=6",
     "http://example.com/a"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com:8443/x", "https://example.com:8443/x"),
    ("https://www.google.com/url?rct=j&sa=t&url=https://news.example/a?id=1&ct=ga",
     "https://news.example/a?id=1"),
    ("at://did:plc:abc/app.bsky.feed.post/3x", "at://did:plc:abc/app.bsky.feed.post/3x"),
    ("yt:video:0_NVdZp8haA", "yt:video:0_NVdZp8haA"),
    ("", ""),
])
def test_canonical_url(url: str, canonical: str):
    """Case, default port, fragment and tracking parameters are dropped; ids are untouched."""
    assert canonical_url(url) == canonical


def test_canonical_url_resolves_relative_links():
    """A relative link is resolved against the feed's site."""
    assert canonical_url("/news/1", "https://site.example/feed") == "https://site.example/news/1"


def test_google_news_article_id_is_unwrapped():
    """Old-style Google News ids that embed the article URL are unwrapped to it."""
    link = ("https://news.google.com/__i/rss/rd/articles/CBMiWWh0dHBzOi8vd3d3LmNubi5jb20vMjAyMi8w"
            "Ny8yNy9wb2xpdGljcy9zY2h1bWVyLW1hbmNoaW4tZGVhbC1idWlsZC1iYWNrLWJldHRlci9pbmRleC5odG1s0"
            "gFdaHR0cHM6Ly9hbXAuY25uLmNvbS9jbm4vMjAyMi8wNy8yNy9wb2xpdGljcy9zY2h1bWVyLW1hbmNoaW4t"
            "ZGVhbC1idWlsZC1iYWNrLWJldHRlci9pbmRleC5odG1s?oc=5")
    assert unwrap_redirect(link).startswith("https://www.cnn.com/2022/07/27/politics/")
    opaque = "https://news.google.com/rss/articles/CBMiK0FVX3lxTE9wYXF1ZQ?oc=5"
    assert unwrap_redirect(opaque) == opaque


def test_syndicated_copies_share_a_story():
    """The same article linked with different tracking parameters is one story; without
    a URL, copies differing in case and punctuation are one story."""
    a = story_key("https://news.example/a?utm_source=x", "T", "body")
    b = story_key("https://NEWS.example/a?fbclid=y#c", "Other title", "other")
    assert a == b == "https://news.example/a"
    c = story_key("", "Acme Recall!", "The kettle may overheat.")
    d = story_key(None, "acme recall", "the kettle  may overheat")
    assert c == d and c.startswith("h:")
    assert story_key("", "Acme recall", "different text") != c


def test_entry_key_prefers_id_then_link_then_content():
    """Entry key: id, else link, else a content hash."""
    assert entry_key("42", "https://x/1", "t", "b") == "id:42"
    assert entry_key(None, "https://x/1", "t", "b") == "link:https://x/1"
    assert entry_key("", "", "t", "b") == "hash:" + content_hash("t", "b")


def test_mention_id_is_stable_and_source_scoped():
    """The same entry key gives the same id; two sources reusing an id do not collide."""
    assert mention_id("feed-a", "id:1") == mention_id("feed-a", "id:1")
    assert mention_id("feed-a", "id:1") != mention_id("feed-b", "id:1")


def test_repeated_ids_inside_a_feed_stay_distinct():
    """Two different entries sharing an id get distinct keys; an exact repeat is dropped."""
    keys = EntryKeys()
    first = keys.key("1", "https://x/a", "A", "text a")
    second = keys.key("1", "https://x/b", "B", "text b")
    assert first and second and first != second
    assert keys.key("1", "https://x/b", "B", "text b") is None


def test_published_time_estimates_missing_and_future_dates():
    """No date or a date far in the future gives the fetch time, marked estimated."""
    past = NOW - timedelta(hours=2)
    assert published_time(past, NOW) == (past, False)
    assert published_time(None, NOW) == (NOW, True)
    assert published_time(NOW + timedelta(days=30), NOW) == (NOW, True)
    assert published_time(NOW + timedelta(minutes=5), NOW) == (NOW + timedelta(minutes=5), False)


@pytest.mark.parametrize(("candidates", "author"), [
    (("press@acme.example (Jeanne Dupont)",), "Jeanne Dupont"),
    (("Google Inc. (news@google.com)",), "Google Inc."),
    (("", None, "<b>Bob</b>"), "Bob"),
    ((None, ""), ""),
])
def test_pick_author(candidates: tuple[str | None, ...], author: str):
    """First non-empty candidate, markup removed, e-mail forms reduced to the name."""
    assert pick_author(*candidates) == author


def test_handle_from_url():
    """Fediverse and Bluesky post links name their account."""
    assert handle_from_url("https://mastodon.social/@Gargron/1099") == "@Gargron@mastodon.social"
    assert handle_from_url(
        "https://bsky.app/profile/kaedotcom.bsky.social/post/3mcf") == "@kaedotcom.bsky.social"
    assert handle_from_url("https://news.example/2024/story") == ""


def test_language_tag_and_counts():
    """Feed languages reduce to their primary subtag; counters parse or are None."""
    assert language_tag("fr-FR") == "fr" and language_tag("en_us") == "en"
    assert language_tag("") is None and language_tag("x-klingon-1") is None
    assert to_count("1,234") == 1234 and to_count("n/a") is None and to_count(True) is None


def test_make_mention_fills_every_field():
    """make_mention sets id, story, estimated time and clips the text; topics stay None."""
    m = make_mention(source="s", source_type="news", key="id:1", url="https://x.example/a",
                     title="T", text="y" * 30_000, author="A", published=None, fetched_at=NOW,
                     lang="fr", reach=5)
    assert m.id == mention_id("s", "id:1") and m.story == "https://x.example/a"
    assert m.published == NOW and m.published_estimated
    assert len(m.text) <= 20_001 and m.topics is None and m.lang == "fr" and m.reach == 5


@pytest.mark.parametrize("hostile", [
    "<script>" * 50_000,
    "<!--" * 80_000,
    "<a" * 100_000,
    "<p " + "x" * 300_000,
])
def test_html_to_text_is_linear_on_hostile_input(hostile: str):
    """Unclosed scripts, comments and tags repeated many times finish fast (no quadratic
    backtracking), and an unclosed script hides the rest."""
    start = time.perf_counter()
    html_to_text(hostile + " tail")
    assert time.perf_counter() - start < 1.0


def test_unclosed_script_hides_the_rest_and_cdata_is_unwrapped():
    """An unclosed <script> swallows what follows; CDATA markers vanish."""
    assert html_to_text("shown <script>var x = 1; hidden") == "shown"
    assert html_to_text("<![CDATA[<b>bold</b>]]>") == "bold"


def _random_urls(count: int, seed: int = 7) -> list[str]:
    import random

    rng = random.Random(seed)
    hosts = ["x.example", "X.Example", "news.google.com", "www.google.fr", "a-b.c0.example.",
             "host", "ex.com:80", "ex.com:8443", "user@ex.com", "[::1]", "xn--caf-dma.fr"]
    pieces = ["", "/", "/a", "/a/b", "//c", "/%41", "/é", "/a b", "/~x!$&'()*+,;=:@", "/a\tb",
              "?q=1", "?utm_source=x&id=2", "#frag", "/url?url=https://t.example/p", "/.."]
    return [rng.choice(["http://", "https://", "HTTP://", "ftp://", ""]) + rng.choice(hosts)
            + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 3)))
            for _ in range(count)]


def test_canonical_url_fast_path_gives_the_parsed_answer(monkeypatch):
    """Links taken as already canonical come back exactly as full parsing returns them."""
    import re

    from monitor import normalise

    urls = _random_urls(5000) + ["https://x.example", "http://a.b/c/", "https://x.example/a?"]
    fast = [canonical_url(url) for url in urls]
    hits = sum(bool(normalise._PLAIN_URL.match(url.strip())) for url in urls)
    monkeypatch.setattr(normalise, "_PLAIN_URL", re.compile(r"(?!)"))
    assert fast == [canonical_url(url) for url in urls]
    assert hits > 300  # the fast path is exercised
