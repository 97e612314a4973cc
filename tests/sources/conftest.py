"""Fixtures of the sources tests: the real feed server and a few small feed documents."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.feedserver import feed_server  # noqa: F401 - re-exported fixture

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Acme news</title><link>https://acme.example/</link>
<language>fr-FR</language>
<item><title>Acme recalls &lt;b&gt;kettles&lt;/b&gt;</title>
<link>https://acme.example/news/recall?utm_source=rss&amp;id=7#top</link>
<guid isPermaLink="false">recall-7</guid><author>press@acme.example (Jeanne Dupont)</author>
<pubDate>Mon, 02 Mar 2026 10:00:00 +0000</pubDate>
<description>&lt;p&gt;The kettle&amp;nbsp;may &lt;b&gt;overheat&lt;/b&gt;.&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description></item>
<item><title>Second story</title><link>/news/second</link>
<pubDate>Mon, 02 Mar 2026 11:00:00 +0000</pubDate><description>Plain text</description></item>
</channel></rss>
"""
