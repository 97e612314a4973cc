"""NAB realTweets: the product's volume detector, run causally, scored by NAB's rules.

    python bench/nab.py --out DIR [--shared ../shared]

Each series is fed to `Detector.step` one 5-minute bucket at a time (no look-ahead), with the
product's default DetectionSettings (one configuration for all ten series); `Detector.score`
after each bucket is the anomaly score. Writes DIR/<series>.csv (timestamp,value,anomaly_score),
runs ../shared/bench/nab_score.py on DIR, and ends with one RESULT line. Anchors from the NAB
scoreboard (standard / reward-low-FP): ARTime 83.2/74.6, Numenta HTM 69.4/63.6, Twitter ADVec
59.6/35.8, rolling 24h z-score 47.9/41.6.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
import time
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
    settings = DetectionSettings()
    began = time.perf_counter()
    buckets = 0
    for path in sorted(data.glob("*.csv")):
        rows = run_series(path, Detector(settings))
        buckets += len(rows)
        with (args.out / path.name).open("w", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["timestamp", "value", "anomaly_score"])
            for stamp, value, score in rows:
                writer.writerow([stamp, value, f"{score:.6f}"])
    elapsed = time.perf_counter() - began
    out = subprocess.run([sys.executable, str(scorer), str(args.out)], capture_output=True,
                         text=True, check=True).stdout
    print(out, end="")
    found = dict(re.findall(r"^(\w+)\s+\S+\s+\S+\s+\S+\s+\S+\s+(-?[\d.]+)", out, re.M))
    print(f"{buckets} buckets in {elapsed:.2f} s ({buckets / elapsed:,.0f} buckets/s)")
    print(f"RESULT nab_standard={float(found['standard']):.1f} "
          f"nab_low_fp={float(found['reward_low_FP_rate']):.1f} "
          f"nab_low_fn={float(found['reward_low_FN_rate']):.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
