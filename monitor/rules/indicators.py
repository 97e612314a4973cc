"""The names a rule condition may use: the one list the detector and the rules agree on.

Numeric indicators come from `EpisodeEvent.indicators` (written by monitor/detection);
categorical fields come from the event itself and the topic's labels (`labels.<key>`).
An indicator the detector did not write for an event makes any comparison on it unknown,
and an unknown condition never fires (see monitor/rules/expr.py).
"""

from __future__ import annotations

from monitor.detection.features import INDICATORS
from monitor.model import Kind, Severity, Transition

# name -> what it measures. The detector's own list (monitor/detection/features.py) is the
# source of truth, so a new indicator there is usable in rules at once; the extras below are
# written for events that do not come from an episode's totals (blind spots).
NUMERIC: dict[str, str] = {
    **INDICATORS,
    "coverage": "share of the topic's sources polled successfully (blind spots, 0-1)",
    "silent_minutes": "minutes the topic has gone without any mention (blind spots)",
}

# Categorical fields of the event; values are checked against these enums at load time.
CATEGORICAL: dict[str, tuple[str, ...] | None] = {
    "kind": tuple(k.value for k in Kind),
    "previous_kind": tuple(k.value for k in Kind),
    "severity": tuple(s.value for s in Severity),
    "transition": tuple(t.value for t in Transition),
    "topic": None,  # any topic name
}

# Fields whose values are ordered (so `<`, `>=` make sense on them).
ORDERED: dict[str, tuple[str, ...]] = {"severity": tuple(s.value for s in Severity)}

LABEL_PREFIX = "labels."


def is_known(name: str) -> bool:
    """True when `name` is an indicator, an event field or a `labels.<key>` reference."""
    return name in NUMERIC or name in CATEGORICAL or (
        name.startswith(LABEL_PREFIX) and len(name) > len(LABEL_PREFIX)
    )


def all_names() -> list[str]:
    return [*NUMERIC, *CATEGORICAL, LABEL_PREFIX + "<key>"]
