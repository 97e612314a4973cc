"""Indicators and the dedup index in Redis.

Two Lua scripts make ingestion exactly-once per mention under Celery's late acks:
- `judge` decides, atomically, which mentions of a batch are new, syndicated or
  near-duplicates, and remembers its verdicts under the batch token: a redelivered batch gets
  the same verdicts back instead of being called all duplicates (which would lose its counts);
- `apply` adds a batch's bucket deltas once: they are applied only if the batch's token is
  claimed in the same atomic step.

Keys (all `vigie:`-prefixed): `seen:id:*`, `seen:story:*`, `seen:near:*`, `batch:*`,
`applied:*`, and per bucket `b:{width}:{topic}:{start}` (a hash of counters) with `:a`
(authors and their counts, fine widths), `:ah` (HyperLogLog of authors, coarse widths) and
`:s` (sources and their counts).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

import orjson
import redis

from monitor.indicators import (
    DAY,
    FIVE_MINUTES,
    HOUR,
    MINUTE,
    Deltas,
    Prepared,
    Verdict,
    keeps_author_counts,
)
from monitor.model import BucketStats
from monitor.pipeline import NEAR_DUP_WINDOW, seen_keys
from monitor.store import PREFIX
from monitor.timeutil import to_epoch

BATCH_MEMORY = 86400  # a redelivery comes within the visibility timeout, far below a day

_JUDGE = """
local token_key = KEYS[1]
local cached = redis.call('GET', token_key)
if cached then return cached end
local batch_ttl, id_ttl, story_window, near_window = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
-- Stories and near-duplicates are remembered in event time (the value is the event time of
-- the first sighting), exactly as the in-memory index of a replay; the key TTL only
-- collects garbage.
local function claim(key, t, window)
  local seen = redis.call('GET', key)
  if seen and tonumber(seen) > t - window then return false end
  redis.call('SET', key, t, 'EX', math.floor(window) + 3600)
  return true
end
-- ARGV[5]: JSON list of [id key, event time, [story keys], [[topic index, near key], ...]]
local out = {}
for _, item in ipairs(cjson.decode(ARGV[5])) do
  local t = item[2]
  if redis.call('SET', item[1], '1', 'NX', 'EX', id_ttl) then
    local synd, near, near_list = {}, {}, {}
    for s, key in ipairs(item[3]) do
      if not claim(key, t, story_window) then table.insert(synd, tostring(s)) end
    end
    for _, pair in ipairs(item[4]) do
      if not claim(pair[2], t, near_window) then near[tostring(pair[1])] = true end
    end
    for k, _ in pairs(near) do table.insert(near_list, k) end
    table.sort(near_list)
    table.insert(out, 'Y|' .. table.concat(synd, ',') .. '|' .. table.concat(near_list, ','))
  else
    table.insert(out, 'N')
  end
