"""Labelled scenario suite, generation 5: seeded mention streams with injected events.

    python bench/scenarios_gen5.py --seeds 1-30 --out DIR [--jobs 2] [--check]

For each seed, DIR/seed-NNN/ receives:
  mentions.jsonl.gz  replay-format mentions (monitor.model.Mention.from_replay), sorted by time
  vigie.yaml         one topic per invented brand, `sentiment: {languages: [en, fr]}`
  labels.json        [{"topic", "type", "start", "end"}]; type in crisis, bad_buzz,
                     positive_buzz, volume_spike, blind_spot (bot floods are bad_buzz,
                     outages blind_spot; the finer kind is in meta.json)
  meta.json          seed, topics (brand, rate, languages, timezone, sources...), events
                     (same order as labels) with kind and parameters

World: 3-6 invented brands (tiny 0.5-3/h ... at most one large 200-600/h), English, French
or bilingual, each with a home timezone, daily and weekly cycles, a slow trend, multiplicative
noise, its own mix of sources (social / forum / news heavy), heavy-tailed authors, a few
outlets writing routinely, unlabelled micro-bursts and 2-4% off-topic mentions (some are
homonyms that a topic's NOT clause excludes). 3-5 days of warm-up without labelled events,
then 2 days holding 4-8 labelled events: fast, slow-burn and escalating crises (press
pickup, spread across authors and source kinds), bad buzz (a few loud accounts and their
echo), bot floods (near-duplicates from fresh accounts), positive buzz, neutral news spikes
and source outages.

Only the standard library and numpy are used to generate; --check imports Vigie to validate.

Written blind (2026-11-28) by a helper session given only the issue's specification, the
replay format (monitor/model.py, docs/sources.md), the query syntax and the configuration
example; it read neither the detection code, its docs, nor the other generators or their
sentence banks (its own are in bench/scenario_data/gen5_texts.py). Figures: docs/detection.md.
Backtest every seed with `python bench/scenarios_gen4.py`-style replay:
`python bench/scenarios_gen5.py --seeds 1-30 --out DIR --run`.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import random
import re
import sys
import time
import unicodedata
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np


def _load_texts():
    # loaded by path: the text bank alone, without importing the scenario_data package
    import importlib.util
    path = Path(__file__).resolve().parent / "scenario_data" / "gen5_texts.py"
    spec = importlib.util.spec_from_file_location("gen5_texts", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


T = _load_texts()

MIN = 60
HOUR = 3600
DAY = 86400

TZ_EN = ["Europe/London", "America/New_York", "America/Chicago", "Europe/Dublin", "Australia/Sydney",
         "America/Los_Angeles", "America/Toronto"]
TZ_FR = ["Europe/Paris", "Europe/Brussels", "America/Montreal", "Europe/Zurich", "Africa/Dakar",
         "Europe/Paris"]
TZ_BI = ["America/Montreal", "Europe/Brussels", "Europe/Zurich", "Europe/Paris", "Europe/Luxembourg"]

INSTANCES = {"en": ["mastodon.social", "hachyderm.io", "mstdn.social", "fosstodon.org", "mas.to",
                    "mastodon.online"],
             "fr": ["piaille.fr", "mamot.fr", "framapiaf.org", "mastodon.social", "mastodon.tedomum.net",
                    "mstdn.ca"]}
SUBREDDITS = {"en": ["technology", "BuyItForLife", "mildlyinfuriating", "CasualUK", "personalfinance",
                     "news", "Frugal", "consumers"],
              "fr": ["france", "Quebec", "AskFrance", "belgium", "conso", "rance"]}
SHORT = ["bit.ly", "tinyurl.com", "ow.ly", "buff.ly", "lnkd.in", "t.ly"]

ONSETS = ["b", "br", "d", "f", "g", "k", "kr", "l", "m", "n", "p", "pr", "r", "s", "t", "tr", "v", "z",
          "qu", "sk", "pl", "j", "h"]
VOWELS = ["a", "e", "i", "o", "u", "a", "e", "o", "ou", "ai"]
CODAS = ["", "", "", "", "n", "r", "l", "s", "k", "m", "x"]
MIDS = ["b", "d", "l", "m", "n", "r", "s", "t", "v", "z", "k", "st", "nd", "rv", "lt"]
ENDINGS = ["a", "o", "i", "ix", "ora", "ani", "elle", "ex", "on", "ia", "ando", "ette", "ic", "um", "is",
           "ova", "ay", "eo", "ane", "ik"]
MULTI_SUFFIX = {"en": ["Bank", "Foods", "Mobile", "Labs", "Air", "Energy", "Home"],
                "fr": ["Banque", "Énergie", "Mobile", "Assurances", "Voyages", "Maison", "Bio"]}
HOMONYM = {"en": ["{n} Valley", "Lake {n}", "{n} Falls", "Mount {n}"],
           "fr": ["Lac de {n}", "Mont {n}", "Col de {n}", "{n}-sur-Mer"]}
USER_BITS = ["marie", "tom", "jules", "nina", "kev", "sam", "lou", "alex", "max", "zoe", "leo", "emma",
             "theo", "ines", "noah", "chloe", "ben", "lina", "raph", "jade", "olly", "mia", "hugo",
             "night", "owl", "pixel", "dev", "cafe", "velo", "chat", "moon", "rain", "geek", "foodie",
             "papa", "maman", "prof", "dr", "old", "tiny", "north", "sud", "blue", "rouge", "wolf"]
BOT_BITS = ["deal", "promo", "win", "gift", "news", "info", "truth", "real", "user", "acc", "free",
            "bonus", "alert", "today", "fan"]
BLOG_NAMES = {"en": ["Gadget Notes", "The Frugal Desk", "Consumer Corner", "Byte Sized", "Small Print Blog",
                     "Out of Warranty", "Dispatches from the Checkout"],
              "fr": ["Le Blog Conso", "Carnet Tech", "Les Petites Lignes", "Vu en Rayon", "Hors Garantie",
                     "Chroniques du SAV", "Le Journal d'un Geek"]}
CHANNELS = {"en": ["TechTalk Daily", "HonestReviews", "UnboxThis", "The Gear Lab", "Jess Explains",
                   "FixIt Friday"],
            "fr": ["TechMaison", "AvisHonnête", "Le Labo du Geek", "DécryptInfo", "Julie Explique",
                   "LeTestDuDimanche"]}


def slugify(text: str, words: int = 8) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    parts = re.findall(r"[a-z0-9]+", text)
    return "-".join(parts[:words]) or "post"


_ACCENTS = {}
for _c in "àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆ":
    _base = "".join(x for x in unicodedata.normalize("NFKD", _c) if not unicodedata.combining(x))
    _ACCENTS[ord(_c)] = {"œ": "oe", "æ": "ae", "Œ": "OE", "Æ": "AE"}.get(_c, _base)


def strip_accents(text: str) -> str:
    return text.translate(_ACCENTS)


def iso_at(ts: float, tz) -> str:
    dt = datetime.fromtimestamp(int(ts), tz)
    return dt.isoformat().replace("+00:00", "Z") if tz is UTC else dt.isoformat()


# ---------------------------------------------------------------------------------------
# World: brands and their sources
# ---------------------------------------------------------------------------------------


class Slots(dict):
    """format_map mapping: fixed values as items, random ones drawn on each look-up."""

    def __init__(self, world, brand, lang, rnd, fixed=None):
        super().__init__(fixed or {})
        self.world, self.brand, self.lang, self.rnd = world, brand, lang, rnd
        self.mood = "neu"
        self.urls: list[str] | None = None

    def __missing__(self, key):
        r, br, lang = self.rnd, self.brand, self.lang
        if key == "b":
            return br.post_form(r)
        if key == "B":
            return br.name
        if key == "t":
            return br.tag
        if key == "h":
            return br.handle
        if key == "p":
            return r.choice(br.products)
        if key == "c":
            return r.choice(T.CITIES[lang])
        if key == "ceo":
            return br.ceo
        if key == "inf":
            return r.choice(br.influencers)
        if key == "o":
            return r.choice(T.OUTLETS[lang])
        if key == "url":
            return f"https://{r.choice(SHORT)}/{rand_code(r, 7)}"
        if key == "nurl":
            if self.urls:
                return r.choice(self.urls[-6:])
            return f"https://{r.choice(SHORT)}/{rand_code(r, 7)}"
        if key == "n":
            return str(r.randint(2, 9))
        if key == "big":
            return r.choice(["1,200", "3,400", "12,000", "40,000", "85,000", "250,000", "1.2 million", "600"]) \
                if lang == "en" else r.choice(["1 200", "3 400", "12 000", "40 000", "85 000", "250 000",
                                               "1,2 million", "600"])
        if key == "pct":
            return str(r.choice([5, 8, 12, 15, 20, 30, 40, 50, 70]))
        if key == "m":
            v = r.choice([19, 49, 99, 149, 2.4, 18, 310, 7.5])
            if v < 10:
                return f"€{v}bn" if lang == "en" else f"{v} Md€".replace(".", ",")
            return f"£{v}" if lang == "en" and r.random() < .5 else (f"${v}" if lang == "en" else f"{v} €")
        if key == "e":
            pool = {"neg": T.EMOJI_NEG, "pos": T.EMOJI_POS, "lol": T.EMOJI_LOL}.get(self.mood, T.EMOJI_NEU)
            return r.choice(pool)
        if key == "d":
            return r.choice(T.WEEKDAYS[lang])
        if key == "hom":
            return br.homonym or "Lac Tranquille"
        if key == "tw":
            return "this"
        if key == "y":
            return "2026"
        return key


_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def rand_code(r: random.Random, n: int) -> str:
    return "".join(r.choices(_ALPHABET, k=n))


# Real words and brands the syllable grammar can spell: never used as invented names.
_REAL_WORDS_TEXT = """
prolix latex rolex lumix nokia nikon skoda lada zara lenovo sanex tefal kodak ikea volvo lexus
kia mazda fiat seat dacia tesla bosch miele sony sega zelda mario nivea dove lux lipton danone
salami banana tomato potato sonata kimono gorilla piano patio radio video vanilla lasagna mango
papaya karma drama dilemma panama lima roma milano verona savona bologna toledo malaga
kosovo bravo tornado volcano domino casino torpedo tuxedo commando avocado tobacco
balsamic bolero boleto valet velo vanilla visa vista zero zorro zumba kayak kiwi koala
panda lava java sofa soda sauna samba salsa pasta pizza polka piazza plaza mafia media
mania manila nova lotus nexus bonus virus status minus focus bogus locus modus ratio rodeo
tempo solo halo memo hero veto demo kilo limo logo lotto motto photo typo mexico rio
index relax remix reflex vortex matrix helix phoenix complex annex duplex syntax climax borax
lilas kiosque lavande salade banane tomate domino pirate sonate marine madame malade
bidon melon salon talon canon baron pilon savon tison vison raison maison
toxic tonic sonic panic manic mimic relic logic magic comic topic public
datum album forum medium podium rectum serum sodium stadium vacuum museum
tennis bonis penis pelvis axis basis oasis iris
"""
REAL_WORDS = frozenset(_REAL_WORDS_TEXT.split())
RARE = set("kzxvjq")


def invent_word(r: random.Random, taken: set[str]) -> str:
    while True:
        w = r.choice(ONSETS) + r.choice(VOWELS)
        if r.random() < 0.45:
            w += r.choice(MIDS) + r.choice(VOWELS[:5])
        w += r.choice(MIDS) + r.choice(ENDINGS)
        if re.search(r"[aeiou]{3}|(.)\1", w):
            continue
        if 5 <= len(w) <= 9 and w not in taken and w not in REAL_WORDS and RARE & set(w):
            taken.add(w)
            return w.capitalize()


class Brand:
    def __init__(self, idx, r: random.Random, npr: np.random.Generator, size: str, taken: set[str]):
        self.idx = idx
        self.size = size
        lo, hi = {"tiny": (0.5, 3), "small": (3, 15), "medium": (15, 80), "large": (200, 600)}[size]
        self.rate = round(math.exp(r.uniform(math.log(lo), math.log(hi))), 2)
        lang_kind = r.choices(["en", "fr", "bi"], [0.38, 0.37, 0.25])[0]
        self.lang_kind = lang_kind
        self.fr_share = {"en": 0.0, "fr": 1.0, "bi": round(r.uniform(0.3, 0.7), 2)}[lang_kind]
        self.languages = {"en": ["en"], "fr": ["fr"], "bi": ["en", "fr"]}[lang_kind]
        self.tzname = r.choice({"en": TZ_EN, "fr": TZ_FR, "bi": TZ_BI}[lang_kind])
        self.tz = ZoneInfo(self.tzname)
        core = invent_word(r, taken)
        main_lang = "fr" if self.fr_share > 0.5 else "en"
        self.multi = r.random() < 0.25
        if self.multi:
            self.name = f"{core} {r.choice(MULTI_SUFFIX[main_lang])}"
        else:
            self.name = core
        ascii_name = strip_accents(self.name)
        self.tag = ascii_name.replace(" ", "")
        self.handle = ascii_name.lower().replace(" ", "_") + (r.choice(["_fr", "_officiel", ""])
                                                                if main_lang == "fr" else r.choice(["", "_hq", "_help"]))
        self.topic = slugify(ascii_name, 3)
        self.homonym = None
        if not self.multi and r.random() < 0.6:
            self.homonym = r.choice(HOMONYM[main_lang]).format(n=core)
        self.products = []
        for _ in range(r.randint(2, 3)):
            p = invent_word(r, taken)
            self.products.append(r.choice([p, f"{p} {r.choice(['Pro', 'Max', 'S', 'Go', 'Mini', 'Air'])}",
                                           f"{p} {r.randint(2, 9)}"]))
        self.ceo = f"{r.choice(T.FIRST)} {r.choice(T.LAST)}"
        self.influencers = [f"{r.choice(USER_BITS)}{r.choice(['_', '', '.'])}{r.choice(USER_BITS)}{r.randint(1, 99)}"
                            for _ in range(4)]
        # matching regex: the forms a post can name the brand by (all match the query)
        low = ascii_name.lower()
        if self.multi:
            a, b = low.split(" ", 1)
            pat = rf"(?<![\w@#]){a}[\s'’\-]+{b}(?!\w)|#{a}{b}(?!\w)|@{re.escape(self.handle)}(?!\w)"
        else:
            pat = rf"(?<![\w]){low}(?![\w])|@{re.escape(self.handle)}(?!\w)"
        self.match_re = re.compile(pat)
        # daily / weekly shape, trend, noise parameters
        self.night = r.uniform(0.06, 0.3)
        self.peak_hour = r.uniform(11, 14)
        self.evening = r.uniform(0.4, 1.1)
        self.weekend = r.choice([r.uniform(0.5, 0.8), r.uniform(0.85, 1.05), r.uniform(1.1, 1.35)])
        self.trend = r.uniform(-0.05, 0.07)
        self.noise_sigma = r.uniform(0.12, 0.3)
        self.mood = r.uniform(-0.1, 0.1)  # shifts complaint / praise share
        self.sources = self._sources(r, npr)
        # authors: heavy-tailed pool of regulars
        n_pool = int(min(3000, max(40, self.rate * 40)))
        self.pool = [self._username(r) for _ in range(n_pool)]
        a = r.uniform(0.85, 1.15)
        w = 1.0 / np.arange(1, n_pool + 1) ** a
        self.pool_p = w / w.sum()
        self.pool_cum = np.cumsum(self.pool_p)
        self.pool_instance = {u: r.choice(INSTANCES["fr" if r.random() < self.fr_share else "en"]) for u in self.pool}
        self.routine_outlets = {}
        for lang in self.languages:
            k = r.randint(2, 5)
            idx = r.sample(range(len(T.OUTLETS[lang])), k)
            self.routine_outlets[lang] = (idx, np.array([r.uniform(0.3, 1) for _ in idx]))

    def _username(self, r):
        s = r.choice(USER_BITS)
        if r.random() < 0.6:
            s += r.choice(["_", "", "."]) + r.choice(USER_BITS)
        if r.random() < 0.5:
            s += str(r.randint(1, 999))
        return s

    def _sources(self, r, npr):
        slug = self.topic
        mix = r.choice(["social", "social", "forum", "news"])
        self.mix = mix
        base = {"social": {"mastodon": 0.5, "mastodon2": 0.18, "reddit": 0.12, "gnews": 0.08, "galerts": 0.05,
                           "blog": 0.03, "youtube": 0.04},
                "forum": {"reddit": 0.38, "forum": 0.2, "mastodon": 0.22, "gnews": 0.09, "galerts": 0.04,
                          "blog": 0.04, "youtube": 0.03},
                "news": {"galerts": 0.28, "gnews": 0.22, "mastodon": 0.25, "reddit": 0.12, "blog": 0.07,
                         "youtube": 0.06}}[mix]
        keys = list(base)
        shares = npr.dirichlet(np.array([base[k] for k in keys]) * 40)
        out = []
        for k, s in zip(keys, shares, strict=True):
            lang = "fr" if self.fr_share > 0.5 else "en"
            name, stype, platform = {
                "mastodon": (f"mastodon-{slug}", r.choice(["social", "social", "mastodon"]), "mastodon"),
                "mastodon2": (f"{r.choice(['piaille', 'mamot', 'hachyderm', 'fosstodon'])}-{slug}",
                              "social", "mastodon"),
                "reddit": (f"reddit-{slug}", r.choice(["forum", "reddit"]), "reddit"),
                "forum": (f"{r.choice(['forum-conso', 'hn', 'discourse', 'avis'])}-{slug}", "forum", "forum"),
                "gnews": (f"gnews-{slug}", r.choice(["news", "news", "press"]), "gnews"),
                "galerts": (f"galerts-{slug}", "news", "galerts"),
                "blog": (f"blogs-{slug}", r.choice(["blog", "blog", "substack"]), "blog"),
                "youtube": (f"youtube-{slug}", r.choice(["video", "youtube"]), "youtube"),
            }[k]
            out.append({"name": name, "source_type": stype, "kind": canonical_kind(stype),
                        "platform": platform, "share": float(s), "lang": lang})
        return out

    def post_form(self, r):
        # Cumulative odds of: the name, in lower case, the hashtag, the handle (else upper case).
        x = r.random()
        cuts = (0.55, 0.72, 0.87, 0.96) if self.multi else (0.58, 0.78, 0.9, 0.96)
        forms = (self.name, self.name.lower(), "#" + self.tag, "@" + self.handle)
        for cut, form in zip(cuts, forms, strict=True):
            if x < cut:
                return form
        return self.name.upper()

    def query(self) -> str:
        low = strip_accents(self.name).lower()
        if self.multi:
            core = f'"{low}" OR #{self.tag.lower()} OR @{self.handle}'
        else:
            core = f"{low} OR @{self.handle}" if self.handle != low else low
        if self.homonym:
            h = strip_accents(self.homonym).lower()
            return f'({core}) NOT "{h}"'
        return core

    def regular(self, r) -> str:
        """One of the brand's regular accounts, heavy-tailed (some post many times a day)."""
        return self.pool[min(int(np.searchsorted(self.pool_cum, r.random())), len(self.pool) - 1)]

    def pick_lang(self, r, fr_share=None):
        share = self.fr_share if fr_share is None else fr_share
        return "fr" if r.random() < share else "en"

    def sources_of(self, kind):
        return [s for s in self.sources if s["kind"] == kind]


