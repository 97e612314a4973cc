"""The Source contract: one `fetch(state, now)` that never raises for a bad document.

A source turns its input (an HTTP feed, a JSONL file...) into Mentions plus the state to
keep for the next poll (ETag, Last-Modified, byte offset, failures and backoff). The
caller stores `FetchState` between polls (`to_dict`/`from_dict` are JSON-safe) and feeds
`FetchResult` to `monitor.health.record`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from datetime import datetime
from typing import Any, ClassVar, Literal, Protocol, runtime_checkable

from monitor.model import Mention
from monitor.timeutil import to_epoch

FetchStatus = Literal["ok", "not_modified", "error"]


@dataclass(frozen=True, slots=True)
class FetchState:
    """What a source remembers between polls of one feed.

    `next_poll_at` is an epoch: the poller should not fetch before it (it already holds
    the poll interval, or the backoff after failures, or the server's Retry-After).
    `offset` is the byte offset a file source resumes from (`line` lines into the file).
    """

    etag: str | None = None
    last_modified: str | None = None
    consecutive_failures: int = 0
    next_poll_at: float = 0.0
    last_url: str | None = None
    offset: int = 0
    line: int = 0  # lines read up to `offset`, so errors name the file's line number

    def due(self, now: datetime) -> bool:
        """True when a poll at `now` respects the interval and any backoff."""
        return to_epoch(now) >= self.next_poll_at

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> FetchState:
        """Rebuild from `to_dict` output; unknown keys are ignored and missing ones take
        their defaults, so a state saved by an older version still loads."""
        if not data:
            return cls()
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in names}
        for key in ("consecutive_failures", "offset", "line"):
            if key in values:
                values[key] = int(values[key] or 0)
        if "next_poll_at" in values:
            values["next_poll_at"] = float(values["next_poll_at"] or 0.0)
        return cls(**values)

    def evolve(self, **changes: Any) -> FetchState:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """What one feed document holds. `error` set: nothing could be read (not a feed,
    unreadable bytes). `warning` set: the document had a problem but its entries are
    kept. Both None: a clean read (possibly of a feed with no entries)."""

    mentions: list[Mention] = field(default_factory=list)
    warning: str | None = None
    error: str | None = None
    feed_title: str | None = None
    format: str = ""  # feedparser's version (rss20, atom10...) or json1/json1.1


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The outcome of one poll.

    status: "ok" (mentions parsed, possibly none), "not_modified" (HTTP 304), "error"
    (nothing usable; `error` holds a one-line reason). `warning` reports a document that
    was read despite a problem (malformed XML, wrong charset): its entries are kept.
    """

    status: FetchStatus
    state: FetchState
    mentions: list[Mention] = field(default_factory=list)
    http_status: int | None = None
    bytes: int = 0
    warning: str | None = None
    error: str | None = None
    retry_after: float | None = None
    feed_title: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "error"


@runtime_checkable
class Source(Protocol):
    """A place mentions come from. `fetch` must return, never raise, for any input it
    cannot read: status "error" with the reason marks that one feed unhealthy."""

    kind: ClassVar[str]

    def fetch(self, state: FetchState, now: datetime) -> FetchResult: ...
