"""Playbooks: which alerts start them, who does what by when, and whom to wake up when
nobody acknowledges.

Loaded from playbooks/*.yaml through monitor/config/yamlfile.py (every problem reported as
`file:line: field: reason`). The engine is pure: given an incident and the event time it says
which escalation notice is due, which steps are overdue and when to look again. Templates
are rendered in jinja2's sandbox with every variable escaped for Slack mrkdwn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ConfigDict, Field, field_validator

from monitor.config.yamlfile import load_file, validate
from monitor.errors import ConfigError
from monitor.incidents import Incident
from monitor.model import Alert, Kind, Severity
from monitor.timeutil import parse_duration

_ID = re.compile(r"^[a-z0-9][a-z0-9_]{0,63}$")
_MEMBER = re.compile(r"^(U|W|S)[A-Z0-9]{2,}$|^(here|channel)$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _duration(value: Any) -> float:
    seconds = parse_duration(value)
    if seconds <= 0:
        raise ValueError("must be a positive duration such as 15m")
    return seconds


class Trigger(_Strict):
    """Which fired alerts start this playbook; an empty list matches anything."""

    kinds: list[Kind] = Field(default_factory=list)
    severity_at_least: Severity = Field(default=Severity.LOW)
    topics: list[str] = Field(default_factory=list)

    def matches(self, alert: Alert) -> bool:
        event = alert.event
        return ((not self.kinds or event.kind in self.kinds)
                and alert.severity.rank >= self.severity_at_least.rank
                and (not self.topics or event.topic in self.topics))


class Role(_Strict):
    label: str = Field(description="How people call the role: 'Comms lead', 'Juriste'.")
    members: list[str] = Field(
        default_factory=list,
        description="Slack user ids (U...), user group ids (S...), or `here`. Empty: set "
        "them in vigie.yaml or the role is only named.")

    @field_validator("members")
    @classmethod
    def _ids(cls, value: list[str]) -> list[str]:
        for member in value:
            if not _MEMBER.match(member):
                raise ValueError(f"{member!r} is not a Slack user id (U...), group id (S...) "
                                 "or 'here'")
        return value


class Escalation(_Strict):
    """Not acknowledged `after` the alert: notify `notify[0]`; every `repeat_every` after
    that, the next level; past the last level, repeat it `repeat` more times."""

    after: float = Field(default=900.0, description="Delay before the first notice (15m).")
    notify: list[str] = Field(default_factory=list, description="Roles, in escalation order.")
    repeat_every: float = Field(default=900.0, description="Delay between notices.")
    repeat: int = Field(default=1, ge=0, le=20, description="Extra notices to the last level.")

    @field_validator("after", "repeat_every", mode="before")
    @classmethod
    def _durations(cls, value: Any) -> float:
        return _duration(value)

    @property
    def total(self) -> int:
        return len(self.notify) + self.repeat if self.notify else 0


class Step(_Strict):
    id: str
    title: str
    role: str
    due_after: float = Field(description="Due this long after the playbook started.")
    checklist: list[str] = Field(default_factory=list)
    template: str | None = Field(default=None, description="Message template (jinja2).")
    remind_every: float | None = Field(default=None, description="Repeat reminders (none).")

    @field_validator("due_after", "remind_every", mode="before")
    @classmethod
    def _durations(cls, value: Any) -> float | None:
        return None if value is None else _duration(value)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError("a step id is lower-case letters, digits and '_'")
        return value


class Playbook(_Strict):
    name: str
    title: str
    language: str = Field(default="en", pattern=r"^[a-z]{2}$")
    description: str = ""
    triggers: Trigger = Field(default_factory=Trigger)
    roles: dict[str, Role]
    escalation: Escalation = Field(default_factory=Escalation)
    variables: dict[str, str] = Field(default_factory=dict,
                                      description="Extra template variables (brand, phone...).")
    steps: list[Step] = Field(min_length=1)

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)


# --- templates -------------------------------------------------------------------------

TEMPLATE_VARIABLES = ("incident", "topic", "kind", "severity", "summary", "started_at",
                      "owner", "playbook", "link")


def template_env(escape: Callable[[str], str]) -> SandboxedEnvironment:
    """A sandboxed, strict environment: unknown variables fail, every value is escaped."""
    return SandboxedEnvironment(
        undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=False,
        finalize=lambda value: escape(str(value)) if value is not None else "",
    )


def template_context(playbook: Playbook, incident: Incident) -> dict[str, str]:
    context = dict(playbook.variables)
    context.update({
        "incident": incident.id, "topic": incident.topic, "kind": incident.kind.value,
        "severity": incident.severity.value, "summary": incident.summary,
        "started_at": (incident.playbook_started_at or incident.opened_at).strftime(
            "%Y-%m-%d %H:%M UTC"),
        "owner": incident.owner or "", "playbook": playbook.title,
        "link": incident.last_alert.get("link", ""),
    })
    return context


def render_step(playbook: Playbook, step: Step, incident: Incident,
                escape: Callable[[str], str]) -> str:
    """The step's message template rendered for `incident`; '' when it has none."""
    if not step.template:
        return ""
    env = template_env(escape)
    return env.from_string(step.template).render(template_context(playbook, incident))


