"""Playbook loading (shipped files, exact error messages), escalation schedule, reminders
and sandboxed, escaped templates, at fixed times."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path

import pytest

from monitor.errors import ConfigError
from monitor.incidents import Action, apply_action, open_incident
from monitor.model import Kind, Route, Severity
from monitor.notify.escape import mrkdwn
from monitor.playbooks import (
    Playbook,
    escalation_schedule,
    load_playbook,
    load_playbooks,
    next_notice,
    next_reminders,
    notice_due,
    reminders_due,
    render_step,
    select_playbook,
)
from tests.respond.helpers import T0, alert

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("bad_buzz_watch", "executive_controversy", "product_recall", "service_outage")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
name: {name}
title: Test
roles:
  cm: {{label: CM, members: [U0CM]}}
  lead: {{label: Lead, members: [S0LEADS]}}
escalation: {{after: 10m, notify: [cm, lead], repeat_every: 5m, repeat: 1}}
steps:
  - {{id: first, title: First, role: cm, due_after: 10m, remind_every: 10m}}
  - {{id: second, title: Second, role: lead, due_after: 30m,
      template: "About {{{{ topic }}}}: {{{{ summary }}}}"}}
"""


def _minimal(tmp_path: Path) -> Playbook:
    return load_playbook(_write(tmp_path, "minimal", MINIMAL.format(name="minimal")))


def test_shipped_playbooks_load() -> None:
    """The four shipped playbooks load, in French and English, with the four roles."""
    found = load_playbooks(ROOT / "playbooks")
    assert sorted(found) == list(SHIPPED)
    assert {found[n].language for n in SHIPPED} == {"fr", "en"}
    for playbook in found.values():
        assert set(playbook.roles) == {"community_manager", "comms_lead", "legal", "executive"}


@pytest.mark.parametrize("body,message", [
    ("name: x\ntitle: T\nroles: {cm: {label: CM}}\nsteps:\n  - {id: a, title: A, role: boss, due_after: 5m}\n",
     "x.yaml:5: steps[0].role: unknown role 'boss'"),
    ("name: x\ntitle: T\nroles: {cm: {label: CM}}\nsteps:\n  - {id: a, title: A, role: cm, due_after: soon}\n",
     "x.yaml:5: steps[0].due_after: invalid duration 'soon': expected e.g. 90s, 15m, 1h30m, 2d or 1w"),
    ("name: x\ntitle: T\nroles: {cm: {label: CM, members: [bob]}}\nsteps:\n  - {id: a, title: A, role: cm, due_after: 5m}\n",
     "x.yaml:3: roles.cm.members: 'bob' is not a Slack user id (U...), group id (S...) or 'here'"),
    ("name: x\ntitle: T\nroles: {cm: {label: CM}}\nsteps:\n  - {id: a, title: A, role: cm, due_after: 5m,\n     template: '{{ brand }'}\n",
     "x.yaml:6: steps[0].template: template syntax: unexpected '}' (line 1)"),
    ("name: x\ntitle: T\nroles: {cm: {label: CM}}\nsteps:\n  - {id: a, title: A, role: cm, due_after: 5m,\n     template: '{{ brnad }}'}\n",
     "x.yaml:6: steps[0].template: template: 'brnad' is undefined; known variables: "
     "incident, kind, link, owner, playbook, severity, started_at, summary, topic"),
    ("name: x\ntitle: T\nroles: {cm: {label: CM}}\nescalation: {notify: [cm, ceo]}\nsteps:\n  - {id: a, title: A, role: cm, due_after: 5m}\n  - {id: a, title: B, role: cm, due_after: 5m}\n",
     "x.yaml:7: steps[1].id: duplicate step id 'a'"),
    ("name: x\ntitle: T\nroles: {cm: {label: CM}}\nescalation: {notify: [cm, ceo]}\nsteps:\n  - {id: a, title: A, role: cm, due_after: 5m}\n",
     "x.yaml:4: escalation.notify[1]: unknown role 'ceo'"),
    ("name: y\ntitle: T\nroles: {cm: {label: CM}}\nsteps:\n  - {id: a, title: A, role: cm, due_after: 5m}\n",
     "x.yaml:1: name: name 'y' must match the file name 'x'"),
    ("name: x\ntitle: T\nroles: {cm: {label: CM}}\nsteps: []\nsurprise: 1\n",
     "x.yaml:4: steps: List should have at least 1 item after validation, not 0"),
])
def test_bad_playbooks_give_exact_messages(tmp_path: Path, body: str, message: str) -> None:
    """Each invalid playbook names file, line, field and reason."""
    with pytest.raises(ConfigError) as caught:
        load_playbook(_write(tmp_path, "x", body))
    problems = [p.replace(str(tmp_path) + "/", "") for p in caught.value.problems]
    assert message in problems


def test_unknown_field_is_reported_with_the_others(tmp_path: Path) -> None:
    """An unknown key fails alongside every other problem of the file."""
    body = "name: x\ntitle: T\nroles: {cm: {label: CM}}\nsteps: []\nsurprise: 1\n"
    with pytest.raises(ConfigError) as caught:
        load_playbook(_write(tmp_path, "x", body))
    assert f"{tmp_path}/x.yaml:5: surprise: unknown field" in caught.value.problems


