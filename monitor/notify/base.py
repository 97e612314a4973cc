"""The notifier contract: what every delivery channel (Slack, console) offers.

A notifier performs one Slack-like call and either returns or raises `NotifyError`
(`recoverable` says whether a retry can help, `retry_after` carries Slack's Retry-After).
It keeps no queue and does no retrying: the outbox (monitor/store/outbox.py) does that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True)
class MessageRef:
    """Where a posted message lives: its channel (ID as returned by Slack) and its ts."""

    channel: str
    ts: str


@dataclass(frozen=True)
class Rendered:
    """A message ready to send: `text` is the mandatory plain fallback, `blocks` the Block Kit."""

    text: str
    blocks: list[dict[str, Any]] | None = field(default=None, hash=False)


@runtime_checkable
class Notifier(Protocol):
    """One delivery channel. Every method raises `monitor.errors.NotifyError` on failure."""

    def post(self, channel: str, message: Rendered, thread: MessageRef | None = None) -> MessageRef:
        """Post `message` in `channel` (in `thread` when given); return where it landed."""
        ...

    def update(self, ref: MessageRef, message: Rendered) -> None:
        """Replace the content of the message at `ref`."""
        ...

    def upload(self, channel: str, thread: MessageRef | None, filename: str, content: bytes,
               title: str) -> None:
        """Upload a file (the chart PNG) to `channel`, in `thread` when given."""
        ...


@runtime_checkable
class KeyedNotifier(Notifier, Protocol):
    """A notifier that can tag a post with an idempotency key and find it again later.

    Slack has no idempotency key: after a lost answer (or a crash between sending and
    recording), the outbox asks `find_posted` before posting again. Optional: a notifier
    without it is simply re-sent (at-least-once)."""

    def post(self, channel: str, message: Rendered, thread: MessageRef | None = None,
             *, key: str | None = None) -> MessageRef:
        ...

    def find_posted(self, channel: str, key: str, thread: MessageRef | None = None,
                    oldest: float | None = None) -> MessageRef | None:
        """Where the message posted with `key` landed, or None if it never did."""
        ...
