"""Orchestration of the response: fired alerts and Slack actions move incidents along, and
every change becomes Slack operations in the outbox plus follow-up tasks to schedule.

Transactional outbox: a change is saved first (with its timeline entry), then the entries
not yet notified (`Incident.notified`) are turned into outbox operations whose ids derive
from the incident and the entry's position, then the cursor moves. A worker dying at any
point leaves the rest to the next attempt, and the outbox drops operations it already has,
so nothing is lost and nothing is posted twice. Follow-ups (escalation notices, step
reminders) are returned as `Scheduled` values; workers/respond_tasks.py turns them into
Celery tasks with an ETA, and each task re-checks the state when it runs.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from monitor import incidents as inc
from monitor.incidents import Action, Incident, Outcome, TimelineEntry
from monitor.model import Alert, AlertStatus, BucketStats, Mention
from monitor.notify import blocks as bk
from monitor.notify.escape import mrkdwn
from monitor.playbooks import (
    Playbook,
    next_notice,
    next_reminders,
    notice_due,
    reminders_due,
    select_playbook,
)
from monitor.report import render_markdown, render_slack_summary
from monitor.store.incidents import IncidentStore
from monitor.store.outbox import OutboxOp, chart_payload
from monitor.thread_notes import entry_note, report_filename
from monitor.web.payloads import ActionRequest

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Scheduled:
    """A follow-up task: `task` in respond_tasks (escalate, remind), run at `eta`."""

    task: str
    args: dict[str, Any]
    eta: datetime


class ActionResult(NamedTuple):
    """What a click did: a sentence for the person, whether the incident changed, and the
    follow-ups to schedule."""

    note: str
    follow_ups: list[Scheduled]
    changed: bool = False


class ViewData(Protocol):
    """Where the alert message's chart and lists come from (buckets, archive)."""

    def series(self, topic: str, end: datetime, hours: int = 24) -> list[BucketStats]: ...
    def top_mentions(self, topic: str, episode: str, end: datetime) -> list[Mention]: ...


class NoViewData:
    """No series and no mentions: the message shows the alert's own indicators only."""

    def series(self, topic: str, end: datetime, hours: int = 24) -> list[BucketStats]:
        return []

    def top_mentions(self, topic: str, episode: str, end: datetime) -> list[Mention]:
        return []


class OutboxLike(Protocol):
    def enqueue(self, op: Any) -> bool: ...


