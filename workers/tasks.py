"""Watch tasks: dispatch polls, poll a feed, ingest a batch, run detection.

Thin by design: each task loads its context, calls one function of monitor.watch with the
current time, and enqueues the next hop. Batches, never one task per mention; every batch is
keyed on its mention ids so a redelivery under late acks never counts twice.
"""

from __future__ import annotations

import os
import time
from functools import lru_cache
from typing import Any

from monitor import watch
from workers.celery_app import app
from workers.respond_tasks import handle_alerts


@lru_cache(maxsize=1)
def context() -> watch.Context:
    return watch.Context.create()


@app.task(name="vigie.dispatch", ignore_result=True)
def dispatch() -> int:
    """Enqueue a poll for every source that is due (beat runs this every few seconds)."""
    due = watch.due_sources(context(), time.time())
    for name in due:
        poll.delay(name)
    return len(due)


@app.task(name="vigie.poll", ignore_result=True, acks_late=True)
def poll(name: str) -> int:
    batches = watch.poll(context(), name, time.time())
    for batch in batches:
        ingest.delay(batch)
    return sum(len(b) for b in batches)


@app.task(name="vigie.ingest", ignore_result=True, acks_late=True)
def ingest(items: list[dict[str, Any]]) -> int:
    return watch.ingest(context(), items, time.time()).new


@app.task(name="vigie.detect", ignore_result=True, acks_late=True)
def detect() -> int:
    # Lateness allowed before a bucket is closed; the demo shortens it to stay within a minute.
    grace = float(os.environ.get("VIGIE_DETECT_GRACE", "60"))
    settle = float(os.environ.get("VIGIE_DETECT_SETTLE", "120"))
    events, _ = watch.detect(context(), time.time(), grace=grace, settle=settle,
                             deliver=lambda fired: handle_alerts.delay([a.to_dict() for a in fired]))
    return len(events)