def canonical_kind(stype):
    return {"mastodon": "social", "reddit": "forum", "press": "news", "substack": "blog",
            "youtube": "video"}.get(stype, stype)


# ---------------------------------------------------------------------------------------
# Mention factory
# ---------------------------------------------------------------------------------------


class Factory:
    def __init__(self, seed, r: random.Random):
        self.seed = seed
        self.r = r
        self.out: list[tuple[float, dict]] = []
        self.counter = 0

    def emit(self, ts, brand, src, author, title, text, lang, url=None, reach=None, story_url=None,
             event=None):
        r = self.r
        self.counter += 1
        platform = src["platform"]
        if url is None:
            url = self.make_url(ts, src, author, title or text, lang)
        key = f"{src['name']}|{url}|{self.counter}"
        mid = hashlib.blake2b(key.encode(), digest_size=10).hexdigest()
        if platform in ("gnews", "galerts", "blog"):
            published = iso_at(ts, brand.tz if brand else UTC)
        else:
            published = iso_at(ts, UTC)
        d = {"id": mid, "published": published, "source": src["name"], "source_type": src["source_type"],
             "author": author, "url": url, "title": title, "text": text}
        declare = {"gnews": 1.0, "galerts": 0.7, "blog": 0.7, "mastodon": 0.5, "reddit": 0.0,
                   "forum": 0.2, "youtube": 0.1}[platform]
        if r.random() < declare:
            d["lang"] = lang
        if reach is not None:
            d["reach"] = int(reach)
        d["story"] = story_url or url
        self.out.append((ts, d))
        return d

    def make_url(self, ts, src, author, text, lang):
        r = self.r
        p = src["platform"]
        if p == "mastodon":
            user, _, inst = author.lstrip("@").partition("@")
            return f"https://{inst or 'mastodon.social'}/@{user}/{r.randint(10**17, 10**18 - 1)}"
        if p == "reddit":
            return (f"https://www.reddit.com/r/{r.choice(SUBREDDITS[lang])}/comments/"
                    f"{rand_code(r, 7).lower()}/{slugify(text, 6).replace('-', '_')}/")
        if p == "forum":
            return f"https://{src['name'].split('-')[0]}.example.org/t/{slugify(text, 6)}/{r.randint(1000, 99999)}"
        if p == "blog":
            d = datetime.fromtimestamp(ts, UTC)
            return f"https://{slugify(author, 3)}.blog/{d:%Y/%m}/{slugify(text, 7)}/"
        if p == "youtube":
            return f"https://www.youtube.com/watch?v={rand_code(r, 11)}"
        d = datetime.fromtimestamp(ts, UTC)
        return f"https://www.{r.choice(T.NEWS_DOMAINS[lang])}/{d:%Y/%m/%d}/{slugify(text, 8)}-{r.randint(1000, 99999)}"


