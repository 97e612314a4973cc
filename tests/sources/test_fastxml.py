"""The ElementTree fast path gives exactly the mentions feedparser's path gives."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import pytest

from monitor.sources import feed
from monitor.sources.fastxml import parse_fast

NOW = datetime(2026, 11, 26, tzinfo=UTC)
_HEADER = re.compile(rb"Header:\s*Content-type:\s*([^\r\n]+)", re.I)


@pytest.fixture()
def both_paths() -> Iterator[None]:
    previous = feed.set_fast_path(True)
    yield
    feed.set_fast_path(previous)


def _both(body: bytes, content_type: str = "") -> tuple[feed.ParsedDocument, feed.ParsedDocument]:
    kw = dict(url="https://example.org/feed", content_type=content_type, source="s",
              source_type="news", fetched_at=NOW)
    feed.set_fast_path(True)
    fast = feed.parse_document(body, **kw)
    feed.set_fast_path(False)
    slow = feed.parse_document(body, **kw)
    return fast, slow


def _accepted(body: bytes, content_type: str = "") -> bool:
    stripped = body.lstrip()
    return parse_fast(stripped if stripped[:5] == b"<?xml" else body, content_type) is not None


RSS_ITEMS = [
    # HTML description, CDATA, entities, RFC 822 zones, guid isPermaLink=false
    "<item><title>Caf&#233; &amp; cr&#xE8;me</title><link>https://a.example/1?x=1&amp;y=2</link>"
    "<guid isPermaLink='false'>tag-1</guid><pubDate>Tue, 03 Mar 2026 10:00:00 +0100</pubDate>"
    "<description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&amp;nbsp;!&lt;/p&gt;</description></item>",
    "<item><title><![CDATA[A <i>CDATA</i> title]]></title><guid>https://a.example/2</guid>"
    "<pubDate>Tue, 03 Mar 2026 10:00:00 EST</pubDate><dc:creator>Jean Dupont</dc:creator>"
    "<description><![CDATA[<p>Some <a href='/x'>link</a></p>]]></description>"
    "<content:encoded><![CDATA[<div>Full <em>body</em> text</div>]]></content:encoded></item>",
    "<item><title>Plain &amp; simple</title><link>/relative/3</link>"
    "<pubDate>03 Mar 2026 10:00 GMT</pubDate><author>x@y.example (X Y)</author>"
    "<slash:comments>1,234</slash:comments><category>c</category>"
    "<enclosure url='https://a.example/e.mp3' type='audio/mpeg' length='1'/></item>",
    "<item><title>Zulu</title><guid isPermaLink='true'>https://a.example/4</guid>"
    "<pubDate>Tue, 3 Mar 2026 10:00:00 Z</pubDate><description>no markup here</description>"
    "<description>second description</description><source url='https://s.example/rss'>Src</source></item>",
    "<item><title>Pacific</title><pubDate>Tue, 03 Mar 2026 10:00:00 PDT</pubDate>"
    "<description>a &lt; b and c &gt; d</description><dc:date>2026-03-03T09:00:00Z</dc:date></item>",
]


def _rss(items: list[str], channel_extra: str = "") -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0' "
        "xmlns:dc='http://purl.org/dc/elements/1.1/' "
        "xmlns:content='http://purl.org/rss/1.0/modules/content/' "
        "xmlns:slash='http://purl.org/rss/1.0/modules/slash/'><channel><title>T &amp; co</title>"
        f"<link>https://a.example/</link><language>fr-FR</language>{channel_extra}"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def _atom(entries: list[str]) -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
        "xml:lang='en-GB'><title type='html'>Blog &amp;lt;3</title>"
        "<link href='https://b.example/'/><id>tag:b.example,2026:feed</id>"
        f"<author><name>Owner</name></author>{''.join(entries)}</feed>"
    ).encode()


ATOM_ENTRIES = [
    "<entry><title type='html'>&lt;b&gt;Bold&lt;/b&gt; move</title><id>tag:b,1</id>"
    "<link rel='alternate' href='https://b.example/1'/><updated>2026-03-03T10:00:00+02:00</updated>"
    "<summary type='html'>&lt;p&gt;Sum &amp;amp; mary&lt;/p&gt;</summary>"
    "<author><name>Ann</name><email>ann@b.example</email></author></entry>",
    "<entry><title type='text'>Text &amp; title</title><id>https://b.example/2</id>"
    "<published>2026-03-03T10:00:00Z</published><updated>2026-03-04T10:00:00Z</updated>"
    "<content type='html'>&lt;p&gt;Body&lt;/p&gt;</content><summary>first</summary></entry>",
    "<entry xml:lang='fr'><title>Sans lien</title><id>urn:x:3</id>"
    "<content type='text'>Texte brut</content><summary>s1</summary><summary>s2</summary></entry>",
]


def test_generated_rss_matches_feedparser(both_paths: None):
    """Generated RSS 2.0 (HTML, CDATA, entities, RFC 822 zones, guids, dc:creator,
    content:encoded, counters, enclosures) is accepted and read exactly like feedparser."""
    for i in range(len(RSS_ITEMS)):
        body = _rss(RSS_ITEMS[i:] + RSS_ITEMS[:i])
        assert _accepted(body)
        fast, slow = _both(body)
        assert fast.mentions and fast == slow
    fast, slow = _both(_rss(RSS_ITEMS), "application/rss+xml; charset=UTF-8")
    assert fast == slow


def test_generated_atom_matches_feedparser(both_paths: None):
    """Generated Atom 1.0 with text and html types, xml:lang, authors, repeated
    summaries is accepted and read exactly like feedparser."""
    body = _atom(ATOM_ENTRIES)
    assert _accepted(body)
    fast, slow = _both(body, "application/atom+xml")
    assert len(fast.mentions) == 3 and fast == slow


def test_xhtml_content_falls_back(both_paths: None):
    """Atom xhtml content is refused by the fast path and still read (by feedparser)."""
    body = _atom(["<entry><title>x</title><id>tag:x</id><content type='xhtml'>"
                  "<div xmlns='http://www.w3.org/1999/xhtml'><p>Hi <b>there</b></p></div>"
                  "</content></entry>"])
    assert not _accepted(body)
    fast, slow = _both(body)
    assert fast == slow and fast.mentions[0].text == "Hi there"


@pytest.mark.parametrize("body", [
    b"<?xml version='1.0'?><!DOCTYPE rss [<!ENTITY x 'y'>]><rss version='2.0'><channel>"
    b"<item><title>&x;</title></item></channel></rss>",
    b"<?xml version='1.0' encoding='iso-8859-1'?><rss version='2.0'><channel><item>"
    b"<title>caf\xe9</title></item></channel></rss>",
    b"<rss version='0.91'><channel><item><title>old</title></item></channel></rss>",
    b"<rss version='2.0'><channel><item><title>broken</item></channel></rss>",
    b"<rss version='2.0' xmlns='http://unknown.example/'><channel><item><title>t</title>"
    b"</item></channel></rss>",
    b"<rss version='2.0' xmlns:x='urn:x'><channel><item x:lang='de'><title>t</title>"
    b"</item></channel></rss>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>t</title><source><title>s"
    b"</title></source></entry></feed>",
])
def test_unusual_documents_fall_back(body: bytes):
    """DOCTYPE/entities, legacy charsets, other versions, malformed XML, a foreign
    `lang` attribute (feedparser reads it as xml:lang) and Atom <source> are refused."""
    assert not _accepted(body)


def _corpus(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".md")


@pytest.mark.shared
def test_corpus_fast_path_equals_feedparser(shared_dir: Path, both_paths: None):
    """For every shared feed document the fast path accepts, the parsed document
    (every mention field, warning, feed title, format) equals the feedparser path's."""
    accepted, differ = 0, []
    for path in _corpus(shared_dir / "feeds"):
        body = path.read_bytes()
        match = _HEADER.search(body[:2000])
        ct = match.group(1).decode("latin-1").strip() if match else ""
        if not _accepted(body, ct):
            continue
        accepted += 1
        fast, slow = _both(body, ct)
        if fast != slow:
            differ.append(str(path.relative_to(shared_dir)))
    assert differ == []
    assert accepted >= 200  # the fast path covers the clean share of the corpus


