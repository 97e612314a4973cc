"""Incidents: what people do about an episode, with a timeline of who did what and when.

Pure: every function takes the event time (`at`) and returns a new state plus what changed;
nothing here reads the clock, Redis or Slack. One incident per episode: the alerts of that
episode (opened, escalated, resolved...) update it, Slack actions move it along.
A change that does not apply (ack of a resolved incident, a second ack) returns the incident
unchanged with a polite `note`, so replayed or late clicks never act twice.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from monitor.model import Alert, Kind, Severity, Transition
from monitor.timeutil import format_duration, iso, parse_instant


class IncidentStatus(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class Action(StrEnum):
    """What a person can do from Slack (buttons, `/vigie ack`)."""

    ACK = "ack"
    TAKE_OWNERSHIP = "own"
    START_PLAYBOOK = "playbook"
    ESCALATE = "escalate"
    SNOOZE = "snooze"
    RESOLVE = "resolve"
    FEEDBACK = "feedback"
    STEP_DONE = "step_done"


class FeedbackType(StrEnum):
    """Feedback buttons; the values are the `type` of the exported labels."""

    CRISIS = "crisis"
    BAD_BUZZ = "bad_buzz"
    FALSE_ALARM = "false_alarm"


SNOOZE_CHOICES = {"1h": 3600.0, "4h": 4 * 3600.0, "24h": 86400.0}
SYSTEM_ACTOR = "vigie"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One thing that happened: `actor` is a Slack user id, or `vigie` for the system."""

    at: datetime
    actor: str
    action: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"at": iso(self.at), "actor": self.actor, "action": self.action,
                "detail": self.detail}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimelineEntry:
        return cls(parse_instant(data["at"]), data["actor"], data["action"],
                   data.get("detail", ""))


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Indicators carried by one alert of the episode (for the report when no series)."""

    at: datetime
    severity: Severity
    kind: Kind
    indicators: dict[str, float]

    def to_dict(self) -> dict[str, Any]:
        return {"at": iso(self.at), "severity": self.severity.value, "kind": self.kind.value,
                "indicators": dict(self.indicators)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Snapshot:
        return cls(parse_instant(data["at"]), Severity(data["severity"]), Kind(data["kind"]),
                   {k: float(v) for k, v in data.get("indicators", {}).items()})


@dataclass(frozen=True, slots=True)
class Incident:
    """The response state of one episode. Frozen: transitions return a new value."""

    id: str
    topic: str
    episode: str
    episode_start: datetime
    opened_at: datetime
    kind: Kind
    severity: Severity
    summary: str
    channels: tuple[str, ...]
    status: IncidentStatus = IncidentStatus.OPEN
    last_alert: dict[str, Any] = field(default_factory=dict)  # Alert.to_dict of the latest
    alert_ids: tuple[str, ...] = ()
    acked_by: str | None = None
    acked_at: datetime | None = None
    owner: str | None = None
    playbook: str | None = None  # routed or chosen playbook name
    playbook_started_at: datetime | None = None
    snoozed_until: datetime | None = None
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    escalations: int = 0  # escalation notices sent (policy level reached)
    steps_done: dict[str, str] = field(default_factory=dict)  # step id -> ISO time done
    reminders: dict[str, int] = field(default_factory=dict)  # step id -> reminders sent
    feedback: str | None = None
    mention: tuple[str, ...] = ()
    drill: bool = False
    replay: bool = False
    timeline: tuple[TimelineEntry, ...] = ()
    # Timeline entries already turned into Slack operations (transactional outbox cursor):
    # a worker that dies between saving and enqueueing leaves the rest for the next one.
    notified: int = 0
    # Keys of the clicks/commands already applied (bounded): checked and recorded in the same
    # transaction as the change, so a redelivered click acts once and a crash loses none.
    handled: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.status is IncidentStatus.RESOLVED

    @property
    def acknowledged(self) -> bool:
        return self.acked_at is not None

    @property
    def last_event_at(self) -> datetime:
        return self.timeline[-1].at if self.timeline else self.opened_at

    def time_to_acknowledge(self) -> timedelta | None:
        return self.acked_at - self.opened_at if self.acked_at else None

    def time_to_resolve(self) -> timedelta | None:
        return self.resolved_at - self.opened_at if self.resolved_at else None

    def snapshots(self) -> list[Snapshot]:
        return [Snapshot.from_dict(s) for s in self.last_alert.get("_snapshots", [])]

    def to_dict(self) -> dict[str, Any]:
        def opt(value: datetime | None) -> str | None:
            return iso(value) if value else None

        return {
            "id": self.id, "topic": self.topic, "episode": self.episode,
            "episode_start": iso(self.episode_start), "opened_at": iso(self.opened_at),
            "kind": self.kind.value, "severity": self.severity.value, "summary": self.summary,
            "channels": list(self.channels), "status": self.status.value,
            "last_alert": self.last_alert, "alert_ids": list(self.alert_ids),
            "acked_by": self.acked_by, "acked_at": opt(self.acked_at), "owner": self.owner,
            "playbook": self.playbook, "playbook_started_at": opt(self.playbook_started_at),
            "snoozed_until": opt(self.snoozed_until), "resolved_at": opt(self.resolved_at),
            "resolved_by": self.resolved_by, "escalations": self.escalations,
            "steps_done": dict(self.steps_done), "reminders": dict(self.reminders),
            "feedback": self.feedback, "mention": list(self.mention), "drill": self.drill,
            "replay": self.replay, "timeline": [e.to_dict() for e in self.timeline],
            "notified": self.notified, "handled": list(self.handled),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Incident:
        def opt(value: str | None) -> datetime | None:
            return parse_instant(value) if value else None

        return cls(
            id=data["id"], topic=data["topic"], episode=data["episode"],
            episode_start=parse_instant(data["episode_start"]),
            opened_at=parse_instant(data["opened_at"]), kind=Kind(data["kind"]),
            severity=Severity(data["severity"]), summary=data.get("summary", ""),
            channels=tuple(data.get("channels", ())), status=IncidentStatus(data["status"]),
            last_alert=dict(data.get("last_alert", {})),
            alert_ids=tuple(data.get("alert_ids", ())), acked_by=data.get("acked_by"),
            acked_at=opt(data.get("acked_at")), owner=data.get("owner"),
            playbook=data.get("playbook"),
            playbook_started_at=opt(data.get("playbook_started_at")),
            snoozed_until=opt(data.get("snoozed_until")),
            resolved_at=opt(data.get("resolved_at")), resolved_by=data.get("resolved_by"),
            escalations=int(data.get("escalations", 0)),
            steps_done=dict(data.get("steps_done", {})),
            reminders={k: int(v) for k, v in data.get("reminders", {}).items()},
            feedback=data.get("feedback"), mention=tuple(data.get("mention", ())),
            drill=bool(data.get("drill", False)), replay=bool(data.get("replay", False)),
            timeline=tuple(TimelineEntry.from_dict(e) for e in data.get("timeline", ())),
            notified=int(data.get("notified", 0)),
            handled=tuple(data.get("handled", ())),
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    """Result of a transition: the new incident, whether anything changed, and a sentence
    for the person who asked (shown ephemerally or in the thread)."""

    incident: Incident
    changed: bool
    note: str


def _log(incident: Incident, at: datetime, actor: str, action: str, detail: str = "",
         **changes: Any) -> Incident:
    entry = TimelineEntry(at, actor, action, detail)
    return dataclasses.replace(incident, timeline=(*incident.timeline, entry), **changes)


def _alert_record(alert: Alert, previous: dict[str, Any] | None) -> dict[str, Any]:
    """The alert as stored on the incident, with the indicator snapshots of all its alerts."""
    snaps = list((previous or {}).get("_snapshots", []))
    snaps.append(Snapshot(alert.event.at, alert.severity, alert.event.kind,
                          dict(alert.event.indicators)).to_dict())
    record = alert.to_dict()
    record["_snapshots"] = snaps[-200:]  # bounded: an endless episode cannot grow the key
    return record


def open_incident(incident_id: str, alert: Alert, channels: tuple[str, ...]) -> Incident:
    """A new open incident for the episode of `alert`, opened at the alert's event time."""
    event = alert.event
    incident = Incident(
        id=incident_id, topic=event.topic, episode=event.episode,
        episode_start=event.episode_start, opened_at=event.at, kind=event.kind,
        severity=alert.severity, summary=event.summary, channels=channels,
        last_alert=_alert_record(alert, None), alert_ids=(alert.id,),
        playbook=alert.route.playbook, mention=alert.route.mention, drill=event.drill,
        replay=alert.replay,
    )
    return _log(incident, event.at, SYSTEM_ACTOR, "opened",
                f"{event.kind.value} {alert.severity.value}: {event.summary}")


