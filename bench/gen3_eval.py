"""Backtest the scenarios written by bench/scenarios_gen3.py through the live detection code
(monitor.replay.replay_events, as `vigie backtest` does) and print the issue's figures,
overall and per brand-size band, with every miss and a detail line per crisis label."""

from __future__ import annotations

import gzip
import json
import statistics
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from rich import print as rich_print

from monitor.config.files import config_from_text
from monitor.detection.evaluate import Report, combine, evaluate
from monitor.model import Mention
from monitor.replay import replay_events

BANDS = ("small", "medium", "large")


def replay_seed(folder: Path) -> list[dict[str, Any]]:
    with gzip.open(folder / "mentions.jsonl.gz", "rt", encoding="utf-8") as fh:
        mentions = [Mention.from_replay(json.loads(line)) for line in fh]
    config = config_from_text((folder / "vigie.yaml").read_text())
    events = [e.to_dict() for e in replay_events(mentions, config)]
    (folder / "events.json").write_text(json.dumps(events, ensure_ascii=False) + "\n")
    return events


def _job(folder: Path) -> tuple[Path, list[dict[str, Any]]]:
    return folder, replay_seed(folder)


def print_report(title: str, report: Report) -> None:
    print(f"== {title}")
    rich_print(report.table())


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def crisis_details(meta: dict[str, Any], events: list[dict[str, Any]]) -> list[str]:
    """One line per crisis label: kind of scenario, brand size, first crisis call and delay."""
    from datetime import UTC, datetime

    def ep(text: str) -> float:
        return datetime.fromisoformat(text).timestamp()

    out = []
    for ev in meta["events"]:
        if not ev["kind"].startswith("crisis"):
            continue
        topic = meta["topics"][ev["topic"]]
        start, end = ep(ev["start"]), ep(ev["end"]) + 3600
        calls = sorted((ep(e["at"]), e["kind"]) for e in events
                       if e["topic"] == ev["topic"] and start <= ep(e["at"]) <= end)
        first = next((at for at, k in calls if k == "crisis"), None)
        delay = "MISSED" if first is None else f"{(first - start) / 60:.0f} min"
        if first is not None:
            delay += f" [{(first - ep(ev['visible'])) / 60:.0f} min after extra >= usual rate]"
        before = sorted({k for at, k in calls if first is None or at < first} - {"resolved"})
        local = datetime.fromisoformat(ev["start"]).timestamp() + topic["tz"] * 3600
        when = datetime.fromtimestamp(local, UTC).strftime("%a %Hh")
        out.append(f"seed {meta['seed']:3d} {ev['topic']:15s} {ev['kind']:12s} "
                   f"{topic['band']:6s} {topic['size']:6.1f}/h start {ev['start'][:16]} "
                   f"({when} local) -> {delay}"
                   + (f" (before: {', '.join(before)})" if before else ""))
    return out


def run_all(root: Path, seeds: list[int], processes: int = 2) -> Report:
    folders = [root / f"seed-{s:03d}" for s in seeds]
    with Pool(processes) as pool:
        results = dict(pool.map(_job, folders))
    overall: list[Report] = []
    per_band: dict[str, list[Report]] = {b: [] for b in BANDS}
    n_labels = 0
    details: list[str] = []
    quiet_alarms: list[str] = []
    for folder in folders:
        events = results[folder]
        labels = json.loads((folder / "labels.json").read_text())
        meta = json.loads((folder / "meta.json").read_text())
        n_labels += len(labels)
        report = evaluate(events, labels)
        report.misses = [f"seed {meta['seed']}: {m}" for m in report.misses]
        overall.append(report)
        for band in BANDS:
            topics = {t for t, v in meta["topics"].items() if v["band"] == band}
            sub = evaluate([e for e in events if e["topic"] in topics],
                           [lab for lab in labels if lab["topic"] in topics])
            per_band[band].append(sub)
        details += crisis_details(meta, events)
        labelled = {lab["topic"] for lab in labels}
        for e in events:
            if e["topic"] not in labelled and e["kind"] != "resolved" and e["transition"] == "opened":
                quiet_alarms.append(f"seed {meta['seed']} {e['topic']} "
                                    f"({meta['topics'][e['topic']]['band']}) {e['kind']} at "
                                    f"{e['at']}: {e['summary']}")
    total = combine(overall)
    for band in BANDS:
        print_report(f"band {band}", combine(per_band[band]))
    print("== crisis labels")
    for line in details:
        print("  " + line)
    for kind in ("crisis_fast", "crisis_slow", "crisis_buzz", ""):
        rows = [d for d in details if kind in d and "MISSED" not in d]
        delays = [float(d.split("-> ")[1].split(" min")[0]) for d in rows]
        seen = [float(d.split("[")[1].split(" min")[0]) for d in rows]
        if delays:
            print(f"  {kind or 'all crises':12s} delays from label start: median "
                  f"{statistics.median(delays):.0f}, max {max(delays):.0f}, over 60 min: "
                  f"{sum(d > 60 for d in delays)} of {len(delays)}; from extra >= usual rate: "
                  f"median {statistics.median(seen):.0f}")
    print("== alarms opened on topics with no labelled event")
    for line in quiet_alarms:
        print("  " + line)
    print("== misses and wrong calls")
    for line in total.misses:
        print("  " + line)
    print_report(f"all seeds {seeds[0]}-{seeds[-1]}", total)
    crisis = total.classes["crisis"]
    print(f"RESULT crisis_recall={_f(crisis.recall)} crisis_precision={_f(crisis.precision)} "
          f"crisis_median_delay_min={crisis.median_delay or 0:.0f} "
          f"bad_buzz_as_crisis={_f(total.bad_buzz_as_crisis_rate)} labels={n_labels}")
    return total
