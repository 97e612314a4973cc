"""`vigie score`: sentiment of JSON lines on stdin, through the same router as ingestion."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, TextIO

import orjson
import typer

from monitor.pipeline import scoring_text
from monitor.query import TopicMatcher
from monitor.sentiment.router import SentimentRouter
from monitor.sentiment.settings import SentimentSettings


def _parse(line: str) -> tuple[str, str | None, Any]:
    """(text, lang, id) of one input line; raises ValueError saying what is wrong."""
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object with a `text` field")
    text = data.get("text")
    if not isinstance(text, str):
        raise ValueError("`text` is missing or not a string")
    lang = data.get("lang")
    if lang is not None and not isinstance(lang, str):
        raise ValueError("`lang` must be a string or null")
    return text, lang, data.get("id")


def score_lines(lines: Iterable[str], router: SentimentRouter, out: TextIO, err: TextIO,
                matcher: TopicMatcher | None = None) -> int:
    """Write one JSON object per input line to `out`, in order; return the number of bad lines.

    A good line gives {"line", ["id",] ["topics",] "lang", "compound", "label", "pos", "neu",
    "neg", "scorer"}; a bad one gives {"line", "error"} on `out` and `line N: reason` on
    `err`, and the next lines are still scored. Blank lines are skipped. With a `matcher`
    (the configuration's topics), a text is scored as ingestion scores it: matched, and
    without the names of the topics it matches (TopicMatcher.without_names); camel-case
    hashtags are read as words either way (pipeline.scoring_text).
    """
    bad = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            text, lang, ident = _parse(line)
        except ValueError as exc:
            bad += 1
            out.write(orjson.dumps({"line": number, "error": str(exc)}).decode() + "\n")
            err.write(f"line {number}: {exc}\n")
            continue
        topics = matcher.match(text) if matcher is not None else ()
        scores = router.score(scoring_text(text, topics, matcher), lang)
        result: dict[str, Any] = {"line": number}
        if ident is not None:
            result["id"] = ident
        if matcher is not None:
            result["topics"] = list(topics)
        result.update(
            lang=scores.lang,
            compound=scores.compound,
            label=scores.label.value if scores.label else None,
            pos=scores.pos,
            neu=scores.neu,
            neg=scores.neg,
            scorer=scores.scorer,
        )
        out.write(orjson.dumps(result).decode() + "\n")
    out.flush()
    return bad


def _router_and_matcher(config: Path | None) -> tuple[SentimentRouter, TopicMatcher | None]:
    if config is None:
        return SentimentRouter(SentimentSettings()), None
    from monitor.config.files import load_config

    loaded = load_config(config)
    return (SentimentRouter(loaded.sentiment),
            TopicMatcher([(t.name, t.query) for t in loaded.topics]))


def register(app: typer.Typer) -> None:
    @app.command("score")
    def score(
        config: Annotated[
            Path | None,
            typer.Option("--config", "-c", help="vigie.yaml whose `sentiment:` settings apply, "
                         "and whose topics' names are cut before scoring, as ingestion does "
                         "(default: built-in settings, languages en and fr, no topics)."),
        ] = None,
    ) -> None:
        """Score JSON lines from stdin ({"text": ..., "lang": optional}); one JSON line out per
        line in. Bad lines give an error object and a stderr message; exit 1 if any was bad."""
        from monitor.errors import ConfigError

        try:
            router, matcher = _router_and_matcher(config)
        except ConfigError as exc:
            for problem in exc.problems:
                sys.stderr.write(problem + "\n")
            raise typer.Exit(2) from None
        bad = score_lines(sys.stdin, router, sys.stdout, sys.stderr, matcher)
        if bad:
            raise typer.Exit(1)
