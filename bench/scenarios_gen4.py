"""Fourth labelled scenario generator, written blind (from the issue's specification only) by a
helper session that read neither the detection code nor the other generators.

Another outside check of the crisis targets on streams built with their own assumptions
(sentence banks in bench/scenario_data/gen4_texts.py):

* topics: 3-6 invented brands per seed over 7 sectors; queries with NOT clauses, and job
  posts matching the query that the NOT clause excludes; 38% of brands English only, 38%
  French only, the rest mixed; home timezone Paris, London or New York;
* rhythm: daytime size log-uniform 5-300 mentions/h (at most one brand above 100), a daily
  cycle (news peaking in the morning) and a weekly one, hourly AR(1) log-noise, small
  unlabelled bursts, 3% off-topic chatter that matches no topic;
* events: 3-5 days of warm-up, then 4-8 events in 48 h at any hour, 1-3 of them crises:
  fast (linear rise over 10-30 min, news after 15-75 min) or slow (exponential growth from
  5% of the peak over 1-4 h); crisis posts 80% negative over social, forum, video and blogs,
  with 6-60 news articles (20% syndicated by a second outlet); bad buzz of 1-4 h with 60-85%
  of the posts from 2-8 core accounts, a small echo and a press piece in 25% of cases;
  floods of 20-150 bots posting 3-15 near-copies each (30% promotional); positive buzz;
  neutral news spikes; source outages of 2-8 h.

A label starts at the event's first injected mention (an outage at its start) and ends when
the extra rate falls under 10% of its peak (the outage end). Each seed-NNN/ folder holds
mentions.jsonl.gz (replay format), labels.json, vigie.yaml and meta.json (event details,
with the crisis kind fast / slow).

    python bench/scenarios_gen4.py --seeds 1-30 --out /tmp/gen4          # write
    python bench/scenarios_gen4.py --seeds 1-30 --out /tmp/gen4 --run    # and backtest
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import statistics
import string
import sys
import time
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scenario_data import gen4_texts as T  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]  # the repository: alert_rules/ and playbooks/
MIN = 60  # seconds

TZ = {"fr": ZoneInfo("Europe/Paris"), "en-uk": ZoneInfo("Europe/London"),
      "en-us": ZoneInfo("America/New_York")}

# relative activity by local hour (social); news peaks earlier in the day
DAILY_SOCIAL = [0.35, 0.22, 0.14, 0.10, 0.10, 0.16, 0.32, 0.58, 0.80, 0.90, 0.95, 1.00,
                1.08, 1.00, 0.94, 0.94, 0.96, 1.00, 1.06, 1.12, 1.18, 1.10, 0.88, 0.58]
DAILY_NEWS = [0.10, 0.05, 0.04, 0.04, 0.08, 0.25, 0.70, 1.20, 1.40, 1.40, 1.30, 1.20,
              1.10, 1.10, 1.10, 1.10, 1.00, 1.00, 0.90, 0.80, 0.60, 0.45, 0.30, 0.18]
WEEKLY = [1.0, 1.02, 1.03, 1.0, 0.97, 0.82, 0.76]  # Mon..Sun

SYL_A = ["nor", "vel", "kra", "bri", "tal", "zen", "mor", "qui", "lu", "fa", "dra", "sel",
         "ver", "ond", "pla", "cor", "ax", "mi", "ro", "ti", "bel", "gar", "ny", "ez"]
SYL_B = ["va", "li", "me", "ro", "ta", "ne", "xi", "do", "ra", "lo", "sa", "qui", "mo"]
SYL_C = ["lis", "ro", "na", "tix", "mel", "ver", "dor", "lia", "nex", "zo", "quet", "ane", "ys", "ka"]
SUFFIX2 = {"food": "Foods", "telecom": "Mobile", "travel": "Air", "cosmetics": "Beauty",
           "electronics": "Tech", "bank": "Bank", "retail": "Market"}
FIRST = ["alex", "sam", "jo", "lea", "tom", "nina", "max", "lou", "ben", "emma", "hugo", "ines",
         "kim", "zoe", "leo", "mia", "noah", "jade", "paul", "lina", "theo", "chloe", "adam",
         "sara", "yann", "clara", "luc", "anna", "remi", "julie", "matt", "kate", "dan", "lucy"]
LAST = ["martin", "smith", "dubois", "brown", "bernard", "jones", "petit", "taylor", "moreau",
        "wilson", "laurent", "evans", "simon", "walker", "michel", "green", "leroy", "hall",
        "roux", "clarke", "fournier", "wright", "girard", "king", "morel", "scott", "fabre"]
BOTWORDS = ["truth", "real", "news", "patriot", "deals", "free", "win", "alert", "info",
            "watch", "daily", "promo", "voice", "eagle", "star", "media"]


def lograte_uniform(r: random.Random, lo: float, hi: float) -> float:
    return math.exp(r.uniform(math.log(lo), math.log(hi)))


class Names:
    def __init__(self, r: random.Random):
        self.r = r
        self.used: set[str] = set()

    def person(self) -> str:
        r = self.r
        while True:
            style = r.random()
            if style < 0.4:
                h = f"{r.choice(FIRST)}{r.choice(LAST)}"
            elif style < 0.7:
                h = f"{r.choice(FIRST)}_{r.choice(LAST)}{r.randint(1, 99)}"
            else:
                h = f"{r.choice(FIRST)}{r.randint(1, 9999)}"
            if h not in self.used:
                self.used.add(h)
                return h

    def bot(self) -> str:
        r = self.r
        while True:
            h = f"{r.choice(BOTWORDS)}_{r.choice(BOTWORDS)}{r.randint(1000, 99999)}"
            if h not in self.used:
                self.used.add(h)
                return h

    def brand(self, sector: str) -> str:
        r = self.r
        while True:
            w = r.choice(SYL_A) + (r.choice(SYL_B) if r.random() < 0.6 else "") + r.choice(SYL_C)
            w = w.capitalize()
            if len(w) < 6 or w.lower() in self.used:
                continue
            self.used.add(w.lower())
            if r.random() < 0.2:
                return f"{w} {SUFFIX2[sector]}"
            return w


def fill(tpl: str, slots: dict) -> str:
    out = tpl
    for k, v in slots.items():
        if "{" + k + "}" in out:
            out = out.replace("{" + k + "}", str(v))
    return out


def slug(text: str) -> str:
    keep = []
    for ch in text.lower():
        if ch in string.ascii_lowercase + string.digits:
            keep.append(ch)
        elif keep and keep[-1] != "-":
            keep.append("-")
    return "".join(keep).strip("-")[:60] or "item"


# ----------------------------------------------------------------------------------------
class Topic:
    def __init__(self, idx: int, r: random.Random, names: Names):
        self.idx = idx
        self.sector = r.choice(list(T.SECTORS))
        self.brand = names.brand(self.sector)
        words = self.brand.split()
        self.name = slug(self.brand).replace("-", "")
        self.key = words[0].lower()
        mix = r.random()
        if mix < 0.38:
            self.fr_share = 0.0
        elif mix < 0.76:
            self.fr_share = 1.0
        else:
            self.fr_share = r.uniform(0.35, 0.8)
        self.home = "fr" if self.fr_share >= 0.5 else r.choice(["en-uk", "en-us"])
        self.en_tz = "en-us" if self.home == "en-us" else "en-uk"
        self.handle_fr = f"@{self.key}_fr"
        self.handle_en = f"@{self.key}" if len(words) == 1 else f"@{''.join(words).lower()}"
        self.hashtag = "".join(words)
        self.rival = names.brand(self.sector).split()[0]
        self.has_not = r.random() < 0.5
        if len(words) == 1:
            q = f"{self.key} OR {self.handle_fr}"
        else:
            q = f'"{self.brand.lower()}" OR #{self.hashtag.lower()} OR {self.handle_fr}'
        if self.has_not:
            q = f'({q}) NOT (recrute OR hiring OR "job offer" OR "offre d\'emploi")'
        self.query = q
        self.neg = r.uniform(0.15, 0.35)
        self.pos = r.uniform(0.15, 0.35)
        base_types = np.array([0.60, 0.15, 0.09, 0.08, 0.08])  # social forum news blog video
        self.type_mix = np.random.default_rng(r.randint(0, 2**31)).dirichlet(base_types * 40)
        self.weekend = r.uniform(0.7, 1.05)
        self.R = 0.0  # daytime mean mentions per hour (09-21 local)
        self.regulars: list[tuple[str, str]] = []
        self.reg_w = None

    def lang(self, r: random.Random) -> str:
        return "fr" if r.random() < self.fr_share else "en"

    def tz_for(self, lang: str):
        return TZ["fr"] if lang == "fr" else TZ[self.en_tz]

    def product(self, r: random.Random, lang: str) -> str:
        return r.choice(T.SECTORS[self.sector][lang])

    def brand_written(self, r: random.Random, stype: str) -> str:
        x = r.random()
        if stype in ("social", "forum") and x < 0.12:
            return "#" + self.hashtag
        if stype in ("social", "forum") and x < 0.25:
            return self.brand.lower()
        if stype == "social" and x < 0.3:
            return self.brand.upper()
        return self.brand

    def handle(self, lang: str) -> str:
        return self.handle_fr if lang == "fr" else self.handle_en


def profile_minutes(t0: datetime, n_min: int, tz, table) -> np.ndarray:
    """Activity factor per minute from t0, by local hour (interpolated) and weekday."""
    out = np.empty(n_min)
    # compute per 10-minute step for speed
    step = 10
    for i in range(0, n_min, step):
        loc = (t0 + timedelta(minutes=i)).astimezone(tz)
        h = loc.hour + loc.minute / 60.0
        h0 = int(h) % 24
        frac = h - int(h)
        v = table[h0] * (1 - frac) + table[(h0 + 1) % 24] * frac
        out[i:i + step] = v * WEEKLY[loc.weekday()]
    return out


# ----------------------------------------------------------------------------------------
class Gen:
    def __init__(self, seed: int):
        self.seed = seed
        self.r = random.Random(seed * 1000003 + 17)
        self.np = np.random.default_rng(seed * 7919 + 4)
        self.names = Names(self.r)
        self.mentions: list[dict] = []
        self.counter = 0

    # -- mention construction ------------------------------------------------------------
    def _id(self) -> str:
        self.counter += 1
        return f"g4-{self.seed:03d}-{self.counter:07d}"

    def make(self, t: datetime, topic: Topic | None, lang: str, stype: str, author: str,
             text: str, title: str = "", outlet: tuple[str, str] | None = None,
             url: str | None = None, tag: str = "base", event: int | None = None) -> dict:
        r = self.r
        mid = self._id()
        tz = topic.tz_for(lang) if topic else TZ["en-uk"]
        alias = stype
        if stype == "social":
            src = r.choice(["x-stream", "mastodon-" + lang, "bluesky-bridge"])
            if src == "x-stream" and r.random() < 0.5:
                alias = "twitter"
            host = {"x-stream": "x.example.com", "bluesky-bridge": "bsky.example.app"}.get(src, "mastodon.example.social")
            url = url or f"https://{host}/@{author.lstrip('@')}/{mid[-7:]}{r.randint(100, 999)}"
            pub_tz = UTC
        elif stype == "forum":
            src = r.choice(["reddit-search", "forum-conso-" + lang, "hn-search"])
            if src == "reddit-search" and r.random() < 0.5:
                alias = "reddit"
            url = url or f"https://forum.example.org/t/{slug(title or text)[:40]}/{mid[-7:]}"
            pub_tz = UTC
        elif stype == "news":
            src = "gnews-" + lang
            if r.random() < 0.15:
                alias = "press"
            assert outlet is not None
            url = url or f"https://{outlet[1]}/{t.year}/{slug(title)}-{mid[-6:]}"
            pub_tz = tz
        elif stype == "blog":
            src = "blogs-" + lang
            url = url or f"https://{slug(author)}.blog.example.net/{slug(title or text)}"
            pub_tz = tz
        else:  # video
            src = "youtube-search"
            if r.random() < 0.4:
                alias = "youtube"
            url = url or f"https://video.example.com/watch?v={mid[-7:]}{r.randint(1000, 9999)}"
            pub_tz = UTC
        m = {"id": mid, "published": t.astimezone(pub_tz).isoformat(timespec="seconds"),
             "source": src, "source_type": alias, "author": author, "url": url, "text": text}
        if title:
            m["title"] = title
        declared = {"news": 0.7, "social": 0.3, "video": 0.5, "blog": 0.4, "forum": 0.1}[stype]
        if r.random() < declared:
            m["lang"] = lang if r.random() < 0.6 else ("fr-FR" if lang == "fr" else "en-GB")
        if stype == "video":
            m["reach"] = int(self.np.lognormal(7.5, 1.5))
        elif stype == "forum" and r.random() < 0.5:
            m["reach"] = int(self.np.integers(0, 60))
        m["_t"] = t.timestamp()
        m["_tag"] = tag
        m["_topic"] = topic.name if topic else None
        m["_event"] = event
        return m

    def author_for(self, topic: Topic, stype: str, fresh_share: float) -> str:
        r = self.r
        if r.random() < fresh_share or not topic.regulars:
            return self.fmt_author(self.names.person(), stype)
        i = int(self.np.choice(len(topic.regulars), p=topic.reg_w))
        return self.fmt_author(topic.regulars[i], stype)

    def fmt_author(self, handle: str, stype: str) -> str:
        if stype == "social":
            return "@" + handle if zlib.crc32(handle.encode()) % 3 else f"@{handle}@mastodon.example.social"
        if stype == "forum":
            return "u/" + handle
        if stype == "blog":
            parts = handle.split("_")
            return parts[0].capitalize() + " " + (parts[1].rstrip(string.digits).capitalize() if len(parts) > 1 else "Blog")
        if stype == "video":
            return handle.capitalize() + " TV"
        return handle

    def slots(self, topic: Topic, lang: str, stype: str, extra: dict | None = None) -> dict:
        r = self.r
        s = {"b": topic.brand_written(r, stype), "p": topic.product(r, lang), "rv": topic.rival,
             "pl": r.choice(T.PLACES[lang]), "n": r.randint(2, 21), "h": topic.handle(lang),
             "tag": topic.hashtag}
        if extra:
            s.update(extra)
        return s

    def pick_type(self, probs: dict) -> str:
        keys = list(probs)
        w = np.array([probs[k] for k in keys], dtype=float)
        return keys[int(self.np.choice(len(keys), p=w / w.sum()))]

    def social_text(self, bank: dict, lang: str, senti: str, s: dict) -> str:
        r = self.r
        core = fill(r.choice(bank[lang][senti]), s)
        op = r.choice(T.OPENERS[lang] + (T.NEG_OPENERS[lang] if senti == "neg" else []))
        if op and core[:1].isalpha():
            core = core[0].lower() + core[1:] if op.endswith(", ") else core
        txt = op + core
        if r.random() < 0.45:
            sep = " " if txt[-1:] in ".!?" else ". "
            txt += sep + r.choice(T.REACTIONS[senti][lang])
        if r.random() < 0.2 and not op:
            txt = fill(r.choice(T.CONTEXT[lang]), s) + " " + txt
        txt += r.choice(T.CLOSERS[senti][lang])
        if r.random() < 0.08:
            txt += f" #{s.get('tag', '')}"
        return txt

    # -- baseline ------------------------------------------------------------------------
    def baseline_post(self, t: datetime, topic: Topic, tag="base") -> dict:
        r = self.r
        lang = topic.lang(r)
        stype = ["social", "forum", "news", "blog", "video"][int(self.np.choice(5, p=topic.type_mix))]
        x = r.random()
        senti = "neg" if x < topic.neg else ("pos" if x < topic.neg + topic.pos else "neu")
        s = self.slots(topic, lang, stype)
        if stype == "news":
            outlet = r.choice(T.OUTLETS[lang])
            ti, su = r.choice(T.NEWS_BASE[lang])
            s["b"] = topic.brand
            return self.make(t, topic, lang, "news", outlet[0], fill(su, s), fill(ti, s), outlet=outlet, tag=tag)
        if topic.has_not and r.random() < 0.03:
            txt = fill(r.choice(T.JOBS[lang]), s)
            return self.make(t, topic, lang, "social", self.fmt_author(f"{topic.key}_jobs", "social"), txt, tag="job")
        author = self.author_for(topic, stype, fresh_share=0.45)
        txt = self.social_text(T.BASE, lang, senti, s)
        title = ""
        if stype == "blog":
            title = fill(r.choice(T.BLOG_TITLES[lang]), s)
        elif stype == "video":
            title = fill(r.choice(T.VIDEO_TITLES[lang]), s)
        elif stype == "forum" and r.random() < 0.4:
            title = txt[:70]
        return self.make(t, topic, lang, stype, author, txt, title, tag=tag)

    # -- per-minute Poisson sampling -----------------------------------------------------
    def sample_times(self, t0: datetime, rate_per_min: np.ndarray) -> list[datetime]:
        counts = self.np.poisson(np.clip(rate_per_min, 0, None))
        idx = np.repeat(np.arange(len(counts)), counts)
        secs = idx * 60 + self.np.uniform(0, 60, size=len(idx))
        secs.sort()
        return [t0 + timedelta(seconds=float(x)) for x in secs]


# ----------------------------------------------------------------------------------------
def envelope(kind: str, p: dict, n_min: int) -> np.ndarray:
    """Extra rate (per hour, before diurnal modulation) by minute from the event's t0."""
    t = np.arange(n_min, dtype=float)
    e = np.zeros(n_min)
    peak, rise, plateau, hl = p["peak"], p["rise"], p["plateau"], p["halflife"]
    if p.get("shape") == "exp":  # slow burn: grows from 5 % of the peak
        up = peak * 0.05 * np.exp(np.log(20) * t / rise)
    else:
        up = peak * np.clip(0.08 + 0.92 * t / max(rise, 1), 0, 1)
    e = np.where(t < rise, up, peak)
    dec_start = rise + plateau
    e = np.where(t >= dec_start, peak * 0.5 ** ((t - dec_start) / hl), e)
    return e