def fill(template: str, slots: Slots) -> str:
    return template.format_map(slots)


def augment(text: str, lang: str, r: random.Random, mood: str, brand: Brand | None) -> str:
    """Social-style noise: emoji, hashtags, links, case, French without accents."""
    x = r.random()
    if x < 0.12:
        pool = {"neg": T.EMOJI_NEG, "pos": T.EMOJI_POS, "lol": T.EMOJI_LOL}.get(mood, T.EMOJI_NEU)
        text = f"{text} {r.choice(pool)}"
    elif x < 0.18 and brand is not None:
        text = f"{text} #{brand.tag}"
    elif x < 0.22:
        text = f"{text} https://{r.choice(SHORT)}/{rand_code(r, 6)}"
    if lang == "fr" and r.random() < 0.25:
        text = strip_accents(text)
    y = r.random()
    if y < 0.06:
        text = text.lower()
    elif y < 0.08 and mood == "neg":
        text = text.upper()
    elif y < 0.11:
        text = text.rstrip(".") + r.choice([" lol", " tbh", " smh", "...", " !!"] if lang == "en"
                                           else [" mdr", " bref", " sérieux", "...", " !!", " ptdr"])
    return text


# ---------------------------------------------------------------------------------------
# Rate model
# ---------------------------------------------------------------------------------------


