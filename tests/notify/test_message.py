"""The alert message stays within every Block Kit limit and escapes all mention text."""

from __future__ import annotations

import re
from typing import Any

import pytest
from slack_sdk import WebClient

from monitor.model import Evidence, Severity
from monitor.notify import blocks as bk
from monitor.notify.message import AlertView, indicator_lines, render_alert, render_mentions
from tests.notify.helpers import make_alert, make_mention, make_series, make_view
from tests.slack_emulator import SlackEmulator, block_errors, blocks_chars

HOSTILE = "<!channel> <!here> <@U999> <https://evil.example|bank> & <b>"
# What the renderer itself may emit: http(s) links, a real acker (U0CM), Slack dates.
LINK = re.compile(r"<https?://[^<>|\s]+\|[^<>]*>|<@U0CM>|<!date\^\d+\^[^|<>]*\|[^<>]*>")


def _texts(node: Any) -> list[str]:
    """Every `text` string in a Block Kit tree."""
    if isinstance(node, dict):
        own = [node["text"]] if isinstance(node.get("text"), str) else []
        return own + [t for v in node.values() for t in _texts(v)]
    if isinstance(node, list):
        return [t for v in node for t in _texts(v)]
    return []


def _assert_inert(blocks: list[dict[str, Any]], text: str) -> None:
    """Outside well-formed http(s) links, no `<` may open a Slack control sequence."""
    for t in [*_texts(blocks), text]:
        stripped = LINK.sub("", t)
        assert "<" not in stripped and ">" not in stripped, t[:200]
        assert "<!" not in LINK.sub("", t) and "<@U999" not in t and "<https://evil" not in t


def _huge_view() -> AlertView:
    emoji = "🔥🫖👨‍👩‍👧é"
    evidence = tuple(Evidence(f"f{i}", 1.0, 0.5, ">=", HOSTILE + emoji * 50) for i in range(300))
    alert = make_alert(
        topic="T" * 10_000 + HOSTILE,
        summary=(HOSTILE + emoji) * 1_000,
        evidence=evidence,
        alert_id="x" * 5_000,
        indicators={f"ind_{i}{HOSTILE}": i * 1.5 for i in range(100)},
    )
    mentions = [
        make_mention(
            i,
            title=(HOSTILE + emoji) * 400,
            author=HOSTILE * 50,
            url=f"https://ex.example/{i}?q=" + "|>" * 500,
        )
        for i in range(200)
    ]
    return AlertView(
        alert=alert,
        incident="i" * 5_000,
        acked_by=HOSTILE,
        owner="U0CM",
        playbook=HOSTILE * 100,
        series=make_series(),
        top_mentions=mentions,
        by_source_type={f"type{i}{HOSTILE}" * 20: i for i in range(1_000)},
    )


def test_huge_input_within_every_limit() -> None:
    """10k-char texts, 200 mentions, 300 signals, 1,000 source types: all limits hold."""
    message = render_alert(_huge_view())
    assert message.blocks is not None
    assert block_errors(message.blocks) == []
    assert len(message.blocks) <= bk.MAX_BLOCKS
    assert blocks_chars(message.blocks) <= bk.MAX_BLOCKS_CHARS
    assert 0 < len(message.text) <= bk.TEXT_FALLBACK
    kinds = [b["type"] for b in message.blocks]
    assert kinds[0] == "header" and "actions" in kinds  # essentials survive


def test_huge_input_accepted_by_emulator(slack_emulator: SlackEmulator) -> None:
    """The real slack_sdk client posts the huge message; the emulator accepts it."""
    message = render_alert(_huge_view())
    client = WebClient(
        token=slack_emulator.token, base_url=slack_emulator.api_url, retry_handlers=[]
    )
    assert client.chat_postMessage(channel="#vigie", text=message.text, blocks=message.blocks)["ok"]


def test_hostile_strings_inert_everywhere() -> None:
    """Topic, summary, evidence, mentions, authors, playbook, source types: all escaped."""
    message = render_alert(_huge_view())
    _assert_inert(message.blocks or [], message.text)
    small = make_view(
        alert=make_alert(topic=HOSTILE, summary=HOSTILE),
        top_mentions=[
            make_mention(1, title=HOSTILE, author=HOSTILE, url="https://x.example/a|<!channel>")
        ],
        by_source_type={HOSTILE: 3},
        playbook=HOSTILE,
        acked_by=HOSTILE,
    )
    rendered = render_alert(small)
    _assert_inert(rendered.blocks or [], rendered.text)
    assert "&lt;!channel&gt;" in rendered.text