# --- randomised differential test: entry keys the mapping reads, fast vs feedparser -----

_TEXTS = ["Plain", "Caf&#233; &amp; cr&#xE8;me", "&lt;b&gt;bold&lt;/b&gt; text",
          "<![CDATA[<p>cdata <i>x</i></p>]]>", "a &lt; b", "Ã©tÃ© mojibake", "&#195;&#169;t&#195;&#169;",
          "ctl &#150; &#147;q&#148;", "", "  spaced  ", "https://u.example/p?a=1&amp;b=2",
          "/rel/path", "tag:x,2026:1", "a@b.example (Ann B)", "&#8364; euro"]
_DATES = ["Tue, 03 Mar 2026 10:00:00 +0100", "Tue, 03 Mar 2026 10:00:00 EST", "2026-03-03T10:00:00Z",
          "03 Mar 2026 10:00 GMT", "2026-03-03T10:00:00+02:00", "garbage", ""]
_RSS_NS = ("xmlns:dc='http://purl.org/dc/elements/1.1/' "
           "xmlns:content='http://purl.org/rss/1.0/modules/content/' "
           "xmlns:itunes='http://www.itunes.com/dtds/podcast-1.0.dtd' "
           "xmlns:media='http://search.yahoo.com/mrss/' xmlns:atom='http://www.w3.org/2005/Atom' "
           "xmlns:x='urn:x' xmlns:feedburner='http://rssnamespace.org/feedburner/ext/1.0'")