def apply_alert(incident: Incident, alert: Alert) -> Outcome:
    """Fold a later alert of the same episode in: severity, kind, summary; an episode
    RESOLVED event resolves the incident. An alert already applied changes nothing."""
    if alert.id in incident.alert_ids:
        return Outcome(incident, False, "alert already applied")
    event = alert.event
    if incident.resolved:
        # A late alert after resolution is recorded but does not reopen: the detector opens
        # a new episode (hence a new incident) when the topic flares up again.
        updated = dataclasses.replace(incident, alert_ids=(*incident.alert_ids, alert.id))
        return Outcome(_log(updated, event.at, SYSTEM_ACTOR, "late_alert", event.summary),
                       True, "incident already resolved")
    changes: dict[str, Any] = {
        "alert_ids": (*incident.alert_ids, alert.id),
        "last_alert": _alert_record(alert, incident.last_alert),
        "summary": event.summary or incident.summary,
    }
    if event.kind is Kind.RESOLVED or event.transition is Transition.RESOLVED:
        return Outcome(
            _log(incident, event.at, SYSTEM_ACTOR, "resolved", "episode ended",
                 status=IncidentStatus.RESOLVED, resolved_at=event.at,
                 resolved_by=SYSTEM_ACTOR, **changes),
            True, "resolved: the episode ended")
    if alert.severity.rank > incident.severity.rank:
        action = "escalated"
        detail = f"severity {incident.severity.value} -> {alert.severity.value}"
    elif event.kind is not incident.kind:
        action = "reclassified"
        detail = f"{incident.kind.value} -> {event.kind.value}"
    else:
        action = event.transition.value
        detail = event.summary
    changes["kind"] = event.kind
    changes["severity"] = Severity.from_rank(max(alert.severity.rank, incident.severity.rank))
    if alert.route.playbook and not incident.playbook:
        changes["playbook"] = alert.route.playbook
    return Outcome(_log(incident, event.at, SYSTEM_ACTOR, action, detail, **changes), True, detail)


