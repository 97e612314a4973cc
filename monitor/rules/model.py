"""Alert rule files as pydantic models: each model validates itself (extra keys fail).

Cross-references between rules (inhibitions, playbooks, channels) are checked once all files
are loaded, in monitor/rules/loader.py.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from fnmatch import fnmatchcase
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from monitor.model import Route, Severity
from monitor.rules.expr import Condition, ExprError
from monitor.rules.structured import from_mapping
from monitor.timeutil import parse_duration

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_CHANNEL = re.compile(r"^(#[a-z0-9][a-z0-9_-]{0,79}|[CG][A-Z0-9]{6,})$")
_MENTION = re.compile(r"^(here|channel|[US][A-Z0-9]{6,}|@[A-Za-z0-9._-]+)$")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
GROUP_FIELDS = ("topic", "episode", "kind", "severity")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


def _duration(value: Any) -> float:
    if not isinstance(value, str | int | float):
        raise ValueError("expected a duration such as 90s, 15m, 1h30m or 2d")
    return parse_duration(value)


class TopicSelector(_Strict):
    """Which topics a rule watches: names (globs) and/or labels (value globs), ANDed.
    An empty selector matches every topic."""

    names: list[str] = Field(default_factory=list, description="Topic names or globs (acme-*).")
    labels: dict[str, str] = Field(default_factory=dict, description="label: value glob.")

    def matches(self, topic: str, labels: dict[str, str]) -> bool:
        if not self.names and not self.labels:
            return True
        if self.names and not any(fnmatchcase(topic, pattern) for pattern in self.names):
            return False
        return all(
            key in labels and fnmatchcase(labels[key], pattern)
            for key, pattern in self.labels.items()
        )


class RouteConfig(_Strict):
    channels: list[str] = Field(default_factory=list, description="#name or Slack id C.../G...")
    channel: str | None = Field(default=None, description="Shorthand for one channel.")
    playbook: str | None = Field(default=None, description="Playbook to start on firing.")
    mention: list[str] = Field(
        default_factory=list, description="Slack user ids U..., groups S..., @handle or here."
    )

    @field_validator("channels")
    @classmethod
    def _channels(cls, value: list[str]) -> list[str]:
        for channel in value:
            _check_channel(channel)
        return value

    @field_validator("channel")
    @classmethod
    def _channel(cls, value: str | None) -> str | None:
        return _check_channel(value) if value is not None else None

    @field_validator("mention")
    @classmethod
    def _mentions(cls, value: list[str]) -> list[str]:
        for who in value:
            if not _MENTION.match(who):
                raise ValueError(
                    f"cannot mention {who!r}: use a user id U..., a group id S..., "
                    "@handle, here or channel"
                )
        return value

    @model_validator(mode="after")
    def _some_channel(self) -> RouteConfig:
        if not self.all_channels():
            raise ValueError("a route needs at least one channel")
        return self

    def all_channels(self) -> tuple[str, ...]:
        out = list(self.channels)
        if self.channel and self.channel not in out:
            out.insert(0, self.channel)
        return tuple(out)

    def to_route(self) -> Route:
        return Route(self.all_channels(), self.playbook, tuple(self.mention))


def _check_channel(channel: str) -> str:
    if not _CHANNEL.match(channel):
        raise ValueError(
            f"unknown channel {channel!r}: use #lower-case-name or a Slack id C.../G..."
        )
    return channel


class QuietHours(_Strict):
    """A daily window (local time in `timezone`) when alerts below `override_at` wait."""

    start: time = Field(description="Local start, HH:MM.")
    end: time = Field(description="Local end, HH:MM; before start means it spans midnight.")
    timezone: str = Field(default="UTC", description="IANA zone, e.g. Europe/Paris.")
    days: list[str] = Field(default_factory=lambda: list(_DAYS),
                            description="Days the window starts on (mon..sun).")
    override_at: Severity | None = Field(
        default=Severity.CRITICAL,
        description="Alerts at or above this severity ignore quiet hours; null: none do.",
    )

    @field_validator("start", "end", mode="before")
    @classmethod
    def _clock(cls, value: Any) -> Any:
        if isinstance(value, time):
            return value
        if isinstance(value, int):  # YAML 1.1 reads 22:00 as sexagesimal 1320
            return time(value // 60 % 24, value % 60)
        match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip()) if isinstance(value, str) else None
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise ValueError(f"expected a local time HH:MM (00:00-23:59), got {value!r}")
        return time(int(match.group(1)), int(match.group(2)))

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown timezone {value!r} (use an IANA name)") from None
        return value

    @field_validator("days")
    @classmethod
    def _days(cls, value: list[str]) -> list[str]:
        days = [d.lower()[:3] for d in value]
        for day, raw in zip(days, value, strict=True):
            if day not in _DAYS:
                raise ValueError(f"unknown day {raw!r}: use mon, tue, ... sun")
        return days

    @model_validator(mode="after")
    def _not_empty(self) -> QuietHours:
        if self.start == self.end:
            raise ValueError("start and end are equal: the window would be empty")
        return self

    def contains(self, when: datetime) -> bool:
        """True when `when` (aware) falls inside the window."""
        local = when.astimezone(ZoneInfo(self.timezone))
        now = local.time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= now < self.end and _DAYS[local.weekday()] in self.days
        if now >= self.start:
            return _DAYS[local.weekday()] in self.days
        if now < self.end:  # after midnight: the window started the day before
            return _DAYS[(local - timedelta(days=1)).weekday()] in self.days
        return False

    def overridden_by(self, severity: Severity) -> bool:
        return self.override_at is not None and severity.rank >= self.override_at.rank


class RuleConfig(_Strict):
    name: str = Field(description="Unique rule name (letters, digits, _ . -).")
    description: str = ""
    topics: TopicSelector = Field(default_factory=TopicSelector,
                                  description="Topic names/globs, or {names, labels}.")
    when: Condition = Field(description="Condition: an expression string or a mapping.")
    for_: float = Field(default=0.0, alias="for",
                        description="How long the condition must hold before firing.")
    severity: Literal["event", "low", "medium", "high", "critical"] = Field(
        default="event", description="Alert severity; `event` keeps the episode's severity."
    )
    min_severity: Severity | None = Field(
        default=None, description="Raise the alert severity to at least this."
    )
    route: RouteConfig
    repeat_interval: float = Field(default=4 * 3600.0,
                                   description="Re-send an unchanged open alert after this.")
    group_by: list[str] = Field(default_factory=lambda: ["topic"],
                                description="Alert state key: topic, episode, kind, severity, labels.<k>.")
    quiet_hours: QuietHours | None = None
    inhibits: list[str] = Field(
        default_factory=list,
        description="Rules (names or globs) silenced on the same topic while this one is active.",
    )
    labels: dict[str, str] = Field(default_factory=dict, description="Added to alert labels.")
    send_resolved: bool = Field(default=True, description="Tell the route when it resolves.")

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True,
                              populate_by_name=True)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return _check_name(value)

    @field_validator("severity", mode="before")
    @classmethod
    def _severity(cls, value: Any) -> Any:
        if value not in ("event", *(s.value for s in Severity)):
            raise ValueError(f"unknown severity {value!r}: expected low, medium, high, "
                             "critical or event")
        return value

    @field_validator("topics", mode="before")
    @classmethod
    def _topics(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"names": [value]}
        if isinstance(value, list):
            return {"names": value}
        return value

    @field_validator("when", mode="before")
    @classmethod
    def _when(cls, value: Any) -> Condition:
        if isinstance(value, Condition):
            return value
        if isinstance(value, str):
            try:
                return Condition.parse(value)
            except ExprError as exc:
                raise ValueError(str(exc)) from None
        if isinstance(value, dict):
            return from_mapping(value)
        raise ValueError("expected a condition string or a mapping")

    @field_validator("for_", "repeat_interval", mode="before")
    @classmethod
    def _durations(cls, value: Any) -> float:
        return _duration(value)

    @field_validator("repeat_interval")
    @classmethod
    def _repeat_positive(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("repeat_interval cannot be zero")
        return value

    @field_validator("group_by")
    @classmethod
    def _group_by(cls, value: list[str]) -> list[str]:
        for key in value:
            if key not in GROUP_FIELDS and not (key.startswith("labels.") and len(key) > 7):
                raise ValueError(
                    f"cannot group by {key!r}: use {', '.join(GROUP_FIELDS)} or labels.<key>"
                )
        return value if "topic" in value else ["topic", *value]

    def alert_severity(self, event_severity: Severity) -> Severity:
        severity = event_severity if self.severity == "event" else Severity(self.severity)
        if self.min_severity is not None and severity.rank < self.min_severity.rank:
            severity = self.min_severity
        return severity


def _check_name(value: str) -> str:
    if not _NAME.match(value):
        raise ValueError(
            "a name is 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit"
        )
    return value


class RuleFile(_Strict):
    """One file of alert_rules/: a list of rules, or a mapping with `rules:` and an optional
    `channels:` allow-list that every route of the file must use."""

    channels: list[str] | None = Field(
        default=None, description="Allow-list: routes in this file may only use these."
    )
    rules: list[RuleConfig] = Field(default_factory=list)

    @field_validator("channels")
    @classmethod
    def _channels(cls, value: list[str] | None) -> list[str] | None:
        for channel in value or []:
            _check_channel(channel)
        return value
