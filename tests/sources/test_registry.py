"""The Source contract: registry, protocol, state round-trip, pool containment."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import pytest

from monitor.config.files import SourceConfig
from monitor.sources import SOURCES, fetch_all, make_source
from monitor.sources.base import FetchResult, FetchState, Source
from monitor.sources.feed import FeedSource
from monitor.sources.http import HttpClient
from monitor.sources.jsonl import JsonlSource
from monitor.timeutil import to_epoch
from tests.feedserver import FeedServer
from tests.sources.conftest import NOW, RSS


def test_make_source_builds_each_kind():
    """make_source picks the class by `kind`; each satisfies the Source protocol."""
    with HttpClient() as client:
        feed = make_source(SourceConfig(name="f", url="https://x.example/rss"), client)
        jsonl = make_source(SourceConfig(name="j", url="/tmp/x.jsonl", kind="jsonl"), None)
    assert isinstance(feed, FeedSource) and isinstance(jsonl, JsonlSource)
    assert isinstance(feed, Source) and isinstance(jsonl, Source)
    assert set(SOURCES) == {"feed", "jsonl"}


def test_fetch_state_round_trip():
    """FetchState survives to_dict/from_dict, tolerating unknown and missing keys."""
    state = FetchState(etag='"x"', last_modified="Mon, 02 Mar 2026 11:00:00 GMT",
                       consecutive_failures=2, next_poll_at=123.5, last_url="u", offset=9, line=3)
    assert FetchState.from_dict(state.to_dict()) == state
    assert FetchState.from_dict({"etag": "e", "new_field": 1}) == FetchState(etag="e")
    assert FetchState.from_dict({"offset": "12"}).offset == 12
    assert FetchState(next_poll_at=to_epoch(NOW)).due(NOW)


class _Crashing:
    kind: ClassVar[str] = "crash"

    def fetch(self, state: FetchState, now: datetime) -> FetchResult:
        raise RuntimeError("bug")


def test_fetch_all_runs_in_parallel_and_contains_crashes(feed_server: FeedServer):
    """fetch_all returns results in order; a source that raises yields an error result."""
    url = feed_server.route("/feed", body=RSS)
    with HttpClient() as client:
        good = make_source(SourceConfig(name="g", url=url), client)
        results = fetch_all([(good, FetchState()), (_Crashing(), FetchState())], NOW)
    assert [r.status for r in results] == ["ok", "error"]
    assert "RuntimeError: bug" in (results[1].error or "")


def test_unknown_kind_is_a_clear_error():
    """An unknown kind names the known ones."""
    cfg = SourceConfig.model_construct(name="x", url="u", kind="webhook")
    with pytest.raises(KeyError, match="known: feed, jsonl"):
        make_source(cfg, None)
