"""The shared HTTP client and FeedSource against a real loopback server."""

from __future__ import annotations

import random
import threading
from datetime import timedelta

import pytest

from monitor.config.files import SourceConfig
from monitor.sources.base import FetchState
from monitor.sources.feed import FeedSource
from monitor.sources.http import HttpClient, HttpSettings
from monitor.timeutil import to_epoch
from tests.feedserver import FeedServer
from tests.sources.conftest import NOW, RSS

FAST = HttpSettings(connect_timeout=2.0, read_timeout=0.5, total_timeout=2.0, max_bytes=200_000)


@pytest.fixture()
def client():
    with HttpClient(FAST) as c:
        yield c


def _source(url: str, client: HttpClient, interval: float = 300) -> FeedSource:
    cfg = SourceConfig(name="acme", url=url, interval=interval)
    return FeedSource(cfg, client, rng=random.Random(7))


def test_ok_fetch_returns_mentions_and_keeps_validators(feed_server: FeedServer, client):
    """A 200 feed yields its mentions, stores ETag/Last-Modified and schedules the next poll."""
    lm = "Mon, 02 Mar 2026 11:00:00 GMT"
    url = feed_server.route("/feed", body=RSS, etag='"v1"', last_modified=lm)
    result = _source(url, client).fetch(FetchState(), NOW)
    assert result.status == "ok" and result.http_status == 200
    assert [m.title for m in result.mentions] == ["Acme recalls kettles", "Second story"]
    assert result.state.etag == '"v1"' and result.state.last_modified == lm
    assert result.state.next_poll_at == to_epoch(NOW) + 300
    assert result.bytes == len(RSS)


def test_conditional_get_sends_validators_and_handles_304(feed_server: FeedServer, client):
    """The second poll sends If-None-Match/If-Modified-Since and a 304 is not_modified."""
    url = feed_server.route("/feed", body=RSS, etag='"v1"',
                            last_modified="Mon, 02 Mar 2026 11:00:00 GMT")
    source = _source(url, client)
    first = source.fetch(FetchState(), NOW)
    second = source.fetch(first.state, NOW + timedelta(minutes=5))
    assert second.status == "not_modified" and second.http_status == 304
    assert second.mentions == [] and second.state.etag == '"v1"'
    sent = feed_server.requests_for("/feed")[1].headers
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Mon, 02 Mar 2026 11:00:00 GMT"


def test_last_modified_alone_gives_304(feed_server: FeedServer, client):
    """A server with only Last-Modified answers 304 to If-Modified-Since."""
    url = feed_server.route("/feed", body=RSS, last_modified="Mon, 02 Mar 2026 11:00:00 GMT")
    source = _source(url, client)
    first = source.fetch(FetchState(), NOW)
    assert first.state.etag is None
    assert source.fetch(first.state, NOW).status == "not_modified"


def test_server_error_backs_off(feed_server: FeedServer, client):
    """A 500 is an error result, counts a failure and pushes next_poll_at back."""
    url = feed_server.route("/feed", body=b"oops", status=500)
    state = FetchState(consecutive_failures=3)
    result = _source(url, client, interval=60).fetch(state, NOW)
    assert result.status == "error" and result.http_status == 500
    assert "HTTP 500" in (result.error or "")
    assert result.state.consecutive_failures == 4
    assert to_epoch(NOW) + 60 <= result.state.next_poll_at <= to_epoch(NOW) + 60 * 8


def test_429_retry_after_seconds_is_honoured(feed_server: FeedServer, client):
    """429 with Retry-After: 3600 parks the feed for at least an hour."""
    url = feed_server.route("/feed", status=429, body=b"slow down", retry_after="3600")
    result = _source(url, client, interval=60).fetch(FetchState(), NOW)
    assert result.status == "error" and result.retry_after == 3600
    assert result.state.next_poll_at >= to_epoch(NOW) + 3600


def test_retry_after_http_date_is_honoured(feed_server: FeedServer, client):
    """Retry-After given as an HTTP date counts from the `now` passed in."""
    url = feed_server.route("/feed", status=503, body=b"x",
                            retry_after="Mon, 02 Mar 2026 14:00:00 GMT")
    result = _source(url, client, interval=60).fetch(FetchState(), NOW)
    assert result.retry_after == 7200
    assert result.state.next_poll_at >= to_epoch(NOW) + 7200


def test_slow_answer_times_out(feed_server: FeedServer, client):
    """A server that does not answer within the read timeout is an error, not a hang."""
    url = feed_server.route("/feed", body=RSS, delay=1.5)
    result = _source(url, client).fetch(FetchState(), NOW)
    assert result.status == "error" and "timeout" in (result.error or "")


def test_trickled_body_hits_total_deadline(feed_server: FeedServer, client):
    """A body trickled in small pieces (each within the read timeout) is cut at the deadline."""
    url = feed_server.route("/feed", body=RSS * 20, chunk_size=200, trickle=0.2)
    result = _source(url, client).fetch(FetchState(), NOW)
    assert result.status == "error" and "timed out" in (result.error or "")


def test_redirects_are_followed_and_recorded(feed_server: FeedServer, client):
    """A redirect chain within the limit is followed; last_url is the final URL."""
    final = feed_server.route("/final", body=RSS)
    feed_server.route("/b", redirect="/final", status=301)
    url = feed_server.route("/a", redirect=feed_server.url("/b"))
    result = _source(url, client).fetch(FetchState(), NOW)
    assert result.status == "ok" and result.state.last_url == final
    assert len(result.mentions) == 2


