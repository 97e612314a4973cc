"""Incidents, feedback labels and processed-action ids in Redis (keys under `vigie:inc:`).

Writes are optimistic transactions (WATCH/MULTI): two workers handling clicks on the same
incident never lose one another's change. Incident ids are short sequence numbers people
type in `/vigie ack 12`; an episode maps to exactly one incident.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import orjson
import redis

from monitor.incidents import Incident, label_of
from monitor.store import PREFIX

T = TypeVar("T")

_SEQ = f"{PREFIX}inc:seq"
_ALL = f"{PREFIX}inc:all"  # zset: id -> opened_at epoch
_OPEN = f"{PREFIX}inc:open"  # set of ids not resolved
_LABELS = f"{PREFIX}inc:labels"  # hash: episode -> label JSON
SEEN_TTL = 24 * 3600  # longer than Slack's 5-minute replay window, and than a redelivery


def _s(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def _key(incident_id: str) -> str:
    return f"{PREFIX}inc:{incident_id}"


def _episode_key(episode: str) -> str:
    return f"{PREFIX}inc:episode:{episode}"


class IncidentStore:
    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def get(self, incident_id: str) -> Incident | None:
        raw = self.client.get(_key(str(incident_id).lstrip("#")))
        return Incident.from_dict(orjson.loads(raw)) if raw else None

    def for_episode(self, episode: str) -> Incident | None:
        found = self.client.get(_episode_key(episode))
        return self.get(_s(found)) if found else None

    def claim_id(self, episode: str) -> tuple[str, bool]:
        """The incident id of `episode`, allocating one on first sight; True when new.

        SET NX makes the allocation race-free: a losing worker reads the winner's id."""
        existing = self.client.get(_episode_key(episode))
        if existing:
            return _s(existing), False
        candidate = str(self.client.incr(_SEQ))
        if self.client.set(_episode_key(episode), candidate, nx=True):
            return candidate, True
        won = self.client.get(_episode_key(episode))
        return (_s(won) if won else candidate), False

    def save(self, incident: Incident, pipe: Any = None) -> None:
        target = pipe if pipe is not None else self.client.pipeline()
        target.set(_key(incident.id), orjson.dumps(incident.to_dict()))
        self._index(incident, target)
        if pipe is None:
            target.execute()

    def _index(self, incident: Incident, target: Any) -> None:
        target.zadd(_ALL, {incident.id: incident.opened_at.timestamp()})
        if incident.resolved:
            target.srem(_OPEN, incident.id)
        else:
            target.sadd(_OPEN, incident.id)
        label = label_of(incident)
        if label is not None:
            target.hset(_LABELS, incident.episode, orjson.dumps(label))

    def create(self, incident: Incident) -> bool:
        """Save a new incident unless one with its id exists; True when saved."""
        if not self.client.set(_key(incident.id), orjson.dumps(incident.to_dict()), nx=True):
            return False
        # Only the indexes now: rewriting the key could undo a change made since the SET.
        pipe = self.client.pipeline()
        self._index(incident, pipe)
        pipe.execute()
        return True

    def update(self, incident_id: str,
               change: Callable[[Incident], tuple[Incident, T]]) -> tuple[Incident, T] | None:
        """Apply `change` atomically; it gets the current incident and returns the new one
        and a result (saved only when the incident differs). None when the id is unknown."""
        key = _key(incident_id)
        with self.client.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)  # type: ignore[no-untyped-call]
                    raw = pipe.get(key)
                    if raw is None:
                        pipe.unwatch()
                        return None
                    current = Incident.from_dict(orjson.loads(raw))
                    new, result = change(current)
                    pipe.multi()
                    if new != current:
                        self.save(new, pipe)
                    pipe.execute()
                    return new, result
                except redis.WatchError:
                    continue

    def recent(self, *, open_only: bool = False, limit: int = 50) -> list[Incident]:
        """Most recently opened first."""
        ids = [_s(i) for i in self.client.zrevrange(_ALL, 0, -1)]
        if open_only:
            opened = {_s(i) for i in self.client.smembers(_OPEN)}
            ids = [i for i in ids if i in opened]
        out = []
        for incident_id in ids[:limit]:
            found = self.get(incident_id)
            if found is not None:
                out.append(found)
        return out

    def labels(self) -> list[dict[str, str]]:
        """Feedback labels in the backtest `--labels` format, oldest episode first."""
        raw = self.client.hgetall(_LABELS)
        labels = [orjson.loads(v) for v in raw.values()]
        return sorted(labels, key=lambda label: (label["start"], label["topic"]))

    def first_time(self, key: str, ttl: int = SEEN_TTL) -> bool:
        """Record a processed request/action key; False when it was seen before, so a
        replayed click or a redelivered task acts once."""
        return bool(self.client.set(f"{PREFIX}inc:seen:{key}", 1, nx=True, ex=ttl))
