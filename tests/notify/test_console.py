"""The console notifier prints readable alerts and cannot be styled by mention text."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from monitor.notify.base import MessageRef, Notifier, Rendered
from monitor.notify.console import ConsoleNotifier, to_terminal
from monitor.notify.message import render_alert
from tests.notify.helpers import make_alert, make_mention, make_view


def test_protocol_and_counter_ts() -> None:
    """ConsoleNotifier is a Notifier; ts values count up; threads keep the channel."""
    notifier = ConsoleNotifier(Console(quiet=True))
    assert isinstance(notifier, Notifier)
    first = notifier.post("#a", Rendered("x"))
    second = notifier.post("#b", Rendered("y"), thread=first)
    assert (first, second) == (MessageRef("#a", "1.000000"), MessageRef("#a", "2.000000"))


def test_alert_readable_on_terminal(tmp_path: Path) -> None:
    """Header, links as label (url), decoded entities; rich markup in mentions is inert."""
    console = Console(record=True, width=120)
    notifier = ConsoleNotifier(console, chart_dir=tmp_path)
    view = make_view(
        alert=make_alert(topic="[bold red]ACME[/]"),
        top_mentions=[make_mention(1, title="Fire & <b>smoke</b>")],
    )
    ref = notifier.post("#vigie", render_alert(view))
    notifier.update(ref, render_alert(view))
    notifier.upload("#vigie", ref, "../chart.png", b"\x89PNG", "chart")
    out = console.export_text()
    assert "[bold red]ACME[/]" in out  # printed literally, not interpreted
    assert "Fire & <b>smoke</b> (https://ex.example/1)" in out
    assert "updated" in out and (tmp_path / "chart.png").read_bytes() == b"\x89PNG"


def test_to_terminal_user_mentions() -> None:
    """<@U123> shows as @U123; bold markers become bold."""
    assert to_terminal("*Owner:* <@U0CM>") == "[bold]Owner:[/bold] @U0CM"
