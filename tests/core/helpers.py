"""Small builders shared by the core tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from monitor.model import Mention

T0 = datetime(2026, 11, 2, tzinfo=UTC)


def mention(n: int, minutes: float, text: str = "Acme cereal is nice", *, source: str = "s1",
            author: str | None = None, url: str = "", source_type: str = "social",
            topics: tuple[str, ...] | None = None) -> Mention:
    return Mention(
        id=f"{source}-{n}", published=T0 + timedelta(minutes=minutes), source=source,
        source_type=source_type, author=author if author is not None else f"user{n}",
        url=url, title="", text=text, topics=topics,
    )
