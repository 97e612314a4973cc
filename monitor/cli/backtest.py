"""`vigie backtest`: replay mentions in event time through the live code and the rules."""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from monitor import backtest, replay_pool
from monitor.config.files import VigieConfig, config_from_text, load_config
from monitor.config.settings import Settings
from monitor.errors import ConfigError

err = Console(stderr=True)


def _config(path: Path | None) -> VigieConfig:
    settings = Settings.from_env()
    target = path or settings.config_path
    if path is None and not target.exists():
        return config_from_text("{}")  # topics come from the mentions' `topics`
    return load_config(target)


def _rules(config: VigieConfig, rules_dir: Path | None, no_rules: bool) -> Any:
    if no_rules:
        return None
    from monitor.rules.loader import RuleSet

    folder = rules_dir or config.resolve(config.rules_dir)
    if not folder.is_dir():
        if rules_dir is not None:
            raise ConfigError([f"{folder}: (rules): not a directory"])
        return None
    return RuleSet.load(folder, **_rule_refs(config))


def _rule_refs(config: VigieConfig) -> dict[str, Any]:
    from monitor.rules.loader import playbook_names

    return {"known_playbooks": playbook_names(config.resolve(config.playbooks_dir))}


def _labels(path: Path | None) -> list[dict[str, Any]] | None:
    if path is None:
        return None
    from monitor.detection.labels import CLASSES, load_labels, unknown_types

    found = load_labels(path)
    for kind in unknown_types(found):
        err.print(f"{path}: label type {kind!r} is none of {', '.join(CLASSES)} (or their "
                  "aliases): scored as a class of its own",
                  style="yellow", markup=False, highlight=False)
    return found


def register(app: typer.Typer) -> None:
    @app.command("backtest")
    def backtest_cmd(
        mentions: Annotated[list[Path], typer.Option("--mentions", "-m", help="Replay file(s), .jsonl or .jsonl.gz (the archive's format).")],
        out: Annotated[Path, typer.Option("--out", "-o", help="Write one JSON object per alert, escalation and resolution.")] = Path("alerts.jsonl"),
        config: Annotated[Path | None, typer.Option("--config", "-c", help="vigie.yaml (topics, detection settings, rules_dir).")] = None,
        labels: Annotated[Path | None, typer.Option(help="JSON list of {topic, type, start, end}: print precision, recall and delay per class.")] = None,
        rules_dir: Annotated[Path | None, typer.Option("--rules", help="Alert rules folder (default: the config's rules_dir).")] = None,
        no_rules: Annotated[bool, typer.Option("--no-rules", help="Detection only.")] = False,
        sweep: Annotated[str | None, typer.Option(help="name=start:stop:step: one row per value of a detection setting (crisis_min_authors=10:40:10) or of a rule's threshold (service_complaints.negative_share=0.3:0.7:0.1).")] = None,
        notify: Annotated[bool, typer.Option(help="Send the fired alerts through the configured notifier, marked as a replay.")] = False,
        processes: Annotated[int, typer.Option(help="Processes scoring mentions (default: one per core).")] = 0,
    ) -> None:
        """Replay mentions through the live code and write the alerts it would have raised."""
        try:
            cfg = _config(config)
            rules = _rules(cfg, rules_dir, no_rules)
            label_list = _labels(labels)
            sweep_spec = backtest.parse_sweep(sweep) if sweep else None
            variants = backtest.sweep_variants(cfg, rules, sweep_spec) if sweep_spec else []
        except ConfigError as exc:
            for problem in exc.problems:
                err.print(problem, markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None
        except ValueError as exc:
            err.print(str(exc), style="red", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None

        bad_lines: list[str] = []
        procs = processes or os.cpu_count() or 1
        # A detector setting needs one detection run per value; a classification threshold
        # reclassifies one run (replay_pool.detect), and a rule threshold reuses the first
        # run's events and re-runs only the rules.
        configs = [cfg, *(v.config for v in variants if v.config is not cfg)]
        with Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(),
                      TimeElapsedColumn(), console=err, disable=not err.is_terminal) as progress:
            task = progress.add_task("reading and scoring mentions", total=None)
            try:
                loaded = replay_pool.load(
                    mentions, cfg, procs, bad_lines.append,
                    lambda done, total: progress.update(task, completed=done, total=total))
            except OSError as exc:
                err.print(f"[red]cannot read mentions: {exc}[/red]")
                raise typer.Exit(1) from None
            progress.add_task(f"counting and detecting ({len(configs)} configuration(s))",
                              total=None)
            events = replay_pool.detect(loaded, configs, procs)
        for line in bad_lines[:20]:
            err.print(f"[yellow]skipped {line}[/yellow]", highlight=False)
        if len(bad_lines) > 20:
            err.print(f"[yellow]... {len(bad_lines) - 20} more bad lines skipped[/yellow]")
        outcome = backtest.apply_rules(events[0], cfg, rules)
        records = outcome.records()
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as handle:
            for record in records:
                handle.write(orjson.dumps(record) + b"\n")
        _summary(records, loaded.mentions, len(loaded.records), out)
        if label_list is not None:
            _evaluation(outcome, label_list)
        if sweep_spec:
            _sweep(variants, [events[configs.index(v.config)] for v in variants],
                   sweep_spec[0], label_list)
        if notify:
            _notify(outcome)


def _summary(records: list[dict[str, Any]], total: int, matched: int, out: Path) -> None:
    table = Table(title=f"Backtest: {total} mentions, {matched} matched a topic -> {out}")
    for column in ("topic", "kind", "status", "count"):
        table.add_column(column)
    counts = Counter((r["topic"], r["kind"], r["status"]) for r in records)
    for (topic, kind, status), n in sorted(counts.items()):
        table.add_row(topic, kind, status, str(n))
    Console().print(table)


def _evaluation(outcome: backtest.Outcome, labels: list[dict[str, Any]]) -> None:
    from monitor.detection.evaluate import evaluate

    report = evaluate(outcome.events, labels)
    Console().print(report.table())
    for line in report.misses[:20]:
        err.print(line, markup=False, highlight=False)
    if len(report.misses) > 20:
        err.print(f"... {len(report.misses) - 20} more", markup=False)


def _sweep(variants: list[backtest.Variant], per_value: list[list[Any]], name: str,
           labels: list[dict[str, Any]] | None) -> None:
    from monitor.detection.evaluate import evaluate

    table = Table(title=f"Sweep of {name}")
    for column in (name, "alerts fired", "crisis precision", "crisis recall", "median delay (min)"):
        table.add_column(column)
    for variant, events in zip(variants, per_value, strict=True):
        outcome = backtest.apply_rules(events, variant.config, variant.rules)
        fired = outcome.fired_events() if variant.rules is not None else outcome.events
        row = [f"{variant.value:g}", str(len(fired))]
        if labels is not None:
            summary = evaluate(fired, labels).to_dict()["classes"].get("crisis", {})
            row += [_fmt(summary.get("precision")), _fmt(summary.get("recall")),
                    _fmt(summary.get("median_delay_minutes"))]
        else:
            row += ["-", "-", "-"]
        table.add_row(*row)
    Console().print(table)


def _fmt(value: Any) -> str:
    return "-" if value is None else f"{value:.2f}" if isinstance(value, float) else str(value)


def _notify(outcome: backtest.Outcome) -> None:
    from monitor.notify.replay import send_replay

    fired = [a for d in outcome.decisions for a in d.alerts if a.status.value == "fired"]
    sent = send_replay(fired, Settings.from_env())
    err.print(f"sent {sent} replayed alert(s) through the notifier")
    sys.stderr.flush()
