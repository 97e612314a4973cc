"""Fixtures of the response tests: the Slack emulator, a Responder on real Redis wired to
the real outbox, and a helper that drains the outbox into the emulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from monitor.notify.slack import SlackNotifier
from monitor.playbooks import load_playbooks
from monitor.respond import Responder
from monitor.store.incidents import IncidentStore
from monitor.store.outbox import Outbox
from tests.slack_emulator import SlackEmulator, slack_emulator  # noqa: F401 - fixture

ROOT = Path(__file__).resolve().parents[2]
ROLES = {"community_manager": ["U0CM"], "comms_lead": ["U0LEAD"], "executive": ["S0EXEC"]}


class Rig:
    """A Responder whose outbox is drained into the emulator on demand."""

    def __init__(self, responder: Responder, outbox: Outbox, emulator: SlackEmulator):
        self.responder, self.outbox, self.emulator = responder, outbox, emulator
        self.notifier = SlackNotifier(emulator.token, base_url=emulator.api_url, timeout=5)
        self.clock = 1_800_000_000.0

    def drain(self) -> None:
        # Stepping the drain clock past the 1 message/s channel gate keeps tests fast.
        for _ in range(200):
            if self.outbox.pending() == 0:
                return
            self.clock += 2
            self.outbox.drain(self.notifier, now=self.clock)
        raise AssertionError("outbox did not drain")

    def main(self, channel: str = "#crisis") -> dict[str, Any]:
        return [m for m in self.emulator.channel_messages(channel) if not m.get("thread_ts")
                or m["thread_ts"] == m["ts"]][0]

    def replies(self, channel: str = "#crisis") -> list[dict[str, Any]]:
        return self.emulator.thread(channel, self.main(channel)["ts"])


@pytest.fixture()
def rig(redis_client: Any, slack_emulator: SlackEmulator, tmp_path: Path) -> Iterator[Rig]:  # noqa: F811
    outbox = Outbox(redis_client)
    responder = Responder(
        store=IncidentStore(redis_client), outbox=outbox,
        playbooks=load_playbooks(ROOT / "playbooks"),
        default_channels={"low": "#vigie", "medium": "#vigie", "high": "#vigie-alerts",
                          "critical": "#vigie-alerts"},
        role_members=ROLES, reports_dir=tmp_path / "reports",
    )
    yield Rig(responder, outbox, slack_emulator)
