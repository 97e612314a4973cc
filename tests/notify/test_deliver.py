"""Alert ops, channel choice, replay sending and the drain loop of the Celery task."""

from __future__ import annotations

import random

import redis

from monitor.model import Route
from monitor.notify.base import Rendered
from monitor.notify.deliver import alert_ops, channels_for, post_replay
from monitor.notify.settings import SlackSettings
from monitor.notify.slack import SlackNotifier
from monitor.store.outbox import Outbox, OutboxOp, rendered_payload
from tests.notify.helpers import make_alert, make_series, make_view
from tests.slack_emulator import SlackEmulator
from workers.notify_tasks import drain_for


def test_channels_route_else_default() -> None:
    """Routed channels win; otherwise the severity's default channel."""
    alert = make_alert()
    assert channels_for(alert, SlackSettings()) == ("#vigie-alerts",)
    routed = type(alert)(
        **{**{f: getattr(alert, f) for f in alert.__slots__}, "route": Route(channels=("#crisis",))}
    )
    assert channels_for(routed, SlackSettings()) == ("#crisis",)


def test_alert_ops_idempotent_ids() -> None:
    """One post and one chart per channel, ids derived from the alert id."""
    ops = alert_ops(make_view(series=make_series()), ["#a", "#b"])
    assert [(o.action, o.channel) for o in ops] == [
        ("post_alert", "#a"),
        ("upload_chart", "#a"),
        ("post_alert", "#b"),
        ("upload_chart", "#b"),
    ]
    assert ops[0].id == "a1:post_alert:#a" and ops[0].incident == "ACME:ep1"
    again = alert_ops(make_view(series=make_series()), ["#a", "#b"])
    assert [o.id for o in again] == [o.id for o in ops]
    assert [o.action for o in alert_ops(make_view(), ["#a"], update=True)] == ["update_alert"]


def test_post_replay_marks_alerts(slack_emulator: SlackEmulator) -> None:
    """Replayed alerts are posted with [REPLAY] in their header."""
    notifier = SlackNotifier(slack_emulator.token, base_url=slack_emulator.api_url)
    refs = post_replay(
        [make_alert(alert_id="r1"), make_alert(alert_id="r2")],
        notifier,
        SlackSettings(),
        channel="#vigie",
        pause=0,
    )
    assert len(refs) == 2
    for message in slack_emulator.channel_messages("vigie"):
        assert "[REPLAY]" in message["blocks"][0]["text"]["text"]


def test_drain_loop_paces_and_finishes(
    redis_client: redis.Redis, slack_emulator: SlackEmulator
) -> None:
    """The task's loop sends three posts to one channel about a second apart, then stops."""
    outbox = Outbox(redis_client, per_channel_interval=0.3, rng=random.Random(1))
    for i in range(3):
        outbox.enqueue(
            OutboxOp(f"o{i}", f"i{i}", "#vigie", "post_alert", rendered_payload(Rendered(f"m{i}")))
        )
    notifier = SlackNotifier(slack_emulator.token, base_url=slack_emulator.api_url)
    sent, next_due = drain_for(outbox, notifier, budget=10)
    assert sent == 3 and next_due is None
    times = [c.at for c in slack_emulator.calls_of("chat.postMessage")]
    assert all(b - a >= 0.25 for a, b in zip(times, times[1:], strict=False))


def test_send_replay_from_settings(slack_emulator: SlackEmulator, tmp_path: object) -> None:
    """send_replay (the backtest hook) posts through Slack when a token is configured."""
    from pathlib import Path

    from monitor.config.settings import Settings
    from monitor.notify.replay import send_replay

    settings = Settings.from_env(
        {
            "SLACK_BOT_TOKEN": slack_emulator.token,
            "SLACK_API_URL": slack_emulator.api_url,
            "VIGIE_CONFIG": str(Path(str(tmp_path)) / "none.yaml"),
        }
    )
    assert send_replay([make_alert()], settings, pause=0) == 1
    (message,) = slack_emulator.channel_messages("vigie-alerts")
    assert "[REPLAY]" in message["text"]
