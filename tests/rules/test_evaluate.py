"""The rule engine, driven by event time: for, repeats, escalation, resolution, quiet hours,
inhibitions, silences and label routing."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from monitor.model import AlertStatus
from monitor.rules.evaluate import RuleEngine
from monitor.rules.silences import Silence
from monitor.rules.state import RuleState
from tests.rules.helpers import T0, at, event, rules

CRISIS = """
- name: crisis
  when: kind == crisis and severity >= high
  for: 10m
  route: {channel: "#crisis-room", playbook: product_recall, mention: [here]}
  repeat_interval: 1h
  inhibits: [buzz]
- name: buzz
  when: kind == bad_buzz or negative_share >= 0.6
  route: {channel: "#social-watch"}
  repeat_interval: 4h
  quiet_hours: {start: "22:00", end: "07:00", timezone: Europe/Paris}
"""


def _run(engine: RuleEngine, state: RuleState, steps: list, silences: tuple = ()) -> list:
    """Feed events (EpisodeEvent) and ticks (datetime); [(status, rule, severity, kind)]."""
    out = []
    for step in steps:
        if isinstance(step, datetime):
            alerts = engine.tick(state, list(silences), step)
        else:
            alerts = engine.evaluate(step, state, list(silences), step.at)
        out.extend((a.status.value, a.rule, a.severity.value, a.event.kind.value) for a in alerts)
    return out


def test_for_holds_then_fires_once() -> None:
    """The condition must hold for `for`; then one alert fires, the next event is suppressed."""
    engine, state = RuleEngine(rules(CRISIS), {}), RuleState()
    got = _run(engine, state, [event(0), event(5), event(10), event(15)])
    assert got == [("pending", "crisis", "high", "crisis"), ("pending", "crisis", "high", "crisis"),
                   ("fired", "crisis", "high", "crisis"),
                   ("repeat_suppressed", "crisis", "high", "crisis")]


def test_tick_promotes_pending_when_for_elapses() -> None:
    """Without new events, a tick past `for` fires the pending alert, only once."""
    engine, state = RuleEngine(rules(CRISIS), {}), RuleState()
    got = _run(engine, state, [event(0), at(9), at(10), at(11)])
    assert got == [("pending", "crisis", "high", "crisis"), ("fired", "crisis", "high", "crisis")]


def test_condition_dropping_resets_for() -> None:
    """A gap in the condition restarts the `for` wait."""
    engine, state = RuleEngine(rules(CRISIS), {}), RuleState()
    got = _run(engine, state, [event(0), event(5, severity="medium"), event(8), event(15), event(18)])
    assert [g[0] for g in got] == ["pending", "pending", "pending", "fired"]


def test_repeat_after_interval_and_escalation_fires_at_once() -> None:
    """Same state: one alert per repeat_interval. Higher severity or a new kind: new state."""
    engine, state = RuleEngine(rules(CRISIS), {}), RuleState()
    got = _run(engine, state, [event(0), event(10), at(40), at(69), at(70), at(71),
                               event(75, severity="critical"), event(80, severity="high")])
    assert got == [
        ("pending", "crisis", "high", "crisis"),
        ("fired", "crisis", "high", "crisis"),
        ("fired", "crisis", "high", "crisis"),          # repeat at +70 (sent at +10, 1h)
        ("fired", "crisis", "critical", "crisis"),      # escalation
        ("repeat_suppressed", "crisis", "high", "crisis"),  # de-escalation is not news
    ]


def test_resolution_goes_to_the_route_that_fired() -> None:
    """The resolution reaches the channels and playbook of the firing alert, even when the
    rules changed since, and the state is cleared."""
    state = RuleState()
    RuleEngine(rules(CRISIS), {}).evaluate(event(0), state, [], at(0))
    RuleEngine(rules(CRISIS), {}).evaluate(event(10), state, [], at(10))
    moved = CRISIS.replace("#crisis-room", "#war-room")
    alerts = RuleEngine(rules(moved), {}).evaluate(event(30, kind="resolved"), state, [], at(30))
    assert [(a.rule, a.status, a.route.channels, a.route.playbook, a.severity.value)
            for a in alerts] == [("crisis", AlertStatus.FIRED, ("#crisis-room",), "product_recall", "high")]
    assert state.groups == {} and state.active.get("crisis") == {}


def test_no_resolution_for_an_alert_never_sent() -> None:
    """An episode that resolves while pending sends nothing."""
    engine, state = RuleEngine(rules(CRISIS), {}), RuleState()
    got = _run(engine, state, [event(0), event(5, kind="resolved")])
    assert got == [("pending", "crisis", "high", "crisis")]


def test_inhibition_while_crisis_is_open() -> None:
    """An active crisis rule inhibits `buzz` on the same topic (same event or later ones),
    not on other topics, and no longer once the episode resolved."""
    engine, state = RuleEngine(rules(CRISIS), {}), RuleState()
    got = _run(engine, state, [
        event(0, negative_share=0.8), event(10, negative_share=0.8),
        event(12, kind="bad_buzz", severity="medium", topic="other", episode="o1"),
        event(20, kind="bad_buzz", severity="medium"),
        event(30, kind="resolved"),
        event(40, kind="bad_buzz", severity="medium", episode="e2"),
    ])
    assert got == [
        ("pending", "crisis", "high", "crisis"),
        ("fired", "buzz", "high", "crisis"),  # crisis not yet active (pending)
        ("fired", "crisis", "high", "crisis"),
        ("inhibited", "buzz", "high", "crisis"),
        ("fired", "buzz", "medium", "bad_buzz"),
        ("inhibited", "buzz", "medium", "bad_buzz"),
        ("fired", "crisis", "high", "resolved"),
        ("fired", "buzz", "high", "resolved"),
        ("fired", "buzz", "medium", "bad_buzz"),
    ]


def test_quiet_hours_hold_and_deliver_in_the_morning() -> None:
    """Inside quiet hours (Europe/Paris) the alert is recorded as quiet_hours; the first tick
    after 07:00 local delivers it while the episode is open; critical overrides."""
    engine, state = RuleEngine(rules(CRISIS), {}), RuleState()
    night = datetime(2026, 1, 5, 22, 0, tzinfo=UTC)  # 23:00 Paris
    bad = event(0, kind="bad_buzz", severity="medium")
    bad = type(bad)(**{**{f: getattr(bad, f) for f in bad.__dataclass_fields__}, "at": night})
    first = engine.evaluate(bad, state, [], night)
    assert [(a.status, a.suppressed_by) for a in first] == [
        (AlertStatus.QUIET_HOURS, "quiet hours 22:00-07:00 Europe/Paris")]
    assert engine.tick(state, [], datetime(2026, 1, 6, 5, 59, tzinfo=UTC)) == []
    morning = engine.tick(state, [], datetime(2026, 1, 6, 6, 0, tzinfo=UTC))
    assert [(a.status, a.rule) for a in morning] == [(AlertStatus.FIRED, "buzz")]
    assert engine.tick(state, [], datetime(2026, 1, 6, 6, 5, tzinfo=UTC)) == []
    critical = type(bad)(**{**{f: getattr(bad, f) for f in bad.__dataclass_fields__},
                            "severity": bad.severity.from_rank(3), "episode": "e9"})
    assert [a.status for a in engine.evaluate(critical, RuleState(), [], night)] == [
        AlertStatus.FIRED]


def test_quiet_hours_follow_daylight_saving() -> None:
    """22:00 Paris is 21:00 UTC in winter and 20:00 UTC in summer."""
    rule = rules(CRISIS).rule("buzz")
    assert rule is not None and rule.quiet_hours is not None
    qh = rule.quiet_hours
    assert qh.contains(datetime(2026, 1, 5, 21, 0, tzinfo=UTC))
    assert not qh.contains(datetime(2026, 1, 5, 20, 59, tzinfo=UTC))
    assert qh.contains(datetime(2026, 7, 6, 20, 0, tzinfo=UTC))
    assert not qh.contains(datetime(2026, 7, 6, 5, 0, tzinfo=UTC))  # 07:00 Paris


def test_silences_match_topic_rule_and_labels_and_are_recorded() -> None:
    """A matching active silence turns `fired` into `silenced` (still returned); when it
    ends, the next tick fires the still-open alert."""
    engine = RuleEngine(rules(CRISIS), {"acme": {"team": "retail-fr"}})
    silence = Silence(id="abc234", starts=T0, ends=at(60), reason="TV show", author="ops",
                      created_at=T0, rule="buz*", labels={"team": "retail-*"})
    state = RuleState()
    got = _run(engine, state, [event(0, kind="bad_buzz"), at(30), at(60)], (silence,))
    assert got == [("silenced", "buzz", "high", "bad_buzz"), ("fired", "buzz", "high", "bad_buzz")]
    alerts = engine.evaluate(event(0, kind="bad_buzz"), RuleState(), [silence], at(0))
    assert alerts[0].suppressed_by == "silence abc234"
    other = Silence(id="x", starts=T0, ends=at(60), reason="r", author="a", created_at=T0,
                    labels={"team": "marketing"})
    assert engine.evaluate(event(0, kind="bad_buzz"), RuleState(), [other], at(0))[0].status == (
        AlertStatus.FIRED)


def test_topic_selector_and_labels_route() -> None:
    """Rules pick topics by name glob and label; rule labels join topic labels on the alert."""
    ruleset = rules("""
