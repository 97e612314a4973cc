"""`vigie backtest`: replay archived mentions through the live code, then through the rules.

Mentions are matched and scored once; a sweep then re-runs detection and rules per value of
one threshold on the same scored mentions, which is what makes a sweep cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.config.files import VigieConfig
from monitor.model import Alert, AlertStatus, EpisodeEvent, Mention
from monitor.replay import sorted_mentions
from monitor.rules.evaluate import RuleEngine
from monitor.rules.loader import RuleSet
from monitor.rules.state import RuleState


@dataclass
class Decision:
    """One line of the output: an episode event, and what the rules made of it."""

    event: EpisodeEvent
    alerts: list[Alert] = field(default_factory=list)

    def lines(self) -> list[dict[str, Any]]:
        if not self.alerts:
            data = self.event.to_dict()
            data.update({"rule": None, "status": "unrouted", "suppressed_by": None})
            return [data]
        return [alert.to_dict() for alert in self.alerts]


@dataclass
class Outcome:
    decisions: list[Decision]
    ticks: list[Alert]

    @property
    def events(self) -> list[EpisodeEvent]:
        return [d.event for d in self.decisions]

    def records(self) -> list[dict[str, Any]]:
        out = [line for d in self.decisions for line in d.lines()]
        out.extend(a.to_dict() for a in self.ticks)
        out.sort(key=lambda r: r["at"])
        return out

    def fired_events(self) -> list[EpisodeEvent]:
        """Events that reached people (after rules), for evaluating what a team would see."""
        alerts = [*(a for d in self.decisions for a in d.alerts), *self.ticks]
        fired = {(a.event.episode, a.event.at) for a in alerts if a.status is AlertStatus.FIRED}
        return [e for e in self.events if (e.episode, e.at) in fired]


def load_mentions(paths: Sequence[Path], on_error: Callable[[str], None]) -> list[Mention]:
    """Every mention of the replay files (bad lines reported through `on_error`)."""
    from monitor.sources.jsonl import LineError, read_replay

    seen: set[str] = set()
    out: list[Mention] = []
    for path in paths:
        for item in read_replay(path):
            if isinstance(item, LineError):
                on_error(str(item))
            elif item.id not in seen:  # the archive may hold a redelivered mention twice
                seen.add(item.id)
                out.append(item)
    return sorted_mentions(out)


def apply_rules(events: Iterable[EpisodeEvent], config: VigieConfig,
                rules: RuleSet | None) -> Outcome:
    """The rules over time-ordered episode events, ticked at event time as live."""
    engine = None
    state = RuleState()
    if rules is not None:
        engine = RuleEngine(rules, {t.name: t.labels for t in config.topics})
    decisions: list[Decision] = []
    ticks: list[Alert] = []
    last_tick = None
    for event in events:
        decision = Decision(event)
        if engine is not None:
            # The live monitor ticks the rules every detection run: do it at event time here.
            if last_tick is None or event.at > last_tick:
                ticks.extend(a for a in engine.tick(state, (), event.at))
                last_tick = event.at
            decision.alerts = engine.evaluate(event, state, (), event.at)
        decisions.append(decision)
    return Outcome(decisions, ticks)


def parse_sweep(spec: str) -> tuple[str, list[float]]:
    """`name=start:stop:step` -> (name, values), stop included."""
    try:
        name, span = spec.split("=", 1)
        start, stop, step = (float(x) for x in span.split(":"))
    except ValueError:
        raise ValueError(f"--sweep {spec!r}: expected name=start:stop:step") from None
    if step <= 0 or stop < start:
        raise ValueError(f"--sweep {spec!r}: need step > 0 and stop >= start")
    values, value = [], start
    while value <= stop + step * 1e-9:
        values.append(round(value, 10))
        value += step
    if len(values) > 200:
        raise ValueError(f"--sweep {spec!r}: {len(values)} values, 200 at most")
    return name.strip(), values


@dataclass
class Variant:
    """One value of a sweep: the configuration and rules it replays with."""

    value: float
    config: VigieConfig
    rules: RuleSet | None


def sweep_variants(config: VigieConfig, rules: RuleSet | None,
                   spec: tuple[str, list[float]]) -> list[Variant]:
    """The sweep's values, validated: NAME is a detection setting (a new config per value),
    or RULE.INDICATOR a number in a rule's condition (the same config, new rules per value).
    Raises ValueError naming what is wrong."""
    name, values = spec
    if "." not in name:
        return [Variant(v, with_setting(config, name, v), rules) for v in values]
    if rules is None:
        raise ValueError(f"--sweep {name}: a rule threshold needs rules (not --no-rules)")
    from monitor.rules.sweep import with_threshold

    return [Variant(v, config, with_threshold(rules, name, v)) for v in values]


def with_setting(config: VigieConfig, name: str, value: float) -> VigieConfig:
    """A copy of `config` with one detection threshold changed (validated)."""
    fields = type(config.detection).model_fields
    if name == "bucket":
        raise ValueError("--sweep: the bucket width cannot be swept (counts are shared)")
    if name not in fields:
        known = ", ".join(sorted(fields))
        raise ValueError(f"--sweep: unknown detection setting {name!r} (known: {known}; "
                         "a rule's threshold is written RULE.INDICATOR)")
    current = getattr(config.detection, name)
    typed: Any = int(value) if isinstance(current, int) and not isinstance(current, bool) else value
    detection = type(config.detection).model_validate(
        {**config.detection.model_dump(), name: typed}
    )
    return config.model_copy(update={"detection": detection})
