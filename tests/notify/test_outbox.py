"""The Redis outbox delivers through the real SlackNotifier to the emulator, losing nothing."""

from __future__ import annotations

import random

import pytest
import redis
from rich.console import Console

from monitor.notify.base import MessageRef, Rendered
from monitor.notify.console import ConsoleNotifier
from monitor.notify.message import render_alert
from monitor.notify.slack import SlackNotifier
from monitor.store.outbox import Outbox, OutboxOp, chart_payload, rendered_payload
from tests.notify.helpers import make_series, make_view
from tests.slack_emulator import SlackEmulator

T0 = 1_800_000_000.0


@pytest.fixture()
def notifier(slack_emulator: SlackEmulator) -> SlackNotifier:
    return SlackNotifier(slack_emulator.token, base_url=slack_emulator.api_url, timeout=5)


@pytest.fixture()
def outbox(redis_client: redis.Redis) -> Outbox:
    return Outbox(redis_client, rng=random.Random(7))


def text_op(
    op_id: str,
    incident: str = "inc1",
    channel: str = "#vigie",
    action: str = "post_alert",
    text: str | None = None,
) -> OutboxOp:
    return OutboxOp(op_id, incident, channel, action, rendered_payload(Rendered(text or op_id)))


def texts(emu: SlackEmulator, channel: str = "vigie") -> list[str]:
    return [m["text"] for m in emu.channel_messages(channel)]


