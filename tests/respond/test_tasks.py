"""The Celery tasks under a real worker (celery.contrib.testing) on the test Redis: an
unacknowledged incident escalates after its timeout through an ETA task."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from celery.contrib.testing.worker import start_worker

from monitor.playbooks import load_playbook
from monitor.respond import Responder
from tests.respond.conftest import Rig
from tests.respond.helpers import alert
from workers import respond_tasks
from workers.celery_app import app, configure

pytestmark = [pytest.mark.integration, pytest.mark.slow]

FAST = """\
name: fast
title: Fast drill
roles:
  cm: {label: Community manager, members: [U0CM]}
  lead: {label: Comms lead, members: [U0LEAD]}
escalation: {after: 1s, notify: [lead], repeat_every: 1s, repeat: 0}
steps:
  - {id: statement, title: Holding statement, role: cm, due_after: 2s}
"""


@pytest.fixture()
def worker(rig: Rig, redis_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
           ) -> Iterator[Responder]:
    path = tmp_path / "fast.yaml"
    path.write_text(FAST, encoding="utf-8")
    responder = rig.responder
    responder.playbooks = {"fast": load_playbook(path)}
    monkeypatch.setattr(respond_tasks, "responder", lambda: responder)
    # The test drains the outbox into the emulator itself (Rig.drain).
    monkeypatch.setattr(respond_tasks, "kick_delivery", lambda: None)
    previous = app.conf.broker_url
    configure(redis_url)
    app.conf.broker_transport_options = {"visibility_timeout": 3600}
    with start_worker(app, pool="threads", concurrency=2, perform_ping_check=False,
                      loglevel="WARNING", shutdown_timeout=10):
        yield responder
    app.conf.broker_url = previous


def _wait(predicate: Any, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_escalation_and_reminder_fire_through_eta_tasks(worker: Responder, rig: Rig) -> None:
    """handle_alerts opens the incident; unacknowledged after 1 s the comms lead is pinged,
    after 2 s the overdue step is reminded, each exactly once."""
    live = alert(playbook="fast", channels=("#crisis",), at=datetime.now(UTC))
    respond_tasks.handle_alerts.delay([live.to_dict()])

    def sent(action: str) -> bool:
        found = worker.store.get("1")
        return found is not None and any(e.action == action for e in found.timeline)

    assert _wait(lambda: sent("escalation_sent")), "no escalation within 15 s"
    assert _wait(lambda: sent("reminder_sent")), "no reminder within 15 s"
    time.sleep(1.5)
    incident = worker.store.get("1")
    assert incident is not None
    assert [e.action for e in incident.timeline].count("escalation_sent") == 1
    assert incident.escalations == 1 and incident.reminders == {"statement": 1}
    rig.drain()
    texts = [m["text"] for m in rig.replies()]
    assert any("escalating to Comms lead <@U0LEAD>" in t for t in texts)
    assert any("Step overdue: *Holding statement*" in t for t in texts)


def test_action_task_acknowledges_and_stops_escalation(worker: Responder, rig: Rig,
                                                       tmp_path: Path) -> None:
    """handle_action applies an ack from Slack; the pending escalation then does nothing.

    The escalation is due 4 s after opening (1 s raced a loaded CI worker, which took over
    a second to run the ack); the step's reminder, due a second later, still fires after
    the ack and shows that the ETA tasks did run."""
    slow = tmp_path / "slow.yaml"
    slow.write_text(FAST.replace("name: fast", "name: slow")
                    .replace("after: 1s", "after: 4s").replace("due_after: 2s", "due_after: 5s"),
                    encoding="utf-8")
    worker.playbooks["slow"] = load_playbook(slow)
    live = alert(playbook="slow", at=datetime.now(UTC))
    respond_tasks.handle_alerts.delay([live.to_dict()])
    assert _wait(lambda: worker.store.get("1") is not None)
    respond_tasks.handle_action.delay({"key": "act:x", "incident": "1", "action": "ack",
                                       "value": "", "user": "U0CM", "channel": "",
                                       "message_ts": "", "response_url": "",
                                       "source": "button"})
    assert _wait(lambda: worker.store.get("1").acknowledged)  # type: ignore[union-attr]
    incident = worker.store.get("1")
    assert incident is not None
    acked = next(e.at for e in incident.timeline if e.action == "acknowledged")
    assert (acked - incident.timeline[0].at).total_seconds() < 4, "ack came after escalation"

    def reminded() -> bool:
        found = worker.store.get("1")
        return found is not None and any(e.action == "reminder_sent" for e in found.timeline)

    assert _wait(reminded), "no reminder within 15 s"
    incident = worker.store.get("1")
    assert incident is not None and incident.escalations == 0
    assert not any(e.action == "escalation_sent" for e in incident.timeline)


def test_signed_click_through_web_worker_and_outbox(worker: Responder, rig: Rig) -> None:
    """A signed Acknowledge click on the real web server reaches the worker through Celery,
    acknowledges the incident and posts in the thread; a second person's later click is
    told why nothing happened on its response_url."""
    import httpx
    from pydantic import SecretStr

    from monitor.config.settings import Settings
    from monitor.web.app import create_app
    from monitor.web.server import BackgroundServer, wsgi_app
    from tests.respond.helpers import SECRET, button_body, sign

    respond_tasks.handle_alerts.delay([alert(playbook="fast", at=datetime.now(UTC)).to_dict()])
    assert _wait(lambda: worker.store.get("1") is not None)
    settings = Settings(slack_signing_secret=SecretStr(SECRET),
                        slack_bot_token=SecretStr(rig.emulator.token),
                        slack_api_url=rig.emulator.api_url)
    server = BackgroundServer(wsgi_app(create_app(settings, worker.store))).start()
    try:
        response_url = rig.emulator.new_response_url()
        body = button_body("vigie:ack", "1", user="U0CM", response_url=response_url)
        reply = httpx.post(f"{server.url}/slack/events",
                           content=body, headers=sign(body), timeout=5)
        assert reply.status_code == 200
        assert _wait(lambda: worker.store.get("1").acknowledged)  # type: ignore[union-attr]
        late_url = rig.emulator.new_response_url()
        late = button_body("vigie:ack", "1", user="U0LEAD", action_ts="5.5",
                           response_url=late_url)
        assert httpx.post(f"{server.url}/slack/events", content=late, headers=sign(late),
                          timeout=5).status_code == 200
        late_rid = late_url.rsplit("/", 1)[1]
        assert _wait(lambda: bool(rig.emulator.responses[late_rid]))
    finally:
        server.stop()
    rig.drain()
    assert [m["text"] for m in rig.replies()].count("<@U0CM> acknowledged") == 1
    assert rig.emulator.responses[late_rid][0]["text"] == "Already acknowledged by <@U0CM>."
    assert rig.emulator.responses[late_rid][0]["response_type"] == "ephemeral"
    assert rig.emulator.responses[response_url.rsplit("/", 1)[1]] == []


def test_build_responder_from_settings(redis_url: str, tmp_path: Path) -> None:
    """The worker's Responder loads the playbooks folder, the default channels and writes
    reports under the data dir."""
    from monitor.config.settings import Settings

    config = tmp_path / "vigie.yaml"
    config.write_text("playbook_roles: {comms_lead: [S0COMMS]}\n")
    settings = Settings(redis_url=redis_url, config_path=config,
                        playbooks_dir=Path(__file__).resolve().parents[2] / "playbooks",
                        data_dir=tmp_path)
    built = respond_tasks.build_responder(settings)
    assert sorted(built.playbooks) == ["bad_buzz_watch", "executive_controversy",
                                       "product_recall", "service_outage"]
    assert built.reports_dir == tmp_path / "reports"
    assert built.default_channels["critical"] == "#vigie-alerts"
    assert built.role_members == {"comms_lead": ["S0COMMS"]}


def test_playbook_tick_sends_what_is_overdue_once(rig: Rig,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The beat safety net sends an overdue escalation and reminder whose ETA tasks were
    lost, and nothing more when run again."""
    from datetime import timedelta

    scheduled: list[Any] = []
    monkeypatch.setattr(respond_tasks, "responder", lambda: rig.responder)
    monkeypatch.setattr(respond_tasks, "kick_delivery", lambda: None)
    monkeypatch.setattr(respond_tasks, "schedule", scheduled.extend)
    opened = datetime.now(UTC) - timedelta(minutes=20)
    rig.responder.handle_alert(alert(playbook="product_recall", at=opened))
    respond_tasks.playbook_tick()
    respond_tasks.playbook_tick()
    incident = rig.responder.store.get("1")
    assert incident is not None
    actions = [e.action for e in incident.timeline]
    assert actions.count("escalation_sent") == 1 and incident.escalations == 1
    assert incident.reminders == {"assess": 1}
    assert {(s.task, s.args.get("number")) for s in scheduled} >= {("escalate", 2)}


def test_malformed_alert_is_skipped_and_the_batch_goes_on(rig: Rig,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad alert dict in a batch is logged and skipped; the good one opens its incident."""
    monkeypatch.setattr(respond_tasks, "responder", lambda: rig.responder)
    monkeypatch.setattr(respond_tasks, "kick_delivery", lambda: None)
    monkeypatch.setattr(respond_tasks, "schedule", lambda items: None)
    respond_tasks.handle_alerts([{"alert": "broken", "severity": "apocalyptic"},
                                 alert().to_dict()])
    assert [i.id for i in rig.responder.store.recent()] == ["1"]
