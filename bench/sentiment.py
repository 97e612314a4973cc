"""Sentiment benchmark on ../shared/bench/sentiment (see its READMEs for data and licences).

    .venv/bin/python bench/sentiment.py [--runs 5] [--shared PATH]

Measures, through SentimentRouter (the ingestion code path):
- English: Pearson r of compound against the human mean ratings (tweets, nyt, movie, amazon);
- French tweets (UMSAB): macro-F1, negative precision and recall on the test split, with the
  configured French neutral threshold; train and val figures beside them (the only splits
  the lexicon and threshold were tuned on), val also in two fixed halves: "val-tune", whose
  errors may be read, and "val-held", only ever scored; English VADER on the same French
  text as a baseline;
- French TV reviews (Allociné test): binary accuracy (compound > 0 is positive);
- language detection: share of the English sets detected "en" and of the French sets "fr";
- speed on one core: mentions/s of the router (detection + scoring, called on batches of 200
  as ingestion calls it), of detection alone and of the French scorer alone, each against bare
  English VADER (the vaderSentiment library) timed in the same run on the same texts (median
  of --runs runs).
Ends with one `RESULT name=value ...` line. Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.sentiment.router import SentimentRouter  # noqa: E402
from monitor.sentiment.settings import DEFAULT_NEUTRAL_THRESHOLD  # noqa: E402

VAL_SEED = 20261126  # fixes the val halves; changing it spends the held-out half
EN_SETS = {"tweets": "tweets", "nyt": "nytEditorialSnippets", "movie": "movieReviewSnippets",
           "amazon": "amazonReviewSnippets"}


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


def read_english(base: Path, name: str) -> tuple[list[str], list[float]]:
    raw = (base / "en" / f"{EN_SETS[name]}_GroundTruth.txt").read_text(encoding="utf-8-sig")
    texts, gold = [], []
    for line in raw.splitlines():
        if line.strip():
            _id, mean, text = line.split("\t", 2)
            texts.append(text)
            gold.append(float(mean))
    return texts, gold


def read_umsab(base: Path, split: str) -> tuple[list[str], list[int]]:
    folder = base / "fr" / "umsab_fr_tweets"
    texts = (folder / f"{split}_text.txt").read_text(encoding="utf-8").split("\n")
    labels = [int(x) for x in (folder / f"{split}_labels.txt").read_text().split("\n")]
    assert len(texts) == len(labels), split
    return texts, labels


def read_allocine(base: Path) -> tuple[list[str], list[int]]:
    texts, labels = [], []
    raw = (base / "fr" / "allocine_tv_reviews" / "test.tsv").read_text(encoding="utf-8")
    for line in raw.splitlines():
        if not line.strip():
            continue
        label, text = line.split("\t", 1)
        if len(text) >= 2 and text[0] == '"' and text[-1] == '"':  # CSV-style quoting
            text = text[1:-1].replace('""', '"')
        texts.append(text)
        labels.append(int(label))
    return texts, labels


def val_halves(n: int, seed: int = VAL_SEED) -> tuple[list[int], list[int]]:
    """Indices of the UMSAB val split in two fixed halves: "tune" (looked at while tuning)
    and "held" (only ever scored, for an honest estimate besides the test split)."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return sorted(order[: n // 2]), sorted(order[n // 2 :])


def classes(compounds: Sequence[float], threshold: float) -> list[int]:
    """0 negative, 1 neutral, 2 positive (UMSAB's coding)."""
    return [0 if c <= -threshold else 2 if c >= threshold else 1 for c in compounds]


