"""Per-topic indicators over time buckets (1 min, rolled up to 5 min, 1 h, 1 day).

Pure: a scored, de-duplicated mention becomes additions to BucketStats, aggregated per
(topic, width, start). The Redis store and the in-memory replay store apply the very same
deltas, so a live run and a replay count alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from monitor.model import BucketStats, Label, Mention, Scores
from monitor.timeutil import floor_to, to_epoch

MINUTE, FIVE_MINUTES, HOUR, DAY = 60, 300, 3600, 86400
WIDTHS: dict[str, int] = {"1m": MINUTE, "5m": FIVE_MINUTES, "1h": HOUR, "1d": DAY}
STORED_WIDTHS = (MINUTE, FIVE_MINUTES, HOUR, DAY)


def keeps_author_counts(width: int) -> bool:
    """Per-author counts (concentration) are kept where they stay small, up to 5-minute
    buckets; coarser roll-ups keep an estimate of distinct authors (HyperLogLog in Redis)."""
    return width <= FIVE_MINUTES

BucketKey = tuple[str, int, int]  # topic, width, start


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the dedup index said of one mention: `new` is False for an exact duplicate
    (already counted). Per topic: `syndicated` when the same story was already counted
    there, `near_duplicate` when a recent mention of that topic had nearly the same text."""

    new: bool
    syndicated: frozenset[str] = frozenset()
    near_duplicate: frozenset[str] = frozenset()


@dataclass(slots=True)
class Prepared:
    """A mention matched to its topics and scored, ready for dedup and counting."""

    mention: Mention
    topics: tuple[str, ...]
    scores: Scores
    near_keys: tuple[str, ...] = ()
    weight: float = 1.0


def author_key(mention: Mention) -> str:
    """Who spoke: the author, or the outlet itself when a feed names nobody."""
    return (mention.author or "").strip().lower() or f"@{mention.source}"


@dataclass
class Deltas:
    """Additions to buckets, aggregated so that one batch touches each bucket once."""

    buckets: dict[BucketKey, BucketStats] = field(default_factory=dict)

    def bucket(self, topic: str, width: int, start: int) -> BucketStats:
        key = (topic, width, start)
        stats = self.buckets.get(key)
        if stats is None:
            stats = self.buckets[key] = BucketStats(topic=topic, start=start, width=width)
        return stats

    def add(self, item: Prepared, verdict: Verdict, widths: Iterable[int]) -> None:
        """Count one mention into every topic bucket it belongs to. An exact duplicate adds
        nothing; a syndicated copy adds amplification (authors, sources, syndication) but
        no volume and no sentiment."""
        if not verdict.new:
            return
        mention, scores = item.mention, item.scores
        epoch = to_epoch(mention.published)
        who = author_key(mention)
        reach = int(round((mention.reach or 0) * item.weight))
        for topic in item.topics:
            syndicated = topic in verdict.syndicated
            near_dup = topic in verdict.near_duplicate
            for width in widths:
                stats = self.bucket(topic, width, floor_to(epoch, width))
                stats.sources[mention.source] = stats.sources.get(mention.source, 0) + 1
                stats.authors[who] = stats.authors.get(who, 0) + 1
                stats.reach += reach
                if syndicated:
                    stats.syndicated += 1
                    continue
                stats.volume += 1
                stats.source_types[mention.source_type] = (
                    stats.source_types.get(mention.source_type, 0) + 1
                )
                if near_dup:
                    stats.near_duplicates += 1
                if mention.published_estimated:
                    stats.estimated_time += 1
                _count_sentiment(stats, scores)


def _count_sentiment(stats: BucketStats, scores: Scores) -> None:
    if scores.compound is None or scores.label is None:
        stats.unscored += 1
        return
    stats.compound_sum += scores.compound
    if scores.label is Label.NEGATIVE:
        stats.negative += 1
        stats.negative_intensity += -scores.compound
    elif scores.label is Label.POSITIVE:
        stats.positive += 1
    else:
        stats.neutral += 1
