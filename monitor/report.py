"""Post-incident report: timeline, time to acknowledge and to resolve, volume and sentiment
over the episode, as Markdown (exported under the data dir) and as a short Slack summary.

Pure: the incident and the bucket series are passed in. Names and summaries are escaped for
Markdown tables; the Slack summary goes through the mrkdwn escape like every message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from monitor.incidents import Incident
from monitor.model import BucketStats
from monitor.playbooks import Playbook
from monitor.timeutil import format_duration, from_epoch, iso


def _md(text: str) -> str:
    """Make text inert inside a Markdown table cell: pipes, newlines, HTML and emphasis."""
    out = text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    for char in "<>*_`[]":
        out = out.replace(char, "\\" + char)
    return out


def _duration(delta: timedelta | None) -> str:
    return format_duration(delta.total_seconds()) if delta is not None else "not reached"


def _hourly(series: Sequence[BucketStats], start: datetime,
            end: datetime) -> list[BucketStats]:
    """Buckets of the episode rolled up per hour (the report stays short however long)."""
    lo, hi = start.timestamp(), end.timestamp()
    hours: dict[int, BucketStats] = {}
    for bucket in series:
        if bucket.end <= lo or bucket.start > hi:
            continue
        hour = int(bucket.start // 3600) * 3600
        into = hours.setdefault(hour, BucketStats(bucket.topic, hour, 3600))
        into.merge(bucket)
    return [hours[h] for h in sorted(hours)]


def totals(series: Sequence[BucketStats], start: datetime, end: datetime) -> BucketStats | None:
    rows = _hourly(series, start, end)
    if not rows:
        return None
    total = BucketStats(rows[0].topic, rows[0].start, rows[-1].end - rows[0].start)
    for row in rows:
        total.merge(row)
    return total


def render_markdown(incident: Incident, series: Sequence[BucketStats] = (),
                    playbook: Playbook | None = None, now: datetime | None = None) -> str:
    """The full report. `now` stands in for the end of a still-open incident."""
    end = incident.resolved_at or now or incident.last_event_at
    lines = [
        f"# Post-incident report: incident {incident.id} ({_md(incident.topic)})",
        "",
        f"- Kind: {incident.kind.value}, peak severity: {incident.severity.value}",
        f"- Status: {incident.status.value}" + (" (drill)" if incident.drill else "")
        + (" (replay)" if incident.replay else ""),
        f"- Episode: {_md(incident.episode)}, started {iso(incident.episode_start)}",
        f"- Opened: {iso(incident.opened_at)}",
        f"- Acknowledged: {iso(incident.acked_at) if incident.acked_at else 'never'}"
        + (f" by {_md(incident.acked_by)}" if incident.acked_by else ""),
        f"- Resolved: {iso(incident.resolved_at) if incident.resolved_at else 'not yet'}"
        + (f" by {_md(incident.resolved_by)}" if incident.resolved_by else ""),
        f"- Time to acknowledge: {_duration(incident.time_to_acknowledge())}",
        f"- Time to resolve: {_duration(incident.time_to_resolve())}",
        f"- Owner: {_md(incident.owner) if incident.owner else 'none'}",
        f"- Escalation notices sent: {incident.escalations}",
        f"- Feedback: {incident.feedback.replace('_', ' ') if incident.feedback else 'none'}",
        "",
        "## Summary",
        "",
        _md(incident.summary) or "(none)",
    ]
    if playbook is not None:
        lines += ["", f"## Playbook: {_md(playbook.title)}", "",
                  "| Step | Role | Due | Done |", "|---|---|---|---|"]
        started = incident.playbook_started_at
        for step in playbook.steps:
            due = iso(started + timedelta(seconds=step.due_after)) if started else "not started"
            done = incident.steps_done.get(step.id, "open")
            role = playbook.roles[step.role].label
            lines.append(f"| {_md(step.title)} | {_md(role)} | {due} | {done} |")
    lines += ["", "## Volume and sentiment over the episode", ""]
    rows = _hourly(series, incident.episode_start, end)
    if rows:
        lines += ["| Hour (UTC) | Volume | Negative | Positive | Mean sentiment | Sources |",
                  "|---|---:|---:|---:|---:|---:|"]
        for row in rows:
            lines.append(f"| {iso(from_epoch(row.start))} | {row.volume} | "
                         f"{row.negative_share:.0%} | {row.positive_share:.0%} | "
                         f"{row.mean_compound:+.2f} | {row.distinct_sources} |")
        total = totals(series, incident.episode_start, end)
        if total is not None:
            lines += ["", f"Total: {total.volume} mentions, {total.negative_share:.0%} negative, "
                      f"mean sentiment {total.mean_compound:+.2f}, "
                      f"{total.distinct_sources} sources."]
    else:
        snaps = incident.snapshots()
        if snaps:
            names = sorted({k for s in snaps for k in s.indicators})[:6]
            lines += ["No bucket series available; indicators carried by the alerts:", "",
                      "| Time (UTC) | Kind | Severity | " + " | ".join(map(_md, names)) + " |",
                      "|---|---|---|" + "---:|" * len(names)]
            for snap in snaps:
                values = " | ".join(f"{snap.indicators[n]:.3g}" if n in snap.indicators else ""
                                    for n in names)
                lines.append(f"| {iso(snap.at)} | {snap.kind.value} | {snap.severity.value} | "
                             f"{values} |")
        else:
            lines.append("No indicators recorded.")
    lines += ["", "## Timeline", "", "| Time (UTC) | Who | What | Detail |", "|---|---|---|---|"]
    for entry in incident.timeline:
        lines.append(f"| {iso(entry.at)} | {_md(entry.actor)} | {_md(entry.action)} | "
                     f"{_md(entry.detail)} |")
    return "\n".join(lines) + "\n"


def render_slack_summary(incident: Incident, series: Sequence[BucketStats],
                         escape: Callable[[str], str], now: datetime | None = None) -> str:
    """A few lines for the incident thread; the Markdown file has the detail."""
    end = incident.resolved_at or now or incident.last_event_at
    total = totals(series, incident.episode_start, end)
    lines = [
        f"*Post-incident report, incident {incident.id}* ({escape(incident.topic)}, "
        f"{incident.kind.value}, peak {incident.severity.value})",
        f"Time to acknowledge: {_duration(incident.time_to_acknowledge())} · "
        f"time to resolve: {_duration(incident.time_to_resolve())} · "
        f"escalation notices: {incident.escalations}",
    ]
    if total is not None:
        lines.append(f"Over the episode: {total.volume} mentions, "
                     f"{total.negative_share:.0%} negative, mean sentiment "
                     f"{total.mean_compound:+.2f}")
    lines.append("Timeline:")
    shown = incident.timeline[-15:]
    if len(incident.timeline) > len(shown):
        lines.append(f"... {len(incident.timeline) - len(shown)} earlier entries in the file")
    for entry in shown:
        who = "Vigie" if entry.actor == "vigie" else f"<@{escape(entry.actor)}>"
        detail = f": {escape(entry.detail)}" if entry.detail else ""
        lines.append(f"• {entry.at.strftime('%H:%M')} {who} {entry.action}{detail}")
    text = "\n".join(lines)
    while len(text) > 2900 and "\n" in text:  # one section holds 3,000; cut whole lines
        text = text.rsplit("\n", 1)[0]
    return text
