"""`vigie alert test`: post a realistic sample alert to check the Slack set-up in one command."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

import redis
import typer
from rich.console import Console

from monitor.config.settings import Settings
from monitor.errors import NotifyError
from monitor.notify.deliver import load_slack_settings, make_notifier
from monitor.notify.message import plain_title, render_alert
from monitor.notify.sample import sample_view
from monitor.notify.slack import SlackNotifier

err = Console(stderr=True, highlight=False)


def alert_test(channel: str | None, *, chart: bool = True, console: Console | None = None
               ) -> str:
    """Send the sample alert (and its chart, in the thread) through the configured notifier;
    returns "channel ts". Raises NotifyError with Slack's reason on failure."""
    settings = Settings.from_env()
    target = channel or load_slack_settings(settings).default_channels.get("high", "#vigie")
    notifier = make_notifier(settings, console=console)
    if isinstance(notifier, SlackNotifier):
        notifier.check()  # invalid_auth / not_authed before anything else
    view = sample_view(datetime.now(UTC), channel=target)
    ref = notifier.post(target, render_alert(view))
    if chart:
        from monitor.notify.chart import render_chart  # matplotlib: 0.4 s every CLI start

        notifier.upload(target, ref, "vigie-sample-chart.png",
                        render_chart(view.series, plain_title(view)), "Last 24 h (sample)")
    return f"{ref.channel} {ref.ts}"


def register(app: typer.Typer) -> None:
    alert_app = typer.Typer(help="Alerts: check delivery.", no_args_is_help=True)
    app.add_typer(alert_app, name="alert")

    @alert_app.command("test")
    def test(
        channel: Annotated[str | None, typer.Option(
            "--channel", "-c", help="Channel name or ID (default: the `high` default channel "
                                   "of vigie.yaml).")] = None,
        chart: Annotated[bool, typer.Option(help="Upload the chart into the thread.")] = True,
    ) -> None:
        """Post a realistic sample alert (Slack when SLACK_BOT_TOKEN is set, honouring
        SLACK_API_URL; the console otherwise) and print its channel and ts."""
        try:
            where = alert_test(channel, chart=chart)
        except NotifyError as exc:
            err.print(f"alert test failed: {exc}", markup=False)
            raise typer.Exit(1) from None
        typer.echo(f"sample alert posted: {where}")

    @alert_app.command("outbox")
    def outbox(
        retry: Annotated[list[str] | None, typer.Option(
            "--retry", help="Requeue this dead op (repeatable).")] = None,
    ) -> None:
        """Show the Slack outbox: ops waiting, and ops Slack refused for good with the
        reason; --retry ID requeues a dead op once the cause is fixed."""
        from monitor.store import connect
        from monitor.store.outbox import Outbox

        try:
            box = Outbox(connect(Settings.from_env()))
            for op_id in retry or []:
                done = box.requeue(op_id)
                typer.echo(f"{op_id}: {'requeued' if done else 'not a dead op'}")
            dead = box.dead()
            typer.echo(f"pending: {box.pending()}  dead: {len(dead)}")
            for record in dead:
                typer.echo(f"  {record.get('id')}  {record.get('action')}  "
                           f"{record.get('channel')}  {record.get('last_error', '')}")
        except (RuntimeError, redis.RedisError) as exc:
            err.print(f"outbox unavailable: {exc}", markup=False)
            raise typer.Exit(1) from None
