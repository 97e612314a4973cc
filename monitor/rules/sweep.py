"""A rule's threshold changed for a backtest sweep: `--sweep RULE.INDICATOR=start:stop:step`.

The numbers a rule's condition compares one indicator with are replaced by the swept value in
a copy of the rule set; nothing else changes. Rules run after detection, so such a sweep
detects once and re-runs only the rules per value.
"""

from __future__ import annotations

from dataclasses import replace

from monitor.rules.expr import BoolOp, Compare, Condition, Node, Not
from monitor.rules.loader import RuleSet

ORDERED = frozenset({"<", "<=", ">", ">=", "==", "!="})


def split_target(target: str) -> tuple[str, str]:
    """"rule.indicator" -> (rule, indicator); the indicator may itself hold dots."""
    rule, dot, indicator = target.partition(".")
    if not dot or not rule or not indicator:
        raise ValueError(f"--sweep {target!r}: expected RULE.INDICATOR for a rule threshold")
    return rule, indicator


def with_threshold(rules: RuleSet, target: str, value: float) -> RuleSet:
    """A copy of `rules` where rule RULE compares INDICATOR with `value` instead of the
    number(s) written. Raises ValueError naming the rule or the indicator at fault."""
    name, indicator = split_target(target)
    rule = rules.rule(name)
    if rule is None:
        known = ", ".join(r.name for r in rules.rules)
        raise ValueError(f"--sweep: no rule named {name!r} (rules: {known})")
    node, changed = _replace(rule.when.node, indicator, float(value))
    if not changed:
        raise ValueError(f"--sweep: rule {name!r} does not compare {indicator!r} with a number "
                         f"(its condition: {rule.when.source})")
    when = Condition(f"{rule.when.source}  # swept: {indicator} threshold {value:g}", node)
    updated = rule.model_copy(update={"when": when})
    return replace(rules, rules=tuple(updated if r.name == name else r for r in rules.rules))


def _replace(node: Node, indicator: str, value: float) -> tuple[Node, int]:
    if isinstance(node, Compare):
        if (node.name == indicator and node.op in ORDERED and isinstance(node.value, float)):
            return Compare(node.name, node.op, value), 1
        return node, 0
    if isinstance(node, Not):
        inner, changed = _replace(node.operand, indicator, value)
        return Not(inner), changed
    parts = [_replace(part, indicator, value) for part in node.operands]
    return BoolOp(node.op, tuple(p for p, _ in parts)), sum(c for _, c in parts)
