"""Labelled events for `vigie backtest --labels`: checked, and their types read generously.

A labels file is a JSON list of `{topic, type, start, end}` (an optional `variant`). Teams
label with their own words, so common names map to Vigie's classes: `flood` or `bot_flood` is
bad buzz with variant `flood` (a flood must never be called crisis either), `outage` or
`source_outage` is a blind spot, `neutral_news` or `news_spike` a volume spike. Failing an
exact name, the type's words decide (`crisis_fast` and `slow_burn_crisis` are crises,
`flood_en` a flood). A type that maps to no class is kept as its own class, and
`unknown_types` lets the command say so instead of silently scoring it against nothing.
Every problem is reported as `file: [index].field: reason`, all at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from monitor.model import Kind, name_key
from monitor.timeutil import parse_instant

# What a label can be: every kind of episode event but its resolution.
CLASSES = tuple(kind.value for kind in Kind if kind is not Kind.RESOLVED)

# alias -> (class, variant it implies)
_ALIASES: dict[str, tuple[str, str | None]] = {
    "crise": ("crisis", None),
    "real_crisis": ("crisis", None),
    "badbuzz": ("bad_buzz", None),
    "flood": ("bad_buzz", "flood"),
    "bot_flood": ("bad_buzz", "flood"),
    "botflood": ("bad_buzz", "flood"),
    "near_duplicate_flood": ("bad_buzz", "flood"),
    "duplicate_flood": ("bad_buzz", "flood"),
    "spam": ("bad_buzz", "flood"),
    "positive": ("positive_buzz", None),
    "good_buzz": ("positive_buzz", None),
    "neutral": ("volume_spike", None),
    "neutral_news": ("volume_spike", None),
    "news": ("volume_spike", None),
    "news_spike": ("volume_spike", None),
    "neutral_spike": ("volume_spike", None),
    "spike": ("volume_spike", None),
    "outage": ("blind_spot", None),
    "source_outage": ("blind_spot", None),
    "silence": ("blind_spot", None),
    "blindspot": ("blind_spot", None),
}

# A type none of the names above spell out, read by its words, first match wins: flood
# before buzz so that `bad_buzz_flood` keeps its variant.
_WORDS: tuple[tuple[frozenset[str], tuple[str, str | None]], ...] = (
    (frozenset({"crisis", "crise", "crises"}), ("crisis", None)),
    (frozenset({"flood", "bots", "bot", "spam"}), ("bad_buzz", "flood")),
    (frozenset({"bad", "negative", "badbuzz"}), ("bad_buzz", None)),
    (frozenset({"positive", "good"}), ("positive_buzz", None)),
    (frozenset({"outage", "blind", "blindspot", "silence"}), ("blind_spot", None)),
    (frozenset({"news", "neutral", "spike"}), ("volume_spike", None)),
)


def canonical_type(name: str) -> tuple[str, str | None]:
    """A label's type as one of CLASSES where it can be read as one, with the variant it
    implies (`flood`); an unknown type comes back as written."""
    key = name_key(name)
    if key in CLASSES:
        return key, None
    if key in _ALIASES:
        return _ALIASES[key]
    words = set(key.split("_"))
    for keys, meaning in _WORDS:
        if words & keys:
            return meaning
    return name, None


def canonical(label: dict[str, Any]) -> dict[str, Any]:
    """The label with its type mapped to a class (the variant an alias implies is added
    unless the label has one)."""
    kind, variant = canonical_type(str(label["type"]))
    out = dict(label, type=kind)
    if variant and not out.get("variant"):
        out["variant"] = variant
    return out


def check_labels(data: Any, source: str) -> list[dict[str, Any]]:
    """Validated, canonical labels from parsed JSON; ValueError lists every problem."""
    if not isinstance(data, list):
        raise ValueError(f"{source}: expected a JSON list of {{topic, type, start, end}}, "
                         f"got {type(data).__name__}")
    problems: list[str] = []
    labels: list[dict[str, Any]] = []
    for index, item in enumerate(data):
        where = f"{source}: [{index}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected an object, got {type(item).__name__}")
            continue
        bad = len(problems)
        for name in ("topic", "type"):
            if not isinstance(item.get(name), str) or not item[name].strip():
                problems.append(f"{where}.{name}: required, a non-empty string")
        instants = {}
        for name in ("start", "end"):
            value = item.get(name)
            try:
                instants[name] = parse_instant(value)  # type: ignore[arg-type]
            except (TypeError, ValueError, AttributeError):
                problems.append(f"{where}.{name}: required, an ISO 8601 instant "
                                f"(got {value!r})")
        if len(instants) == 2 and instants["end"] < instants["start"]:
            problems.append(f"{where}.end: before start")
        if len(problems) == bad:
            labels.append(canonical(item))
    if problems:
        raise ValueError("\n".join(problems))
    return labels


def load_labels(path: Path) -> list[dict[str, Any]]:
    """Read and check a labels file; ValueError names the file and every problem."""
    try:
        data = orjson.loads(path.read_bytes())
    except OSError as exc:
        raise ValueError(f"{path}: {exc.strerror or exc}") from None
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"{path}: not JSON: {exc}") from None
    return check_labels(data, str(path))


def unknown_types(labels: list[dict[str, Any]]) -> list[str]:
    """Label types that are none of Vigie's classes, once each."""
    return sorted({str(lab["type"]) for lab in labels} - set(CLASSES))
