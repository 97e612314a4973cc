"""`vigie run`, `vigie worker`, `vigie beat`, `vigie config check`, `vigie feeds`."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from monitor.config.files import load_config
from monitor.config.settings import Settings
from monitor.errors import ConfigError

console = Console(stderr=True)
ConfigOpt = Annotated[
    Path | None, typer.Option("--config", "-c", help="vigie.yaml (default: $VIGIE_CONFIG or ./vigie.yaml)")
]


def _settings(config: Path | None) -> Settings:
    if config is not None:
        os.environ["VIGIE_CONFIG"] = str(config)  # the worker processes inherit it
    return Settings.from_env()


def check_all(settings: Settings) -> list[str]:
    """Problems of vigie.yaml, then of the alert rules and playbooks it names: nothing
    starts unless every behaviour file is valid."""
    from monitor.playbooks import load_playbooks
    from monitor.rules.loader import RuleSet, playbook_names

    try:
        config = load_config(settings.config_path)
    except ConfigError as exc:
        return exc.problems
    problems: list[str] = []
    playbooks_dir = settings.playbooks_dir or config.resolve(config.playbooks_dir)
    rules_dir = settings.rules_dir or config.resolve(config.rules_dir)
    try:
        load_playbooks(playbooks_dir)
    except ConfigError as exc:
        problems += exc.problems
    try:
        known = playbook_names(playbooks_dir) if playbooks_dir.is_dir() else set()
        RuleSet.load(rules_dir, known_playbooks=known)
    except ConfigError as exc:
        problems += exc.problems
    return problems


def _check_or_exit(settings: Settings) -> None:
    problems = check_all(settings)
    if problems:
        for problem in problems:
            console.print(problem, markup=False, highlight=False, soft_wrap=True)
        console.print(f"[red]{len(problems)} problem(s): nothing started[/red]")
        raise typer.Exit(2)


def _celery(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    from monitor.embedded import _die_with_parent

    return subprocess.Popen(  # noqa: S603 - fixed argv
        [sys.executable, "-m", "celery", "-A", "workers.celery_app", *args],
        env=env, preexec_fn=_die_with_parent,
    )


def register(app: typer.Typer) -> None:
    config_app = typer.Typer(help="Check the configuration.", no_args_is_help=True)
    app.add_typer(config_app, name="config")

    @config_app.command("check")
    def config_check(config: ConfigOpt = None) -> None:
        """Validate vigie.yaml, its alert rules and playbooks; every problem as
        file:line: field: reason; exit 2 if any."""
        settings = _settings(config)
        _check_or_exit(settings)
        cfg = load_config(settings.config_path)
        console.print(
            f"[green]{settings.config_path}: OK[/green] - {len(cfg.topics)} topic(s), "
            f"{len(cfg.sources)} source(s), {len(cfg.planned_events)} planned event(s)"
        )

    @app.command()
    def run(
        config: ConfigOpt = None,
        demo: Annotated[bool, typer.Option(help="Serve bundled sample feeds on 127.0.0.1 and "
                                                 "watch them: the whole loop in a minute, offline.")] = False,
        concurrency: Annotated[int, typer.Option(help="Worker processes.")] = 2,
        duration: Annotated[float | None, typer.Option(
            "--for", help="Stop after this many seconds (default: until Ctrl-C).")] = None,
    ) -> None:
        """Run the whole monitor: (embedded) Redis, a worker with the beat scheduler, status."""
        from monitor.supervisor import Supervisor

        settings = _settings(config)
        supervisor = Supervisor(settings, demo=demo, concurrency=concurrency)
        if not demo:
            _check_or_exit(settings)
        code = supervisor.run(duration)
        raise typer.Exit(code)

    @app.command()
    def worker(
        config: ConfigOpt = None,
        concurrency: Annotated[int, typer.Option(help="Worker processes.")] = 2,
        queues: Annotated[str | None, typer.Option(help="Comma-separated queues.")] = None,
    ) -> None:
        """A Celery worker on $REDIS_URL (scale out: run one per machine)."""
        settings = _settings(config)
        if settings.embedded:
            console.print("[red]REDIS_URL is not set: `vigie worker` needs a shared Redis "
                          "(use `vigie run` for the embedded default)[/red]")
            raise typer.Exit(2)
        _check_or_exit(settings)
        args = ["worker", "-l", "INFO", "--concurrency", str(concurrency)]
        if queues:
            args += ["-Q", queues]
        raise typer.Exit(_celery(args, dict(os.environ)).wait())

    @app.command()
    def beat(config: ConfigOpt = None) -> None:
        """The Celery beat scheduler on $REDIS_URL (run exactly one)."""
        settings = _settings(config)
        if settings.embedded:
            console.print("[red]REDIS_URL is not set: `vigie beat` needs a shared Redis[/red]")
            raise typer.Exit(2)
        _check_or_exit(settings)
        schedule = settings.data_dir / "celerybeat-schedule"
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        raise typer.Exit(_celery(["beat", "-l", "INFO", "-s", str(schedule)], dict(os.environ)).wait())

    @app.command()
    def feeds(config: ConfigOpt = None) -> None:
        """Feed health: last success, last error and reason, failures, entries/day, staleness."""
        from monitor.health import FeedHealth
        from monitor.store import connect
        from monitor.store.state import JsonState

        settings = _settings(config)
        _check_or_exit(settings)
        cfg = load_config(settings.config_path)
        try:
            client = connect(settings)
            healths = JsonState(client, "health").load_all()
        except Exception as exc:  # noqa: BLE001 - one line for ops, not a traceback
            console.print(f"[red]cannot read feed health: {exc}[/red]")
            raise typer.Exit(1) from None
        now = time.time()
        table = Table(title="Feed health")
        for column in ("feed", "status", "last success", "last error", "failures",
                       "entries/day", "stale for"):
            table.add_column(column)
        for source in cfg.sources:
            raw = healths.get(source.name)
            if raw is None:
                table.add_row(source.name, "never polled", "-", "-", "0", "-", "-")
                continue
            table.add_row(source.name, *_health_row(FeedHealth.from_dict(raw), now))
        Console().print(table)


def _ago(epoch: float | None, now: float) -> str:
    from monitor.timeutil import format_duration

    return "-" if epoch is None else f"{format_duration(max(0.0, now - epoch))} ago"


def _health_row(health: object, now: float) -> tuple[str, ...]:
    from monitor.health import FeedHealth
    from monitor.timeutil import format_duration, from_epoch

    assert isinstance(health, FeedHealth)
    at = from_epoch(now)
    error = "-"
    if health.last_error is not None:
        error = f"{_ago(health.last_error, now)}: {health.last_error_reason or '?'}"
    rate = "-" if health.entries_per_day is None else f"{health.entries_per_day:.1f}"
    stale = health.staleness(at)
    return (
        health.status_at(at).value, _ago(health.last_success, now), error,
        str(health.consecutive_failures), rate,
        "-" if stale is None else format_duration(stale),
    )
