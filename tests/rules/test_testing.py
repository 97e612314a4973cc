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
