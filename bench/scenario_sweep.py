"""The scenario targets over a grid of generator variations, with fresh seeds.

    python bench/scenario_sweep.py [--seed-base 300] [--seeds N] [--jobs 2] [--only NAME] [-v]

bench/scenarios.py builds one kind of world (30-90 mentions/h at a brand's peak, events 5-12x,
two days of history, events in office hours); the issue's targets will be checked on worlds
not seen. This replays `generate(seed, days, rate, multiple, hours)` through
`monitor.replay.replay_events` with the default settings over variations of brand size
(5-15/h to 300-1000/h at the peak), event strength (3-6x to 10-25x), history (1 to 5 days
before the event day) and timing (night events; the first day is a Thursday, so `days` 3-4
puts the events on a weekend, 2 and 6 on a weekday), and prints per variation: crisis recall,
precision and median delay (event start to the first crisis call), the share of bad buzz and
floods ever called crisis, and every class's recall. Targets (the issue's): crisis recall
>= 0.95, precision >= 0.9, median delay <= 60 min, bad buzz called crisis <= 10%.

Seeds: variation i uses seed_base + 20 i + k (k < seeds); the default base, 300, avoids the
seeds the thresholds were looked at with (1-8, 41-46) and the test's (101-103). A change is
judged on a second base too (e.g. --seed-base 700), so it is not tuned to these. `-v` prints
every miss and every crisis called later than an hour. Ends with one RESULT line.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import scenarios  # noqa: E402

from monitor.config.files import config_from_text  # noqa: E402
from monitor.detection.evaluate import CLASSES, combine, evaluate  # noqa: E402
from monitor.replay import replay_events  # noqa: E402
from monitor.timeutil import parse_instant, to_epoch  # noqa: E402

SMALL, MEDIUM, LARGE = (5.0, 15.0), (30.0, 90.0), (300.0, 1000.0)
WEAK, USUAL, STRONG = (3.0, 6.0), (5.0, 12.0), (10.0, 25.0)
OFFICE, NIGHT = (8.0, 17.0), (0.0, 6.0)


@dataclass(frozen=True)
class Variation:
    name: str
    days: float
    rate: tuple[float, float]
    multiple: tuple[float, float]
    hours: tuple[float, float] = OFFICE
    seeds: int = 6

    def cost(self) -> float:
        """Rough replay cost of one seed (mentions), to start the big ones first."""
        return self.days * sum(self.rate)


# days: 2 = one day of history, event on a Friday; 3 = two days, Saturday; 4 = Sunday;
# 6 = five days of history, a Tuesday.
VARIATIONS = (
    Variation("default", 3, MEDIUM, USUAL),
    Variation("small", 3, SMALL, USUAL),
    Variation("small-weak-1d", 2, SMALL, WEAK),
    Variation("small-strong-5d", 6, SMALL, STRONG),
    Variation("medium-weak-1d", 2, MEDIUM, WEAK),
    Variation("medium-strong-sun", 4, MEDIUM, STRONG),
    Variation("medium-5d-tue", 6, MEDIUM, USUAL),
    Variation("night", 3, MEDIUM, USUAL, NIGHT),
    Variation("small-night-weak", 2, SMALL, WEAK, NIGHT),
    Variation("large", 2, LARGE, USUAL, seeds=3),
    Variation("large-weak-sun", 4, LARGE, WEAK, seeds=2),
)


def run_one(variation: Variation, seed: int) -> dict[str, Any]:
    """Replay one seed of a variation; its report as plain data, with per-label details."""
    scenario = scenarios.generate(seed, variation.days, variation.rate, variation.multiple,
                                  variation.hours)
    config = config_from_text(scenario.config_yaml())
    events = list(replay_events(scenario.mentions, config))
    report = evaluate(events, scenario.labels)
    report.misses = [f"seed {seed} {m}" for m in report.misses]
    late: list[str] = []
    for label in scenario.labels:
        if label["type"] != "crisis":
            continue
        start = to_epoch(parse_instant(label["start"]))
        calls = [to_epoch(e.at) for e in events
                 if e.topic == label["topic"] and e.kind.value == "crisis" and to_epoch(e.at) >= start]
        if calls and min(calls) - start > 3600:
            opened = [e for e in events if e.topic == label["topic"] and to_epoch(e.at) >= start]
            first = opened[0] if opened else None
            late.append(f"seed {seed} {label['variant']} crisis on {label['topic']} called "
                        f"after {(min(calls) - start) / 60:.0f} min; first event "
                        f"{(to_epoch(first.at) - start) / 60:.0f} min: "
                        f"{first.kind.value if first else '-'}")
    return {"variation": variation.name, "seed": seed, "report": report, "late": late}


def _job(args: tuple[Variation, int]) -> dict[str, Any]:
    return run_one(*args)


def _merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    report = combine(part["report"] for part in parts)
    crisis = report.classes["crisis"]
    return {
        "classes": report.classes,
        "recall": crisis.recall, "precision": crisis.precision, "delay": crisis.median_delay,
        "bb_crisis": report.bad_buzz_as_crisis_rate,
        "misses": report.misses, "late": [line for part in parts for line in part["late"]],
    }


def passes(row: dict[str, Any]) -> bool:
    return ((row["recall"] or 0.0) >= 0.95 and (row["precision"] or 0.0) >= 0.9
            and row["delay"] is not None and row["delay"] <= 60
            and (row["bb_crisis"] or 0.0) <= 0.1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed-base", type=int, default=300)
    parser.add_argument("--seeds", type=int, default=None,
                        help="seeds per variation (default: each variation's own, 2-6)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only", action="append", default=[],
                        help="run only this variation (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    chosen = [(i, v) for i, v in enumerate(VARIATIONS) if not args.only or v.name in args.only]
    jobs = [(v, args.seed_base + 20 * i + k) for i, v in chosen
            for k in range(args.seeds or v.seeds)]
    jobs.sort(key=lambda job: -job[0].cost())
    began = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        parts = list(pool.map(_job, jobs))
    elapsed = time.perf_counter() - began

    def pct(value: float | None) -> str:
        return "-" if value is None else f"{value * 100:.0f}%"

    header = (f"{'variation':<19}{'seeds':>5}{'recall':>8}{'prec':>6}{'delay':>7}{'bb>cr':>7}"
              + "".join(f"{name[:8]:>9}" for name in CLASSES[1:]) + "  ok")
    print(header)
    rows = []
    for _, variation in chosen:
        row = _merge([p for p in parts if p["variation"] == variation.name])
        rows.append(row)
        delay = "-" if row["delay"] is None else f"{row['delay']:.0f}"
        recalls = "".join(
            f"{pct(row['classes'][name].recall):>9}" for name in CLASSES[1:])
        seeds = args.seeds or variation.seeds
        print(f"{variation.name:<19}{seeds:>5}{pct(row['recall']):>8}{pct(row['precision']):>6}"
              f"{delay:>7}{pct(row['bb_crisis']):>7}{recalls}  {'yes' if passes(row) else 'NO'}")
        if args.verbose:
            for line in row["misses"] + row["late"]:
                print(f"    {line}")
    total = _merge(parts)
    failing = sum(1 for row in rows if not passes(row))
    print(f"{len(rows)} variations, {len(jobs)} scenarios in {elapsed:.0f}s; "
          f"{failing} miss a target (columns: crisis recall, precision, median delay in min, "
          f"bad buzz/floods called crisis, then each other class's recall)")
    delays = [r["delay"] for r in rows if r["delay"] is not None]
    print(f"RESULT variations={len(rows)} failing={failing} "
          f"crisis_recall={total['recall'] or 0:.3f} crisis_precision={total['precision'] or 0:.3f} "
          f"median_delay_min={total['delay'] or 0:.0f} worst_delay_min={max(delays or [0]):.0f} "
          f"bad_buzz_as_crisis={total['bb_crisis'] or 0:.3f} seconds={elapsed:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