def apply_action(incident: Incident, action: Action, actor: str, at: datetime,
                 value: str = "") -> Outcome:
    """Apply one person's action at `at`. `value`: snooze choice (1h/4h/24h), feedback type,
    step id or playbook name. Checks the incident state: nothing applies twice."""
    if action is Action.FEEDBACK:
        return _feedback(incident, actor, at, value)
    if incident.resolved:
        return Outcome(incident, False,
                       f"Incident {incident.id} is already resolved; nothing to do.")
    if action is Action.ACK:
        if incident.acknowledged:
            return Outcome(incident, False,
                           f"Already acknowledged by <@{incident.acked_by}>.")
        return Outcome(_log(incident, at, actor, "acknowledged",
                            status=IncidentStatus.ACKNOWLEDGED, acked_by=actor, acked_at=at),
                       True, f"<@{actor}> acknowledged incident {incident.id}.")
    if action is Action.TAKE_OWNERSHIP:
        if incident.owner == actor:
            return Outcome(incident, False, "You already own this incident.")
        detail = f"from {incident.owner}" if incident.owner else ""
        changes: dict[str, Any] = {"owner": actor}
        if not incident.acknowledged:  # owning implies seeing it: stops the escalation
            changes.update(status=IncidentStatus.ACKNOWLEDGED, acked_by=actor, acked_at=at)
        return Outcome(_log(incident, at, actor, "took_ownership", detail, **changes), True,
                       f"<@{actor}> owns incident {incident.id}.")
    if action is Action.START_PLAYBOOK:
        name = value or incident.playbook
        if not name:
            return Outcome(incident, False, "No playbook is routed to this incident.")
        if incident.playbook_started_at is not None:
            return Outcome(incident, False, f"Playbook {incident.playbook} is already running.")
        return Outcome(_log(incident, at, actor, "playbook_started", name, playbook=name,
                            playbook_started_at=at), True, f"Playbook {name} started.")
    if action is Action.ESCALATE:
        return Outcome(_log(incident, at, actor, "escalated_manually",
                            f"level {incident.escalations + 1}",
                            escalations=incident.escalations + 1), True,
                       f"<@{actor}> escalated incident {incident.id}.")
    if action is Action.SNOOZE:
        if value not in SNOOZE_CHOICES:
            return Outcome(incident, False, f"Unknown snooze duration {value!r}.")
        until = at + timedelta(seconds=SNOOZE_CHOICES[value])
        return Outcome(_log(incident, at, actor, "snoozed", f"until {iso(until)}",
                            snoozed_until=until), True,
                       f"Reminders and escalation snoozed for {value}.")
    if action is Action.RESOLVE:
        return Outcome(_log(incident, at, actor, "resolved", "",
                            status=IncidentStatus.RESOLVED, resolved_at=at, resolved_by=actor),
                       True, f"<@{actor}> resolved incident {incident.id}.")
    if action is Action.STEP_DONE:
        if not value:
            return Outcome(incident, False, "No step given.")
        if value in incident.steps_done:
            return Outcome(incident, False, f"Step {value} is already done.")
        done = {**incident.steps_done, value: iso(at)}
        return Outcome(_log(incident, at, actor, "step_done", value, steps_done=done), True,
                       f"Step {value} done.")
    raise ValueError(f"unknown action {action!r}")  # pragma: no cover - enum is exhaustive


