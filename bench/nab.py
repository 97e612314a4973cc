"""NAB realTweets: the product's volume detector, run causally, scored by NAB's rules.

    python bench/nab.py --out DIR [--shared ../shared]

Each series is fed to `Detector.step` one 5-minute bucket at a time (no look-ahead), with the
product's default DetectionSettings (one configuration for all ten series); `Detector.score`
after each bucket is the anomaly score (non-zero `score_delay`, 2 h, after an episode opens,
or from 30 minutes in once it has added half its record: what it added in days of usual
volume against the topic's record, discounted for an aftershock:
docs/detection.md, "The anomaly score"). Writes DIR/<series>.csv (timestamp,value,anomaly_score),
runs ../shared/bench/nab_score.py on DIR, does the same for a baseline measured in the same run
(a causal rolling 24 h z-score, in DIR/baseline_zscore/), and ends with one RESULT line.
(The NAB score is deterministic: one run is its median.) Anchors from the NAB
scoreboard (standard / reward-low-FP): ARTime 83.2/74.6, Numenta HTM 69.4/63.6, Twitter ADVec
59.6/35.8, rolling 24h z-score 47.9/41.6.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import subprocess
import sys
import time
from collections import deque
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.detection.engine import Detector  # noqa: E402
from monitor.detection.settings import DetectionSettings  # noqa: E402
from monitor.model import BucketStats  # noqa: E402


def run_series(path: Path, detector: Detector) -> list[tuple[str, int, float]]:
    """Feed one NAB CSV through the detector; rows of (timestamp, value, score)."""
    state = detector.new_state(path.stem)
    rows = []
    with path.open() as fh:
        for row in csv.DictReader(fh):
            moment = datetime.strptime(row["timestamp"], "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
            value = int(float(row["value"]))
            start = int(moment.timestamp())
            detector.step(state, BucketStats(topic=path.stem, start=start, width=300,
                                             volume=value))
            rows.append((row["timestamp"], value, detector.score(state)))
    return rows


def zscore_series(path: Path, window: int = 288) -> list[tuple[str, int, float]]:
    """Baseline measured in the same run: a causal rolling 24-hour z-score (NAB's "rolling
    24h z-score" anchor), mapped to [0, 1) as z / (z + 3), 0 below the mean."""
    past: deque[int] = deque()
    total = squares = 0.0
    rows = []
    with path.open() as fh:
        for row in csv.DictReader(fh):
            value = int(float(row["value"]))
            score = 0.0
            if len(past) >= 12:
                mean = total / len(past)
                std = math.sqrt(max(squares / len(past) - mean * mean, 1e-9))
                z = max(0.0, (value - mean) / std)
                score = z / (z + 3.0)
            rows.append((row["timestamp"], value, score))
            past.append(value)
            total += value
            squares += value * value
            if len(past) > window:
                old = past.popleft()
                total -= old
                squares -= old * old
    return rows


def write_rows(out: Path, name: str, rows: list[tuple[str, int, float]]) -> None:
    with (out / name).open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["timestamp", "value", "anomaly_score"])
        for stamp, value, score in rows:
            writer.writerow([stamp, value, f"{score:.6f}"])


def nab_scores(scorer: Path, folder: Path) -> tuple[str, dict[str, float]]:
    out = subprocess.run([sys.executable, str(scorer), str(folder)], capture_output=True,
                         text=True, check=True).stdout
    found = dict(re.findall(r"^(\w+)\s+\S+\s+\S+\s+\S+\s+\S+\s+(-?[\d.]+)", out, re.M))
    return out, {k: float(v) for k, v in found.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True, type=Path, help="folder for the result CSVs")
    parser.add_argument("--shared", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared")
    args = parser.parse_args(argv)
    data = args.shared / "bench" / "nab_realtweets" / "data"
    scorer = args.shared / "bench" / "nab_score.py"
    if not data.is_dir() or not scorer.is_file():
        print(f"NAB data or scorer not found under {args.shared}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    baseline_dir = args.out / "baseline_zscore"
    baseline_dir.mkdir(exist_ok=True)
    settings = DetectionSettings()
    began = time.perf_counter()
    buckets = 0
    for path in sorted(data.glob("*.csv")):
        rows = run_series(path, Detector(settings))
        buckets += len(rows)
        write_rows(args.out, path.name, rows)
    elapsed = time.perf_counter() - began
    for path in sorted(data.glob("*.csv")):
        write_rows(baseline_dir, path.name, zscore_series(path))
    out, ours = nab_scores(scorer, args.out)
    print("Vigie detector (default settings, one configuration for all series):")
    print(out, end="")
    out, base = nab_scores(scorer, baseline_dir)
    print("Baseline, same run: causal rolling 24 h z-score:")
    print(out, end="")
    print(f"{buckets} buckets in {elapsed:.2f} s ({buckets / elapsed:,.0f} buckets/s)")
    std, low, fn = ours["standard"], ours["reward_low_FP_rate"], ours["reward_low_FN_rate"]
    print(f"RESULT nab_standard={std:.1f} nab_low_fp={low:.1f} nab_low_fn={fn:.1f} "
          f"zscore_standard={base['standard']:.1f} zscore_low_fp={base['reward_low_FP_rate']:.1f} "
          f"standard_minus_zscore={std - base['standard']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
