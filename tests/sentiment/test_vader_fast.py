"""FastVader gives exactly vaderSentiment's polarity_scores (compared with ==, key order too).

Three sources of text: every English text of ../shared/bench/sentiment, mention bodies from
../shared/feeds, and seeded adversarial strings assembled from VADER's own lexicon, boosters,
negations, idioms, special cases, emoji and punctuation (20,000 by default).

    VIGIE_VADER_PARITY_N=500000 VIGIE_VADER_PARITY_FULL=1 \\
        .venv/bin/python -m pytest -q tests/sentiment/test_vader_fast.py -p no:cacheprovider

runs the long version: 500,000 generated strings and every feed document of ../shared/feeds
with whole bodies (several minutes: the library's idiom and negation checks are quadratic in
the length of a text).
"""

from __future__ import annotations

import os
import random
import string
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SENTIMENT_LADEN_IDIOMS,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from monitor.sentiment.vader_fast import (
    VADER_VERSION_CHECKED,
    FastVader,
    load_additions,
    load_emoji_additions,
)

GENERATED = int(os.environ.get("VIGIE_VADER_PARITY_N", "20000"))
FULL = os.environ.get("VIGIE_VADER_PARITY_FULL") == "1"
SEED = 20261126


@pytest.fixture(scope="module")
def library() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@pytest.fixture(scope="module")
def fast() -> FastVader:
    return FastVader()


def mismatches(
    library: SentimentIntensityAnalyzer, fast: FastVader, texts: Iterable[str]
) -> tuple[int, list[str]]:
    """(texts compared, the first few that differ with both results)."""
    count, bad = 0, []
    for text in texts:
        count += 1
        expected, got = library.polarity_scores(text), fast.polarity_scores(text)
        # == on dicts compares floats exactly; the list compares the key order.
        if got != expected or list(got) != list(expected):
            bad.append(f"{text!r}: library {expected} fast {got}")
            if len(bad) >= 5:
                break
    return count, bad


def test_checked_version_and_data(library: SentimentIntensityAnalyzer, fast: FastVader) -> None:
    """The installed library is the version checked, and the data are read as it reads them."""
    from importlib.metadata import version

    assert version("vaderSentiment") == VADER_VERSION_CHECKED, (
        "a new vaderSentiment: run the long parity test (module docstring), then update "
        "VADER_VERSION_CHECKED in monitor/sentiment/vader_fast.py")
    assert fast.lexicon == library.lexicon
    assert fast.emojis == library.emojis


@pytest.mark.parametrize("text", [
    "", " ", "\t\n \u00a0", "!!!", "??", ":)", "😁", " 😁 ", "a😁b", "😁😁", "\t😁",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today only kinda sux! But I'll get by, lol",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "Without a doubt, excellent idea.", "Sentiment analysis has never been this good!",
    "good good but good good bad bad",  # "but" rescales by list.index: repeated values
    "it is so good", "the product is so good",  # "so" right before: boosted even w/o "never"
    "no no no good", "no good or bad", "I like it kind of", "kind of good", "the shit",
    "this is the bomb", "bus stop sad", "yeah right great", "to die for", "not bad at all",
    "ON! 🔛 great", "🆙 wow??", "GOOD good", "GOOD", "İYİ good", "ǅ happy",
])
def test_known_cases(library: SentimentIntensityAnalyzer, fast: FastVader, text: str) -> None:
    """The library's own examples and each quirk replicated, one by one."""
    assert mismatches(library, fast, [text]) == (1, [])


def test_every_single_emoji(library: SentimentIntensityAnalyzer, fast: FastVader) -> None:
    """Each emoji of the lexicon, alone, glued to a word and after a space."""
    texts = [form.format(e) for e in sorted(fast.emojis)
             for form in ("{0}", "good{0}", "bad {0}!", "{0}{0}")]
    count, bad = mismatches(library, fast, texts)
    assert bad == [] and count == 4 * len(fast.emojis)


def _vocabulary(fast: FastVader, rng: random.Random) -> list[list[str]]:
    """Pools of tokens to draw from, each weighted alike."""
    lexicon = sorted(fast.lexicon)
    rules = ["but", "BUT", "But", "least", "at", "very", "no", "No", "or", "nor", "never", "so",
             "this", "without", "doubt", "kind", "of", "sort", "just", "enough", "the", "bus",
             "stop", "yeah", "right", "to", "die", "for", "bad", "ass", "kiss", "death",
             "beating", "heart", "shit", "bomb", "not", "isn't", "n't", "don't", "cannot"]
    phrases = [*SPECIAL_CASES, *SENTIMENT_LADEN_IDIOMS, *(k for k in BOOSTER_DICT if " " in k)]
    emoji = sorted(k for k in fast.emojis if len(k) == 1)
    emoticons = [w for w in lexicon if not w.isalpha()] + [":D", ":-(", "<3", ":')", "xD", "(:"]
    unicode_words = ["café", "İstanbul", "straße", "ǅemal", "ΣΟΦΟΣ", "ﬁne", "ＧＯＯＤ", "naïve",
                     "Ⅻ", "ﬃ", "Ꭰ", "𝐆𝐨𝐨𝐝", "\u200dgood", "góod", "BAD\u0301", "ŉ", "ß", "ẞ"]
    plain = ["brand", "product", "service", "today", "it", "is", "was", "a", "I", "we", "you",
             "delivery", "support", "app", "price", "phone", "1", "42", "http://x.example/a"]
    return [lexicon, lexicon, list(BOOSTER_DICT), list(NEGATE), rules, rules, phrases, emoji,
            emoticons, unicode_words, plain, plain,
            ["".join(rng.choice(string.printable) for _ in range(rng.randint(1, 6)))
             for _ in range(500)]]