def _feedback(incident: Incident, actor: str, at: datetime, value: str) -> Outcome:
    try:
        kind = FeedbackType(value)
    except ValueError:
        return Outcome(incident, False, f"Unknown feedback {value!r}.")
    if incident.feedback == kind.value:
        return Outcome(incident, False, "Feedback already recorded.")
    return Outcome(_log(incident, at, actor, "feedback", kind.value, feedback=kind.value), True,
                   f"Thanks: recorded as {kind.value.replace('_', ' ')}.")


HANDLED_KEPT = 200


def apply_request(incident: Incident, key: str, action: Action, actor: str, at: datetime,
                  value: str = "") -> Outcome:
    """`apply_action` once per request `key`: a key already handled changes nothing."""
    if key in incident.handled:
        return Outcome(incident, False, "Already done.")
    outcome = apply_action(incident, action, actor, at, value)
    handled = (*incident.handled, key)[-HANDLED_KEPT:]
    return Outcome(dataclasses.replace(outcome.incident, handled=handled), outcome.changed,
                   outcome.note)


def record(incident: Incident, at: datetime, action: str, detail: str = "",
           actor: str = SYSTEM_ACTOR, **changes: Any) -> Incident:
    """Append a system entry (escalation sent, reminder sent, report posted) with changes."""
    return _log(incident, at, actor, action, detail, **changes)


def label_of(incident: Incident) -> dict[str, str] | None:
    """The feedback label in the backtest `--labels` format, or None (no feedback, drill).

    The label spans the episode: its start to its resolution (or the last thing seen)."""
    if incident.feedback is None or incident.drill:
        return None
    end = incident.resolved_at or max(incident.last_event_at, incident.opened_at)
    return {"topic": incident.topic, "type": incident.feedback,
            "start": iso(incident.episode_start), "end": iso(end)}


def describe(incident: Incident, now: datetime) -> str:
    """One line for `/vigie incidents` and `vigie incidents` (no mention-derived text)."""
    age = format_duration((now - incident.opened_at).total_seconds())
    who = f", owner <@{incident.owner}>" if incident.owner else ""
    ack = f", acked by <@{incident.acked_by}>" if incident.acked_by else ""
    return (f"#{incident.id} {incident.topic} {incident.kind.value}/{incident.severity.value} "
            f"{incident.status.value} for {age}{ack}{who}")
