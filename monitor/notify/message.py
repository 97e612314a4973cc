"""The alert message: a pure function from what is known about an alert to Block Kit.

Anatomy (top to bottom, most important first when space runs out):
header (severity, kind, topic) - summary and evidence - status (ack, owner, playbook,
snooze) - key indicators against their baseline - top mentions with links - breakdown by
source type - buttons (Acknowledge, Take ownership, Start playbook, Escalate, Snooze,
Resolve) - feedback buttons - footer. The chart is uploaded into the thread (chart.py).

Interactive elements, for the /slack/events handler:
- action_id `vigie:<action>` with <action> in ACTIONS (ack, own, playbook, escalate,
  snooze, resolve), `vigie:feedback:<type>` with <type> in FEEDBACK (crisis, bad_buzz,
  false_alarm); button `value` is the incident id;
- snooze is a static_select whose option values are "1h", "4h", "24h";
- the actions blocks have block_id `vigie:actions:<incident>` and `vigie:feedback:<incident>`.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from monitor.model import Alert, BucketStats, Kind, Mention, Severity
from monitor.notify import blocks as bk
from monitor.notify.base import Rendered
from monitor.notify.escape import clip, inline, link, mrkdwn, plain
from monitor.timeutil import iso, to_epoch

ACTIONS = ("ack", "own", "playbook", "escalate", "snooze", "resolve")
FEEDBACK = {"crisis": "Real crisis", "bad_buzz": "Bad buzz only",
            "false_alarm": "False alarm"}
SNOOZE = ("1h", "4h", "24h")
ACTION_PREFIX = "vigie:"

SEVERITY_ICON = {Severity.LOW: ":large_blue_circle:", Severity.MEDIUM: ":large_yellow_circle:",
                 Severity.HIGH: ":large_orange_circle:", Severity.CRITICAL: ":red_circle:"}
SEVERITY_EMOJI = {Severity.LOW: "🔵", Severity.MEDIUM: "🟡", Severity.HIGH: "🟠",
                  Severity.CRITICAL: "🔴"}
KIND_LABEL = {Kind.CRISIS: "Crisis", Kind.BAD_BUZZ: "Bad buzz",
              Kind.POSITIVE_BUZZ: "Positive buzz", Kind.VOLUME_SPIKE: "Volume spike",
              Kind.BLIND_SPOT: "Blind spot", Kind.RESOLVED: "Resolved"}
MAX_MENTIONS = 10
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,20}$")


@dataclass
class AlertView:
    """Everything the message shows. Status fields come from the incident (response side);
    `series` is the last 24 h of the topic's buckets (chart and baseline)."""

    alert: Alert
    incident: str = ""  # defaults to the alert's group key, else topic:episode
    status: str = "open"  # open | acknowledged | resolved
    acked_by: str | None = None  # Slack user id
    owner: str | None = None  # Slack user id
    playbook: str | None = None
    playbook_started: bool = False
    snoozed_until: datetime | None = None
    resolved: bool = False
    resolved_by: str | None = None
    feedback: str | None = None
    series: list[BucketStats] = field(default_factory=list)
    top_mentions: list[Mention] = field(default_factory=list)
    by_source_type: dict[str, int] = field(default_factory=dict)
    replay: bool = False
    chart_in_thread: bool = True  # False when charts are off (slack.charts: false)

    @property
    def incident_id(self) -> str:
        event = self.alert.event
        return self.incident or self.alert.group_key or f"{event.topic}:{event.episode}"


def who(user: str | None) -> str:
    """A Slack user mention for a real user id, else the escaped text."""
    if not user:
        return "-"
    return f"<@{user}>" if _USER_ID.match(user) else inline(user)


def when(moment: datetime) -> str:
    """A time each reader sees in their own time zone (Slack date formatting), with the
    UTC ISO time as the fallback. Built from a datetime only: nothing to escape."""
    return f"<!date^{int(to_epoch(moment))}^{{date_short_pretty}} {{time}}|{iso(moment)}>"


def title_of(view: AlertView) -> str:
    """Raw (unescaped) one-line title: severity, kind, topic, with replay/drill marks."""
    event = view.alert.event
    marks = "".join(m for m, on in (("[REPLAY] ", view.replay or view.alert.replay),
                                    ("[DRILL] ", event.drill),
                                    ("[RESOLVED] ", view.resolved)) if on)
    kind = KIND_LABEL.get(event.kind, str(event.kind))
    return f"{marks}{view.alert.severity.value.upper()} · {kind} · {event.topic}"