@dataclass
class Responder:
    store: IncidentStore
    outbox: OutboxLike
    playbooks: Mapping[str, Playbook]
    default_channels: Mapping[str, str]
    data: ViewData = field(default_factory=NoViewData)
    role_members: Mapping[str, list[str]] = field(default_factory=dict)
    reports_dir: Path | None = None
    charts: bool = True  # upload the 24 h chart into the alert's thread
    top_mentions: int = 5

    # --- entry points --------------------------------------------------------------

    def handle_alert(self, alert: Alert) -> list[Scheduled]:
        """Open or update the incident of `alert`'s episode. Non-fired alerts are ignored."""
        if alert.status is not AlertStatus.FIRED:
            return []
        incident_id, _ = self.store.claim_id(alert.event.episode)
        created = False
        if self.store.get(incident_id) is None:
            channels = alert.route.channels or (
                self.default_channels.get(alert.severity.value, "#vigie"),)
            opened = inc.open_incident(incident_id, alert, tuple(channels))
            playbook = select_playbook(self.playbooks, alert)
            if alert.route.playbook and playbook is None:
                log.warning("alert %s routes to unknown playbook %r: none started",
                            alert.id, alert.route.playbook)
            if playbook is not None:
                opened = inc.record(opened, alert.event.at, "playbook_started", playbook.name,
                                    playbook=playbook.name, playbook_started_at=alert.event.at)
            created = self.store.create(opened)
        if not created:  # existing incident, or another worker created it just now
            self.store.update(incident_id, lambda i: _pair(inc.apply_alert(i, alert)))
        follow_ups = self._after_change(incident_id)
        # Later alerts leave the chain of ETA tasks started at creation in place.
        return follow_ups if created else []

    def handle_action(self, request: ActionRequest, now: datetime) -> ActionResult:
        """Apply one click or command once (keyed on the click): the note for the person
        and the follow-ups to schedule (a started playbook's, or the escalation chain moved
        on by a manual escalation)."""
        incident = self.store.get(request.incident) or self.store.for_episode(request.incident)
        if incident is None:
            return ActionResult(f"No incident {request.incident[:20]!r}.", [])
        value = request.value
        if request.action is Action.START_PLAYBOOK and not (value or incident.playbook):
            value = self._playbook_for(incident) or ""
        result = self.store.update(
            incident.id, lambda i: _pair(inc.apply_request(i, request.key, request.action,
                                                           request.user, now, value)))
        if result is None:
            return ActionResult("Incident vanished.", [])
        follow_ups = self._after_change(incident.id)
        chain = result[1].changed and request.action in (Action.START_PLAYBOOK, Action.ESCALATE)
        return ActionResult(result[1].note, follow_ups if chain else [], result[1].changed)

    def follow_ups(self, incident_id: str) -> list[Scheduled]:
        """Next escalation notice and step reminders of an incident (none for replays)."""
        incident = self.store.get(incident_id)
        if incident is None or incident.replay or not incident.playbook:
            return []
        playbook = self.playbooks.get(incident.playbook)
        if playbook is None:
            return []
        out = []
        notice = next_notice(playbook, incident)
        if notice is not None:
            out.append(Scheduled("escalate", {"incident": incident.id, "number": notice.number},
                                 notice.at))
        for reminder in next_reminders(playbook, incident):
            out.append(Scheduled("remind", {"incident": incident.id, "step": reminder.step.id,
                                            "number": reminder.number}, reminder.at))
        return out

    def escalate(self, incident_id: str, number: int, now: datetime) -> list[Scheduled]:
        """Send escalation notice `number` if it is still due at `now`; else nothing (acked,
        resolved, already sent) or a later ETA (snoozed)."""
        incident = self.store.get(incident_id)
        playbook = self._playbook(incident)
        if incident is None or playbook is None:
            return []
        upcoming = next_notice(playbook, incident)
        if upcoming is None or upcoming.number != number:
            return []
        if upcoming.at > now:
            return [Scheduled("escalate", {"incident": incident_id, "number": number},
                              upcoming.at)]

        def send(current: Incident) -> tuple[Incident, bool]:
            due = notice_due(playbook, current, now)
            if due is None or due.number != number:
                return current, False
            return inc.record(current, now, "escalation_sent", due.role,
                              escalations=due.number), True

        self.store.update(incident_id, send)
        self._after_change(incident_id)
        return [s for s in self.follow_ups(incident_id) if s.task == "escalate"]

    def remind(self, incident_id: str, step_id: str, number: int,
               now: datetime) -> list[Scheduled]:
        """Send reminder `number` of an overdue step if it is still open and due at `now`."""
        incident = self.store.get(incident_id)
        playbook = self._playbook(incident)
        if incident is None or playbook is None:
            return []

        def send(current: Incident) -> tuple[Incident, str]:
            for reminder in reminders_due(playbook, current, now):
                if reminder.step.id == step_id and reminder.number == number:
                    sent = {**current.reminders, step_id: number}
                    return inc.record(current, now, "reminder_sent", step_id,
                                      reminders=sent), "sent"
            return current, "not due"

        result = self.store.update(incident_id, send)
        if result is None:
            return []
        self._after_change(incident_id)
        if result[1] == "not due":
            # Still open but not due yet (snoozed): look again then, never in a loop.
            later = [r for r in next_reminders(playbook, result[0])
                     if r.step.id == step_id and r.number == number and r.at > now]
            return [Scheduled("remind", {"incident": incident_id, "step": step_id,
                                         "number": number}, later[0].at)] if later else []
        return [s for s in self.follow_ups(incident_id)
                if s.task == "remind" and s.args["step"] == step_id]

    # --- internals -----------------------------------------------------------------

    def _playbook(self, incident: Incident | None) -> Playbook | None:
        if incident is None or not incident.playbook:
            return None
        return self.playbooks.get(incident.playbook)

    def _playbook_for(self, incident: Incident) -> str | None:
        """For the Start playbook button when no rule routed one: the first playbook made
        for this kind of episode, whatever the severity."""
        for name in sorted(self.playbooks):
            trigger = self.playbooks[name].triggers
            if (not trigger.kinds or incident.kind in trigger.kinds) and (
                    not trigger.topics or incident.topic in trigger.topics):
                return name
        return None

    def _after_change(self, incident_id: str) -> list[Scheduled]:
        """Turn not-yet-notified timeline entries into outbox operations, then move the
        cursor. Returns the follow-ups to (re)schedule."""
        incident = self.store.get(incident_id)
        if incident is None:
            return []
        if incident.notified < len(incident.timeline):
            for index in range(incident.notified, len(incident.timeline)):
                self._notify_entry(incident, index, incident.timeline[index])
            fresh = any(e.action == "opened" for e in incident.timeline[incident.notified:])
            for channel in () if fresh else incident.channels:  # a new post is up to date
                self._op(incident, f"update:{len(incident.timeline)}", channel, "update_alert",
                         self._render(incident))
            done = len(incident.timeline)
            self.store.update(incident_id, lambda i: (
                i if i.notified >= done else _replace(i, notified=done), None))
        return self.follow_ups(incident_id)

    def _op(self, incident: Incident, what: str, channel: str, action: str,
            payload: dict[str, Any]) -> None:
        self.outbox.enqueue(OutboxOp(id=f"inc{incident.id}:{what}:{channel}",
                                     incident=f"inc{incident.id}", channel=channel,
                                     action=action, payload=payload))

    def _notify_entry(self, incident: Incident, index: int, entry: TimelineEntry) -> None:
        if entry.action == "opened":
            rendered, chart = self._render(incident), self._chart(incident)
            for channel in incident.channels:
                self._op(incident, "post", channel, "post_alert", rendered)
                if chart is not None:
                    self._op(incident, "chart", channel, "upload_chart", chart)
            return
        message = self._entry_message(incident, entry)
        if message is None:
            return
        chart = self._episode_chart(incident) if entry.action == "resolved" else None
        for channel in incident.channels:
            self._op(incident, f"entry:{index}", channel, "reply", message)
            if chart is not None:
                self._op(incident, f"entry:{index}:chart", channel, "upload_chart", chart)

    def _entry_message(self, incident: Incident, entry: TimelineEntry) -> dict[str, Any] | None:
        if entry.action == "resolved":
            return self._resolution(incident)
        return entry_note(incident, entry, self._playbook(incident), self.role_members)

    def _resolution(self, incident: Incident) -> dict[str, Any]:
        """The post-incident report: written as Markdown under reports_dir, summarised in
        the thread."""
        series = self.data.series(incident.topic, incident.resolved_at or incident.last_event_at,
                                  hours=_episode_hours(incident))
        if self.reports_dir is not None:
            self.reports_dir.mkdir(parents=True, exist_ok=True)
            path = self.reports_dir / report_filename(incident)
            path.write_text(render_markdown(incident, series, self._playbook(incident)),
                            encoding="utf-8")
        text = render_slack_summary(incident, series, mrkdwn)
        return {"text": text, "blocks": [bk.section(text)]}

    def _render(self, incident: Incident) -> dict[str, Any]:
        from monitor.notify.message import AlertView, render_alert

        alert = Alert.from_dict({k: v for k, v in incident.last_alert.items()
                                 if not k.startswith("_")})
        series = self.data.series(incident.topic, alert.event.at)
        by_type: dict[str, int] = {}
        for bucket in series:
            for kind, count in bucket.source_types.items():
                by_type[kind] = by_type.get(kind, 0) + count
        view = AlertView(
            alert=alert, incident=incident.id, status=incident.status.value,
            acked_by=incident.acked_by, owner=incident.owner, playbook=incident.playbook,
            playbook_started=incident.playbook_started_at is not None,
            snoozed_until=incident.snoozed_until, resolved=incident.resolved,
            resolved_by=incident.resolved_by, feedback=incident.feedback, series=series,
            top_mentions=self.data.top_mentions(incident.topic, incident.episode,
                                                alert.event.at)[:self.top_mentions],
            by_source_type=by_type, replay=incident.replay,
        )
        rendered = render_alert(view)
        return {"text": rendered.text, "blocks": rendered.blocks}

    def _episode_chart(self, incident: Incident) -> dict[str, Any] | None:
        """Volume and sentiment over the whole episode, for the report in the thread."""
        if not self.charts:
            return None
        series = self.data.series(incident.topic, incident.resolved_at or incident.last_event_at,
                                  hours=_episode_hours(incident))
        if not any(bucket.volume for bucket in series):
            return None
        return chart_payload(series, f"{incident.topic}: the episode",
                             f"vigie-incident-{incident.id}-episode.png")

    def _chart(self, incident: Incident) -> dict[str, Any] | None:
        series = self.data.series(incident.topic, incident.opened_at) if self.charts else []
        if not any(bucket.volume for bucket in series):
            return None  # nothing to draw: the message says so instead
        return chart_payload(series, f"{incident.topic}: last 24 h",
                             f"vigie-incident-{incident.id}.png")


def _pair(outcome: Outcome) -> tuple[Incident, Outcome]:
    return outcome.incident, outcome


def _replace(incident: Incident, **changes: Any) -> Incident:
    import dataclasses

    return dataclasses.replace(incident, **changes)


def _episode_hours(incident: Incident) -> int:
    end = incident.resolved_at or incident.last_event_at
    return max(1, int((end - incident.episode_start).total_seconds() // 3600) + 2)
