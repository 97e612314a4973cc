"""Builders shared by the response tests: alerts at fixed times, signed Slack requests."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.parse
from datetime import UTC, datetime, timedelta

from monitor.model import (
    Alert,
    AlertStatus,
    EpisodeEvent,
    Kind,
    Route,
    Severity,
    Transition,
)

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SECRET = "test-signing-secret"


def alert(
    n: int = 1, *, kind: Kind = Kind.CRISIS, severity: Severity = Severity.HIGH,
    transition: Transition = Transition.OPENED, minutes: float = 0, topic: str = "acme",
    episode: str = "acme-ep1", playbook: str | None = None, summary: str = "Volume x6",
    channels: tuple[str, ...] = ("#crisis",), drill: bool = False, at: datetime | None = None,
) -> Alert:
    """A fired alert of episode `episode`, `minutes` after T0 (or at `at`)."""
    event = EpisodeEvent(
        topic=topic, episode=episode, episode_start=T0 - timedelta(minutes=30),
        at=at or T0 + timedelta(minutes=minutes), kind=kind, transition=transition,
        severity=severity, summary=summary, indicators={"volume": 60.0 + n, "negative_share": 0.7},
        drill=drill,
    )
    return Alert(id=f"al-{episode}-{n}", rule="topic_crisis", event=event, severity=severity,
                 status=AlertStatus.FIRED, route=Route(channels, playbook, ()))


def sign(body: bytes, secret: str = SECRET, ts: int | None = None) -> dict[str, str]:
    """Slack's v0 signature headers for `body`."""
    stamp = str(int(time.time()) if ts is None else ts)
    base = b"v0:" + stamp.encode() + b":" + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}",
            "Content-Type": "application/x-www-form-urlencoded"}


def button_body(action_id: str, value: str, user: str = "U1", action_ts: str = "1.1",
                response_url: str = "https://hooks.slack.invalid/actions/x") -> bytes:
    """A block_actions interaction as Slack posts it (form field `payload`)."""
    payload = {
        "type": "block_actions", "user": {"id": user, "username": "u"},
        "api_app_id": "A1", "token": "legacy", "trigger_id": f"trig-{action_ts}",
        "team": {"id": "T1"}, "channel": {"id": "C1"},
        "container": {"type": "message", "message_ts": "100.1", "channel_id": "C1"},
        "message": {"ts": "100.1", "text": "alert"},
        "response_url": response_url,
        "actions": [{"action_id": action_id, "block_id": "b1", "value": value,
                     "type": "button", "action_ts": action_ts}],
    }
    return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()


def command_body(text: str, user: str = "U1", trigger: str = "t1") -> bytes:
    """A /vigie slash command as Slack posts it."""
    return urllib.parse.urlencode({
        "command": "/vigie", "text": text, "user_id": user, "team_id": "T1",
        "channel_id": "C1", "trigger_id": trigger, "token": "legacy",
        "response_url": "https://hooks.slack.invalid/commands/x",
    }).encode()
