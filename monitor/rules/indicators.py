"""The names a rule condition may use: the one list the detector and the rules agree on.

Numeric indicators come from `EpisodeEvent.indicators` (written by monitor/detection);
categorical fields come from the event itself and the topic's labels (`labels.<key>`).
An indicator the detector did not write for an event makes any comparison on it unknown,
and an unknown condition never fires (see monitor/rules/expr.py).
"""

from __future__ import annotations

from monitor.model import Kind, Severity, Transition

# name -> what it measures (shown by `vigie rules check --list` and in docs/rules.md).
NUMERIC: dict[str, str] = {
    "volume": "distinct stories in the episode's current window",
    "baseline": "expected volume for the same window (seasonal baseline)",
    "volume_ratio": "volume / baseline",
    "negative_share": "share of scored mentions that are negative (0-1)",
    "positive_share": "share of scored mentions that are positive (0-1)",
    "mean_compound": "mean sentiment compound (-1..1)",
    "distinct_authors": "distinct authors in the window",
    "distinct_sources": "distinct sources (feeds) in the window",
    "source_types": "distinct source types (social, news, forum, ...) in the window",
    "news_share": "share of volume coming from news sources (0-1)",
    "news_pickup": "1 when news outlets picked the story up, else 0",
    "near_duplicate_ratio": "share of near-duplicate mentions (copy-paste campaigns)",
    "concentration": "share of mentions from the top authors (0-1)",
    "reach": "summed audience of the mentions",
    "duration_minutes": "minutes since the episode started",
    "coverage": "share of the topic's sources polled successfully (0-1)",
    "unscored_share": "share of mentions no sentiment scorer served",
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
