"""A second, independently written scenario generator, to check that the detector's targets
do not depend on bench/scenarios.py's assumptions.

    python bench/scenarios_alt.py --seeds 1-6 [--rate 5 15] [--multiple 2 4] [--days 2]
                                  [--many-bots] [--slow 5 9] [--out DIR]

It shares no code or text with scenarios.py and differs on purpose: a two-peak daily rhythm
(midday and evening), a handful of fixed phrasings per mood (so organic posts repeat each
other, as retweets and copy-paste do), authors from a flat pool sized to the brand, crises
where 70% of the posters are new and a press share of 8% after a 20-70 min (fast) or
1-2 h (slow) delay, reach from a wide log-normal, sources named by platform (`source_type`
`press` and `tv` among them, read as news), bad buzz from 3-9 angry accounts, floods of one
slogan from 3-9 bots (or 40-120 with `--many-bots`), outages of 2-4 hours. Labels use the
common names `flood` and `blind_spot`. Events happen on the last day of history (`--days`),
between 09:00 and 18:00 UTC, and the chatter goes on for a day after.

Replays every seed through the live code (`replay_events`) and prints `evaluate()`'s figures
for the issue's targets, ending with one RESULT line. `--out DIR` also writes each seed's
mentions.jsonl.gz, labels.json and vigie.yaml for `vigie backtest`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rich import print as rich_print  # noqa: E402

from monitor.config.files import config_from_text  # noqa: E402
from monitor.detection.evaluate import evaluate  # noqa: E402
from monitor.model import Mention  # noqa: E402
from monitor.replay import replay_events  # noqa: E402

PHRASES = {
    "en": {
        "neg": ["{b} support is useless, waited 3 hours for nothing",
                "really disappointed with {b}, never again",
                "{b} broke my order AGAIN. terrible service",
                "why is {b} so bad at this? awful experience",
                "my {b} package arrived damaged and nobody answers",
                "{b} is a scam, want my money back"],
        "crisis": ["{b} recall: customers report burns from faulty chargers",
                   "shocking: {b} accused of hiding contamination",
                   "{b} data breach exposes millions of customers, outrage grows",
                   "boycott {b} after the scandal, this is disgusting",
                   "{b} workers injured, company blamed for negligence",
                   "people are furious, {b} lied about safety"],
        "pos": ["love the new {b} collection, amazing!",
                "{b} customer service was fantastic today, thanks",
                "great job {b}, best ad of the year", "so happy with my {b} order, brilliant"],
        "neu": ["{b} opens a new store in Leeds on Monday", "{b} quarterly results due next week",
                "anyone know when {b} closes on Sundays?", "{b} names a new chief financial officer",
                "just ordered from {b}", "{b} updates its app"],
        "flood": ["{b} steals from customers, share this now!!! #boycott{b}"],
    },
    "fr": {
        "neg": ["le service client de {b} est nul, trois heures d'attente",
                "vraiment déçu par {b}, plus jamais",
                "{b} a encore raté ma commande, service lamentable",
                "colis {b} arrivé cassé et personne ne répond",
                "{b} c'est une arnaque, je veux être remboursé"],
        "crisis": ["rappel massif chez {b} : des clients brûlés par des chargeurs défectueux",
                   "scandale : {b} accusé d'avoir caché une contamination",
                   "fuite de données chez {b}, des millions de clients exposés, la colère monte",
                   "boycott de {b} après le scandale, c'est honteux",
                   "{b} a menti sur la sécurité, les gens sont furieux"],
        "pos": ["j'adore la nouvelle collection {b}, génial !",
                "service client {b} au top aujourd'hui, merci",
                "bravo {b}, la meilleure pub de l'année", "très content de ma commande {b}, parfait"],
        "neu": ["{b} ouvre un nouveau magasin à Lyon lundi",
                "{b} publiera ses résultats la semaine prochaine",
                "quelqu'un sait à quelle heure ferme {b} le dimanche ?",
                "{b} nomme un nouveau directeur financier", "je viens de commander chez {b}",
                "{b} met à jour son application"],
        "flood": ["{b} vole ses clients, partagez !!! #boycott{b}"],
    },
}
EVENTS = ["crisis_fast", "crisis_slow", "bad_buzz", "flood", "positive_buzz", "volume_spike",
          "outage", "none"]
STEP = timedelta(minutes=5)


def _poisson(rng: random.Random, lam: float) -> int:
    if lam >= 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _iso(t: datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")


class _Brand:
    def __init__(self, rng: random.Random, seed: int, name: str, lang: str, peak: float) -> None:
        self.rng, self.seed, self.name, self.lang, self.peak = rng, seed, name, lang, peak
        self.users = [f"{name}_{i}" for i in range(max(50, int(peak * 40)))]
        self.out: list[dict[str, Any]] = []

    def add(self, t: datetime, mood: str, kind: str = "social", author: str | None = None,
            text: str | None = None) -> None:
        rng = self.rng
        n = len(self.out)
        source = (rng.choice(["press-a", "press-b", "wire", "tv-site", "daily"]) if kind == "news"
                  else rng.choice(["mast", "bsky", "rdt", "forum1"]))
        source_type = {"news": rng.choice(["press", "news", "tv"])}.get(kind, kind)
        self.out.append({
            "id": f"alt{self.seed}-{self.name}-{n}", "published": _iso(t), "source": source,
            "source_type": source_type, "author": author or rng.choice(self.users),
            "url": f"https://e.example/{self.seed}/{self.name}/{n}", "title": "",
            "text": text or rng.choice(PHRASES[self.lang][mood]).format(b=self.name),
            "reach": int(rng.lognormvariate(5, 1.5))})

    def chatter(self, start: datetime, end: datetime, skip: tuple[datetime, datetime] | None) -> None:
        rng, t = self.rng, start
        while t < end:
            h = t.hour + t.minute / 60
            rhythm = (0.15 + 0.5 * math.exp(-((h - 12) ** 2) / 8)
                      + 0.6 * math.exp(-((h - 20) ** 2) / 6)) * (0.8 if t.weekday() >= 5 else 1)
            for _ in range(_poisson(rng, self.peak * rhythm / 12)):
                at = t + timedelta(seconds=rng.uniform(0, 300))
                if skip and skip[0] <= at < skip[1]:
                    continue
                self.add(at, rng.choices(["neg", "neu", "pos"], [0.2, 0.55, 0.25])[0],
                         rng.choices(["social", "forum", "news", "blog"], [0.8, 0.1, 0.07, 0.03])[0])
            t += STEP

    def event(self, kind: str, t0: datetime, extra: float, many_bots: bool,
              slow: tuple[float, float]) -> datetime:
        """Inject the event's mentions; return its labelled end."""
        rng = self.rng
        if kind.startswith("crisis"):
            rise = rng.uniform(0.2, 0.6) if kind == "crisis_fast" else rng.uniform(*slow)
            hours = rise + rng.uniform(6, 12)
            press = rng.uniform(0.3, 1.2) if kind == "crisis_fast" else rng.uniform(1, 2)
        elif kind in ("bad_buzz", "flood"):
            rise, hours, press = 0.0, rng.uniform(0.5, 2), math.inf
        else:
            rise, hours, press = 0.3, rng.uniform(1, 4), math.inf
        bots = [f"{self.name}_{'bot' if kind == 'flood' else 'angry'}{i}"
                for i in range(rng.randrange(40, 120) if kind == "flood" and many_bots
                               else rng.randrange(3, 10))]
        end, t = t0 + timedelta(hours=hours), t0
        while t < end:
            h = (t - t0).total_seconds() / 3600
            level = min(1.0, h / rise) if rise else 1.0
            if kind.startswith("crisis") and h > rise + 3:
                level *= math.exp(-(h - rise - 3) / 4)
            for _ in range(_poisson(rng, extra * level / 12)):
                at = t + timedelta(seconds=rng.uniform(0, 300))
                new = f"{self.name}_x{rng.randrange(10**6)}"
                if kind.startswith("crisis"):
                    medium = ("news" if h > press and rng.random() < 0.08
                              else rng.choice(["social", "social", "forum", "blog"]))
                    mood = "crisis" if rng.random() < 0.6 else rng.choice(["neg", "neu"])
                    self.add(at, mood, medium, author=new if rng.random() < 0.7 else None)
                elif kind == "flood":
                    slogan = PHRASES[self.lang]["flood"][0].format(b=self.name)
                    self.add(at, "flood", author=rng.choice(bots),
                             text=f"{slogan} {rng.randrange(100)}")
                elif kind == "bad_buzz":
                    self.add(at, "neg", author=rng.choice(bots) if rng.random() < 0.7 else None)
                elif kind == "positive_buzz":
                    self.add(at, "pos" if rng.random() < 0.8 else "neu", author=new)
                else:
                    self.add(at, "neu", "news" if rng.random() < 0.35 else "social", author=new)
            t += STEP
        return end


