"""`vigie alert test` against the emulator, and on the console without a token."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from monitor.cli.app import app
from tests.slack_emulator import SlackEmulator

runner = CliRunner()


@pytest.fixture()
def slack_env(
    monkeypatch: pytest.MonkeyPatch, slack_emulator: SlackEmulator, tmp_path: Path
) -> SlackEmulator:
    monkeypatch.setenv("SLACK_BOT_TOKEN", slack_emulator.token)
    monkeypatch.setenv("SLACK_API_URL", slack_emulator.api_url)
    monkeypatch.setenv("VIGIE_CONFIG", str(tmp_path / "absent.yaml"))
    return slack_emulator


def test_posts_sample_alert_and_chart(slack_env: SlackEmulator) -> None:
    """The sample alert lands in the channel with its chart in the thread; ts is printed."""
    result = runner.invoke(app, ["alert", "test", "--channel", "#crisis"])
    assert result.exit_code == 0, result.output
    (top, chart_message) = slack_env.channel_messages("crisis")
    assert f"{slack_env.channel_id('crisis')} {top['ts']}" in result.output
    assert chart_message["thread_ts"] == top["ts"] and chart_message["files"]
    body = str(top["blocks"])
    assert "&lt;!channel&gt;" in body and "<!channel>" not in body  # hostile sample inert
    assert "[DRILL]" in top["text"]


def test_default_channel_from_settings(slack_env: SlackEmulator) -> None:
    """Without --channel the `high` default channel (#vigie-alerts) is used."""
    result = runner.invoke(app, ["alert", "test", "--no-chart"])
    assert result.exit_code == 0, result.output
    assert len(slack_env.channel_messages("vigie-alerts")) == 1


def test_unknown_channel_exits_1(slack_env: SlackEmulator) -> None:
    """A channel the bot cannot post to: exit 1 and Slack's reason on one line."""
    result = runner.invoke(app, ["alert", "test", "--channel", "#nowhere"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "alert test failed: chat.postMessage: channel_not_found"
    ]


def test_bad_token_exits_1(slack_env: SlackEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong token: exit 1 with invalid_auth, and the token is not printed."""
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-wrong-secret")
    result = runner.invoke(app, ["alert", "test", "--channel", "#vigie"])
    assert result.exit_code == 1 and "invalid_auth" in result.output
    assert "xoxb-wrong-secret" not in result.output
    assert slack_env.channel_messages("vigie") == []


def test_console_without_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No SLACK_BOT_TOKEN: the alert is printed on the terminal and the chart saved."""
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    monkeypatch.setenv("VIGIE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("VIGIE_CONFIG", str(tmp_path / "absent.yaml"))
    result = runner.invoke(app, ["alert", "test", "--channel", "#vigie"])
    assert result.exit_code == 0, result.output
    assert (
        "ACME Kettle" in result.output and "sample alert posted: #vigie 1.000000" in result.output
    )
    assert (tmp_path / "charts" / "vigie-sample-chart.png").read_bytes().startswith(b"\x89PNG")


def test_outbox_command_lists_and_requeues(
    monkeypatch: pytest.MonkeyPatch, redis_url: str, slack_emulator: SlackEmulator
) -> None:
    """`vigie alert outbox` shows dead ops with Slack's reason and requeues on --retry."""
    import redis as redis_lib

    from monitor.notify.base import Rendered
    from monitor.notify.slack import SlackNotifier
    from monitor.store.outbox import Outbox, OutboxOp, rendered_payload

    monkeypatch.setenv("REDIS_URL", redis_url)
    box = Outbox(redis_lib.Redis.from_url(redis_url))
    box.enqueue(OutboxOp("op-1", "inc", "#nowhere", "post_alert", rendered_payload(Rendered("x"))))
    box.drain(SlackNotifier(slack_emulator.token, base_url=slack_emulator.api_url), 1e9)
    listed = runner.invoke(app, ["alert", "outbox"])
    assert listed.exit_code == 0
    assert "dead: 1" in listed.output and "op-1" in listed.output
    assert "channel_not_found" in listed.output
    retried = runner.invoke(app, ["alert", "outbox", "--retry", "op-1"])
    assert "op-1: requeued" in retried.output and "pending: 1  dead: 0" in retried.output
