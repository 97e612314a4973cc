"""The fourth scenario generator (bench/scenarios_gen4.py) writes what `vigie backtest` reads.

Its figures are a benchmark (README, docs/detection.md), not a test; this keeps the
benchmark runnable: every replay line, the labels and the configuration load, and its
vigie.yaml points at the repository's shipped rules and playbooks wherever it is run from.
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


def test_a_generated_seed_loads_as_a_backtest_would(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location("vigie_bench_gen4", BENCH / "scenarios_gen4.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    meta = module.gen_seed(2, str(tmp_path))
    folder = tmp_path / "seed-002"
    with gzip.open(folder / "mentions.jsonl.gz", "rt", encoding="utf-8") as fh:
        mentions = [Mention.from_replay(json.loads(line)) for line in fh]
    assert len(mentions) == meta["n_mentions"] > 10_000
    config = config_from_text((folder / "vigie.yaml").read_text())
    assert {t.name for t in config.topics} == {t["name"] for t in meta["topics"]}
    assert Path(config.rules_dir) == BENCH.parent / "alert_rules"
    assert Path(config.playbooks_dir) == BENCH.parent / "playbooks"
    labels = load_labels(folder / "labels.json")
    assert labels and not unknown_types(labels)
    assert {lab["topic"] for lab in labels} <= {t.name for t in config.topics}
    assert any(lab["type"] == "crisis" for lab in labels)
