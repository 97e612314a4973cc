"""English scorer speed: Vigie's FastVader against the vaderSentiment library, same texts.

    .venv/bin/python bench/vader.py [--runs 7] [--count 20000] [--shared PATH]

Text sets:
- generated: the mentions `bench/backtest.py` generates (seeded, 6 to 22 words after a brand
  name, 60% English and 40% French words), `--count` of them: what `vigie backtest` scores;
- tweets, and all four English sets (tweets, NYT, movie and Amazon snippets) of
  ../shared/bench/sentiment, when ../shared is present.
For each set, the library and the port run back to back in every run on one core; the
speed-up is the median of the per-run ratios (so machine load hits both alike), the rates are
medians too. Every text is also checked for identical output before timing. Ends with one
`RESULT name=value ...` line.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backtest import generate  # noqa: E402  (bench/ is on sys.path: this script's folder)
from sentiment import EN_SETS, read_english  # noqa: E402

from monitor.sentiment.vader_fast import FastVader  # noqa: E402


def rate(func: Callable[[str], object], texts: Sequence[str]) -> float:
    start = time.perf_counter()
    for text in texts:
        func(text)
    return len(texts) / (time.perf_counter() - start)


def compare(
    library: Callable[[str], object], fast: Callable[[str], object], texts: Sequence[str],
    runs: int,
) -> tuple[float, float, float]:
    """(library texts/s, port texts/s, median of per-run ratios), after a warm-up."""
    for text in texts[:500]:
        library(text)
        fast(text)
    lib_rates, fast_rates, ratios = [], [], []
    for _ in range(runs):
        lib_rates.append(rate(library, texts))
        fast_rates.append(rate(fast, texts))
        ratios.append(fast_rates[-1] / lib_rates[-1])
    return statistics.median(lib_rates), statistics.median(fast_rates), statistics.median(ratios)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    library, fast = SentimentIntensityAnalyzer(), FastVader()
    with tempfile.TemporaryDirectory() as tmp:
        sets = {"generated": generate(Path(tmp) / "mentions.jsonl.gz", args.count, 20)}
    base = args.shared / "bench" / "sentiment"
    if base.is_dir():
        sets["tweets"] = read_english(base, "tweets")[0]
        sets["en_all"] = [t for name in EN_SETS for t in read_english(base, name)[0]]
    else:
        print(f"note: {base} not found, shared English sets skipped")

    mismatches = 0
    for texts in sets.values():
        mismatches += sum(library.polarity_scores(t) != fast.polarity_scores(t) for t in texts)
    print(f"parity: {mismatches} mismatches on {sum(map(len, sets.values()))} texts")

    result: dict[str, float] = {}
    print(f"one core, {args.runs} interleaved runs (medians; speed-up = median per-run ratio):")
    for name, texts in sets.items():
        lib_rate, fast_rate, ratio = compare(
            library.polarity_scores, fast.polarity_scores, texts, args.runs)
        words = statistics.fmean(len(t.split()) for t in texts)
        print(f"  {name:9s} n={len(texts):6d} ({words:4.1f} words)  library {lib_rate:8.0f}/s  "
              f"FastVader {fast_rate:8.0f}/s  {ratio:.2f}x")
        result[f"{name}_library_per_s"] = lib_rate
        result[f"{name}_fast_per_s"] = fast_rate
        result[f"{name}_speedup"] = ratio
    print("RESULT " + f"mismatches={mismatches} " + " ".join(
        f"{k}={v:.0f}" if k.endswith("_per_s") else f"{k}={v:.2f}" for k, v in result.items()))
    return 0 if mismatches == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
