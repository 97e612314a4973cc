"""End to end, every part real: a feed on 127.0.0.1 -> Celery -> detection -> rules ->
an alert in the Slack emulator (real slack_sdk) -> escalation after the playbook's timeout ->
a signed Acknowledge click on `vigie web` -> Resolve -> post-incident report."""

from __future__ import annotations

import json
import os
import random
import time
import urllib.request
from collections.abc import Iterator
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
import redis

from monitor.timeutil import from_epoch
from tests.feedserver import FeedServer
from tests.respond.helpers import button_body, sign
from tests.slack_emulator import SlackEmulator

pytestmark = [pytest.mark.integration, pytest.mark.slow]
SECRET = "e2e-signing-secret"

RULES = """\
rules:
  - name: e2e_crisis
    when: kind in [crisis, bad_buzz, volume_spike]
    route: {channel: "#crisis-room", playbook: fast}
    repeat_interval: 1h
"""
PLAYBOOK = """\
name: fast
title: Fast drill
roles:
  cm: {label: Community manager, members: [U0CM]}
  lead: {label: Comms lead, members: [U0LEAD]}
escalation: {after: 2s, notify: [lead], repeat_every: 60s, repeat: 0}
steps:
  - {id: statement, title: Holding statement, role: cm, due_after: 1h}
"""


def feed(now: float) -> bytes:
    """Two calm days, then a spreading negative surge over the last 45 minutes."""
    rng = random.Random(5)
    items, t, n = [], now - 2 * 86400, 0
    while t < now - 3000:
        t += rng.expovariate(1 / 900)
        items.append((t, f"u{rng.randint(1, 200)}", f"Acme granola is fine, shop opened {n}"))
        n += 1
    for k in range(240):
        items.append((now - 2700 + k * 10, f"p{rng.randint(1, 5000)}",
                      f"Acme cereal made my child sick, disgusting scandal, boycott {k}"))
    body = "".join(
        f"<item><guid>g{i}</guid><link>https://social.example/{i}</link>"
        f"<pubDate>{format_datetime(from_epoch(ts))}</pubDate><author>{who}</author>"
        f"<description>{text}</description></item>" for i, (ts, who, text) in enumerate(items)
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>s</title>{body}</channel></rss>".encode()


def wait(predicate: Any, seconds: float = 60.0) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds}s")


@pytest.fixture()
def deployment(redis_url: str, tmp_path: Path, feed_server: FeedServer,  # noqa: F811
               slack_emulator: SlackEmulator) -> Iterator[dict[str, Any]]:  # noqa: F811
    slack_emulator.add_channel("crisis-room")
    feed_server.route("/social.rss", body=feed(time.time()),
                      headers={"Content-Type": "application/rss+xml"})
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "e2e.yaml").write_text(RULES, encoding="utf-8")
    (tmp_path / "playbooks").mkdir()
    (tmp_path / "playbooks" / "fast.yaml").write_text(PLAYBOOK, encoding="utf-8")
    config = tmp_path / "vigie.yaml"
    config.write_text(
        "topics:\n  - name: acme\n    query: acme\n"
        f"sources:\n  - name: social\n    url: {feed_server.url('/social.rss')}\n"
        "    interval: 1h\n    source_type: social\n"
        "rules_dir: rules\nplaybooks_dir: playbooks\n", encoding="utf-8")
    env = {
        "REDIS_URL": redis_url, "VIGIE_CONFIG": str(config), "VIGIE_DATA_DIR": str(tmp_path / "data"),
        "SLACK_BOT_TOKEN": slack_emulator.token, "SLACK_API_URL": slack_emulator.api_url,
        "SLACK_SIGNING_SECRET": SECRET, "VIGIE_DETECT_GRACE": "0", "VIGIE_DETECT_SETTLE": "0",
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    from celery.contrib.testing.worker import start_worker

    from monitor.config.settings import Settings
    from monitor.store import connect
    from monitor.store.incidents import IncidentStore
    from monitor.web.app import create_app
    from monitor.web.server import BackgroundServer, wsgi_app
    from workers import celery_app, notify_tasks, respond_tasks, tasks

    def reset() -> None:
        tasks.context.cache_clear()
        respond_tasks.responder.cache_clear()
        notify_tasks._runtime.cache_clear()

    reset()
    celery_app.configure(redis_url)
    settings = Settings.from_env()
    store = IncidentStore(connect(settings))
    web = BackgroundServer(wsgi_app(create_app(settings, store))).start()
    try:
        with start_worker(celery_app.app, pool="threads", concurrency=4, perform_ping_check=False,
                          loglevel="WARNING", shutdown_timeout=20):
            yield {"web": web.url, "store": store, "data": tmp_path / "data", "tasks": tasks}
    finally:
        web.stop()
        reset()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def click(url: str, action_id: str, incident: str, action_ts: str) -> int:
    body = button_body(action_id, incident, user="U0CM", action_ts=action_ts)
    request = urllib.request.Request(f"{url}/slack/events", data=body, headers=sign(body, SECRET))
    with urllib.request.urlopen(request, timeout=5) as answer:
        return int(answer.status)


def test_feed_to_alert_ack_escalation_and_report(deployment: dict[str, Any],
                                                 slack_emulator: SlackEmulator,  # noqa: F811
                                                 redis_client: redis.Redis) -> None:
    tasks = deployment["tasks"]
    tasks.dispatch.delay()
    wait(lambda: int(redis_client.get("vigie:stats:mentions") or 0) >= 240)
    tasks.detect.delay()

    # 1. The alert lands in the channel, with buttons that name its incident.
    def alert_message() -> dict[str, Any] | None:
        mains = [m for m in slack_emulator.channel_messages("#crisis-room") if not m.get("thread_ts")]
        return mains[0] if mains else None

    message = wait(alert_message)
    assert "acme" in message["text"].lower()
    values = [e.get("value") for b in message.get("blocks", []) if b.get("type") == "actions"
              for e in b.get("elements", []) if e.get("action_id") == "vigie:ack"]
    incident_id = values[0]

    # 2. Nobody acknowledges: the playbook escalates to the comms lead after 2 s.
    def escalated() -> bool:
        thread = slack_emulator.thread("#crisis-room", message["ts"])
        return any("U0LEAD" in json.dumps(m) for m in thread)

    wait(escalated)

    # 3. A signed Acknowledge click on `vigie web` is acknowledged and acted on once.
    assert click(deployment["web"], "vigie:ack", incident_id, "2.1") == 200
    store = deployment["store"]
    wait(lambda: store.get(incident_id).acknowledged)
    assert store.get(incident_id).acked_by == "U0CM"
    wait(lambda: slack_emulator.calls_of("chat.update"))

    # 4. Resolve: the post-incident report is posted in the thread and written as Markdown.
    assert click(deployment["web"], "vigie:resolve", incident_id, "3.1") == 200
    wait(lambda: store.get(incident_id).resolved)
    reports = wait(lambda: list((deployment["data"] / "reports").glob("*.md")), 30)
    text = reports[0].read_text(encoding="utf-8")
    assert "acknowledge" in text.lower() and "U0CM" in text
    wait(lambda: any("report" in json.dumps(m).lower() or "resolved" in json.dumps(m).lower()
                     for m in slack_emulator.thread("#crisis-room", message["ts"])), 30)
