"""Incident transitions at fixed event times: every change is on the timeline, nothing
applies twice, actions respect the incident's state."""

from __future__ import annotations

from datetime import timedelta

import pytest

from monitor.incidents import (
    Action,
    Incident,
    IncidentStatus,
    apply_action,
    apply_alert,
    label_of,
    open_incident,
)
from monitor.model import Kind, Severity, Transition
from tests.respond.helpers import T0, alert


def _open() -> Incident:
    return open_incident("1", alert(), ("#crisis",))


def test_open_incident_starts_the_timeline() -> None:
    """A new incident is open at the alert's event time with one `opened` entry."""
    incident = _open()
    assert incident.status is IncidentStatus.OPEN
    assert incident.opened_at == T0
    assert [(e.actor, e.action) for e in incident.timeline] == [("vigie", "opened")]


def test_round_trip_through_dict() -> None:
    """to_dict/from_dict keep every field (what Redis stores)."""
    incident = apply_action(_open(), Action.SNOOZE, "U1", T0, "4h").incident
    assert Incident.from_dict(incident.to_dict()) == incident


def test_ack_records_who_and_when_then_second_ack_is_polite() -> None:
    """The first ack sets acked_by/acked_at; a second one changes nothing."""
    first = apply_action(_open(), Action.ACK, "U1", T0 + timedelta(minutes=4))
    assert first.changed and first.incident.acked_by == "U1"
    assert first.incident.time_to_acknowledge() == timedelta(minutes=4)
    second = apply_action(first.incident, Action.ACK, "U2", T0 + timedelta(minutes=5))
    assert not second.changed and second.incident == first.incident
    assert "Already acknowledged by <@U1>" in second.note


@pytest.mark.parametrize("action,value", [
    (Action.ACK, ""), (Action.TAKE_OWNERSHIP, ""), (Action.ESCALATE, ""),
    (Action.SNOOZE, "1h"), (Action.RESOLVE, ""), (Action.START_PLAYBOOK, "product_recall"),
])
def test_actions_on_a_resolved_incident_change_nothing(action: Action, value: str) -> None:
    """Any action but feedback on a resolved incident answers politely without a change."""
    resolved = apply_action(_open(), Action.RESOLVE, "U1", T0).incident
    outcome = apply_action(resolved, action, "U2", T0 + timedelta(hours=1), value)
    assert not outcome.changed and outcome.incident == resolved
    assert "already resolved" in outcome.note


def test_take_ownership_acknowledges_and_can_change_hands() -> None:
    """Owning an unacknowledged incident acknowledges it; another person can take over."""
    owned = apply_action(_open(), Action.TAKE_OWNERSHIP, "U1", T0).incident
    assert owned.owner == "U1" and owned.acked_by == "U1"
    again = apply_action(owned, Action.TAKE_OWNERSHIP, "U1", T0)
    assert not again.changed
    taken = apply_action(owned, Action.TAKE_OWNERSHIP, "U2", T0).incident
    assert taken.owner == "U2" and taken.acked_by == "U1"
    assert taken.timeline[-1].detail == "from U1"


def test_snooze_choices() -> None:
    """Snooze 1h/4h/24h sets snoozed_until from the click time; other values are refused."""
    for choice, hours in (("1h", 1), ("4h", 4), ("24h", 24)):
        snoozed = apply_action(_open(), Action.SNOOZE, "U1", T0, choice).incident
        assert snoozed.snoozed_until == T0 + timedelta(hours=hours)
    assert not apply_action(_open(), Action.SNOOZE, "U1", T0, "2h").changed


def test_escalate_counts_levels() -> None:
    """Each manual escalation raises the level and is on the timeline."""
    once = apply_action(_open(), Action.ESCALATE, "U1", T0).incident
    twice = apply_action(once, Action.ESCALATE, "U1", T0).incident
    assert twice.escalations == 2
    assert [e.action for e in twice.timeline][-2:] == ["escalated_manually"] * 2


def test_playbook_start_once() -> None:
    """A playbook starts once; with none routed the button says so."""
    started = apply_action(_open(), Action.START_PLAYBOOK, "U1", T0, "product_recall")
    assert started.changed and started.incident.playbook_started_at == T0
    assert not apply_action(started.incident, Action.START_PLAYBOOK, "U1", T0).changed
    assert "No playbook" in apply_action(_open(), Action.START_PLAYBOOK, "U1", T0).note


def test_later_alerts_escalate_reclassify_and_resolve() -> None:
    """A higher severity escalates, a new kind reclassifies, an episode end resolves."""
    incident = _open()
    up = apply_alert(incident, alert(2, severity=Severity.CRITICAL, minutes=10,
                                     transition=Transition.ESCALATED))
    assert up.incident.severity is Severity.CRITICAL and up.incident.timeline[-1].action == "escalated"
    back = apply_alert(up.incident, alert(3, kind=Kind.BAD_BUZZ, severity=Severity.MEDIUM,
                                          minutes=20, transition=Transition.RECLASSIFIED))
    assert back.incident.kind is Kind.BAD_BUZZ
    assert back.incident.severity is Severity.CRITICAL  # peak severity is kept
    assert back.incident.timeline[-1].action == "reclassified"
    end = apply_alert(back.incident, alert(4, kind=Kind.RESOLVED, minutes=90,
                                           transition=Transition.RESOLVED))
    assert end.incident.resolved and end.incident.resolved_by == "vigie"
    assert end.incident.time_to_resolve() == timedelta(minutes=90)
    assert len(end.incident.snapshots()) == 4


def test_same_alert_twice_applies_once() -> None:
    """Re-applying an alert already folded in changes nothing (redelivered task)."""
    incident = apply_alert(_open(), alert(2, minutes=5)).incident
    assert not apply_alert(incident, alert(2, minutes=5)).changed


def test_feedback_becomes_a_label_spanning_the_episode() -> None:
    """Feedback stores a label (topic, type, episode start, end), even after resolution."""
    resolved = apply_action(_open(), Action.RESOLVE, "U1", T0 + timedelta(hours=2)).incident
    labelled = apply_action(resolved, Action.FEEDBACK, "U2", T0 + timedelta(hours=3),
                            "false_alarm").incident
    assert label_of(labelled) == {"topic": "acme", "type": "false_alarm",
                                  "start": "2026-03-02T08:30:00Z", "end": "2026-03-02T11:00:00Z"}
    assert not apply_action(labelled, Action.FEEDBACK, "U2", T0, "false_alarm").changed
    assert not apply_action(labelled, Action.FEEDBACK, "U2", T0, "maybe").changed


def test_drills_give_no_label() -> None:
    """A drill's feedback is not exported as a label."""
    drill = open_incident("9", alert(drill=True), ("#crisis",))
    assert label_of(apply_action(drill, Action.FEEDBACK, "U1", T0, "crisis").incident) is None


def test_step_done_once() -> None:
    """A step is marked done once, with its time."""
    done = apply_action(_open(), Action.STEP_DONE, "U1", T0, "assess")
    assert done.incident.steps_done == {"assess": "2026-03-02T09:00:00Z"}
    assert not apply_action(done.incident, Action.STEP_DONE, "U1", T0, "assess").changed
