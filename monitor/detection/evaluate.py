"""Score episode events against labelled events: precision, recall and delay per class.

A label is `{topic, type, start, end}` (type: crisis, bad_buzz, positive_buzz, volume_spike or
blind_spot, or a common alias such as `flood` or `outage`: labels.py; an optional `variant`
such as `flood`). An episode matches a label when it is on
the same topic and one of its events other than its resolution falls within [start, end +
grace]: an episode that only ends there did not see what the label describes (a crisis
resolving as a flood begins must not make the flood "called crisis"). Per class K:

- recall: labels of type K matched by an episode that was called K at some point;
- precision: episodes called K (their last class, or crisis if they ever were one) that
  match a label of type K;
- delay: from the label start to the first event calling the episode K (median over labels).

`bad_buzz_as_crisis` is the share of bad-buzz labels (floods included) whose matching episode
was ever called crisis: the false alarm that matters most to a comms team.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rich.table import Table

from monitor.detection.labels import CLASSES, canonical
from monitor.model import EpisodeEvent, Kind
from monitor.timeutil import parse_instant, to_epoch

GRACE = 3600.0  # an episode may be decided a little after its labelled end


@dataclass
class ClassScore:
    name: str
    labels: int = 0
    detected: int = 0
    predicted: int = 0
    correct: int = 0
    delays: list[float] = field(default_factory=list)  # minutes

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.detected / self.labels if self.labels else None

    @property
    def median_delay(self) -> float | None:
        return statistics.median(self.delays) if self.delays else None

    def to_dict(self) -> dict[str, Any]:
        return {"labels": self.labels, "detected": self.detected, "predicted": self.predicted,
                "correct": self.correct, "precision": self.precision, "recall": self.recall,
                "median_delay_minutes": self.median_delay}


@dataclass
class Report:
    classes: dict[str, ClassScore]
    bad_buzz_labels: int = 0
    bad_buzz_as_crisis: int = 0
    misses: list[str] = field(default_factory=list)  # one line per missed or wrong call

    @property
    def bad_buzz_as_crisis_rate(self) -> float | None:
        return self.bad_buzz_as_crisis / self.bad_buzz_labels if self.bad_buzz_labels else None

    def to_dict(self) -> dict[str, Any]:
        return {"classes": {k: v.to_dict() for k, v in self.classes.items()},
                "bad_buzz_labels": self.bad_buzz_labels,
                "bad_buzz_as_crisis": self.bad_buzz_as_crisis,
                "bad_buzz_as_crisis_rate": self.bad_buzz_as_crisis_rate,
                "misses": list(self.misses)}

    def table(self) -> Table:
        table = Table(title="Detection against labels")
        for column in ("class", "labels", "recall", "precision", "median delay (min)"):
            table.add_column(column, justify="left" if column == "class" else "right")

        def fmt(value: float | None, pct: bool = True) -> str:
            if value is None:
                return "-"
            return f"{value * 100:.0f}%" if pct else f"{value:.0f}"

        for name, score in self.classes.items():
            table.add_row(name, str(score.labels), fmt(score.recall), fmt(score.precision),
                          fmt(score.median_delay, pct=False))
        table.caption = (f"bad buzz / floods called crisis: {self.bad_buzz_as_crisis} of "
                         f"{self.bad_buzz_labels}")
        return table

    def __rich__(self) -> Table:
        return self.table()


def combine(reports: Iterable[Report]) -> Report:
    """One report over replays scored apart (seeds, processes): counts, delays and misses
    added up, as if the events and labels had been evaluated together."""
    out = Report({name: ClassScore(name) for name in CLASSES})
    for report in reports:
        for name, score in report.classes.items():
            into = out.classes.setdefault(name, ClassScore(name))
            into.labels += score.labels
            into.detected += score.detected
            into.predicted += score.predicted
            into.correct += score.correct
            into.delays += score.delays
        out.bad_buzz_labels += report.bad_buzz_labels
        out.bad_buzz_as_crisis += report.bad_buzz_as_crisis
        out.misses += report.misses
    return out


def _epoch(value: Any) -> float:
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, datetime):
        return to_epoch(value)
    return to_epoch(parse_instant(str(value)))


def evaluate(events: Iterable[EpisodeEvent | dict[str, Any]], labels: list[dict[str, Any]],
             grace: float = GRACE) -> Report:
    """Compare events (objects or their to_dict form) with labels; see the module doc."""
    # episode id -> (topic, [(at, kind)])
    episodes: dict[str, tuple[str, list[tuple[float, str]]]] = {}
    for raw in events:
        event = raw if isinstance(raw, EpisodeEvent) else EpisodeEvent.from_dict(raw)
        if event.drill:
            continue
        entry = episodes.setdefault(event.episode, (event.topic, []))
        entry[1].append((to_epoch(event.at), event.kind.value))
    labels = [canonical(lab) for lab in labels]
    spans = [(_epoch(lab["start"]), _epoch(lab["end"]) + grace) for lab in labels]

    def matches(topic: str, calls: list[tuple[float, str]], index: int) -> bool:
        lab = labels[index]
        first, last = spans[index]
        return lab["topic"] == topic and any(first <= at <= last for at, kind in calls
                                             if kind != Kind.RESOLVED.value)

    classes = {name: ClassScore(name) for name in CLASSES}
    report = Report(classes)
    for index, lab in enumerate(labels):
        kind = lab["type"]
        score = classes.setdefault(kind, ClassScore(kind))
        score.labels += 1
        matched = [calls for topic, calls in episodes.values() if matches(topic, calls, index)]
        called = sorted(at for calls in matched for at, k in calls if k == kind)
        if called:
            score.detected += 1
            score.delays.append(max(0.0, called[0] - spans[index][0]) / 60.0)
        else:
            seen = sorted({k for calls in matched for _, k in calls} - {Kind.RESOLVED.value})
            report.misses.append(f"missed {kind} on {lab['topic']} at {lab['start']}"
                                 f" (called: {', '.join(seen) or 'nothing'})")
        if kind == "bad_buzz":
            report.bad_buzz_labels += 1
            if any(k == Kind.CRISIS.value for calls in matched for _, k in calls):
                report.bad_buzz_as_crisis += 1
                report.misses.append(f"bad buzz ({lab.get('variant', '')}) on {lab['topic']} "
                                     "called crisis")
    for episode_id, (topic, calls) in episodes.items():
        kinds = [k for _, k in sorted(calls) if k != Kind.RESOLVED.value]
        if not kinds:
            continue
        # What the episode was called: its last class, and crisis if it ever was one (an
        # episode that opened as bad buzz and escalated is no false bad buzz).
        final = {kinds[-1]} | ({Kind.CRISIS.value} & set(kinds))
        for kind in final:
            score = classes.setdefault(kind, ClassScore(kind))
            score.predicted += 1
            if any(labels[i]["type"] == kind and matches(topic, calls, i)
                   for i in range(len(labels))):
                score.correct += 1
            else:
                report.misses.append(f"false {kind}: episode {episode_id}")
    return report
