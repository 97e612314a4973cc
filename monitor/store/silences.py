"""Redis adapter of the rule engine: silences, the engine's RuleState and the alert record.

Keys (prefix `vigie:`):
- `silences`          hash  id -> Silence JSON
- `rules:state`       string RuleState JSON (loaded, evaluated, saved under `rules:lock`)
- `alerts:log`        stream of every decision (fired or suppressed), newest last
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import redis

from monitor.model import Alert
from monitor.rules.silences import Silence
from monitor.rules.state import RuleState
from monitor.store import PREFIX

SILENCES = PREFIX + "silences"
RULE_STATE = PREFIX + "rules:state"
RULE_LOCK = PREFIX + "rules:lock"
ALERT_LOG = PREFIX + "alerts:log"
ALERT_LOG_MAXLEN = 100_000  # about a year of decisions for a busy install; trimmed approximately

# Short ids people type from a terminal or Slack: no 0/o, 1/l/i look-alikes.
_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
_ID_LENGTH = 6


def _new_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(_ID_LENGTH))


class SilenceStore:
    """Create, list and expire silences. Expiring keeps the silence (with `ends` moved to
    now) so `list --all` shows who muted what, and why."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def create(self, *, starts: datetime, ends: datetime, reason: str, author: str,
               now: datetime, topic: str | None = None, rule: str | None = None,
               labels: dict[str, str] | None = None) -> Silence:
        """Store a new silence; raises ValueError (nothing stored) when it is invalid."""
        for _ in range(20):
            silence = Silence(id=_new_id(), starts=starts, ends=ends, reason=reason.strip(),
                              author=author.strip(), created_at=now, topic=topic or None,
                              rule=rule or None, labels=dict(labels or {}))
            silence.validate()
            if self.client.hsetnx(SILENCES, silence.id, json.dumps(silence.to_dict())):
                return silence
        raise RuntimeError("could not allocate a silence id")  # 31^6 ids: practically never

    def get(self, silence_id: str) -> Silence | None:
        raw = self.client.hget(SILENCES, silence_id.strip().lower())
        return Silence.from_dict(json.loads(raw)) if raw else None

    def all(self) -> list[Silence]:
        raw: dict[bytes, bytes] = self.client.hgetall(SILENCES)  # type: ignore[assignment]
        silences = [Silence.from_dict(json.loads(value)) for value in raw.values()]
        return sorted(silences, key=lambda s: (s.starts, s.id))

    def active(self, now: datetime) -> list[Silence]:
        """Silences in force at `now`: what the engine is given."""
        return [s for s in self.all() if s.active(now)]

    def current(self, now: datetime) -> list[Silence]:
        """Active and scheduled (not yet started) silences: what `silence list` shows."""
        return [s for s in self.all() if s.ends > now]

    def expire(self, silence_id: str, now: datetime) -> Silence:
        """End a silence now; raises KeyError when no such id, ValueError when already over."""
        silence = self.get(silence_id)
        if silence is None:
            raise KeyError(silence_id)
        if silence.ends <= now:
            raise ValueError(f"silence {silence.id} already ended")
        starts = min(silence.starts, now)
        ended = Silence(**{**_fields(silence), "starts": starts, "ends": now})
        self.client.hset(SILENCES, ended.id, json.dumps(ended.to_dict()))
        return ended

    def purge(self, older_than: float, now: datetime) -> int:
        """Forget silences that ended more than `older_than` seconds ago; returns how many."""
        old = [s.id for s in self.all() if (now - s.ends).total_seconds() > older_than]
        if old:
            self.client.hdel(SILENCES, *old)
        return len(old)


def _fields(silence: Silence) -> dict[str, Any]:
    return {name: getattr(silence, name) for name in Silence.__dataclass_fields__}


class RuleStateStore:
    """The engine's RuleState as one JSON value; `locked()` serialises workers around a
    load-evaluate-save cycle so two workers never both fire the same state."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def load(self) -> RuleState:
        raw = self.client.get(RULE_STATE)
        return RuleState.from_dict(json.loads(raw) if raw else None)

    def save(self, state: RuleState) -> None:
        self.client.set(RULE_STATE, json.dumps(state.to_dict(), separators=(",", ":")))

    @contextmanager
    def locked(self, timeout: float = 30.0) -> Iterator[RuleState]:
        """Load under a Redis lock, yield the state, save it on a clean exit."""
        with self.client.lock(RULE_LOCK, timeout=timeout, blocking_timeout=timeout):
            state = self.load()
            yield state
            self.save(state)


class AlertLog:
    """Every decision of the engine, fired or suppressed, in a capped stream."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def record(self, alerts: Iterable[Alert]) -> int:
        pipe = self.client.pipeline(transaction=False)
        count = 0
        for alert in alerts:
            pipe.xadd(ALERT_LOG, {"alert": json.dumps(alert.to_dict())},
                      maxlen=ALERT_LOG_MAXLEN, approximate=True)
            count += 1
        if count:
            pipe.execute()
        return count

    def recent(self, count: int = 50) -> list[Alert]:
        """The newest `count` decisions, oldest first."""
        entries: list[tuple[bytes, dict[bytes, bytes]]] = self.client.xrevrange(  # type: ignore[assignment]
            ALERT_LOG, count=count)
        return [Alert.from_dict(json.loads(fields[b"alert"])) for _, fields in reversed(entries)]
