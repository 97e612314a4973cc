"""The structured form of a rule condition: a YAML mapping, all keys ANDed, compiled to the
same tree as the expression language (monitor/rules/expr.py), so both check names and values
the same way.

    when: {kind: [crisis], severity_at_least: high, volume_ratio: ">= 3", news_pickup: true}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from monitor.rules import indicators
from monitor.rules.expr import BoolOp, Condition, ExprError, Node, parse

_STRUCT_OPS = re.compile(r"^\s*(==|!=|<=|>=|<|>|=)?\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*$")


def from_mapping(spec: Mapping[str, Any]) -> Condition:
    """The structured form, all keys ANDed::

        {kind: [crisis], severity_at_least: high, volume_ratio: ">= 3", news_pickup: true}

    A number alone means `>=`. Raises ValueError naming the key.
    """
    parts: list[Node] = []
    texts: list[str] = []
    for key, raw in spec.items():
        try:
            node, text = _struct_part(str(key), raw)
        except ExprError as exc:
            raise ValueError(f"{key}: {exc.reason}") from None
        parts.append(node)
        texts.append(text)
    if not parts:
        raise ValueError("empty condition")
    node = parts[0] if len(parts) == 1 else BoolOp("and", tuple(parts))
    return Condition(" and ".join(texts), node)


def _struct_part(key: str, raw: Any) -> tuple[Node, str]:
    if key in ("severity_at_least", "severity_at_most"):
        op = ">=" if key.endswith("least") else "<="
        text = f"severity {op} {raw}"
    elif isinstance(raw, bool):
        text = key if raw else f"not {key}"
    elif isinstance(raw, list):
        if not raw:
            raise ExprError(1, "empty list")
        text = f"{key} in [{', '.join(_quote(v) for v in raw)}]"
    elif isinstance(raw, int | float):
        text = f"{key} >= {raw}"
    elif isinstance(raw, str) and key in indicators.NUMERIC:
        match = _STRUCT_OPS.match(raw)
        if not match:
            raise ExprError(1, f"expected a number or a comparison such as '>= 3', got {raw!r}")
        text = f"{key} {match.group(1) or '>='} {match.group(2)}"
    elif isinstance(raw, str):
        text = f"{key} == {_quote(raw)}"
    else:
        raise ExprError(1, f"unsupported value {raw!r}")
    return parse(text), text


def _quote(value: Any) -> str:
    text = str(value)
    return text if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*|-?\d+(\.\d+)?", text) else f'"{text}"'
