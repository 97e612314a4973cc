"""Bucket streams built directly (no pipeline): steady chatter plus injected episodes."""

from __future__ import annotations

import random
from collections.abc import Iterator

from monitor.detection.engine import Detector, TopicState
from monitor.model import BucketStats, EpisodeEvent

W = 300
T0 = 1_767_225_600  # 2026-01-01T00:00:00Z


def chatter(rng: random.Random, topic: str, start: int, rate: float = 6.0) -> BucketStats:
    """An ordinary bucket: Poisson-ish volume, 20% negative, 30% positive, many authors."""
    volume = sum(1 for _ in range(int(rate * 3)) if rng.random() < 1 / 3)
    b = BucketStats(topic=topic, start=start, width=W, volume=volume)
    for _i in range(volume):
        roll = rng.random()
        if roll < 0.2:
            b.negative += 1
            b.negative_intensity += 0.5
        elif roll < 0.5:
            b.positive += 1
        else:
            b.neutral += 1
        who = f"u{rng.randrange(5000)}"
        b.authors[who] = b.authors.get(who, 0) + 1
        src = rng.choice(["mastodon", "bluesky", "reddit"])
        b.sources[src] = b.sources.get(src, 0) + 1
        kind = "forum" if src == "reddit" else "social"
        b.source_types[kind] = b.source_types.get(kind, 0) + 1
    return b


def add(b: BucketStats, n: int, *, negative: float = 0.0, positive: float = 0.0,
        authors: list[str] | None = None, fresh: str | None = None, source: str = "mastodon",
        source_type: str = "social", near_dup: float = 0.0, rng: random.Random) -> None:
    """Add `n` event mentions to a bucket: shares of negative/positive, who posts them
    (a fixed list of accounts, or fresh authors named with prefix `fresh`)."""
    for _i in range(n):
        b.volume += 1
        roll = rng.random()
        if roll < negative:
            b.negative += 1
            b.negative_intensity += 0.7
        elif roll < negative + positive:
            b.positive += 1
        else:
            b.neutral += 1
        who = rng.choice(authors) if authors else f"{fresh}{rng.randrange(10**6)}"
        b.authors[who] = b.authors.get(who, 0) + 1
        b.sources[source] = b.sources.get(source, 0) + 1
        b.source_types[source_type] = b.source_types.get(source_type, 0) + 1
        if rng.random() < near_dup:
            b.near_duplicates += 1


def run(detector: Detector, buckets: list[BucketStats],
        state: TopicState | None = None) -> tuple[TopicState, list[EpisodeEvent]]:
    state = state or detector.new_state(buckets[0].topic)
    events: list[EpisodeEvent] = []
    for b in buckets:
        events.extend(detector.step(state, b))
    return state, events


def history(topic: str = "acme", hours: float = 36.0, seed: int = 7,
            rate: float = 6.0) -> Iterator[BucketStats]:
    rng = random.Random(seed)
    for i in range(int(hours * 3600 / W)):
        yield chatter(rng, topic, T0 + i * W, rate)
