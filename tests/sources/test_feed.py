"""parse_document: RSS, Atom, RDF and JSON Feed documents to Mentions."""

from __future__ import annotations

import gzip
from datetime import timedelta

import orjson

from monitor.normalise import mention_id
from monitor.sources.feed import parse_document
from tests.sources.conftest import NOW, RSS


def parse(body: bytes, content_type: str = "", source_type: str = "news"):
    return parse_document(body, url="https://acme.example/feed.xml", content_type=content_type,
                          source="acme", source_type=source_type, fetched_at=NOW)


def test_rss_entry_becomes_a_full_mention():
    """An RSS item gives plain title/text, canonical URL, author name, time, language."""
    doc = parse(RSS)
    assert doc.error is None and doc.warning is None and doc.feed_title == "Acme news"
    m = doc.mentions[0]
    assert m.title == "Acme recalls kettles"
    assert m.text == "The kettle may overheat."
    assert m.url == "https://acme.example/news/recall?id=7"
    assert m.story == m.url
    assert m.author == "Jeanne Dupont"
    assert m.published.isoformat() == "2026-03-02T10:00:00+00:00" and not m.published_estimated
    assert m.lang == "fr" and m.source == "acme" and m.source_type == "news"
    assert m.id == mention_id("acme", "id:recall-7")


def test_relative_link_and_missing_author_fall_back():
    """A relative link is resolved against the site; no author falls back to the host."""
    m = parse(RSS).mentions[1]
    assert m.url == "https://acme.example/news/second"
    assert m.author == "acme.example"


def test_ids_are_stable_across_polls():
    """Parsing the same document twice gives the same mention ids."""
    assert [m.id for m in parse(RSS).mentions] == [m.id for m in parse(RSS).mentions]


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Google Alert - Acme</title>
<entry><id>tag:google.com,2013:googlealerts/feed:1</id>
<title type="html">Acme &lt;b&gt;kettle&lt;/b&gt; fire</title>
<link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://paper.example/story%3Fid%3D3&amp;ct=ga"/>
<published>2026-03-02T09:00:00Z</published><updated>2026-03-02T09:00:00Z</updated>
<content type="html">A &lt;b&gt;kettle&lt;/b&gt; caught fire</content></entry>
</feed>"""


def test_google_alerts_links_are_unwrapped():
    """Google Alerts redirector links become the article URL; its host is the author."""
    m = parse(ATOM).mentions[0]
    assert m.url == "https://paper.example/story?id=3"
    assert m.title == "Acme kettle fire" and m.text == "A kettle caught fire"
    assert m.author == "paper.example"


SOCIAL = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>#acme</title>
<item><guid isPermaLink="true">https://mastodon.example/@ana/1</guid>
<link>https://mastodon.example/@ana/1</link><pubDate>Mon, 02 Mar 2026 08:00:00 +0000</pubDate>
<description>&lt;p&gt;My &lt;a href="x"&gt;#acme&lt;/a&gt; kettle exploded&lt;/p&gt;</description></item>
<item><guid>nothing-here</guid></item>
</channel></rss>"""


def test_social_post_without_title_keeps_text_and_handle():
    """A title-less post keeps its text, and its author comes from the post link;
    an entry with neither title, text nor link is skipped."""
    doc = parse(SOCIAL, source_type="social")
    assert len(doc.mentions) == 1
    m = doc.mentions[0]
    assert m.title == "" and m.text == "My #acme kettle exploded"
    assert m.author == "@ana@mastodon.example" and m.source_type == "social"


def test_repeated_guid_keeps_both_entries():
    """Two items sharing a guid but with different links are two mentions."""
    body = RSS.replace(b"<pubDate>Mon, 02 Mar 2026 11:00:00", b"<guid>recall-7</guid><pubDate>Mon, 02 Mar 2026 11:00:00")
    ids = [m.id for m in parse(body).mentions]
    assert len(ids) == 2 and len(set(ids)) == 2


def test_future_and_missing_dates_are_estimated():
    """A pubDate a year ahead and a missing date both take the fetch time, estimated."""
    body = RSS.replace(b"Mon, 02 Mar 2026 10:00:00", b"Tue, 02 Mar 2027 10:00:00")
    body = body.replace(b"<pubDate>Mon, 02 Mar 2026 11:00:00 +0000</pubDate>", b"")
    mentions = parse(body).mentions
    assert all(m.published == NOW and m.published_estimated for m in mentions)


def test_malformed_document_keeps_entries_with_a_warning():
    """An undefined entity makes the XML invalid, yet the entries are kept and a warning set."""
    body = RSS.replace(b"Second story", b"Second &eacute; story")
    doc = parse(body)
    assert doc.error is None and len(doc.mentions) == 2
    assert "malformed" in (doc.warning or "")


def test_wrong_charset_declaration_is_detected():
    """Latin-1 bytes declared as UTF-8 are detected and decoded correctly."""
    body = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
            + "<item><title>Problème de sécurité à l'usine</title><link>https://x.example/1</link>"
              "<description>Les employés évacués, la société réagit vite après l'incident.</description>"
              "</item></channel></rss>".encode("latin-1"))
    doc = parse(body)
    assert doc.mentions[0].title == "Problème de sécurité à l'usine"
    assert "charset" in (doc.warning or "") or "encoding" in (doc.warning or "")


