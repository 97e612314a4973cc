"""`vigie rules check|test` and `vigie silence add|list|expire` as a user runs them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from monitor.cli import rules as rules_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def cli() -> typer.Typer:
    app = typer.Typer()
    rules_cli.register(app)
    return app


@pytest.fixture()
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No vigie.yaml, no env overrides: commands use their explicit arguments."""
    for name in ("VIGIE_RULES_DIR", "VIGIE_PLAYBOOKS_DIR", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("VIGIE_CONFIG", str(tmp_path / "absent.yaml"))
    return tmp_path


def test_check_shipped_rules(cli: typer.Typer, env: Path) -> None:
    """The shipped rules check clean against the shipped playbooks; exit 0."""
    result = CliRunner().invoke(cli, ["rules", "check", str(ROOT / "alert_rules"),
                                      "--playbooks", str(ROOT / "playbooks")])
    assert result.exit_code == 0, result.output
    assert "OK - 9 rule(s) in 5 file(s)" in result.output
    assert "crisis_product: kind == crisis and severity >= high -> #crisis-room + playbook " \
           "product_recall (inhibits bad_buzz, service_complaints, volume_spike)" in result.output


def test_check_reports_every_problem_and_exits_2(cli: typer.Typer, env: Path) -> None:
    """Each problem on its own line as file:line: field: reason, exit code 2."""
    bad = env / "rules"
    bad.mkdir()
    (bad / "x.yaml").write_text(
        "rules:\n  - name: a\n    when: kind == crisis\n    for: 15x\n"
        "    route: {channel: '#a', playbook: nope}\n    inhibits: [a]\n"
    )
    result = CliRunner().invoke(cli, ["rules", "check", str(bad), "--playbooks",
                                      str(ROOT / "playbooks")])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines == [f"{bad / 'x.yaml'}:4: rules[0].for: invalid duration '15x': expected e.g. "
                     "90s, 15m, 1h30m, 2d or 1w"]
    (bad / "x.yaml").write_text(
        "rules:\n  - name: a\n    when: kind == crisis\n"
        "    route: {channel: '#a', playbook: nope}\n    inhibits: [a]\n"
    )
    result = CliRunner().invoke(cli, ["rules", "check", str(bad), "--playbooks",
                                      str(ROOT / "playbooks")])
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [
        f"{bad / 'x.yaml'}:4: rules[0].route.playbook: unknown playbook 'nope' (known: "
        "bad_buzz_watch, executive_controversy, product_recall, service_outage)",
        f"{bad / 'x.yaml'}:5: rules[0].inhibits: inhibition cycle: a -> a",
    ]


def test_rules_test_passes_shipped_and_fails_with_diff(cli: typer.Typer, env: Path) -> None:
    """`rules test` exits 0 on the shipped tests and 1 with the diff on a failing case."""
    shipped = sorted(str(p) for p in (ROOT / "alert_rules" / "tests").glob("*.yaml"))
    result = CliRunner().invoke(cli, ["rules", "test", *shipped])
    assert result.exit_code == 0, result.output
    assert "FAIL" not in result.stdout and "PASS" in result.stdout
    failing = env / "t.yaml"
    failing.write_text(
        f"rule_files: [{ROOT / 'alert_rules' / 'ops.yaml'}]\ntests:\n"
        "  - name: blind spot goes to the wrong channel\n"
        "    events: [{at: +0m, topic: acme, kind: blind_spot}]\n"
        "    expect: [{rule: blind_spot, status: fired, channels: ['#ops']}]\n"
    )
    result = CliRunner().invoke(cli, ["rules", "test", str(failing)])
    assert result.exit_code == 1
    assert f"FAIL {failing}: blind spot goes to the wrong channel" in result.stdout
    assert "channels: expected ['#ops'], got ['#vigie-ops']" in result.stdout


@pytest.mark.integration
def test_silence_add_list_expire(cli: typer.Typer, env: Path, redis_url: str,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A silence is created with an id, listed, expired, then only shown with --all."""
    monkeypatch.setenv("REDIS_URL", redis_url)
    runner = CliRunner()
    added = runner.invoke(cli, ["silence", "add", "--topic", "acme", "--label", "team=fr",
                                "--for", "2h", "--reason", "TV debate", "--author", "alice"])
    assert added.exit_code == 0, added.output
    silence_id = added.stdout.strip()
    assert re.fullmatch(r"[2-9a-z]{6}", silence_id)
    listed = runner.invoke(cli, ["silence", "list"])
    assert silence_id in listed.stdout and "topic=acme team=fr" in listed.stdout
    assert "active" in listed.stdout and "alice" in listed.stdout
    expired = runner.invoke(cli, ["silence", "expire", silence_id])
    assert expired.exit_code == 0 and f"expired {silence_id}" in expired.stdout
    assert silence_id not in runner.invoke(cli, ["silence", "list"]).stdout
    assert "expired" in runner.invoke(cli, ["silence", "list", "--all"]).stdout
    missing = runner.invoke(cli, ["silence", "expire", "nope22"])
    assert missing.exit_code == 1


@pytest.mark.integration
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--topic", "a", "--reason", "r", "--author", "x"], "give exactly one of --for and --until"),
        (["--topic", "a", "--for", "2h", "--until", "2030-01-01T00:00:00Z", "--reason", "r",
          "--author", "x"], "give exactly one of --for and --until"),
        (["--for", "2h", "--reason", "r", "--author", "x"],
         "a silence needs a topic, a rule or a label to match"),
        (["--topic", "a", "--for", "2 hours", "--reason", "r", "--author", "x"], "invalid duration"),
        (["--topic", "a", "--label", "team", "--for", "1h", "--reason", "r", "--author", "x"],
         "--label 'team': expected key=value"),
        (["--topic", "a", "--until", "2000-01-01T00:00:00Z", "--reason", "r", "--author", "x"],
         "a silence must end after it starts"),
    ],
)
def test_silence_add_rejects_bad_input(cli: typer.Typer, env: Path, redis_url: str,
                                       monkeypatch: pytest.MonkeyPatch, args: list[str],
                                       message: str) -> None:
    """Bad silences are refused with a clear reason, exit 2, and nothing is stored."""
    monkeypatch.setenv("REDIS_URL", redis_url)
    result = CliRunner().invoke(cli, ["silence", "add", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "no active silences" in CliRunner().invoke(cli, ["silence", "list"]).output


def test_route_shows_which_rules_an_event_reaches(cli: typer.Typer, env: Path) -> None:
    """`rules route` lists each rule's verdict and the route of the matching ones, with
    inhibitions and missing indicators explained."""
    result = CliRunner().invoke(cli, [
        "rules", "route", "--rules", str(ROOT / "alert_rules"), "--topic", "acme",
        "--kind", "bad_buzz", "--severity", "high", "--label", "category=executive"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert lines["crisis_executive"].split(None, 1)[1] == (
        "MATCH -> #crisis-room + playbook executive_controversy mention here "
        "(severity high; after 10m; quiet 23:00-07:00 Europe/Paris unless critical)")
    assert lines["bad_buzz"].split(None, 1)[1] == "inhibited by crisis_executive"
    assert lines["crisis_product"].split(None, 1)[1] == "not selected (topic)"
    assert lines["volume_spike"].split(None, 1)[1] == "no"
    spike = CliRunner().invoke(cli, [
        "rules", "route", "--rules", str(ROOT / "alert_rules"), "--topic", "web",
        "--kind", "volume_spike", "--label", "category=service"])
    assert "service_complaints     no (unknown: missing negative_share)" in spike.stdout
    bad = CliRunner().invoke(cli, ["rules", "route", "--rules", str(ROOT / "alert_rules"),
                                   "--topic", "web", "--kind", "crisis", "--set", "x"])
    assert bad.exit_code == 2 and "--set 'x': expected indicator=value" in bad.output


@pytest.mark.integration
def test_silence_add_warns_about_unknown_rule(cli: typer.Typer, env: Path, redis_url: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule matcher that matches no loaded rule is created but flagged as a likely typo."""
    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.setenv("VIGIE_RULES_DIR", str(ROOT / "alert_rules"))
    result = CliRunner().invoke(cli, ["silence", "add", "--rule", "bad_buz", "--for", "1h",
                                      "--reason", "r", "--author", "x"])
    assert result.exit_code == 0
    assert f"warning: no rule in {ROOT / 'alert_rules'} matches 'bad_buz'" in result.output
    fine = CliRunner().invoke(cli, ["silence", "add", "--rule", "bad_*", "--for", "1h",
                                    "--reason", "r", "--author", "x"])
    assert fine.exit_code == 0 and "warning" not in fine.output
