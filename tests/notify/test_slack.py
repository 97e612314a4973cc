"""SlackNotifier on the real slack_sdk client against the emulator."""

from __future__ import annotations

import pytest

from monitor.errors import NotifyError
from monitor.notify.base import KeyedNotifier, MessageRef, Notifier, Rendered
from monitor.notify.chart import render_chart
from monitor.notify.message import render_alert
from monitor.notify.slack import SlackNotifier
from tests.notify.helpers import make_series, make_view
from tests.slack_emulator import SlackEmulator


@pytest.fixture()
def notifier(slack_emulator: SlackEmulator) -> SlackNotifier:
    return SlackNotifier(slack_emulator.token, base_url=slack_emulator.api_url, timeout=5)


def test_implements_protocols(notifier: SlackNotifier) -> None:
    """SlackNotifier is a Notifier and a KeyedNotifier."""
    assert isinstance(notifier, Notifier) and isinstance(notifier, KeyedNotifier)


def test_post_update_reply_upload(notifier: SlackNotifier, slack_emulator: SlackEmulator) -> None:
    """An alert is posted, updated in place, answered in its thread, and its chart uploaded
    into the thread with files upload v2."""
    view = make_view(series=make_series())
    ref = notifier.post("#vigie", render_alert(view))
    assert ref.channel == slack_emulator.channel_id("vigie")
    view.acked_by = "U0CM"
    notifier.update(ref, render_alert(view))
    notifier.post("#vigie", Rendered(text="Acknowledged by <@U0CM>"), thread=ref)
    png = render_chart(view.series, "ACME")
    notifier.upload("#vigie", ref, "chart.png", png, "Last 24 h")
    top = slack_emulator.channel_messages("vigie")[0]
    assert top["ts"] == ref.ts and "<@U0CM>" in str(top["blocks"])
    thread = slack_emulator.thread("vigie", ref.ts)
    assert thread[0]["text"] == "Acknowledged by <@U0CM>"
    assert thread[1]["files"][0]["title"] == "Last 24 h"
    (upload,) = slack_emulator.uploads.values()
    assert upload["content"] == png and upload["thread_ts"] == ref.ts
    methods = [c.method for c in slack_emulator.calls]
    assert methods.index("files.getUploadURLExternal") < methods.index(
        "files.completeUploadExternal"
    )