def test_gzip_bytes_without_header_are_read():
    """A gzip-compressed document handed over as is still parses."""
    assert len(parse(gzip.compress(RSS)).mentions) == 2


def test_rdf_and_reach():
    """RSS 1.0 parses; slash:comments fills reach."""
    body = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:slash="http://purl.org/rss/1.0/modules/slash/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://x.example/"><title>X</title><link>https://x.example/</link></channel>
<item rdf:about="https://x.example/1"><title>One</title><link>https://x.example/1</link>
<dc:date>2026-03-01T10:00:00Z</dc:date><slash:comments>42</slash:comments></item></rdf:RDF>"""
    doc = parse(body)
    assert doc.format == "rss10" and doc.mentions[0].reach == 42


def test_youtube_views_fill_reach():
    """media:statistics views fill reach."""
    body = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"
 xmlns:media="http://search.yahoo.com/mrss/" xmlns:yt="http://www.youtube.com/xml/schemas/2015">
<title>chan</title><entry><id>yt:video:abc</id><title>Video</title>
<link rel="alternate" href="https://www.youtube.com/watch?v=abc"/><author><name>Chan</name></author>
<published>2026-03-01T10:00:00+00:00</published><media:group><media:title>Video</media:title>
<media:community><media:statistics views="1234"/></media:community></media:group></entry></feed>"""
    m = parse(body).mentions[0]
    assert m.reach == 1234 and m.author == "Chan" and m.url == "https://www.youtube.com/watch?v=abc"


def test_json_feed_items_become_mentions():
    """JSON Feed 1.1: ids (even numeric), HTML content, authors, language and dates."""
    feed = {
        "version": "https://jsonfeed.org/version/1.1", "title": "J", "language": "en-GB",
        "home_page_url": "https://j.example/",
        "items": [
            {"id": 1, "url": "/posts/1", "title": "Hello", "content_html": "<p>Hi <b>all</b></p>",
             "date_published": "2026-03-01T10:00:00-05:00", "authors": [{"name": "Zoe"}]},
            {"id": "2", "content_text": "Only text", "date_published": "Sun, 01 Mar 2026 09:00:00 +0000"},
            {"id": "3"},
            "not an object",
        ],
    }
    doc = parse(orjson.dumps(feed), content_type="application/feed+json")
    assert doc.format == "json1.1" and doc.feed_title == "J"
    first, second = doc.mentions
    assert first.url == "https://j.example/posts/1" and first.text == "Hi all"
    assert first.author == "Zoe" and first.lang == "en"
    assert first.published.isoformat() == "2026-03-01T15:00:00+00:00"
    assert first.id == mention_id("acme", "id:1")
    assert second.text == "Only text" and second.published.hour == 9
    assert "skipped" in (doc.warning or "")


def test_not_a_feed_is_an_error():
    """HTML, JSON that is no feed, an empty body and garbage are errors, never exceptions."""
    assert "not a" in (parse(b"<html><body>hello</body></html>").error or "")
    assert "JSON Feed" in (parse(b'{"hello": 1}').error or "")
    assert "not valid JSON" in (parse(b'{"items": [', content_type="application/json").error or "")
    assert parse(b"").error == "empty document"
    assert parse(bytes(range(256)) * 10).error is not None


def test_feed_with_no_items_is_fine():
    """A valid feed with no entries is a clean, empty read."""
    doc = parse(b'<?xml version="1.0"?><rss version="2.0"><channel><title>E</title></channel></rss>')
    assert doc.error is None and doc.mentions == []


def test_far_past_dates_are_kept():
    """An old entry keeps its date (only the future is clamped)."""
    body = RSS.replace(b"Mon, 02 Mar 2026 10:00:00", b"Mon, 02 Mar 2020 10:00:00")
    m = parse(body).mentions[0]
    assert NOW - m.published > timedelta(days=365 * 5) and not m.published_estimated


def test_link_shared_by_all_items_does_not_merge_stories():
    """Items that all point at the same page (no guid) stay distinct mentions and stories."""
    items = b"".join(
        b"<item><title>Issue %d</title><link>https://n.example/entries.php</link>"
        b"<description>Text %d</description></item>" % (i, i) for i in range(3))
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>' + items + b"</channel></rss>"
    mentions = parse(body).mentions
    assert len({m.id for m in mentions}) == 3
    assert len({m.story for m in mentions}) == 3 and all(m.story.startswith("h:") for m in mentions)


def test_content_type_does_not_override_the_bytes():
    """An RSS body labelled application/json is parsed as RSS, and a JSON Feed labelled
    text/xml as JSON."""
    assert len(parse(RSS, content_type="application/json").mentions) == 2
    feed = {"version": "https://jsonfeed.org/version/1", "items": [{"id": "1", "content_text": "x"}]}
    assert len(parse(orjson.dumps(feed), content_type="text/xml").mentions) == 1


def test_byte_level_defects_are_scrubbed_not_fatal():
    """NUL bytes and character references past U+10FFFF (which crash feedparser) are
    removed, the entries kept, and a warning says so."""
    body = RSS.replace(b"Second story", b"Second &#x110000; st\x00ory")
    doc = parse(body)
    assert doc.error is None and len(doc.mentions) == 2
    assert doc.mentions[1].title == "Second \ufffd story"
    assert "removed" in (doc.warning or "")
