"""The live watch: what each Celery task does, as plain functions over a `Context`.

Tasks stay thin (workers/tasks.py): they build nothing, they call these. These functions do
the I/O (Redis, HTTP through sources, the archive) around the pure core, and take `now` from
their caller, so tests drive them with fixed times.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, cast

import redis

from monitor import archive
from monitor.config.files import VigieConfig, load_config
from monitor.config.reload import Reloading
from monitor.config.settings import Settings
from monitor.detection.engine import TopicState
from monitor.health import FeedHealth, record
from monitor.indicators import STORED_WIDTHS
from monitor.model import Alert, AlertStatus, EpisodeEvent, Mention
from monitor.pipeline import Ingestor, batch_token, count
from monitor.replay import detectors_for
from monitor.rules.cache import RuleCache
from monitor.rules.evaluate import RuleEngine
from monitor.rules.loader import RuleSet
from monitor.sources import make_source
from monitor.sources.base import FetchState
from monitor.sources.http import HttpClient
from monitor.store import PREFIX, connect
from monitor.store import mentions as mentions_store
from monitor.store.buckets import RedisBuckets
from monitor.store.silences import AlertLog, RuleStateStore, SilenceStore
from monitor.store.state import JsonState
from monitor.timeutil import floor_to, from_epoch, parse_duration, to_epoch

log = logging.getLogger(__name__)

INGEST_BATCH = 200  # ~85% of the machine's ceiling at 100+ mentions per task; one per task is ~4%
DUE_KEY = f"{PREFIX}feeds:due"
FIRST_SEEN = f"{PREFIX}topics:first_seen"  # earliest event time counted, per topic
FIRST_INGEST = f"{PREFIX}topics:first_ingest"  # wall time of the topic's first ingestion
MAX_CATCH_UP = 3 * 86400  # after a long outage, resume detection at most this far back


@dataclass
class Context:
    """Per-process handles: one Redis client, one HTTP client, configs reloaded on change."""

    settings: Settings
    client: redis.Redis
    config: Reloading[VigieConfig]
    _ingestors: dict[int, Ingestor] = field(default_factory=dict)
    _rules: RuleCache | None = None

    @classmethod
    def create(cls, settings: Settings | None = None) -> Context:
        settings = settings or Settings.from_env()
        path = settings.config_path
        return cls(
            settings=settings,
            client=connect(settings),
            config=Reloading(lambda: load_config(path), lambda: [path], str(path)),
        )

    @cached_property
    def http(self) -> HttpClient:
        return HttpClient()

    def ingestor(self, config: VigieConfig) -> Ingestor:
        # Rebuilt only when the config object changes (a reload), not per task.
        key = id(config)
        if key not in self._ingestors:
            self._ingestors.clear()
            self._ingestors[key] = Ingestor.from_config(config)
        return self._ingestors[key]

    def rules(self) -> RuleSet:
        """The alert rules, reloaded when a file changes; a bad edit keeps the last good set."""
        if self._rules is None:
            config = self.config.get()
            self._rules = RuleCache(
                self.settings.rules_dir or config.resolve(config.rules_dir),
                self.settings.playbooks_dir or config.resolve(config.playbooks_dir),
            )
        return self._rules.get()

    def buckets(self, config: VigieConfig) -> RedisBuckets:
        return RedisBuckets.from_config(self.client, config.retention)

    @property
    def archive_dir(self) -> Path:
        return self.settings.data_dir / "archive"


# -- polling ---------------------------------------------------------------------------------

def due_sources(ctx: Context, now: float) -> list[str]:
    """Sources whose next poll is due, each claimed by exactly one dispatcher."""
    config = ctx.config.get()
    names = {s.name for s in config.sources}
    if names:
        ctx.client.zadd(DUE_KEY, {name: now for name in names}, nx=True)
    present = cast(list[bytes], ctx.client.zrange(DUE_KEY, 0, -1))
    stale = [m for m in present if m.decode() not in names]
    if stale:
        ctx.client.zrem(DUE_KEY, *stale)
    due = []
    entries = cast(list[tuple[bytes, float]],
                   ctx.client.zrangebyscore(DUE_KEY, "-inf", now, withscores=True))
    for raw, score in entries:
        name = raw.decode()
        # Two beats (or a restarted one) may see the same due time: only one claim wins.
        if ctx.client.set(f"{PREFIX}feeds:claim:{name}:{int(score)}", 1, nx=True, ex=3600):
            source = config.source(name)
            if source is not None:
                ctx.client.zadd(DUE_KEY, {name: now + source.interval})
                due.append(name)
    return due


def poll(ctx: Context, name: str, now: float) -> list[list[dict[str, Any]]]:
    """Fetch one source, record its state and health; return mention batches to ingest."""
    config = ctx.config.get()
    source_cfg = config.source(name)
    if source_cfg is None:
        return []
    states, healths = JsonState(ctx.client, "fetch"), JsonState(ctx.client, "health")
    raw_state = states.load(name)
    state = FetchState.from_dict(raw_state) if raw_state else FetchState()
    source = make_source(source_cfg, ctx.http)
    result = source.fetch(state, from_epoch(now))
    states.save(name, result.state.to_dict())
    raw_health = healths.load(name)
    health = FeedHealth.from_dict(raw_health) if raw_health else FeedHealth(source=name)
    healths.save(name, record(health, result, from_epoch(now)).to_dict())
    if result.status == "error":
        log.warning("feed %s unhealthy: %s", name, result.error)
    if result.state.next_poll_at:
        # The source's own schedule wins: backoff after failures, or "again at once" while a
        # large JSONL import has lines left.
        ctx.client.zadd(DUE_KEY, {name: result.state.next_poll_at})
    dicts = [m.to_replay() for m in result.mentions]
    return [dicts[i:i + INGEST_BATCH] for i in range(0, len(dicts), INGEST_BATCH)]


# -- ingestion -------------------------------------------------------------------------------

@dataclass
class IngestReport:
    received: int = 0
    matched: int = 0
    new: int = 0
    applied: bool = False


def ingest(ctx: Context, items: Sequence[dict[str, Any]], now: float) -> IngestReport:
    """Match, score, de-duplicate, archive and count one batch, exactly once."""
    config = ctx.config.get()
    mentions = []
    for data in items:
        try:
            mentions.append(Mention.from_replay(data))
        except ValueError as exc:  # a source already validated; this guards hand-made tasks
            log.warning("dropping malformed mention %r: %s", data.get("id"), exc)
    report = IngestReport(received=len(items))
    prepared = ctx.ingestor(config).prepare(mentions)
    report.matched = len(prepared)
    if not prepared:
        return report
    token = batch_token(prepared)
    buckets = ctx.buckets(config)
    verdicts = buckets.judge(prepared, token)
    fresh = [p for p, v in zip(prepared, verdicts, strict=True) if v.new]
    report.new = len(fresh)
    # Archive before counting: a crash in between re-archives on redelivery (replays drop
    # duplicate ids) instead of leaving a counted mention out of the archive.
    if not buckets.applied(token):
        archive.append(ctx.archive_dir, [p.mention for p in fresh])
    # The detector's width is stored too, whatever it is (the demo uses 20 s).
    widths = {*STORED_WIDTHS, int(parse_duration(config.detection.bucket))}
    report.applied = buckets.apply(count(prepared, verdicts, widths), token)
    if not report.applied:
        # Already applied: a redelivery, or a poll that returned exactly an earlier batch.
        report.new = 0
        return report
    if fresh:
        mentions_store.remember(ctx.client, fresh)
        first: dict[str, float] = {}
        for p in fresh:
            epoch = to_epoch(p.mention.published)
            for topic in p.topics:
                first[topic] = min(first.get(topic, epoch), epoch)
        ctx.client.zadd(FIRST_SEEN, first, lt=True)
        ctx.client.zadd(FIRST_INGEST, {topic: now for topic in first}, nx=True)
        ctx.client.incrby(f"{PREFIX}stats:mentions", len(fresh))
    return report


# -- detection -------------------------------------------------------------------------------

def coverage(config: VigieConfig, healths: dict[str, dict[str, Any]], topic: str,
             now: float) -> float | None:
    """Share of the sources serving `topic` that are answering: no failure at their last
    poll and a success within three poll intervals (five minutes at least, so a busy queue
    delaying polls is not mistaken for an outage). Sources never polled yet are left out
    (unknown is not silent); None when none is known."""
    serving = [s for s in config.sources if (s.topics is None or topic in s.topics)
               and s.name in healths]
    if not serving:
        return None
    ok = 0
    for source in serving:
        health = healths[source.name]
        last = health.get("last_success")
        recent = last is not None and now - float(last) <= max(3 * source.interval, 300.0)
        if recent and not health.get("consecutive_failures"):
            ok += 1
    return ok / len(serving)


Deliver = Callable[[list[Alert]], None]


def detect(ctx: Context, now: float, grace: float = 60.0, settle: float = 120.0,
           deliver: Deliver | None = None) -> tuple[list[EpisodeEvent], list[Alert]]:
    """Run the detector over every bucket closed since the last run (event time), then the
    alert rules over its events.

    A bucket is closed once `grace` seconds have passed its end, so mentions fetched a little
    late still count. A new topic's first polls bring its history in several batches, so its
    detection starts `settle` seconds after its first ingestion, once that history is in:
    starting earlier would read not-yet-ingested history as silence. One process at a time
    holds the lock; another tick simply skips.

    Fired alerts are handed to `deliver` before any state is saved: a crash in between
    replays the same events into the same alerts (deterministic ids, idempotent delivery)
    instead of losing them.
    """
    lock = ctx.client.lock(f"{PREFIX}lock:detect", timeout=300, blocking=False)
    if not lock.acquire(blocking=False):
        return [], []
    try:
        events, commit = _detect(ctx, now, grace, settle)
        alerts = route(ctx, events, now, deliver)
        # Detector state moves on only once its events are routed: if routing fails, the
        # next tick recomputes the same events (the detector is deterministic) and retries.
        commit()
        return events, alerts
    finally:
        try:
            lock.release()
        except redis.exceptions.LockError:
            log.warning("detect lock expired before release")


def _detect(ctx: Context, now: float, grace: float,
            settle: float) -> tuple[list[EpisodeEvent], Callable[[], None]]:
    config = ctx.config.get()
    width = int(parse_duration(config.detection.bucket))
    watermark = floor_to(now - grace, width)
    detector_for = detectors_for(config)
    states, cursors = JsonState(ctx.client, "detector"), JsonState(ctx.client, "cursor")
    healths = JsonState(ctx.client, "health").load_all()
    buckets = ctx.buckets(config)
    topics = [t.name for t in config.topics]
    saved_states = states.load_many(topics)
    saved_cursors = cursors.load_many(topics)
    first_seen = dict(zip(topics, ctx.client.zmscore(FIRST_SEEN, topics), strict=True)) if topics else {}
    first_ingest = dict(zip(topics, ctx.client.zmscore(FIRST_INGEST, topics), strict=True)) if topics else {}
    events: list[EpisodeEvent] = []
    new_states, new_cursors = {}, {}
    for topic in topics:
        detector = detector_for(topic)
        cursor = (saved_cursors.get(topic) or {}).get("next")
        if cursor is None:
            seen, ingested = first_seen.get(topic), first_ingest.get(topic)
            if seen is None or ingested is None or now - ingested < settle:
                continue  # nothing counted yet, or its history is still arriving
            cursor = floor_to(seen, width)
        cursor = max(int(cursor), watermark - MAX_CATCH_UP)
        if cursor >= watermark:
            continue
        raw = saved_states.get(topic)
        state = TopicState.from_dict(raw) if raw else detector.new_state(topic)
        cov = coverage(config, healths, topic, now)
        for bucket in buckets.read_range(topic, width, cursor, watermark):
            # Coverage is known for the present only; older buckets are replayed without it.
            if bucket.end > now - 2 * width - grace:
                bucket.coverage = cov
            events.extend(detector.step(state, bucket))
        new_states[topic] = state.to_dict()
        new_cursors[topic] = {"next": watermark, "at": now}

    def commit() -> None:
        states.save_many(new_states)
        cursors.save_many(new_cursors)

    return events, commit


def route(ctx: Context, events: Sequence[EpisodeEvent], now: float,
          deliver: Deliver | None = None) -> list[Alert]:
    """Alert rules over new events (at their event time) and a tick for pending `for`
    durations, quiet hours and repeats. Every decision is logged; fired alerts go to
    `deliver` (the incident and Slack side) before the rule state is saved."""
    config = ctx.config.get()
    engine = RuleEngine(ctx.rules(), {t.name: t.labels for t in config.topics})
    silences = SilenceStore(ctx.client).active(from_epoch(now))
    alerts: list[Alert] = []
    with RuleStateStore(ctx.client).locked() as state:
        for event in events:
            alerts.extend(engine.evaluate(event, state, silences, event.at))
        alerts.extend(engine.tick(state, silences, from_epoch(now)))
        AlertLog(ctx.client).record(alerts)
        fired = [a for a in alerts if a.status is AlertStatus.FIRED]
        if fired and deliver is not None:
            deliver(fired)
    return alerts
