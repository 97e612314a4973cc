"""The Slack outbox in Redis: every Slack call is written here before it is sent.

Guarantees (see docs/notify.md):
- enqueue is idempotent on `op.id`: an id already queued, sent or dead returns False, and a
  sent op is never sent again (its record is kept `keep_sent` seconds, 30 days by default);
- ops of one incident are sent in enqueue order; a failing op that can be retried blocks the
  later ops of its incident only, with exponential backoff and jitter, honouring Retry-After;
- an op that cannot succeed (invalid_auth, channel_not_found, invalid_blocks...) goes to the
  dead list and the incident moves on (a reply whose alert never posted goes top level);
- at most one op per `per_channel_interval` seconds per channel (Slack allows ~1 msg/s);
- an op is marked in flight before it is sent. If the answer is lost, or the process dies
  before recording "sent", the next attempt first asks a KeyedNotifier (Slack:
  conversations.history / replies with message metadata) whether the post landed, and only
  re-sends when it did not. Residual risk: uploads and updates are not looked up (an update is
  idempotent; a chart may be uploaded twice), and a notifier without lookup is re-sent.

Keys (prefix vigie:outbox:): op:<id> hash, q:<incident> list of op ids, due zset (incident ->
time its head may be tried), ref:<incident>:<channel> (main message), last:<channel>,
lock:<incident>, dead list.
"""

from __future__ import annotations

import base64
import json
import logging
import random
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import redis

from monitor.errors import NotifyError
from monitor.model import BucketStats
from monitor.notify.base import KeyedNotifier, MessageRef, Notifier, Rendered
from monitor.notify.escape import clip
from monitor.store import PREFIX

log = logging.getLogger(__name__)

NS = PREFIX + "outbox:"
ACTIONS = ("post_alert", "update_alert", "reply", "upload_chart", "post_text")
POSTS = ("post_alert", "reply", "post_text")
# Slack refused the blocks: the text fallback alone still tells people (see _send_message).
BLOCK_ERRORS = {"invalid_blocks", "invalid_blocks_format", "msg_blocks_too_long", "msg_too_long"}

