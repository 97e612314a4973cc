"""`vigie config check`: every problem of vigie.yaml, its rules and playbooks, exit 2."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from monitor.cli.app import app

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_config_rules_and_playbooks_pass() -> None:
    """The shipped vigie.yaml, alert rules and playbooks are valid together."""
    result = CliRunner().invoke(app, ["config", "check", "-c", str(ROOT / "vigie.yaml")])
    assert result.exit_code == 0, result.output


def test_bad_files_are_all_reported_and_exit_2(tmp_path: Path) -> None:
    """A config error and a rule error are reported together, with file and line."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.yaml").write_text("rules:\n  - name: x\n    when: kind == crisis\n    for: soon\n"
                                  "    route: {channel: '#c'}\n", encoding="utf-8")
    config = tmp_path / "vigie.yaml"
    config.write_text(f"topics:\n  - name: a\n    query: a\n    colour: red\nrules_dir: {rules}\n"
                      f"playbooks_dir: {ROOT / 'playbooks'}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["config", "check", "-c", str(config)])
    assert result.exit_code == 2
    assert f"{config}:4: topics[0].colour: unknown field" in result.output

    config.write_text(f"topics:\n  - name: a\n    query: a\nrules_dir: {rules}\n"
                      f"playbooks_dir: {ROOT / 'playbooks'}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["config", "check", "-c", str(config)])
    assert result.exit_code == 2
    assert f"{rules / 'r.yaml'}:4: rules[0].for:" in result.output
