"""The response orchestration against real Redis, the real outbox and the real slack_sdk
client talking to the Slack emulator on 127.0.0.1."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from monitor.incidents import Action
from monitor.model import AlertStatus, Kind, Severity, Transition
from monitor.web.payloads import ActionRequest
from tests.respond.conftest import Rig
from tests.respond.helpers import T0, alert

pytestmark = pytest.mark.integration


def _click(action: Action, user: str = "U0CM", value: str = "", key: str = "k1",
           incident: str = "1") -> ActionRequest:
    return ActionRequest(key=key, incident=incident, action=action, value=value, user=user)


def _texts(rig: Rig) -> list[str]:
    return [m["text"] for m in rig.replies()]


def test_fired_alert_posts_the_message_and_starts_the_routed_playbook(rig: Rig) -> None:
    """A fired alert opens incident 1, posts the alert and the playbook in its thread, and
    schedules the first escalation notice and the step reminders."""
    follow = rig.responder.handle_alert(alert(playbook="product_recall"))
    rig.drain()
    main = rig.main()
    assert "CRISIS" in main["text"].upper() or "Crisis" in json.dumps(main["blocks"])
    replies = rig.replies()
    assert replies and replies[0]["text"].startswith("Playbook Rappel produit started")
    assert "<@U0LEAD>" in json.dumps(replies[0]["blocks"])  # roles with their members
    assert ("escalate", {"incident": "1", "number": 1}, T0 + timedelta(minutes=15)) in [
        (s.task, s.args, s.eta) for s in follow]
    assert {s.args.get("step") for s in follow if s.task == "remind"} == {
        "assess", "holding_statement", "legal_review", "executive_brief"}


def test_alerts_not_fired_do_nothing(rig: Rig) -> None:
    """A silenced alert creates no incident and sends nothing."""
    import dataclasses

    silenced = dataclasses.replace(alert(), status=AlertStatus.SILENCED)
    assert rig.responder.handle_alert(silenced) == []
    assert rig.responder.store.recent() == []


def test_default_channel_per_severity_when_unrouted(rig: Rig) -> None:
    """An alert without channels goes to the severity's default channel."""
    rig.responder.handle_alert(alert(channels=(), severity=Severity.CRITICAL))
    rig.drain()
    assert rig.emulator.channel_messages("#vigie-alerts")


def test_mention_text_is_escaped_in_the_message(rig: Rig) -> None:
    """A summary holding <!channel> and a forged link reaches Slack inert."""
    rig.responder.handle_alert(alert(summary="<!channel> look <https://evil|bank>"))
    rig.drain()
    raw = json.dumps(rig.emulator.channel_messages("#crisis"))
    assert "<!channel>" not in raw and "<https://evil" not in raw


def test_ack_updates_in_place_and_posts_in_thread_once(rig: Rig) -> None:
    """Acknowledge: the message shows who, the thread says so; the same click again does
    nothing; a later ack by someone else is refused politely."""
    rig.responder.handle_alert(alert())
    rig.drain()
    note, _, _ = rig.responder.handle_action(_click(Action.ACK), T0 + timedelta(minutes=3))
    assert note == "<@U0CM> acknowledged incident 1."
    rig.drain()
    assert "<@U0CM>" in json.dumps(rig.main()["blocks"])
    assert "<@U0CM> acknowledged" in _texts(rig)
    assert rig.responder.handle_action(_click(Action.ACK), T0)[0] == "Already done."
    note, _, _ = rig.responder.handle_action(_click(Action.ACK, "U0LEAD", key="k2"), T0)
    assert note == "Already acknowledged by <@U0CM>."
    rig.drain()
    assert _texts(rig).count("<@U0CM> acknowledged") == 1
    assert len(rig.emulator.calls_of("chat.update")) == 1


