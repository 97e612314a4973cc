"""The rule engine: episode events in, alert decisions out. Pure, driven by event time.

For each rule whose topic selector and condition match an event, one Alert records the
decision, in this order of precedence:

    pending      the condition holds for less than the rule's `for`
    inhibited    an inhibiting rule is active on the same topic (open episode)
    silenced     an active silence matches topic / rule / labels
    repeat_suppressed  this state (episode, kind, severity) was sent less than
                 `repeat_interval` ago, or is a lower severity than the one sent
    quiet_hours  inside the rule's quiet hours, below its override severity
    fired        sent to the route

A state fires once; it is repeated after `repeat_interval` while the episode stays open and
the condition holds; an escalation (new kind or higher severity) is a new state and fires.
`tick(now)` promotes pending alerts whose `for` has elapsed, delivers alerts held by quiet
hours (or a silence) once they are over if still relevant, and sends repeats. A resolution
event reaches the route that got the firing alert, ignoring quiet hours (it closes an
incident, it does not page), still subject to silences.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime

from monitor.model import Alert, AlertStatus, EpisodeEvent, Kind, Route, Severity, Transition
from monitor.rules.expr import Lookup
from monitor.rules.loader import RuleSet
from monitor.rules.model import RuleConfig
from monitor.rules.silences import Silence, matching_silence
from monitor.rules.state import GroupState, RuleState
from monitor.timeutil import format_duration, iso, to_epoch

STALE_AFTER = 7 * 86400.0  # forget a quiet group this long after its last alert


def alert_id(rule: str, event: EpisodeEvent, severity: Severity, at: datetime) -> str:
    """Deterministic: the same decision on the same event always gets the same id."""
    raw = "|".join((rule, event.episode, event.kind.value, event.transition.value,
                    severity.value, iso(at)))
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


class RuleEngine:
    """Evaluates a RuleSet. `topics` maps topic name -> labels (from vigie.yaml)."""

    def __init__(self, rules: RuleSet, topics: Mapping[str, Mapping[str, str]]) -> None:
        self.rules = rules
        self.topics = {name: dict(labels) for name, labels in topics.items()}
        self._by_name = {rule.name: rule for rule in rules.rules}

    # --- events -------------------------------------------------------------------------

    def evaluate(self, event: EpisodeEvent, state: RuleState, silences: Sequence[Silence],
                 now: datetime) -> list[Alert]:
        """Decide every matching rule for `event`; every decision is returned (and should be
        recorded), only `fired` ones reach people. Mutates `state`."""
        labels = self.topics.get(event.topic, {})
        lookup = lookup_for(event, labels)
        resolving = event.transition == Transition.RESOLVED or event.kind == Kind.RESOLVED
        out: list[Alert] = []
        snapshot: dict[str, object] | None = None  # event.to_dict(), built once if needed
        for rule in self.rules.rules:
            if not rule.topics.matches(event.topic, labels):
                continue
            if resolving:
                out.extend(self._resolve(rule, event, labels, state, silences, now))
                continue
            key = _group_key(rule, event, labels)
            group = state.groups.get(key)
            if not rule.when.test(lookup):
                # An inhibiting rule stays active until the episode resolves: a crisis that
                # calms down to bad buzz is still the crisis room's, not a new alert.
                if group is not None:
                    group.pending_since, group.current, group.decided = None, None, None
                continue
            if group is None:
                group = state.groups[key] = GroupState(rule=rule.name, topic=event.topic)
            if group.episode != event.episode:
                group.episode, group.pending_since, group.decided = event.episode, None, None
            snapshot = snapshot or event.to_dict()
            group.current = dict(snapshot)
            if group.pending_since is None:
                group.pending_since = to_epoch(event.at)
            severity = rule.alert_severity(event.severity)
            if to_epoch(now) - group.pending_since < rule.for_:
                out.append(self._alert(rule, event, severity, AlertStatus.PENDING, labels, key,
                                       event.at, suppressed_by=_pending_note(rule, group)))
                continue
            state.active.setdefault(rule.name, {})[event.topic] = event.episode
            alert = self._decide(rule, group, key, event, severity, labels, state, silences,
                                 now, event.at)
            out.append(alert)
        return out

    def tick(self, state: RuleState, silences: Sequence[Silence], now: datetime) -> list[Alert]:
        """Time passing without events: promote pending alerts past `for`, deliver held ones,
        send repeats. Returns only decisions that changed (and every firing)."""
        out: list[Alert] = []
        when = to_epoch(now)
        # Rule order, so an inhibiting rule becomes active before the rules it inhibits.
        order = {rule.name: index for index, rule in enumerate(self.rules.rules)}
        for key in sorted(state.groups, key=lambda k: order.get(state.groups[k].rule, -1)):
            group = state.groups[key]
            rule = self._by_name.get(group.rule)
            if rule is None:  # rule removed by a reload
                del state.groups[key]
                continue
            if group.current is None:
                if group.sent_at is None or when - group.sent_at > STALE_AFTER:
                    del state.groups[key]
                continue
            if group.pending_since is None or when - group.pending_since < rule.for_:
                continue
            current = group.current
            severity = rule.alert_severity(Severity(current["severity"]))
            state_key = f"{current['episode']}|{current['kind']}|{severity.value}"
            repeat_due = group.sent_at is not None and when - group.sent_at >= rule.repeat_interval
            if group.decided == state_key and group.sent_key == state_key and not repeat_due:
                continue  # sent and not due: the common case, decided without parsing
            event = EpisodeEvent.from_dict(current)
            labels = self.topics.get(event.topic, {})
            state.active.setdefault(rule.name, {})[event.topic] = event.episode
            before = group.recorded
            alert = self._decide(rule, group, key, event, severity, labels, state, silences,
                                 now, now)
            if alert.status == AlertStatus.FIRED or group.recorded != before:
                out.append(alert)
        return out

    # --- decisions ----------------------------------------------------------------------

    def _decide(self, rule: RuleConfig, group: GroupState, key: str, event: EpisodeEvent,
                severity: Severity, labels: dict[str, str], state: RuleState,
                silences: Sequence[Silence], now: datetime, at: datetime) -> Alert:
        state_key = _state_key(event, severity)
        when = to_epoch(now)
        status, note = AlertStatus.FIRED, None
        inhibitor = self._inhibitor(rule, event.topic, state)
        silence = matching_silence(list(silences), event.topic, rule.name, labels, now)
        recent = group.sent_at is not None and when - group.sent_at < rule.repeat_interval
        lower = (recent and group.sent_episode == event.episode
                 and group.sent_key is not None
                 and group.sent_key.split("|")[1] == event.kind.value
                 and group.sent_severity is not None
                 and severity.rank < Severity(group.sent_severity).rank)
        if inhibitor:
            status, note = AlertStatus.INHIBITED, f"rule {inhibitor} active on {event.topic}"
        elif silence:
            status, note = AlertStatus.SILENCED, f"silence {silence.id}"
        elif recent and group.sent_key == state_key:
            status, note = AlertStatus.REPEAT_SUPPRESSED, f"sent at {iso(group.sent_at or 0)}"
        elif lower:
            status = AlertStatus.REPEAT_SUPPRESSED
            note = f"below the {group.sent_severity} alert sent at {iso(group.sent_at or 0)}"
        elif (rule.quiet_hours and rule.quiet_hours.contains(now)
              and not rule.quiet_hours.overridden_by(severity)):
            qh = rule.quiet_hours
            status = AlertStatus.QUIET_HOURS
            note = f"quiet hours {qh.start:%H:%M}-{qh.end:%H:%M} {qh.timezone}"
        route = rule.route.to_route()
        if status == AlertStatus.FIRED:
            group.sent_key, group.sent_at = state_key, when
            group.sent_episode, group.sent_severity = event.episode, severity.value
            group.sent_route = {"channels": list(route.channels), "playbook": route.playbook,
                                "mention": list(route.mention)}
        group.decided = state_key
        group.recorded = f"{status.value}|{state_key}"
        return self._alert(rule, event, severity, status, labels, key, at, route, note)

    def _resolve(self, rule: RuleConfig, event: EpisodeEvent, labels: dict[str, str],
                 state: RuleState, silences: Sequence[Silence], now: datetime) -> list[Alert]:
        """Close the rule's groups for this episode; tell the route that got the alert."""
        self._deactivate(state, rule.name, event.topic, event.episode)
        out = []
        for key in [k for k, g in state.groups.items()
                    if g.rule == rule.name and g.topic == event.topic
                    and event.episode in (g.episode, g.sent_episode)]:
            group = state.groups.pop(key)
            if group.sent_episode != event.episode or not rule.send_resolved:
                continue
            sent = group.sent_route or {}
            route = Route(tuple(sent.get("channels", ())), sent.get("playbook"),
                          tuple(sent.get("mention", ())))
            severity = Severity(group.sent_severity or event.severity.value)
            silence = matching_silence(list(silences), event.topic, rule.name, labels, now)
            status = AlertStatus.SILENCED if silence else AlertStatus.FIRED
            note = f"silence {silence.id}" if silence else None
            out.append(self._alert(rule, event, severity, status, labels, key, event.at,
                                   route, note))
        return out

    def _inhibitor(self, rule: RuleConfig, topic: str, state: RuleState) -> str | None:
        """The first inhibiting rule active on `topic` (any open episode of it)."""
        for source in self.rules.inhibited_by.get(rule.name, ()):
            if topic in state.active.get(source, {}):
                return source
        return None

    @staticmethod
    def _deactivate(state: RuleState, rule: str, topic: str, episode: str) -> None:
        topics = state.active.get(rule)
        if topics and topics.get(topic) == episode:
            del topics[topic]

    def _alert(self, rule: RuleConfig, event: EpisodeEvent, severity: Severity,
               status: AlertStatus, labels: dict[str, str], key: str, at: datetime,
               route: Route | None = None, suppressed_by: str | None = None) -> Alert:
        return Alert(
            id=alert_id(rule.name, event, severity, at),
            rule=rule.name,
            event=event,
            severity=severity,
            status=status,
            route=route if route is not None else rule.route.to_route(),
            group_key=key,
            suppressed_by=suppressed_by,
            labels={**labels, **rule.labels},
        )


