"""Which rules an event reaches, and why: `vigie rules route`, in the spirit of
`amtool config routes test`. Pure: no state, so `for`, repeats, silences and quiet hours are
described rather than applied."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from monitor.model import EpisodeEvent
from monitor.rules.evaluate import lookup_for
from monitor.rules.loader import RuleSet
from monitor.rules.model import RuleConfig


@dataclass(frozen=True)
class RuleMatch:
    rule: RuleConfig
    topic_selected: bool
    condition: bool | None  # None: unknown (an indicator it reads is missing)
    missing: tuple[str, ...]  # indicators the condition reads that the event lacks
    inhibited_by: tuple[str, ...]  # matching rules that would inhibit this one

    @property
    def matches(self) -> bool:
        return self.topic_selected and self.condition is True


def explain(rules: RuleSet, labels: Mapping[str, str], event: EpisodeEvent) -> list[RuleMatch]:
    """One RuleMatch per rule, in evaluation order."""
    lookup = lookup_for(event, labels)
    out: list[RuleMatch] = []
    matched: set[str] = set()
    for rule in rules.rules:
        selected = rule.topics.matches(event.topic, dict(labels))
        result = rule.when.evaluate(lookup) if selected else False
        missing = tuple(sorted(n for n in rule.when.names() if lookup(n) is None))
        inhibitors = tuple(s for s in rules.inhibited_by.get(rule.name, ()) if s in matched)
        if selected and result is True:
            matched.add(rule.name)
        out.append(RuleMatch(rule, selected, result, missing, inhibitors))
    return out
