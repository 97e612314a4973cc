"""Rule files: validation and cross-checks, each problem as `file:line: field: reason`."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.errors import ConfigError
from monitor.rules.loader import RuleSet, playbook_names

ROOT = Path(__file__).resolve().parents[2]
PLAYBOOKS = {"product_recall", "bad_buzz_watch"}

GOOD = """\
rules:
  - name: crisis_room
    when: kind == crisis
    route: {channel: "#crisis-room", playbook: product_recall}
"""


def _problems(text: str, **kwargs: object) -> list[str]:
    with pytest.raises(ConfigError) as info:
        RuleSet.from_texts({"r.yaml": text}, **kwargs)  # type: ignore[arg-type]
    return info.value.problems


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n    for: 10 mins\n    route: {channel: '#x'}\n",
            ["r.yaml:4: rules[0].for: invalid duration '10 mins': expected e.g. 90s, 15m, 1h30m, 2d or 1w"],
            id="bad duration"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n    route: {channel: '#x'}\n    colour: red\n",
            ["r.yaml:5: rules[0].colour: unknown field"], id="unknown field"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n    route: {channel: '#x'}\n    repeat_interval: [1h]\n",
            ["r.yaml:5: rules[0].repeat_interval: expected a duration such as 90s, 15m, 1h30m or 2d"],
            id="wrong type"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n    route: {channel: '#x'}\n    send_resolved: maybe\n",
            ["r.yaml:5: rules[0].send_resolved: Input should be a valid boolean, unable to interpret input"],
            id="wrong type bool"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n    route: {channel: '#x'}\n    severity: urgent\n",
            ["r.yaml:5: rules[0].severity: unknown severity 'urgent': expected low, medium, high, critical or event"],
            id="bad severity"),
        pytest.param(
            "rules:\n  - name: a\n    when: volume_ratoi > 3\n    route: {channel: '#x'}\n",
            ["r.yaml:3: rules[0].when: column 1: unknown indicator 'volume_ratoi' (did you mean 'volume_ratio'?)"],
            id="unknown indicator"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n",
            ["r.yaml:2: rules[0].route: required field is missing"], id="missing route"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n    route: {channel: 'crisis room'}\n",
            ["r.yaml:4: rules[0].route.channel: unknown channel 'crisis room': use #lower-case-name or a Slack id C.../G..."],
            id="malformed channel"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n    route: {playbook: product_recall}\n",
            ["r.yaml:4: rules[0].route: a route needs at least one channel"], id="no channel"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n    route: {channel: '#x', mention: [bob]}\n",
            ["r.yaml:4: rules[0].route.mention: cannot mention 'bob': use a user id U..., a group id S..., @handle, here or channel"],
            id="bad mention"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n    route: {channel: '#x'}\n"
            "    quiet_hours: {start: '25:00', end: '07:00', timezone: Europe/Pariss}\n",
            ["r.yaml:5: rules[0].quiet_hours.start: expected a local time HH:MM (00:00-23:59), got '25:00'",
             "r.yaml:5: rules[0].quiet_hours.timezone: unknown timezone 'Europe/Pariss' (use an IANA name)"],
            id="bad quiet hours"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n    route: {channel: '#x', playbook: nope}\n",
            ["r.yaml:4: rules[0].route.playbook: unknown playbook 'nope' (known: bad_buzz_watch, product_recall)"],
            id="unknown playbook"),
        pytest.param(
            GOOD + "  - name: crisis_room\n    when: kind == bad_buzz\n    route: {channel: '#x'}\n",
            ["r.yaml:5: rules[1].name: duplicate rule 'crisis_room' (first at r.yaml:2)"],
            id="duplicate name"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n    route: {channel: '#x'}\n    inhibits: [b]\n"
            "  - name: b\n    when: kind == bad_buzz\n    route: {channel: '#x'}\n    inhibits: [a]\n",
            ["r.yaml:5: rules[0].inhibits: inhibition cycle: a -> b -> a"], id="cyclic inhibition"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n    route: {channel: '#x'}\n    inhibits: [a]\n",
            ["r.yaml:5: rules[0].inhibits: inhibition cycle: a -> a"], id="self inhibition"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n    route: {channel: '#x'}\n    inhibits: [ghost*]\n",
            ["r.yaml:5: rules[0].inhibits[0]: inhibits 'ghost*', which matches no rule"],
            id="inhibits nothing"),
        pytest.param(
            "channels: ['#crisis-room']\nrules:\n  - name: a\n    when: kind == crisis\n"
            "    route: {channels: ['#crisis-rom']}\n",
            ["r.yaml:5: rules[0].route.channels: unknown channel '#crisis-rom': not in the file's channels (#crisis-room)"],
            id="channel outside allow-list"),
        pytest.param(
            "rules:\n  - name: a\n    when: kind == crisis\n   route: {}\n",
            ["r.yaml:4: (syntax): expected <block end>, but found '<block mapping start>'"],
            id="yaml syntax"),
        pytest.param(
            "rules: {name: a}\n", ["r.yaml:1: rules: expected a list of rules"], id="rules not a list"),
        pytest.param(
            "rules:\n  - name: a b\n    when: kind == crisis\n    route: {channel: '#x'}\n    group_by: [colour]\n",
            ["r.yaml:2: rules[0].name: a name is 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit",
             "r.yaml:5: rules[0].group_by: cannot group by 'colour': use topic, episode, kind, severity or labels.<key>"],
            id="bad name and group_by"),
    ],
)
def test_invalid_files_report_exact_messages(text: str, expected: list[str]) -> None:
    """Every problem is reported with file, line, field and reason, all at once."""
    assert _problems(text, known_playbooks=PLAYBOOKS) == expected


def test_problems_in_several_files_come_together() -> None:
    """A bad rule in one file does not hide another file's problems, nor a sibling rule's."""
    with pytest.raises(ConfigError) as info:
        RuleSet.from_texts({
            "a.yaml": "- name: x\n  when: kind == crisis\n  for: soon\n  route: {channel: '#a'}\n"
                      "- name: y\n  when: kind = = crisis\n  route: {channel: '#a'}\n",
            "b.yaml": "rules:\n  - name: z\n    when: kind == crisis\n    route: {channel: '#b'}\n"
                      "    inhibits: [x]\n",
        })
    assert info.value.problems == [
        "a.yaml:3: [0].for: invalid duration 'soon': expected e.g. 90s, 15m, 1h30m, 2d or 1w",
        "a.yaml:6: [1].when: column 8: expected a value, found '='",
    ]


def test_known_channels_restrict_routes() -> None:
    """Channels named by the Slack settings act as an allow-list when given."""
    problems = _problems(GOOD, known_channels={"#alerts"})
    assert problems == [
        "r.yaml:4: rules[0].route.channels: unknown channel '#crisis-room': not in Slack "
        "settings (#alerts)"
    ]


def test_good_file_loads_with_defaults() -> None:
    """A minimal rule gets documented defaults: no `for`, 4h repeat, grouped by topic."""
    rules = RuleSet.from_texts({"r.yaml": GOOD}, known_playbooks=PLAYBOOKS)
    rule = rules.rules[0]
    assert (rule.name, rule.for_, rule.repeat_interval, rule.group_by) == (
        "crisis_room", 0.0, 14400.0, ["topic"])
    assert rule.route.to_route().channels == ("#crisis-room",)


def test_inhibiting_rules_are_evaluated_first() -> None:
    """Evaluation order puts a rule before the rules it inhibits, whatever the file order."""
    rules = RuleSet.from_texts({"r.yaml": (
        "- {name: buzz, when: kind == bad_buzz, route: {channel: '#w'}}\n"
        "- {name: crisis, when: kind == crisis, route: {channel: '#c'}, inhibits: ['buzz*']}\n"
    )})
    assert [r.name for r in rules.rules] == ["crisis", "buzz"]
    assert dict(rules.inhibited_by) == {"buzz": ("crisis",)}


def test_missing_directory_is_an_error(tmp_path: Path) -> None:
    """A rules folder that does not exist is reported, not treated as empty."""
    with pytest.raises(ConfigError) as info:
        RuleSet.load(tmp_path / "nope")
    assert info.value.problems == [f"{tmp_path / 'nope'}: (directory): not found"]


def test_shipped_rules_load_against_shipped_playbooks() -> None:
    """alert_rules/*.yaml is valid, and every playbook it starts exists in playbooks/."""
    known = playbook_names(ROOT / "playbooks")
    assert {"product_recall", "executive_controversy", "service_outage",
            "bad_buzz_watch"} <= known
    rules = RuleSet.load(ROOT / "alert_rules", known_playbooks=known)
    names = {r.name for r in rules.rules}
    assert {"crisis_product", "bad_buzz", "positive_buzz", "volume_spike", "blind_spot"} <= names
    assert "crisis_product" in rules.inhibited_by["bad_buzz"]