_EDGES = ["", "", "", "!", "?", ".", ",", "!!!", "???", "?!", "...", "'", '"', "#", "@", "(",
          ")", "*", "-", ":", "'s", "!!!!!", "??????"]
_JOINERS = [" "] * 12 + ["  ", "\t", "\n", "\u00a0", "\u3000", "\u2028", "\x1c", "", " - ",
                         ", ", "! ", "? "]


def _token(pools: list[list[str]], rng: random.Random) -> str:
    word = rng.choice(rng.choice(pools))
    shape = rng.random()
    if shape < 0.15:
        word = word.upper()
    elif shape < 0.22:
        word = word.title()
    elif shape < 0.25:
        word = "".join(c.upper() if rng.random() < 0.5 else c for c in word)
    if rng.random() < 0.35:
        word = rng.choice(_EDGES) + word + rng.choice(_EDGES)
    return word


def adversarial(fast: FastVader, count: int, seed: int = SEED) -> Iterable[str]:
    """`count` seeded strings: 0 to 30 tokens from the pools, odd joiners, odd edges."""
    rng = random.Random(seed)
    pools = _vocabulary(fast, rng)
    for k in range(count):
        if k % 50 == 0:  # the degenerate ones, regularly
            yield rng.choice(["", " ", "\t \n", "\u00a0", "!", "?!?!", "😁", "BUT", "but"])
            continue
        size = rng.choice([rng.randint(1, 5), rng.randint(6, 25), rng.randint(0, 30)])
        parts = [rng.choice(["", " ", "\t", "!"])] if rng.random() < 0.1 else []
        for _ in range(size):
            parts.append(_token(pools, rng))
            parts.append(rng.choice(_JOINERS))
        text = "".join(parts)
        if rng.random() < 0.2:  # shout the whole text, or part of it
            cut = rng.randint(0, len(text))
            text = text[:cut] + text[cut:].upper()
        yield text


def test_parity_on_generated_adversarial_strings(
    library: SentimentIntensityAnalyzer, fast: FastVader
) -> None:
    """20,000 seeded strings by default (VIGIE_VADER_PARITY_N for more): zero mismatches."""
    count, bad = mismatches(library, fast, adversarial(fast, GENERATED))
    assert bad == []
    assert count == GENERATED


@pytest.mark.shared
def test_parity_on_shared_english_sets(
    library: SentimentIntensityAnalyzer, fast: FastVader, shared_dir: Path
) -> None:
    """Every English text of the shared sentiment benchmark (tweets, NYT, movie, Amazon)."""
    folder = shared_dir / "bench" / "sentiment" / "en"
    texts = []
    for path in sorted(folder.glob("*_GroundTruth.txt")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                texts.append(line.split("\t", 2)[2])
    assert len(texts) > 20_000
    count, bad = mismatches(library, fast, texts)
    assert bad == [] and count == len(texts)


@pytest.mark.shared
def test_parity_on_shared_feed_entries(
    library: SentimentIntensityAnalyzer, fast: FastVader, shared_dir: Path
) -> None:
    """Mention bodies of the real-world feeds, as ingestion extracts them. By default the
    mention, news, JSON, encoding and malformed feeds with bodies cut at 1,000 characters
    (about a second); VIGIE_VADER_PARITY_FULL=1 for every document, whole bodies."""
    from monitor.sources.feed import parse_document

    root = shared_dir / "feeds"
    if FULL:
        folders = [root]
    else:
        folders = [root / "real-world" / name
                   for name in ("mentions", "news", "json", "encodings", "malformed")]
    texts = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix != ".md"):
            doc = parse_document(path.read_bytes(), url=f"http://127.0.0.1/{path.name}",
                                 content_type="", source="corpus", source_type="news",
                                 fetched_at=datetime(2026, 11, 26, tzinfo=UTC))
            texts += [m.body if FULL else m.body[:1000] for m in doc.mentions]
    assert len(texts) > 1000
    count, bad = mismatches(library, fast, texts)
    assert bad == [] and count == len(texts)


def test_with_vigies_additions_it_equals_the_library_after_the_same_update() -> None:
    """The English scorer Vigie runs (FastVader with data/en_lexicon_vigie.tsv) is VADER
    after `analyzer.lexicon.update(additions)`, VADER's own way of extending its lexicon:
    checked on seeded strings drawn from the extended lexicon."""
    additions = load_additions()
    assert len(additions) >= 90 and all(-4 <= v <= 4 for v in additions.values())
    words, emojis = load_emoji_additions()
    assert emojis["🤬"] in words and words[emojis["🤬"]] < 0
    additions.update(words)
    updated = SentimentIntensityAnalyzer()
    updated.lexicon.update(additions)
    updated.emojis.update(emojis)
    extended = FastVader(additions, emojis)
    count, bad = mismatches(updated, extended, adversarial(extended, 3000, seed=SEED + 1))
    assert bad == [] and count == 3000
    # ... and the additions change what crisis talk reads as.
    text = "How is nobody going to jail for this data breach"
    assert FastVader().polarity_scores(text)["compound"] > -0.05
    assert extended.polarity_scores(text)["compound"] <= -0.05
    for text in ("you had one job 🤡🤬", "just wow. 🤮"):
        assert FastVader().polarity_scores(text) == SentimentIntensityAnalyzer().polarity_scores(text)
        assert extended.polarity_scores(text) == updated.polarity_scores(text)
        assert extended.polarity_scores(text)["compound"] < FastVader().polarity_scores(text)["compound"]
