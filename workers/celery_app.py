"""The Celery application. Tasks are thin wrappers around the pure core (see tasks modules).

The broker is the same Redis as the store: REDIS_URL, or the embedded server that `vigie run`
starts and exports as REDIS_URL before any worker process is forked.
"""

from __future__ import annotations

import os

from celery import Celery

TASK_MODULES = [
    "workers.tasks",          # ingest, poll, detect
    "workers.notify_tasks",   # outbox drain
    "workers.respond_tasks",  # incidents, playbooks, Slack actions
]


def broker_url(redis_url: str) -> str:
    """Kombu spells a unix-socket Redis `redis+socket://`; redis-py spells it `unix://`."""
    if redis_url.startswith("unix://"):
        return "redis+socket://" + redis_url[len("unix://"):]
    return redis_url


def _broker() -> str:
    return broker_url(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")


app = Celery("vigie")
app.conf.update(
    broker_url=_broker(),
    # Results are never read: tasks hand work on by enqueueing the next hop, never by .get().
    task_ignore_result=True,
    result_backend=None,
    # A batch is acknowledged only once processed; a worker lost mid-batch gets it redelivered,
    # and the batch's idempotency token keeps it from counting twice.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_serializer="json",
    accept_content=["json"],
    timezone="UTC",
    enable_utc=True,
    broker_connection_retry_on_startup=True,
    # Redis visibility timeout must exceed the longest ETA (playbook reminders, escalations)
    # or the broker redelivers them early.
    broker_transport_options={"visibility_timeout": 7 * 86400},
    worker_hijack_root_logger=False,
    # The console notifier writes to the terminal of `vigie run`: don't relabel its output
    # as log warnings.
    worker_redirect_stdouts=False,
    include=TASK_MODULES,
    beat_schedule={
        # Feeds are scheduled by a dispatcher rather than one beat entry each, so intervals,
        # backoff and config reloads take effect without restarting beat.
        "dispatch-polls": {"task": "vigie.dispatch", "schedule": float(
            os.environ.get("VIGIE_DISPATCH_EVERY", "5"))},
        "detect": {"task": "vigie.detect", "schedule": float(
            os.environ.get("VIGIE_DETECT_EVERY", "30"))},
        # Safety net for escalations and reminders whose countdown task was lost.
        "playbook-tick": {"task": "workers.respond_tasks.playbook_tick", "schedule": 60.0},
        # Safety net for the outbox: ops whose kick was lost are sent anyway.
        "notify-drain": {"task": "vigie.notify.drain", "schedule": 15.0},
    },
)


def configure(url: str) -> None:
    """Point the app at a broker chosen at run time (embedded Redis, tests)."""
    os.environ["REDIS_URL"] = url
    app.conf.broker_url = broker_url(url)
