"""Backtest throughput: `vigie backtest` with rules and a sweep on a million mentions,
against bare VADER scoring of the same texts in the same run.

    python bench/backtest.py [--mentions 1000000] [--topics 20] [--runs 1]

The stream is generated (seeded, mostly unique texts in English and French, 30 days, a few
surges); `vigie backtest --mentions F --sweep crisis_min_authors=20:40:10` is run as a user
runs it (a subprocess), and its mentions/second is divided by the texts/second of
`SentimentIntensityAnalyzer.polarity_scores` on the same texts. The mentions are scored once
for the whole sweep; `crisis_min_authors` is a classification threshold, so detection runs once
and its episodes are reclassified and the rules re-run per value. Ends with one `RESULT` line.
"""

from __future__ import annotations

import argparse
import gzip
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent

EN = ["the", "service", "is", "down", "again", "terrible", "support", "refund", "never", "delivery", "late", "love", "this", "great", "product", "awful", "quality", "price", "broken", "app", "update", "crash", "recall", "scandal", "boycott", "happy", "thanks", "customer", "waiting", "hours", "nobody", "answers", "disappointed", "amazing", "fast", "shipping"]
FR = ["le", "service", "est", "encore", "en", "panne", "support", "nul", "remboursement", "jamais", "livraison", "retard", "j'adore", "super", "produit", "qualité", "horrible", "prix", "appli", "plantage", "rappel", "scandale", "boycott", "merci", "client", "attente", "heures", "personne", "ne", "répond", "déçu", "génial", "rapide"]


def generate(path: Path, count: int, topics: int, seed: int = 11) -> list[str]:
    """Write `count` mentions in the replay format; return their texts (for the baseline)."""
    rng = random.Random(seed)
    names = [f"brand{k}" for k in range(topics)]
    start = datetime(2026, 10, 1, tzinfo=UTC)
    span = 30 * 86400
    surges = [(rng.choice(names), rng.uniform(0, span - 7200)) for _ in range(topics)]
    texts: list[str] = []
    with gzip.open(path, "wb", compresslevel=1) as handle:
        for i in range(count):
            if i % 10 == 0 and surges:
                topic, at = surges[i // 10 % len(surges)]
                t = at + rng.uniform(0, 7200)
            else:
                topic, t = rng.choice(names), rng.uniform(0, span)
            words = FR if rng.random() < 0.4 else EN
            text = f"{topic} " + " ".join(rng.choice(words) for _ in range(rng.randint(6, 22)))
            texts.append(text)
            record = {
                "id": f"m{i}", "published": (start + timedelta(seconds=t)).isoformat(),
                "source": f"src{rng.randint(0, 30)}", "source_type": rng.choice(
                    ["social", "social", "social", "forum", "news"]),
                "author": f"u{rng.randint(0, 200_000)}", "url": f"https://x.example/{i}",
                "title": "", "text": text,
            }
            handle.write(orjson.dumps(record) + b"\n")
    return texts


def vader_rate(texts: list[str]) -> float:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    start = time.perf_counter()
    for text in texts:
        analyzer.polarity_scores(text)
    return len(texts) / (time.perf_counter() - start)


def backtest_rate(folder: Path, mentions: Path, count: int, topics: int) -> float:
    config = folder / "vigie.yaml"
    config.write_text(
        "topics:\n" + "".join(f"  - name: brand{k}\n    query: brand{k}\n" for k in range(topics))
        + f"rules_dir: {ROOT / 'alert_rules'}\nplaybooks_dir: {ROOT / 'playbooks'}\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "monitor.cli.app", "backtest", "--mentions", str(mentions),
         "--out", str(folder / "alerts.jsonl"), "--config", str(config),
         "--sweep", "crisis_min_authors=20:40:10"],
        cwd=ROOT, capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"vigie backtest failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    print(proc.stdout[-1500:], flush=True)
    return count / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--topics", type=int, default=20)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "mentions.jsonl.gz"
        texts = generate(path, args.mentions, args.topics)
        vader, vigie = [], []
        for run in range(args.runs):
            vader.append(vader_rate(texts))
            vigie.append(backtest_rate(folder, path, args.mentions, args.topics))
            print(f"run {run + 1}: VADER {vader[-1]:.0f} texts/s, vigie backtest "
                  f"{vigie[-1]:.0f} mentions/s, ratio {vigie[-1] / vader[-1]:.2f}", flush=True)
    v, b = statistics.median(vader), statistics.median(vigie)
    # Each run's ratio is taken against the baseline of that run, whose machine load it
    # shares; the ratio of the two medians, which may pair a fast VADER run with a slow
    # backtest one, is printed too.
    ratios = [x / y for x, y in zip(vigie, vader, strict=True)]
    ratio = statistics.median(ratios)
    print(f"bare VADER: {v:.0f} texts/s; vigie backtest with rules and a 3-value sweep: "
          f"{b:.0f} mentions/s; ratio per run {' / '.join(f'{r:.2f}' for r in ratios)}, "
          f"median {ratio:.2f} (goal 0.8); ratio of the medians {b / v:.2f}")
    print(f"RESULT mentions={args.mentions} backtest_per_s={b:.0f} vader_per_s={v:.0f} "
          f"ratio={ratio:.2f} ratio_of_medians={b / v:.2f}")


if __name__ == "__main__":
    main()