def indicator_lines(series: Sequence[BucketStats]) -> list[str]:
    """Mrkdwn fields comparing the last hour with the hours before it (median per hour).
    Empty when there is no series."""
    if not series:
        return []
    end = max(b.end for b in series)
    recent = [b for b in series if b.start >= end - 3600]
    before = [b for b in series if b.start < end - 3600]
    hours: dict[int, int] = {}
    for b in before:
        slot = (end - b.start - 1) // 3600
        hours[slot] = hours.get(slot, 0) + b.volume
    base_volume = statistics.median(hours.values()) if hours else None
    now, base = _Totals.of(recent), _Totals.of(before)
    return [
        _compare("Volume (last hour)", f"{now.volume}",
                 None if base_volume is None else f"{base_volume:g}/h",
                 now.volume / base_volume if base_volume else None),
        _compare("Negative share", f"{now.negative_share:.0%}",
                 f"{base.negative_share:.0%}" if before else None, None),
        _compare("Mean sentiment", f"{now.mean_compound:+.2f}",
                 f"{base.mean_compound:+.2f}" if before else None, None),
        _compare("Distinct authors", f"{_distinct(recent, 'authors')}", None, None),
        _compare("Sources", f"{_distinct(recent, 'sources')}", None, None),
    ]


@dataclass
class _Totals:
    """The sums indicator_lines needs (BucketStats.merge also merges author dicts: slow)."""

    volume: int = 0
    negative: int = 0
    scored: int = 0
    compound_sum: float = 0.0

    @classmethod
    def of(cls, buckets: Sequence[BucketStats]) -> _Totals:
        t = cls()
        for b in buckets:
            t.volume += b.volume
            t.negative += b.negative
            t.scored += b.scored
            t.compound_sum += b.compound_sum
        return t

    @property
    def negative_share(self) -> float:
        return self.negative / self.scored if self.scored else 0.0

    @property
    def mean_compound(self) -> float:
        return self.compound_sum / self.scored if self.scored else 0.0


def _distinct(buckets: Sequence[BucketStats], name: str) -> int:
    """Distinct keys across buckets; buckets holding only an estimate add it (upper bound)."""
    keys: set[str] = set()
    estimated = 0
    for b in buckets:
        counts: dict[str, int] = getattr(b, name)
        if counts:
            keys.update(counts)
        else:
            estimated += getattr(b, f"distinct_{name}")
    return len(keys) + estimated


def _compare(name: str, value: str, baseline: str | None, ratio: float | None) -> str:
    line = f"*{name}*\n{value}"
    if baseline is not None:
        line += f"  (baseline {baseline}"
        line += f", ×{ratio:.1f})" if ratio is not None else ")"
    return line


def _event_indicators(indicators: dict[str, float], room: int) -> list[str]:
    out = []
    for name, value in list(indicators.items())[:room]:
        out.append(f"*{inline(name.replace('_', ' '))}*\n{value:.4g}")
    return out


def mention_line(m: Mention) -> str:
    """One mention: linked title (or text), author, source type, in escaped mrkdwn."""
    label = m.title or m.text or m.url or "(untitled)"
    head = link(m.url, label, label_limit=150) if m.url else clip(inline(label), 150)
    meta = " · ".join(x for x in (clip(inline(m.author), 60), clip(inline(m.source), 60),
                                  clip(inline(m.source_type), 30)) if x)
    return f"• {head}" + (f" — {meta}" if meta else "")


def render_alert(view: AlertView) -> Rendered:
    """The alert message: Block Kit within every Slack limit, whatever the input size,
    plus a plain-text fallback. Every mention- or config-derived string is escaped."""
    alert, event = view.alert, view.alert.event
    incident = view.incident_id[:200]
    title = title_of(view)
    parts: list[bk.Part] = [bk.Part(bk.header(f"{SEVERITY_EMOJI[alert.severity]} {title}"),
                                    bk.ESSENTIAL)]
    summary = mrkdwn(event.summary) or "_No summary._"
    evidence = [f"• {inline(e.text)}" for e in event.evidence if e.text]
    parts.append(bk.Part(bk.section(clip(summary, 1500)), bk.ESSENTIAL))
    if evidence:
        parts.append(bk.Part(bk.lines_section(evidence, limit=1200, more="…and {n} more signals"),
                             bk.IMPORTANT))
    parts.append(bk.Part(bk.context(_status_items(view)), bk.IMPORTANT))
    indicators = indicator_lines(view.series)
    indicators += _event_indicators(event.indicators, bk.MAX_FIELDS - len(indicators))
    parts.append(bk.Part(bk.fields(indicators), bk.IMPORTANT))
    if view.top_mentions:
        parts.append(bk.Part(bk.divider(), bk.OPTIONAL))
        lines = [mention_line(m) for m in view.top_mentions[:MAX_MENTIONS]]
        hidden = max(0, len(view.top_mentions) - MAX_MENTIONS)
        mentions = bk.lines_section(["*Top mentions*", *lines], limit=2900, hidden=hidden,
                                    more="_…and {n} more mentions_")
        parts.append(bk.Part(mentions, bk.OPTIONAL))
    if view.by_source_type:
        ranked = sorted(view.by_source_type.items(), key=lambda kv: (-kv[1], kv[0]))
        shown = " · ".join(f"{clip(inline(k), 40)} {v}" for k, v in ranked[:12])
        parts.append(bk.Part(bk.section(clip(f"*By source type:* {shown}", 600)), bk.OPTIONAL))
    parts.append(bk.Part(bk.divider(), bk.OPTIONAL))
    parts.extend(bk.Part(b, bk.ESSENTIAL) for b in _action_blocks(view, incident))
    parts.append(bk.Part(bk.context(_footer(view)), bk.OPTIONAL))
    blocks = bk.fit(parts)
    return Rendered(text=fallback_text(view), blocks=blocks)


