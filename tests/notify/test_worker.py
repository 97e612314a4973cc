"""The `vigie.notify.drain` task under a real Celery worker delivers the outbox to Slack."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from celery.contrib.testing.worker import start_worker

from monitor.notify.base import Rendered
from monitor.store.outbox import Outbox, OutboxOp, rendered_payload
from tests.slack_emulator import SlackEmulator
from workers import notify_tasks
from workers.celery_app import app, configure

pytestmark = [pytest.mark.integration, pytest.mark.slow]


@pytest.fixture()
def leftover(redis_client: redis.Redis) -> Outbox:
    """An op left in the outbox before any worker runs (a crash or a restart)."""
    outbox = Outbox(redis_client)
    outbox.enqueue(
        OutboxOp("left", "old", "#crisis", "post_alert", rendered_payload(Rendered("left over")))
    )
    return outbox


@pytest.fixture()
def worker(
    redis_url: str, slack_emulator: SlackEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", slack_emulator.token)
    monkeypatch.setenv("SLACK_API_URL", slack_emulator.api_url)
    monkeypatch.setenv("VIGIE_CONFIG", str(tmp_path / "absent.yaml"))
    notify_tasks._runtime.cache_clear()
    previous = app.conf.broker_url
    configure(redis_url)
    app.conf.broker_transport_options = {"visibility_timeout": 3600}
    with start_worker(
        app,
        pool="threads",
        concurrency=2,
        perform_ping_check=False,
        loglevel="WARNING",
        shutdown_timeout=10,
    ):
        yield
    app.conf.broker_url = previous
    notify_tasks._runtime.cache_clear()


def test_kick_delivers_through_worker_with_retry(
    worker: None, redis_client: redis.Redis, slack_emulator: SlackEmulator
) -> None:
    """kick() after enqueueing: the worker posts, retries a 500 after backoff, and the
    alert and its thread reply land once each, in order."""
    slack_emulator.fail("chat.postMessage", status=500)
    outbox = Outbox(redis_client)
    outbox.enqueue(
        OutboxOp("w1", "inc", "#vigie", "post_alert", rendered_payload(Rendered("alert")))
    )
    outbox.enqueue(OutboxOp("w2", "inc", "#vigie", "reply", rendered_payload(Rendered("note"))))
    assert notify_tasks.kick(redis_client)
    deadline = time.monotonic() + 20
    while outbox.pending() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert outbox.pending() == 0
    messages = slack_emulator.channel_messages("vigie")
    assert [m["text"] for m in messages] == ["alert", "note"]
    assert messages[1]["thread_ts"] == messages[0]["ts"]


def test_worker_start_drains_leftovers(
    leftover: Outbox, worker: None, slack_emulator: SlackEmulator
) -> None:
    """Ops queued before the worker started go out on `worker_ready`, without a kick."""
    from celery.signals import worker_ready

    # The real worker (celery.apps.worker) sends worker_ready; the test controller does not.
    worker_ready.send(sender=None)
    messages = slack_emulator.wait_for_messages("crisis", 1, timeout=15)
    assert [m["text"] for m in messages] == ["left over"]
    # The message shows in Slack a moment before the outbox records it as sent.
    deadline = time.monotonic() + 5
    while leftover.pending() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftover.pending() == 0


def test_stale_schedule_does_not_block_kick(
    redis_client: redis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A drain scheduled long ago that never ran does not stop a new kick; a fresh one does."""
    calls: list[float] = []
    monkeypatch.setattr(
        notify_tasks.drain, "apply_async", lambda countdown: calls.append(countdown)
    )
    redis_client.set(notify_tasks.SCHEDULED, repr(time.time() - 600))
    assert notify_tasks.kick(redis_client)
    assert not notify_tasks.kick(redis_client)
    assert calls == [0.0]
