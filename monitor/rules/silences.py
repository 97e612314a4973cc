"""Silences: mute alerts matching topic / rule / label globs for a while. Pure matching;
persistence lives in monitor/store/silences.py. A silenced alert is still recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from fnmatch import fnmatchcase
from typing import Any

from monitor.timeutil import iso, parse_instant


@dataclass(frozen=True, slots=True)
class Silence:
    """Mutes alerts whose topic, rule and labels all match, from `starts` until `ends`.

    Matchers are globs (`acme-*`); an empty matcher matches anything, but a silence needs
    at least one (checked by `validate`).
    """

    id: str
    starts: datetime
    ends: datetime
    reason: str
    author: str
    created_at: datetime
    topic: str | None = None
    rule: str | None = None
    labels: dict[str, str] = field(default_factory=dict)

    def validate(self) -> None:
        """Raises ValueError when the silence could never be meant as written."""
        if not (self.topic or self.rule or self.labels):
            raise ValueError("a silence needs a topic, a rule or a label to match")
        if self.ends <= self.starts:
            raise ValueError("a silence must end after it starts")
        if not self.reason.strip():
            raise ValueError("a silence needs a reason")
        if not self.author.strip():
            raise ValueError("a silence needs an author")

    def active(self, now: datetime) -> bool:
        return self.starts <= now < self.ends

    def matches(self, topic: str, rule: str | None, labels: dict[str, str]) -> bool:
        """True when every matcher matches (labels: the key exists and its value matches)."""
        if self.topic is not None and not fnmatchcase(topic, self.topic):
            return False
        if self.rule is not None and not fnmatchcase(rule or "", self.rule):
            return False
        return all(
            key in labels and fnmatchcase(labels[key], pattern)
            for key, pattern in self.labels.items()
        )

    def describe(self) -> str:
        parts = []
        if self.topic:
            parts.append(f"topic={self.topic}")
        if self.rule:
            parts.append(f"rule={self.rule}")
        parts.extend(f"{k}={v}" for k, v in sorted(self.labels.items()))
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "starts": iso(self.starts), "ends": iso(self.ends),
            "reason": self.reason, "author": self.author, "created_at": iso(self.created_at),
            "topic": self.topic, "rule": self.rule, "labels": dict(self.labels),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Silence:
        return cls(
            id=str(data["id"]),
            starts=parse_instant(data["starts"]),
            ends=parse_instant(data["ends"]),
            reason=str(data.get("reason", "")),
            author=str(data.get("author", "")),
            created_at=parse_instant(data.get("created_at") or data["starts"]),
            topic=data.get("topic"),
            rule=data.get("rule"),
            labels=dict(data.get("labels") or {}),
        )


def matching_silence(
    silences: list[Silence] | tuple[Silence, ...],
    topic: str,
    rule: str | None,
    labels: dict[str, str],
    now: datetime,
) -> Silence | None:
    """The first silence active at `now` that matches, or None."""
    for silence in silences:
        if silence.active(now) and silence.matches(topic, rule, labels):
            return silence
    return None
