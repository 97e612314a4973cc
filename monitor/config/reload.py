"""Hot reload of behaviour files: re-read when a file changes, keep the last good version.

A worker never stops on a bad edit: it logs the problems once and goes on with what it had.
Nothing starts on a bad file, though: the first load must succeed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from monitor.errors import ConfigError

T = TypeVar("T")
log = logging.getLogger(__name__)


def fingerprint(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """What changes when a file is edited, added or removed (path, mtime, size)."""
    out = []
    for path in sorted(paths):
        try:
            st = path.stat()
        except FileNotFoundError:
            continue
        out.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(out)


class Reloading(Generic[T]):
    """`get()` returns the current value, reloading it when `watched()` files change."""

    def __init__(self, load: Callable[[], T], watched: Callable[[], list[Path]], name: str):
        self._load, self._watched, self.name = load, watched, name
        self._value: T | None = None
        self._print: tuple[tuple[str, int, int], ...] | None = None
        self.last_error: ConfigError | None = None

    def get(self) -> T:
        current = fingerprint(self._watched())
        if self._value is not None and current == self._print:
            return self._value
        try:
            value = self._load()
        except ConfigError as exc:
            if self._value is None:
                raise
            if self.last_error is None or self.last_error.problems != exc.problems:
                log.error("%s: keeping the last good version; new one is invalid:\n%s",
                          self.name, exc)
            self.last_error = exc
            self._print = current
            return self._value
        if self._value is not None:
            log.info("%s reloaded", self.name)
        self._value, self._print, self.last_error = value, current, None
        return value