def fallback_text(view: AlertView) -> str:
    """The `text` fallback (notifications, screen readers): escaped, at most 3,000 chars."""
    event = view.alert.event
    text = f"{SEVERITY_ICON[view.alert.severity]} {inline(title_of(view))}: {inline(event.summary)}"
    return clip(text, bk.TEXT_FALLBACK)


def _status_items(view: AlertView) -> list[str]:
    status = "resolved" if view.resolved else view.status
    items = [f"*Status:* {inline(status)}"]
    if view.acked_by:
        items.append(f"*Acknowledged by* {who(view.acked_by)}")
    if view.owner:
        items.append(f"*Owner:* {who(view.owner)}")
    if view.playbook:
        started = " (running)" if view.playbook_started else ""
        items.append(f"*Playbook:* {clip(inline(view.playbook), 80)}{started}")
    if view.snoozed_until and not view.resolved:
        items.append(f"*Snoozed until* {when(view.snoozed_until)}")
    if view.resolved_by:
        items.append(f"*Resolved by* {who(view.resolved_by)}")
    if view.feedback:
        items.append(f"*Feedback:* {inline(FEEDBACK.get(view.feedback, view.feedback))}")
    return items


def _action_blocks(view: AlertView, incident: str) -> list[bk.Block]:
    out: list[bk.Block] = []
    if not view.resolved:
        buttons = []
        if not view.acked_by:
            buttons.append(bk.button("Acknowledge", "vigie:ack", incident, style="primary"))
        if not view.owner:
            buttons.append(bk.button("Take ownership", "vigie:own", incident))
        if not view.playbook_started:
            label = f"Start playbook: {view.playbook}" if view.playbook else "Start playbook"
            buttons.append(bk.button(label, "vigie:playbook", incident))
        buttons.append(bk.button("Escalate", "vigie:escalate", incident, style="danger"))
        buttons.append(bk.select("Snooze…", "vigie:snooze",
                                 [(f"Snooze {d}", d) for d in SNOOZE]))
        buttons.append(bk.button("Resolve", "vigie:resolve", incident))
        block = bk.actions(buttons, block_id=f"vigie:actions:{incident}")
        if block:
            out.append(block)
    feedback = [bk.button(label, f"vigie:feedback:{kind}", incident)
                for kind, label in FEEDBACK.items()]
    block = bk.actions(feedback, block_id=f"vigie:feedback:{incident}")
    if block:
        out.append(block)
    return out


def _footer(view: AlertView) -> list[str]:
    alert, event = view.alert, view.alert.event
    items = [f"Episode since {when(event.episode_start)}", f"at {when(event.at)}",
             f"alert `{clip(inline(alert.id), 80)}`"]
    if alert.rule:
        items.append(f"rule {clip(inline(alert.rule), 80)}")
    if view.series and view.chart_in_thread:
        items.append("chart of the last 24 h in the thread")
    if view.replay or alert.replay:
        items.append("replayed from the archive: not live")
    return items


def render_note(text: str, *, context: str | None = None) -> Rendered:
    """A thread note (escalation, who acknowledged, resolution...) from raw text: escaped."""
    parts = [bk.Part(bk.section(mrkdwn(text)), bk.ESSENTIAL)]
    if context:
        parts.append(bk.Part(bk.context([inline(context)]), bk.OPTIONAL))
    return Rendered(text=clip(inline(text), bk.TEXT_FALLBACK), blocks=bk.fit(parts))


def render_mentions(mentions: Sequence[Mention], heading: str = "New top mentions") -> Rendered:
    """New top mentions, for the alert's thread."""
    lines = [f"*{inline(heading)}*"] + [mention_line(m) for m in mentions[:MAX_MENTIONS]]
    block = bk.lines_section(lines, limit=2900)
    return Rendered(text=clip(inline(heading) + f" ({len(mentions)})", 200),
                    blocks=[block] if block else None)


def plain_title(view: AlertView) -> str:
    """The title as plain text (upload titles, console)."""
    return plain(title_of(view), 150)
