"""Replays of archived mentions, in event time, through the live code.

Matching (unless a mention carries `topics`), sentiment, dedup, buckets, detector and
classifier are the very functions the workers call; only the state lives in memory instead of
Redis. Mentions are first counted into buckets (what a sweep reuses), then the detector reads
the buckets one at a time in time order, as the live detect task does: every decision uses
only mentions published before its `at`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from monitor.config.files import VigieConfig
from monitor.detection.classify import CLASSIFY_ONLY
from monitor.detection.engine import Detector, TopicState
from monitor.detection.episodes import Episode, Reading, decide
from monitor.indicators import Prepared
from monitor.model import BucketStats, EpisodeEvent, Mention
from monitor.pipeline import Ingestor, MemorySeenIndex, batch_token, count
from monitor.sentiment.router import SentimentRouter
from monitor.timeutil import floor_to, parse_duration, to_epoch

BATCH = 2000


def detectors_for(config: VigieConfig) -> Callable[[str], Detector]:
    """One Detector per distinct per-topic configuration, built on first use."""
    base = config.detection
    cache: dict[str, Detector] = {}

    def get(topic: str) -> Detector:
        if topic not in cache:
            topic_cfg = config.topic(topic)
            settings = base.for_topic(topic_cfg.detection) if topic_cfg and topic_cfg.detection else base
            planned = [p for p in config.planned_events if p.topic == topic]
            cache[topic] = Detector(settings, planned)
        return cache[topic]

    return get


@dataclass
class Series:
    """A replay's counts: detection-width buckets per topic, from `start` to `end`.

    Counting (dedup, syndication, near-duplicates, sentiment shares) does not depend on any
    detection threshold, so a sweep counts once and detects many times. `buckets` is sparse:
    a missing bucket is an empty one. `first` is where each topic's watch begins (the replay's
    start for configured topics, their first mention for the others)."""

    width: int
    start: int
    end: int
    buckets: dict[str, dict[int, BucketStats]] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)


def count_series(prepared: Sequence[Prepared], config: VigieConfig,
                 until: float | None = None, *, span: tuple[int, int] | None = None,
                 only: Collection[str] | None = None) -> Series:
    """Dedup and count time-ordered mentions into detection-width buckets, in event time.

    `span` (start, end) overrides the replay's extent and `only` limits the configured
    topics watched from its start: a parallel replay counts one group of topics per process
    (replay_pool.py) over the extent of the whole replay."""
    width = int(parse_duration(config.detection.bucket))
    seen = MemorySeenIndex(config.retention.dedup)
    if span is not None:
        start, end = span
    elif not prepared:
        return Series(width, 0, 0)
    else:
        start = floor_to(to_epoch(prepared[0].mention.published), width)
        end = floor_to(to_epoch(prepared[-1].mention.published), width) + width
    series = Series(width, start, max(end, floor_to(until, width) if until else 0))
    for topic in config.topics:
        if only is None or topic.name in only:
            series.buckets[topic.name] = {}
            series.first[topic.name] = start
    for group in _by_bucket(prepared, width):
        verdicts = seen.judge(group, batch_token(group))
        for (topic, _width, bucket_start), delta in count(group, verdicts, (width,)).buckets.items():
            topic_buckets = series.buckets.setdefault(topic, {})
            series.first.setdefault(topic, bucket_start)
            current = topic_buckets.get(bucket_start)
            if current is None:
                topic_buckets[bucket_start] = delta
            else:
                current.merge(delta)
    return series


def _by_bucket(prepared: Sequence[Prepared], width: int) -> Iterator[list[Prepared]]:
    group: list[Prepared] = []
    group_start: int | None = None
    for item in prepared:
        start = floor_to(to_epoch(item.mention.published), width)
        if group and start != group_start:
            yield group
            group = []
        group_start = start
        group.append(item)
    if group:
        yield group


def detect_series(series: Series, config: VigieConfig) -> Iterator[EpisodeEvent]:
    """The detector and classifier over counted buckets, one bucket at a time for every
    topic, in time order: each decision sees only buckets that ended at or before its `at`."""
    for _bucket_start, _topic, detector, state, bucket in _steps(series, config):
        yield from detector.step(state, bucket)


def _steps(series: Series, config: VigieConfig,
           ) -> Iterator[tuple[int, str, Detector, TopicState, BucketStats]]:
    """Every (bucket, topic) step of a replay in order, with the topic's detector and state."""
    detector_for = detectors_for(config)
    states: dict[str, TopicState] = {}
    for bucket_start in range(series.start, series.end, series.width):
        for topic, buckets in series.buckets.items():
            if series.first[topic] > bucket_start:
                continue  # not watched yet: its first mention is later
            state = states.get(topic)
            if state is None:
                state = states[topic] = detector_for(topic).new_state(topic)
            bucket = buckets.get(bucket_start) or BucketStats(
                topic=topic, start=bucket_start, width=series.width)
            yield bucket_start, topic, detector_for(topic), state, bucket