- name: fr
  topics: {names: ["acme-*"], labels: {country: fr}}
  when: kind == crisis and labels.tier == gold
  route: {channel: "#fr"}
  labels: {desk: paris}
""")
    topics = {"acme-fr": {"country": "fr", "tier": "gold"}, "acme-de": {"country": "de", "tier": "gold"},
              "acme-fr2": {"country": "fr"}}
    engine = RuleEngine(ruleset, topics)
    fired = {t: engine.evaluate(event(0, topic=t), RuleState(), [], at(0)) for t in topics}
    assert [a.rule for a in fired["acme-fr"]] == ["fr"]
    assert fired["acme-fr"][0].labels == {"country": "fr", "tier": "gold", "desk": "paris"}
    assert fired["acme-de"] == [] and fired["acme-fr2"] == []


def test_alert_ids_are_deterministic() -> None:
    """The same decision on the same event gets the same id; a later event another id."""
    one = RuleEngine(rules(CRISIS), {}).evaluate(event(0, kind="bad_buzz"), RuleState(), [], at(0))
    two = RuleEngine(rules(CRISIS), {}).evaluate(event(0, kind="bad_buzz"), RuleState(), [], at(0))
    three = RuleEngine(rules(CRISIS), {}).evaluate(event(1, kind="bad_buzz"), RuleState(), [], at(1))
    assert one[0].id == two[0].id != three[0].id
    assert len(one[0].id) == 16


def test_state_survives_json_between_calls() -> None:
    """RuleState round-trips through JSON at every step without changing any decision."""
    engine = RuleEngine(rules(CRISIS), {})
    steps = [event(0), event(10), at(70), event(75, severity="critical"), event(90, kind="resolved")]
    direct = _run(engine, RuleState(), steps)
    persisted, state_json = [], json.dumps(RuleState().to_dict())
    for step in steps:
        state = RuleState.from_dict(json.loads(state_json))
        persisted += _run(engine, state, [step])
        state_json = json.dumps(state.to_dict())
    assert persisted == direct
    assert [g[0] for g in direct] == ["pending", "fired", "fired", "fired", "fired"]


def test_removed_rule_state_is_dropped_on_tick() -> None:
    """After a reload without a rule, its groups disappear at the next tick."""
    state = RuleState()
    RuleEngine(rules(CRISIS), {}).evaluate(event(0, kind="bad_buzz"), state, [], at(0))
    assert any(g.rule == "buzz" for g in state.groups.values())
    only_crisis = rules(CRISIS.split("- name: buzz")[0].replace("  inhibits: [buzz]\n", ""))
    RuleEngine(only_crisis, {}).tick(state, [], at(1))
    assert not any(g.rule == "buzz" for g in state.groups.values())


def test_fixed_and_minimum_severity() -> None:
    """`severity:` fixes the alert severity; `min_severity:` raises it."""
    ruleset = rules("""