end
local encoded = table.concat(out, ';')
redis.call('SET', token_key, encoded, 'EX', batch_ttl)
return encoded
"""

_APPLY = """
if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
-- One JSON document per batch: {key: {i: {field: n}, f: {field: x}, p: [members], t: ttl}}.
-- Decoding one string in Lua is far cheaper than packing thousands of arguments.
for key, spec in pairs(cjson.decode(ARGV[2])) do
  if spec.i then
    for field, n in pairs(spec.i) do redis.call('HINCRBY', key, field, n) end
  end
  if spec.f then
    for field, x in pairs(spec.f) do redis.call('HINCRBYFLOAT', key, field, x) end
  end
  if spec.p then
    for first = 1, #spec.p, 1000 do  -- unpack() has a stack limit: add in chunks
      redis.call('PFADD', key, unpack(spec.p, first, math.min(first + 999, #spec.p)))
    end
  end
  redis.call('EXPIRE', key, spec.t)
end
return 1
"""

_COUNTERS = ("volume", "positive", "neutral", "negative", "unscored", "reach", "syndicated",
             "near_duplicates", "estimated_time")
_FLOATS = ("compound_sum", "negative_intensity")


def _short(key: str) -> str:
    # Stories are URLs of any length: hash them so keys stay small and bounded.
    return hashlib.blake2b(key.encode(), digest_size=12).hexdigest()


def bucket_key(width: int, topic: str, start: int) -> str:
    return f"{PREFIX}b:{width}:{topic}:{start}"


class RedisBuckets:
    """Dedup index and bucket counters over one Redis connection."""

    def __init__(self, client: redis.Redis, retention: dict[int, float], dedup_ttl: float):
        self.client = client
        self.retention = retention
        self.dedup_ttl = int(dedup_ttl)
        self._judge = client.register_script(_JUDGE)
        self._apply = client.register_script(_APPLY)

    @classmethod
    def from_config(cls, client: redis.Redis, retention: object) -> RedisBuckets:
        ret = {
            MINUTE: retention.minute, FIVE_MINUTES: retention.five_minutes,  # type: ignore[attr-defined]
            HOUR: retention.hour, DAY: retention.day,  # type: ignore[attr-defined]
        }
        return cls(client, ret, retention.dedup)  # type: ignore[attr-defined]

    # -- SeenIndex -------------------------------------------------------------------------
    def judge(self, batch: Sequence[Prepared], token: str) -> list[Verdict]:
        items = []
        for item in batch:
            mention_id, stories, nears = seen_keys(item)
            per_topic = len(item.near_keys)
            items.append((
                f"{PREFIX}seen:id:{_short(mention_id)}",
                to_epoch(item.mention.published),
                [f"{PREFIX}seen:story:{_short(s)}" for s in stories],
                [(index // per_topic + 1, f"{PREFIX}seen:near:{_short(key)}")
                 for index, key in enumerate(nears)],
            ))
        args: list[int | bytes] = [BATCH_MEMORY, self.dedup_ttl, self.dedup_ttl,
                                   NEAR_DUP_WINDOW, orjson.dumps(items)]
        raw = self._judge(keys=[f"{PREFIX}batch:{token}"], args=args)
        encoded = raw.decode() if isinstance(raw, bytes) else str(raw)
        verdicts = []
        for item, code in zip(batch, encoded.split(";") if encoded else [], strict=True):
            if code == "N":
                verdicts.append(Verdict(new=False))
                continue
            _, synd, near = code.split("|")
            verdicts.append(
                Verdict(
                    True,
                    frozenset(item.topics[int(i) - 1] for i in synd.split(",") if i),
                    frozenset(item.topics[int(i) - 1] for i in near.split(",") if i),
                )
            )
        return verdicts

    # -- counting ----------------------------------------------------------------------------
    def applied(self, token: str) -> bool:
        return bool(self.client.exists(f"{PREFIX}applied:{token}"))

    def apply(self, deltas: Deltas, token: str) -> bool:
        """Add the deltas once; False when this batch token was already applied."""
        ops: dict[str, dict[str, Any]] = {}
        for (topic, width, start), stats in deltas.buckets.items():
            key = bucket_key(width, topic, start)
            ttl = int(self.retention.get(width) or self.retention.get(MINUTE, 86400))
            ints = {name: getattr(stats, name) for name in _COUNTERS if getattr(stats, name)}
            ints.update({f"st:{t}": n for t, n in stats.source_types.items()})
            ints["touched"] = 1
            main: dict[str, Any] = {"i": ints, "t": ttl}
            floats = {name: float(getattr(stats, name)) for name in _FLOATS if getattr(stats, name)}
            if floats:
                main["f"] = floats
            ops[key] = main
            if stats.sources:
                ops[key + ":s"] = {"i": dict(stats.sources), "t": ttl}
            if keeps_author_counts(width):
                if stats.authors:
                    ops[key + ":a"] = {"i": dict(stats.authors), "t": ttl}
            elif stats.authors:
                ops[key + ":ah"] = {"p": list(stats.authors), "t": ttl}
        if not ops:
            return False
        payload = orjson.dumps(ops)
        return bool(self._apply(keys=[f"{PREFIX}applied:{token}"], args=[BATCH_MEMORY, payload]))

    # -- reading -----------------------------------------------------------------------------
    def read(self, topic: str, width: int, starts: Iterable[int]) -> list[BucketStats]:
        """Buckets of one topic (empty BucketStats where nothing was counted)."""
        starts = list(starts)
        pipe = self.client.pipeline(transaction=False)
        for start in starts:
            key = bucket_key(width, topic, start)
            pipe.hgetall(key)
            pipe.hgetall(key + ":s")
            if keeps_author_counts(width):
                pipe.hgetall(key + ":a")
            else:
                pipe.pfcount(key + ":ah")
        replies = pipe.execute()
        out = []
        for index, start in enumerate(starts):
            main, sources, authors = replies[index * 3:index * 3 + 3]
            out.append(_decode(topic, width, start, main, sources, authors))
        return out

    def read_range(self, topic: str, width: int, start: int, end: int) -> list[BucketStats]:
        return self.read(topic, width, range(start, end, width))


def _decode(
    topic: str, width: int, start: int, main: dict[bytes, bytes], sources: dict[bytes, bytes],
    authors: dict[bytes, bytes] | int,
) -> BucketStats:
    stats = BucketStats(topic=topic, start=start, width=width)
    for raw_field, raw_value in main.items():
        name = raw_field.decode()
        if name in _COUNTERS:
            setattr(stats, name, int(raw_value))
        elif name in _FLOATS:
            setattr(stats, name, float(raw_value))
        elif name.startswith("st:"):
            stats.source_types[name[3:]] = int(raw_value)
    stats.sources = {k.decode(): int(v) for k, v in sources.items()}
    if isinstance(authors, dict):
        stats.authors = {k.decode(): int(v) for k, v in authors.items()}
    else:
        stats.distinct_authors_estimate = int(authors)
    return stats