def f1_report(pred: Sequence[int], gold: Sequence[int]) -> dict[str, float]:
    """Per-class precision, recall and F1 (0 neg, 1 neu, 2 pos) and their macro-F1."""
    out: dict[str, float] = {}
    f1s = []
    for cls, name in enumerate(("neg", "neu", "pos")):
        tp = sum(p == cls and g == cls for p, g in zip(pred, gold, strict=True))
        fp = sum(p == cls and g != cls for p, g in zip(pred, gold, strict=True))
        fn = sum(p != cls and g == cls for p, g in zip(pred, gold, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[f"{name}_precision"], out[f"{name}_recall"], out[f"{name}_f1"] = precision, recall, f1
        f1s.append(f1)
    out["macro_f1"] = statistics.fmean(f1s)
    return out


BATCH = 200  # what an ingestion task scores at once (workers/tasks.py)


def interleaved_rates(
    funcs: dict[str, tuple[Callable[[Sequence[str]], object], Sequence[str]]], runs: int
) -> list[dict[str, float]]:
    """Texts/s of every function, each called on batches of BATCH texts, run after run: each
    run times all of them back to back, so a ratio within one run compares functions under
    the same machine load."""
    for func, texts in funcs.values():  # warm-up: caches, lazy loads
        func(texts[:BATCH])
    out = []
    for _ in range(runs):
        rates = {}
        for name, (func, texts) in funcs.items():
            start = time.perf_counter()
            for first in range(0, len(texts), BATCH):
                func(texts[first:first + BATCH])
            rates[name] = len(texts) / (time.perf_counter() - start)
        out.append(rates)
    return out


def each(func: Callable[[str], object]) -> Callable[[Sequence[str]], object]:
    """A one-text function applied to every text of a batch."""
    return lambda texts: [func(text) for text in texts]


def median_of(runs: list[dict[str, float]], name: str, baseline: str | None = None) -> float:
    if baseline is None:
        return statistics.median(r[name] for r in runs)
    return statistics.median(r[name] / r[baseline] for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    base = args.shared / "bench" / "sentiment"
    if not base.is_dir():
        print(f"SKIP: {base} not found (../shared is only present in the project's workspace)")
        print("RESULT skipped=1")
        return 0

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    router = SentimentRouter()
    fr_threshold = router.settings.neutral_threshold.get("fr", DEFAULT_NEUTRAL_THRESHOLD)
    result: dict[str, float] = {}

    print("English: Pearson r of compound vs mean human rating (router with lang=en)")
    en_texts: list[str] = []
    for name in EN_SETS:
        texts, ratings = read_english(base, name)
        en_texts += texts
        compounds = [router.score(t, "en").compound or 0.0 for t in texts]
        r = pearson(compounds, ratings)
        result[f"en_{name}_r"] = r
        print(f"  {name:7s} n={len(texts):5d}  r={r:.3f}")

    print(f"French tweets (UMSAB), neutral threshold {fr_threshold}")
    fr_texts: list[str] = []
    for split in ("train", "val", "test"):
        texts, gold = read_umsab(base, split)
        fr_texts += texts
        compounds = [router.score(t, "fr").compound or 0.0 for t in texts]
        parts = [(split, compounds, gold)]
        if split == "val":  # the half tuned on, and the half kept for an honest estimate
            tune, held = val_halves(len(texts))
            parts += [(f"  {name}", [compounds[i] for i in idx], [gold[i] for i in idx])
                      for name, idx in (("val-tune", tune), ("val-held", held))]
        for name, comps, golds in parts:
            rep = f1_report(classes(comps, fr_threshold), golds)
            print(f"  {name:10s} n={len(golds):4d}  macro-F1={rep['macro_f1']:.3f}  "
                  f"neg P={rep['neg_precision']:.3f} R={rep['neg_recall']:.3f}  "
                  f"F1 neg/neu/pos={rep['neg_f1']:.3f}/{rep['neu_f1']:.3f}/{rep['pos_f1']:.3f}")
            if name == "  val-held":
                result["fr_val_held_macro_f1"] = rep["macro_f1"]
        if split == "test":
            result["fr_test_macro_f1"] = rep["macro_f1"]
            result["fr_test_neg_precision"] = rep["neg_precision"]
            result["fr_test_neg_recall"] = rep["neg_recall"]
            base_rep = f1_report(
                classes([vader.polarity_scores(t)["compound"] for t in texts], 0.05), gold)
            result["fr_test_macro_f1_vader_en_baseline"] = base_rep["macro_f1"]
            print(f"  test  baseline: English VADER on the same French text macro-F1="
                  f"{base_rep['macro_f1']:.3f}")

    tv_texts, tv_gold = read_allocine(base)
    tv_compounds = [router.score(t, "fr").compound or 0.0 for t in tv_texts]
    tv_acc = statistics.fmean(int((c > 0) == bool(g)) for c, g in zip(tv_compounds, tv_gold,
                                                                       strict=True))
    result["fr_tv_accuracy"] = tv_acc
    print(f"French TV reviews (Allocine test) n={len(tv_texts)}  accuracy={tv_acc:.3f} "
          f"(texts with no sentiment word: {sum(c == 0 for c in tv_compounds)})")

    fr_all = fr_texts + tv_texts
    en_acc = statistics.fmean(int(router.detect(t) == "en") for t in en_texts)
    fr_acc = statistics.fmean(int(router.detect(t) == "fr") for t in fr_all)
    result["lang_en_accuracy"], result["lang_fr_accuracy"] = en_acc, fr_acc
    print(f"Language detection (languages {list(router.languages)}): en sets {en_acc:.4f} "
          f"(n={len(en_texts)}), fr sets {fr_acc:.4f} (n={len(fr_all)})")

    # Speed: English and French tweets, mixed as a feed would be.
    tweets = read_english(base, "tweets")[0] + fr_texts
    fr_scorer = router.scorer("fr")
    assert fr_scorer is not None
    runs = interleaved_rates(
        {
            "vader": (each(vader.polarity_scores), tweets),
            "router": (router.score_batch, tweets),  # as ingestion calls it
            "detect": (router.detector.detect_batch, tweets),
            "vader_fr": (each(vader.polarity_scores), fr_texts),
            "fr": (each(fr_scorer.polarity_scores), fr_texts),
        },
        args.runs,
    )
    result.update(
        vader_per_s=median_of(runs, "vader"),
        router_per_s=median_of(runs, "router"),
        router_vs_vader=median_of(runs, "router", "vader"),
        detect_per_s=median_of(runs, "detect"),
        detect_vs_vader=median_of(runs, "detect", "vader"),
        fr_scorer_per_s=median_of(runs, "fr"),
        fr_scorer_vs_vader=median_of(runs, "fr", "vader_fr"),
    )
    print(f"Speed, one core, {args.runs} interleaved runs on {len(tweets)} en+fr tweets "
          "(medians; ratios are medians of per-run ratios):")
    print(f"  bare VADER            {result['vader_per_s']:8.0f}/s  1.00x")
    print(f"  router (detect+score) {result['router_per_s']:8.0f}/s  "
          f"{result['router_vs_vader']:.2f}x")
    print(f"  detection alone       {result['detect_per_s']:8.0f}/s  "
          f"{result['detect_vs_vader']:.2f}x")
    print(f"  French scorer on {len(fr_texts)} French tweets {result['fr_scorer_per_s']:.0f}/s, "
          f"{result['fr_scorer_vs_vader']:.2f}x VADER on the same texts")

    print("RESULT " + " ".join(
        f"{k}={v:.0f}" if k.endswith("_per_s") else f"{k}={v:.3f}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
