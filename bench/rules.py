"""Rule engine throughput on the shipped rules, for backtests and sweeps.

    python bench/rules.py [--events 20000] [--runs 5]

A synthetic stream of episode events over 50 topics (each episode opening, escalating and
resolving, 5 minutes apart, with a tick per event time) goes through RuleEngine.evaluate and
tick with the shipped alert_rules/. Baseline, measured in the same run: the same events
through a hand-written Python function applying the nine shipped conditions with no state,
routing or bookkeeping - the floor any engine pays to read the events. Figures are medians
of --runs runs; the last line is the RESULT.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.model import EpisodeEvent, Kind, Severity, Transition  # noqa: E402
from monitor.rules.evaluate import RuleEngine  # noqa: E402
from monitor.rules.loader import RuleSet  # noqa: E402
from monitor.rules.state import RuleState  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
T0 = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
CATEGORIES = ["product", "executive", "service", ""]
LIFE = [(Kind.VOLUME_SPIKE, Severity.LOW), (Kind.BAD_BUZZ, Severity.MEDIUM),
        (Kind.BAD_BUZZ, Severity.MEDIUM), (Kind.CRISIS, Severity.HIGH),
        (Kind.CRISIS, Severity.HIGH), (Kind.CRISIS, Severity.CRITICAL),
        (Kind.CRISIS, Severity.HIGH), (Kind.BAD_BUZZ, Severity.MEDIUM),
        (Kind.RESOLVED, Severity.MEDIUM)]


def stream(count: int, topics: int = 50) -> list[EpisodeEvent]:
    events: list[EpisodeEvent] = []
    step = 0
    while len(events) < count:
        for index in range(topics):
            kind, severity = LIFE[step % len(LIFE)]
            cycle = step // len(LIFE)
            transition = (Transition.RESOLVED if kind == Kind.RESOLVED else
                          Transition.OPENED if step % len(LIFE) == 0 else Transition.UPDATED)
            events.append(EpisodeEvent(
                topic=f"t{index}", episode=f"t{index}-{cycle}", episode_start=T0,
                at=T0 + timedelta(minutes=5 * step), kind=kind, transition=transition,
                severity=severity, summary="",
                indicators={"volume_ratio": 2.0 + step % 5, "negative_share": 0.55,
                            "news_pickup": float(step % 3), "distinct_authors": 30.0}))
        step += 1
    return events[:count]


def handwritten(event: EpisodeEvent, labels: dict[str, str]) -> int:
    """The shipped conditions as plain Python: the baseline."""
    ind, kind, rank, cat = event.indicators, event.kind, event.severity.rank, labels.get("category", "")
    hits = 0
    hits += kind == Kind.CRISIS and rank >= 2 and cat == "product"
    hits += kind in (Kind.CRISIS, Kind.BAD_BUZZ) and rank >= 2 and cat == "executive"
    hits += kind == Kind.CRISIS and rank >= 2 and cat == "service"
    hits += kind == Kind.CRISIS and rank >= 2 and cat not in ("product", "executive", "service")
    hits += kind == Kind.BAD_BUZZ
    hits += (cat == "service" and kind in (Kind.BAD_BUZZ, Kind.VOLUME_SPIKE) and rank >= 1
             and ind.get("negative_share", -1) >= 0.5)
    hits += kind == Kind.POSITIVE_BUZZ and ind.get("volume_ratio", 0) >= 2
    hits += kind == Kind.VOLUME_SPIKE and ind.get("volume_ratio", 0) >= 3
    hits += kind == Kind.BLIND_SPOT
    return hits


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rules = RuleSet.load(ROOT / "alert_rules")
    topics = {f"t{i}": {"category": CATEGORIES[i % 4]} for i in range(50)}
    events = stream(args.events)
    base_times, engine_times, fired = [], [], 0
    for _ in range(args.runs):
        start = time.perf_counter()
        for event in events:
            handwritten(event, topics[event.topic])
        base_times.append(time.perf_counter() - start)
        engine, state = RuleEngine(rules, topics), RuleState()
        start = time.perf_counter()
        last = None
        decisions = []
        for event in events:
            if event.at != last:
                decisions.extend(engine.tick(state, (), event.at))
                last = event.at
            decisions.extend(engine.evaluate(event, state, (), event.at))
        engine_times.append(time.perf_counter() - start)
        fired = sum(a.status.value == "fired" for a in decisions)
    base, eng = statistics.median(base_times), statistics.median(engine_times)
    per_s = len(events) / eng
    print(f"{len(events)} events, {len(rules.rules)} rules, {fired} fired alerts per run")
    print(f"hand-written conditions: {base * 1e6 / len(events):.2f} us/event (baseline)")
    print(f"rule engine:             {eng * 1e6 / len(events):.2f} us/event "
          f"({eng / base:.1f}x baseline), {per_s:,.0f} events/s")
    print(f"RESULT events_per_s={per_s:.0f} ratio_vs_handwritten={eng / base:.1f} "
          f"fired={fired} runs={args.runs}")


if __name__ == "__main__":
    main()
