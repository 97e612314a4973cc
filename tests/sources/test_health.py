"""Feed health: failures, staleness, rolling entry rate."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from monitor.health import FeedHealth, HealthStatus, describe, record
from monitor.model import Mention
from monitor.sources.base import FetchResult, FetchState
from monitor.timeutil import to_epoch
from tests.sources.conftest import NOW


def mention(i: int, published, estimated: bool = False) -> Mention:
    return Mention(id=str(i), published=published, source="s", source_type="news", author="a",
                   url="", title="", text="t", published_estimated=estimated)


def ok(*mentions: Mention, warning: str | None = None) -> FetchResult:
    return FetchResult(status="ok", state=FetchState(), mentions=list(mentions), warning=warning,
                       http_status=200)


ERROR = FetchResult(status="error", state=FetchState(), error="HTTP 500 from x", http_status=500)


def test_success_records_time_and_new_entries():
    """A good poll sets last_success, counts entries of the last day, keeps the newest time."""
    h = record(FeedHealth(source="s"), ok(mention(1, NOW - timedelta(hours=1)),
                                          mention(2, NOW - timedelta(days=3))), NOW)
    assert h.last_success == to_epoch(NOW) and h.entries_today == 1
    assert h.last_entry_published == to_epoch(NOW - timedelta(hours=1))
    assert h.status == HealthStatus.OK


def test_repeated_entries_are_not_recounted():
    """Entries already seen (not newer than the newest) do not count again."""
    first = mention(1, NOW - timedelta(hours=1))
    h = record(FeedHealth(), ok(first), NOW)
    h = record(h, ok(first, mention(2, NOW - timedelta(minutes=5))), NOW + timedelta(minutes=5))
    assert h.entries_today == 2


def test_estimated_times_are_not_counted_on_the_first_poll():
    """On the first poll, undated entries neither count nor move the newest time."""
    h = record(FeedHealth(), ok(mention(1, NOW, estimated=True)), NOW)
    assert h.entries_today == 0 and h.last_entry_published is None


def test_undated_feed_counts_new_ids_and_is_not_stale():
    """A feed without dates: entries with unseen ids count as new and keep it fresh."""
    later = NOW + timedelta(hours=1)
    h = record(FeedHealth(), ok(mention(1, NOW, estimated=True)), NOW)
    h = record(h, ok(mention(2, later, estimated=True), mention(1, later, estimated=True)), later)
    assert h.entries_today == 1 and h.last_new_entry == to_epoch(later)
    assert h.staleness(later + timedelta(minutes=10)) == 600
    assert h.status_at(later + timedelta(minutes=10)) == HealthStatus.OK
    h = record(h, ok(mention(2, later, estimated=True)), later + timedelta(hours=1))
    assert h.entries_today == 1 and h.recent_ids[:1] == ["2"] and "1" in h.recent_ids


def test_late_entry_with_an_old_date_counts_as_new():
    """An entry first seen now but dated earlier than the newest still counts once."""
    h = record(FeedHealth(), ok(mention(1, NOW - timedelta(minutes=10))), NOW)
    h = record(h, ok(mention(1, NOW - timedelta(minutes=10)), mention(2, NOW - timedelta(hours=3))),
               NOW + timedelta(minutes=1))
    assert h.entries_today == 2


def test_failures_degrade_then_fail_then_recover():
    """1-2 failures: degraded; 3: failing, with the reason; a success resets."""
    h = FeedHealth()
    h = record(h, ok(mention(1, NOW)), NOW)
    statuses = []
    for i in range(3):
        h = record(h, ERROR, NOW + timedelta(minutes=i))
        statuses.append(h.status)
    assert statuses == ["degraded", "degraded", "failing"]
    assert h.last_error_reason == "HTTP 500 from x" and h.consecutive_failures == 3
    h = record(h, ok(mention(2, NOW + timedelta(minutes=4))), NOW + timedelta(minutes=5))
    assert h.status == "ok" and h.consecutive_failures == 0


def test_warning_degrades():
    """A document read despite problems leaves the feed degraded, with the warning."""
    h = record(FeedHealth(), ok(mention(1, NOW), warning="malformed"), NOW)
    assert h.status == "degraded" and h.last_warning == "malformed"


def test_not_modified_keeps_newest_entry():
    """A 304 is a success that changes nothing about entries."""
    h = record(FeedHealth(), ok(mention(1, NOW)), NOW)
    h2 = record(h, FetchResult(status="not_modified", state=FetchState(), http_status=304),
                NOW + timedelta(minutes=5))
    assert h2.last_entry_published == h.last_entry_published and h2.status == "ok"


def test_staleness_is_judged_against_the_usual_rate():
    """A feed with ~24 entries/day is stale after 6h of silence; one with 0.1/day is not."""
    busy = FeedHealth(last_success=to_epoch(NOW), entries_per_day=24.0,
                      last_entry_published=to_epoch(NOW - timedelta(hours=7)))
    slow = replace(busy, entries_per_day=0.1)
    assert busy.staleness(NOW) == 7 * 3600
    assert busy.status_at(NOW) == HealthStatus.STALE
    assert slow.status_at(NOW) == HealthStatus.OK
    assert busy.status_at(NOW, stale_after=8 * 3600) == HealthStatus.OK


def test_never_any_entry_is_stale():
    """A feed that answers but never had a dated entry is stale."""
    assert record(FeedHealth(), ok(), NOW).status == "stale"


def test_rolling_rate_over_days():
    """Day counts fold into entries_per_day; skipped days pull the rate down."""
    h = FeedHealth()
    for day in range(3):
        at = NOW + timedelta(days=day)
        fresh = [mention(100 * day + i, at - timedelta(minutes=i + 1)) for i in range(10)]
        h = record(h, ok(*fresh), at)
    h = record(h, ok(), NOW + timedelta(days=3))
    assert h.entries_per_day == 10.0
    h = record(h, ok(), NOW + timedelta(days=10))
    assert h.entries_per_day is not None and h.entries_per_day < 3


def test_dict_round_trip_and_describe():
    """to_dict/from_dict round-trip (unknown keys ignored); describe names the error."""
    h = record(record(FeedHealth(source="s"), ok(mention(1, NOW)), NOW), ERROR, NOW)
    assert FeedHealth.from_dict({**h.to_dict(), "future_field": 1}) == h
    assert FeedHealth.from_dict(None) == FeedHealth()
    assert "HTTP 500" in describe(h, NOW)
