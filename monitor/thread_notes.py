"""What Vigie writes in an incident's thread: the playbook with its steps, escalation notices,
step reminders and one line per other change. Pure; Block Kit within limits; every text
that is not Vigie's own (titles, labels, details, template values) is escaped."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from monitor.incidents import SYSTEM_ACTOR, Incident, TimelineEntry
from monitor.notify import blocks as bk
from monitor.notify.escape import clip, inline, mrkdwn
from monitor.playbooks import Playbook, members, render_step


def ping(member: str) -> str:
    """A live mention of a role member: user, user group, or @here/@channel."""
    if member in ("here", "channel"):
        return f"<!{member}>"
    if member.startswith("S"):
        return f"<!subteam^{member}>"
    return f"<@{member}>"


def _pings(playbook: Playbook, role: str, overrides: Mapping[str, list[str]]) -> str:
    return " ".join(ping(m) for m in members(playbook, role, overrides))


def next_role(playbook: Playbook, incident: Incident) -> str:
    """The role a manual escalation reaches (the policy's level the incident is now at)."""
    notify = playbook.escalation.notify or [playbook.steps[0].role]
    return notify[min(max(incident.escalations - 1, 0), len(notify) - 1)]


def entry_note(incident: Incident, entry: TimelineEntry, playbook: Playbook | None,
               overrides: Mapping[str, list[str]]) -> dict[str, Any] | None:
    """The thread message for one timeline entry (resolution excepted: see the report)."""
    who = "Vigie" if entry.actor == SYSTEM_ACTOR else f"<@{inline(entry.actor)}>"
    if entry.action == "playbook_started" and playbook is not None:
        return playbook_message(playbook, incident, overrides)
    if entry.action in ("escalation_sent", "escalated_manually") and playbook is not None:
        role = entry.detail if entry.action == "escalation_sent" else next_role(playbook,
                                                                                 incident)
        pings = _pings(playbook, role, overrides)
        label = inline(playbook.roles[role].label if role in playbook.roles else role)
        if entry.action == "escalation_sent":
            text = (f":rotating_light: Incident {incident.id} is not acknowledged: escalating "
                    f"to {label} {pings}")
        else:
            text = f":arrow_up: {who} escalated incident {incident.id} to {label} {pings}"
        return {"text": text.rstrip()}
    if entry.action == "reminder_sent" and playbook is not None:
        step = playbook.step(entry.detail)
        if step is None:
            return None
        return {"text": f":alarm_clock: Step overdue: *{inline(step.title)}* "
                        f"({inline(playbook.roles[step.role].label)}) "
                        f"{_pings(playbook, step.role, overrides)}".rstrip()}
    detail = f": {inline(entry.detail)}" if entry.detail else ""
    return {"text": f"{who} {entry.action.replace('_', ' ')}{detail}"}


def report_filename(incident: Incident) -> str:
    day = incident.opened_at.strftime("%Y%m%d")
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in incident.topic)[:40]
    return f"incident-{incident.id}-{safe}-{day}.md"


def playbook_message(playbook: Playbook, incident: Incident,
                     overrides: Mapping[str, list[str]]) -> dict[str, Any]:
    """The playbook's steps in the thread: who, by when, checklist, rendered templates and
    a Done button per step; within Block Kit limits whatever the playbook holds."""
    started = incident.playbook_started_at or incident.opened_at
    parts = [bk.Part(bk.header(f"Playbook: {playbook.title}"), bk.ESSENTIAL)]
    roles = []
    for name, role in playbook.roles.items():
        roles.append(f"*{inline(role.label)}*: {_pings(playbook, name, overrides) or '_unassigned_'}")
    parts.append(bk.Part(bk.fields(roles), bk.IMPORTANT))
    lines = [f"Playbook {inline(playbook.title)} started for incident {incident.id}."]
    for step in playbook.steps:
        due = started + timedelta(seconds=step.due_after)
        body = [f"*{inline(step.title)}* · {inline(playbook.roles[step.role].label)} · "
                f"due {due.strftime('%H:%M UTC')}"]
        body += [f"• {inline(item)}" for item in step.checklist]
        rendered = render_step(playbook, step, incident, mrkdwn)
        if rendered:
            body.append("> " + rendered.strip().replace("\n", "\n> "))
        block = bk.section("\n".join(body))
        block["accessory"] = bk.button("Done", "vigie_step_done", f"{incident.id}:{step.id}")
        parts.append(bk.Part(block, bk.IMPORTANT))
        lines.append(f"- {inline(step.title)} ({inline(playbook.roles[step.role].label)}), "
                     f"due {due.strftime('%H:%M UTC')}")
    return {"text": clip("\n".join(lines), bk.TEXT_FALLBACK), "blocks": bk.fit(parts)}
