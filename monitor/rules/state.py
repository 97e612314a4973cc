"""RuleState: what the rule engine remembers between calls, as plain JSON-able data.

The caller loads it, passes it to RuleEngine.evaluate/tick (which mutate it) and saves it;
monitor/store/silences.py keeps it in Redis, a backtest keeps it in memory.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class GroupState:
    """One (rule, group key): the condition's progress and what was last sent."""

    rule: str
    topic: str
    episode: str = ""
    pending_since: float | None = None  # epoch seconds the condition started to hold
    current: dict[str, Any] | None = None  # last matching EpisodeEvent (to_dict), None if not
    decided: str | None = None  # state key of the last decision past `for`
    recorded: str | None = None  # "status|key" last recorded, so ticks record changes only
    sent_key: str | None = None  # "episode|kind|severity" last fired
    sent_at: float | None = None
    sent_episode: str | None = None
    sent_severity: str | None = None
    sent_route: dict[str, Any] | None = None  # route that got it, for the resolution


@dataclass(slots=True)
class RuleState:
    groups: dict[str, GroupState] = field(default_factory=dict)
    # Inhibition sources: rule -> topic -> episode while the rule is active there.
    active: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "groups": {key: asdict(group) for key, group in self.groups.items()},
            "active": {rule: dict(topics) for rule, topics in self.active.items() if topics},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> RuleState:
        data = data or {}
        groups = {key: GroupState(**value) for key, value in (data.get("groups") or {}).items()}
        active = {rule: dict(topics) for rule, topics in (data.get("active") or {}).items()}
        return cls(groups=groups, active=active)
