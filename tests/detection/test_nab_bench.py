"""bench/nab.py: the NAB score stream is causal and marks an opening once."""

from __future__ import annotations

import importlib.util
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

from monitor.detection.engine import Detector
from monitor.detection.settings import DetectionSettings

BENCH = Path(__file__).resolve().parents[2] / "bench" / "nab.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("nab_bench", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["nab_bench"] = module
    spec.loader.exec_module(module)
    return module


def _write(path: Path, values: list[int]) -> None:
    t0 = datetime(2015, 3, 1, 0, 2, 53, tzinfo=UTC)
    lines = ["timestamp,value"] + [
        f"{(t0 + timedelta(minutes=5 * i)).strftime('%Y-%m-%d %H:%M:%S')},{v}"
        for i, v in enumerate(values)]
    path.write_text("\n".join(lines) + "\n")


def test_nab_scores_are_causal_and_mark_a_lasting_spike_once(tmp_path: Path) -> None:
    """The score of each row does not depend on later rows, and a lasting spike after two
    quiet days gives exactly one score above 0.5, `score_delay` (2 h: 23 rows after its
    first) after it starts, or 30 minutes after it (5 rows) by default, since it adds half
    its record by then (`score_early`)."""
    rng = random.Random(5)
    values = [sum(rng.random() < 0.3 for _ in range(30)) for _ in range(620)]
    spike = 580
    for i in range(spike, 620):
        values[i] += 60
    nab = _bench()
    full, cut = tmp_path / "full.csv", tmp_path / "cut.csv"
    _write(full, values)
    settings = DetectionSettings()
    delay = int(settings.seconds("score_delay")) // 300 - 1
    _write(cut, values[:spike + delay + 1])
    scores = [s for _, _, s in nab.run_series(full, Detector(settings))]
    prefix = [s for _, _, s in nab.run_series(cut, Detector(settings))]
    assert prefix == scores[:spike + delay + 1]
    assert all(0.0 <= s < 1.0 for s in scores)
    assert [i for i, s in enumerate(scores) if s > 0.5] == [spike + 5]
    on_time = DetectionSettings(score_early=0)
    scores = [s for _, _, s in nab.run_series(full, Detector(on_time))]
    assert [i for i, s in enumerate(scores) if s > 0.5] == [spike + delay]
