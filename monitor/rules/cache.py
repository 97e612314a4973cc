"""Hot reload for workers: re-read the rules directory when a file changes, keep the last
good RuleSet when the new files are invalid. Adapter side (it stats files); the engine stays
pure.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from monitor.config.reload import fingerprint as file_fingerprint
from monitor.errors import ConfigError
from monitor.rules.loader import RuleSet, playbook_names, rule_files

log = logging.getLogger(__name__)

Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(*directories: Path | None) -> Fingerprint:
    """(path, mtime_ns, size) of every rule or playbook file: a change to any of them,
    a new file or a removed one changes the fingerprint."""
    return file_fingerprint([path for directory in directories
                             if directory is not None and directory.is_dir()
                             for path in rule_files(directory)])


class RuleCache:
    """`get()` returns the current RuleSet, reloading when the files changed.

    On a ConfigError the previous RuleSet stays in use and `error` holds the problems (logged
    once per change), so `vigie run` keeps alerting with the last good rules. Before any
    good load, `get()` raises the ConfigError.
    """

    def __init__(self, rules_dir: Path, playbooks_dir: Path | None = None,
                 known_channels: set[str] | None = None,
                 loader: Callable[..., RuleSet] = RuleSet.load) -> None:
        self.rules_dir = Path(rules_dir)
        self.playbooks_dir = Path(playbooks_dir) if playbooks_dir else None
        self.known_channels = known_channels
        self._loader = loader
        self._print: Fingerprint | None = None
        self.rules: RuleSet | None = None
        self.error: ConfigError | None = None
        self.generation = 0  # bumped on every successful (re)load

    def get(self) -> RuleSet:
        current = fingerprint(self.rules_dir, self.playbooks_dir)
        if current != self._print:
            self._print = current
            self._reload()
        if self.rules is None:
            assert self.error is not None
            raise self.error
        return self.rules

    def _reload(self) -> None:
        playbooks = playbook_names(self.playbooks_dir) if self.playbooks_dir else None
        try:
            rules = self._loader(self.rules_dir, known_playbooks=playbooks,
                                 known_channels=self.known_channels)
        except ConfigError as exc:
            self.error = exc
            kept = "keeping the last good rules" if self.rules else "no rules loaded"
            log.error("alert rules invalid (%s):\n%s", kept, "\n".join(exc.problems))
            return
        self.rules, self.error = rules, None
        self.generation += 1
        log.info("alert rules loaded: %d rules from %d files", len(rules.rules), len(rules.files))
