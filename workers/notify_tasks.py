"""Outbox drain task: sends what the outbox holds, at Slack's pace, and reschedules itself.

Thin: the sending logic is monitor.store.outbox.Outbox.drain. Call `kick()` after enqueueing
(it schedules one drain, deduplicated); the beat schedule may also run `vigie.notify.drain`
every few seconds as a safety net, which is harmless (incidents are locked while drained).
"""

from __future__ import annotations

import logging
import time
from functools import lru_cache
from typing import Any

import redis
from celery.signals import worker_ready

from monitor.config.settings import Settings
from monitor.notify.base import Notifier
from monitor.notify.deliver import load_slack_settings, make_notifier
from monitor.notify.settings import SlackSettings
from monitor.store import PREFIX, connect
from monitor.store.outbox import Outbox
from workers.celery_app import app

log = logging.getLogger(__name__)
SCHEDULED = PREFIX + "outbox:scheduled"
STALE = 60.0


@lru_cache(maxsize=1)
def _runtime() -> tuple[redis.Redis, Notifier, SlackSettings]:
    settings = Settings.from_env()
    slack = load_slack_settings(settings)
    return connect(settings), make_notifier(settings), slack


def drain_for(outbox: Outbox, notifier: Notifier, budget: float) -> tuple[int, float | None]:
    """Drain until nothing is due or `budget` seconds are spent, sleeping between rate-limited
    sends. Returns (ops sent, time the next op is due or None)."""
    deadline = time.time() + budget
    sent = 0
    while True:
        report = outbox.drain(notifier, time.time())
        sent += report.sent
        if report.next_due is None:
            return sent, None
        wait = report.next_due - time.time()
        if time.time() + max(wait, 0.0) >= deadline:
            return sent, report.next_due
        # An incident locked by another drainer shows as due now: don't spin on it.
        time.sleep(min(max(wait, 0.05), 1.0))


@app.task(name="vigie.notify.drain", ignore_result=True, autoretry_for=(redis.RedisError,),
          retry_backoff=True, retry_backoff_max=60, max_retries=None)
def drain(budget: float = 20.0) -> int:
    """Send due outbox ops for up to `budget` seconds; schedule the next drain if work remains."""
    client, notifier, slack = _runtime()
    outbox = Outbox(client, per_channel_interval=slack.per_channel_interval)
    scheduled = client.get(SCHEDULED)
    if scheduled is not None and float(scheduled) <= time.time() + 0.5:
        client.delete(SCHEDULED)  # this is that drain
    sent, next_due = drain_for(outbox, notifier, budget)
    if next_due is not None:
        kick(client, delay=max(0.5, next_due - time.time()))
    return sent


def kick(client: redis.Redis | None = None, *, delay: float = 0.0) -> bool:
    """Make sure a drain runs within `delay` seconds: schedules one unless one is already
    scheduled by then (a drain waiting on a long backoff does not delay a new alert).
    True when this call scheduled one."""
    client = client or _runtime()[0]
    target = time.time() + max(0.0, delay)
    scheduled = client.get(SCHEDULED)
    # A drain due more than STALE seconds ago never ran (lost task, dead worker): ignore it.
    if scheduled is not None and time.time() - STALE <= float(scheduled) <= target + 0.5:
        return False
    client.set(SCHEDULED, repr(target), ex=int(delay) + 60)
    drain.apply_async(countdown=max(0.0, delay))
    return True


@worker_ready.connect
def _drain_leftovers(**_: Any) -> None:
    """Ops left in the outbox by a stopped or crashed worker go out when a worker starts,
    without waiting for the next alert to kick a drain."""
    try:
        kick(delay=1.0)
    except Exception:  # the worker must start even if Redis is not reachable yet
        log.exception("could not schedule the outbox drain at worker start")
