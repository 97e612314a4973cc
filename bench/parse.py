"""Feed parsing throughput: parse_document with the ElementTree fast path, without it
(feedparser), and bare `feedparser.parse` (default settings), in the same run.

    python bench/parse.py [--runs 5] [--docs 20]

Documents: generated 100-entry RSS 2.0 (bench/ingest.py's make_doc) and the biggest
real-world RSS/Atom files of ../shared/feeds (when present). Entries/second, median of
--runs; ends with one `RESULT ...` line (ratios against feedparser.parse).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import feedparser  # noqa: E402
from ingest import make_doc  # noqa: E402

from monitor.sources import feed  # noqa: E402
from monitor.sources.fastxml import parse_fast  # noqa: E402

NOW = datetime(2026, 11, 26, tzinfo=UTC)
REAL = ["huge/londonist.rss", "huge/giant_bombcast.rss", "blogs/yakubin_notes.atom",
        "mentions/github_releases_hugo.atom", "news/guardian_uk.rss", "news/nyt_homepage.rss",
        "mentions/youtube_pbs_spacetime.atom"]


def rate(docs: list[bytes], fn) -> float:  # noqa: ANN001
    start = time.perf_counter()
    n = sum(fn(doc) for doc in docs)
    return n / (time.perf_counter() - start)


def vigie(fast: bool):  # noqa: ANN201
    def run(doc: bytes) -> int:
        feed.set_fast_path(fast)
        return len(feed.parse_document(doc, url="https://x.example/", source="s",
                                       source_type="news", fetched_at=NOW).mentions)
    return run


def bare(doc: bytes) -> int:
    return len(feedparser.parse(doc).entries)


def measure(name: str, docs: list[bytes], runs: int) -> tuple[float, float, float]:
    fast, slow, base = [], [], []
    for _ in range(runs):
        fast.append(rate(docs, vigie(True)))
        slow.append(rate(docs, vigie(False)))
        base.append(rate(docs, bare))
    f, s, b = (statistics.median(x) for x in (fast, slow, base))
    print(f"{name:38s} fast {f:9.0f}/s  feedparser-path {s:8.0f}/s  feedparser.parse "
          f"{b:8.0f}/s  fast/path {f / s:4.1f}x  fast/parse {f / b:4.1f}x")
    return f, s, b


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--docs", type=int, default=20)
    args = ap.parse_args()
    gen = measure("generated RSS 100 entries", [make_doc(i, 100) for i in range(args.docs)],
                  args.runs)
    shared = ROOT.parent / "shared" / "feeds" / "real-world"
    real = []
    for rel in REAL:
        path = shared / rel
        if path.is_file():
            body = path.read_bytes()
            stripped = body.lstrip()  # as parse_document does before parsing
            accepted = parse_fast(stripped if stripped[:5] == b"<?xml" else body) is not None
            real.append(measure(f"{rel} ({'fast' if accepted else 'fallback'})", [body],
                                max(3, args.runs // 2)))
    feed.set_fast_path(True)
    f, s, b = gen
    line = (f"RESULT gen_fast_eps={f:.0f} gen_path_eps={s:.0f} gen_feedparser_eps={b:.0f} "
            f"gen_speedup_vs_path={f / s:.2f} gen_speedup_vs_feedparser={f / b:.2f}")
    if real:
        line += f" real_median_speedup_vs_feedparser={statistics.median(x[0] / x[2] for x in real):.2f}"
    print(line)


if __name__ == "__main__":
    main()
