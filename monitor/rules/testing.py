"""Rule unit tests, in the spirit of `promtool test rules`: feed episode events (or indicator
series) at given times through the real engine and compare the decisions with the expected
alerts. Used by `vigie rules test` and by CI through tests/rules/test_shipped.py.

Times are ISO 8601 or offsets (`+15m`) from the file's `start` (default 2026-01-05T12:00:00Z,
a Monday). Events, then ticks, are processed in time order; an event at time T is evaluated
with now = T.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from monitor.config.yamlfile import Marks, load_file, validate
from monitor.errors import ConfigError
from monitor.model import Alert, AlertStatus, EpisodeEvent, Kind, Severity, Transition
from monitor.rules.evaluate import RuleEngine
from monitor.rules.loader import RuleSet
from monitor.rules.silences import Silence
from monitor.rules.state import RuleState
from monitor.timeutil import iso, parse_duration, parse_instant

StateScope = Callable[[], AbstractContextManager[RuleState]]
DEFAULT_START = "2026-01-05T12:00:00Z"
COMPARED = ("at", "rule", "status", "severity", "topic", "kind", "transition", "episode",
            "channels", "playbook", "mention", "suppressed_by")


def _time_text(value: Any) -> Any:
    """YAML reads an unquoted ISO time as a datetime: keep it as text, checked later."""
    return iso(parse_instant(value)) if isinstance(value, datetime) else value


Time = Annotated[str, BeforeValidator(_time_text)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EventSpec(_Strict):
    at: Time
    topic: str
    kind: Kind
    severity: Severity = Severity.MEDIUM
    transition: Transition | None = Field(
        default=None, description="Default: opened for an episode's first event, else updated "
        "(resolved when kind is resolved)."
    )
    episode: str | None = Field(default=None, description="Default: <topic>-1.")
    previous_kind: Kind | None = None
    indicators: dict[str, float] = Field(default_factory=dict)


class SeriesSpec(_Strict):
    """One event every `every`, indicator lists giving successive values (a scalar repeats)."""

    start: Time = "+0m"
    every: str = "5m"
    topic: str
    kind: Kind
    severity: Severity = Severity.MEDIUM
    episode: str | None = None
    indicators: dict[str, float | list[float]]

    @field_validator("every")
    @classmethod
    def _every(cls, value: str) -> str:
        if parse_duration(value) <= 0:
            raise ValueError("every must be positive")
        return value

    @model_validator(mode="after")
    def _lengths(self) -> SeriesSpec:
        lengths = {len(v) for v in self.indicators.values() if isinstance(v, list)}
        if len(lengths) > 1:
            raise ValueError("indicator lists must have the same length")
        if not lengths:
            raise ValueError("give at least one indicator as a list of values")
        return self


class SilenceSpec(_Strict):
    topic: str | None = None
    rule: str | None = None
    labels: dict[str, str] = Field(default_factory=dict)
    starts: Time = "+0m"
    ends: Time
    reason: str = "rule test"
    author: str = "test"


class ExpectedAlert(_Strict):
    at: Time | None = None
    rule: str | None = None
    status: AlertStatus | None = None
    severity: Severity | None = None
    topic: str | None = None
    kind: Kind | None = None
    transition: Transition | None = None
    episode: str | None = None
    channels: list[str] | None = None
    playbook: str | None = None
    mention: list[str] | None = None
    suppressed_by: str | None = Field(default=None, description="Substring of the reason.")


class TestCase(_Strict):
    name: str
    mentions: str | list[dict[str, Any]] | None = Field(
        default=None, description="Mentions (replay JSONL file relative to this file, or "
        "inline replay objects) run through the real detection first; needs `config:`."
    )
    events: list[EventSpec] = Field(default_factory=list)
    series: list[SeriesSpec] = Field(default_factory=list)
    silences: list[SilenceSpec] = Field(default_factory=list)
    ticks: list[Time] = Field(default_factory=list, description="Extra evaluation times.")
    only: list[AlertStatus] | None = Field(
        default=None, description="Compare only alerts with these statuses (default: all)."
    )
    expect: list[ExpectedAlert] = Field(default_factory=list)


class TestFile(_Strict):
    rule_files: list[str] | None = Field(
        default=None, description="Relative to this file; default: every rule in ../"
    )
    config: str | None = Field(
        default=None, description="vigie.yaml (relative to this file) for cases with mentions: "
        "topics, queries, labels and detection settings."
    )
    start: Time = DEFAULT_START
    topics: dict[str, dict[str, str]] = Field(default_factory=dict)
    tests: list[TestCase]


@dataclass
class CaseResult:
    file: str
    name: str
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def _instant(value: str, start: datetime) -> datetime:
    text = value.strip()
    if text.startswith("+"):
        return start + timedelta(seconds=parse_duration(text[1:]))
    return parse_instant(text)


def _events(case: TestCase, start: datetime) -> list[EpisodeEvent]:
    specs: list[tuple[datetime, EventSpec]] = [(_instant(e.at, start), e) for e in case.events]
    for series in case.series:
        first = _instant(series.start, start)
        step = timedelta(seconds=parse_duration(series.every))
        count = max(len(v) for v in series.indicators.values() if isinstance(v, list))
        for index in range(count):
            values = {k: (v[index] if isinstance(v, list) else v)
                      for k, v in series.indicators.items()}
            at = first + index * step
            specs.append((at, EventSpec(at=iso(at), topic=series.topic, kind=series.kind,
                                        severity=series.severity, episode=series.episode,
                                        indicators=values)))
    specs.sort(key=lambda pair: pair[0])
    out: list[EpisodeEvent] = []
    episode_start: dict[str, datetime] = {}
    for at, spec in specs:
        episode = spec.episode or f"{spec.topic}-1"
        transition = spec.transition
        if transition is None:
            if spec.kind == Kind.RESOLVED:
                transition = Transition.RESOLVED
            else:
                transition = Transition.UPDATED if episode in episode_start else Transition.OPENED
        began = episode_start.setdefault(episode, at)
        out.append(EpisodeEvent(
            topic=spec.topic, episode=episode, episode_start=began, at=at, kind=spec.kind,
            transition=transition, severity=spec.severity, summary=f"test event {spec.kind}",
            indicators=dict(spec.indicators), previous_kind=spec.previous_kind,
        ))
    return out


def case_silences(case: TestCase, start: datetime) -> list[Silence]:
    return [
        Silence(id=f"test{index}", starts=_instant(s.starts, start), ends=_instant(s.ends, start),
                reason=s.reason, author=s.author, created_at=start, topic=s.topic, rule=s.rule,
                labels=dict(s.labels))
        for index, s in enumerate(case.silences)
    ]


def run_case(case: TestCase, rules: RuleSet, topics: dict[str, dict[str, str]],
             start: datetime, state_scope: StateScope | None = None,
             silences_at: Callable[[datetime], list[Silence]] | None = None,
             extra_events: Sequence[EpisodeEvent] = (),
             ) -> list[tuple[datetime, Alert]]:
    """Every decision of the engine over the case's timeline, with its decision time.

    By default state and silences live in memory; `state_scope` (a context manager yielding
    the RuleState, e.g. RuleStateStore.locked) and `silences_at` let the same case run
    against a store, as the live worker does."""
    engine = RuleEngine(rules, topics)
    memory = RuleState()
    fixed = case_silences(case, start)

    @contextmanager
    def in_memory() -> Iterator[RuleState]:
        yield memory

    scope = state_scope or in_memory
    timeline: list[tuple[datetime, int, EpisodeEvent | None]] = [
        (e.at, 0, e) for e in [*_events(case, start), *extra_events]
    ]
    timeline += [(_instant(t, start), 1, None) for t in case.ticks]
    timeline.sort(key=lambda item: (item[0], item[1]))
    out: list[tuple[datetime, Alert]] = []
    for at, _, event in timeline:
        silences = silences_at(at) if silences_at else fixed
        with scope() as state:
            alerts = (engine.evaluate(event, state, silences, at) if event is not None
                      else engine.tick(state, silences, at))
        out.extend((at, alert) for alert in alerts)
    return out


def _actual_fields(at: datetime, alert: Alert) -> dict[str, Any]:
    return {
        "at": iso(at), "rule": alert.rule, "status": alert.status.value,
        "severity": alert.severity.value, "topic": alert.event.topic,
        "kind": alert.event.kind.value, "transition": alert.event.transition.value,
        "episode": alert.event.episode, "channels": list(alert.route.channels),
        "playbook": alert.route.playbook, "mention": list(alert.route.mention),
        "suppressed_by": alert.suppressed_by,
    }


def _expected_fields(expected: ExpectedAlert, start: datetime) -> dict[str, Any]:
    data = expected.model_dump(exclude_none=True, mode="json")
    if "at" in data:
        data["at"] = iso(_instant(data["at"], start))
    return data


def _matches(want: dict[str, Any], got: dict[str, Any]) -> bool:
    return all(_field_ok(k, v, got.get(k)) for k, v in want.items())


def _field_ok(name: str, want: Any, got: Any) -> bool:
    if name == "suppressed_by":
        return got is not None and str(want) in str(got)
    return bool(want == got)


def _show(data: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {data[k]}" for k in COMPARED if k in data) + "}"


def compare(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> list[str]:
    """Differences between expected and actual alerts, order-insensitive; [] when equal."""
    unused = list(actual)
    missing: list[dict[str, Any]] = []
    for want in expected:
        hit = next((got for got in unused if _matches(want, got)), None)
        if hit is None:
            missing.append(want)
        else:
            unused.remove(hit)
    lines: list[str] = []
    for want in missing:
        near = max(unused, default=None,
                   key=lambda got: sum(_field_ok(k, v, got.get(k)) for k, v in want.items()))
        lines.append(f"missing   {_show(want)}")
        if near is not None:
            diffs = [f"{k}: expected {v}, got {near.get(k)}"
                     for k, v in want.items() if not _field_ok(k, v, near.get(k))]
            lines.append(f"  closest {_show({k: near.get(k) for k in want})}: "
                         + "; ".join(diffs))
    for got in unused:
        lines.append(f"unexpected {_show(got)}")
    return lines


@dataclass
class Suite:
    """A loaded rule test file: its cases, the rules they run against, the time origin."""

    path: Path
    spec: TestFile
    rules: RuleSet
    start: datetime
    marks: Marks
    config: Any = None  # VigieConfig when the file names one

    @property
    def topics(self) -> dict[str, dict[str, str]]:
        """Topic labels: vigie.yaml's, overridden by the test file's `topics:`."""
        base = {t.name: dict(t.labels) for t in self.config.topics} if self.config else {}
        return {**base, **self.spec.topics}


def load_suite(path: Path | str) -> Suite:
    """Load and validate a rule test file and the rule files it names (ConfigError)."""
    path = Path(path)
    data, marks = load_file(path)
    spec = validate(TestFile, data, marks)
    try:
        start = parse_instant(spec.start)
    except ValueError:
        raise ConfigError([marks.error(("start",), f"not an ISO 8601 time: {spec.start!r}")]) from None
    if spec.rule_files is None:
        rules = RuleSet.load(path.parent.parent)
    else:
        texts = {}
        for index, name in enumerate(spec.rule_files):
            rule_path = path.parent / name
            try:
                texts[str(rule_path)] = rule_path.read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError([marks.error(("rule_files", index),
                                               f"cannot read {rule_path}: {exc}")]) from None
        rules = RuleSet.from_texts(texts)
    config = None
    if spec.config is not None:
        from monitor.config.files import load_config

        config = load_config(path.parent / spec.config)
    return Suite(path, spec, rules, start, marks, config)


def mention_events(suite: Suite, case: TestCase) -> list[EpisodeEvent]:
    """Episode events the real detection raises on the case's mentions (ValueError when the
    mentions or the config are missing or malformed)."""
    if case.mentions is None:
        return []
    if suite.config is None:
        raise ValueError("mentions need `config:` (a vigie.yaml) at the top of the test file")
    from monitor.model import Mention
    from monitor.replay import replay_events

    if isinstance(case.mentions, str):
        from monitor.backtest import load_mentions

        problems: list[str] = []
        mentions = load_mentions([suite.path.parent / case.mentions], problems.append)
        if problems:
            raise ValueError("; ".join(problems[:3]))
    else:
        mentions = []
        for index, data in enumerate(case.mentions):
            try:
                mentions.append(Mention.from_replay(data))
            except ValueError as exc:
                raise ValueError(f"mentions[{index}]: {exc}") from None
    return list(replay_events(mentions, suite.config))


def check_case(suite: Suite, index: int,
               decisions: list[tuple[datetime, Alert]] | None = None) -> CaseResult:
    """Run case `index` (or judge the given decisions) against its expectations."""
    case = suite.spec.tests[index]
    result = CaseResult(str(suite.path), case.name)
    try:
        if decisions is None:
            decisions = run_case(case, suite.rules, suite.topics, suite.start,
                                 extra_events=mention_events(suite, case))
        expected = [_expected_fields(e, suite.start) for e in case.expect]
    except (ValueError, KeyError) as exc:
        result.failures.append(suite.marks.error(("tests", index), f"cannot run: {exc}"))
        return result
    actual = [_actual_fields(at, alert) for at, alert in decisions
              if case.only is None or alert.status in case.only]
    result.failures = compare(expected, actual)
    return result


def run_file(path: Path | str) -> list[CaseResult]:
    """Run every case of a rule test file. Raises ConfigError for an invalid file (test file
    or the rule files it names)."""
    suite = load_suite(path)
    return [check_case(suite, index) for index in range(len(suite.spec.tests))]
