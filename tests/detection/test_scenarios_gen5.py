"""The fifth scenario generator (bench/scenarios_gen5.py) writes what `vigie backtest` reads.

Its figures are a benchmark (docs/detection.md), not a test; this keeps it runnable: every
replay line, the labels and the configuration load, every labelled topic is configured, and
the same seed writes the same stream.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path

from monitor.config.files import config_from_text
from monitor.detection.labels import load_labels, unknown_types
from monitor.model import Mention

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _module():
    spec = importlib.util.spec_from_file_location("vigie_bench_gen5", BENCH / "scenarios_gen5.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_generated_seed_loads_as_a_backtest_would(tmp_path: Path) -> None:
    gen5 = _module()
    result = gen5.build_seed(3, tmp_path / "a")
    folder = tmp_path / "a"
    with gzip.open(folder / "mentions.jsonl.gz", "rt", encoding="utf-8") as fh:
        lines = fh.read().splitlines()
    mentions = [Mention.from_replay(json.loads(line)) for line in lines]
    assert len(mentions) == result["mentions"] > 5_000
    config = config_from_text((folder / "vigie.yaml").read_text())
    labels = load_labels(folder / "labels.json")
    assert len(labels) == result["events"] and not unknown_types(labels)
    assert {lab["topic"] for lab in labels} <= {t.name for t in config.topics}
    assert any(lab["type"] == "crisis" for lab in labels)
    meta = json.loads((folder / "meta.json").read_text())
    assert [e["type"] for e in meta["events"]] == [lab["type"] for lab in labels]
    gen5.build_seed(3, tmp_path / "b")
    with gzip.open(tmp_path / "b" / "mentions.jsonl.gz", "rt", encoding="utf-8") as fh:
        assert fh.read().splitlines() == lines