- {name: fixed, when: kind == volume_spike, severity: low, route: {channel: "#a"}}
- {name: floor, when: kind == volume_spike, min_severity: high, route: {channel: "#b"}}
""")
    alerts = RuleEngine(ruleset, {}).evaluate(event(0, kind="volume_spike", severity="medium"),
                                              RuleState(), [], at(0))
    assert [(a.rule, a.severity.value) for a in alerts] == [("fixed", "low"), ("floor", "high")]


def test_quiet_hours_days_are_the_days_a_window_starts() -> None:
    """With weekdays only, Friday night is quiet until Saturday morning, Saturday night is not."""
    rule = rules("""
- name: p
  when: kind == positive_buzz
  route: {channel: "#m"}
  quiet_hours: {start: "19:00", end: "09:00", timezone: Europe/Paris, days: [mon, tue, wed, thu, fri]}
""").rules[0]
    qh = rule.quiet_hours
    assert qh is not None
    friday_night = datetime(2026, 1, 9, 19, 30, tzinfo=UTC)     # Fri 20:30 Paris
    saturday_morning = datetime(2026, 1, 10, 7, 30, tzinfo=UTC)  # Sat 08:30 Paris
    saturday_night = datetime(2026, 1, 10, 19, 30, tzinfo=UTC)   # Sat 20:30 Paris
    sunday_morning = datetime(2026, 1, 11, 7, 30, tzinfo=UTC)    # Sun 08:30 Paris
    monday_morning = datetime(2026, 1, 12, 7, 30, tzinfo=UTC)    # Mon 08:30 Paris (Sun night)
    assert [qh.contains(t) for t in (friday_night, saturday_morning, saturday_night,
                                     sunday_morning, monday_morning)] == [
        True, True, False, False, False]


def test_a_young_topics_crisis_goes_to_a_watch_channel_and_drills_still_page() -> None:
    """The recipe of docs/rules.md: a rule on `history_hours < 24` mutes the paging crisis
    rule on a topic watched for less than a day; a day later, or on an event without the
    indicator (a drill's), the paging rule fires as before."""
    text = CRISIS.split("- name: buzz")[0].replace("  inhibits: [buzz]\n", "") + """
- name: young_topic_crisis
  when: kind == crisis and history_hours < 24
  route: {channel: "#watch"}
  inhibits: ["crisis*"]
"""
    engine = RuleEngine(rules(text), {})

    def fired(**indicators: float) -> list:
        got = _run(engine, RuleState(), [event(0, **indicators), event(10, **indicators)])
        return [(status, rule) for status, rule, _, _ in got if status in ("fired", "inhibited")]

    assert fired(history_hours=8.0) == [("fired", "young_topic_crisis"),
                                        ("inhibited", "crisis")]
    assert fired(history_hours=30.0) == [("fired", "crisis")]
    assert fired() == [("fired", "crisis")]
