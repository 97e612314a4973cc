"""Seeded, labelled mention streams for the detector: `python bench/scenarios.py --seed N --out DIR`.

Each seed builds a few days of mentions for eight invented brands, in English or French, with
a diurnal and weekly rhythm, Poisson noise, authors drawn from a Zipf pool and sources of every
type. On the last day each brand gets one injected event (labelled `{topic, type, start, end}`,
plus `variant`):

    crisis/fast      negative wave from many new authors, press pickup within ~30 min
    crisis/slow      slow-burn: rises over 2-3 hours, press picks it up after ~1 hour
    bad_buzz/short   short, concentrated: a handful of angry accounts posting a lot, no press
    bad_buzz/flood   copy-paste (near-duplicate) flood from few accounts
    positive_buzz    a loved ad or launch
    volume_spike     neutral news (results, appointment, store opening)
    blind_spot       every source of the topic silent for 1.5-3 hours (an outage)
    (none)           a control brand with nothing but its usual chatter

Writes DIR/mentions.jsonl.gz (replay format), DIR/labels.json and DIR/vigie.yaml (the topics),
so `vigie backtest` can replay them. Library use: `generate(seed)` returns a Scenario.
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import json
import math
import random
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scenario_data.texts import TEXTS, BrandTexts  # noqa: E402

from monitor.model import Mention  # noqa: E402
from monitor.timeutil import from_epoch, iso  # noqa: E402

HOUR = 3600
KINDS = ["crisis/fast", "crisis/slow", "bad_buzz/short", "bad_buzz/flood", "positive_buzz",
         "volume_spike", "blind_spot", "none"]
SOURCES = {
    "social": ["mastodon", "bluesky", "threads", "x-mirror"],
    "forum": ["reddit", "forum-conso", "hn"],
    "video": ["youtube", "tiktok-feed"],
    "blog": ["medium", "substack"],
    "news": ["reuters", "bbc", "guardian", "lemonde", "lefigaro", "afp", "franceinfo", "ft"],
}
BACKGROUND_TYPES = {"social": 0.74, "forum": 0.12, "video": 0.05, "blog": 0.05, "news": 0.04}
SYLLABLES = ["nor", "da", "lis", "ve", "ra", "to", "mi", "ka", "sol", "bri", "an", "qua", "zen",
             "lo", "pha", "ri", "tel", "ox", "mar", "vi"]


@dataclass
class Scenario:
    seed: int
    mentions: list[Mention]
    labels: list[dict[str, Any]]
    topics: list[dict[str, str]]
    start: int
    end: int

    def config_yaml(self) -> str:
        lines = ["topics:"]
        for topic in self.topics:
            lines += [f"  - name: {topic['name']}", f"    query: \"{topic['query']}\""]
        return "\n".join(lines) + "\n"


class Rand(random.Random):
    """Seeded draws with the few distributions the generator needs (pure Python: scalar
    draws are several times faster than NumPy's one at a time)."""

    _zipf_cdf: list[float] = []

    def integers(self, low: int, high: int) -> int:
        return self.randrange(low, high)

    def poisson(self, lam: float) -> int:
        if lam <= 0:
            return 0
        if lam > 30:
            return max(0, int(round(self.gauss(lam, math.sqrt(lam)))))
        limit, k, product = math.exp(-lam), 0, self.random()
        while product > limit:
            k += 1
            product *= self.random()
        return k

    def zipf_rank(self, size: int, exponent: float = 1.1) -> int:
        """A rank in [1, size] with P(k) proportional to k^-exponent."""
        if len(Rand._zipf_cdf) != size:
            weights = [k ** -exponent for k in range(1, size + 1)]
            total, acc, cdf = sum(weights), 0.0, []
            for w in weights:
                acc += w / total
                cdf.append(acc)
            Rand._zipf_cdf = cdf
        return min(bisect.bisect_left(Rand._zipf_cdf, self.random()) + 1, size)

    def lognormal(self, mu: float, sigma: float) -> float:
        return self.lognormvariate(mu, sigma)

    def pick(self, weights: dict[str, float]) -> str:
        return self.choices(list(weights), weights=list(weights.values()))[0]


class _Stream:
    """Mentions of one brand, built with one seeded generator."""

    def __init__(self, rng: Rand, brand: str, lang: str, seed: int) -> None:
        self.rng, self.brand, self.lang = rng, brand, lang
        self.texts: BrandTexts = TEXTS[lang]
        self.out: list[Mention] = []
        self.prefix = f"s{seed}-{brand.lower()}"
        self.pool = 3000
        self.n = 0

    def author(self, fresh: bool = False) -> str:
        if fresh:
            return f"{self.prefix}-new{int(self.rng.integers(0, 10**7))}"
        return f"{self.prefix}-u{self.rng.zipf_rank(self.pool)}"

    def source(self, types: dict[str, float]) -> tuple[str, str]:
        kind = self.rng.pick(types)
        pool = SOURCES[kind]
        return pool[int(self.rng.integers(0, len(pool)))], kind

    def add(self, t: float, mood: str, *, types: dict[str, float] | None = None,
            author: str | None = None, text: str | None = None, fresh: bool = False,
            reach_scale: float = 1.0, url: str | None = None) -> None:
        source, kind = self.source(types or BACKGROUND_TYPES)
        if text is None:
            text = self.texts.compose(self.rng, "news_" + mood if kind == "news" else mood,
                                      self.brand)
        self.n += 1
        ident = f"{self.prefix}-{self.n}"
        title = text.split(":")[0][:80] if kind == "news" else ""
        reach = int(self.rng.lognormal(6.0 if kind == "news" else 4.0, 1.2) * reach_scale)
        self.out.append(Mention(
            id=ident, published=from_epoch(t), source=source, source_type=kind,
            author=author or (f"@{source}" if kind == "news" else self.author(fresh)),
            url=url or f"https://{source}.example/{ident}", title=title, text=text,
            lang=None, reach=reach))

    def background(self, start: int, end: int, rate: float, skip: tuple[int, int] | None) -> None:
        """Ordinary chatter: `rate` mentions per hour at the daily peak."""
        minute = start
        while minute < end:
            moment = datetime.fromtimestamp(minute, tz=UTC)
            hour = moment.hour + moment.minute / 60
            diurnal = 0.2 + 0.8 * math.exp(-((hour - 15.0) ** 2) / (2 * 4.0**2))
            weekly = 0.7 if moment.weekday() >= 5 else 1.0
            lam = rate * diurnal * weekly / 60.0
            for _ in range(int(self.rng.poisson(lam))):
                t = minute + float(self.rng.uniform(0, 60))
                if skip and skip[0] <= t < skip[1]:
                    continue
                mood = self.rng.pick({"negative": 0.18, "neutral": 0.5, "positive": 0.32})
                self.add(t, str(mood))
            minute += 60


def _shape(t: float, t0: float, rise: float, hold: float, decay: float) -> float:
    """Event intensity in [0, 1]: linear rise, plateau, exponential decay."""
    if t < t0:
        return 0.0
    if t < t0 + rise:
        return (t - t0) / rise
    if t < t0 + rise + hold:
        return 1.0
    return math.exp(-(t - t0 - rise - hold) / decay)


def _inject(stream: _Stream, kind: str, t0: float, peak: float) -> float:
    """Add the event's mentions; return its labelled end. `peak`: extra mentions per hour."""
    rng = stream.rng
    if kind == "blind_spot":
        return t0 + float(rng.uniform(1.5, 3.0)) * HOUR
    spec = {
        "crisis/fast": (float(rng.uniform(10, 25)) * 60, float(rng.uniform(2, 4)) * HOUR, 2 * HOUR),
        "crisis/slow": (float(rng.uniform(2, 3)) * HOUR, float(rng.uniform(2, 3)) * HOUR, 2 * HOUR),
        "bad_buzz/short": (5 * 60, float(rng.uniform(20, 45)) * 60, 15 * 60),
        "bad_buzz/flood": (5 * 60, float(rng.uniform(30, 75)) * 60, 10 * 60),
        "positive_buzz": (30 * 60, float(rng.uniform(1, 3)) * HOUR, HOUR),
        "volume_spike": (15 * 60, float(rng.uniform(1, 2)) * HOUR, HOUR),
    }[kind]
    rise, hold, decay = spec
    end = t0 + rise + hold + decay
    crisis = kind.startswith("crisis")
    press_at = t0 + (float(rng.uniform(10, 35)) * 60 if kind == "crisis/fast"
                     else float(rng.uniform(50, 80)) * 60)
    angry = [stream.author() + "-angry" + str(i) for i in range(int(rng.integers(4, 9)))]
    bots = [f"{stream.prefix}-bot{int(rng.integers(0, 10**6))}" for _ in range(int(rng.integers(4, 12)))]
    flood_texts = [stream.texts.compose(rng, "flood", stream.brand) for _ in range(2)]
    crisis_types = {"social": 0.6, "forum": 0.2, "video": 0.1, "blog": 0.1}
    t = t0
    while t < end:
        lam = peak * _shape(t, t0, rise, hold, decay) / 60.0
        for _ in range(int(rng.poisson(lam))):
            at = t + float(rng.uniform(0, 60))
            if crisis:
                mood = "crisis" if rng.random() < 0.75 else rng.choice(["neutral", "positive"])
                stream.add(at, mood, types=crisis_types, fresh=rng.random() < 0.8,
                           reach_scale=3.0)
            elif kind == "bad_buzz/short":
                if rng.random() < 0.65:
                    stream.add(at, "negative", types={"social": 1.0},
                               author=angry[int(rng.integers(0, len(angry)))])
                else:
                    stream.add(at, "negative" if rng.random() < 0.6 else "neutral",
                               types={"social": 0.8, "forum": 0.2})
            elif kind == "bad_buzz/flood":
                base = flood_texts[int(rng.integers(0, len(flood_texts)))]
                tag = f" #{stream.brand.lower()}{int(rng.integers(0, 99))}"
                stream.add(at, "negative", types={"social": 1.0},
                           author=bots[int(rng.integers(0, len(bots)))], text=base + tag)
            elif kind == "positive_buzz":
                mood = "positive" if rng.random() < 0.75 else "neutral"
                stream.add(at, mood, types={"social": 0.7, "video": 0.15, "blog": 0.1,
                                            "news": 0.05}, fresh=rng.random() < 0.6)
            else:  # volume_spike: neutral news and its echo
                mood = "neutral" if rng.random() < 0.8 else "positive"
                stream.add(at, mood, types={"social": 0.6, "news": 0.3, "forum": 0.1},
                           fresh=rng.random() < 0.5)
        if crisis and t >= press_at and rng.random() < 0.12:
            text = stream.texts.compose(rng, "news_crisis", stream.brand)
            outlet = SOURCES["news"][int(rng.integers(0, len(SOURCES["news"])))]
            url = f"https://{outlet}.example/{stream.prefix}-{int(t)}"
            stream.add(t + 30, "crisis", types={"news": 1.0}, text=text, url=url)
            if rng.random() < 0.4:  # an aggregator carries the same story: syndication
                stream.add(t + 90, "crisis", types={"news": 1.0}, text=text, url=url)
        t += 60
    return end


def generate(seed: int, days: float = 3.0, rate: tuple[float, float] = (30.0, 90.0),
             multiple: tuple[float, float] = (5.0, 12.0),
             hours: tuple[float, float] = (8.0, 17.0)) -> Scenario:
    """A deterministic scenario: the same seed gives the same mentions and labels.

    `rate`: range of a brand's mentions per hour at its daily peak; `multiple`: range of an
    event's extra volume, in multiples of that peak rate; `hours`: range of the events' start,
    in hours (UTC) of the last day (the default, office hours; e.g. (0, 6) for night events).
    The first day is a Thursday: with `days` 3 or 4 the events fall on a weekend."""
    rng = Rand(f"scenario-{seed}")
    day0 = 1_767_225_600 + int(rng.integers(0, 52)) * 7 * 86400  # a Thursday in 2026
    start, end = day0, day0 + int(days * 86400)
    mentions: list[Mention] = []
    labels: list[dict[str, Any]] = []
    topics: list[dict[str, str]] = []
    used: set[str] = set()
    for index, kind in enumerate(KINDS):
        while True:
            brand = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
            if brand not in used:
                used.add(brand)
                break
        lang = "fr" if (index + seed) % 2 else "en"
        stream = _Stream(Rand(f"scenario-{seed}-{index}"), brand, lang, seed)
        peak_rate = float(stream.rng.uniform(*rate))  # mentions per hour at the daily peak
        event_day = start + max(1, int(days) - 1) * 86400  # after a day of history at least
        first, last = int(hours[0] * 60), max(int(hours[0] * 60) + 1, int(hours[1] * 60))
        t0 = float(event_day + int(stream.rng.integers(first, last)) * 60)
        skip = None
        if kind != "none":
            lift = float(stream.rng.uniform(*multiple))
            if kind == "bad_buzz/flood":
                lift *= 1.5
            t_end = _inject(stream, kind, t0, peak_rate * lift)
            if kind == "blind_spot":
                skip = (int(t0), int(t_end))
            main, _, variant = kind.partition("/")
            labels.append({"topic": brand.lower(), "type": main, "variant": variant or main,
                           "start": iso(t0), "end": iso(min(t_end, end)), "lang": lang})
        stream.background(start, end, peak_rate, skip)
        topics.append({"name": brand.lower(), "query": brand, "lang": lang})
        mentions.extend(stream.out)
    mentions.sort(key=lambda m: (m.published, m.id))
    return Scenario(seed, mentions, labels, topics, start, end)


def write(scenario: Scenario, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with gzip.open(out / "mentions.jsonl.gz", "wt", encoding="utf-8") as fh:
        for mention in scenario.mentions:
            fh.write(json.dumps(mention.to_replay(), ensure_ascii=False) + "\n")
    (out / "labels.json").write_text(json.dumps(scenario.labels, indent=2) + "\n")
    (out / "vigie.yaml").write_text(scenario.config_yaml())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--days", type=float, default=3.0)
    parser.add_argument("--rate", type=float, nargs=2, default=(30.0, 90.0),
                        help="range of mentions per hour at a brand's daily peak")
    parser.add_argument("--multiple", type=float, nargs=2, default=(5.0, 12.0),
                        help="range of an event's extra volume, in multiples of the peak rate")
    parser.add_argument("--hours", type=float, nargs=2, default=(8.0, 17.0),
                        help="range of the events' start, in hours (UTC) of the last day")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    scenario = generate(args.seed, args.days, tuple(args.rate), tuple(args.multiple),
                        tuple(args.hours))
    write(scenario, args.out)
    print(f"{len(scenario.mentions)} mentions, {len(scenario.labels)} labelled events, "
          f"{len(scenario.topics)} topics -> {args.out}")
    print(f"RESULT mentions={len(scenario.mentions)} events={len(scenario.labels)} "
          f"topics={len(scenario.topics)} seed={args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
