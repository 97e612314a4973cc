"""Builders of alerts, mentions and views for notify tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from monitor.model import (
    Alert,
    AlertStatus,
    BucketStats,
    EpisodeEvent,
    Evidence,
    Kind,
    Mention,
    Severity,
    Transition,
)
from monitor.notify.message import AlertView

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def make_alert(
    topic: str = "ACME",
    summary: str = "Negative surge",
    *,
    alert_id: str = "a1",
    evidence: tuple[Evidence, ...] = (),
    indicators: dict[str, float] | None = None,
    severity: Severity = Severity.HIGH,
    kind: Kind = Kind.CRISIS,
) -> Alert:
    event = EpisodeEvent(
        topic=topic,
        episode="ep1",
        episode_start=NOW - timedelta(hours=1),
        at=NOW,
        kind=kind,
        transition=Transition.OPENED,
        severity=severity,
        summary=summary,
        evidence=evidence,
        indicators=indicators or {},
    )
    return Alert(
        id=alert_id,
        rule="r1",
        event=event,
        severity=severity,
        status=AlertStatus.FIRED,
        group_key=f"{topic}:ep1",
    )


def make_mention(
    i: int, *, title: str = "", url: str = "", author: str = "a", source_type: str = "social"
) -> Mention:
    return Mention(
        id=f"m{i}",
        published=NOW,
        source="src",
        source_type=source_type,
        author=author,
        url=url or f"https://ex.example/{i}",
        title=title or f"Mention {i}",
        text="body",
    )


def make_series(hours: int = 24, width: int = 300, volume: int = 5) -> list[BucketStats]:
    end = int(NOW.timestamp())
    n = hours * 3600 // width
    return [
        BucketStats(
            topic="ACME",
            start=end - (n - i) * width,
            width=width,
            volume=volume,
            negative=volume // 2,
            positive=1,
            neutral=volume - volume // 2 - 1,
            compound_sum=-0.3 * volume,
        )
        for i in range(n)
    ]


def make_view(**kwargs: object) -> AlertView:
    alert = kwargs.pop("alert", None) or make_alert()
    return AlertView(alert=alert, **kwargs)  # type: ignore[arg-type]
