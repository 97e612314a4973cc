"""`vigie fetch URL_OR_FILE`: the mentions Vigie extracts from one feed, as replay JSONL.

For ops debugging a feed: what Vigie sees, with the same parser and HTTP client as the
poller. Mentions go to stdout; warnings and the summary go to stderr; a document that
cannot be read exits 1 with a one-line reason, never a traceback.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import orjson
import typer

from monitor.errors import SourceError
from monitor.model import Mention, SourceType
from monitor.normalise import url_host
from monitor.sources.feed import parse_document
from monitor.sources.http import HttpClient
from monitor.sources.jsonl import LineError, read_replay

_TYPES = {".json": "application/feed+json", ".atom": "application/atom+xml",
          ".rss": "application/rss+xml", ".rdf": "application/rdf+xml", ".xml": "application/xml"}


def _fail(reason: str) -> typer.Exit:
    typer.echo(f"vigie fetch: {reason}", err=True)
    return typer.Exit(1)


def _emit(mentions: list[Mention]) -> None:
    out = sys.stdout.buffer
    for mention in mentions:
        out.write(orjson.dumps(mention.to_replay()) + b"\n")
    out.flush()


def fetch_target(target: str, source: str | None, source_type: str, now: datetime) -> int:
    """Print the mentions of `target`; returns the number printed. Raises typer.Exit(1)
    with a one-line reason when nothing can be read."""
    if target.startswith(("http://", "https://")):
        with HttpClient() as client:
            try:
                response = client.get(target, now=now)
            except SourceError as exc:
                raise _fail(f"{target}: {exc}") from None
        if response.status != 200:
            raise _fail(f"{target}: HTTP {response.status}")
        if response.warning:
            typer.echo(f"warning: {response.warning}", err=True)
        body, url, content_type = response.body, response.url, response.content_type
        name = source or url_host(url) or "fetch"
    else:
        path = Path(target.removeprefix("file://"))
        name = source or path.name.split(".")[0] or "fetch"
        if path.name.endswith((".jsonl", ".jsonl.gz")):
            return _replay(path)
        try:
            body = path.read_bytes()
        except OSError as exc:
            raise _fail(f"{path}: {exc.strerror or exc}") from None
        url, content_type = path.resolve().as_uri(), _TYPES.get(path.suffix.lower(), "")
    doc = parse_document(body, url=url, content_type=content_type, source=name,
                         source_type=source_type, fetched_at=now)
    if doc.error:
        raise _fail(f"{target}: {doc.error}")
    if doc.warning:
        typer.echo(f"warning: {doc.warning}", err=True)
    _emit(doc.mentions)
    typer.echo(f"{len(doc.mentions)} mention(s) from {doc.feed_title or target} "
               f"({doc.format or 'unknown format'}, source name {name!r})", err=True)
    return len(doc.mentions)


def _replay(path: Path) -> int:
    mentions: list[Mention] = []
    bad = 0
    try:
        for item in read_replay(path):
            if isinstance(item, LineError):
                bad += 1
                typer.echo(f"warning: {item}", err=True)
            else:
                mentions.append(item)
    except OSError as exc:
        raise _fail(f"{path}: {exc.strerror or exc}") from None
    _emit(mentions)
    typer.echo(f"{len(mentions)} mention(s), {bad} bad line(s) in {path}", err=True)
    return len(mentions)


def register(app: typer.Typer) -> None:
    @app.command("fetch")
    def fetch(
        target: Annotated[str, typer.Argument(metavar="URL_OR_FILE",
                                              help="Feed URL, feed file, or .jsonl[.gz] file.")],
        source: Annotated[str | None, typer.Option(
            "--source", help="Source name used in mention ids (default: host or file name); "
            "give the configured name to see the ids the watch stores.")] = None,
        source_type: Annotated[SourceType, typer.Option(
            "--source-type", help="source_type stamped on each mention.")] = SourceType.NEWS,
    ) -> None:
        """Print the mentions Vigie extracts from one feed, as replay JSONL on stdout."""
        fetch_target(target, source, source_type.value, datetime.now(UTC))
