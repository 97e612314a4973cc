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