# --- engine ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Notice:
    """An escalation notice due at `at`: the `number`th (1-based), to `role`."""

    number: int
    at: datetime
    role: str


def members(playbook: Playbook, role: str, overrides: Mapping[str, list[str]] | None) -> list[str]:
    """Slack ids of a role: vigie.yaml overrides first, else the playbook's members."""
    if overrides and overrides.get(role):
        return list(overrides[role])
    found = playbook.roles.get(role)
    return list(found.members) if found else []


def escalation_schedule(policy: Escalation, start: datetime) -> list[Notice]:
    """Every notice the policy would send when nobody ever acknowledges."""
    notices = []
    for index in range(policy.total):
        role = policy.notify[min(index, len(policy.notify) - 1)]
        at = start + timedelta(seconds=policy.after + index * policy.repeat_every)
        notices.append(Notice(index + 1, at, role))
    return notices


def next_notice(playbook: Playbook, incident: Incident) -> Notice | None:
    """The next escalation notice for `incident`, or None when it is acknowledged, resolved
    or has had them all. A snooze pushes the notice to the end of the snooze."""
    if incident.acknowledged or incident.resolved:
        return None
    schedule = escalation_schedule(playbook.escalation, incident.opened_at)
    if incident.escalations >= len(schedule):
        return None
    notice = schedule[incident.escalations]
    if incident.snoozed_until and incident.snoozed_until > notice.at:
        notice = Notice(notice.number, incident.snoozed_until, notice.role)
    return notice


def notice_due(playbook: Playbook, incident: Incident, now: datetime) -> Notice | None:
    """The notice to send at `now`, if one is due (re-checked when the ETA task runs)."""
    notice = next_notice(playbook, incident)
    return notice if notice and notice.at <= now else None


@dataclass(frozen=True, slots=True)
class Reminder:
    step: Step
    due: datetime
    at: datetime  # when this reminder should go out
    number: int  # 1-based count of reminders for this step


def next_reminders(playbook: Playbook, incident: Incident) -> list[Reminder]:
    """For each open step of a started playbook, its next reminder (due time, then every
    `remind_every`). Done steps, resolved incidents and unstarted playbooks have none."""
    started = incident.playbook_started_at
    if started is None or incident.resolved:
        return []
    out = []
    for step in playbook.steps:
        if step.id in incident.steps_done:
            continue
        sent = incident.reminders.get(step.id, 0)
        if sent and not step.remind_every:
            continue
        due = started + timedelta(seconds=step.due_after)
        at = due + timedelta(seconds=(step.remind_every or 0) * sent)
        if sent >= 10:  # a step ignored through ten reminders needs a person, not an eleventh
            continue
        if incident.snoozed_until and incident.snoozed_until > at:
            at = incident.snoozed_until
        out.append(Reminder(step, due, at, sent + 1))
    return out


