"""ConsoleNotifier: the embedded default when no Slack token is set.

Prints a readable rendering of each message (rich panels) on the terminal; charts are
written as PNG files under `chart_dir` when given. Same protocol as SlackNotifier; the ts
is a counter, so updates and threads can be followed in the output.
"""

from __future__ import annotations

import html
import itertools
import re
import threading
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape as rich_escape
from rich.panel import Panel

from monitor.notify.base import MessageRef, Rendered

_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]*)>")
_USER = re.compile(r"<@([UW][A-Z0-9]+)>")
_DATE = re.compile(r"<!date\^\d+\^[^|<>]*\|([^<>]*)>")
_BOLD = re.compile(r"\*([^*\n]+)\*")


def to_terminal(mrkdwn: str) -> str:
    """Escaped Slack mrkdwn as plain terminal text: links as `label (url)`, entities decoded.
    Rich markup in the result is escaped, so mention text cannot style the terminal."""
    text = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", mrkdwn)
    text = _USER.sub(lambda m: f"@{m.group(1)}", text)
    text = _DATE.sub(lambda m: m.group(1), text)
    return _BOLD.sub(r"[bold]\1[/bold]", rich_escape(html.unescape(text)))


def render_blocks(message: Rendered) -> str:
    """The message as terminal text, block by block (the text fallback without blocks)."""
    if not message.blocks:
        return to_terminal(message.text)
    lines: list[str] = []
    for block in message.blocks:
        kind = block.get("type")
        if kind == "header":
            lines.append(f"[bold]{rich_escape(block['text']['text'])}[/bold]")
        elif kind == "section":
            if "text" in block:
                lines.append(to_terminal(block["text"]["text"]))
            for f in block.get("fields", []):
                lines.append("  " + to_terminal(f["text"]).replace("\n", ": ", 1))
        elif kind == "context":
            lines.append("[dim]" + " | ".join(to_terminal(e.get("text", ""))
                                             for e in block["elements"]) + "[/dim]")
        elif kind == "divider":
            lines.append("[dim]" + "─" * 40 + "[/dim]")
        elif kind == "actions":
            lines.append(" ".join(f"[reverse] {rich_escape(_label(e))} [/reverse]"
                                  for e in block["elements"]))
    return "\n".join(lines)


def _label(element: dict[str, Any]) -> str:
    if element.get("type") == "static_select":
        return str(element["placeholder"]["text"])
    return str(element.get("text", {}).get("text", ""))


class ConsoleNotifier:
    """Prints to `console` (stdout by default). Thread-safe counter for ts."""

    def __init__(self, console: Console | None = None, chart_dir: Path | None = None) -> None:
        self.console = console or Console()
        self.chart_dir = chart_dir
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    def _ts(self) -> str:
        with self._lock:
            return f"{next(self._seq)}.000000"

    def post(self, channel: str, message: Rendered, thread: MessageRef | None = None,
             *, key: str | None = None) -> MessageRef:
        ref = MessageRef(channel=thread.channel if thread else channel, ts=self._ts())
        where = f"{ref.channel} · ts {ref.ts}" + (f" · thread of {thread.ts}" if thread else "")
        self.console.print(Panel(render_blocks(message), title=rich_escape(where),
                                 title_align="left"))
        return ref

    def update(self, ref: MessageRef, message: Rendered) -> None:
        self.console.print(Panel(render_blocks(message), title_align="left",
                                 title=rich_escape(f"{ref.channel} · ts {ref.ts} · updated")))

    def upload(self, channel: str, thread: MessageRef | None, filename: str, content: bytes,
               title: str) -> None:
        where = thread.channel if thread else channel
        if self.chart_dir is not None:
            self.chart_dir.mkdir(parents=True, exist_ok=True)
            path = self.chart_dir / Path(filename).name
            path.write_bytes(content)
            note = f"saved to {path}"
        else:
            note = f"{len(content)} bytes, not saved"
        self.console.print(rich_escape(f"[{where}] file {title!r} ({filename}): {note}"))