_ENQUEUE = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'incident', ARGV[2], 'channel', ARGV[3],
           'action', ARGV[4], 'payload', ARGV[5], 'state', 'queued', 'attempts', 0,
           'enqueued_at', ARGV[6])
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[3], 'NX', 0, ARGV[2])
return 1
"""
# Reserve the channel's next send slot: 0 when granted, else the time it frees up.
_GATE = """
local last = tonumber(redis.call('GET', KEYS[1]) or '-1e18')
local now, interval = tonumber(ARGV[1]), tonumber(ARGV[2])
if now - last < interval then return tostring(last + interval) end
redis.call('SET', KEYS[1], ARGV[1], 'EX', 3600)
return '0'
"""
_UNLOCK = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


@dataclass(frozen=True)
class OutboxOp:
    """One Slack call to make. `id` is the caller's idempotency key (e.g.
    f"{alert.id}:post:{channel}"); `incident` orders ops; `payload` is JSON-able:
    post_alert/update_alert/reply/post_text: {"text": ..., "blocks": [...] | None};
    upload_chart: {"filename", "title", and "png_base64" or "series"} (chart_payload())."""

    id: str
    incident: str
    channel: str
    action: str
    payload: dict[str, Any]

    def __post_init__(self) -> None:
        if self.action not in ACTIONS:
            raise ValueError(f"unknown outbox action {self.action!r}; expected one of {ACTIONS}")
        if not self.id or not self.incident or not self.channel:
            raise ValueError("an outbox op needs an id, an incident and a channel")


@dataclass
class DrainReport:
    """What one drain did. `next_due`: earliest time something is waiting for (None: empty)."""

    sent: int = 0
    retried: int = 0
    dead: int = 0
    deferred: int = 0  # channel rate limit: tried later
    recovered: int = 0  # found already posted after a lost answer or crash
    next_due: float | None = None
    errors: list[str] = field(default_factory=list)


def rendered_payload(message: Rendered) -> dict[str, Any]:
    return {"text": message.text, "blocks": message.blocks}


def chart_payload(series: Sequence[BucketStats], title: str, filename: str = "chart.png"
                  ) -> dict[str, Any]:
    """An upload_chart payload that renders the chart when sent (keeps Redis small)."""
    keep = ("topic", "start", "width", "volume", "positive", "neutral", "negative",
            "unscored", "compound_sum")
    return {"filename": filename, "title": title,
            "series": [{k: getattr(b, k) for k in keep} for b in series]}


class Outbox:
    """The persistent outbox. Safe with several drainers: an incident is drained by one at
    a time (a lock with a TTL longer than any Slack call)."""

    def __init__(self, client: redis.Redis, *, per_channel_interval: float = 1.0,
                 backoff_base: float = 2.0, backoff_cap: float = 600.0,
                 keep_sent: int = 30 * 86400, lock_ttl_ms: int = 120_000,
                 rng: random.Random | None = None) -> None:
        self.r = client
        self.per_channel_interval = per_channel_interval
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.keep_sent = keep_sent
        self.lock_ttl_ms = lock_ttl_ms
        self.rng = rng or random.Random()
        self._enqueue = client.register_script(_ENQUEUE)
        self._gate = client.register_script(_GATE)
        self._unlock = client.register_script(_UNLOCK)

    # -- writing --------------------------------------------------------------------------
    def enqueue(self, op: OutboxOp) -> bool:
        """Record `op` for sending; False when that id was already enqueued or sent."""
        payload = json.dumps(op.payload, ensure_ascii=False, separators=(",", ":"))
        added = self._enqueue(keys=[NS + f"op:{op.id}", NS + f"q:{op.incident}", NS + "due"],
                              args=[op.id, op.incident, op.channel, op.action, payload,
                                    repr(time.time())])
        return bool(added)

    # -- reading --------------------------------------------------------------------------
    def ref(self, incident: str, channel: str) -> MessageRef | None:
        """The incident's main message in `channel` (as named at enqueue, or its ID)."""
        raw = self.r.get(NS + f"ref:{incident}:{channel}")
        if raw is None:
            return None
        data = json.loads(raw)
        return MessageRef(channel=data["channel"], ts=data["ts"])

    def status(self, op_id: str) -> dict[str, str] | None:
        """The op's record (state: queued | inflight | sent | dead, attempts, last_error...)."""
        raw = self.r.hgetall(NS + f"op:{op_id}")
        return {_s(k): _s(v) for k, v in raw.items()} if raw else None

    def pending(self) -> int:
        """Ops waiting to be sent, all incidents."""
        incidents = [_s(i) for i in self.r.zrange(NS + "due", 0, -1)]
        return sum(int(self.r.llen(NS + f"q:{i}")) for i in incidents)

    def dead(self) -> list[dict[str, str]]:
        """Ops given up on, newest first."""
        ids = [_s(i) for i in self.r.lrange(NS + "dead", 0, -1)]
        return [s for s in (self.status(i) for i in ids) if s]

    def requeue(self, op_id: str) -> bool:
        """Give a dead op another chance (after fixing the channel, token or scopes): it goes
        to the end of its incident's queue with its attempts reset. False when not dead."""
        key = NS + f"op:{op_id}"
        record = self.status(op_id)
        if record is None or record.get("state") != "dead" or "payload" not in record:
            return False
        with self.r.pipeline() as p:
            p.hset(key, mapping={"state": "queued", "attempts": 0, "next_at": 0})
            p.lrem(NS + "dead", 0, op_id)
            p.rpush(NS + f"q:{record['incident']}", op_id)
            p.zadd(NS + "due", {record["incident"]: 0}, nx=True)
            p.execute()
        return True

    # -- sending --------------------------------------------------------------------------
    def drain(self, notifier: Notifier, now: float, limit: int = 100) -> DrainReport:
        """Send what is due at `now`, at most `limit` ops, in order per incident."""
        report = DrainReport()
        budget = limit
        for raw in self.r.zrangebyscore(NS + "due", "-inf", now, start=0, num=limit):
            if budget <= 0:
                break
            incident = _s(raw)
            token = uuid.uuid4().hex
            if not self.r.set(NS + f"lock:{incident}", token, nx=True, px=self.lock_ttl_ms):
                continue
            try:
                budget -= self._drain_incident(incident, notifier, now, budget, report)
            finally:
                self._unlock(keys=[NS + f"lock:{incident}"], args=[token])
        first = self.r.zrange(NS + "due", 0, 0, withscores=True)
        report.next_due = float(first[0][1]) if first else None
        return report

    def _drain_incident(self, incident: str, notifier: Notifier, now: float, budget: int,
                        report: DrainReport) -> int:
        queue = NS + f"q:{incident}"
        done = 0
        while done < budget:
            head = self.r.lindex(queue, 0)
            if head is None:
                # Remove the due entry unless an enqueue raced in since lindex.
                with self.r.pipeline() as p:
                    p.watch(queue)  # type: ignore[no-untyped-call]
                    if p.llen(queue) == 0:
                        p.multi()
                        p.zrem(NS + "due", incident)
                        try:
                            p.execute()
                        except redis.WatchError:
                            continue
                return done
            op_id = _s(head)
            record = self.status(op_id)
            if record is None or record.get("state") in ("sent", "dead"):
                self.r.lrem(queue, 1, op_id)  # finished but not popped (crash): skip it
                continue
            wait = float(record.get("next_at") or 0)
            if wait > now:
                self.r.zadd(NS + "due", {incident: wait})
                return done
            granted = float(self._gate(keys=[NS + f"last:{record['channel']}"],
                                       args=[repr(now), self.per_channel_interval]))
            if granted:
                self.r.zadd(NS + "due", {incident: granted})
                report.deferred += 1
                return done
            done += 1
            if not self._attempt(record, notifier, now, report):
                return done
        self.r.zadd(NS + "due", {incident: now})
        return done

    def _attempt(self, record: dict[str, str], notifier: Notifier, now: float,
                 report: DrainReport) -> bool:
        """Send one op; True when the incident may go on with its next op."""
        key = NS + f"op:{record['id']}"
        attempts = int(self.r.hincrby(key, "attempts", 1))
        self.r.hset(key, mapping={"state": "inflight", "inflight_at": repr(now)})
        try:
            ts, recovered = self._perform(record, notifier, retrying=attempts > 1)
        except NotifyError as exc:
            return self._failed(record, attempts, now, exc, report)
        except Exception as exc:  # a bug or an unexpected library error: retry, never lose
            log.exception("outbox op %s failed unexpectedly", record["id"])
            return self._failed(record, attempts, now,
                                NotifyError(f"{type(exc).__name__}: {exc}"), report)
        with self.r.pipeline() as p:
            p.hset(key, mapping={"state": "sent", "sent_at": repr(now), "ts": ts or ""})
            p.hdel(key, "payload")  # what was sent is in Slack now; keep the record small
            p.expire(key, self.keep_sent)
            p.lrem(NS + f"q:{record['incident']}", 1, record["id"])
            p.execute()
        report.sent += 1
        report.recovered += int(recovered)
        return True

    def _failed(self, record: dict[str, str], attempts: int, now: float, exc: NotifyError,
                report: DrainReport) -> bool:
        key = NS + f"op:{record['id']}"
        report.errors.append(f"{record['id']}: {exc}")
        if exc.recoverable:
            delay = min(self.backoff_cap, self.backoff_base * 2 ** (attempts - 1))
            delay *= self.rng.uniform(0.5, 1.0)  # jitter: retries of many ops do not align
            if exc.retry_after is not None:
                delay = max(delay, exc.retry_after)
            self.r.hset(key, mapping={"state": "queued", "next_at": repr(now + delay),
                                      "last_error": str(exc)})
            self.r.zadd(NS + "due", {record["incident"]: now + delay})
            report.retried += 1
            log.warning("outbox op %s: %s; retry in %.1fs", record["id"], exc, delay)
            return False
        with self.r.pipeline() as p:
            p.hset(key, mapping={"state": "dead", "last_error": str(exc)})
            p.lrem(NS + f"q:{record['incident']}", 1, record["id"])
            p.lpush(NS + "dead", record["id"])
            p.ltrim(NS + "dead", 0, 9999)
            p.execute()
        report.dead += 1
        log.error("outbox op %s given up: %s", record["id"], exc)
        return True

    def _perform(self, record: dict[str, str], notifier: Notifier, *, retrying: bool
                 ) -> tuple[str | None, bool]:
        """Make the Slack call(s) of one op: (ts of the message, found already posted)."""
        action, channel, incident = record["action"], record["channel"], record["incident"]
        payload = json.loads(record.get("payload") or "{}")
        main = self.ref(incident, channel)
        if action == "upload_chart":
            notifier.upload(channel, main, payload.get("filename") or "chart.png",
                            _chart_bytes(payload), payload.get("title") or "")
            return None, False
        message = Rendered(text=payload.get("text") or "", blocks=payload.get("blocks"))
        if action in ("post_alert", "update_alert") and main is not None:
            _degrading(record["id"], message, lambda m: notifier.update(main, m))
            return main.ts, False  # one message per incident and channel
        thread = main if action == "reply" else None
        ref, recovered = None, False
        if retrying and isinstance(notifier, KeyedNotifier):
            oldest = float(record.get("enqueued_at") or 0) - 300
            try:
                ref = notifier.find_posted(channel, record["id"], thread, oldest)
            except NotifyError as exc:
                if exc.recoverable:
                    raise
                # History unreadable (e.g. missing scope): re-send, at-least-once.
                log.warning("outbox op %s: cannot check history (%s); re-sending",
                            record["id"], exc)
            recovered = ref is not None
        if ref is None:
            if isinstance(notifier, KeyedNotifier):
                keyed = notifier
                ref = _degrading(record["id"], message,
                                 lambda m: keyed.post(channel, m, thread, key=record["id"]))
            else:
                ref = _degrading(record["id"], message,
                                 lambda m: notifier.post(channel, m, thread))
        if action in ("post_alert", "update_alert"):
            value = json.dumps({"channel": ref.channel, "ts": ref.ts})
            self.r.set(NS + f"ref:{incident}:{channel}", value)
            if ref.channel != channel:
                self.r.set(NS + f"ref:{incident}:{ref.channel}", value)
        return ref.ts, recovered


T = TypeVar("T")


def _degrading(op_id: str, message: Rendered, send: Callable[[Rendered], T]) -> T:
    """Send `message`; if Slack refuses its blocks (or its length), send the text fallback
    alone, clipped, rather than lose the message. Slack refused the first call, so this
    cannot post twice."""
    try:
        return send(message)
    except NotifyError as exc:
        if getattr(exc, "code", None) not in BLOCK_ERRORS:
            raise
        log.warning("outbox op %s: %s; sending the text fallback alone", op_id, exc)
        return send(Rendered(text=clip(message.text or "(message refused by Slack)", 3000)))


def _chart_bytes(payload: dict[str, Any]) -> bytes:
    if payload.get("png_base64"):
        return base64.b64decode(payload["png_base64"])
    from monitor.notify.chart import render_chart  # matplotlib only when a chart is sent

    series = [BucketStats(**b) for b in payload.get("series", [])]
    return render_chart(series, payload.get("title") or "")


def _s(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else value