_RSS_PARTS = [
    "<title>{t}</title>", "<title type='html'>{t}</title>", "<link>{t}</link>",
    "<description>{t}</description>", "<guid>{t}</guid>", "<guid isPermaLink='false'>{t}</guid>",
    "<pubDate>{d}</pubDate>", "<dc:date>{d}</dc:date>", "<author>{t}</author>",
    "<dc:creator>{t}</dc:creator>", "<content:encoded>{t}</content:encoded>",
    "<source url='https://s.example/'>{t}</source>", "<itunes:summary>{t}</itunes:summary>",
    "<itunes:author>{t}</itunes:author>", "<media:title>{t}</media:title>",
    "<media:content url='https://m.example/x.jpg'><media:description>{t}</media:description>"
    "</media:content>", "<feedburner:origLink>{t}</feedburner:origLink>",
    "<atom:link href='/rel' rel='alternate'/>", "<x:foo>{t}</x:foo>", "<image>https://i.example/</image>",
]
_CHANNEL_PARTS = ["<title>{t}</title>", "<link>{t}</link>", "<language>fr-CA</language>",
                  "<managingEditor>{t}</managingEditor>", "<itunes:author>{t}</itunes:author>",
                  "<itunes:owner><itunes:name>{t}</itunes:name><itunes:email>o@x.example"
                  "</itunes:email></itunes:owner>", "<itunes:summary>{t}</itunes:summary>"]
_ATOM_PARTS = [
    "<title type='html'>{t}</title>", "<title>{t}</title>", "<id>{t}</id>",
    "<link href='/rel' rel='alternate'/>", "<link href='https://a.example/2'/>",
    "<link href='https://a.example/e' rel='enclosure'/>", "<updated>{d}</updated>",
    "<published>{d}</published>", "<summary type='html'>{t}</summary>", "<summary>{t}</summary>",
    "<content type='html'>{t}</content>", "<content>{t}</content>",
    "<author><name>{t}</name><email>e@x.example</email></author>", "<author><name>{t}</name></author>",
    "<media:group><media:title>{t}</media:title><media:community>"
    "<media:statistics views='123'/></media:community></media:group>", "<x:foo>{t}</x:foo>",
]


def _pick(rng: random.Random, parts: list[str], most: int) -> str:
    return "".join(rng.choice(parts).format(t=rng.choice(_TEXTS), d=rng.choice(_DATES))
                   for _ in range(rng.randint(0, most)))


def _random_doc(seed: int) -> bytes:
    rng = random.Random(seed)
    if seed % 2:
        items = ["<item" + rng.choice(["", " xml:lang='de'"]) + ">"
                 + _pick(rng, _RSS_PARTS, 9) + "</item>" for _ in range(rng.randint(1, 4))]
        base = rng.choice(["", " xml:base='https://base.example/dir/'"])
        return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0' {_RSS_NS}{base}>"
                f"<channel>{_pick(rng, _CHANNEL_PARTS, 5)}{''.join(items)}</channel></rss>").encode()
    entries = ["<entry" + rng.choice(["", " xml:base='https://e.example/x/'"]) + ">"
               + _pick(rng, _ATOM_PARTS, 9) + "</entry>" for _ in range(rng.randint(1, 4))]
    return ("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
            "xmlns:media='http://search.yahoo.com/mrss/' xmlns:x='urn:x' xml:lang='en'>"
            f"{_pick(rng, ['<title>{t}</title>', '<author><name>{t}</name></author>'], 3)}"
            f"{''.join(entries)}</feed>").encode()


_KEYS = ("id", "guidislink", "link", "feedburner_origlink", "title", "summary",
         "published_parsed", "updated_parsed", "author", "source", "media_statistics")


def _view(entry: dict) -> dict:
    """What the mapping reads from one entry, details and lists reduced to their fields."""
    def detail(d: dict | None) -> tuple | None:
        return None if d is None else (d.get("type"), d.get("language"), d.get("value"))
    view = {k: dict.get(entry, k) for k in _KEYS}
    view["title_detail"] = detail(dict.get(entry, "title_detail"))
    view["summary_detail"] = detail(dict.get(entry, "summary_detail"))
    view["content"] = [(c.get("type"), c.get("value")) for c in entry.get("content") or ()]
    view["links"] = [(x.get("rel"), x.get("href")) for x in entry.get("links") or ()]
    return view


def test_random_documents_give_feedparser_entries(both_paths: None):
    """On 400 random RSS/Atom documents (element order, duplicates, entities, mojibake,
    xml:base, authors, media groups) the fast path's entries and feed keys equal
    feedparser's, and so do the mentions."""
    for seed in range(400):
        body = _random_doc(seed)
        fast = parse_fast(body)
        assert fast is not None, seed
        slow = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
        assert [_view(e) for e in fast.entries] == [_view(e) for e in slow.entries], seed
        for key in ("title", "link", "language", "author"):
            assert fast["feed"].get(key) == dict.get(slow.feed, key), (seed, key)
        a, b = _both(body)
        assert a == b, seed
