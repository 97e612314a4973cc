"""The parallel replay behind `vigie backtest` gives exactly the one-process replay's result.

Phase 1 (lines -> prepared mentions) is split by chunks of lines and phase 2 (counting and
detection) by groups of topics; both are held here to `load_mentions` + `prepare_all` +
`count_series` + `detect_series` on the same files: same bad lines, same mentions, same events
in the same order, for every configuration of a sweep.
"""

from __future__ import annotations

import gzip
import random
from dataclasses import replace
from pathlib import Path

import orjson
import pytest

from monitor import backtest, replay_pool
from monitor.config.files import config_from_text
from monitor.pipeline import Ingestor
from monitor.replay import count_series, detect_series, prepare_all
from tests.core.stream import stream

CONFIG = ("topics:\n  - name: acme\n    query: acme\n  - name: cereal\n    query: cereal OR céréales\n"
          "  - name: boycott\n    query: boycott\n")


def _files(tmp_path: Path) -> list[Path]:
    """Two files, shuffled lines, a redelivered id, bad lines, a blank line, mentions that
    match nothing, syndicated copies and pre-set topics."""
    rng = random.Random(8)
    mentions = stream(seed=5)
    extra = [replace(m, id=f"x{i}", url=m.url, author=f"other{i}") for i, m in
             enumerate(mentions[::9])]  # same story from other authors: syndication
    extra += [replace(m, id=f"n{i}", text="nothing to see here", url="") for i, m in
              enumerate(mentions[::13])]
    extra += [replace(m, id=f"t{i}", topics=("custom",)) for i, m in enumerate(mentions[::17])]
    lines = [orjson.dumps(m.to_replay()) for m in mentions + extra]
    lines.append(orjson.dumps(mentions[10].to_replay()))  # redelivered
    rng.shuffle(lines)
    lines[5:5] = [b"{not json}", b"", b'{"id": "z", "published": 5, "text": "acme"}']
    half = len(lines) // 2
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    first.write_bytes(b"\n".join(lines[:half]) + b"\n")
    with gzip.open(second, "wb") as handle:
        handle.write(b"\n".join(lines[half:]) + b"\n")
    return [first, second]


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_parallel_replay_equals_the_serial_replay(tmp_path: Path, processes: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(replay_pool, "CHUNK", 64)  # many chunks per file, read as needed
    config = config_from_text(CONFIG)
    # Two values of a classification threshold (one detection, reclassified) and one of a
    # detector setting (detected apart).
    configs = [config] + [backtest.with_setting(config, "crisis_min_authors", v) for v in (5, 50)]
    configs.append(backtest.with_setting(config, "open_surprise", 12.0))
    paths = _files(tmp_path)

    serial_bad: list[str] = []
    items = backtest.load_mentions(paths, serial_bad.append)
    prepared = prepare_all(items, Ingestor.from_config(config))
    series = count_series(prepared, config)
    expected = [[e.to_dict() for e in detect_series(series, c)] for c in configs]
    assert any(expected), "the stream must raise events for the comparison to mean anything"
    assert expected[1] != expected[2] and expected[3] != expected[0], "variants must differ"

    bad: list[str] = []
    seen: list[tuple[int, int]] = []
    loaded = replay_pool.load(paths, config, processes, bad.append,
                              lambda done, total: seen.append((done, total)))
    got = replay_pool.detect(loaded, configs, processes)
    total = sum(p.stat().st_size for p in paths)
    assert len(seen) > 10 and seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert sorted(bad) == sorted(serial_bad) and len(bad) == 2
    assert loaded.mentions == len(items)
    assert len(loaded.records) == len(prepared)
    assert [r[1] for r in loaded.records] == [p.mention.id for p in prepared]
    assert [[e.to_dict() for e in events] for events in got] == expected
    assert {e["topic"] for events in expected for e in events} >= {"acme", "cereal"}


def test_a_compressed_file_cut_short_keeps_its_complete_lines(tmp_path: Path) -> None:
    mentions = stream(seed=2, days=0.5)
    whole = gzip.compress(b"".join(orjson.dumps(m.to_replay()) + b"\n" for m in mentions))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    serial_bad: list[str] = []
    items = backtest.load_mentions([path], serial_bad.append)
    bad: list[str] = []
    loaded = replay_pool.load([path], config_from_text(CONFIG), 2, bad.append)
    assert loaded.mentions == len(items) > 0
    assert bad == serial_bad and "cut short" in bad[0]


def test_no_mentions_no_events(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    loaded = replay_pool.load([path], config_from_text(CONFIG), 2, print)
    assert replay_pool.detect(loaded, [config_from_text(CONFIG)], 2) == [[]]