# One detection run, kept for reclassification: per step that raised an event or read an
# open episode, (bucket start, topic, its blind-spot events, the episode's reading); a step
# that ends a lulled episode as a new one opens adds a second entry, without events.
Trace = list[tuple[int, str, tuple[EpisodeEvent, ...], Reading | None]]


def observe_series(series: Series, config: VigieConfig) -> Trace:
    """`detect_series` short of classifying (Detector.observe): what `reclassify` needs to
    give the events of `config` or of any configuration that differs from it only in
    classification thresholds (classify.CLASSIFY_ONLY)."""
    trace: Trace = []
    for bucket_start, topic, detector, state, bucket in _steps(series, config):
        events, readings = detector.observe(state, bucket)
        if events and not readings:
            trace.append((bucket_start, topic, tuple(events), None))
        for index, (reading, _episode) in enumerate(readings):
            trace.append((bucket_start, topic, tuple(events) if index == 0 else (), reading))
    return trace


def reclassify(trace: Trace, config: VigieConfig) -> Iterator[tuple[int, str, EpisodeEvent]]:
    """The keyed events of `config` from a trace of a run whose configuration differs from
    it at most in classification thresholds: the readings go through `decide` with this
    configuration's settings (per topic), the blind-spot events are taken as they are."""
    detector_for = detectors_for(config)
    episodes: dict[str, Episode] = {}
    for bucket_start, topic, events, reading in trace:
        for event in events:
            yield bucket_start, topic, event
        if reading is None:
            continue
        episode = episodes.get(reading.episode)
        if episode is None:
            episode = episodes[reading.episode] = Episode(topic=topic, start=reading.start)
        for event in decide(episode, reading, detector_for(topic).settings):
            yield bucket_start, topic, event
        if reading.resolve:
            del episodes[reading.episode]


def same_detection(a: VigieConfig, b: VigieConfig) -> bool:
    """Whether `a` and `b` detect alike: equal but for classification thresholds, so one
    `observe_series` run serves both through `reclassify`."""
    loose = set(CLASSIFY_ONLY)
    return (a.detection.model_dump(exclude=loose) == b.detection.model_dump(exclude=loose)
            and a.model_dump(exclude={"detection"}) == b.model_dump(exclude={"detection"}))


def sorted_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    items = list(mentions)
    if any(a.published > b.published for a, b in zip(items, items[1:], strict=False)):
        items.sort(key=lambda m: m.published)
    return items


def prepare_all(
    mentions: Sequence[Mention], ingestor: Ingestor, progress: Callable[[int], None] | None = None,
) -> list[Prepared]:
    """Match and score every mention once, in order, a batch at a time (one process;
    `vigie backtest` spreads the same work over processes in replay_pool.py)."""
    out: list[Prepared] = []
    for first in range(0, len(mentions), BATCH):
        chunk = mentions[first:first + BATCH]
        out.extend(ingestor.prepare(chunk))
        if progress:
            progress(len(chunk))
    return out


def run_prepared(
    prepared: Sequence[Prepared], config: VigieConfig, until: float | None = None,
) -> Iterator[EpisodeEvent]:
    """Detection over already-scored mentions, in event time."""
    yield from detect_series(count_series(prepared, config, until), config)


def replay_events(
    mentions: Iterable[Mention], config: VigieConfig, *, router: SentimentRouter | None = None,
    until: float | None = None,
) -> Iterator[EpisodeEvent]:
    """Every episode event the live monitor would raise on these mentions."""
    ordered = sorted_mentions(mentions)
    ingestor = Ingestor.from_config(config, router)
    yield from run_prepared(prepare_all(ordered, ingestor), config, until)