def rate_curve(brand: Brand, t0: int, minutes: int, npr: np.random.Generator) -> np.ndarray:
    """Expected mentions per minute for the brand's routine chatter."""
    ts = t0 + np.arange(minutes) * MIN
    # local hour and weekday (offset looked up per hour: DST-safe enough)
    offsets = np.empty(minutes)
    for h0 in range(0, minutes, 60):
        off = datetime.fromtimestamp(int(ts[h0]), brand.tz).utcoffset().total_seconds()
        offsets[h0:h0 + 60] = off
    local = ts + offsets
    hour = (local % DAY) / HOUR
    dow = ((local // DAY) + 3) % 7  # 1970-01-01 was a Thursday -> Monday = 0
    bump = lambda c, w: np.exp(-0.5 * ((hour - c + 12) % 24 - 12) ** 2 / w ** 2)  # noqa: E731
    shape = brand.night + bump(brand.peak_hour, 3.2) + brand.evening * bump(20.5, 2.2) + 0.5 * bump(8.5, 1.3)
    grid = np.linspace(0, 24, 289)
    gshape = brand.night + sum(
        k * np.exp(-0.5 * ((grid - c + 12) % 24 - 12) ** 2 / w ** 2)
        for k, c, w in ((1, brand.peak_hour, 3.2), (brand.evening, 20.5, 2.2), (0.5, 8.5, 1.3)))
    shape = shape / gshape.mean()
    week = np.where(dow >= 5, brand.weekend, 1.0)
    week = np.where(dow == 4, 1.0 + (brand.weekend - 1) * 0.3, week)
    days = (ts - t0) / DAY
    trend = np.exp(brand.trend * days)
    # noise: hourly AR(1) in log space + 5-minute jitter
    n_h = minutes // 60 + 2
    e = npr.normal(0, brand.noise_sigma, n_h)
    ar = np.empty(n_h)
    ar[0] = e[0]
    for i in range(1, n_h):
        ar[i] = 0.7 * ar[i - 1] + math.sqrt(1 - 0.49) * e[i]
    hourly = np.interp(np.arange(minutes) / 60.0, np.arange(n_h), ar)
    jitter = np.repeat(npr.normal(0, 0.1, minutes // 5 + 1), 5)[:minutes]
    noise = np.exp(hourly + jitter - 0.5 * (brand.noise_sigma ** 2 + 0.01))
    return brand.rate / 60.0 * shape * week * trend * noise


def times_from_rate(lam: np.ndarray, t0: float, npr: np.random.Generator, step: int = MIN) -> np.ndarray:
    counts = npr.poisson(np.clip(lam, 0, None))
    idx = np.repeat(np.arange(len(lam)), counts)
    return t0 + idx * step + npr.uniform(0, step, len(idx))


# ---------------------------------------------------------------------------------------
# Routine chatter
# ---------------------------------------------------------------------------------------


def routine(f: Factory, brand: Brand, t0: int, minutes: int, npr, outages) -> None:
    r = f.r
    lam = rate_curve(brand, t0, minutes, npr)
    times = times_from_rate(lam, t0, npr)
    # unlabelled micro-bursts: 1-3 extra mentions within a few minutes, a few a day
    n_bursts = npr.poisson(minutes / 1440 * r.uniform(1.5, 4))
    extra = []
    for _ in range(n_bursts):
        b0 = t0 + r.uniform(0, minutes * MIN)
        extra += [b0 + r.uniform(0, 6 * MIN) for _ in range(r.randint(1, 3))]
    times = np.concatenate([times, np.array(extra)])
    src_idx = npr.choice(len(brand.sources), len(times), p=np.array([s["share"] for s in brand.sources]))
    authors = npr.choice(len(brand.pool), len(times), p=brand.pool_p)
    for ts, si, ai in zip(times.tolist(), src_idx.tolist(), authors.tolist(), strict=True):
        src = brand.sources[si]
        if any(o["silenced"](src["name"], ts) for o in outages):
            continue
        lang = brand.pick_lang(r)
        user = brand.pool[ai] if r.random() < 0.7 else brand._username(r)
        routine_one(f, brand, src, ts, lang, user)


def author_for(brand: Brand, src, user: str, lang: str, r) -> str:
    p = src["platform"]
    if p == "mastodon":
        return f"@{user}@{brand.pool_instance.get(user) or instance_of(user, lang)}"
    if p == "reddit":
        return f"/u/{user}"
    if p == "forum":
        return user
    if p == "blog":
        return r.choice(BLOG_NAMES[lang])
    if p == "youtube":
        return r.choice(CHANNELS[lang])
    return r.choice(T.OUTLETS[lang])


def instance_of(user: str, lang: str) -> str:
    """A stable home instance for an account outside the regulars' pool."""
    pool = INSTANCES[lang]
    return pool[int(hashlib.blake2b(user.encode(), digest_size=2).hexdigest(), 16) % len(pool)]


def news_author(src, lang, outlet_idx):
    if src["platform"] == "galerts":
        return "www." + T.NEWS_DOMAINS[lang][outlet_idx]
    return T.OUTLETS[lang][outlet_idx]


def ensure_brand(text: str, brand: Brand, slots: Slots) -> str:
    if brand.match_re.search(text.lower()):
        return text
    return f"{text} {brand.post_form(slots.rnd) if not brand.multi else brand.name}"


def routine_one(f: Factory, brand: Brand, src, ts, lang, user):
    r = f.r
    bank = T.BANKS[lang]
    slots = Slots(None, brand, lang, r)
    p = src["platform"]
    if p in ("gnews", "galerts"):
        idxs, w = brand.routine_outlets.get(lang) or brand.routine_outlets[brand.languages[0]]
        if lang not in brand.routine_outlets:
            lang = brand.languages[0]
            bank = T.BANKS[lang]
            slots = Slots(None, brand, lang, r)
        oi = idxs[int(np.searchsorted(np.cumsum(w) / w.sum(), r.random()))]
        h, lede = r.choice(bank["news_routine"])
        title, text = fill(h, slots), fill(lede, slots)
        f.emit(ts, brand, src, news_author(src, lang, oi), title, ensure_brand(text, brand, slots)
               if not brand.match_re.search(title.lower()) else text, lang)
        return
    if p == "blog":
        h, lede = r.choice(bank["blog_routine"])
        f.emit(ts, brand, src, author_for(brand, src, user, lang, r), fill(h, slots), fill(lede, slots), lang)
        return
    if p == "youtube":
        h, lede = r.choice(bank["video_routine"])
        f.emit(ts, brand, src, author_for(brand, src, user, lang, r), fill(h, slots), fill(lede, slots), lang,
               reach=int(r.lognormvariate(7, 1.5)))
        return
    cat = r.choices(["chatter", "question", "complaint", "praise"],
                    [0.45, 0.18, 0.17 + brand.mood, 0.2 - brand.mood])[0]
    slots.mood = {"complaint": "neg", "praise": "pos"}.get(cat, "neu")
    text = ensure_brand(augment(fill(r.choice(bank[cat]), slots), lang, r, slots.mood, brand), brand, slots)
    social_emit(f, brand, src, ts, lang, user, text)


def social_emit(f, brand, src, ts, lang, user, text, author=None, reach=None):
    r = f.r
    author = author or author_for(brand, src, user, lang, r)
    p = src["platform"]
    if p in ("reddit", "forum"):
        title = text if len(text) < 140 else text[:120]
        body = text
        if r.random() < 0.3:
            body = text + (" Any ideas?" if lang == "en" else " Des idées ?")
        if reach is None and r.random() < 0.5:
            reach = int(r.expovariate(1 / 12))
        return f.emit(ts, brand, src, author, title, body, lang, reach=reach)
    return f.emit(ts, brand, src, author, "", text, lang, reach=reach)


# ---------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------


def smooth_profile(kind, r: random.Random, p) -> np.ndarray:
    """Unit-peak extra-rate profile per minute from the event's start (before noise)."""
    if kind == "escalating":
        d1 = p["bb_minutes"]
        a = np.full(d1, p["bb_level"])
        a[: min(10, d1)] *= np.linspace(0.4, 1, min(10, d1))
        b = _rise_plateau_decay(p["rise"], p["plateau"], p["tau"], p["shape"])
        b = np.maximum(b, p["bb_level"] * (np.arange(len(b)) < p["rise"]))
        return np.concatenate([a, b])
    return _rise_plateau_decay(p["rise"], p["plateau"], p["tau"], p["shape"])


def _rise_plateau_decay(rise, plateau, tau, shape="power"):
    t = np.arange(rise + plateau + int(tau * math.log(1 / 0.03)) + 1, dtype=float)
    out = np.empty_like(t)
    up = t < rise
    x = t[up] / max(rise, 1)
    if shape == "logistic":
        out[up] = 0.04 + 0.96 / (1 + np.exp(-10 * (x - 0.55)))
    else:
        out[up] = 0.08 + 0.92 * x ** 1.6
    mid = (t >= rise) & (t < rise + plateau)
    out[mid] = 1.0 - 0.15 * (t[mid] - rise) / max(plateau, 1)
    dn = t >= rise + plateau
    out[dn] = 0.85 * np.exp(-(t[dn] - rise - plateau) / tau)
    return out


def end_minute(profile: np.ndarray) -> int:
    peak_i = int(np.argmax(profile))
    below = np.nonzero(profile[peak_i:] < 0.1 * profile[peak_i])[0]
    return peak_i + (int(below[0]) if len(below) else len(profile) - peak_i)


EVENT_TYPES = {"crisis": "crisis", "bad_buzz": "bad_buzz", "flood": "bad_buzz",
               "positive_buzz": "positive_buzz", "volume_spike": "volume_spike", "outage": "blind_spot"}


def plan_event(kind, brand: Brand, r: random.Random) -> dict:
    """Draw an event's parameters (times relative to its start, minutes)."""
    large = brand.size == "large"
    lu = lambda a, b: math.exp(r.uniform(math.log(a), math.log(b)))  # noqa: E731
    p = {"kind": kind}
    if kind == "crisis":
        sub = r.choices(["fast", "slow", "escalating"], [0.4, 0.3, 0.3])[0]
        p["sub"] = sub
        p["theme"] = r.choice(list(T.EN["crisis_themes"]))
        if sub == "fast":
            p.update(rise=r.randint(10, 40), plateau=r.randint(60, 240), tau=r.randint(60, 180), shape="power",
                     press_delay=r.randint(20, 90))
            p["mult"] = lu(2.5, 6) if large else lu(4, 20)
        elif sub == "slow":
            p.update(rise=r.randint(60, 300), plateau=r.randint(120, 360), tau=r.randint(120, 300),
                     shape="logistic")
            p["press_delay"] = int(r.uniform(0.5, 0.95) * p["rise"]) + r.randint(60, 150)
            p["mult"] = lu(2, 5) if large else lu(2.5, 10)
        else:
            p.update(bb_minutes=r.randint(30, 90), rise=r.randint(20, 120), plateau=r.randint(90, 300),
                     tau=r.randint(90, 240), shape=r.choice(["power", "logistic"]))
            p["press_delay"] = p["bb_minutes"] + r.randint(20, 120)
            p["mult"] = lu(2.5, 6) if large else lu(3, 15)
            p["bb_level"] = r.uniform(0.08, 0.2)
            p["bb_core"] = r.randint(2, 4)
        p["floor"] = r.randint(30, 45)
    elif kind == "bad_buzz":
        total = r.uniform(60, 180)
        rise = r.randint(5, 20)
        plateau = r.randint(10, 50)
        tau = max(10, int((total - rise - plateau) / math.log(1 / 0.085)))
        p.update(rise=rise, plateau=plateau, tau=tau, shape="power",
                 theme=r.choice(list(T.EN["badbuzz_themes"])),
                 mult=lu(2.5, 6) if large else lu(3, 20), floor=r.randint(15, 30),
                 core=r.randint(1, 4), press=r.random() < 0.35, blog=r.random() < 0.3)
    elif kind == "flood":
        p.update(rise=r.randint(1, 5), plateau=r.randint(15, 150), tau=r.randint(3, 10), shape="power",
                 tone=r.choice(["promo", "attack"]), mult=lu(3, 8) if large else lu(5, 25),
                 floor=r.randint(25, 60), n_bases=r.randint(1, 3), two_kinds=r.random() < 0.4)
    elif kind == "positive_buzz":
        p.update(rise=r.randint(20, 120), plateau=r.randint(60, 240), tau=r.randint(60, 180), shape="logistic",
                 theme=r.choice(list(T.EN["positive_themes"])), mult=lu(2, 4) if large else lu(2.5, 10),
                 floor=r.randint(20, 35), press_delay=r.randint(30, 180))
    elif kind == "volume_spike":
        p.update(rise=r.randint(5, 30), plateau=r.randint(30, 120), tau=r.randint(60, 180), shape="power",
                 theme=r.choice(list(T.EN["newsspike_themes"])), mult=lu(2, 4) if large else lu(2.5, 8),
                 floor=r.randint(15, 30), news_frac=r.uniform(0.3, 0.5))
    elif kind == "outage":
        p.update(scope=r.choice(["all", "source", "source"]), duration=r.randint(120, 480))
    return p


def event_length(p) -> tuple[int, int]:
    """(label end minute, last minute with mentions) relative to start."""
    if p["kind"] == "outage":
        return p["duration"], p["duration"]
    prof = smooth_profile(p.get("sub") if p.get("sub") == "escalating" else p["kind"], None, p)
    return end_minute(prof), len(prof)


class EventCtx:
    """Shared state while one event's mentions are written."""

    def __init__(self, f, brand, p, lang_share, r):
        self.f, self.brand, self.p, self.r = f, brand, p, r
        self.lang_share = lang_share
        self.story_urls: list[str] = []
        self.event_authors: list[tuple[str, str]] = []  # (user, lang)
        self.slots = {lang: Slots(None, brand, lang, r) for lang in ("en", "fr")}
        for lang in ("en", "fr"):
            self.slots[lang].urls = self.story_urls
        self.fixed_product = r.choice(brand.products)
        self.fixed_city = {lang: r.choice(T.CITIES[lang]) for lang in ("en", "fr")}
        for lang in ("en", "fr"):
            self.slots[lang]["p"] = self.fixed_product
            self.slots[lang]["c"] = self.fixed_city[lang]
        self.n = 0
        self.authors_seen: set[str] = set()
        self.kinds_seen: dict[str, int] = {}

    def lang(self):
        return "fr" if self.r.random() < self.lang_share else "en"

    def src(self, kind, prefer=None):
        cands = self.brand.sources_of(kind)
        if not cands:
            # the brand's feeds do not cover this kind: a generic feed that does
            slug = self.brand.topic
            plat = {"social": "mastodon", "forum": "reddit", "news": "gnews", "blog": "blog",
                    "video": "youtube"}[kind]
            src = {"name": f"{plat}-{slug}-extra", "source_type": kind, "kind": kind, "platform": plat,
                   "share": 0.0, "lang": "en"}
            self.brand.sources.append(src)
            return src
        if prefer:
            for c in cands:
                if c["platform"] == prefer:
                    return c
        return self.r.choice(cands)

    def record(self, d, kind):
        self.n += 1
        self.authors_seen.add(d["author"])
        self.kinds_seen[kind] = self.kinds_seen.get(kind, 0) + 1

    def new_user(self):
        return self.brand._username(self.r)

    def social(self, ts, kind, text_fn, user=None, mood="neg", lang=None):
        r = self.r
        lang = lang or self.lang()
        slots = self.slots[lang]
        slots.mood = mood
        text = text_fn(lang, slots)
        text = ensure_brand(augment(text, lang, r, mood, self.brand), self.brand, slots)
        src = self.src(kind)
        if kind in ("social", "forum"):
            user = user or self.new_user()
            d = social_emit(self.f, self.brand, src, ts, lang, user, text)
        elif kind == "video":
            d = self.f.emit(ts, self.brand, src, r.choice(CHANNELS[lang]), text[:100], text, lang,
                            reach=int(r.lognormvariate(8, 1.5)))
        else:  # blog
            d = self.f.emit(ts, self.brand, src, r.choice(BLOG_NAMES[lang]), text[:90], text, lang)
        self.record(d, kind)
        return d

    def article(self, ts, headline_pairs, lang=None, syndicate=0.3, fixed=None):
        """One press article (+ maybe a syndicated copy)."""
        r = self.r
        lang = lang or self.lang()
        slots = self.slots[lang]
        slots.mood = "neu"
        h, lede = fixed or r.choice(headline_pairs)
        title, text = fill(h, slots), fill(lede, slots)
        if not self.brand.match_re.search((title + " " + text).lower()):
            text = f"{text} ({self.brand.name})"
        src = self.src("news")
        oi = r.randrange(len(T.OUTLETS[lang]))
        dom = T.NEWS_DOMAINS[lang][oi]
        d0 = datetime.fromtimestamp(ts, UTC)
        url = f"https://www.{dom}/{d0:%Y/%m/%d}/{slugify(title, 8)}-{r.randint(1000, 99999)}"
        d = self.f.emit(ts, self.brand, src, news_author(src, lang, oi), title, text, lang, url=url)
        self.record(d, "news")
        self.story_urls.append(url)
        if r.random() < syndicate:
            # same story in a second feed (same URL) or a wire copy on another outlet (same headline)
            others = [s for s in self.brand.sources_of("news") if s is not src] or [src]
            src2 = r.choice(others)
            t2 = ts + r.uniform(2, 40) * MIN
            if r.random() < 0.5 and src2 is not src:
                d2 = self.f.emit(t2, self.brand, src2, news_author(src2, lang, oi), title, text, lang, url=url)
            else:
                oj = (oi + r.randint(1, len(T.OUTLETS[lang]) - 1)) % len(T.OUTLETS[lang])
                url2 = f"https://www.{T.NEWS_DOMAINS[lang][oj]}/{d0:%Y/%m/%d}/{slugify(title, 8)}"
                d2 = self.f.emit(t2, self.brand, src2, news_author(src2, lang, oj), title, text, lang, url=url2)
            self.record(d2, "news")
        return d


def event_times(p, profile, start, peak_per_min, npr, floor, cap=25000):
    lam = profile * peak_per_min
    # 5-minute multiplicative noise
    jit = np.repeat(np.exp(npr.normal(0, 0.2, len(lam) // 5 + 1)), 5)[: len(lam)]
    lam = lam * jit
    total = lam.sum()
    if total < floor:
        lam *= floor / total
    elif total > cap:
        lam *= cap / total
    times = times_from_rate(lam, start, npr)
    if len(times) < floor:  # a hard minimum: tiny brands' events still hold enough mentions
        idx = npr.choice(len(lam), int(floor), p=lam / lam.sum())
        times = start + idx * MIN + npr.uniform(0, MIN, len(idx))
    return np.sort(times), lam


def gen_crisis(ctx: EventCtx, start, p, npr):
    r, brand = ctx.r, ctx.brand
    sub = p["sub"]
    prof = smooth_profile("escalating" if sub == "escalating" else "crisis", r, p)
    peak = p["mult"] * brand.rate / 60.0
    times, lam = event_times(p, prof, start, peak, npr, p["floor"])
    theme_key = p["theme"]
    press_t = start + p["press_delay"] * MIN
    news_frac = r.uniform(0.1, 0.2)
    core = [ctx.new_user() for _ in range(p.get("bb_core", 0))]
    bb_end = start + p.get("bb_minutes", 0) * MIN
    tw = {lang: r.choice(T.BANKS[lang]["crisis_themes"][theme_key]["tw"]) for lang in ("en", "fr")}
    for lang in ("en", "fr"):
        ctx.slots[lang]["tw"] = tw[lang]

    def theme_post(lang, s):
        return fill(r.choice(T.BANKS[lang]["crisis_themes"][theme_key]["posts"]), s)

    def generic(role):
        return lambda lang, s: fill(r.choice(T.BANKS[lang]["crisis_generic"][role]), s)

    n_news = 0
    for ts in times.tolist():
        in_bb = sub == "escalating" and ts < bb_end
        pressed = ts >= press_t and ctx.story_urls
        if ts >= press_t and (not ctx.story_urls or r.random() < news_frac):
            lang = ctx.lang()
            ctx.article(ts, T.BANKS[lang]["crisis_themes"][theme_key]["news"], lang=lang)
            n_news += 1
            continue
        if in_bb:
            user = r.choice(core) if r.random() < 0.65 else ctx.new_user()
            role = r.choices(["theme", "angry", "boycott"], [0.5, 0.35, 0.15])[0]
            fn = theme_post if role == "theme" else generic(role)
            ctx.social(ts, "social" if r.random() < 0.9 else "forum", fn, user=user)
            continue
        # spreading phase: source kind mix shifts once the press has it
        elapsed = (ts - start) / HOUR
        if pressed:
            kind = r.choices(["social", "forum", "blog", "video"],
                             [0.7, 0.18, 0.05 + min(0.04, 0.01 * elapsed), 0.07])[0]
        else:
            kind = r.choices(["social", "forum", "video"], [0.78, 0.19, 0.03])[0]
        roles = ["theme", "angry", "boycott", "share", "worried", "defend", "neutral"]
        w = [0.22, 0.3, 0.12, 0.14 if pressed else 0.0, 0.08, 0.07, 0.07]
        role = r.choices(roles, w)[0]
        mood = {"defend": "neu", "neutral": "neu", "worried": "neu"}.get(role, "neg")
        fn = theme_post if role == "theme" else generic(role)
        x = r.random()
        user = None
        if x < 0.12 and ctx.event_authors:
            user = r.choice(ctx.event_authors)
        elif x < 0.22:
            user = brand.regular(r)
        elif core and x < 0.26:
            user = r.choice(core)
        if kind == "blog":
            lang = ctx.lang()
            h, lede = r.choice(T.BANKS[lang]["crisis_blog"])
            s = ctx.slots[lang]
            src = ctx.src("blog")
            d = ctx.f.emit(ts, brand, src, r.choice(BLOG_NAMES[lang]), fill(h, s),
                           ensure_brand(fill(lede, s), brand, s), lang)
            ctx.record(d, "blog")
            continue
        if kind == "video":
            lang = ctx.lang()
            h, lede = r.choice(T.BANKS[lang]["crisis_video"])
            s = ctx.slots[lang]
            src = ctx.src("video")
            d = ctx.f.emit(ts, brand, src, r.choice(CHANNELS[lang]), fill(h, s), fill(lede, s), lang,
                           reach=int(r.lognormvariate(8.5, 1.5)))
            ctx.record(d, "video")
            continue
        d = ctx.social(ts, kind, fn, user=user, mood=mood)
        if user is None:
            ctx.event_authors.append(d["author"].split("@")[1] if d["author"].startswith("@")
                                     else d["author"].replace("/u/", ""))
    # the press always picks a real crisis up: at least 3 articles
    last = times[-1] if len(times) else start + HOUR
    while n_news < 3:
        ts = r.uniform(press_t, max(press_t + 30 * MIN, last))
        lang = ctx.lang()
        ctx.article(ts, T.BANKS[lang]["crisis_themes"][theme_key]["news"], lang=lang)
        n_news += 1
    return prof, lam, {"theme": theme_key, "press_delay_min": p["press_delay"], "mult": round(p["mult"], 2),
                       "bb_minutes": p.get("bb_minutes")}


def gen_bad_buzz(ctx: EventCtx, start, p, npr):
    r, brand = ctx.r, ctx.brand
    prof = smooth_profile("bad_buzz", r, p)
    times, lam = event_times(p, prof, start, p["mult"] * brand.rate / 60.0, npr, p["floor"])
    theme = p["theme"]
    core = [ctx.new_user() for _ in range(p["core"])]
    instigator = r.choice(brand.influencers)
    n_symp = int(min(60, max(5, len(times) * r.uniform(0.15, 0.35))))
    symp = [ctx.new_user() for _ in range(n_symp)]
    sw = np.array([1 / (i + 1) ** 0.7 for i in range(n_symp)])
    sw /= sw.sum()
    lang0 = ctx.lang()  # a bad buzz mostly lives in one language
    share = 0.9 if lang0 == "fr" else 0.1
    if brand.fr_share in (0.0, 1.0):
        share = brand.fr_share
    ctx.lang_share = share
    for lang in ("en", "fr"):
        ctx.slots[lang]["inf"] = instigator

    def inst(lang, s):
        return fill(r.choice(T.BANKS[lang]["badbuzz_themes"][theme]["instigator"]), s)

    def echo(lang, s):
        return fill(r.choice(T.BANKS[lang]["badbuzz_themes"][theme]["echo"]), s)

    def gen(role):
        return lambda lang, s: fill(r.choice(T.BANKS[lang]["badbuzz_generic"][role]), s)

    first = True
    forum_thread = r.random() < 0.5
    for ts in times.tolist():
        x = r.random()
        if first or x < 0.18:
            user, fn, mood = instigator, inst, "neg"
            first = False
        elif x < 0.45:
            user, fn, mood = r.choice(core), r.choice([inst, echo]), "neg"
        elif x < 0.85:
            user = symp[int(np.searchsorted(np.cumsum(sw), r.random()))]
            fn, mood = echo, r.choice(["neg", "lol"])
        else:
            role = r.choices(["mock", "defend", "meh"], [0.5, 0.3, 0.2])[0]
            user, fn, mood = None, gen(role), "lol" if role == "mock" else "neu"
        kind = "forum" if forum_thread and r.random() < 0.1 else "social"
        ctx.social(ts, kind, fn, user=user, mood=mood)
    end = times[-1] if len(times) else start + HOUR
    if p["press"]:
        lang = "fr" if share > 0.5 else "en"
        ctx.article(start + r.uniform(0.4, 0.9) * (end - start), T.BANKS[lang]["badbuzz_news"], lang=lang,
                    syndicate=0.0)
    if p["blog"]:
        lang = "fr" if share > 0.5 else "en"
        h, lede = T.BANKS[lang]["badbuzz_blog"][0]
        s = ctx.slots[lang]
        d = ctx.f.emit(start + r.uniform(0.6, 1.2) * (end - start), brand, ctx.src("blog"),
                       r.choice(BLOG_NAMES[lang]), fill(h, s), fill(lede, s), lang)
        ctx.record(d, "blog")
    return prof, lam, {"theme": theme, "mult": round(p["mult"], 2), "core_accounts": p["core"] + 1,
                       "sympathisers": n_symp, "press_piece": p["press"], "blog": p["blog"]}


def vary_flood(text: str, r: random.Random, lang: str) -> str:
    x = r.random()
    if x < 0.25:
        text = text + " " + r.choice(["🔥", "‼️", "✅", "👇", "💥", "!!!", "🚨"])
    elif x < 0.45:
        text = text + " #" + r.choice(["deal", "promo", "free", "truth", "wakeup", "bonplan", "arnaque"])
    elif x < 0.6:
        text = text.replace("!", "!!", 1)
    elif x < 0.7:
        text = text.upper()
    if r.random() < 0.3:
        text = f"{text} {rand_code(r, 4)}"
    if r.random() < 0.15:
        text = r.choice(["RT ", ">> ", "📢 ", ""]) + text
    return text


def gen_flood(ctx: EventCtx, start, p, npr):
    r, brand = ctx.r, ctx.brand
    prof = smooth_profile("flood", r, p)
    times, lam = event_times(p, prof, start, p["mult"] * brand.rate / 60.0, npr, p["floor"])
    lang = "fr" if r.random() < brand.fr_share else "en"
    bank = T.BANKS[lang]["flood_promo" if p["tone"] == "promo" else "flood_attack"]
    s = ctx.slots[lang]
    s.mood = "pos" if p["tone"] == "promo" else "neg"
    link = f"https://{r.choice(['deals-', 'promo-', 'info-', 'verite-'])}{rand_code(r, 5).lower()}.shop/{rand_code(r, 4)}"
    s["url"] = link
    bases = [fill(t, s) for t in r.sample(bank, p["n_bases"])]
    bases = [ensure_brand(b, brand, s) for b in bases]
    kinds = ["social"] + ([r.choice(["forum", "blog"])] if p["two_kinds"] else [])
    bot_instance = r.choice(INSTANCES[lang])
    bots = []
    for ts in times.tolist():
        if bots and r.random() < 0.25:
            user = r.choice(bots)
        else:
            user = f"{r.choice(BOT_BITS)}{r.choice(['', '_'])}{r.choice(BOT_BITS)}{r.randint(1000, 99999999)}"
            bots.append(user)
        kind = kinds[0] if len(kinds) == 1 or r.random() < 0.75 else kinds[1]
        text = vary_flood(r.choice(bases), r, lang)
        src = ctx.src(kind)
        if kind == "social":
            d = ctx.f.emit(ts, brand, src, f"@{user}@{bot_instance}", "", text, lang)
        elif kind == "forum":
            d = ctx.f.emit(ts, brand, src, f"/u/{user}" if src["platform"] == "reddit" else user, text[:120],
                           text, lang)
        else:
            d = ctx.f.emit(ts, brand, src, user, text[:90], text, lang)
        ctx.record(d, kind)
    return prof, lam, {"tone": p["tone"], "mult": round(p["mult"], 2), "bases": len(bases),
                       "source_kinds": kinds, "bot_accounts": len(bots), "lang": lang}


def gen_positive(ctx: EventCtx, start, p, npr):
    r, brand = ctx.r, ctx.brand
    prof = smooth_profile("positive_buzz", r, p)
    times, lam = event_times(p, prof, start, p["mult"] * brand.rate / 60.0, npr, p["floor"])
    theme = p["theme"]
    press_t = start + p["press_delay"] * MIN
    n_news_target = r.randint(2, 6)
    n_news = 0

    def post(lang, s):
        return fill(r.choice(T.BANKS[lang]["positive_themes"][theme]["posts"]), s)

    def gen_pos(lang, s):
        return fill(r.choice(T.BANKS[lang]["positive_generic"]), s)

    def chat(lang, s):
        return fill(r.choice(T.BANKS[lang]["chatter"]), s)

    def sarcasm(lang, s):
        return fill(r.choice(T.BANKS[lang]["complaint"]), s)

    for ts in times.tolist():
        if ts >= press_t and n_news < n_news_target and r.random() < 0.12:
            lang = ctx.lang()
            ctx.article(ts, T.BANKS[lang]["positive_themes"][theme]["news"], lang=lang, syndicate=0.2)
            n_news += 1
            continue
        fn, mood = r.choices([(post, "pos"), (gen_pos, "pos"), (chat, "neu"), (sarcasm, "neg")],
                             [0.5, 0.25, 0.15, 0.1])[0]
        kind = r.choices(["social", "forum", "video"], [0.82, 0.12, 0.06])[0]
        user = brand.regular(r) if r.random() < 0.2 else None
        ctx.social(ts, kind, fn, user=user, mood=mood)
    return prof, lam, {"theme": theme, "mult": round(p["mult"], 2), "press_articles": n_news}


def gen_volume(ctx: EventCtx, start, p, npr):
    r, brand = ctx.r, ctx.brand
    prof = smooth_profile("volume_spike", r, p)
    times, lam = event_times(p, prof, start, p["mult"] * brand.rate / 60.0, npr, p["floor"])
    theme = p["theme"]
    n_news = 0

    def share(lang, s):
        bank = T.BANKS[lang]
        pool = bank["newsspike_themes"][theme]["shares"] + bank["newsspike_generic"]
        return fill(r.choice(pool), s)

    for i, ts in enumerate(times.tolist()):
        if i == 0 or r.random() < p["news_frac"]:
            lang = ctx.lang()
            ctx.article(ts, T.BANKS[lang]["newsspike_themes"][theme]["news"], lang=lang, syndicate=0.35)
            n_news += 1
            continue
        kind = r.choices(["social", "forum", "blog"], [0.8, 0.15, 0.05])[0]
        ctx.social(ts, kind, share, mood="neu")
    return prof, lam, {"theme": theme, "mult": round(p["mult"], 2), "articles": n_news}


# ---------------------------------------------------------------------------------------
# One seed
# ---------------------------------------------------------------------------------------


def build_seed(seed: int, out_dir: Path) -> dict:
    r = random.Random(seed * 7919 + 5)
    npr = np.random.default_rng(seed)
    f = Factory(seed, r)
    # brands
    n_brands = r.randint(3, 6)
    sizes = []
    has_large = r.random() < 0.6
    pool_sizes = ["tiny", "small", "medium"]
    sizes.append(r.choice(["tiny", "small"]))
    if has_large:
        sizes.append("large")
    while len(sizes) < n_brands:
        sizes.append(r.choices(pool_sizes, [0.35, 0.35, 0.3])[0])
    r.shuffle(sizes)
    taken = set()
    brands = [Brand(i, r, npr, sz, taken) for i, sz in enumerate(sizes)]
    # topic names must be unique
    seen = set()
    for b in brands:
        while b.topic in seen:
            b.topic += "x"
        seen.add(b.topic)
    # timeline
    day0 = datetime(2026, 1, 5, tzinfo=UTC) + timedelta(days=r.randint(0, 300))
    t0 = int(day0.timestamp())
    warm = r.randint(3, 5)
    w0 = t0 + warm * DAY
    t_end = w0 + 2 * DAY
    minutes = (t_end - t0) // MIN

    # events: kinds, topics, placement
    n_events = r.randint(4, 8)
    kinds = ["crisis"]
    while len(kinds) < n_events:
        kinds.append(r.choices(["crisis", "bad_buzz", "flood", "positive_buzz", "volume_spike", "outage"],
                               [0.17, 0.3, 0.14, 0.13, 0.14, 0.12])[0])
    if kinds.count("outage") > 1:
        kinds = [k for i, k in enumerate(kinds) if k != "outage" or i == kinds.index("outage")]
    events = []
    for kind in kinds:
        for _attempt in range(60):
            if kind == "outage":
                cands = [b for b in brands if b.rate >= 6]
                if not cands:
                    break
                brand = r.choice(cands)
            else:
                brand = r.choice(brands)
            p = plan_event(kind, brand, r)
            lab_len, tot_len = event_length(p)
            if lab_len * MIN > 2 * DAY - HOUR:
                continue
            latest = t_end - (lab_len * MIN) - 20 * MIN
            if latest <= w0:
                continue
            start = float(int(r.uniform(w0, latest)))
            end = start + lab_len * MIN
            tail = start + tot_len * MIN
            ok = True
            for e in events:
                if e["brand"] is not brand:
                    continue
                allowed = 0 if "outage" in (kind, e["kind"]) else 30 * MIN
                # no overlap beyond `allowed` (tails included for outages)
                a0, a1 = (start, tail if kind == "outage" or e["kind"] == "outage" else end)
                if min(a1, e["end"]) - max(a0, e["start"]) > allowed:
                    ok = False
                    break
                if (e["kind"] == "outage" and start < e["end"] and tail > e["start"]) or \
                        (kind == "outage" and e["start"] < end and e["tail"] > start):
                    ok = False
                    break
            if ok:
                events.append({"kind": kind, "brand": brand, "p": p, "start": start, "end": end, "tail": tail})
                break
    events.sort(key=lambda e: e["start"])

    # outages silence routine mentions
    outages = []
    for e in events:
        if e["kind"] == "outage":
            b = e["brand"]
            if e["p"]["scope"] == "all":
                names = {s["name"] for s in b.sources}
            else:
                names = {max(b.sources, key=lambda s: s["share"])["name"]}
            e["silenced"] = sorted(names)
            s0, s1 = e["start"], e["end"]
            outages.append({"brand": b, "silenced": (lambda n, ts, names=names, s0=s0, s1=s1:
                                                     n in names and s0 <= ts < s1)})

    for b in brands:
        routine(f, b, t0, minutes, npr, [o for o in outages if o["brand"] is b])

    labels, meta_events = [], []
    for e in events:
        b, p = e["brand"], e["p"]
        kind = e["kind"]
        ltype = EVENT_TYPES[kind]
        if kind == "outage":
            share = sum(s["share"] for s in b.sources if s["name"] in e["silenced"])
            info = {"scope": p["scope"], "silenced_sources": e["silenced"], "silenced_share": round(share, 3),
                    "duration_min": p["duration"]}
            start, end, fine = e["start"], e["end"], f"outage_{p['scope']}"
        else:
            ctx = EventCtx(f, b, p, b.fr_share, r)
            n_before = len(f.out)
            gen = {"crisis": gen_crisis, "bad_buzz": gen_bad_buzz, "flood": gen_flood,
                   "positive_buzz": gen_positive, "volume_spike": gen_volume}[kind]
            prof, lam, info = gen(ctx, e["start"], p, npr)
            mine = f.out[n_before:]
            first = min(ts for ts, _ in mine) if mine else e["start"]
            start = first
            lab_end = end_minute(prof)
            end = max(e["start"] + lab_end * MIN, start + 5 * MIN)
            fine = p.get("sub") or kind
            info.update({"mentions": ctx.n, "distinct_authors": len(ctx.authors_seen),
                         "source_kinds": dict(sorted(ctx.kinds_seen.items())),
                         "peak_per_h": round(float(lam.max()) * 60, 1),
                         "base_rate_per_h": b.rate,
                         "mentions_in_label_window": int(sum(1 for ts, _ in mine if ts <= end))})
            if kind == "crisis":
                info["press_at"] = iso_at(e["start"] + p["press_delay"] * MIN, UTC)
            if kind == "flood":
                fine = "flood"
        labels.append({"topic": b.topic, "type": ltype, "start": iso_at(start, UTC), "end": iso_at(end, UTC)})
        meta_events.append({"topic": b.topic, "type": ltype, "kind": fine, "start": iso_at(start, UTC),
                            "end": iso_at(end, UTC), **info})

    # off-topic: 2-4% of the on-topic volume, matching no topic
    n_on = len(f.out)
    n_off = int(n_on * r.uniform(0.02, 0.04))
    hom_brands = [b for b in brands if b.homonym]
    all_sources = [s for b in brands for s in b.sources if s["kind"] in ("social", "forum", "news")]
    off_times = np.sort(npr.uniform(t0, t_end, n_off))
    off_start = len(f.out)
    for ts in off_times.tolist():
        lang = r.choice(["en", "fr"])
        src = r.choice(all_sources)
        slots = Slots(None, brands[0], lang, r)
        if hom_brands and r.random() < 0.35:
            hb = r.choice(hom_brands)
            slots = Slots(None, hb, lang, r)
            text = fill(r.choice(T.BANKS[lang]["homonym"]), slots)
        else:
            text = fill(r.choice(T.BANKS[lang]["offtopic"]), slots)
        user = brands[0]._username(r)
        if src["platform"] in ("gnews", "galerts"):
            f.emit(ts, None, src, r.choice(T.OUTLETS[lang]), text, text, lang)
        else:
            author = f"@{user}@{r.choice(INSTANCES[lang])}" if src["platform"] == "mastodon" else user
            f.emit(ts, None, src, author, text[:120] if src["platform"] != "mastodon" else "", text, lang)

    off_ids = {d["id"] for _, d in f.out[off_start:]}
    # write
    out_dir.mkdir(parents=True, exist_ok=True)
    # a silent feed yields nothing at all (off-topic matches and late copies included); event
    # tails past the end are cut
    silent = [o["silenced"] for o in outages]
    f.out = sorted((x for x in f.out if t0 <= x[0] < t_end
                    and not any(fn(x[1]["source"], x[0]) for fn in silent)), key=lambda x: x[0])
    with gzip.open(out_dir / "mentions.jsonl.gz", "wt", encoding="utf-8", compresslevel=4) as fh:
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        fh.write("\n".join(dumps(d) for _, d in f.out))
        fh.write("\n")
    yaml_lines = [f"# generated by bench/scenarios_gen5.py seed {seed}", "topics:"]
    for b in brands:
        yaml_lines.append(f"  - name: {b.topic}")
        yaml_lines.append("    query: '{}'".format(b.query().replace("'", "''")))
    yaml_lines.append("sentiment: {languages: [en, fr]}")
    (out_dir / "vigie.yaml").write_text("\n".join(yaml_lines) + "\n", encoding="utf-8")
    (out_dir / "labels.json").write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    meta = {
        "seed": seed,
        "generator": "scenarios_gen5",
        "start": iso_at(t0, UTC), "warmup_end": iso_at(w0, UTC), "end": iso_at(t_end, UTC),
        "mentions": len(f.out), "off_topic": sum(1 for _, d in f.out if d["id"] in off_ids),
        "topics": [{"name": b.topic, "brand": b.name, "rate_per_h": b.rate, "size": b.size,
                    "languages": b.languages, "fr_share": b.fr_share, "timezone": b.tzname,
                    "source_mix": b.mix, "query": b.query(), "homonym": b.homonym,
                    "weekend_factor": round(b.weekend, 2), "trend_per_day": round(b.trend, 3),
                    "sources": [{"name": s["name"], "source_type": s["source_type"], "share": round(s["share"], 3)}
                                for s in b.sources]} for b in brands],
        "events": meta_events,
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"seed": seed, "mentions": len(f.out), "events": len(labels)}


def parse_seeds(text: str) -> list[int]:
    out = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-", 1)
            out.extend(range(int(a), int(b) + 1))
        else:
            out.append(int(part))
    return out


def _job(args):
    seed, out = args
    return build_seed(seed, Path(out) / f"seed-{seed:03d}")


def check_dir(seed_dir: Path) -> None:
    """Validate one seed directory with Vigie's own loaders (imports the monitor package)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from monitor.config.files import config_from_text
    from monitor.model import Mention
    from monitor.query import TopicMatcher

    cfg = config_from_text((seed_dir / "vigie.yaml").read_text(encoding="utf-8"))
    matcher = TopicMatcher([(t.name, t.query) for t in cfg.topics])
    meta = json.loads((seed_dir / "meta.json").read_text())
    labels = json.loads((seed_dir / "labels.json").read_text())
    n = none = multi = 0
    last = None
    ids = set()
    with gzip.open(seed_dir / "mentions.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            m = Mention.from_replay(json.loads(line))
            n += 1
            assert m.id not in ids, m.id
            ids.add(m.id)
            assert last is None or m.published >= last
            last = m.published
            hits = matcher.match(m.body)
            if not hits:
                none += 1
            elif len(hits) > 1:
                multi += 1
    assert len(labels) == len(meta["events"])
    print(f"{seed_dir.name}: {n} mentions load; {len(cfg.topics)} topics; unmatched {none} "
          f"(off-topic written {meta['off_topic']}); multi-topic {multi}; {len(labels)} labels: "
          + ", ".join(f"{e['topic']}:{e['kind']}" for e in meta["events"]))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default="1-30", help="A-B or a comma list")
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--check", action="store_true", help="validate the written files with Vigie's loaders")
    ap.add_argument("--run", action="store_true",
                    help="backtest every seed and print the figures (as scenarios_gen4.py --run)")
    args = ap.parse_args(argv)
    seeds = parse_seeds(args.seeds)
    t = time.perf_counter()
    jobs = [(s, args.out) for s in seeds]
    if args.jobs > 1 and len(seeds) > 1:
        import multiprocessing as mp
        with mp.get_context("fork").Pool(args.jobs) as pool:
            results = pool.map(_job, jobs, chunksize=1)
    else:
        results = [_job(j) for j in jobs]
    for res in results:
        print(f"seed {res['seed']:3d}: {res['mentions']} mentions, {res['events']} labelled events",
              file=sys.stderr)
    seconds = time.perf_counter() - t
    print(f"generated {len(seeds)} seeds in {seconds:.1f}s", file=sys.stderr)
    if args.check:
        for s in seeds:
            check_dir(Path(args.out) / f"seed-{s:03d}")
    if args.run:  # ends with the backtest's RESULT line
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from scenarios_gen4 import run_all

        run_all(Path(args.out), seeds, name="gen5")
    else:
        print(f"RESULT seeds={args.seeds} mentions={sum(r['mentions'] for r in results)} "
              f"events={sum(r['events'] for r in results)} seconds={seconds:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
