"""From an alert to Slack calls: notifier choice, channels, outbox ops, replays.

`alert_ops` is pure (what to enqueue); `make_notifier` reads settings; `post_replay`
posts directly (a backtest has no incident to keep in order and no outbox to share).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from rich.console import Console

from monitor.config.files import load_config
from monitor.config.settings import Settings
from monitor.errors import ConfigError
from monitor.model import Alert, AlertStatus
from monitor.notify.base import MessageRef, Notifier
from monitor.notify.console import ConsoleNotifier
from monitor.notify.message import AlertView, plain_title, render_alert
from monitor.notify.settings import SlackSettings
from monitor.notify.slack import SlackNotifier
from monitor.store.outbox import OutboxOp, chart_payload, rendered_payload

log = logging.getLogger(__name__)


def load_slack_settings(settings: Settings) -> SlackSettings:
    """The `slack:` section of vigie.yaml; defaults when the file is absent or invalid
    (`vigie config check` reports the problems; delivery must not stop for them)."""
    if not settings.config_path.exists():
        return SlackSettings()
    try:
        return load_config(settings.config_path).slack
    except ConfigError as exc:
        log.warning("%s invalid (%d problem(s)): default Slack settings used",
                    settings.config_path, len(exc.problems))
        return SlackSettings()


def make_notifier(settings: Settings, *, console: Console | None = None) -> Notifier:
    """Slack when SLACK_BOT_TOKEN is set (at SLACK_API_URL), else the console notifier
    (charts saved under VIGIE_DATA_DIR/charts)."""
    if settings.slack_bot_token is not None:
        return SlackNotifier(settings.slack_bot_token, base_url=settings.slack_api_url)
    return ConsoleNotifier(console, chart_dir=Path(settings.data_dir) / "charts")


def channels_for(alert: Alert, slack: SlackSettings) -> tuple[str, ...]:
    """The alert's routed channels, else the default channel of its severity."""
    if alert.route.channels:
        return alert.route.channels
    default = slack.default_channels.get(alert.severity.value)
    return (default,) if default else ()


def alert_ops(view: AlertView, channels: Iterable[str], *, charts: bool = True,
              update: bool = False) -> list[OutboxOp]:
    """Ops posting (or, with `update`, updating) the alert in each channel, then its chart
    in the thread. Op ids derive from the alert id, so enqueueing twice sends once."""
    alert = view.alert
    rendered = rendered_payload(render_alert(view))
    incident = view.incident_id
    action = "update_alert" if update else "post_alert"
    ops = []
    for channel in channels:
        ops.append(OutboxOp(f"{alert.id}:{action}:{channel}", incident, channel, action,
                            rendered))
        if charts and view.series and not update:
            ops.append(OutboxOp(f"{alert.id}:chart:{channel}", incident, channel,
                                "upload_chart",
                                chart_payload(view.series, plain_title(view),
                                              filename=f"vigie-{_slug(incident)}.png")))
    return ops


def post_replay(alerts: Iterable[Alert], notifier: Notifier, slack: SlackSettings, *,
                view_for: Callable[[Alert], AlertView] | None = None,
                channel: str | None = None, pause: float = 1.0) -> list[MessageRef]:
    """Post the fired alerts of a replay (`vigie backtest --notify`), each marked as a
    replay, to `channel` or their routed/default channels, pausing `pause` seconds between
    posts (Slack's per-channel pace). Raises NotifyError on the first failure."""
    refs: list[MessageRef] = []
    for alert in alerts:
        if alert.status is not AlertStatus.FIRED:
            continue
        view = view_for(alert) if view_for else AlertView(alert=alert)
        view.replay = True
        for target in (channel,) if channel else channels_for(alert, slack):
            if refs and pause:
                time.sleep(pause)
            refs.append(notifier.post(target, render_alert(view)))
    return refs


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text)[:60] or "chart"
