"""Mentions from a JSONL file in the replay format (`Mention.to_replay`), plain or gzip.

The source resumes from the byte offset saved in FetchState, so a file another process
appends to is imported incrementally; a bad line is reported with its number and skipped.
`read_replay` is the same reader for a whole file (the backtest uses it).
"""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any, ClassVar

import orjson

from monitor.config.files import SourceConfig
from monitor.model import Mention
from monitor.normalise import story_key
from monitor.sources.base import FetchResult, FetchState
from monitor.timeutil import to_epoch

# Lines read per poll: a huge file is imported over several polls, each one bounded in
# memory; the next poll is due at once while more remains.
MAX_LINES_PER_FETCH = 100_000


@dataclass(frozen=True, slots=True)
class LineError:
    """One line that could not be read as a mention."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


def file_path(url: str) -> Path:
    """A source `url` (`file:///x.jsonl`, `/x.jsonl`, `x.jsonl`) as a path."""
    return Path(url.removeprefix("file://"))


def parse_line(
    raw: bytes, *, default_source: str | None = None, default_type: str | None = None
) -> Mention:
    """One replay-format line as a Mention; raises ValueError with a one-line reason.
    Missing `source`/`source_type` take the defaults; a missing `story` is computed."""
    try:
        data: Any = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    if default_source and not data.get("source"):
        data["source"] = default_source
    if default_type and not data.get("source_type"):
        data["source_type"] = default_type
    if not data.get("story"):
        url, title, text = data.get("url"), data.get("title"), data.get("text")
        if all(isinstance(v, str) or v is None for v in (url, title, text)):
            # Computed before the Mention is built: rebuilding it would cost as much again.
            data["story"] = story_key(url or "", title or "", text or "")
    try:
        mention = Mention.from_replay(data)
    except (TypeError, AttributeError) as exc:  # e.g. "published": 5
        raise ValueError(f"wrong field type ({exc})") from None
    return mention


def _open(path: Path) -> IO[bytes]:
    if path.suffix == ".gz":
        return gzip.GzipFile(path, "rb")  # type: ignore[return-value]  # a binary IO
    return open(path, "rb")


def read_replay(path: Path | str) -> Iterator[Mention | LineError]:
    """Every line of a replay file (.jsonl or .jsonl.gz) in order: a Mention, or a
    LineError naming the line; blank lines are skipped. A missing or unreadable file
    raises OSError; a gzip file cut short ends with a LineError."""
    path = Path(path)
    number = 0
    with _open(path) as handle:
        try:
            for number, raw in enumerate(handle, start=1):  # noqa: B007 - used after the loop
                if not raw.strip():
                    continue
                try:
                    yield parse_line(raw)
                except ValueError as exc:
                    yield LineError(str(path), number, str(exc))
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield LineError(str(path), number + 1, f"compressed file cut short ({exc})")


class JsonlSource:
    """A replay-format file, imported incrementally from the saved byte offset.

    A file that shrank below the offset was rotated or rewritten: it is read again from
    the start. A last line without its newline is left for the next poll unless it is
    already complete JSON (a writer may be in the middle of it).
    """

    kind: ClassVar[str] = "jsonl"

    def __init__(self, config: SourceConfig, client: object | None = None,
                 max_lines: int = MAX_LINES_PER_FETCH) -> None:
        self.config = config
        self.path = file_path(config.url)
        self.max_lines = max_lines

    def _error(self, state: FetchState, now: datetime, reason: str) -> FetchResult:
        return FetchResult(
            status="error", error=reason,
            state=state.evolve(consecutive_failures=state.consecutive_failures + 1,
                               next_poll_at=to_epoch(now) + self.config.interval),
        )

    def fetch(self, state: FetchState, now: datetime) -> FetchResult:
        """Read the lines appended since the last poll. Never raises."""
        try:
            size = os.stat(self.path).st_size
        except FileNotFoundError:
            return self._error(state, now, f"file not found: {self.path}")
        except OSError as exc:
            return self._error(state, now, f"cannot read {self.path}: {exc.strerror or exc}")
        offset, line_no, notes = state.offset, state.line, []
        gz = self.path.suffix == ".gz"
        if not gz and size < offset:
            notes.append(f"file shrank below offset {offset}: read again from the start")
            offset, line_no = 0, 0
        start = offset
        mentions: list[Mention] = []
        bad: list[LineError] = []
        more = False
        try:
            with _open(self.path) as handle:
                handle.seek(offset)
                for count, raw in enumerate(iter(handle.readline, b"")):
                    if count >= self.max_lines:
                        more = True
                        break
                    if not raw.endswith(b"\n") and not gz:
                        try:
                            orjson.loads(raw)
                        except orjson.JSONDecodeError:
                            break  # being written: read it next poll
                    offset += len(raw)
                    line_no += 1
                    if not raw.strip():
                        continue
                    try:
                        mentions.append(parse_line(raw, default_source=self.config.name,
                                                   default_type=self.config.source_type.value))
                    except ValueError as exc:
                        bad.append(LineError(str(self.path), line_no, str(exc)))
        except (OSError, EOFError, zlib.error) as exc:
            if not mentions and not bad:
                return self._error(state, now, f"cannot read {self.path}: {exc}")
            notes.append(f"stopped at line {line_no + 1}: {exc}")
        if bad:
            shown = "; ".join(f"line {e.line}: {e.reason}" for e in bad[:3])
            notes.insert(0, f"{len(bad)} bad line(s) skipped ({shown})")
        next_poll = to_epoch(now) + (0.0 if more else self.config.interval)
        new_state = state.evolve(offset=offset, line=line_no, consecutive_failures=0,
                                 last_url=str(self.path), next_poll_at=next_poll)
        return FetchResult(status="ok", state=new_state, mentions=mentions,
                           bytes=offset - start,
                           warning="; ".join(notes) or None)