def test_redirect_loop_is_an_error(feed_server: FeedServer, client):
    """A redirect loop stops after 5 redirects with a clear reason."""
    feed_server.route("/x", redirect="/y")
    url = feed_server.route("/y", redirect="/x")
    result = _source(url, client).fetch(FetchState(), NOW)
    assert result.status == "error" and "too many redirects" in (result.error or "")
    assert len(feed_server.requests_for("/x")) + len(feed_server.requests_for("/y")) == 6


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate", "gzip-unlabelled"])
def test_compressed_bodies_are_decoded(feed_server: FeedServer, client, encoding: str):
    """gzip, zlib deflate, raw deflate and header-less gzip bodies all parse."""
    url = feed_server.route("/feed", body=RSS, encoding=encoding)
    result = _source(url, client).fetch(FetchState(), NOW)
    assert result.status == "ok", result.error
    assert [m.title for m in result.mentions][0] == "Acme recalls kettles"
    assert feed_server.requests_for("/feed")[0].headers["accept-encoding"] == "gzip, deflate"


def test_wrong_declared_charset_is_repaired(feed_server: FeedServer, client):
    """UTF-8 bytes served as ISO-8859-1 are read as UTF-8, with a warning."""
    body = RSS.replace(b"Second story", "Crème brûlée scandale".encode())
    url = feed_server.route("/feed", body=body.replace(b'encoding="utf-8"', b'encoding="iso-8859-1"'),
                            content_type="application/rss+xml; charset=iso-8859-1")
    result = _source(url, client).fetch(FetchState(), NOW)
    assert result.status == "ok"
    assert result.mentions[1].title == "Crème brûlée scandale"
    assert "UTF-8" in (result.warning or "")


def test_truncated_body_is_an_error(feed_server: FeedServer, client):
    """Content-Length larger than what is sent (connection closed) is a truncated-body error."""
    url = feed_server.route("/feed", body=RSS, truncate_to=100)
    result = _source(url, client).fetch(FetchState(), NOW)
    assert result.status == "error" and "truncated" in (result.error or "")
    assert result.state.etag is None


def test_oversize_declared_body_is_refused(feed_server: FeedServer, client):
    """A Content-Length past the cap is refused before reading the body."""
    url = feed_server.route("/feed", body=b"x" * 300_000)
    result = _source(url, client).fetch(FetchState(), NOW)
    assert result.status == "error" and "larger than" in (result.error or "")


def test_oversize_chunked_body_is_aborted(feed_server: FeedServer, client):
    """A chunked body without Content-Length is aborted once past the cap."""
    url = feed_server.route("/feed", body=b"<rss>" + b"x" * 400_000, chunked=True)
    result = _source(url, client).fetch(FetchState(), NOW)
    assert result.status == "error" and "larger than" in (result.error or "")


def test_gzip_bomb_is_stopped_at_the_cap(feed_server: FeedServer, client):
    """A small gzip body that inflates past the cap is refused."""
    url = feed_server.route("/feed", body=b" " * 5_000_000, encoding="gzip")
    result = _source(url, client).fetch(FetchState(), NOW)
    assert result.status == "error" and "decompressed" in (result.error or "")


def test_html_page_is_an_error_not_an_exception(feed_server: FeedServer, client):
    """A 200 HTML page (a login wall, a moved feed) marks the feed in error."""
    url = feed_server.route("/feed", body=b"<html><body><p>Please log in</p></body></html>",
                            content_type="text/html")
    result = _source(url, client).fetch(FetchState(), NOW)
    assert result.status == "error" and "not a" in (result.error or "")


def test_connection_refused_is_an_error(client):
    """Nothing listening is an error result with the reason."""
    result = _source("http://127.0.0.1:9/feed", client).fetch(FetchState(), NOW)
    assert result.status == "error" and "cannot connect" in (result.error or "")


def test_keep_alive_reuses_the_connection(feed_server: FeedServer, client):
    """Successive polls of one host reuse one TCP connection."""
    url = feed_server.route("/feed", body=RSS)
    source = _source(url, client)
    for _ in range(3):
        assert source.fetch(FetchState(), NOW).status == "ok"
    assert len({r.client_port for r in feed_server.requests_for("/feed")}) == 1


def test_per_host_concurrency_is_limited(feed_server: FeedServer):
    """No more than `per_host` requests to one host are in flight at once."""
    url = feed_server.route("/feed", body=RSS, delay=0.15)
    with HttpClient(HttpSettings(per_host=2, read_timeout=5)) as limited:
        threads = [threading.Thread(target=limited.get, args=(url,)) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert len(feed_server.requests_for("/feed")) == 8
    assert feed_server.max_in_flight == 2


@pytest.mark.parametrize(("url", "reason"), [
    ("http://[::1", "invalid URL"),
    ("http://", "not an http(s) URL"),
    ("ftp://example.org/feed", "not an http(s) URL"),
])
def test_malformed_urls_are_errors(client, url: str, reason: str):
    """A malformed or non-HTTP URL is an error result naming the problem."""
    result = _source(url, client).fetch(FetchState(), NOW)
    assert result.status == "error" and reason in (result.error or "")
