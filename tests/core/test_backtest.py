"""`vigie backtest`: the replay format in, one JSON object per alert out, decided causally."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import orjson
from typer.testing import CliRunner

from monitor.cli.app import app
from monitor.config.files import config_from_text
from monitor.replay import replay_events
from monitor.timeutil import to_epoch
from tests.core.stream import stream

ROOT = Path(__file__).resolve().parents[2]
CONFIG = "topics:\n  - name: acme\n    query: acme\n"


def test_decisions_use_only_mentions_published_before_their_time() -> None:
    """Replaying only what was published before an event's `at` raises that same event:
    nothing is decided with hindsight, and nothing is back-dated."""
    config = config_from_text(CONFIG)
    mentions = stream()
    events = list(replay_events(mentions, config))
    assert events
    for event in events[:3]:
        assert event.at > event.episode_start
        cut = [m for m in mentions if m.published < event.at]
        again = list(replay_events(cut, config, until=to_epoch(event.at)))
        assert event.to_dict() in [e.to_dict() for e in again]


def test_cli_writes_alerts_summary_and_evaluation(tmp_path: Path) -> None:
    """The command writes the alerts file, a summary and, with labels, the scores; a bad
    line is reported and skipped, not fatal."""
    mentions = stream()
    path = tmp_path / "m.jsonl.gz"
    with gzip.open(path, "wb") as handle:
        for m in mentions:
            handle.write(orjson.dumps(m.to_replay()) + b"\n")
        handle.write(b"{not json}\n")
    surge = next(m for m in mentions if m.id.startswith("s"))
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps([{"topic": "acme", "type": "crisis",
                                   "start": surge.published.isoformat(),
                                   "end": mentions[-1].published.isoformat()}]))
    config = tmp_path / "vigie.yaml"
    config.write_text(CONFIG + f"rules_dir: {ROOT / 'alert_rules'}\nplaybooks_dir: {ROOT / 'playbooks'}\n")
    out = tmp_path / "alerts.jsonl"
    result = CliRunner().invoke(app, [
        "backtest", "--mentions", str(path), "--out", str(out), "--config", str(config),
        "--labels", str(labels), "--sweep", "crisis_min_authors=10:20:10", "--processes", "1",
    ], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records
    for record in records:
        assert {"topic", "kind", "severity", "at", "episode", "episode_start", "evidence",
                "rule", "status"} <= record.keys()
    assert any(r["status"] in ("fired", "pending") and r["rule"] for r in records)
    assert "skipped" in result.output and "line" in result.output
    assert "Detection against labels" in result.output
    assert "Sweep of crisis_min_authors" in result.output


def test_notify_sends_replayed_alerts_marked_as_replay(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """`--notify` sends the fired alerts through the notifier (console without a Slack
    token), each marked as a replay."""
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    path = tmp_path / "m.jsonl"
    path.write_text("".join(orjson.dumps(m.to_replay()).decode() + "\n" for m in stream()))
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.yaml").write_text("rules:\n  - name: any\n    when: kind in [crisis, bad_buzz]\n"
                                  "    route: {channel: '#replay'}\n")
    config = tmp_path / "vigie.yaml"
    config.write_text(CONFIG + f"rules_dir: rules\nplaybooks_dir: {ROOT / 'playbooks'}\n")
    result = CliRunner().invoke(app, [
        "backtest", "--mentions", str(path), "--out", str(tmp_path / "a.jsonl"),
        "--config", str(config), "--notify", "--processes", "1"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "[REPLAY]" in result.output
    assert "replayed alert(s) through the notifier" in result.output


RULE_WITH_NUMBER = ("rules:\n  - name: any\n    when: kind in [crisis, bad_buzz] and "
                    "negative_share >= 0.5\n    route: {channel: '#replay'}\n")


def test_sweep_of_a_rule_threshold_detects_once_and_moves_the_alerts(tmp_path: Path) -> None:
    """`RULE.INDICATOR` sweeps the number a rule compares the indicator with: the same
    events, fewer alerts as the threshold rises, and the other rules untouched."""
    from monitor import backtest
    from monitor.rules.loader import RuleSet

    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    (rules_dir / "r.yaml").write_text(RULE_WITH_NUMBER)
    rules = RuleSet.load(rules_dir)
    config = config_from_text(CONFIG)
    variants = backtest.sweep_variants(config, rules, ("any.negative_share", [0.0, 0.5, 1.01]))
    assert all(v.config is config for v in variants)
    events = list(replay_events(stream(), config))
    fired = [len(backtest.apply_rules(events, v.config, v.rules).fired_events()) for v in variants]
    assert fired[0] >= fired[1] >= fired[2] and fired[0] > fired[2] == 0
    assert variants[1].rules.rule("any").when.node == rules.rule("any").when.node  # 0.5 as written


def test_cli_sweeps_a_rule_threshold_and_rejects_a_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "m.jsonl"
    path.write_text("".join(orjson.dumps(m.to_replay()).decode() + "\n" for m in stream()))
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.yaml").write_text(RULE_WITH_NUMBER)
    config = tmp_path / "vigie.yaml"
    config.write_text(CONFIG + f"rules_dir: rules\nplaybooks_dir: {ROOT / 'playbooks'}\n")
    base = ["backtest", "--mentions", str(path), "--out", str(tmp_path / "a.jsonl"),
            "--config", str(config), "--processes", "1", "--sweep"]
    result = CliRunner().invoke(app, [*base, "any.negative_share=0:1:0.5"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Sweep of any.negative_share" in result.output
    for target, message in (("nope.negative_share=0:1:0.5", "no rule named 'nope'"),
                            ("any.volume_ratio=1:3:1", "does not compare 'volume_ratio'"),
                            ("crisis_min_autors=1:3:1", "unknown detection setting")):
        result = CliRunner().invoke(app, [*base, target], env={"COLUMNS": "200"})
        assert result.exit_code == 2 and message in result.output, result.output
    result = CliRunner().invoke(app, [*base, "any.negative_share=0:1:0.5", "--no-rules"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 2 and "needs rules" in result.output, result.output


def test_a_bad_labels_file_stops_the_command_before_any_replay(tmp_path: Path) -> None:
    """An invalid labels file exits 2 with file, index and field, and writes no alerts."""
    path = tmp_path / "m.jsonl"
    path.write_text("".join(orjson.dumps(m.to_replay()).decode() + "\n" for m in stream()[:50]))
    labels = tmp_path / "labels.json"
    labels.write_text(json.dumps([{"topic": "acme", "type": "crisis", "start": "soon",
                                   "end": "2026-01-01T00:00:00Z"}]))
    out = tmp_path / "alerts.jsonl"
    result = CliRunner().invoke(app, [
        "backtest", "--mentions", str(path), "--out", str(out), "--labels", str(labels),
        "--no-rules", "--processes", "1"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert f"{labels}: [0].start: required, an ISO 8601 instant" in result.output
    assert not out.exists()
