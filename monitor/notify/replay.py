"""`vigie backtest --notify`: the fired alerts of a replay, sent through the configured notifier."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console

from monitor.config.settings import Settings
from monitor.model import Alert
from monitor.notify.deliver import load_slack_settings, make_notifier, post_replay


def send_replay(alerts: Iterable[Alert], settings: Settings, *, channel: str | None = None,
                pause: float = 1.0, console: Console | None = None) -> int:
    """Post each fired alert marked `[REPLAY]` (Slack when SLACK_BOT_TOKEN is set, else the
    console), to `channel` or its routed/default channel; returns how many posts were made.
    Raises NotifyError on the first failure: a replay is interactive, not queued."""
    slack = load_slack_settings(settings)
    notifier = make_notifier(settings, console=console)
    return len(post_replay(alerts, notifier, slack, channel=channel, pause=pause))
