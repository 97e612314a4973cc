"""Ingestion throughput: the whole path against bare feedparser + VADER, in the same run.

    python bench/ingest.py [--runs 3] [--docs 60] [--entries 100] [--feeds-304 2000]

1. Vigie's ingest path (HTTP fetch on 127.0.0.1, parse, normalise, match, dedupe, score,
   count into Redis) through Celery batches, on freshly generated documents it has never
   seen, with 1 worker process then 2: mentions/second, median of --runs.
2. Baseline on the same documents: `feedparser.parse` then `polarity_scores` on each entry.
3. Polls/second when 95% of feeds answer 304 Not Modified (goal: 10,000 feeds every 5 min,
   i.e. 33 polls/s, on 2 cores).

Needs a Redis (REDIS_URL, else 127.0.0.1:6379; database 13 is flushed). Ends with one
`RESULT name=value ...` line.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.timeutil import from_epoch  # noqa: E402

WORDS_EN = ["service", "outage", "refund", "terrible", "great", "love", "recall", "broken", "support", "delivery", "late", "quality", "price", "awesome", "disappointed", "customer", "app", "update", "crash"]
WORDS_FR = ["panne", "remboursement", "nul", "génial", "service", "rappel", "livraison", "retard", "qualité", "prix", "déçu", "client", "appli", "mise", "à", "jour", "plantage"]
BRANDS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli"]


def make_doc(seed: int, entries: int) -> bytes:
    """An RSS document of `entries` never-seen entries (HTML descriptions, mixed languages)."""
    rng = random.Random(seed)
    now = time.time()
    items = []
    for i in range(entries):
        words = WORDS_FR if rng.random() < 0.4 else WORDS_EN
        text = " ".join(rng.choice(words) for _ in range(rng.randint(8, 30)))
        brand = rng.choice(BRANDS)
        body = f"<p>{escape(brand)} {escape(text)} <a href='https://x.example/{seed}/{i}'>link</a></p>"
        items.append(
            f"<item><guid>{seed}-{i}-{rng.random()}</guid><link>https://site{seed}.example/{i}?utm_source=x</link>"
            f"<title>{escape(brand)} {escape(' '.join(text.split()[:6]))}</title>"
            f"<pubDate>{format_datetime(from_epoch(now - rng.random() * 3600))}</pubDate>"
            f"<author>user{rng.randint(1, 500)}</author><description>{escape(body)}</description></item>"
        )
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>feed {seed}"
            f"</title><link>https://site{seed}.example</link>{''.join(items)}</channel></rss>").encode()


class Server:
    """Serves documents by path; `/n/<k>` answers 304 to a matching If-None-Match."""

    def __init__(self) -> None:
        self.docs: dict[str, bytes] = {}
        docs = self.docs

        class Handler(BaseHTTPRequestHandler):
            disable_nagle_algorithm = True
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802
                body = docs.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                etag = '"' + hashlib.blake2b(body, digest_size=8).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"


def baseline(docs: list[bytes]) -> float:
    import feedparser
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyzer = SentimentIntensityAnalyzer()
    start = time.perf_counter()
    n = 0
    for doc in docs:
        parsed = feedparser.parse(doc)
        for entry in parsed.entries:
            analyzer.polarity_scores(entry.get("summary", "") or entry.get("title", ""))
            n += 1
    return n / (time.perf_counter() - start)


class Rig:
    """A config, a Redis database and Celery workers in subprocesses."""

    def __init__(self, redis_url: str, server: Server, folder: Path) -> None:
        self.redis_url, self.server, self.folder = redis_url, server, folder
        self.client = redis.Redis.from_url(redis_url)
        self.env = dict(os.environ, REDIS_URL=redis_url, VIGIE_CONFIG=str(folder / "vigie.yaml"),
                        VIGIE_DATA_DIR=str(folder / "data"), PYTHONPATH=str(ROOT))

    def configure(self, sources: dict[str, str]) -> None:
        topics = "".join(f"  - name: {b.lower()}\n    query: {b.lower()}\n" for b in BRANDS)
        lines = "".join(f"  - name: {n}\n    url: {u}\n    interval: 1h\n" for n, u in sources.items())
        (self.folder / "vigie.yaml").write_text(f"topics:\n{topics}sources:\n{lines}", encoding="utf-8")

    def worker(self, processes: int) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker", "-l", "ERROR",
             "--concurrency", str(processes), "--without-heartbeat", "--without-gossip",
             "--without-mingle"],
            env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )

    def mentions(self) -> int:
        return int(self.client.get("vigie:stats:mentions") or 0)

    def polled_since(self, t0: float) -> int:
        raws = self.client.hvals("vigie:state:health")
        import orjson

        return sum(1 for r in raws if (orjson.loads(r).get("last_attempt") or 0) >= t0)


def wait_until(check, timeout: float) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def ingest_run(rig: Rig, docs: list[bytes], processes: int, expected: int) -> float:
    from workers import tasks

    rig.client.flushdb()
    names = {}
    for k, doc in enumerate(docs):
        path = f"/d/{k}-{random.random()}"
        rig.server.docs[path] = doc
        names[f"f{k}"] = rig.server.url(path)
    warm = make_doc(random.randrange(1 << 30), 20)
    rig.server.docs["/warm"] = warm
    names["warm"] = rig.server.url("/warm")
    rig.configure(names)
    worker = rig.worker(processes)
    try:
        # Warm every worker process (imports, models) before timing.
        for _ in range(processes * 2):
            tasks.poll.delay("warm")
        assert wait_until(lambda: rig.mentions() >= 1 and rig.client.llen("celery") == 0, 120)
        time.sleep(1.0)
        base = rig.mentions()
        start = time.perf_counter()
        for name in names:
            if name != "warm":
                tasks.poll.delay(name)
        assert wait_until(lambda: rig.mentions() - base >= expected, 300), (rig.mentions(), base, expected)
        return expected / (time.perf_counter() - start)
    finally:
        worker.terminate()
        worker.wait(30)


def not_modified_run(rig: Rig, feeds: int, processes: int) -> float:
    from workers import tasks

    rig.client.flushdb()
    names = {}
    small = make_doc(1, 1)
    for k in range(feeds):
        path = f"/n/{k}"
        rig.server.docs[path] = small
        names[f"n{k}"] = rig.server.url(path)
    rig.configure(names)
    worker = rig.worker(processes)
    try:
        for name in names:  # first round: learn ETags
            tasks.poll.delay(name)
        assert wait_until(lambda: rig.polled_since(0) >= feeds and rig.client.llen("celery") == 0, 300)
        for k in range(0, feeds, 20):  # 5% change: they answer 200 with a new entry
            rig.server.docs[f"/n/{k}"] = make_doc(1000 + k, 1)
        time.sleep(0.5)
        t0 = time.time()
        start = time.perf_counter()
        for name in names:
            tasks.poll.delay(name)
        assert wait_until(lambda: rig.polled_since(t0) >= feeds, 300)
        return feeds / (time.perf_counter() - start)
    finally:
        worker.terminate()
        worker.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--entries", type=int, default=100)
    parser.add_argument("--feeds-304", type=int, default=2000)
    args = parser.parse_args()
    base_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379").rsplit("/", 1)
    redis_url = (base_url[0] if base_url[-1].isdigit() else "/".join(base_url)) + "/13"
    from workers import celery_app

    celery_app.configure(redis_url)
    server = Server()
    with tempfile.TemporaryDirectory() as tmp:
        rig = Rig(redis_url, server, Path(tmp))
        base_rates, one, two = [], [], []
        expected = args.docs * args.entries
        for run in range(args.runs):
            docs = [make_doc(run * 10_000 + k, args.entries) for k in range(args.docs)]
            base_rates.append(baseline(docs))
            one.append(ingest_run(rig, docs, 1, expected))
            docs = [make_doc(run * 10_000 + 5_000 + k, args.entries) for k in range(args.docs)]
            two.append(ingest_run(rig, docs, 2, expected))
            print(f"run {run + 1}: baseline {base_rates[-1]:.0f}/s, vigie 1 worker {one[-1]:.0f}/s, "
                  f"2 workers {two[-1]:.0f}/s", flush=True)
        polls = [not_modified_run(rig, args.feeds_304, 2) for _ in range(max(1, args.runs // 2))]
    b, o, t = statistics.median(base_rates), statistics.median(one), statistics.median(two)
    p = statistics.median(polls)
    print(f"baseline feedparser.parse + polarity_scores: {b:.0f} entries/s (median of {args.runs})")
    print(f"vigie ingest, 1 worker: {o:.0f} mentions/s; 2 workers: {t:.0f} mentions/s")
    print(f"ratio vs baseline: {o / b:.2f}; speed-up 1 -> 2 workers: {t / o:.2f}")
    print(f"polls with 95% 304 answers: {p:.0f}/s on 2 worker processes "
          f"(10,000 feeds / 5 min needs 33/s)")
    print(f"RESULT ingest_per_s={o:.0f} baseline_per_s={b:.0f} ratio={o / b:.2f} "
          f"two_workers_per_s={t:.0f} speedup={t / o:.2f} polls_304_per_s={p:.0f}")


if __name__ == "__main__":
    main()