def test_enqueue_is_idempotent(
    outbox: Outbox, notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """The same id is accepted once, and never sent again once sent."""
    assert outbox.enqueue(text_op("a"))
    assert not outbox.enqueue(text_op("a"))
    assert outbox.drain(notifier, T0).sent == 1
    assert not outbox.enqueue(text_op("a"))
    assert outbox.drain(notifier, T0 + 5).sent == 0
    assert texts(slack_emulator) == ["a"] and outbox.status("a")["state"] == "sent"


def test_alert_lifecycle_in_place_and_in_thread(
    outbox: Outbox, notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """post_alert, upload_chart, update_alert, reply: one message updated, the rest threaded."""
    view = make_view(series=make_series())
    outbox.enqueue(
        OutboxOp("p", "inc1", "#vigie", "post_alert", rendered_payload(render_alert(view)))
    )
    outbox.enqueue(
        OutboxOp(
            "c", "inc1", "#vigie", "upload_chart", chart_payload(view.series, "ACME, last 24 h")
        )
    )
    view.acked_by = "U0CM"
    outbox.enqueue(
        OutboxOp("u", "inc1", "#vigie", "update_alert", rendered_payload(render_alert(view)))
    )
    outbox.enqueue(text_op("r", action="reply", text="Acknowledged by <@U0CM>"))
    now, sent = T0, 0
    while outbox.pending():
        sent += outbox.drain(notifier, now).sent
        now += 1.0
    assert sent == 4
    ref = outbox.ref("inc1", "#vigie")
    assert ref is not None and outbox.ref("inc1", ref.channel) == ref
    (top,) = [m for m in slack_emulator.channel_messages("vigie") if "thread_ts" not in m]
    assert top["ts"] == ref.ts and top["edited"] and "<@U0CM>" in str(top["blocks"])
    thread = slack_emulator.thread("vigie", ref.ts)
    assert thread[0]["files"][0]["title"] == "ACME, last 24 h"
    assert thread[1]["text"] == "Acknowledged by <@U0CM>"
    (upload,) = slack_emulator.uploads.values()
    assert upload["content"].startswith(b"\x89PNG")


def test_429_waits_for_retry_after(
    outbox: Outbox, notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """A 429 is retried no sooner than Retry-After, then sent once."""
    slack_emulator.fail("chat.postMessage", status=429, retry_after=30)
    outbox.enqueue(text_op("a"))
    first = outbox.drain(notifier, T0)
    assert first.retried == 1 and first.sent == 0 and first.next_due >= T0 + 30
    assert outbox.drain(notifier, T0 + 20).sent == 0
    assert outbox.drain(notifier, T0 + 31).sent == 1
    assert texts(slack_emulator) == ["a"]
    assert "ratelimited" in outbox.status("a")["last_error"]


def test_500_retried_with_backoff(
    outbox: Outbox, notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """Two 500s are retried with growing delays, then the message goes out once."""
    slack_emulator.fail("chat.postMessage", status=500, times=2)
    outbox.enqueue(text_op("a"))
    r1 = outbox.drain(notifier, T0)
    delay1 = r1.next_due - T0
    r2 = outbox.drain(notifier, r1.next_due)
    delay2 = r2.next_due - r1.next_due
    assert r1.retried == r2.retried == 1 and 1.0 <= delay1 <= 2.0 and 2.0 <= delay2 <= 4.0
    assert outbox.drain(notifier, r2.next_due).sent == 1
    assert texts(slack_emulator) == ["a"]


def test_no_duplicate_after_dropped_connection(
    outbox: Outbox, notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """Slack posted but the answer was lost: the retry finds the post instead of re-posting."""
    slack_emulator.drop("chat.postMessage")
    outbox.enqueue(text_op("a"))
    outbox.enqueue(text_op("b", action="reply"))
    first = outbox.drain(notifier, T0)
    assert first.retried == 1 and texts(slack_emulator) == ["a"]
    second = outbox.drain(notifier, first.next_due + 1)
    assert second.recovered == 1 and second.sent == 1
    ref = outbox.ref("inc1", "#vigie")
    assert ref is not None and ref.ts == slack_emulator.channel_messages("vigie")[0]["ts"]
    outbox.drain(notifier, first.next_due + 3)
    assert texts(slack_emulator) == ["a", "b"]
    assert slack_emulator.thread("vigie", ref.ts)[0]["text"] == "b"


class CrashAfterPost:
    """Posts for real, then dies before the outbox can record it (a killed worker)."""

    def __init__(self, inner: SlackNotifier) -> None:
        self.inner = inner

    def post(
        self,
        channel: str,
        message: Rendered,
        thread: MessageRef | None = None,
        *,
        key: str | None = None,
    ) -> MessageRef:
        self.inner.post(channel, message, thread, key=key)
        raise KeyboardInterrupt("worker killed")

    def update(self, ref: MessageRef, message: Rendered) -> None:
        raise AssertionError

    def upload(
        self, channel: str, thread: MessageRef | None, filename: str, content: bytes, title: str
    ) -> None:
        raise AssertionError

    def find_posted(
        self, channel: str, key: str, thread: MessageRef | None = None, oldest: float | None = None
    ) -> MessageRef | None:
        return self.inner.find_posted(channel, key, thread, oldest)


def test_crash_between_sent_and_marked(
    redis_client: redis.Redis, notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """A worker killed after Slack posted: the in-flight op is found in history, not re-sent."""
    outbox = Outbox(redis_client)
    outbox.enqueue(text_op("a"))
    with pytest.raises(KeyboardInterrupt):
        outbox.drain(CrashAfterPost(notifier), T0)
    assert outbox.status("a")["state"] == "inflight"
    report = Outbox(redis_client).drain(notifier, T0 + 2)  # a fresh process
    assert report.recovered == 1 and report.sent == 1
    assert texts(slack_emulator) == ["a"] and outbox.status("a")["state"] == "sent"


def test_order_kept_per_incident_only(
    outbox: Outbox, notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """A failing op holds back later ops of its incident, not those of other incidents."""
    slack_emulator.fail("chat.postMessage", status=500)  # hits A's first op
    outbox.enqueue(text_op("a1", incident="A", channel="#vigie"))
    outbox.enqueue(text_op("a2", incident="A", channel="#vigie", action="reply"))
    outbox.enqueue(text_op("b1", incident="B", channel="#crisis"))
    report = outbox.drain(notifier, T0)
    assert report.retried == 1 and report.sent == 1
    assert texts(slack_emulator, "crisis") == ["b1"] and texts(slack_emulator) == []
    now = T0
    while outbox.pending():
        now += 1.5
        outbox.drain(notifier, now)
    assert texts(slack_emulator) == ["a1", "a2"]


def test_rate_limit_one_per_second_per_channel(
    outbox: Outbox, notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """Five alerts to one channel go out one per second; another channel is not held up."""
    for i in range(5):
        outbox.enqueue(text_op(f"v{i}", incident=f"i{i}"))
    outbox.enqueue(text_op("c0", incident="other", channel="#crisis"))
    report = outbox.drain(notifier, T0)
    assert report.sent == 2 and report.deferred == 4
    sent_at = {}
    now = T0
    while outbox.pending():
        now += 0.25
        outbox.drain(notifier, now)
    for i in range(5):
        sent_at[i] = float(outbox.status(f"v{i}")["sent_at"])
    gaps = sorted(sent_at.values())
    assert all(b - a >= 1.0 for a, b in zip(gaps, gaps[1:], strict=False))
    assert sorted(texts(slack_emulator)) == [f"v{i}" for i in range(5)]


def test_emulator_rate_limit_respected(redis_client: redis.Redis) -> None:
    """Against an emulator answering 429 under 1 s/channel, draining never hits a 429."""
    emu = SlackEmulator(channel_interval=0.9).start()
    try:
        outbox = Outbox(redis_client)
        notifier = SlackNotifier(emu.token, base_url=emu.api_url, timeout=5)
        for i in range(3):
            outbox.enqueue(text_op(f"v{i}", incident=f"i{i}"))
        import time

        deadline = time.time() + 10
        while outbox.pending() and time.time() < deadline:
            outbox.drain(notifier, time.time())
            time.sleep(0.1)
        assert texts(emu) == ["v0", "v1", "v2"]
        assert all(c.status == 200 for c in emu.calls_of("chat.postMessage"))
    finally:
        emu.stop()


def test_permanent_failure_goes_dead_and_incident_moves_on(
    outbox: Outbox, notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """channel_not_found is not retried; the op is dead and the next op still goes out
    (a reply whose alert never posted goes top level)."""
    slack_emulator.fail("chat.postMessage", error="not_in_channel")
    outbox.enqueue(text_op("a"))
    outbox.enqueue(text_op("b", action="reply"))
    outbox.drain(notifier, T0)
    outbox.drain(notifier, T0 + 2)
    assert outbox.status("a")["state"] == "dead"
    assert [d["id"] for d in outbox.dead()] == ["a"]
    assert texts(slack_emulator) == ["b"] and outbox.pending() == 0


def test_second_post_alert_updates_the_message(
    outbox: Outbox, notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """One message per incident and channel: a new post_alert edits the existing one."""
    outbox.enqueue(text_op("first"))
    outbox.enqueue(text_op("second"))
    outbox.drain(notifier, T0)
    outbox.drain(notifier, T0 + 2)
    assert texts(slack_emulator) == ["second"]


def test_console_notifier_drains(outbox: Outbox) -> None:
    """A notifier without history lookup (console) is drained the same way."""
    console = Console(record=True, width=100)
    outbox.enqueue(text_op("a", text="<!channel> hello"))
    outbox.enqueue(text_op("b", action="reply", text="in thread"))
    outbox.drain(ConsoleNotifier(console), T0)
    outbox.drain(ConsoleNotifier(console), T0 + 2)
    out = console.export_text()
    assert "<!channel> hello" in out and "thread of 1.000000" in out


def test_bad_action_rejected() -> None:
    """An unknown action is refused at construction, not at send time."""
    with pytest.raises(ValueError, match="unknown outbox action"):
        OutboxOp("x", "i", "#c", "tweet", {})


def test_concurrent_drainers_send_each_op_once(
    redis_url: str, notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """Four drainers at once: every op sent exactly once, in order within each incident."""
    import threading

    setup = Outbox(redis.Redis.from_url(redis_url), per_channel_interval=0)
    for inc in range(6):
        setup.enqueue(text_op(f"{inc}-0", incident=f"i{inc}", channel="#vigie"))
        for n in range(1, 4):
            setup.enqueue(
                text_op(f"{inc}-{n}", incident=f"i{inc}", channel="#vigie", action="reply")
            )

    def work() -> None:
        box = Outbox(redis.Redis.from_url(redis_url), per_channel_interval=0)
        mine = SlackNotifier(slack_emulator.token, base_url=slack_emulator.api_url)
        while box.pending():
            box.drain(mine, T0, limit=3)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    sent = texts(slack_emulator)
    assert sorted(sent) == sorted(f"{i}-{n}" for i in range(6) for n in range(4))
    for inc in range(6):
        assert [s for s in sent if s.startswith(f"{inc}-")] == [f"{inc}-{n}" for n in range(4)]


def test_refused_blocks_fall_back_to_text(
    outbox: Outbox, notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """Blocks Slack refuses (invalid_blocks) do not lose the message: its text goes alone."""
    bad = Rendered(
        text="fallback",
        blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}],
    )
    outbox.enqueue(OutboxOp("a", "inc1", "#vigie", "post_alert", rendered_payload(bad)))
    assert outbox.drain(notifier, T0).sent == 1
    (message,) = slack_emulator.channel_messages("vigie")
    assert message["text"] == "fallback" and not message.get("blocks")
    assert outbox.ref("inc1", "#vigie") is not None


def test_requeue_dead_op(
    outbox: Outbox, notifier: SlackNotifier, slack_emulator: SlackEmulator
) -> None:
    """A dead op, once the cause is fixed, is requeued and sent; others are refused."""
    slack_emulator.fail("chat.postMessage", error="not_in_channel")
    outbox.enqueue(text_op("a"))
    outbox.drain(notifier, T0)
    assert outbox.status("a")["state"] == "dead"
    assert outbox.requeue("a") and not outbox.requeue("a") and not outbox.requeue("zzz")
    assert outbox.dead() == [] and outbox.drain(notifier, T0 + 2).sent == 1
    assert texts(slack_emulator) == ["a"]
