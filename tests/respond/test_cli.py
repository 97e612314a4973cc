"""`vigie playbooks check`, `vigie labels export`, `vigie incidents`, and the manifest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from monitor.cli.app import app
from monitor.incidents import Action, apply_action, open_incident
from monitor.store.incidents import IncidentStore
from monitor.web.server import EVENTS_PATH
from tests.respond.helpers import T0, alert

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_playbooks_check_passes_on_shipped_files() -> None:
    """The shipped playbooks check clean (exit 0), one line per playbook."""
    result = runner.invoke(app, ["playbooks", "check", str(ROOT / "playbooks")])
    assert result.exit_code == 0, result.output
    assert "4 playbook(s) valid" in result.output


def test_playbooks_check_lists_every_problem(tmp_path: Path) -> None:
    """Two broken files: every problem printed with file and line, exit 1."""
    (tmp_path / "a.yaml").write_text("name: a\ntitle: A\nroles: {}\nsteps:\n"
                                     "  - {id: s, title: S, role: cm, due_after: 5m}\n")
    (tmp_path / "b.yaml").write_text("name: b\ntitle: [unclosed\n")
    result = runner.invoke(app, ["playbooks", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path}/a.yaml:5: steps[0].role: unknown role 'cm'" in result.output
    assert f"{tmp_path}/b.yaml:3: (syntax)" in result.output
    assert "2 problem(s)" in result.output


@pytest.mark.integration
def test_labels_export_writes_the_backtest_format(redis_client: Any, redis_url: str,
                                                  tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Feedback labels are exported as [{topic, type, start, end}] to --out."""
    store = IncidentStore(redis_client)
    incident = open_incident("1", alert(), ("#c",))
    store.create(apply_action(incident, Action.FEEDBACK, "U1", T0, "crisis").incident)
    store.create(open_incident("2", alert(episode="ep2"), ("#c",)))  # no feedback: no label
    monkeypatch.setenv("REDIS_URL", redis_url)
    out = tmp_path / "labels.json"
    result = runner.invoke(app, ["labels", "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text()) == [{"topic": "acme", "type": "crisis",
                                            "start": "2026-03-02T08:30:00Z",
                                            "end": "2026-03-02T09:00:00Z"}]


@pytest.mark.integration
def test_incidents_lists_open_and_prints_a_report(redis_client: Any, redis_url: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """`vigie incidents` lists open incidents; --all adds resolved; --report prints one."""
    store = IncidentStore(redis_client)
    store.create(open_incident("1", alert(), ("#c",)))
    resolved = apply_action(open_incident("2", alert(episode="e2"), ("#c",)), Action.RESOLVE,
                            "U1", T0).incident
    store.create(resolved)
    monkeypatch.setenv("REDIS_URL", redis_url)
    listed = runner.invoke(app, ["incidents"]).output
    assert "#1 acme crisis/high open" in listed and "#2" not in listed
    assert "#2 acme crisis/high resolved" in runner.invoke(app, ["incidents", "--all"]).output
    report = runner.invoke(app, ["incidents", "--report", "2"]).output
    assert report.startswith("# Post-incident report: incident 2 (acme)")
    lines = runner.invoke(app, ["incidents", "--all", "--json"]).output.splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["id"] for r in rows] == ["2", "1"]
    assert [e["action"] for e in rows[0]["timeline"]] == ["opened", "resolved"]


def test_manifest_matches_the_app() -> None:
    """The manifest points interactivity and /vigie at /slack/events with the bot scopes."""
    manifest = YAML(typ="safe").load((ROOT / "slack" / "manifest.yaml").read_text())
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"chat:write", "chat:write.public", "files:write", "commands", "users:read",
            "channels:read"} <= scopes
    assert manifest["settings"]["interactivity"]["request_url"].endswith(EVENTS_PATH)
    command = manifest["features"]["slash_commands"][0]
    assert command["command"] == "/vigie" and command["url"].endswith(EVENTS_PATH)
    assert manifest["settings"]["socket_mode_enabled"] is False


def test_playbooks_check_validates_role_overrides(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """vigie.yaml's playbook_roles must name known roles with Slack ids."""
    config = tmp_path / "vigie.yaml"
    config.write_text("playbook_roles:\n  comms_lead: [S0COMMS]\n  ceo: [bob]\n")
    monkeypatch.setenv("VIGIE_CONFIG", str(config))
    result = runner.invoke(app, ["playbooks", "check", str(ROOT / "playbooks")])
    assert result.exit_code == 1
    assert f"{config}: playbook_roles.ceo: no playbook defines this role" in result.output
    assert f"{config}: playbook_roles.ceo: 'bob' is not a Slack user id" in result.output
    config.write_text("playbook_roles:\n  comms_lead: [S0COMMS, U0LEAD]\n")
    assert runner.invoke(app, ["playbooks", "check", str(ROOT / "playbooks")]).exit_code == 0
