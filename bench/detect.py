"""Speed of the detector plus classifier: bucket updates per second over 10,000 topics.

    python bench/detect.py [--topics 10000] [--rounds 20] [--runs 3]

Every topic starts from the same warmed-up state (two days of history), then each round
feeds one 5-minute bucket to every topic; 2% of the topics are in a spike, so episodes open,
get classified and carry evidence. The baseline, timed in the same run on the same buckets,
is a trivial per-topic rolling-mean update with a 3x threshold. Figures are medians of
`--runs` runs; the last line is the RESULT.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.detection.engine import Detector, TopicState  # noqa: E402
from monitor.detection.settings import DetectionSettings  # noqa: E402
from monitor.model import BucketStats  # noqa: E402

W = 300
T0 = 1_767_225_600
VADER_TEXTS_PER_S = 18_000  # measured by the sentiment bench (bench/sentiment.py)


def bucket(rng: random.Random, topic: str, start: int, spike: bool) -> BucketStats:
    volume = rng.randint(2, 10) + (rng.randint(40, 80) if spike else 0)
    negative = int(volume * (0.7 if spike else 0.2))
    authors = {f"a{rng.randrange(3000)}": 1 for _ in range(volume)}
    types = {"social": volume - 1, "news": 1} if spike else {"social": volume}
    return BucketStats(topic=topic, start=start, width=W, volume=volume, negative=negative,
                       neutral=volume - negative, negative_intensity=0.6 * negative,
                       authors=authors, sources={"mastodon": volume}, source_types=types,
                       near_duplicates=volume // 10)


def warm_state(detector: Detector) -> dict[str, object]:
    rng = random.Random(1)
    state = detector.new_state("warm")
    for i in range(2 * 288):
        detector.step(state, bucket(rng, "warm", T0 + i * W, False))
    return state.to_dict()


def run_once(topics: int, rounds: int, seed: int) -> tuple[float, float, int]:
    """(detector updates/s, baseline updates/s, events) for one run."""
    detector = Detector(DetectionSettings())
    warm = warm_state(detector)
    rng = random.Random(seed)
    names = [f"t{i}" for i in range(topics)]
    spiking = set(rng.sample(names, max(1, topics // 50)))
    start0 = T0 + 2 * 288 * W
    plan = [[bucket(rng, name, start0 + r * W, name in spiking and r >= 2) for name in names]
            for r in range(rounds)]
    states: list[TopicState] = []
    for name in names:
        state = TopicState.from_dict({**warm, "topic": name})
        states.append(state)

    events = 0
    began = time.perf_counter()
    for row in plan:
        for state, b in zip(states, row, strict=True):
            events += len(detector.step(state, b))
    detector_rate = topics * rounds / (time.perf_counter() - began)

    means = [5.0] * topics
    flags = 0
    began = time.perf_counter()
    for row in plan:
        for i, b in enumerate(row):
            m = means[i]
            if b.volume > 3 * m:
                flags += 1
            means[i] = m + 0.01 * (b.volume - m)
    baseline_rate = topics * rounds / (time.perf_counter() - began)
    return detector_rate, baseline_rate, events


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topics", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    results = [run_once(args.topics, args.rounds, seed) for seed in range(args.runs)]
    for det, base, events in results:
        print(f"run: detector {det:,.0f} updates/s, rolling mean {base:,.0f} updates/s, "
              f"{events} episode events")
    det = statistics.median(r[0] for r in results)
    base = statistics.median(r[1] for r in results)
    per_bucket = args.topics / det
    print(f"median: detector+classifier {det:,.0f} bucket updates/s = 1/{base / det:.1f} of a "
          f"plain rolling-mean update ({base:,.0f}/s)")
    print(f"{args.topics:,} topics every 5 minutes: {per_bucket:.2f} s of CPU per 300 s "
          f"({per_bucket / 300 * 100:.2f}% of one core); VADER scores ~{VADER_TEXTS_PER_S:,} "
          f"texts/s, so one update costs about {VADER_TEXTS_PER_S / det:.1f} mention scorings")
    print(f"RESULT detect_updates_per_s={det:.0f} rolling_mean_updates_per_s={base:.0f} "
          f"slowdown_vs_rolling_mean={base / det:.1f} cpu_share_10k_topics_5m="
          f"{per_bucket / 300:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
