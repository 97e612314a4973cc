"""Load a rules directory into a RuleSet: every file validated, then cross-checked once.

Problems come back together in one ConfigError, each `file:line: field: reason`: duplicate
names, inhibitions naming no rule, inhibition cycles (with the cycle), unknown playbooks,
channels outside an allow-list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from monitor.config.yamlfile import Marks, load_file, load_text, validate
from monitor.errors import ConfigError
from monitor.rules.model import RuleConfig, RuleFile

RULE_SUFFIXES = (".yaml", ".yml")


def rule_files(directory: Path) -> list[Path]:
    """The YAML files directly in `directory`, sorted; hidden files (editor swap and lock
    files such as `.crisis.yaml.swp` or `.#crisis.yaml`) are not rules."""
    return sorted(p for p in directory.iterdir()
                  if p.suffix in RULE_SUFFIXES and not p.name.startswith(".") and p.is_file())


@dataclass(frozen=True)
class RuleSet:
    """Validated rules in evaluation order (an inhibiting rule before the rules it inhibits).

    `inhibited_by[name]` lists the rules whose active alert on a topic inhibits `name` there.
    """

    rules: tuple[RuleConfig, ...] = ()
    inhibited_by: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    files: tuple[Path, ...] = ()

    @property
    def inhibitions(self) -> dict[str, tuple[str, ...]]:
        """source rule -> rules it inhibits (the form written in the files)."""
        out: dict[str, list[str]] = {}
        for target, sources in self.inhibited_by.items():
            for source in sources:
                out.setdefault(source, []).append(target)
        return {k: tuple(v) for k, v in out.items()}

    def rule(self, name: str) -> RuleConfig | None:
        return next((r for r in self.rules if r.name == name), None)

    @classmethod
    def load(
        cls,
        directory: Path | str,
        known_playbooks: set[str] | None = None,
        known_channels: set[str] | None = None,
    ) -> RuleSet:
        """Every `*.yaml`/`*.yml` directly in `directory` (not tests/). Raises ConfigError."""
        directory = Path(directory)
        if not directory.is_dir():
            raise ConfigError([f"{directory}: (directory): not found"])
        paths = rule_files(directory)
        loaded: list[tuple[Any, Marks]] = []
        problems: list[str] = []
        for path in paths:
            try:
                loaded.append(load_file(path))
            except ConfigError as exc:
                problems.extend(exc.problems)
        return _build(loaded, tuple(paths), problems, known_playbooks, known_channels)

    @classmethod
    def from_texts(
        cls,
        texts: Mapping[str, str],
        known_playbooks: set[str] | None = None,
        known_channels: set[str] | None = None,
    ) -> RuleSet:
        """Same as `load`, from {file name: YAML text} (tests, rule test files)."""
        loaded: list[tuple[Any, Marks]] = []
        problems: list[str] = []
        for name, text in texts.items():
            try:
                loaded.append(load_text(text, name))
            except ConfigError as exc:
                problems.extend(exc.problems)
        paths = tuple(Path(n) for n in texts)
        return _build(loaded, paths, problems, known_playbooks, known_channels)


Entry = tuple[RuleConfig, Marks, tuple[str | int, ...], list[str] | None]


def _parse_file(data: Any, marks: Marks, problems: list[str],
                names: set[str]) -> list[Entry]:
    """Validate one file rule by rule, so one bad rule does not hide the others' problems.
    `names` collects every rule name written, valid or not (for inhibition references)."""
    if data is None:
        return []
    if isinstance(data, list):
        raw_rules: Any = data
        prefix: tuple[str | int, ...] = ()
        allowed: list[str] | None = None
    elif isinstance(data, dict):
        try:
            head = validate(RuleFile, {**data, "rules": []}, marks)
        except ConfigError as exc:
            problems.extend(exc.problems)
            return []
        raw_rules, prefix, allowed = data.get("rules") or [], ("rules",), head.channels
        if not isinstance(raw_rules, list):
            problems.append(marks.error(("rules",), "expected a list of rules"))
            return []
    else:
        problems.append(marks.error((), "expected a list of rules or a mapping with rules:"))
        return []
    entries: list[Entry] = []
    for index, raw in enumerate(raw_rules):
        loc: tuple[str | int, ...] = (*prefix, index)
        if not isinstance(raw, dict):
            problems.append(marks.error(loc, "expected a rule (a mapping with name, when, route)"))
            continue
        if isinstance(raw.get("name"), str):
            names.add(raw["name"])
        try:
            entries.append((validate(RuleConfig, raw, marks, loc), marks, loc, allowed))
        except ConfigError as exc:
            problems.extend(exc.problems)
    return entries


def _build(
    loaded: list[tuple[Any, Marks]],
    paths: tuple[Path, ...],
    problems: list[str],
    known_playbooks: set[str] | None,
    known_channels: set[str] | None,
) -> RuleSet:
    entries: list[Entry] = []
    names: set[str] = set()
    for data, marks in loaded:
        entries.extend(_parse_file(data, marks, problems, names))
    problems.extend(_cross_check(entries, known_playbooks, known_channels))
    inhibited_by, order, cycle_problems = _inhibitions(entries, names)
    problems.extend(cycle_problems)
    if problems:
        raise ConfigError(problems)
    by_name = {rule.name: rule for rule, *_ in entries}
    return RuleSet(
        rules=tuple(by_name[name] for name in order),
        inhibited_by={k: tuple(v) for k, v in inhibited_by.items() if v},
        files=paths,
    )


def _cross_check(
    entries: list[Entry],
    known_playbooks: set[str] | None,
    known_channels: set[str] | None,
) -> list[str]:
    problems: list[str] = []
    seen: dict[str, str] = {}
    for rule, marks, loc, allowed in entries:
        if rule.name in seen:
            problems.append(marks.error((*loc, "name"),
                                        f"duplicate rule {rule.name!r} (first at {seen[rule.name]})"))
        else:
            seen[rule.name] = marks.where((*loc, "name"))
        playbook = rule.route.playbook
        if known_playbooks is not None and playbook and playbook not in known_playbooks:
            known = ", ".join(sorted(known_playbooks)) or "none found"
            problems.append(marks.error((*loc, "route", "playbook"),
                                        f"unknown playbook {playbook!r} (known: {known})"))
        for channel in rule.route.all_channels():
            for allow, origin in ((allowed, "the file's channels"), (known_channels, "Slack settings")):
                if allow is not None and channel not in allow:
                    problems.append(marks.error(
                        (*loc, "route", "channels"),
                        f"unknown channel {channel!r}: not in {origin} ({', '.join(sorted(allow))})",
                    ))
    return problems


def _inhibitions(
    entries: list[Entry], written: set[str],
) -> tuple[dict[str, list[str]], list[str], list[str]]:
    """Resolve `inhibits` globs, detect cycles; returns (inhibited_by, order, problems)."""
    names = list(dict.fromkeys(rule.name for rule, *_ in entries))
    edges: dict[str, list[str]] = {name: [] for name in names}
    where: dict[str, tuple[Marks, tuple[str | int, ...]]] = {}
    problems: list[str] = []
    for rule, marks, loc, _ in entries:
        where.setdefault(rule.name, (marks, loc))
        for index, pattern in enumerate(rule.inhibits):
            targets = [n for n in names if fnmatchcase(n, pattern)]
            if not targets and not any(fnmatchcase(n, pattern) for n in written):
                problems.append(marks.error((*loc, "inhibits", index),
                                            f"inhibits {pattern!r}, which matches no rule"))
            for target in targets:
                if target not in edges[rule.name]:
                    edges[rule.name].append(target)
    cycle = _find_cycle(names, edges)
    if cycle:
        marks, loc = where[cycle[0]]
        problems.append(marks.error((*loc, "inhibits"),
                                    "inhibition cycle: " + " -> ".join(cycle)))
    inhibited_by: dict[str, list[str]] = {name: [] for name in names}
    for source, targets in edges.items():
        for target in targets:
            inhibited_by[target].append(source)
    order = names if cycle else _topological(names, edges)
    return inhibited_by, order, problems


def _find_cycle(names: list[str], edges: dict[str, list[str]]) -> list[str] | None:
    """The first cycle found, as [a, b, ..., a]; None when the graph is acyclic."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in edges.get(node, []):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt):], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for name in names:
        if name not in state:
            found = visit(name)
            if found:
                return found
    return None


def _topological(names: list[str], edges: dict[str, list[str]]) -> list[str]:
    """Inhibiting rules first, otherwise file order (stable)."""
    indegree = {n: 0 for n in names}
    for targets in edges.values():
        for target in targets:
            indegree[target] += 1
    order: list[str] = []
    ready = [n for n in names if indegree[n] == 0]
    while ready:
        node = ready.pop(0)
        order.append(node)
        for target in edges[node]:
            indegree[target] -= 1
            if indegree[target] == 0:
                ready.append(target)
        ready.sort(key=names.index)
    return order


def playbook_names(directory: Path | str) -> set[str]:
    """The `name:` of every playbook file in `directory` (file stem when it has none).
    Unreadable files are skipped: the playbook check reports those."""
    directory = Path(directory)
    names: set[str] = set()
    if not directory.is_dir():
        return names
    for path in sorted(directory.iterdir()):
        if path.suffix not in RULE_SUFFIXES:
            continue
        try:
            data, _ = load_file(path)
        except ConfigError:
            continue
        if isinstance(data, dict) and isinstance(data.get("name"), str):
            names.add(data["name"])
        else:
            names.add(path.stem)
    return names
