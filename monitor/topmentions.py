"""Which mentions to show a person first: the ones that carry the episode.

Pure ranking over recent mentions of a topic: for a negative episode, the most negative and
the most read first; one mention per author, so a flood does not fill the list; links kept.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from monitor.model import Mention


@dataclass(frozen=True, slots=True)
class Ranked:
    mention: Mention
    compound: float | None


def rank(items: Iterable[Ranked], *, negative: bool, limit: int = 5) -> list[Mention]:
    """Top `limit` mentions, one per author: by sentiment in the episode's direction, then
    reach, then recency."""
    def key(item: Ranked) -> tuple[float, float, float]:
        compound = item.compound if item.compound is not None else 0.0
        direction = -compound if negative else compound
        return (direction, float(item.mention.reach or 0), item.mention.published.timestamp())

    out: list[Mention] = []
    authors: set[str] = set()
    for item in sorted(items, key=key, reverse=True):
        who = (item.mention.author or item.mention.source).lower()
        if who in authors:
            continue
        authors.add(who)
        out.append(item.mention)
        if len(out) == limit:
            break
    return out
