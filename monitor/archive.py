"""The mention archive: one gzip-compressed JSONL file per UTC day, in the replay format.

Every accepted mention is appended, so any past period can be replayed with `vigie backtest`.
Each append writes one complete gzip member under an exclusive lock: several worker processes
may share the folder, and a crash mid-write leaves earlier members readable. A redelivered
batch may append a mention twice; replays drop exact duplicates by id, so nothing counts twice.
"""

from __future__ import annotations

import fcntl
import gzip
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import orjson

from monitor.model import Mention


def archive_path(folder: Path, day: str) -> Path:
    return folder / f"mentions-{day}.jsonl.gz"


def append(folder: Path, mentions: Iterable[Mention]) -> int:
    """Append mentions to their day's file; returns how many were written."""
    by_day: dict[str, list[bytes]] = defaultdict(list)
    for mention in mentions:
        day = mention.published.strftime("%Y-%m-%d")
        by_day[day].append(orjson.dumps(mention.to_replay()) + b"\n")
    if not by_day:
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for day, lines in by_day.items():
        member = gzip.compress(b"".join(lines), compresslevel=6)
        with open(archive_path(folder, day), "ab") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                handle.write(member)
                handle.flush()
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
        written += len(lines)
    return written


def days(folder: Path) -> list[Path]:
    return sorted(folder.glob("mentions-*.jsonl.gz"))
