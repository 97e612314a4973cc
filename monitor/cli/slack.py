"""`vigie web`, `vigie playbooks check`, `vigie labels export`, `vigie incidents`."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from monitor.config.settings import Settings
from monitor.errors import ConfigError

playbooks_app = typer.Typer(help="Response playbooks.", no_args_is_help=True)
labels_app = typer.Typer(help="Feedback labels collected from Slack.", no_args_is_help=True)


def _playbooks_dir(settings: Settings) -> Path:
    if settings.playbooks_dir:
        return settings.playbooks_dir
    if settings.config_path.exists():
        from monitor.config.files import load_config

        config = load_config(settings.config_path)
        return config.resolve(config.playbooks_dir)
    return Path("playbooks")


def _role_overrides(settings: Settings) -> dict[str, list[str]]:
    if not settings.config_path.exists():
        return {}
    from monitor.config.files import load_config

    return dict(load_config(settings.config_path).playbook_roles)


def web(
    port: int = typer.Option(3000, "--port", "-p", help="Port of /slack/events."),
    host: str = typer.Option("0.0.0.0", "--host", help="Interface to listen on."),
    socket_mode: Annotated[bool | None, typer.Option(
        "--socket-mode/--http",
        help="Connect out over Socket Mode instead of listening (default: Socket Mode when "
        "SLACK_APP_TOKEN is set).")] = None,
) -> None:
    """Serve Slack's Request URL /slack/events (buttons, /vigie), or run Socket Mode."""
    from monitor.web.server import run_socket_mode, serve

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    settings = Settings.from_env()
    if socket_mode is None:
        socket_mode = settings.slack_app_token is not None
    try:
        if socket_mode:
            run_socket_mode(settings)
        else:
            serve(port, host, settings)
    except RuntimeError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


@playbooks_app.command("check")
def playbooks_check(
    directory: Annotated[Path | None, typer.Argument(
        help="Folder of playbooks (default: VIGIE_PLAYBOOKS_DIR or vigie.yaml's).")] = None,
) -> None:
    """Validate every playbook: fields, roles, durations, templates. Exit 1 on problems."""
    from monitor.playbooks import check_role_overrides, load_playbooks

    settings = Settings.from_env()
    folder = directory or _playbooks_dir(settings)
    try:
        found = load_playbooks(folder)
        overrides = _role_overrides(settings)
        if overrides:
            problems = check_role_overrides(overrides, found)
            if problems:
                raise ConfigError([f"{settings.config_path}: {p}" for p in problems])
    except ConfigError as exc:
        for problem in exc.problems:
            typer.echo(problem, err=True)
        typer.echo(f"{len(exc.problems)} problem(s)", err=True)
        raise typer.Exit(1) from None
    for name, playbook in sorted(found.items()):
        kinds = ",".join(k.value for k in playbook.triggers.kinds) or "any kind"
        typer.echo(f"ok  {name}: {len(playbook.steps)} steps, triggers {kinds} >= "
                   f"{playbook.triggers.severity_at_least.value}, escalation "
                   f"{' -> '.join(playbook.escalation.notify) or 'none'}")
    typer.echo(f"{len(found)} playbook(s) valid")


@labels_app.command("export")
def labels_export(
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="File to write (default stdout).")] = None,
) -> None:
    """Write feedback labels as [{topic, type, start, end}] (the backtest --labels format)."""
    from monitor.store import connect
    from monitor.store.incidents import IncidentStore

    labels = IncidentStore(connect(Settings.from_env())).labels()
    text = json.dumps(labels, indent=2, ensure_ascii=False) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"{len(labels)} label(s) written to {out}", err=True)


def incidents(
    all_: bool = typer.Option(False, "--all", help="Include resolved incidents."),
    limit: int = typer.Option(20, "--limit", help="At most this many, newest first."),
    report: str | None = typer.Option(None, "--report", help="Print the Markdown report of "
                                      "this incident id."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per incident, with "
                                 "its full timeline (for drills and dashboards)."),
) -> None:
    """List incidents (open ones by default), or print one's post-incident report."""
    from monitor.incidents import describe
    from monitor.report import render_markdown
    from monitor.store import connect
    from monitor.store.incidents import IncidentStore

    store = IncidentStore(connect(Settings.from_env()))
    now = datetime.now(UTC)
    if report is not None:
        found = store.get(report)
        if found is None:
            typer.echo(f"error: no incident {report!r}", err=True)
            raise typer.Exit(1)
        sys.stdout.write(render_markdown(found, now=now))
        return
    listed = store.recent(open_only=not all_, limit=limit)
    if as_json:
        for incident in listed:
            data = incident.to_dict()
            data.pop("last_alert", None)  # the alert itself is in the alert log
            data.pop("handled", None)
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        return
    if not listed:
        typer.echo("no incident" if all_ else "no open incident")
    for incident in listed:
        typer.echo(describe(incident, now))


def register(app: typer.Typer) -> None:
    app.command("web")(web)
    app.command("incidents")(incidents)
    app.add_typer(playbooks_app, name="playbooks")
    app.add_typer(labels_app, name="labels")