def test_sandbox_refuses_unsafe_templates(tmp_path: Path) -> None:
    """A template reaching for Python internals is refused at check time."""
    body = ("name: x\ntitle: T\nroles: {cm: {label: CM}}\nsteps:\n  - {id: a, title: A, "
            "role: cm, due_after: 5m,\n     template: '{{ topic.__class__.__mro__[1].__subclasses__() }}'}\n")
    with pytest.raises(ConfigError) as caught:
        load_playbook(_write(tmp_path, "x", body))
    assert "not allowed in the sandbox" in caught.value.problems[0]


def test_escalation_schedule_walks_the_levels_then_repeats(tmp_path: Path) -> None:
    """Unacknowledged: cm after 10m, lead 5m later, lead again 5m after that, then stop."""
    playbook = _minimal(tmp_path)
    schedule = escalation_schedule(playbook.escalation, T0)
    assert [(n.number, n.role, n.at - T0) for n in schedule] == [
        (1, "cm", timedelta(minutes=10)), (2, "lead", timedelta(minutes=15)),
        (3, "lead", timedelta(minutes=20))]


def test_next_notice_stops_on_ack_and_moves_with_snooze(tmp_path: Path) -> None:
    """No notice once acknowledged; a snooze pushes the next one to its end."""
    playbook = _minimal(tmp_path)
    incident = open_incident("1", alert(), ("#c",))
    assert notice_due(playbook, incident, T0 + timedelta(minutes=9)) is None
    due = notice_due(playbook, incident, T0 + timedelta(minutes=10))
    assert due is not None and due.number == 1 and due.role == "cm"
    sent = dataclasses.replace(incident, escalations=3)
    assert next_notice(playbook, sent) is None
    acked = apply_action(incident, Action.ACK, "U1", T0).incident
    assert next_notice(playbook, acked) is None
    snoozed = apply_action(incident, Action.SNOOZE, "U1", T0, "1h").incident
    notice = next_notice(playbook, snoozed)
    assert notice is not None and notice.at == T0 + timedelta(hours=1)


def test_reminders_for_open_steps_only(tmp_path: Path) -> None:
    """Reminders fall due at each step's deadline, repeat by remind_every, stop when done."""
    playbook = _minimal(tmp_path)
    incident = apply_action(open_incident("1", alert(), ("#c",)), Action.START_PLAYBOOK, "U1",
                            T0, "minimal").incident
    assert [(r.step.id, r.at - T0) for r in next_reminders(playbook, incident)] == [
        ("first", timedelta(minutes=10)), ("second", timedelta(minutes=30))]
    assert [r.step.id for r in reminders_due(playbook, incident, T0 + timedelta(minutes=10))] == ["first"]
    once = dataclasses.replace(incident, reminders={"first": 1, "second": 1})
    assert [(r.step.id, r.number, r.at - T0) for r in next_reminders(playbook, once)] == [
        ("first", 2, timedelta(minutes=20))]
    done = apply_action(once, Action.STEP_DONE, "U1", T0, "first").incident
    assert next_reminders(playbook, done) == []


def test_no_reminders_before_start_or_after_resolution(tmp_path: Path) -> None:
    """An unstarted playbook or a resolved incident has no reminders."""
    playbook = _minimal(tmp_path)
    incident = open_incident("1", alert(), ("#c",))
    assert next_reminders(playbook, incident) == []
    started = apply_action(incident, Action.START_PLAYBOOK, "U1", T0, "minimal").incident
    resolved = apply_action(started, Action.RESOLVE, "U1", T0).incident
    assert next_reminders(playbook, resolved) == []


def test_templates_escape_every_variable(tmp_path: Path) -> None:
    """Mention-derived values are made inert for mrkdwn in rendered templates."""
    playbook = _minimal(tmp_path)
    incident = open_incident("1", alert(summary="<!channel> ping <@U123> & <https://x|y>"),
                             ("#c",))
    text = render_step(playbook, playbook.steps[1], incident, mrkdwn)
    assert text == "About acme: &lt;!channel&gt; ping &lt;@U123&gt; &amp; &lt;https://x|y&gt;"


def test_shipped_templates_render(tmp_path: Path) -> None:
    """Every shipped template renders for a sample incident without error."""
    incident = open_incident("1", alert(), ("#c",))
    for playbook in load_playbooks(ROOT / "playbooks").values():
        for step in playbook.steps:
            if step.template:
                assert "acme" in render_step(playbook, step, incident, mrkdwn)


def test_select_playbook_by_route_then_triggers() -> None:
    """A routed playbook wins; otherwise the first whose kind/severity/topic triggers match."""
    found = load_playbooks(ROOT / "playbooks")
    routed = dataclasses.replace(alert(), route=Route(("#c",), "service_outage", ()))
    assert select_playbook(found, routed).name == "service_outage"  # type: ignore[union-attr]
    crisis = select_playbook(found, alert(kind=Kind.CRISIS, severity=Severity.HIGH))
    assert crisis is not None and crisis.name == "executive_controversy"
    buzz = select_playbook(found, alert(kind=Kind.BAD_BUZZ, severity=Severity.LOW))
    assert buzz is not None and buzz.name == "bad_buzz_watch"
    assert select_playbook(found, alert(kind=Kind.POSITIVE_BUZZ)) is None