@pytest.mark.parametrize("action,value,expected", [
    (Action.TAKE_OWNERSHIP, "", "<@U0CM> took ownership"),
    (Action.SNOOZE, "4h", "<@U0CM> snoozed: until 2026-03-02T13:00:00Z"),
    (Action.STEP_DONE, "assess", "<@U0CM> step done: assess"),
    (Action.FEEDBACK, "bad_buzz", "<@U0CM> feedback: bad_buzz"),
])
def test_each_button_changes_state_and_says_so(rig: Rig, action: Action, value: str,
                                               expected: str) -> None:
    """Own, snooze, step done and feedback each record the change in the thread."""
    rig.responder.handle_alert(alert())
    rig.responder.handle_action(_click(action, value=value), T0 + timedelta(hours=0))
    rig.drain()
    assert expected in _texts(rig)
    incident = rig.responder.store.get("1")
    assert incident is not None and incident.timeline[-1].actor == "U0CM"


def test_start_playbook_button_when_none_was_routed(rig: Rig) -> None:
    """An incident nothing started gets the playbook made for its kind from the button."""
    rig.responder.handle_alert(alert(kind=Kind.CRISIS, severity=Severity.LOW))
    assert rig.responder.store.get("1").playbook is None  # type: ignore[union-attr]
    note, follow, _ = rig.responder.handle_action(_click(Action.START_PLAYBOOK), T0)
    assert note == "Playbook executive_controversy started."
    assert {s.task for s in follow} == {"escalate", "remind"}
    rig.responder.handle_alert(alert(kind=Kind.POSITIVE_BUZZ, episode="ep2"))
    note, _, _ = rig.responder.handle_action(_click(Action.START_PLAYBOOK, incident="2", key="k9"), T0)
    assert note == "No playbook is routed to this incident."


def test_feedback_is_exported_as_a_label(rig: Rig) -> None:
    """'False alarm' stores a label on the episode, in the backtest --labels format."""
    rig.responder.handle_alert(alert())
    rig.responder.handle_action(_click(Action.FEEDBACK, value="false_alarm"), T0)
    assert rig.responder.store.labels() == [{"topic": "acme", "type": "false_alarm",
                                             "start": "2026-03-02T08:30:00Z",
                                             "end": "2026-03-02T09:00:00Z"}]


def test_resolution_posts_and_exports_the_report(rig: Rig) -> None:
    """Resolve: the thread gets the post-incident summary and a Markdown file is written;
    buttons on a resolved incident then answer politely."""
    rig.responder.handle_alert(alert())
    rig.responder.handle_action(_click(Action.ACK), T0 + timedelta(minutes=5))
    rig.responder.handle_action(_click(Action.RESOLVE, key="k2"), T0 + timedelta(hours=2))
    rig.drain()
    assert _texts(rig)[-1].startswith("*Post-incident report, incident 1*")
    assert "Time to acknowledge: 5m · time to resolve: 2h" in _texts(rig)[-1]
    reports = list(rig.responder.reports_dir.glob("*.md"))  # type: ignore[union-attr]
    assert [p.name for p in reports] == ["incident-1-acme-20260302.md"]
    assert "- Time to resolve: 2h" in reports[0].read_text()
    note, _, _ = rig.responder.handle_action(_click(Action.ACK, key="k3"), T0)
    assert "already resolved" in note


def test_episode_end_resolves_with_report(rig: Rig) -> None:
    """A RESOLVED episode event resolves the incident and posts the report."""
    rig.responder.handle_alert(alert())
    rig.responder.handle_alert(alert(2, kind=Kind.RESOLVED, minutes=60,
                                     transition=Transition.RESOLVED))
    rig.drain()
    incident = rig.responder.store.get("1")
    assert incident is not None and incident.resolved and incident.resolved_by == "vigie"
    assert _texts(rig)[-1].startswith("*Post-incident report")


def test_escalation_notice_is_sent_once_and_stops_after_ack(rig: Rig) -> None:
    """Unacknowledged after 15 min: comms lead pinged; the same notice never twice; next
    notice scheduled; after an ack the chain stops."""
    rig.responder.handle_alert(alert(playbook="product_recall"))
    early = rig.responder.escalate("1", 1, T0 + timedelta(minutes=10))
    assert [(s.task, s.eta) for s in early] == [("escalate", T0 + timedelta(minutes=15))]
    nxt = rig.responder.escalate("1", 1, T0 + timedelta(minutes=16))
    assert [(s.args["number"], s.eta) for s in nxt] == [(2, T0 + timedelta(minutes=30))]
    assert rig.responder.escalate("1", 1, T0 + timedelta(minutes=17)) == []
    rig.drain()
    escalations = [t for t in _texts(rig) if "escalating" in t]
    assert escalations == ["Incident 1 is not acknowledged: escalating to Responsable "
                           "communication <@U0LEAD>".join([":rotating_light: ", ""])]
    rig.responder.handle_action(_click(Action.ACK), T0 + timedelta(minutes=20))
    assert rig.responder.escalate("1", 2, T0 + timedelta(minutes=31)) == []
    incident = rig.responder.store.get("1")
    assert incident is not None and incident.escalations == 1