def decay_end(p: dict) -> float:
    """Minutes after t0 when the envelope falls under 10 % of its peak."""
    return p["rise"] + p["plateau"] + p["halflife"] * math.log2(10)


def gen_seed(seed: int, outdir: str) -> dict:
    g = Gen(seed)
    r, rn = g.r, g.np
    t_start = datetime(2026, 1, 5, tzinfo=UTC) + timedelta(days=r.randint(0, 290))
    warm_h = r.uniform(72, 120)
    warm_end = t_start + timedelta(hours=warm_h)
    warm_end = warm_end.replace(second=0, microsecond=0)

    # topics and sizes
    n_topics = r.randint(3, 6)
    topics = [Topic(i, r, g.names) for i in range(n_topics)]
    big_done = False
    for tp in topics:
        while True:
            R = lograte_uniform(r, 5, 300)
            if R > 100 and big_done:
                continue
            break
        big_done = big_done or R > 100
        tp.R = R
    # regular authors
    for tp in topics:
        n_reg = int(15 + 4 * tp.R)
        tp.regulars = [g.names.person() for _ in range(n_reg)]
        w = 1.0 / np.arange(1, n_reg + 1) ** 0.9
        tp.reg_w = w / w.sum()

    # ---- events -----------------------------------------------------------------------
    n_events = r.randint(4, 8)
    n_crisis = min(n_events - 1, r.choices([1, 2, 3], weights=[0.3, 0.5, 0.2])[0])
    kinds = [("crisis", r.choice(["fast", "slow"])) for _ in range(n_crisis)]
    others = r.choices(["bad_buzz", "flood", "positive_buzz", "volume_spike", "outage"],
                       weights=[3, 2, 1.5, 1.5, 1], k=n_events - n_crisis)
    kinds += [(k, None) for k in others]
    r.shuffle(kinds)

    busy: dict[str, list[tuple[float, float]]] = {tp.name: [] for tp in topics}
    events = []
    for etype, variant in kinds:
        p = draw_event_params(etype, variant, r)
        cand = [tp for tp in topics if etype != "outage" or tp.R >= 15]
        if not cand:
            continue
        placed = False
        for _ in range(200):
            tp = r.choice(cand)
            t0 = warm_end + timedelta(minutes=r.uniform(0, 48 * 60))
            t0 = t0.replace(microsecond=0)
            scale_event(p, etype, tp.R, r)
            dur = p["dur_min"]
            a, b = t0.timestamp(), t0.timestamp() + dur * 60
            gap = 6 * 3600
            if all(b + gap <= s0 or a >= e0 + gap for s0, e0 in busy[tp.name]):
                busy[tp.name].append((a, b))
                events.append({"type": etype, "variant": variant, "topic": tp, "t0": t0, "p": p})
                placed = True
                break
        if not placed:
            print(f"seed {seed}: could not place {etype}", file=sys.stderr)

    last_end = max([e["t0"] + timedelta(minutes=e["p"]["dur_min"]) for e in events] + [warm_end + timedelta(hours=48)])
    t_end = max(warm_end + timedelta(hours=54), last_end + timedelta(hours=6))
    n_min = int((t_end - t_start).total_seconds() // 60)

    # ---- budget: keep the expected total under ~55k --------------------------------------
    prof = {}
    for tp in topics:
        tz = TZ[tp.home]
        soc = profile_minutes(t_start, n_min, tz, DAILY_SOCIAL)
        # daytime mean of the table is ~1.0: R is the daytime mean per hour
        prof[tp.name] = soc
    def expected() -> float:
        tot = sum(tp.R / 60 * prof[tp.name].sum() for tp in topics)
        for ev in events:
            tot += ev["p"].get("expected", 0)
        return tot
    while expected() > 55000:
        big = max(topics, key=lambda x: x.R)
        big.R *= 0.9
        for ev in events:
            if ev["topic"] is big:
                scale_event(ev["p"], ev["type"], big.R, r, rescale=True)

    # ---- baseline -------------------------------------------------------------------
    outages = [(e["topic"].name, e["t0"].timestamp(), e["t0"].timestamp() + e["p"]["dur_min"] * 60)
               for e in events if e["type"] == "outage"]
    for tp in topics:
        # AR(1) hourly log-noise
        n_h = n_min // 60 + 2
        x = np.zeros(n_h)
        for i in range(1, n_h):
            x[i] = 0.85 * x[i - 1] + rn.normal(0, 0.12)
        noise = np.repeat(np.exp(x), 60)[:n_min]
        wk = np.ones(n_min)
        rate = tp.R / 60 * prof[tp.name] * noise
        # weekend adjustment specific to the topic (WEEKLY already has a generic dip)
        for i in range(0, n_min, 60):
            if (t_start + timedelta(minutes=i)).astimezone(TZ[tp.home]).weekday() >= 5:
                wk[i:i + 60] = tp.weekend / 0.8
        rate = rate * wk
        # organic unlabelled wiggles: small bursts (+40-80 % for 30-60 min), ~1 per 2 days
        for _ in range(rn.poisson(n_min / (48 * 60))):
            s0 = int(rn.integers(0, n_min - 60))
            rate[s0:s0 + int(rn.integers(30, 61))] *= rn.uniform(1.4, 1.8)
        for t in g.sample_times(t_start, rate):
            g.mentions.append(g.baseline_post(t, tp))
    # off-topic chatter (matches no topic)
    tot_rate = sum(tp.R for tp in topics) * 0.03 / 60
    for t in g.sample_times(t_start, np.full(n_min, tot_rate) * prof[topics[0].name]):
        lang = r.choice(["en", "fr"])
        g.mentions.append(g.make(t, None, lang, "social", g.fmt_author(g.names.person(), "social"),
                                 fill(r.choice(T.OFFTOPIC[lang]), {"pl": r.choice(T.PLACES[lang])}), tag="offtopic"))

    # ---- inject events ------------------------------------------------------------------
    labels, meta_events = [], []
    for k, ev in enumerate(events):
        ev["id"] = k
        tp = ev["topic"]
        before = len(g.mentions)
        info = INJECT[ev["type"]](g, ev, tp, prof[tp.name], t_start)
        new = g.mentions[before:]
        if ev["type"] == "outage":
            start, end = ev["t0"], ev["t0"] + timedelta(minutes=ev["p"]["dur_min"])
        else:
            if not new:
                print(f"seed {seed}: event {k} produced no mentions", file=sys.stderr)
                continue
            start = datetime.fromtimestamp(min(m["_t"] for m in new), UTC)
            end = ev["t0"] + timedelta(minutes=ev["p"]["dur_min"])
            end = max(end, start + timedelta(minutes=30))
        ev["start"], ev["end"] = start, end
        labels.append({"topic": tp.name, "type": ev["type"],
                       "start": start.isoformat(timespec="seconds"), "end": end.isoformat(timespec="seconds")})
        meta_events.append({"id": k, "topic": tp.name, "type": ev["type"], "kind": ev["variant"],
                            "start": labels[-1]["start"], "end": labels[-1]["end"],
                            "t0": ev["t0"].isoformat(timespec="seconds"),
                            "topic_rate_per_h": round(tp.R, 1),
                            "n_mentions": len(new), **info,
                            "params": {k2: (round(v, 2) if isinstance(v, float) else v) for k2, v in ev["p"].items()}})

    # apply outages: the topic's sources are silent
    if outages:
        keep = []
        for m in g.mentions:
            drop = False
            for name, a, b in outages:
                if m["_topic"] == name and a <= m["_t"] < b:
                    drop = True
                    break
            if not drop:
                keep.append(m)
        g.mentions = keep

    g.mentions.sort(key=lambda m: m["_t"])
    sd = os.path.join(outdir, f"seed-{seed:03d}")
    os.makedirs(sd, exist_ok=True)
    with gzip.open(os.path.join(sd, "mentions.jsonl.gz"), "wt", encoding="utf-8") as f:
        for m in g.mentions:
            f.write(json.dumps({k: v for k, v in m.items() if not k.startswith("_")}, ensure_ascii=False) + "\n")
    with open(os.path.join(sd, "labels.json"), "w") as f:
        json.dump(labels, f, indent=1)
    with open(os.path.join(sd, "vigie.yaml"), "w") as f:
        f.write(f"# gen4 seed {seed}\ntopics:\n")
        for tp in topics:
            f.write(f"  - name: {tp.name}\n    query: {json.dumps(tp.query, ensure_ascii=False)}\n")
        f.write("sentiment: {languages: [en, fr]}\n")
        f.write(f"rules_dir: {ROOT / 'alert_rules'}\nplaybooks_dir: {ROOT / 'playbooks'}\n")
    meta = {"seed": seed, "stream_start": t_start.isoformat(), "stream_end": t_end.isoformat(),
            "warm_end": warm_end.isoformat(), "n_mentions": len(g.mentions),
            "topics": [{"name": tp.name, "brand": tp.brand, "sector": tp.sector, "rate_per_h": round(tp.R, 1),
                        "fr_share": round(tp.fr_share, 2), "home": tp.home, "query": tp.query,
                        "n_mentions": sum(1 for m in g.mentions if m["_topic"] == tp.name)} for tp in topics],
            "events": meta_events}
    with open(os.path.join(sd, "meta.json"), "w") as f:
        json.dump(meta, f, indent=1, ensure_ascii=False)
    return meta


# ----------------------------------------------------------------------------------------
def draw_event_params(etype: str, variant: str | None, r: random.Random) -> dict:
    if etype == "crisis":
        p = {"mult": r.uniform(3, 10), "floor": r.uniform(30, 60),
             "plateau": r.uniform(90, 360), "halflife": r.uniform(120, 480)}
        if variant == "fast":
            p.update(rise=r.uniform(10, 30), shape="lin", news_delay=r.uniform(15, 75))
        else:
            p.update(rise=r.uniform(60, 240), shape="exp")
            p["news_delay"] = r.uniform(0.5, 1.0) * p["rise"] + r.uniform(0, 90)
    elif etype == "bad_buzz":
        d = r.uniform(60, 240)
        p = {"mult": r.uniform(1.5, 3.5), "floor": r.uniform(25, 60), "rise": r.uniform(10, 30),
             "plateau": d * r.uniform(0.3, 0.5), "halflife": d * 0.15, "shape": "lin",
             "n_core": r.randint(2, 8), "core_share": r.uniform(0.6, 0.85), "press": r.random() < 0.25}
    elif etype == "flood":
        p = {"n_bots": r.randint(20, 150), "posts_lo": 3, "posts_hi": r.randint(5, 15),
             "dur": r.uniform(60, 360), "promo": r.random() < 0.3}
    elif etype == "positive_buzz":
        p = {"mult": r.uniform(2, 6), "floor": r.uniform(25, 50), "rise": r.uniform(30, 180),
             "plateau": r.uniform(60, 300), "halflife": r.uniform(90, 300), "shape": "lin",
             "n_news": r.choice([0, 0, 1, 2, 3, 5])}
    elif etype == "volume_spike":
        p = {"mult": r.uniform(1, 3), "floor": r.uniform(15, 40), "rise": r.uniform(20, 60),
             "plateau": r.uniform(60, 180), "halflife": r.uniform(60, 180), "shape": "lin",
             "n_news": r.randint(8, 40), "news_span": r.uniform(60, 180)}
    else:  # outage
        p = {"dur": r.uniform(120, 480)}
    return p


def scale_event(p: dict, etype: str, R: float, r: random.Random, rescale: bool = False) -> None:
    if etype in ("crisis", "bad_buzz", "positive_buzz", "volume_spike"):
        p["peak"] = max(p["floor"], R * p["mult"])
        p["dur_min"] = decay_end(p) if etype != "bad_buzz" else p["rise"] + p["plateau"] + p["halflife"] * math.log2(10)
        # rough expected mentions (modulation ~0.8)
        area = p["peak"] / 60 * (p["rise"] * 0.5 + p["plateau"] + p["halflife"] * 1.44) * 0.8
        p["expected"] = area
    elif etype == "flood":
        p["dur_min"] = p["dur"]
        p["expected"] = p["n_bots"] * (p["posts_lo"] + p["posts_hi"]) / 2
    else:
        p["dur_min"] = p["dur"]
        p["expected"] = 0


def modulation(prof: np.ndarray, i0: int, n: int) -> np.ndarray:
    seg = prof[i0:i0 + n]
    if len(seg) < n:
        seg = np.concatenate([seg, np.full(n - len(seg), seg[-1] if len(seg) else 1.0)])
    return 0.55 + 0.45 * np.clip(seg / 1.1, 0, 1.2)


def event_times(g: Gen, ev: dict, prof: np.ndarray, t_start: datetime, extra_min: int = 0) -> tuple[list[datetime], np.ndarray]:
    p = ev["p"]
    n = int(p["dur_min"]) + 1 + extra_min
    env = envelope(ev["type"], p, n)
    i0 = int((ev["t0"] - t_start).total_seconds() // 60)
    rate = env / 60 * modulation(prof, i0, n)
    return g.sample_times(ev["t0"], rate), env


def inject_crisis(g: Gen, ev: dict, tp: Topic, prof, t_start) -> dict:
    r, p = g.r, ev["p"]
    k = ev["id"]
    times, env = event_times(g, ev, prof, t_start)
    # the trigger post at t0 (a viral post)
    times = [ev["t0"]] + times
    lang_main = tp.lang(r)
    issue_key = r.choice(T.SECTORS[tp.sector]["themes"])
    issue_idx = r.randrange(len(T.ISSUES[issue_key]["en"]))
    activists = [g.names.person() for _ in range(r.randint(5, 12))]
    pool = [g.names.person() for _ in range(max(5, int(len(times) * 0.85)))]
    news_t0 = ev["t0"] + timedelta(minutes=p["news_delay"])
    news_items = []

    def islots(lang, stype):
        long_, short, kw = T.ISSUES[issue_key][lang][issue_idx]
        s = g.slots(tp, lang, stype)
        s.update(iss=fill(long_, s), iss_s=short, kw=kw, bt=tp.hashtag)
        return s

    # news pickup: articles follow the envelope from news_t0 on
    n_news = int(np.clip(6 + p["peak"] / 15 * r.uniform(0.5, 1.5), 6, 60))
    j0 = int(p["news_delay"])
    w = env.copy()
    w[:j0] = 0
    w = w / w.sum()
    offs = sorted([j0] + list(g.np.choice(len(w), size=n_news - 1, p=w)))
    first_news = None
    for j, off in enumerate(offs):
        t = ev["t0"] + timedelta(minutes=float(off) + (r.uniform(0, 1) if j else 0))
        lang = lang_main if r.random() < 0.8 else tp.lang(r)
        outlet = r.choice(T.OUTLETS[lang])
        s = islots(lang, "news")
        s["b"] = tp.brand
        ti, su = r.choice(T.CRISIS_NEWS[lang])
        title, summ = fill(ti, s), fill(su, s)
        m = g.make(t, tp, lang, "news", outlet[0], summ, title, outlet=outlet, tag="crisis_news", event=k)
        g.mentions.append(m)
        news_items.append((title, m["url"], t))
        first_news = first_news or t
        if r.random() < 0.2:  # syndicated copy: same story, another outlet
            o2 = r.choice(T.OUTLETS[lang])
            g.mentions.append(g.make(t + timedelta(minutes=r.uniform(2, 40)), tp, lang, "news", o2[0], summ, title,
                                     outlet=o2, url=m["url"], tag="crisis_news", event=k))
    for i, t in enumerate(times):
        lang = lang_main if r.random() < 0.75 else tp.lang(r)
        stype = g.pick_type({"social": 0.70, "forum": 0.14, "video": 0.07, "blog": 0.05, "news_share": 0.04})
        x = r.random()
        if i == 0:
            author = g.fmt_author(activists[0], "social")
            stype = "social"
        elif x < 0.10:
            author = None  # activist
        elif x < 0.22:
            author = g.author_for(tp, stype if stype != "news_share" else "social", 0.0)
        else:
            author = g.fmt_author(r.choice(pool), stype if stype != "news_share" else "social")
        if author is None:
            author = g.fmt_author(r.choice(activists), "social")
            stype = "social"
        s = islots(lang, stype)
        if stype == "news_share" and t >= news_t0 + timedelta(minutes=2):
            ti, url = r.choice([x for x in news_items if x[2] <= t] or news_items[:1])[:2]
            txt = r.choice(["{t} {u}", "{t} 😡 {u}"] + (["à lire : {t} {u}", "incroyable : {t} {u}"] if lang == "fr" else ["read this: {t} {u}", "unreal: {t} {u}"])).replace("{t}", ti).replace("{u}", url)
            g.mentions.append(g.make(t, tp, lang, "social", author, txt, tag="crisis", event=k))
            continue
        if stype == "news_share":
            stype = "social"
        senti = g.pick_type({"neg": 0.8, "neu": 0.15, "pos": 0.05})
        txt = g.social_text(T.CRISIS, lang, senti, s)
        title = ""
        if stype == "blog":
            title = fill(r.choice(T.CRISIS_BLOG[lang]), s)
        elif stype == "video":
            title = fill(r.choice(T.CRISIS_VIDEO[lang]), s)
        g.mentions.append(g.make(t, tp, lang, stype, author, txt, title, tag="crisis", event=k))
    return {"issue": issue_key, "n_news": n_news, "first_news": first_news.isoformat(timespec="seconds"),
            "news_delay_min": round(p["news_delay"], 1), "peak_per_h": round(p["peak"], 1),
            "rise_min": round(p["rise"], 1)}


def inject_bad_buzz(g: Gen, ev: dict, tp: Topic, prof, t_start) -> dict:
    r, p, k = g.r, ev["p"], ev["id"]
    times, _ = event_times(g, ev, prof, t_start)
    lang = tp.lang(r)
    # a few accounts posting a lot; nobody posts more than ~40 times an hour
    p["n_core"] = max(p["n_core"], math.ceil(p["peak"] * p["core_share"] / 40))
    core = [(g.names.person(), r.choice(["social", "social", "social", "forum"])) for _ in range(p["n_core"])]
    cw = np.array([1.0 / (i + 1) ** 0.5 for i in range(len(core))])
    cw /= cw.sum()
    trig = r.choice(T.BADBUZZ_TRIGGERS[lang])
    n_core = 0
    for i, t in enumerate(times):
        s = g.slots(tp, lang, "social", {"trig": trig})
        if i == 0 or r.random() < p["core_share"]:
            h, st = core[int(g.np.choice(len(core), p=cw))] if i else core[0]
            txt = g.social_text({lang: {"neg": T.BADBUZZ_CORE[lang]}}, lang, "neg", s)
            g.mentions.append(g.make(t, tp, lang, st, g.fmt_author(h, st), txt, tag="bad_buzz", event=k))
            n_core += 1
        else:
            st = g.pick_type({"social": 0.8, "forum": 0.15, "video": 0.05})
            author = g.author_for(tp, st, 0.75)
            txt = fill(r.choice(T.BADBUZZ_ECHO[lang]), s)
            title = fill(r.choice(T.VIDEO_TITLES[lang]), s) if st == "video" else ""
            g.mentions.append(g.make(t, tp, lang, st, author, txt, title, tag="bad_buzz", event=k))
    press = 0
    if p["press"] and times:
        t = times[len(times) // 2] + timedelta(minutes=r.uniform(10, 60))
        outlet = r.choice(T.OUTLETS[lang])
        if lang == "en":
            ti, su = f"Angry customer's posts about {tp.brand} draw attention online", "The company said it was looking into the complaint."
        else:
            ti, su = f"Les messages d'un client en colère contre {tp.brand} font réagir", "L'entreprise dit examiner la réclamation."
        g.mentions.append(g.make(t, tp, lang, "news", outlet[0], su, ti, outlet=outlet, tag="bad_buzz", event=k))
        press = 1
    return {"n_core_accounts": p["n_core"], "core_posts": n_core, "press": press, "peak_per_h": round(p["peak"], 1)}


def inject_flood(g: Gen, ev: dict, tp: Topic, prof, t_start) -> dict:
    r, p, k = g.r, ev["p"], ev["id"]
    lang = tp.lang(r)
    bank = T.FLOOD_PROMO if p["promo"] else T.FLOOD_NEG
    bases = r.sample(bank[lang], k=min(len(bank[lang]), r.randint(1, 2)))
    bots = [g.names.bot() for _ in range(p["n_bots"])]
    link = f"https://lnk.example/{''.join(r.choices(string.ascii_letters, k=6))}"
    n = 0
    for b in bots:
        for _ in range(r.randint(p["posts_lo"], p["posts_hi"])):
            off = r.uniform(0, p["dur"]) if r.random() < 0.9 else r.uniform(0, p["dur"] * 0.2)
            t = ev["t0"] + timedelta(minutes=off)
            s = g.slots(tp, lang, "social")
            s["b"] = tp.brand if r.random() < 0.7 else "#" + tp.hashtag
            txt = fill(r.choice(bases), s) + r.choice(T.FLOOD_SUFFIX)
            tags = r.sample(T.FLOOD_TAGS, k=r.randint(1, 3))
            txt += " " + " ".join(fill(x, s) for x in tags)
            if r.random() < 0.6:
                txt += " " + link + (f"?r={r.randint(1, 999)}" if r.random() < 0.5 else "")
            g.mentions.append(g.make(t, tp, lang, "social", "@" + b, txt, tag="flood", event=k))
            n += 1
    # the label starts at the first post
    return {"n_bots": p["n_bots"], "promo": p["promo"], "posts": n}


def inject_positive(g: Gen, ev: dict, tp: Topic, prof, t_start) -> dict:
    r, p, k = g.r, ev["p"], ev["id"]
    times, env = event_times(g, ev, prof, t_start)
    lang_main = tp.lang(r)
    ti = r.randrange(len(T.POSBUZZ_TRIGGERS["en"]))
    for t in times:
        lang = lang_main if r.random() < 0.8 else tp.lang(r)
        st = g.pick_type({"social": 0.72, "forum": 0.08, "video": 0.12, "blog": 0.08})
        s = g.slots(tp, lang, st)
        s["trig"] = fill(T.POSBUZZ_TRIGGERS[lang][ti][0], s)
        senti = g.pick_type({"pos": 0.72, "neu": 0.2, "neg": 0.08})
        txt = g.social_text(T.POSBUZZ, lang, senti, s)
        title = fill(r.choice(T.VIDEO_TITLES[lang]), s) if st == "video" else (txt[:60] if st == "blog" else "")
        g.mentions.append(g.make(t, tp, lang, st, g.author_for(tp, st, 0.85), txt, title, tag="positive_buzz", event=k))
    for _ in range(p["n_news"]):
        t = ev["t0"] + timedelta(minutes=p["rise"] + r.uniform(0, p["plateau"] + p["halflife"]))
        outlet = r.choice(T.OUTLETS[lang_main])
        ti2, su = r.choice(T.POSBUZZ_NEWS[lang_main])
        s = {"b": tp.brand}
        g.mentions.append(g.make(t, tp, lang_main, "news", outlet[0], fill(su, s), fill(ti2, s), outlet=outlet,
                                 tag="positive_buzz", event=k))
    return {"n_news": p["n_news"], "peak_per_h": round(p["peak"], 1)}


def inject_spike(g: Gen, ev: dict, tp: Topic, prof, t_start) -> dict:
    r, p, k = g.r, ev["p"], ev["id"]
    lang_main = tp.lang(r)
    si = r.randrange(len(T.SPIKE_SUBJECTS["en"]))
    # news wave first: the first article at t0, then an exponential decay of articles
    articles = []
    outlets = r.sample(T.OUTLETS[lang_main], k=min(len(T.OUTLETS[lang_main]), p["n_news"]))
    for j in range(p["n_news"]):
        off = 0.0 if j == 0 else min(r.expovariate(1 / (p["news_span"] / 2)), p["dur_min"] - 1)
        lang = lang_main if r.random() < 0.85 else tp.lang(r)
        outlet = outlets[j % len(outlets)] if lang == lang_main else r.choice(T.OUTLETS[lang])
        s = g.slots(tp, lang, "news")
        s["b"] = tp.brand
        title, summ, short = T.SPIKE_SUBJECTS[lang][si]
        title, summ = fill(title, s), fill(summ, s)
        t = ev["t0"] + timedelta(minutes=off)
        m = g.make(t, tp, lang, "news", outlet[0], summ, title, outlet=outlet, tag="volume_spike", event=k)
        g.mentions.append(m)
        articles.append((title, m["url"], outlet[0], lang))
    # social shares, starting a few minutes after the first article
    ev2 = dict(ev)
    ev2["t0"] = ev["t0"] + timedelta(minutes=r.uniform(3, 15))
    times, _ = event_times(g, ev2, prof, t_start)
    for t in times:
        title, url, oname, lang = r.choice(articles)
        st = g.pick_type({"social": 0.82, "forum": 0.12, "blog": 0.06})
        s = g.slots(tp, lang, st, {"t": title, "url": url, "o": oname, "s": T.SPIKE_SUBJECTS[lang][si][2]})
        txt = fill(r.choice(T.SPIKE_SHARES[lang]), s)
        g.mentions.append(g.make(t, tp, lang, st, g.author_for(tp, st, 0.6), txt,
                                 title if st == "blog" else "", tag="volume_spike", event=k))
    return {"n_news": p["n_news"], "peak_per_h": round(p["peak"], 1)}


def inject_outage(g: Gen, ev: dict, tp: Topic, prof, t_start) -> dict:
    return {"hours": round(ev["p"]["dur"] / 60, 2)}


INJECT = {"crisis": inject_crisis, "bad_buzz": inject_bad_buzz, "flood": inject_flood,
          "positive_buzz": inject_positive, "volume_spike": inject_spike, "outage": inject_outage}


def parse_seeds(s: str) -> list[int]:
    out = []
    for part in s.split(","):
        if "-" in part:
            a, b = part.split("-")
            out += list(range(int(a), int(b) + 1))
        elif part:
            out.append(int(part))
    return out


def _ep(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def _fmt(value: float | None, digits: int) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def crisis_delays(meta: dict, events: list[dict]) -> list[tuple[str, float | None]]:
    """(kind, minutes from label start to the first crisis event, None if none) per crisis
    label; an event counts when on the label's topic with `at` in [start, end + 1 h]."""
    out: list[tuple[str, float | None]] = []
    for ev in meta["events"]:
        if ev["type"] != "crisis":
            continue
        start, end = _ep(ev["start"]), _ep(ev["end"]) + 3600
        calls = sorted(_ep(e["at"]) for e in events
                       if e["topic"] == ev["topic"] and e["kind"] == "crisis"
                       and not e.get("drill") and start <= _ep(e["at"]) <= end)
        out.append((ev["kind"] or "?", (calls[0] - start) / 60 if calls else None))
    return out


def run_all(root: Path, seeds: list[int], name: str = "gen4") -> None:
    """Backtest every seed through the live code (as bench/gen3_eval.py does) and print the
    combined report, the crisis delays per kind, every miss and the RESULT line."""
    from multiprocessing import Pool

    from gen3_eval import print_report, replay_seed

    from monitor.detection.evaluate import combine, evaluate

    folders = [root / f"seed-{s:03d}" for s in seeds]
    with Pool(2) as pool:
        results = pool.map(replay_seed, folders)
    reports = []
    delays: dict[str, list[float | None]] = {"fast": [], "slow": []}
    n_labels = 0
    for seed, folder, events in zip(seeds, folders, results, strict=True):
        labels = json.loads((folder / "labels.json").read_text())
        meta = json.loads((folder / "meta.json").read_text())
        n_labels += len(labels)
        report = evaluate(events, labels)
        report.misses = [f"seed {seed}: {m}" for m in report.misses]
        reports.append(report)
        for kind, delay in crisis_delays(meta, events):
            delays.setdefault(kind, []).append(delay)
    total = combine(reports)
    print_report(f"{name} seeds {seeds[0]}-{seeds[-1]}", total)
    medians: dict[str, float | None] = {}
    print("== crisis delay from label start to the first crisis event, per kind")
    for kind, values in delays.items():
        found = [d for d in values if d is not None]
        medians[kind] = statistics.median(found) if found else None
        print(f"  {kind:5s} labels {len(values):3d}, called {len(found):3d}, median "
              f"{_fmt(medians[kind], 1)} min, over 60 min: {sum(d > 60 for d in found)}")
    print("== misses and wrong calls")
    for line in total.misses:
        print("  " + line)
    crisis = total.classes["crisis"]
    print(f"RESULT crisis_recall={_fmt(crisis.recall, 2)} "
          f"crisis_precision={_fmt(crisis.precision, 2)} "
          f"crisis_median_delay_min={_fmt(crisis.median_delay, 1)} "
          f"bad_buzz_as_crisis={_fmt(total.bad_buzz_as_crisis_rate, 2)} "
          f"fast_median_min={_fmt(medians.get('fast'), 1)} "
          f"slow_median_min={_fmt(medians.get('slow'), 1)} labels={n_labels}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="1-30", help="first-last, or a comma-separated list")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--run", action="store_true", help="backtest every seed and print the figures")
    a = ap.parse_args(argv)
    seeds = parse_seeds(a.seeds)
    os.makedirs(a.out, exist_ok=True)
    t0 = time.perf_counter()
    mentions = events = 0
    for seed in seeds:
        meta = gen_seed(seed, str(a.out))
        mentions += meta["n_mentions"]
        events += len(meta["events"])
        ev = ", ".join(f"{e['type']}{'/' + e['kind'] if e['kind'] else ''}@{e['topic']}"
                       for e in meta["events"])
        print(f"seed {seed:3d}: {meta['n_mentions']:6d} mentions, {len(meta['topics'])} topics, "
              f"events: {ev}", file=sys.stderr)
    seconds = time.perf_counter() - t0
    print(f"generated in {seconds:.1f} s", file=sys.stderr)
    if a.run:  # ends with the backtest's RESULT line
        run_all(a.out, seeds)
    else:
        print(f"RESULT seeds={a.seeds} mentions={mentions} events={events} seconds={seconds:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