def reminders_due(playbook: Playbook, incident: Incident, now: datetime) -> list[Reminder]:
    return [r for r in next_reminders(playbook, incident) if r.at <= now]


def check_role_overrides(overrides: Mapping[str, list[str]],
                         playbooks: Mapping[str, Playbook]) -> list[str]:
    """Problems of vigie.yaml's `playbook_roles`: roles no playbook defines, bad Slack ids."""
    known = {role for playbook in playbooks.values() for role in playbook.roles}
    problems = []
    for role, ids in overrides.items():
        if role not in known:
            problems.append(f"playbook_roles.{role}: no playbook defines this role "
                            f"(known: {', '.join(sorted(known)) or 'none'})")
        for member in ids:
            if not _MEMBER.match(member):
                problems.append(f"playbook_roles.{role}: {member!r} is not a Slack user id "
                                "(U...), group id (S...) or 'here'")
    return problems


def select_playbook(playbooks: Mapping[str, Playbook], alert: Alert) -> Playbook | None:
    """The routed playbook when the rule names one, else the first (by name) whose triggers
    match the alert."""
    if alert.route.playbook:
        return playbooks.get(alert.route.playbook)
    for name in sorted(playbooks):
        if playbooks[name].triggers.matches(alert):
            return playbooks[name]
    return None


# --- loading ---------------------------------------------------------------------------

def _check_references(playbook: Playbook, marks: Any) -> list[str]:
    """Roles named by steps and the escalation policy exist; step ids are unique."""
    problems = []
    for index, role in enumerate(playbook.escalation.notify):
        if role not in playbook.roles:
            problems.append(marks.error(("escalation", "notify", index),
                                        f"unknown role {role!r}"))
    seen: set[str] = set()
    for index, step in enumerate(playbook.steps):
        if step.role not in playbook.roles:
            problems.append(marks.error(("steps", index, "role"), f"unknown role {step.role!r}"))
        if step.id in seen:
            problems.append(marks.error(("steps", index, "id"), f"duplicate step id {step.id!r}"))
        seen.add(step.id)
    return problems


def _check_templates(playbook: Playbook, marks: Any) -> list[str]:
    """Compile and trial-render every template, so a typo fails `vigie playbooks check`."""
    problems = []
    env = template_env(lambda s: s)
    sample = dict(playbook.variables)
    sample.update({name: f"<{name}>" for name in TEMPLATE_VARIABLES})
    for s_index, step in enumerate(playbook.steps):
        if not step.template:
            continue
        loc = ("steps", s_index, "template")
        try:
            env.from_string(step.template).render(sample)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(marks.error(loc, f"template syntax: {exc.message} (line {exc.lineno})"))
        except jinja2.UndefinedError as exc:
            problems.append(marks.error(loc, f"template: {exc.message}; known variables: "
                                        + ", ".join(sorted(sample))))
        except jinja2.exceptions.SecurityError as exc:
            problems.append(marks.error(loc, f"template: not allowed in the sandbox: {exc}"))
    return problems


def load_playbook(path: Path | str) -> Playbook:
    """Load one playbook file; raises ConfigError listing every problem."""
    path = Path(path)
    data, marks = load_file(path)
    if not isinstance(data, dict):
        raise ConfigError([marks.error((), "expected a mapping with name, roles, steps...")])
    playbook = validate(Playbook, data, marks)
    problems = _check_references(playbook, marks) + _check_templates(playbook, marks)
    if playbook.name != path.stem:
        problems.append(marks.error(("name",), f"name {playbook.name!r} must match the file "
                                    f"name {path.stem!r}"))
    if problems:
        raise ConfigError(problems)
    return playbook


def load_playbooks(directory: Path | str) -> dict[str, Playbook]:
    """Every playbooks/*.yaml; raises one ConfigError with the problems of all files."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ConfigError([f"{directory}: (file): playbooks folder not found"])
    found: dict[str, Playbook] = {}
    problems: list[str] = []
    for path in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
        try:
            playbook = load_playbook(path)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        found[playbook.name] = playbook
    if problems:
        raise ConfigError(problems)
    return found