def test_snooze_defers_escalation(rig: Rig) -> None:
    """A snoozed incident's due notice is rescheduled to the end of the snooze."""
    rig.responder.handle_alert(alert(playbook="product_recall"))
    rig.responder.handle_action(_click(Action.SNOOZE, value="1h"), T0 + timedelta(minutes=1))
    again = rig.responder.escalate("1", 1, T0 + timedelta(minutes=16))
    assert [s.eta for s in again] == [T0 + timedelta(minutes=61)]


def test_reminder_for_an_overdue_step_then_repeat(rig: Rig) -> None:
    """The holding statement, overdue at 30 min, pings the comms lead, then every 15 min;
    marking it done stops the reminders."""
    rig.responder.handle_alert(alert(playbook="product_recall"))
    nxt = rig.responder.remind("1", "holding_statement", 1, T0 + timedelta(minutes=31))
    assert [(s.args["number"], s.eta) for s in nxt] == [(2, T0 + timedelta(minutes=45))]
    assert rig.responder.remind("1", "holding_statement", 1, T0 + timedelta(minutes=32)) == []
    rig.drain()
    assert any("Step overdue: *Publier une déclaration d'attente*" in t and "<@U0LEAD>" in t
               for t in _texts(rig))
    rig.responder.handle_action(_click(Action.STEP_DONE, value="holding_statement"), T0)
    assert rig.responder.remind("1", "holding_statement", 2, T0 + timedelta(minutes=46)) == []


def test_manual_escalation_pings_the_next_role(rig: Rig) -> None:
    """The Escalate button notifies the policy's next role and moves the chain on."""
    rig.responder.handle_alert(alert(playbook="product_recall"))
    note, follow, _ = rig.responder.handle_action(_click(Action.ESCALATE), T0)
    assert note == "<@U0CM> escalated incident 1."
    assert [s.args["number"] for s in follow if s.task == "escalate"] == [2]
    rig.drain()
    assert any(t.startswith(":arrow_up: <@U0CM> escalated incident 1 to Responsable "
                            "communication <@U0LEAD>") for t in _texts(rig))


def test_crash_between_save_and_enqueue_loses_nothing(rig: Rig) -> None:
    """Entries saved but not yet turned into Slack operations are sent by the next call."""
    import dataclasses

    rig.responder.handle_alert(alert())
    incident = rig.responder.store.get("1")
    assert incident is not None
    # Simulate a worker that saved an ack and died before enqueueing.
    from monitor.incidents import apply_action
    acked = apply_action(incident, Action.ACK, "U0CM", T0).incident
    rig.responder.store.save(dataclasses.replace(acked, notified=incident.notified))
    rig.responder.handle_alert(alert())  # redelivery of the same alert: no-op on state
    rig.drain()
    assert "<@U0CM> acknowledged" in _texts(rig)


def test_concurrent_alerts_of_a_new_episode_open_one_incident(rig: Rig) -> None:
    """Eight workers handling alerts of the same new episode at once open one incident
    holding every alert, and post one message."""
    from concurrent.futures import ThreadPoolExecutor

    alerts = [alert(n, minutes=n) for n in range(1, 9)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(rig.responder.handle_alert, alerts))
    incidents = rig.responder.store.recent(limit=100)
    assert len(incidents) == 1
    assert sorted(incidents[0].alert_ids) == sorted(a.id for a in alerts)
    rig.drain()
    assert len([m for m in rig.emulator.channel_messages("#crisis")
                if not m.get("thread_ts")]) == 1