def test_anatomy_of_a_normal_alert() -> None:
    """Header holds severity, kind and topic; mentions are linked; buttons carry the incident."""
    view = make_view(
        series=make_series(),
        top_mentions=[make_mention(i) for i in range(3)],
        by_source_type={"social": 7, "news": 2},
        playbook="product_recall",
    )
    message = render_alert(view)
    blocks = message.blocks or []
    header = blocks[0]["text"]["text"]
    assert "HIGH" in header and "Crisis" in header and "ACME" in header
    body = "\n".join(_texts(blocks))
    assert "<https://ex.example/0|Mention 0>" in body
    assert "*By source type:* social 7 · news 2" in body
    actions = [b for b in blocks if b["type"] == "actions"]
    ids = [e["action_id"] for b in actions for e in b["elements"]]
    assert ids == [
        "vigie:ack",
        "vigie:own",
        "vigie:playbook",
        "vigie:escalate",
        "vigie:snooze",
        "vigie:resolve",
        "vigie:feedback:crisis",
        "vigie:feedback:bad_buzz",
        "vigie:feedback:false_alarm",
    ]
    assert actions[0]["block_id"] == "vigie:actions:ACME:ep1"
    snooze = actions[0]["elements"][4]
    assert [o["value"] for o in snooze["options"]] == ["1h", "4h", "24h"]
    assert all(e.get("value") == "ACME:ep1" for e in actions[1]["elements"])


def test_status_changes_the_buttons() -> None:
    """Acknowledged: no Acknowledge button, who acked shown; resolved: feedback only."""
    acked = render_alert(make_view(acked_by="U0CM", status="acknowledged"))
    ids = [
        e["action_id"] for b in acked.blocks or [] if b["type"] == "actions" for e in b["elements"]
    ]
    assert "vigie:ack" not in ids and "vigie:resolve" in ids
    assert any("<@U0CM>" in t for t in _texts(acked.blocks))
    resolved = render_alert(make_view(resolved=True, resolved_by="U0CM"))
    ids = [
        e["action_id"]
        for b in resolved.blocks or []
        if b["type"] == "actions"
        for e in b["elements"]
    ]
    assert ids == ["vigie:feedback:crisis", "vigie:feedback:bad_buzz", "vigie:feedback:false_alarm"]
    assert "[RESOLVED]" in (resolved.blocks or [])[0]["text"]["text"]


def test_replay_marked() -> None:
    """A replayed alert says so in its header and footer."""
    message = render_alert(make_view(replay=True))
    assert "[REPLAY]" in (message.blocks or [])[0]["text"]["text"]
    assert "[REPLAY]" in message.text


def test_indicators_against_baseline() -> None:
    """The last hour is compared with the median hour before it."""
    series = make_series(volume=5)
    for b in series[-12:]:  # last hour: 4x volume
        b.volume = 20
    lines = indicator_lines(series)
    assert lines[0] == "*Volume (last hour)*\n240  (baseline 60/h, ×4.0)"
    assert indicator_lines([]) == []


@pytest.mark.parametrize("severity", list(Severity))
def test_every_severity_renders(severity: Severity) -> None:
    """Every severity has an icon and renders."""
    assert render_alert(make_view(alert=make_alert(severity=severity))).blocks


def test_fit_drops_optional_blocks_first() -> None:
    """Too many blocks: dividers then optional blocks go, essentials stay in order."""
    parts = [bk.Part(bk.header("h"), bk.ESSENTIAL)]
    parts += [bk.Part(bk.divider(), bk.OPTIONAL) for _ in range(5)]
    parts += [bk.Part(bk.section(f"s{i}"), bk.OPTIONAL) for i in range(50)]
    parts += [bk.Part(bk.section("last"), bk.ESSENTIAL)]
    out = bk.fit(parts)  # 57 blocks: 5 dividers go, then the 2 latest optional sections
    assert len(out) == bk.MAX_BLOCKS and out[0]["type"] == "header"
    texts = [b["text"]["text"] for b in out[1:]]
    assert texts[-2:] == ["s47", "last"] and texts[0] == "s0"


def test_new_mentions_thread_message() -> None:
    """The thread message of new mentions is escaped and within limits."""
    message = render_mentions([make_mention(i, title=HOSTILE * 100) for i in range(50)])
    assert block_errors(message.blocks or []) == []
    _assert_inert(message.blocks or [], message.text)


def test_indicator_shares_and_distinct_counts() -> None:
    """Negative share and sentiment compare last hour with before; authors are distinct."""
    series = make_series(volume=4)  # each bucket: 2 negative, 1 positive, 1 neutral
    for b in series[:-12]:
        b.compound_sum = 0.0
    for i, b in enumerate(series[-12:]):
        b.negative, b.positive, b.neutral, b.compound_sum = 4, 0, 0, -2.0
        b.authors = {"same": 1, f"a{i}": 1}
        b.sources = {"feed": 2}
    lines = indicator_lines(series)
    assert lines[1] == "*Negative share*\n100%  (baseline 50%)"
    assert lines[2] == "*Mean sentiment*\n-0.50  (baseline +0.00)"
    assert lines[3] == "*Distinct authors*\n13" and lines[4] == "*Sources*\n1"


def test_footer_mentions_chart_only_when_uploaded() -> None:
    """The footer points to the thread's chart only when one is uploaded."""

    def footer(view: AlertView) -> str:
        return str((render_alert(view).blocks or [])[-1])

    assert "chart of the last 24 h" in footer(make_view(series=make_series()))
    assert "chart of" not in footer(make_view(series=make_series(), chart_in_thread=False))
    assert "chart of" not in footer(make_view())


def test_times_in_reader_time_zone() -> None:
    """Footer times use Slack date formatting with the UTC time as fallback."""
    footer = str((render_alert(make_view()).blocks or [])[-1])
    assert "<!date^1795694400^{date_short_pretty} {time}|2026-11-26T12:00:00Z>" in footer
