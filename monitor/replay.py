"""Replays of archived mentions, in event time, through the live code.

Matching (unless a mention carries `topics`), sentiment, dedup, buckets, detector and
classifier are the very functions the workers call; only the state lives in memory instead of
Redis. A detection bucket is closed when the first mention past its end arrives, so every
decision uses only mentions published at or before its `at`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from monitor.config.files import VigieConfig
from monitor.detection.engine import Detector, TopicState
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
class ReplayState:
    """What a replay carries between buckets; exposed so callers can inspect series."""

    width: int
    open_start: int | None = None
    buckets: dict[str, BucketStats] = field(default_factory=dict)
    states: dict[str, TopicState] = field(default_factory=dict)
    history: dict[str, list[BucketStats]] = field(default_factory=dict)


class Replayer:
    """Feeds prepared mentions, in time order, through counting and detection."""

    def __init__(self, config: VigieConfig, *, keep_history: bool = False) -> None:
        self.config = config
        self.width = int(parse_duration(config.detection.bucket))
        self.detector = detectors_for(config)
        retention = config.retention
        self.seen = MemorySeenIndex(retention.dedup)
        self.state = ReplayState(self.width)
        self.keep_history = keep_history
        for topic in config.topics:
            self._ensure(topic.name)

    def _ensure(self, topic: str) -> None:
        if topic not in self.state.states:
            self.state.states[topic] = self.detector(topic).new_state(topic)

    def _close_until(self, epoch: float) -> Iterator[EpisodeEvent]:
        """Close every detection bucket that ends at or before `epoch`."""
        st = self.state
        if st.open_start is None:
            st.open_start = floor_to(epoch, self.width)
            return
        while epoch >= st.open_start + self.width:
            for topic, topic_state in st.states.items():
                bucket = st.buckets.pop(topic, None) or BucketStats(
                    topic=topic, start=st.open_start, width=self.width
                )
                if self.keep_history:
                    st.history.setdefault(topic, []).append(bucket)
                yield from self.detector(topic).step(topic_state, bucket)
            st.open_start += self.width

    def feed(self, prepared: Sequence[Prepared]) -> Iterator[EpisodeEvent]:
        """Count a time-ordered batch, closing buckets as event time passes their end."""
        group: list[Prepared] = []
        group_start: int | None = None
        for item in prepared:
            start = floor_to(to_epoch(item.mention.published), self.width)
            if group and start != group_start:
                yield from self._count_group(group)
                group = []
            group_start = start
            group.append(item)
        if group:
            yield from self._count_group(group)

    def _count_group(self, group: list[Prepared]) -> Iterator[EpisodeEvent]:
        yield from self._close_until(to_epoch(group[0].mention.published))
        verdicts = self.seen.judge(group, batch_token(group))
        deltas = count(group, verdicts, (self.width,))
        for (topic, _width, start), delta in deltas.buckets.items():
            self._ensure(topic)
            current = self.state.buckets.get(topic)
            if current is None:
                self.state.buckets[topic] = delta
            else:
                assert current.start == start
                current.merge(delta)

    def finish(self, until: float) -> Iterator[EpisodeEvent]:
        """Close buckets up to `until` (event time): the end of the replay."""
        yield from self._close_until(until)


def sorted_mentions(mentions: Iterable[Mention]) -> list[Mention]:
    items = list(mentions)
    if any(a.published > b.published for a, b in zip(items, items[1:], strict=False)):
        items.sort(key=lambda m: m.published)
    return items


_WORKER: Ingestor | None = None


def _init_worker(config: VigieConfig) -> None:
    global _WORKER
    _WORKER = Ingestor.from_config(config)


def _prepare_chunk(chunk: Sequence[Mention]) -> list[Prepared]:
    assert _WORKER is not None
    return _WORKER.prepare(chunk)


def prepare_all(
    mentions: Sequence[Mention], ingestor: Ingestor, progress: Callable[[int], None] | None = None,
    processes: int = 1,
) -> list[Prepared]:
    """Match and score every mention once (a sweep reuses the result), in order.

    With `processes` > 1 the chunks are scored in a process pool: scoring is pure and
    CPU-bound, and the chunks come back in order, so the result is the same."""
    chunks = [mentions[i:i + BATCH] for i in range(0, len(mentions), BATCH)]
    out: list[Prepared] = []
    if processes <= 1 or len(chunks) < 2:
        for chunk in chunks:
            out.extend(ingestor.prepare(chunk))
            if progress:
                progress(len(chunk))
        return out
    import multiprocessing

    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=_init_worker, initargs=(ingestor.config,)) as pool:
        for chunk, prepared in zip(chunks, pool.imap(_prepare_chunk, chunks), strict=True):
            out.extend(prepared)
            if progress:
                progress(len(chunk))
    return out


def run_prepared(
    prepared: Sequence[Prepared], config: VigieConfig, until: float | None = None,
    replayer: Replayer | None = None,
) -> Iterator[EpisodeEvent]:
    """Detection over already-scored mentions, in event time."""
    replayer = replayer or Replayer(config)
    for i in range(0, len(prepared), BATCH):
        yield from replayer.feed(prepared[i:i + BATCH])
    if prepared:
        end = to_epoch(prepared[-1].mention.published)
        last = floor_to(end, replayer.width) + replayer.width
        yield from replayer.finish(max(last, until or 0))


def replay_events(
    mentions: Iterable[Mention], config: VigieConfig, *, router: SentimentRouter | None = None,
    until: float | None = None,
) -> Iterator[EpisodeEvent]:
    """Every episode event the live monitor would raise on these mentions."""
    ordered = sorted_mentions(mentions)
    ingestor = Ingestor.from_config(config, router)
    yield from run_prepared(prepare_all(ordered, ingestor), config, until)
