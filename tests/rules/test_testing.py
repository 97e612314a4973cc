"""The rule test runner: expected vs actual alerts, reported as a diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.errors import ConfigError
from monitor.rules.testing import compare, run_file

RULES = """\
- name: buzz
  when: kind == bad_buzz and volume_ratio >= 3
  for: 10m
  route: {channel: "#social-watch"}
"""


def _files(tmp_path: Path, tests: str) -> Path:
    (tmp_path / "rules.yaml").write_text(RULES)
    path = tmp_path / "t.yaml"
    path.write_text("rule_files: [rules.yaml]\ntopics: {acme: {}}\ntests:\n" + tests)
    return path


def test_passing_and_failing_cases_with_diff(tmp_path: Path) -> None:
    """A wrong expectation is reported as missing, with the closest actual alert and the
    differing fields, and the actual alert as unexpected."""
    path = _files(tmp_path, """\
  - name: ok
    series: [{topic: acme, kind: bad_buzz, every: 5m, indicators: {volume_ratio: [3, 4, 5]}}]
    only: [fired]
    expect: [{at: +10m, rule: buzz, status: fired, channels: ["#social-watch"]}]
  - name: wrong
    series: [{topic: acme, kind: bad_buzz, every: 5m, indicators: {volume_ratio: [3, 4, 5]}}]
    only: [fired]
    expect: [{at: +5m, rule: buzz, status: fired, severity: high}]
""")
    ok, wrong = run_file(path)
    assert ok.passed and not wrong.passed
    assert wrong.failures == [
        "missing   {at: 2026-01-05T12:05:00Z, rule: buzz, status: fired, severity: high}",
        "  closest {at: 2026-01-05T12:10:00Z, rule: buzz, status: fired, severity: medium}: "
        "at: expected 2026-01-05T12:05:00Z, got 2026-01-05T12:10:00Z; "
        "severity: expected high, got medium",
        "unexpected {at: 2026-01-05T12:10:00Z, rule: buzz, status: fired, severity: medium, "
        "topic: acme, kind: bad_buzz, transition: updated, episode: acme-1, "
        "channels: ['#social-watch'], playbook: None, mention: [], suppressed_by: None}",
    ]


def test_compare_is_order_insensitive_and_partial() -> None:
    """Only the fields written in an expectation are compared, in any order."""
    actual = [{"rule": "a", "status": "fired", "at": "t1"}, {"rule": "b", "status": "pending"}]
    assert compare([{"rule": "b"}, {"rule": "a", "status": "fired"}], actual) == []
    assert compare([{"rule": "a"}], actual) == [
        "unexpected {rule: b, status: pending}"]


def test_invalid_test_file_reports_line(tmp_path: Path) -> None:
    """Typos in a test file are errors with file and line, not silently ignored fields."""
    path = _files(tmp_path, "  - name: x\n    expct: []\n")
    with pytest.raises(ConfigError) as info:
        run_file(path)
    assert info.value.problems == [f"{path}:5: tests[0].expct: unknown field"]


def test_invalid_rules_fail_the_test_file(tmp_path: Path) -> None:
    """A test file whose rules do not load reports the rule problems."""
    path = _files(tmp_path, "  - name: x\n    expect: []\n")
    (tmp_path / "rules.yaml").write_text(RULES.replace("10m", "10 minutes"))
    with pytest.raises(ConfigError) as info:
        run_file(path)
    assert info.value.problems == [
        f"{tmp_path / 'rules.yaml'}:3: [0].for: invalid duration '10 minutes': "
        "expected e.g. 90s, 15m, 1h30m, 2d or 1w"]


def _mentions(path: Path) -> None:
    """Three quiet days (a mention every 40 minutes), then 300 angry mentions in an hour."""
    from datetime import UTC, datetime, timedelta

    lines, t, i = [], datetime(2026, 1, 1, tzinfo=UTC), 0
    while t < datetime(2026, 1, 4, 10, tzinfo=UTC):
        lines.append({"id": f"q{i}", "published": t.isoformat(), "source": "s",
                      "source_type": "social", "author": f"a{i % 7}", "url": f"https://x/{i}",
                      "title": "", "text": "I bought acme cereal today, it is fine"})
        i, t = i + 1, t + timedelta(minutes=40)
    for k in range(300):
        lines.append({"id": f"b{k}", "published": (t + timedelta(seconds=12 * k)).isoformat(),
                      "source": f"s{k % 20}", "source_type": "news" if k % 10 == 0 else "social",
                      "author": f"u{k}", "url": f"https://y/{k}", "title": "",
                      "text": f"acme cereal recall: children sick, dangerous, terrible scandal {k}"})
    import json

    path.write_text("".join(json.dumps(line) + "\n" for line in lines))


def test_mentions_go_through_real_detection(tmp_path: Path) -> None:
    """A case can give mentions instead of events: the real matching, scoring and detection
    turn them into episode events, which the rules then judge. (On a topic heard from about
    once an hour, 25 new authors and the press in five minutes open as a crisis at once.)"""
    _mentions(tmp_path / "m.jsonl")
    (tmp_path / "vigie.yaml").write_text(
        "topics:\n  - {name: acme, query: acme, labels: {category: product}}\n")
    (tmp_path / "rules.yaml").write_text(
        "- name: episode\n  when: kind in [crisis, bad_buzz, volume_spike] and labels.category == product\n"
        "  route: {channel: '#x'}\n")
    path = tmp_path / "t.yaml"
    path.write_text(
        "rule_files: [rules.yaml]\nconfig: vigie.yaml\ntests:\n"
        "  - name: a burst of angry mentions alerts\n    mentions: m.jsonl\n    only: [fired]\n"
        "    expect: [{rule: episode, status: fired, topic: acme, transition: opened,\n"
        "              kind: crisis}]\n"
        "  - name: wrong on purpose\n    mentions: m.jsonl\n    only: [fired]\n"
        "    expect: []\n")
    ok, wrong = run_file(path)
    assert ok.passed, ok.failures
    assert not wrong.passed and wrong.failures[0].startswith(
        "unexpected {at: 2026-01-04T1")


def test_mentions_without_config_fail_clearly(tmp_path: Path) -> None:
    """Mentions without a vigie.yaml cannot be detected: the case fails with the reason."""
    path = _files(tmp_path, "  - name: x\n    mentions: m.jsonl\n    expect: []\n")
    (result,) = run_file(path)
    assert result.failures == [f"{path}:4: tests[0]: cannot run: mentions need `config:` "
                               "(a vigie.yaml) at the top of the test file"]