def test_upload_without_thread_resolves_channel_name(
    notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """A chart for a channel named #vigie is completed with its channel ID."""
    notifier.upload("#vigie", None, "c.png", b"png", "t")
    (complete,) = slack_emulator.calls_of("files.completeUploadExternal")
    assert complete.args["channel_id"] == slack_emulator.channel_id("vigie")


def test_429_is_recoverable_with_retry_after(
    notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """HTTP 429 becomes a recoverable NotifyError carrying Retry-After; nothing posted."""
    slack_emulator.fail("chat.postMessage", status=429, retry_after=3)
    with pytest.raises(NotifyError) as err:
        notifier.post("#vigie", Rendered(text="x"))
    assert err.value.recoverable and err.value.retry_after == 3.0
    assert slack_emulator.channel_messages("vigie") == []


def test_500_and_network_errors_recoverable(
    notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """5xx and a dropped connection are recoverable, and the SDK does not retry on its own."""
    slack_emulator.fail("chat.postMessage", status=500)
    with pytest.raises(NotifyError) as server:
        notifier.post("#vigie", Rendered(text="x"))
    assert server.value.recoverable
    slack_emulator.drop("chat.postMessage")
    with pytest.raises(NotifyError) as dropped:
        notifier.post("#vigie", Rendered(text="once"))
    assert dropped.value.recoverable
    assert [m["text"] for m in slack_emulator.channel_messages("vigie")] == ["once"]


@pytest.mark.parametrize("error", ["invalid_auth", "channel_not_found", "not_in_channel"])
def test_permanent_errors_not_recoverable(
    notifier: SlackNotifier, slack_emulator: SlackEmulator, error: str
) -> None:
    """Errors a retry cannot fix are not recoverable and name Slack's error."""
    slack_emulator.fail("chat.postMessage", error=error)
    with pytest.raises(NotifyError) as err:
        notifier.post("#vigie", Rendered(text="x"))
    assert not err.value.recoverable and error in str(err.value)


def test_invalid_blocks_reported(notifier: SlackNotifier) -> None:
    """A message Slack refuses is a permanent error with Slack's explanation."""
    bad = Rendered(
        text="t", blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}]
    )
    with pytest.raises(NotifyError) as err:
        notifier.post("#vigie", bad)
    assert not err.value.recoverable and "invalid_blocks" in str(err.value)


def test_find_posted_by_key(notifier: SlackNotifier, slack_emulator: SlackEmulator) -> None:
    """A keyed post is found again in channel history and in a thread; others are not."""
    top = notifier.post("#vigie", Rendered(text="a"), key="op-1")
    reply = notifier.post("#vigie", Rendered(text="b"), thread=top, key="op-2")
    assert notifier.find_posted("#vigie", "op-1") == top
    assert notifier.find_posted("#vigie", "op-2", thread=top) == reply
    assert notifier.find_posted("#vigie", "op-3") is None
    assert notifier.find_posted("#missing", "op-1") is None


def test_token_never_in_errors(slack_emulator: SlackEmulator) -> None:
    """A failing call's error message does not contain the token."""
    secret = "xoxb-very-secret-value"
    notifier = SlackNotifier(secret, base_url=slack_emulator.api_url)
    with pytest.raises(NotifyError) as err:
        notifier.post("#vigie", Rendered(text="x"))
    assert "invalid_auth" in str(err.value) and secret not in repr(err.value)


def test_ref_is_message_ref(notifier: SlackNotifier) -> None:
    """post returns a MessageRef with Slack's channel ID and ts."""
    ref = notifier.post("vigie", Rendered(text="x"))
    assert isinstance(ref, MessageRef) and ref.channel.startswith("C") and "." in ref.ts


def test_token_not_in_debug_logs(
    slack_emulator: SlackEmulator, caplog: pytest.LogCaptureFixture
) -> None:
    """Even with slack_sdk debug logging on, the bot token is never written to the logs."""
    import logging

    caplog.set_level(logging.DEBUG, logger="slack_sdk")
    caplog.set_level(logging.DEBUG, logger="slack_sdk.web.base_client")
    notifier = SlackNotifier(slack_emulator.token, base_url=slack_emulator.api_url)
    ref = notifier.post("#vigie", Rendered(text="x"))
    notifier.upload("#vigie", ref, "c.png", b"png", "t")
    assert "Sending a request" in caplog.text  # debug logging did happen
    assert slack_emulator.token not in caplog.text


def test_error_code_exposed(notifier: SlackNotifier, slack_emulator: SlackEmulator) -> None:
    """Slack's error code is available to the outbox as `code`."""
    from monitor.notify.slack import SlackCallError

    slack_emulator.fail("chat.postMessage", error="msg_blocks_too_long")
    with pytest.raises(SlackCallError) as err:
        notifier.post("#vigie", Rendered(text="x"))
    assert err.value.code == "msg_blocks_too_long" and not err.value.recoverable


def test_text_only_update_replaces_blocks(
    notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """update() with a text-only message clears the old blocks (no stale buttons)."""
    ref = notifier.post("#vigie", render_alert(make_view()))
    notifier.update(ref, Rendered(text="resolved"))
    message = slack_emulator.channel_messages("vigie")[0]
    assert message["text"] == "resolved" and message["blocks"] == []


def test_find_posted_pages_through_busy_channel(
    notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """The keyed post is found even when 450 newer messages push it to the third page."""
    target = notifier.post("#vigie", Rendered(text="alert"), key="op-old")
    for i in range(450):
        notifier.post("#vigie", Rendered(text=f"chatter {i}"))
    assert notifier.find_posted("#vigie", "op-old") == target
    assert len(slack_emulator.calls_of("conversations.history")) == 3
