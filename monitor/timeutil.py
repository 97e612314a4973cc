"""Durations and instants: one syntax (`90s`, `15m`, `1h30m`, `2d`, `1w`) parsed in one place.

Pure helpers: nothing here reads the clock.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_DURATION = re.compile(r"(\d+(?:\.\d+)?)([smhdw])")


def parse_duration(value: str | int | float) -> float:
    """Return seconds for `15m`, `1h30m`, `2d` or a bare number of seconds.

    Raises ValueError with a message fit for a config error.
    """
    if isinstance(value, bool):
        raise ValueError("expected a duration such as 90s, 15m, 1h30m or 2d")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError("a duration cannot be negative")
        return float(value)
    text = str(value).strip().lower().replace(" ", "")
    if not text:
        raise ValueError("empty duration")
    pos, total = 0, 0.0
    for match in _DURATION.finditer(text):
        if match.start() != pos:
            break
        total += float(match.group(1)) * _UNITS[match.group(2)]
        pos = match.end()
    if pos != len(text) or pos == 0:
        raise ValueError(f"invalid duration {value!r}: expected e.g. 90s, 15m, 1h30m, 2d or 1w")
    return total


def format_duration(seconds: float) -> str:
    """Render seconds the way people write them: `1h30m`, `45s`, `2d`."""
    seconds = int(round(seconds))
    if seconds == 0:
        return "0s"
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60), ("s", 1)):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)


def to_epoch(value: datetime) -> float:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def from_epoch(value: float) -> datetime:
    return datetime.fromtimestamp(value, tz=UTC)


def parse_instant(value: str | datetime) -> datetime:
    """ISO 8601 to an aware UTC datetime; a naive value is taken as UTC."""
    if isinstance(value, datetime):
        dt = value
    else:
        text = value.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def iso(value: datetime | float) -> str:
    """ISO 8601 in UTC with a `Z`, seconds precision: the one format Vigie writes."""
    if not isinstance(value, datetime):
        value = from_epoch(value)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def floor_to(epoch: float, width: int) -> int:
    """Start of the bucket of `width` seconds holding `epoch` (UTC-aligned)."""
    return int(epoch // width) * width
