"""CI: the shipped rules pass their own tests, and every shipped rule is tested."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.rules.loader import RuleSet
from monitor.rules.testing import run_file

ROOT = Path(__file__).resolve().parents[2]
TEST_FILES = sorted((ROOT / "alert_rules" / "tests").glob("*.yaml"))


@pytest.mark.parametrize("path", TEST_FILES, ids=lambda p: p.name)
def test_shipped_rule_tests_pass(path: Path) -> None:
    """Every case of alert_rules/tests/<file> passes; failures print the alert diff."""
    results = run_file(path)
    assert results, f"{path} has no test cases"
    failures = [f"{r.name}:\n    " + "\n    ".join(r.failures) for r in results if not r.passed]
    assert not failures, "\n".join(failures)


def test_every_shipped_rule_fires_in_a_test() -> None:
    """Each rule in alert_rules/ is expected to fire in at least one rule test case."""
    from monitor.config.yamlfile import load_file

    expected_firing: set[str] = set()
    for path in TEST_FILES:
        data, _ = load_file(path)
        for case in data["tests"]:
            for alert in case.get("expect", []):
                if alert.get("status") == "fired" and alert.get("rule"):
                    expected_firing.add(alert["rule"])
    shipped = {rule.name for rule in RuleSet.load(ROOT / "alert_rules").rules}
    assert shipped - expected_firing == set()
