"""vigie.yaml: topics, sources, planned events and the settings of each stage.

Loaded strictly (unknown keys fail), validated model by model, then cross-checked once
(a source restricted to an unknown topic, a planned event for an unknown topic). Every
problem comes back as `file:line: field: reason`; nothing starts with a bad file.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from monitor.config.yamlfile import Marks, load_file, load_text, validate
from monitor.detection.settings import DetectionSettings
from monitor.errors import ConfigError
from monitor.model import SourceType
from monitor.notify.settings import SlackSettings
from monitor.sentiment.settings import SentimentSettings
from monitor.timeutil import parse_duration

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def _check_name(value: str) -> str:
    if not _NAME.match(value):
        raise ValueError(
            "a name is 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit"
        )
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TopicConfig(_Strict):
    name: str = Field(description="Unique topic name, used in rules and alerts.")
    query: str = Field(
        description="Keyword query: AND, OR, NOT, parentheses, \"quoted phrases\"; case- and "
        "accent-insensitive, whole words (a trailing * matches a prefix)."
    )
    labels: dict[str, str] = Field(default_factory=dict, description="Free labels for rules.")
    detection: dict[str, Any] = Field(
        default_factory=dict, description="Per-topic overrides of `detection:` thresholds."
    )

    _check = field_validator("name")(_check_name)

    @field_validator("query")
    @classmethod
    def _query_compiles(cls, value: str) -> str:
        from monitor.query import compile_query

        compile_query(value)  # raises ValueError (QueryError) with the position
        return value


class SourceConfig(_Strict):
    name: str = Field(description="Unique source name; part of every mention id.")
    url: str = Field(description="Feed URL, or a file path for `jsonl` sources.")
    kind: Literal["feed", "jsonl"] = Field(
        default="feed", description="`feed`: RSS, Atom or JSON Feed over HTTP; `jsonl`: a file."
    )
    interval: float = Field(default=300.0, description="Poll interval (e.g. 5m).")
    source_type: SourceType = Field(default=SourceType.NEWS)
    weight: float = Field(default=1.0, gt=0, description="Reach multiplier for this source.")
    topics: list[str] | None = Field(
        default=None, description="Only match these topics (default: all topics)."
    )

    _check = field_validator("name")(_check_name)

    @field_validator("interval", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> float:
        seconds = parse_duration(value)
        if seconds < 10:
            raise ValueError("poll interval must be at least 10s")
        return seconds


class PlannedEvent(_Strict):
    topic: str
    name: str = Field(default="planned event", description="What it is: launch, campaign, TV...")
    start: datetime
    end: datetime
    expected_lift: float = Field(
        default=2.0, ge=1.0, description="Expected volume multiple over the usual baseline."
    )

    @model_validator(mode="after")
    def _ordered(self) -> PlannedEvent:
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self


class Retention(_Strict):
    minute: float = Field(default=2 * 86400, description="Keep 1-minute buckets this long.")
    five_minutes: float = Field(default=15 * 86400)
    hour: float = Field(default=120 * 86400)
    day: float = Field(default=3 * 365 * 86400)
    dedup: float = Field(default=14 * 86400, description="Remember mention ids this long.")

    @field_validator("*", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> float:
        return parse_duration(value)


class VigieConfig(_Strict):
    topics: list[TopicConfig] = Field(default_factory=list)
    sources: list[SourceConfig] = Field(default_factory=list)
    planned_events: list[PlannedEvent] = Field(default_factory=list)
    sentiment: SentimentSettings = Field(default_factory=SentimentSettings)
    detection: DetectionSettings = Field(default_factory=DetectionSettings)
    slack: SlackSettings = Field(default_factory=SlackSettings)
    retention: Retention = Field(default_factory=Retention)
    rules_dir: str = Field(default="alert_rules", description="Relative to vigie.yaml.")
    playbooks_dir: str = Field(default="playbooks", description="Relative to vigie.yaml.")
    playbook_roles: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Slack ids per playbook role (U... users, S... user groups, `here`), "
        "e.g. {comms_lead: [S0COMMS]}; overrides the members written in the playbooks.")

    # Set by the loader, not the file.
    base_dir: Path = Field(default=Path("."), exclude=True)

    def topic(self, name: str) -> TopicConfig | None:
        return next((t for t in self.topics if t.name == name), None)

    def source(self, name: str) -> SourceConfig | None:
        return next((s for s in self.sources if s.name == name), None)

    def resolve(self, relative: str) -> Path:
        path = Path(relative)
        return path if path.is_absolute() else self.base_dir / path


def _cross_check(config: VigieConfig, marks: Marks) -> list[str]:
    problems = []
    topic_names = [t.name for t in config.topics]
    for index, name in enumerate(topic_names):
        if name in topic_names[:index]:
            problems.append(marks.error(("topics", index, "name"), f"duplicate topic {name!r}"))
    source_names = [s.name for s in config.sources]
    for index, source in enumerate(config.sources):
        if source.name in source_names[:index]:
            problems.append(
                marks.error(("sources", index, "name"), f"duplicate source {source.name!r}")
            )
        for t_index, name in enumerate(source.topics or []):
            if name not in topic_names:
                problems.append(
                    marks.error(("sources", index, "topics", t_index), f"unknown topic {name!r}")
                )
    for index, event in enumerate(config.planned_events):
        if event.topic not in topic_names:
            problems.append(
                marks.error(("planned_events", index, "topic"), f"unknown topic {event.topic!r}")
            )
    for index, topic in enumerate(config.topics):
        if topic.detection:
            try:
                config.detection.for_topic(topic.detection)
            except (ValueError, TypeError) as exc:
                problems.append(marks.error(("topics", index, "detection"), str(exc)))
    return problems


def parse_config(data: Any, marks: Marks, base_dir: Path) -> VigieConfig:
    if data is not None and not isinstance(data, dict):
        raise ConfigError([marks.error((), "expected a mapping with topics, sources, ...")])
    config = validate(VigieConfig, data, marks)
    problems = _cross_check(config, marks)
    if problems:
        raise ConfigError(problems)
    return config.model_copy(update={"base_dir": base_dir})


def load_config(path: Path | str) -> VigieConfig:
    """Load and validate vigie.yaml; raises ConfigError listing every problem."""
    path = Path(path)
    data, marks = load_file(path)
    return parse_config(data, marks, path.resolve().parent)


def config_from_text(text: str, name: str = "vigie.yaml", base_dir: Path = Path(".")) -> VigieConfig:
    data, marks = load_text(text, name)
    return parse_config(data, marks, base_dir)
