"""Feed health: is each source answering, and is it still publishing? Pure.

`record(health, result, now)` folds one FetchResult into a FeedHealth; `status_at(now)`
and `staleness(now)` judge it against a time passed in. The caller persists it with
`to_dict`/`from_dict`. The detector uses the share of healthy sources as coverage, so a
silence caused by broken feeds is called a blind spot, not calm.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from monitor.sources.base import FetchResult
from monitor.timeutil import from_epoch, to_epoch

FAILING_AFTER = 3  # consecutive failed polls before a feed is "failing"
MIN_STALE = 6 * 3600.0  # never call a feed stale sooner than this
MAX_STALE = 14 * 86400.0
DEFAULT_STALE = 7 * 86400.0  # when the feed's rate is not known yet
STALE_GAPS = 5.0  # stale after this many usual gaps between entries
RATE_DAYS = 7  # horizon of the rolling entries-per-day mean
MAX_GAP_DAYS = 30
ID_PREFIX = 12  # characters of a mention id kept to recognise entries already seen
EXTRA_IDS = 200  # ids kept beyond the current document's (entries that scrolled off)


class HealthStatus(StrEnum):
    OK = "ok"
    DEGRADED = "degraded"  # recent failure(s) or a malformed document read anyway
    FAILING = "failing"  # FAILING_AFTER consecutive failures
    STALE = "stale"  # answering, but nothing new for much longer than usual


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """Health of one source. Times are epoch seconds (None: never happened)."""

    source: str = ""
    last_attempt: float | None = None
    last_success: float | None = None
    last_error: float | None = None
    last_error_reason: str | None = None
    last_warning: str | None = None
    last_http_status: int | None = None
    consecutive_failures: int = 0
    day: str = ""  # UTC date that entries_today counts
    entries_today: int = 0
    entries_per_day: float | None = None  # rolling mean over about RATE_DAYS days
    last_entry_published: float | None = None
    last_new_entry: float | None = None  # when an entry not seen before last appeared
    status: str = HealthStatus.OK.value  # as judged at the last record
    # Id prefixes of the entries seen lately: "new" means unseen, whatever the feed's dates
    # say (some feeds have none, some publish late with old dates).
    recent_ids: list[str] = field(default_factory=list)

    def staleness(self, now: datetime) -> float | None:
        """Seconds since the newest entry (by published time, or by when an undated entry
        first appeared); None if no entry was ever seen."""
        times = [t for t in (self.last_entry_published, self.last_new_entry) if t is not None]
        if not times:
            return None
        return max(0.0, to_epoch(now) - max(times))

    def stale_after(self) -> float:
        """Silence (seconds) past which the feed is stale: STALE_GAPS usual gaps between
        entries, within [MIN_STALE, MAX_STALE]; DEFAULT_STALE while the rate is unknown."""
        if not self.entries_per_day:
            return DEFAULT_STALE
        gap = 86400.0 / self.entries_per_day
        return min(MAX_STALE, max(MIN_STALE, STALE_GAPS * gap))

    def status_at(self, now: datetime, stale_after: float | None = None) -> HealthStatus:
        """failing > degraded > stale > ok, judged at `now`."""
        if self.consecutive_failures >= FAILING_AFTER:
            return HealthStatus.FAILING
        if self.consecutive_failures > 0 or self.last_warning:
            return HealthStatus.DEGRADED
        if self.last_success is None:
            return HealthStatus.OK
        silence = self.staleness(now)
        limit = stale_after if stale_after is not None else self.stale_after()
        if silence is None or silence > limit:
            return HealthStatus.STALE
        return HealthStatus.OK

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> FeedHealth:
        """Inverse of `to_dict`; unknown keys ignored, missing ones defaulted."""
        if not data:
            return cls()
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        values["recent_ids"] = list(values.get("recent_ids") or [])
        return cls(**values)


def _roll(health: FeedHealth, today: str) -> FeedHealth:
    """Close the counted day(s) into the rolling mean when `today` is a new UTC day."""
    if health.day == today:
        return health
    if not health.day:
        return replace(health, day=today, entries_today=0)
    alpha = 2.0 / (RATE_DAYS + 1)
    rate = health.entries_per_day
    rate = float(health.entries_today) if rate is None else rate + alpha * (
        health.entries_today - rate)
    gap = (datetime.fromisoformat(today) - datetime.fromisoformat(health.day)).days - 1
    for _ in range(max(0, min(gap, MAX_GAP_DAYS))):
        rate -= alpha * rate  # days without a poll or an entry count as zero
    return replace(health, day=today, entries_today=0, entries_per_day=round(rate, 4))


def record(health: FeedHealth, result: FetchResult, now: datetime) -> FeedHealth:
    """`health` after one poll whose outcome is `result`, made at `now`.

    New entries are those whose id was not seen lately. On the first poll, when nothing
    was seen yet, only entries published within the last day count (a feed's backlog is
    not today's activity) and undated ones do not.
    """
    epoch = to_epoch(now)
    health = _roll(health, now.date().isoformat())
    changes: dict[str, Any] = {"last_attempt": epoch, "last_http_status": result.http_status}
    if result.status == "error":
        changes.update(
            last_error=epoch,
            last_error_reason=result.error or "unknown error",
            consecutive_failures=health.consecutive_failures + 1,
        )
    else:
        changes.update(last_success=epoch, consecutive_failures=0,
                       last_warning=result.warning if result.status == "ok" else None)
        since = health.last_entry_published
        times = [to_epoch(m.published) for m in result.mentions if not m.published_estimated]
        if result.status == "ok" and result.mentions:
            ids = [m.id[:ID_PREFIX] for m in result.mentions]
            if health.recent_ids:
                seen = set(health.recent_ids)
                new = sum(1 for i in ids if i not in seen)
            else:
                floor = to_epoch(now - timedelta(days=1))
                new = sum(1 for t in times if t > floor)
            current = set(ids)
            older = [i for i in health.recent_ids if i not in current][:EXTRA_IDS]
            changes["recent_ids"] = list(dict.fromkeys(ids)) + older
            changes["entries_today"] = health.entries_today + new
            if new:
                changes["last_new_entry"] = epoch
        if times:
            newest = max(times)
            if since is None or newest > since:
                changes["last_entry_published"] = newest
    health = replace(health, **changes)
    return replace(health, status=health.status_at(now).value)


def describe(health: FeedHealth, now: datetime) -> str:
    """One line for `vigie feeds` and logs."""
    status = health.status_at(now)
    parts = [f"{health.source or '?'}: {status.value}"]
    if status in (HealthStatus.FAILING, HealthStatus.DEGRADED) and health.last_error_reason:
        parts.append(f"last error: {health.last_error_reason}")
    if health.last_warning:
        parts.append(f"warning: {health.last_warning}")
    if health.entries_per_day is not None:
        parts.append(f"{health.entries_per_day:.1f} entries/day")
    if health.last_entry_published is not None:
        parts.append(f"newest entry {from_epoch(health.last_entry_published):%Y-%m-%d %H:%M}Z")
    return "; ".join(parts)
