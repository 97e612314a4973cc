"""Small builders shared by the rule tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from monitor.model import EpisodeEvent, Kind, Severity, Transition
from monitor.rules.loader import RuleSet

T0 = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)  # a Monday, 13:00 in Paris


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def event(minutes: float, kind: str = "crisis", severity: str = "high", topic: str = "acme",
          episode: str = "e1", transition: str | None = None, **indicators: float) -> EpisodeEvent:
    kind_ = Kind(kind)
    if transition is None:
        transition = "resolved" if kind_ == Kind.RESOLVED else "updated"
    return EpisodeEvent(topic=topic, episode=episode, episode_start=T0, at=at(minutes),
                        kind=kind_, transition=Transition(transition), severity=Severity(severity),
                        summary="s", indicators=dict(indicators))


def rules(text: str) -> RuleSet:
    return RuleSet.from_texts({"rules.yaml": text})