def generate(seed: int, days: int = 4, rate: tuple[float, float] = (20, 150),
             multiple: tuple[float, float] = (3, 10), many_bots: bool = False,
             slow: tuple[float, float] = (3, 6), turns: bool = False,
             after_flood: bool = False,
             ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], str]:
    """(mentions in the replay format, labels, vigie.yaml text) for one seed. With `turns`,
    the positive buzz and the news spike are each hit by a fast crisis 0.5-2.5 h after they
    start (a launch that goes wrong, a story that turns into outrage), labelled too; with
    `after_flood`, the bad buzz and the flood (real outrage after bots or a few angry
    accounts: their episode is then rightly called crisis, so bad_buzz_as_crisis means
    nothing there)."""
    rng = random.Random(seed * 7919 + 13)
    start = datetime(2026, 2, 2, tzinfo=UTC) + timedelta(days=rng.randrange(0, 200))
    end = start + timedelta(days=days + 1)
    mentions: list[dict[str, Any]] = []
    labels: list[dict[str, Any]] = []
    topics = []
    for index, kind in enumerate(EVENTS):
        name = "Brand" + "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou")
                                 for _ in range(3))
        brand = _Brand(rng, seed, name, "fr" if (index + seed) % 2 == 0 else "en",
                       rng.uniform(*rate))
        t0 = start + timedelta(days=days - 1, hours=rng.uniform(9, 18))
        skip = None
        if kind == "outage":
            skip = (t0, t0 + timedelta(hours=rng.uniform(2, 4)))
            labels.append({"topic": name.lower(), "type": "blind_spot", "start": _iso(t0),
                           "end": _iso(skip[1])})
        elif kind != "none":
            extra = brand.peak * rng.uniform(*multiple) * (1.5 if kind == "flood" else 1)
            t1 = brand.event(kind, t0, extra, many_bots, slow)
            labels.append({"topic": name.lower(), "type": kind.removesuffix("_fast")
                           .removesuffix("_slow"), "start": _iso(t0), "end": _iso(t1)})
            if (turns and kind in ("positive_buzz", "volume_spike")) or (
                    after_flood and kind in ("bad_buzz", "flood")):
                t2 = t0 + timedelta(hours=rng.uniform(0.5, 2.5))
                t3 = brand.event("crisis_fast", t2, brand.peak * rng.uniform(*multiple),
                                 many_bots, slow)
                labels.append({"topic": name.lower(), "type": "crisis", "start": _iso(t2),
                               "end": _iso(t3)})
        brand.chatter(start, end, skip)
        mentions.extend(brand.out)
        topics.append(f"  - name: {name.lower()}\n    query: {name}\n")
    mentions.sort(key=lambda m: m["published"])
    return mentions, labels, "topics:\n" + "".join(topics)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="1-6", help="first-last")
    parser.add_argument("--days", type=int, default=4, help="days of history before the events")
    parser.add_argument("--rate", type=float, nargs=2, default=(20, 150),
                        help="range of a brand's mentions per hour at its daily peak")
    parser.add_argument("--multiple", type=float, nargs=2, default=(3, 10),
                        help="range of an event's extra volume, in multiples of the peak rate")
    parser.add_argument("--many-bots", action="store_true", help="floods from 40-120 bots")
    parser.add_argument("--slow", type=float, nargs=2, default=(3, 6),
                        help="hours a slow-burn crisis takes to peak")
    parser.add_argument("--turns", action="store_true",
                        help="a fast crisis breaks out 0.5-2.5 h into the positive buzz and the "
                        "news spike")
    parser.add_argument("--after-flood", action="store_true",
                        help="a fast crisis breaks out 0.5-2.5 h into the bad buzz and the flood")
    parser.add_argument("--out", type=Path, help="also write each seed's files here")
    args = parser.parse_args(argv)
    first, _, last = args.seeds.partition("-")
    events, labels = [], []
    for seed in range(int(first), int(last or first) + 1):
        mentions, seed_labels, config = generate(seed, args.days, tuple(args.rate),
                                                 tuple(args.multiple), args.many_bots,
                                                 tuple(args.slow), args.turns,
                                                 args.after_flood)
        if args.out:
            folder = args.out / f"seed{seed}"
            folder.mkdir(parents=True, exist_ok=True)
            with gzip.open(folder / "mentions.jsonl.gz", "wt", encoding="utf-8") as fh:
                fh.writelines(json.dumps(m, ensure_ascii=False) + "\n" for m in mentions)
            (folder / "labels.json").write_text(json.dumps(seed_labels, indent=1) + "\n")
            (folder / "vigie.yaml").write_text(config)
        events += replay_events([Mention.from_replay(m) for m in mentions],
                                config_from_text(config))
        labels += seed_labels
    report = evaluate(events, labels)
    rich_print(report.table())
    for line in report.misses:
        print("  " + line)
    crisis = report.classes["crisis"]
    print(f"RESULT crisis_recall={crisis.recall or 0:.2f} crisis_precision="
          f"{crisis.precision or 0:.2f} crisis_median_delay_min={crisis.median_delay or 0:.0f} "
          f"bad_buzz_as_crisis={report.bad_buzz_as_crisis_rate or 0:.2f} labels={len(labels)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
