"""Recent mentions per topic, for the alert's "top mentions" (a bounded sorted set by
event time; the full history lives in the archive)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import orjson
import redis

from monitor.indicators import Prepared
from monitor.model import Mention
from monitor.store import PREFIX
from monitor.timeutil import to_epoch
from monitor.topmentions import Ranked

KEEP_SECONDS = 2 * 86400
KEEP_COUNT = 5000


def _key(topic: str) -> str:
    return f"{PREFIX}recent:{topic}"


def remember(client: redis.Redis, items: Sequence[Prepared]) -> None:
    """Add freshly counted mentions to their topics' recent sets, trimming old ones."""
    if not items:
        return
    pipe = client.pipeline(transaction=False)
    topics: dict[str, float] = {}
    for item in items:
        epoch = to_epoch(item.mention.published)
        data = item.mention.to_replay()
        data["compound"] = item.scores.compound
        member = orjson.dumps(data)
        for topic in item.topics:
            pipe.zadd(_key(topic), {member: epoch})
            topics[topic] = max(topics.get(topic, 0.0), epoch)
    for topic, newest in topics.items():
        pipe.zremrangebyscore(_key(topic), "-inf", newest - KEEP_SECONDS)
        pipe.zremrangebyrank(_key(topic), 0, -KEEP_COUNT - 1)
    pipe.execute()


def recent(client: redis.Redis, topic: str, start: float, end: float) -> list[Ranked]:
    out = []
    for raw in cast(list[bytes], client.zrangebyscore(_key(topic), start, end)):
        data = orjson.loads(raw)
        compound = data.pop("compound", None)
        out.append(Ranked(Mention.from_replay(data), compound))
    return out
