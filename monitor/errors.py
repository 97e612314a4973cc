"""One small error hierarchy; `recoverable` tells the retry stage whether trying again can help."""

from __future__ import annotations


class VigieError(Exception):
    """Base of every error Vigie raises on purpose."""


class ConfigError(VigieError):
    """A configuration, rule or playbook file is invalid.

    `problems` holds one `file:line: field: reason` string per problem, so a check command
    can print them all at once instead of stopping at the first.
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class SourceError(VigieError):
    """A source could not be fetched or read; the feed is marked unhealthy, nothing else."""

    def __init__(self, message: str, *, recoverable: bool = True, retry_after: float | None = None):
        super().__init__(message)
        self.recoverable = recoverable
        self.retry_after = retry_after


class NotifyError(VigieError):
    """A notification could not be delivered."""

    def __init__(self, message: str, *, recoverable: bool = True, retry_after: float | None = None):
        super().__init__(message)
        self.recoverable = recoverable
        self.retry_after = retry_after
