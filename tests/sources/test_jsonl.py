"""JSONL replay files: read_replay and the incremental JsonlSource."""

from __future__ import annotations

import gzip
from datetime import timedelta
from pathlib import Path

import orjson

from monitor.config.files import SourceConfig
from monitor.model import Mention
from monitor.sources.base import FetchState
from monitor.sources.jsonl import JsonlSource, LineError, read_replay
from tests.sources.conftest import NOW


def line(i: int, **extra: object) -> bytes:
    data = {"id": f"m{i}", "published": "2026-03-01T10:00:00Z", "source": "replay",
            "source_type": "social", "author": f"u{i}", "url": f"https://x.example/{i}",
            "title": "", "text": f"post {i}", **extra}
    return orjson.dumps(data) + b"\n"


def test_read_replay_yields_mentions_and_line_errors(tmp_path: Path):
    """Good lines become Mentions (story filled in); bad lines are LineErrors with numbers."""
    path = tmp_path / "a.jsonl"
    path.write_bytes(line(1) + b"{not json\n" + b"\n" + line(2, reach=10, topics=["acme"])
                     + orjson.dumps({"id": "x", "text": "no date"}) + b"\n" + b"[1,2]\n"
                     + line(3, published=5) + line(4, text=["x"]))
    items = list(read_replay(path))
    mentions = [i for i in items if isinstance(i, Mention)]
    errors = [i for i in items if isinstance(i, LineError)]
    assert [m.id for m in mentions] == ["m1", "m2"]
    assert mentions[0].story == "https://x.example/1"
    assert mentions[1].reach == 10 and mentions[1].topics == ("acme",)
    assert [e.line for e in errors] == [2, 5, 6, 7, 8]
    assert "published" in errors[1].reason and "object" in errors[2].reason


def test_read_replay_gzip_and_round_trip(tmp_path: Path):
    """A .jsonl.gz file reads the same; to_replay output reads back equal."""
    original = next(iter(read_replay(_write(tmp_path / "p.jsonl", line(1)))))
    assert isinstance(original, Mention)
    path = tmp_path / "b.jsonl.gz"
    path.write_bytes(gzip.compress(orjson.dumps(original.to_replay()) + b"\n"))
    assert list(read_replay(path)) == [original]


def test_read_replay_cut_gzip_reports_a_line_error(tmp_path: Path):
    """A gzip file cut short ends with a LineError instead of an exception."""
    data = gzip.compress(b"".join(line(i) for i in range(200)))
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(read_replay(path))
    assert isinstance(items[-1], LineError) and "cut short" in items[-1].reason


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _source(path: Path, **kw) -> JsonlSource:
    return JsonlSource(SourceConfig(name="imp", url=str(path), kind="jsonl",
                                    source_type="forum"), None, **kw)


def test_source_imports_a_growing_file_incrementally(tmp_path: Path):
    """Each poll reads only the lines appended since the saved offset."""
    path = _write(tmp_path / "g.jsonl", line(1) + line(2))
    source = _source(path)
    first = source.fetch(FetchState(), NOW)
    assert [m.id for m in first.mentions] == ["m1", "m2"] and first.state.offset == path.stat().st_size
    assert source.fetch(first.state, NOW).mentions == []
    with path.open("ab") as handle:
        handle.write(line(3))
    third = source.fetch(first.state, NOW + timedelta(minutes=1))
    assert [m.id for m in third.mentions] == ["m3"] and third.state.line == 3


def test_partial_last_line_waits_for_the_next_poll(tmp_path: Path):
    """A last line still being written is left for the next poll, then read whole."""
    full = line(2)
    path = _write(tmp_path / "p.jsonl", line(1) + full[:20])
    source = _source(path)
    first = source.fetch(FetchState(), NOW)
    assert [m.id for m in first.mentions] == ["m1"]
    with path.open("ab") as handle:
        handle.write(full[20:])
    assert [m.id for m in source.fetch(first.state, NOW).mentions] == ["m2"]


def test_bad_lines_are_reported_with_numbers_and_skipped(tmp_path: Path):
    """A bad line is a warning naming its line; the others are imported."""
    path = _write(tmp_path / "b.jsonl", line(1) + b"garbage\n" + line(3))
    result = _source(path).fetch(FetchState(), NOW)
    assert result.status == "ok" and [m.id for m in result.mentions] == ["m1", "m3"]
    assert "line 2" in (result.warning or "")


def test_defaults_fill_missing_source_fields(tmp_path: Path):
    """Lines without source/source_type take the configured name and type."""
    data = orjson.dumps({"id": "z", "published": "2026-03-01T10:00:00Z", "text": "hi"}) + b"\n"
    m = _source(_write(tmp_path / "d.jsonl", data)).fetch(FetchState(), NOW).mentions[0]
    assert m.source == "imp" and m.source_type == "forum"


def test_rotated_file_is_read_from_the_start(tmp_path: Path):
    """A file that shrank below the saved offset is read again from the start."""
    path = _write(tmp_path / "r.jsonl", line(1) + line(2) + line(3))
    source = _source(path)
    state = source.fetch(FetchState(), NOW).state
    path.write_bytes(line(9))
    result = source.fetch(state, NOW)
    assert [m.id for m in result.mentions] == ["m9"] and "start" in (result.warning or "")


def test_large_file_is_imported_in_bounded_slices(tmp_path: Path):
    """With max_lines=2, five lines take three polls; the next poll is due at once."""
    path = _write(tmp_path / "l.jsonl", b"".join(line(i) for i in range(5)))
    source = _source(path, max_lines=2)
    state, seen = FetchState(), []
    for _ in range(3):
        result = source.fetch(state, NOW)
        seen += [m.id for m in result.mentions]
        state = result.state
    assert seen == [f"m{i}" for i in range(5)]


def test_missing_file_is_an_error(tmp_path: Path):
    """A missing file is an error result, never an exception."""
    result = _source(tmp_path / "nope.jsonl").fetch(FetchState(), NOW)
    assert result.status == "error" and "not found" in (result.error or "")
    assert result.state.consecutive_failures == 1


def test_source_type_synonyms_read_as_the_five_kinds(tmp_path: Path):
    """`press` counts as news pickup and `Twitter` as social; an unknown platform stays a
    kind of its own, in lower case."""
    path = tmp_path / "a.jsonl"
    path.write_bytes(line(1, source_type="press") + line(2, source_type="Twitter")
                     + line(3, source_type="Hacker News") + line(4, source_type="Lemmy")
                     + line(5, source_type="news"))
    kinds = [m.source_type for m in read_replay(path) if isinstance(m, Mention)]
    assert kinds == ["news", "social", "forum", "lemmy", "news"]