def lookup_for(event: EpisodeEvent, labels: Mapping[str, str]) -> Lookup:
    """name -> value for conditions; None when the event does not carry it."""
    fields: dict[str, float | str | None] = {
        "kind": event.kind.value,
        "severity": event.severity.value,
        "transition": event.transition.value,
        "topic": event.topic,
        "previous_kind": event.previous_kind.value if event.previous_kind else None,
    }
    indicators = event.indicators

    def get(name: str) -> float | str | None:
        if name in indicators:
            return indicators[name]
        if name in fields:
            return fields[name]
        if name.startswith("labels."):
            return labels.get(name[7:], "")  # as in Prometheus: a missing label is empty
        return None

    return get


def _state_key(event: EpisodeEvent, severity: Severity) -> str:
    return f"{event.episode}|{event.kind.value}|{severity.value}"


def _group_key(rule: RuleConfig, event: EpisodeEvent, labels: Mapping[str, str]) -> str:
    if len(rule.group_by) == 1:  # the default, ["topic"]: the hot path of backtests
        return f"{rule.name}|topic={event.topic}"
    parts = [rule.name]
    for name in rule.group_by:
        if name.startswith("labels."):
            value = labels.get(name[7:], "")
        else:
            value = {"topic": event.topic, "episode": event.episode, "kind": event.kind.value,
                     "severity": event.severity.value}[name]
        parts.append(f"{name}={value}")
    return "|".join(parts)


def _pending_note(rule: RuleConfig, group: GroupState) -> str:
    return f"for {format_duration(rule.for_)} since {iso(group.pending_since or 0)}"
