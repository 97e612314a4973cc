"""The emulator behaves like Slack where the notifier depends on it (real slack_sdk client)."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.slack_emulator import SlackEmulator


def _client(emu: SlackEmulator, token: str | None = None) -> WebClient:
    # No built-in retries: slack_sdk retries a dropped connection once by default, which
    # is exactly the duplicate-post case these tests need to see.
    return WebClient(token=token or emu.token, base_url=emu.api_url, timeout=5, retry_handlers=[])


def test_post_update_thread_and_history(slack_emulator: SlackEmulator) -> None:
    """A post returns the channel ID and ts; update edits it; a reply lands in its thread."""
    client = _client(slack_emulator)
    sent = client.chat_postMessage(
        channel="#vigie",
        text="hello",
        metadata={"event_type": "vigie_op", "event_payload": {"op": "a"}},
    )
    cid, ts = sent["channel"], sent["ts"]
    assert cid == slack_emulator.channel_id("vigie")
    client.chat_update(channel=cid, ts=ts, text="edited")
    client.chat_postMessage(channel=cid, text="reply", thread_ts=ts)
    assert slack_emulator.channel_messages(cid)[0]["text"] == "edited"
    assert [m["text"] for m in slack_emulator.thread(cid, ts)] == ["reply"]
    history = client.conversations_history(channel=cid, include_all_metadata=True)
    assert history["messages"][0]["metadata"]["event_payload"] == {"op": "a"}


def test_files_upload_v2_into_thread(slack_emulator: SlackEmulator) -> None:
    """files_upload_v2 goes through the three steps and shares the file in the thread."""
    client = _client(slack_emulator)
    sent = client.chat_postMessage(channel="#vigie", text="alert")
    client.files_upload_v2(
        channel=sent["channel"],
        thread_ts=sent["ts"],
        filename="c.png",
        content=b"\x89PNG....",
        title="chart",
    )
    (upload,) = slack_emulator.uploads.values()
    assert upload["content"] == b"\x89PNG...." and upload["thread_ts"] == sent["ts"]
    assert slack_emulator.thread(sent["channel"], sent["ts"])[0]["files"][0]["title"] == "chart"


def test_auth_and_unknown_channel(slack_emulator: SlackEmulator) -> None:
    """A wrong token gets invalid_auth and an unknown channel channel_not_found."""
    with pytest.raises(SlackApiError) as bad_auth:
        _client(slack_emulator, "xoxb-wrong").auth_test()
    assert bad_auth.value.response["error"] == "invalid_auth"
    with pytest.raises(SlackApiError) as missing:
        _client(slack_emulator).chat_postMessage(channel="#nope", text="x")
    assert missing.value.response["error"] == "channel_not_found"


def test_block_kit_limits_enforced(slack_emulator: SlackEmulator) -> None:
    """Over-long section text is invalid_blocks; too much content is msg_blocks_too_long."""
    client = _client(slack_emulator)
    long_section = [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}]
    with pytest.raises(SlackApiError) as invalid:
        client.chat_postMessage(channel="#vigie", text="t", blocks=long_section)
    assert invalid.value.response["error"] == "invalid_blocks"
    assert "/blocks/0/text/text" in invalid.value.response["errors"][0]
    many = [{"type": "section", "text": {"type": "mrkdwn", "text": "y" * 2900}}] * 5
    with pytest.raises(SlackApiError) as too_long:
        client.chat_postMessage(channel="#vigie", text="t", blocks=many)
    assert too_long.value.response["error"] == "msg_blocks_too_long"
    with pytest.raises(SlackApiError) as no_text, pytest.warns(UserWarning):  # sdk warns too
        client.chat_postMessage(channel="#vigie", blocks=[{"type": "divider"}])
    assert no_text.value.response["error"] == "no_text"
    assert slack_emulator.channel_messages("vigie") == []


def test_faults_429_500_and_drop(slack_emulator: SlackEmulator) -> None:
    """429 carries Retry-After, 500 is a server error, a dropped call still posts."""
    client = _client(slack_emulator)
    slack_emulator.fail("chat.postMessage", status=429, retry_after=7)
    with pytest.raises(SlackApiError) as limited:
        client.chat_postMessage(channel="#vigie", text="x")
    assert limited.value.response.status_code == 429
    assert limited.value.response.headers["Retry-After"] == "7"
    slack_emulator.fail("chat.postMessage", status=500)
    with pytest.raises(SlackApiError) as server:
        client.chat_postMessage(channel="#vigie", text="x")
    assert server.value.response.status_code == 500
    slack_emulator.drop("chat.postMessage")
    with pytest.raises(Exception):  # noqa: B017 - urllib raises one of several connection errors
        client.chat_postMessage(channel="#vigie", text="dropped")
    assert [m["text"] for m in slack_emulator.channel_messages("vigie")] == ["dropped"]


def test_views_open_needs_live_trigger(slack_emulator: SlackEmulator) -> None:
    """views.open accepts an issued trigger id and refuses an unknown one."""
    client = _client(slack_emulator)
    view = {"type": "modal", "title": {"type": "plain_text", "text": "Snooze"}, "blocks": []}
    assert client.views_open(trigger_id=slack_emulator.issue_trigger_id(), view=view)["ok"]
    with pytest.raises(SlackApiError) as bad:
        client.views_open(trigger_id="nope", view=view)
    assert bad.value.response["error"] == "invalid_trigger_id"


def test_update_without_blocks_keeps_them(slack_emulator: SlackEmulator) -> None:
    """As Slack documents: chat.update without `blocks` keeps them, `[]` removes them."""
    client = _client(slack_emulator)
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "b"}}]
    sent = client.chat_postMessage(channel="#vigie", text="t", blocks=blocks)
    client.chat_update(channel=sent["channel"], ts=sent["ts"], text="t2")
    assert slack_emulator.channel_messages("vigie")[0]["blocks"] == blocks
    client.chat_update(channel=sent["channel"], ts=sent["ts"], text="t3", blocks=[])
    assert slack_emulator.channel_messages("vigie")[0]["blocks"] == []


def test_wait_for_messages(slack_emulator: SlackEmulator) -> None:
    """wait_for_messages returns as soon as enough messages arrived, or after the timeout."""
    import threading

    client = _client(slack_emulator)
    timer = threading.Timer(0.2, lambda: client.chat_postMessage(channel="#vigie", text="late"))
    timer.start()
    assert [m["text"] for m in slack_emulator.wait_for_messages("vigie", 1, 5)] == ["late"]
    assert len(slack_emulator.wait_for_messages("vigie", 2, 0.2)) == 1
