"""Third labelled scenario generator, written blind (from the issue's specification only).

An outside check of the crisis targets (recall >= 0.95, precision >= 0.9, median delay
<= 60 min, bad buzz and floods never called crisis in >= 90% of cases) on streams built with
other assumptions than bench/scenarios.py and bench/scenarios_alt.py:

* rhythm: one of four daily shapes (business hours B2B, evening consumer, commuter double
  peak, flat 24/7) times a weekly factor (B2B quiet at weekends, consumer busier), a slow
  trend over the days, hour-level AR(1) noise, and quiet gaps some nights on small brands;
* authors: a heavy-tailed pool of regulars (a few fans post several times a day), one-off
  posters, reposts of recent posts ("RT @x: ..."), some mentions without author or reach;
* texts: assembled EN/FR sentences with negations, sarcasm and emoji (bench/scenario_data/gen3_texts.py),
  brands that mix both languages, a baseline negative share of 10-40% depending on brand;
* sizes: small (3-14 mentions/h on average), medium (15-80/h), large (80-260/h, peaks of
  several hundred an hour), 2-7 days of history before the first event;
* events at any hour and day: fast crises, slow burns (2-8 h ramp), a bad buzz that turns
  into a crisis, bad buzz (a few angry accounts, small echo), bot floods (near-duplicates
  from many new accounts, angry or spam), positive buzz, neutral news spikes, source
  outages (every mention of the topic's own sources gone for 2-6 h); topics with several
  events and topics with none.

Label start is the first extra mention (the first missing one for an outage), end the time
the extra intensity has decayed below 5% of its peak (the outage end).

    python bench/scenarios_gen3.py --seeds 1-10 --out /tmp/gen3           # write
    python bench/scenarios_gen3.py --seeds 1-20 --out /tmp/gen3 --run     # and backtest
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scenario_data import gen3_texts as tx  # noqa: E402

MIN = 60.0
HOUR = 3600.0
DAY = 86400.0

# 24 hourly weights, local time
PROFILES = {
    "b2b": [0.05, 0.03, 0.02, 0.02, 0.03, 0.06, 0.2, 0.6, 1.3, 2.0, 2.2, 2.0, 1.4, 1.7, 2.1, 2.0,
            1.7, 1.2, 0.7, 0.45, 0.3, 0.2, 0.12, 0.08],
    "evening": [0.55, 0.3, 0.15, 0.08, 0.05, 0.06, 0.15, 0.35, 0.55, 0.65, 0.7, 0.8, 1.0, 0.9, 0.8,
                0.85, 0.95, 1.1, 1.4, 1.8, 2.2, 2.4, 2.0, 1.2],
    "commuter": [0.2, 0.08, 0.05, 0.05, 0.15, 0.6, 1.6, 2.6, 2.2, 1.1, 0.8, 0.8, 0.9, 0.8, 0.8, 1.0,
                 1.5, 2.4, 2.5, 1.5, 0.9, 0.7, 0.5, 0.35],
    "flat": [0.8, 0.7, 0.6, 0.5, 0.45, 0.45, 0.55, 0.7, 0.85, 1.0, 1.1, 1.15, 1.2, 1.2, 1.15, 1.15,
             1.2, 1.25, 1.3, 1.35, 1.4, 1.3, 1.1, 0.95],
}
WEEKLY = {  # Monday .. Sunday
    "b2b": [1.1, 1.15, 1.1, 1.05, 0.95, 0.25, 0.18],
    "evening": [0.85, 0.85, 0.9, 0.95, 1.15, 1.3, 1.25],
    "commuter": [1.1, 1.1, 1.1, 1.1, 1.05, 0.55, 0.45],
    "flat": [1.0, 0.95, 0.95, 1.0, 1.05, 1.1, 1.05],
}

BRANDS = [  # name, sector, share of French posts, rhythm, usual negative share, utc offset (h)
    ("Tavelis", "bank", 0.85, "b2b", 0.25, 1),
    ("Orvane Air", "airline", 0.4, "flat", 0.38, 1),
    ("Kestrella", "food", 0.15, "evening", 0.12, -5),
    ("Muralto", "telecom", 0.95, "evening", 0.35, 1),
    ("Zentrik", "software", 0.1, "b2b", 0.15, -5),
    ("Pivonne", "fashion", 0.7, "evening", 0.1, 1),
    ("Halvard Rail", "rail", 0.3, "commuter", 0.4, 0),
    ("Épicéa Énergie", "energy", 1.0, "b2b", 0.3, 1),
    ("Nimbra", "gaming", 0.2, "flat", 0.28, -8),
    ("Corbelle", "food", 0.6, "evening", 0.15, 1),
    ("Velkor", "telecom", 0.05, "commuter", 0.33, 0),
    ("Lumeo Bank", "bank", 0.0, "b2b", 0.22, 0),
    ("Sarvik", "software", 0.5, "b2b", 0.18, 1),
    ("Frasquet", "fashion", 0.9, "evening", 0.12, 1),
    ("Bratel Games", "gaming", 0.35, "flat", 0.3, 1),
    ("Ondrel", "airline", 0.05, "flat", 0.36, -5),
]

NEWS_EN = ["Reuters", "AP News", "BBC News", "The Guardian", "Bloomberg", "Financial Times", "CNBC",
           "The Independent", "Sky News", "Business Insider", "The Verge", "TechCrunch", "Forbes",
           "Evening Standard", "The Telegraph", "NBC News", "CBS News", "Axios", "Politico", "Yahoo News"]
NEWS_FR = ["Le Monde", "Le Figaro", "Libération", "Les Echos", "franceinfo", "BFM TV", "20 Minutes",
           "Ouest-France", "Le Parisien", "L'Express", "Challenges", "La Tribune", "Mediapart", "RTL",
           "Europe 1", "Capital", "L'Obs", "Sud Ouest", "La Dépêche", "Le Point"]
INSTANCES = ["mastodon.social", "mas.to", "piaille.fr", "mamot.fr", "hachyderm.io", "fosstodon.org"]
FIRST = ["marie", "tom", "lea", "jules", "sam", "nina", "alex", "karim", "sofia", "ben", "chloe",
         "yanis", "emma", "liam", "ines", "noah", "zoe", "hugo", "maya", "leo", "ava", "nathan"]

CANON = {"reddit": "forum", "medium": "blog", "mastodon": "social", "press": "news", "tv": "news"}
SMALL, MEDIUM, LARGE = "small", "medium", "large"


@dataclass
class Topic:
    name: str
    brand: str
    sector: str
    fr_share: float
    profile: str
    neg_share: float
    tz: int
    size: float  # mean mentions per hour over a week
    band: str
    sources: list[tuple[str, str]]  # (name, source_type)
    regulars: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)


@dataclass
class Event:
    topic: str
    kind: str  # crisis_fast, crisis_slow, crisis_buzz, bad_buzz, flood, positive, news, outage
    start: float
    end: float = 0.0
    label_start: float = 0.0
    visible: float = 0.0  # when the extra volume first reaches the brand's mean hourly rate


LABEL_TYPE = {
    "crisis_fast": "crisis", "crisis_slow": "crisis", "crisis_buzz": "crisis",
    "bad_buzz": "bad_buzz", "flood": "flood", "positive": "positive_buzz",
    "news": "neutral_news", "outage": "outage",
}


def slug(name: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", "-")


def query_for(brand: str) -> str:
    words = slug(brand).split("-")
    if len(words) == 1:
        return words[0]
    # "Orvane Air" -> orvane (the first word is distinctive), plus the glued hashtag form
    return f'{words[0]} OR {"".join(words)}'


class Gen:
    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = random.Random(seed * 7919 + 3)
        self.np = np.random.default_rng(seed * 104729 + 11)
        self.rows: list[tuple[float, dict, str, str]] = []
        self.counter = 0
        self.topics: list[Topic] = []
        self.events: list[Event] = []

    # ---------------------------------------------------------------- set-up
    def plan(self) -> None:
        rng = self.rng
        day0 = datetime(2026, 1, 5, tzinfo=UTC) + timedelta(days=rng.randrange(0, 300))
        self.t0 = day0.timestamp()
        n_topics = rng.randint(3, 6)
        brands = rng.sample(BRANDS, n_topics)
        has_large = False
        for brand, sector, fr, profile, neg, tz in brands:
            r = rng.random()
            if r < 0.22 and not has_large:
                band, size = LARGE, math.exp(rng.uniform(math.log(80), math.log(260)))
                has_large = True
            elif r < 0.6:
                band, size = MEDIUM, math.exp(rng.uniform(math.log(15), math.log(80)))
            else:
                band, size = SMALL, math.exp(rng.uniform(math.log(3), math.log(14)))
            s = slug(brand)
            kinds = [("social", "social"), ("news", "news")]
            if rng.random() < 0.7:
                kinds.append(("forum", rng.choice(["forum", "reddit"])))
            if rng.random() < 0.4:
                kinds.append(("blog", rng.choice(["blog", "medium"])))
            if rng.random() < 0.3:
                kinds.append(("video", "video"))
            if rng.random() < 0.5:  # a second social network
                kinds.append(("masto", "mastodon"))
            sources = [(f"{k}-{s}", st) for k, st in kinds]
            t = Topic(s, brand, sector, fr, profile, neg, tz, size, band, sources)
            n_reg = max(8, int(size * rng.uniform(3, 8)))
            t.regulars = [self.handle() for _ in range(n_reg)]
            alpha = rng.uniform(0.9, 1.4)  # Zipf-like: the top fans post a lot
            t.weights = list(np.cumsum([1.0 / (i + 1) ** alpha for i in range(n_reg)]))
            self.topics.append(t)

        kinds = ["crisis_fast", "crisis_slow", "crisis_buzz", "bad_buzz", "flood", "positive",
                 "news", "outage"]
        weights = [16, 11, 7, 15, 13, 12, 13, 10]
        horizon = self.t0 + 4 * DAY
        for t in self.topics:
            n_ev = rng.choice([0, 1, 1, 1, 2, 2, 3])
            at = self.t0 + rng.uniform(2.0, 7.0) * DAY
            for _ in range(n_ev):
                kind = rng.choices(kinds, weights)[0]
                ev = Event(t.name, kind, at)
                self.events.append(ev)
                span = {"crisis_fast": 24, "crisis_slow": 30, "crisis_buzz": 30}.get(kind, 8)
                at += (span + rng.uniform(6, 30)) * HOUR
            horizon = max(horizon, at + 6 * HOUR)
        self.t_end = horizon

    def handle(self) -> str:
        rng = self.rng
        r = rng.random()
        first = rng.choice(FIRST)
        if r < 0.45:
            return f"{first}{rng.choice(['_', '.', ''])}{rng.randrange(10, 99999)}"
        if r < 0.75:
            return f"@{first}{rng.randrange(1, 999)}@{rng.choice(INSTANCES)}"
        if r < 0.9:
            return f"{first.capitalize()} {chr(65 + rng.randrange(26))}."
        return f"{first}{rng.choice(['lover', 'fan', 'dev', 'ontour', '_off', 'xx'])}{rng.randrange(100)}"

    def regular(self, t: Topic) -> str:
        x = self.rng.random() * t.weights[-1]
        i = int(np.searchsorted(t.weights, x))
        return t.regulars[min(i, len(t.regulars) - 1)]

    # ---------------------------------------------------------------- output
    def emit(self, ts: float, t: Topic, text: str, *, author: str | None, stype: str = "social",
             source: str | None = None, title: str | None = None, reach: int | None = None,
             lang: str | None = None, url: str | None = "auto", kind: str = "base") -> None:
        self.counter += 1
        src = source or self.pick_source(t, stype)
        row: dict = {"id": f"g3-{self.seed}-{self.counter}"}
        off = t.tz if self.rng.random() < 0.5 else 0
        row["published"] = datetime.fromtimestamp(ts, UTC).astimezone(
            _tz(off)).isoformat(timespec="seconds")
        row["source"] = src
        row["source_type"] = stype
        if author is not None:
            row["author"] = author
        if url == "auto":
            if self.rng.random() < 0.97:
                row["url"] = f"https://{src}.example/p/{self.seed}/{self.counter}"
        elif url:
            row["url"] = url
        if title:
            row["title"] = title
        row["text"] = text
        if reach is not None:
            row["reach"] = reach
        if lang and self.rng.random() < 0.5:
            row["lang"] = lang
        self.rows.append((ts, row, t.name, kind))

    def pick_source(self, t: Topic, stype: str) -> str:
        matching = [n for n, st in t.sources if CANON.get(st, st) == CANON.get(stype, stype)]
        if not matching:
            matching = [t.sources[0][0]]
        return self.rng.choice(matching)

    def lang(self, t: Topic) -> str:
        return "fr" if self.rng.random() < t.fr_share else "en"

    def reach(self, big: bool = False) -> int | None:
        if self.rng.random() < 0.35:
            return None
        return int(math.exp(self.rng.gauss(8.0 if big else 4.5, 1.8)))

    # ---------------------------------------------------------------- baseline
    def rate(self, t: Topic, ts: np.ndarray) -> np.ndarray:
        local = ts + t.tz * HOUR
        hours = (local % DAY) / HOUR
        prof = np.array(PROFILES[t.profile] + [PROFILES[t.profile][0]])
        prof = prof / prof[:24].mean()
        h0 = np.floor(hours).astype(int)
        frac = hours - h0
        daily = prof[h0] * (1 - frac) + prof[h0 + 1] * frac
        wd = ((local // DAY).astype(int) + 3) % 7  # 1970-01-01 was a Thursday
        weekly = np.array(WEEKLY[t.profile])[wd]
        return t.size * daily * weekly

    def baseline(self, t: Topic) -> None:
        rng, npr = self.rng, self.np
        step = 5 * MIN
        slots = np.arange(self.t0, self.t_end, step)
        lam = self.rate(t, slots + step / 2)
        span_days = (self.t_end - self.t0) / DAY
        trend = 1 + rng.uniform(-0.35, 0.35) * (slots - self.t0) / DAY / span_days
        n_hours = len(slots) // 12 + 2
        ar = np.zeros(n_hours)
        for i in range(1, n_hours):
            ar[i] = 0.8 * ar[i - 1] + npr.normal(0, 0.18)
        noise = np.exp(ar[np.arange(len(slots)) // 12])
        lam = lam * trend * noise
        if t.band != LARGE:  # a few nights with nothing at all
            for d in range(int(span_days) + 1):
                if rng.random() < 0.3:
                    gap0 = self.t0 + d * DAY - t.tz * HOUR + rng.uniform(0, 4) * HOUR
                    lam[(slots >= gap0) & (slots < gap0 + rng.uniform(1, 3) * HOUR)] = 0
        counts = npr.poisson(lam * step / HOUR)
        times = np.repeat(slots, counts) + npr.uniform(0, step, counts.sum())
        recent: list[tuple[str, str]] = []
        for ts in times.tolist():
            r = rng.random()
            if r < 0.006 * max(1.0, 30 / t.size):  # routine press coverage
                lang = self.lang(t)
                title, body = tx.news_item(rng, "routine", t.brand, t.sector, lang)
                self.emit(ts, t, body, author=rng.choice(NEWS_FR if lang == "fr" else NEWS_EN),
                          stype="news", title=title, lang=lang, reach=self.reach(True))
                continue
            if r < 0.15 and recent:  # a repost of something recent
                who, text = rng.choice(recent)
                self.emit(ts, t, f"RT @{who.lstrip('@').split('@')[0]}: {text}",
                          author=self.regular(t) if rng.random() < 0.5 else self.handle(),
                          reach=self.reach())
                continue
            lang = self.lang(t)
            text = tx.chatter(rng, t.brand, t.sector, lang, t.neg_share)
            if rng.random() < 0.03:
                text = f"{text} / {rng.choice(tx.OFFTOPIC)}"
            q = rng.random()
            author = None if q < 0.04 else (self.regular(t) if q < 0.7 else self.handle())
            stype = rng.choices(["social", "forum", "blog", "video"], [80, 12, 4, 4])[0]
            self.emit(ts, t, text, author=author, stype=stype, lang=lang, reach=self.reach(),
                      title=text[:60] if stype in ("blog", "forum") and rng.random() < 0.6 else None)
            if author and rng.random() < 0.3:
                recent.append((author, text))
                if len(recent) > 30:
                    recent.pop(0)

    # ---------------------------------------------------------------- events
    def times(self, intensity, t0: float, t1: float) -> list[float]:
        """Poisson times for an intensity (per hour) given as a function of seconds since t0."""
        step = MIN
        grid = np.arange(t0, t1, step)
        lam = np.array([intensity(g - t0) for g in grid.tolist()]) * step / HOUR
        counts = self.np.poisson(np.maximum(lam, 0))
        return sorted((np.repeat(grid, counts) + self.np.uniform(0, step, counts.sum())).tolist())

    def event(self, ev: Event) -> None:
        t = next(x for x in self.topics if x.name == ev.topic)
        getattr(self, "ev_" + ev.kind.split("_")[0] if ev.kind.startswith("crisis") else "ev_" + ev.kind)(t, ev)

    def crisis_shape(self, ev: Event, t: Topic) -> tuple:
        rng = self.rng
        boost = rng.uniform(1.5, 6) if t.band == LARGE else rng.uniform(2.5, 8)
        peak = t.size * boost + rng.uniform(25, 80)
        if ev.kind == "crisis_fast":
            ramp = rng.uniform(10, 40) * MIN
        else:
            ramp = rng.uniform(2, 8) * HOUR if ev.kind == "crisis_slow" else rng.uniform(1, 3) * HOUR
        plateau = rng.uniform(1, 4) * HOUR
        total = rng.uniform(6, 24) * HOUR
        tau = max((total - ramp - plateau) / 3.0, 0.5 * HOUR)  # exp(-3) = 5% at the end
        k = 3.0 if ev.kind == "crisis_fast" else 4.5

        def f(x: float) -> float:
            if x < ramp:
                return peak * (math.exp(k * x / ramp) - 1) / (math.exp(k) - 1)
            if x < ramp + plateau:
                return peak
            return peak * math.exp(-(x - ramp - plateau) / tau)

        return f, ramp + plateau + 3 * tau, peak, ramp

    def ev_crisis(self, t: Topic, ev: Event) -> None:
        rng = self.rng
        scandal = rng.choice(tx.SCANDALS)
        f, dur, peak, ramp = self.crisis_shape(ev, t)
        start = ev.start
        first: list[float] = []
        if ev.kind == "crisis_buzz":  # a few accounts first, then it spreads
            angry = [self.handle() for _ in range(rng.randint(3, 6))]
            pre = rng.uniform(30, 90) * MIN
            for ts in self.times(lambda x: rng.uniform(15, 40), start, start + pre):
                lang = self.lang(t)
                self.emit(ts, t, tx.crisis_post(rng, t.brand, t.sector, lang, scandal, 0.9),
                          author=rng.choice(angry), lang=lang, reach=self.reach(), kind="event")
                first.append(ts)
            start += pre * 0.7
        neg = rng.uniform(0.55, 0.85)
        core = [self.handle() for _ in range(rng.randint(10, 50))]
        for ts in self.times(f, start, start + dur):
            lang = self.lang(t)
            q = rng.random()
            author = (self.handle() if q < 0.7 else rng.choice(core) if q < 0.85
                      else self.regular(t) if q < 0.95 else None)
            self.emit(ts, t, tx.crisis_post(rng, t.brand, t.sector, lang, scandal, neg),
                      author=author, lang=lang, reach=self.reach(),
                      stype=rng.choices(["social", "forum", "video", "blog"], [85, 10, 3, 2])[0],
                      kind="event")
            first.append(ts)
        # news pickup: distinct outlets, 30 min - 3 h in, over the next hours, each shared
        pickup = ev.start + rng.uniform(30, 180) * MIN
        n_news = int(rng.uniform(5, 30) * (1.5 if t.band == LARGE else 1))
        outlets = [(o, "en") for o in NEWS_EN] + [(o, "fr") for o in NEWS_FR]
        rng.shuffle(outlets)
        outlets.sort(key=lambda o: (o[1] == "fr") != (rng.random() < t.fr_share))
        for i in range(n_news):
            ts = pickup + rng.expovariate(1 / (1.5 * HOUR)) if i else pickup
            outlet, lang = outlets[i % len(outlets)]
            title, body = tx.news_item(rng, "crisis", t.brand, t.sector, lang, scandal)
            url = f"https://{slug(outlet)}.example/{self.seed}/{t.name}/{i}"
            self.emit(ts, t, body, author=outlet, stype=rng.choice(["news", "news", "press"]),
                      source=self.pick_source(t, "news"), title=title, url=url, lang=lang,
                      reach=self.reach(True), kind="event")
            for _ in range(rng.randint(0, 4)):
                self.emit(ts + rng.uniform(1, 90) * MIN, t, f"RT @{slug(outlet)}: {title} {url}",
                          author=self.handle(), reach=self.reach(), kind="event")
        ev.label_start = min(first) if first else ev.start
        ev.end = start + dur
        if ev.kind == "crisis_buzz" and t.size <= 27:  # the pre-phase alone (15-40/h)
            ev.visible = ev.label_start
        else:
            x = next((m * MIN for m in range(int(dur / MIN)) if f(m * MIN) >= t.size), ramp)
            ev.visible = start + x

    def ev_bad_buzz(self, t: Topic, ev: Event) -> None:  # bad_buzz
        rng = self.rng
        angry = [self.handle() for _ in range(rng.randint(2, 6))]
        dur = rng.uniform(30, 180) * MIN
        lang = self.lang(t)
        per = rng.uniform(8, 30)
        stamps = []
        for who in angry:
            for ts in self.times(lambda x, p=per: p, ev.start, ev.start + dur):
                self.emit(ts, t, tx.angry_post(rng, t.brand, t.sector, lang), author=who,
                          lang=lang, reach=self.reach(), kind="event")
                stamps.append(ts)
        for _ in range(rng.randint(3, 15)):  # a small echo
            ts = ev.start + rng.uniform(0.1, 1.0) * dur + rng.uniform(0, 60) * MIN
            self.emit(ts, t, tx.echo_post(rng, t.brand, t.sector, lang), author=self.handle(),
                      lang=lang, reach=self.reach(), kind="event")
            stamps.append(ts)
        if rng.random() < 0.3:  # a blog or local paper picks it up
            ts = ev.start + dur * rng.uniform(0.5, 1.2)
            title = tx.angry_post(rng, t.brand, t.sector, lang)[:70]
            self.emit(ts, t, title, author=rng.choice(NEWS_EN + NEWS_FR), stype="blog",
                      title=title, kind="event")
            stamps.append(ts)
        ev.label_start, ev.end = min(stamps), max(stamps)

    def ev_flood(self, t: Topic, ev: Event) -> None:
        rng = self.rng
        lang = self.lang(t)
        spam = rng.random() < 0.3
        master = tx.flood_master(rng, t.brand, lang, spam)
        n_bots = int(rng.uniform(40, 400))
        dur = rng.uniform(20, 120) * MIN
        stamps = []
        for _ in range(n_bots):
            who = f"{rng.choice(FIRST)}{rng.randrange(10**7, 10**9)}"
            for _post in range(rng.choice([1, 1, 2, 3])):
                ts = ev.start + rng.uniform(0, dur)
                self.emit(ts, t, tx.flood_variant(rng, master, t.brand), author=who,
                          reach=rng.choice([None, 0, 1, 3, 12]), lang=lang, kind="event")
                stamps.append(ts)
        ev.label_start, ev.end = min(stamps), max(stamps)

    def ev_positive(self, t: Topic, ev: Event) -> None:
        rng = self.rng
        peak = t.size * rng.uniform(2, 6) + rng.uniform(20, 60)
        ramp = rng.uniform(15, 120) * MIN
        tau = rng.uniform(1, 4) * HOUR

        def f(x: float) -> float:
            return peak * x / ramp if x < ramp else peak * math.exp(-(x - ramp) / tau)

        stamps = []
        for ts in self.times(f, ev.start, ev.start + ramp + 3 * tau):
            lang = self.lang(t)
            self.emit(ts, t, tx.positive_post(rng, t.brand, t.sector, lang),
                      author=self.handle() if rng.random() < 0.8 else self.regular(t),
                      lang=lang, reach=self.reach(), kind="event")
            stamps.append(ts)
        for i in range(rng.randint(0, 8)):
            ts = ev.start + rng.uniform(0.5, 4) * HOUR
            lang = self.lang(t)
            title, body = tx.news_item(rng, "positive", t.brand, t.sector, lang)
            outlet = rng.choice(NEWS_FR if lang == "fr" else NEWS_EN)
            self.emit(ts, t, body, author=outlet, stype="news", title=title, lang=lang,
                      url=f"https://{slug(outlet)}.example/pos/{self.seed}/{t.name}/{i}", kind="event")
        ev.label_start, ev.end = min(stamps), ev.start + ramp + 3 * tau

    def ev_news(self, t: Topic, ev: Event) -> None:
        rng = self.rng
        n = rng.randint(8, 30)
        outlets = NEWS_FR + NEWS_EN
        rng.shuffle(outlets)
        spread = rng.uniform(1, 4) * HOUR
        stamps = []
        for i in range(n):
            ts = ev.start + (rng.expovariate(1 / (spread / 3)) if i else 0)
            outlet = outlets[i % len(outlets)]
            lang = "fr" if outlet in NEWS_FR else "en"
            title, body = tx.news_item(rng, "neutral", t.brand, t.sector, lang)
            url = f"https://{slug(outlet)}.example/n/{self.seed}/{t.name}/{i}"
            self.emit(ts, t, body, author=outlet, stype=rng.choice(["news", "tv", "press"]),
                      source=self.pick_source(t, "news"), title=title, url=url, lang=lang,
                      reach=self.reach(True), kind="event")
            stamps.append(ts)
            for _ in range(rng.randint(1, int(3 + t.size / 20))):
                rs = ts + rng.uniform(2, 120) * MIN
                text = rng.choice([f"RT @{slug(outlet)}: {title}", f"{title} {url}",
                                   f"{title} via @{slug(outlet)}"])
                self.emit(rs, t, text, author=self.handle(), reach=self.reach(), kind="event")
                stamps.append(rs)
        ev.label_start, ev.end = min(stamps), max(stamps)

    def outage_window(self, t: Topic, ev: Event) -> None:
        dur = self.rng.uniform(2, 6) * HOUR
        for _ in range(24):  # an outage nobody could notice is not labelled: move it to volume
            expected = float(self.rate(t, np.arange(ev.start, ev.start + dur, 300.0)).sum()) * 300 / HOUR
            if expected >= 12:
                break
            ev.start += HOUR
        ev.label_start, ev.end = ev.start, ev.start + dur

    def build(self) -> None:
        self.plan()
        for t in self.topics:
            self.baseline(t)
        for ev in self.events:
            if ev.kind == "outage":
                self.outage_window(next(x for x in self.topics if x.name == ev.topic), ev)
            else:
                self.event(ev)
        cuts = [(e.topic, e.label_start, e.end) for e in self.events if e.kind == "outage"]
        if cuts:
            self.rows = [r for r in self.rows
                         if not any(r[2] == c[0] and c[1] <= r[0] < c[2] for c in cuts)]
        self.rows = [r for r in self.rows if r[0] < self.t_end]
        self.rows.sort(key=lambda r: r[0])

    # ---------------------------------------------------------------- files
    def write(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        mentions = out / "mentions.jsonl.gz"
        with gzip.open(mentions, "wt", encoding="utf-8", compresslevel=3) as fh:
            fh.write("".join(json.dumps(r[1], ensure_ascii=False) + "\n" for r in self.rows))
        labels = [{"topic": e.topic, "type": LABEL_TYPE[e.kind], "start": iso(e.label_start),
                   "end": iso(e.end)} for e in sorted(self.events, key=lambda e: e.label_start)]
        (out / "labels.json").write_text(json.dumps(labels, indent=1) + "\n")
        meta = {
            "seed": self.seed, "start": iso(self.t0), "end": iso(self.t_end),
            "topics": {t.name: {"brand": t.brand, "band": t.band, "size": round(t.size, 1),
                                "profile": t.profile, "fr_share": t.fr_share, "tz": t.tz} for t in self.topics},
            "events": [{"topic": e.topic, "kind": e.kind, "start": iso(e.label_start),
                        "end": iso(e.end), "visible": iso(e.visible or e.label_start)}
                       for e in self.events],
        }
        (out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
        (out / "vigie.yaml").write_text(self.config(mentions))

    def config(self, mentions: Path) -> str:
        lines = ["# generated by bench/scenarios_gen3.py", "topics:"]
        for t in self.topics:
            lines.append(f"  - name: {t.name}")
            lines.append(f"    query: {json.dumps(query_for(t.brand))}")
            lines.append(f"    labels: {{sector: {t.sector}}}")
        lines.append("sources:")
        for t in self.topics:
            for name, stype in t.sources:
                st = CANON.get(stype, stype)
                lines += [f"  - name: {name}", "    kind: jsonl", f"    url: {json.dumps(str(mentions))}",
                          f"    source_type: {st}", f"    topics: [{t.name}]"]
        lines += ["sentiment: {languages: [en, fr]}", "detection: {bucket: 5m}", ""]
        return "\n".join(lines)


def _tz(hours: int):
    from datetime import timezone

    return timezone(timedelta(hours=hours))


def iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


def seed_range(text: str) -> list[int]:
    a, _, b = text.partition("-")
    return list(range(int(a), int(b or a) + 1))


def generate(seed: int, out: Path) -> Gen:
    g = Gen(seed)
    g.build()
    g.write(out / f"seed-{seed:03d}")
    return g


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="1-10", help="first-last")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--run", action="store_true", help="backtest every seed and print the figures")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    mentions = events = 0
    for seed in seed_range(args.seeds):
        g = generate(seed, args.out)
        mentions, events = mentions + len(g.rows), events + len(g.events)
        print(f"seed {seed}: {len(g.rows)} mentions, {len(g.topics)} topics, "
              f"{len(g.events)} events", file=sys.stderr)
    seconds = time.perf_counter() - t0
    print(f"generated in {seconds:.1f} s", file=sys.stderr)
    if args.run:  # ends with the backtest's RESULT line
        from gen3_eval import run_all

        run_all(args.out, seed_range(args.seeds))
    else:
        print(f"RESULT seeds={args.seeds} mentions={mentions} events={events} "
              f"seconds={seconds:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
