"""Where mentions come from. A new platform is one module with a Source class and one
entry in SOURCES; the poller only ever calls `make_source(cfg, client).fetch(state, now)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from monitor.config.files import SourceConfig
from monitor.sources.base import FetchResult, FetchState, ParsedDocument, Source
from monitor.sources.feed import FeedSource, parse_document
from monitor.sources.http import HttpClient, HttpSettings
from monitor.sources.jsonl import JsonlSource, LineError, read_replay
from monitor.timeutil import to_epoch

SOURCES: dict[str, Callable[..., Source]] = {
    "feed": FeedSource,
    "jsonl": JsonlSource,
}

# Threads, not asyncio: see monitor/sources/http.py for the measurements.
DEFAULT_WORKERS = 10


def make_source(cfg: SourceConfig, client: HttpClient | None) -> Source:
    """The Source for one configured source; raises KeyError naming an unknown kind."""
    try:
        factory = SOURCES[cfg.kind]
    except KeyError:
        raise KeyError(f"unknown source kind {cfg.kind!r} (known: {', '.join(SOURCES)})") from None
    return factory(cfg, client)


def fetch_all(
    jobs: Iterable[tuple[Source, FetchState]], now: datetime, workers: int = DEFAULT_WORKERS
) -> list[FetchResult]:
    """Fetch several sources on a thread pool; results in the order of `jobs`. A source
    that breaks its contract and raises still yields an error result for that one feed."""

    def one(job: tuple[Source, FetchState]) -> FetchResult:
        source, state = job
        try:
            return source.fetch(state, now)
        except Exception as exc:  # contract breach: contain it to this feed
            config = getattr(source, "config", None)
            interval = float(getattr(config, "interval", 300.0))
            return FetchResult(
                status="error", state=state.evolve(
                    consecutive_failures=state.consecutive_failures + 1,
                    next_poll_at=to_epoch(now) + interval),
                error=f"source crashed: {exc.__class__.__name__}: {exc}"[:240],
            )

    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="vigie-fetch") as pool:
        return list(pool.map(one, list(jobs)))


__all__ = [
    "SOURCES", "FeedSource", "FetchResult", "FetchState", "HttpClient", "HttpSettings",
    "JsonlSource", "LineError", "ParsedDocument", "Source", "fetch_all", "make_source",
    "parse_document", "read_replay",
]
