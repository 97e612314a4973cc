"""English sentiment: VADER's algorithm, output-identical to the library and several times faster.

VADER (Valence Aware Dictionary and sEntiment Reasoner) is the lexicon and rule-based scorer
of Hutto, C.J. & Gilbert, E.E. (2014), "VADER: A Parsimonious Rule-based Model for Sentiment
Analysis of Social Media Text", ICWSM-14; its reference implementation is the
`vaderSentiment` package. `FastVader().polarity_scores(text)` returns exactly what
`vaderSentiment.vaderSentiment.SentimentIntensityAnalyzer().polarity_scores(text)` returns
(same keys in the same order, the same floats bit for bit) for every `str`. Checked against
vaderSentiment 3.3.2 (`VADER_VERSION_CHECKED`); tests/sentiment/test_vader_fast.py compares
the two with `==` on the shared English benchmark sets, on the shared feeds, and on seeded
adversarial strings built from VADER's own lexicon, boosters, negations, idioms, emoji and
punctuation.

Nothing of VADER's data is copied here: the lexicon and the emoji lexicon are read from the
installed package's files, parsed as the library parses them, and the rule constants
(BOOSTER_DICT, NEGATE, SPECIAL_CASES, N_SCALAR, C_INCR) and `normalize` are imported from the
library, so a new release with new data is followed as long as its rules stay the same (the
parity test says when they do not).

Where the speed comes from (the rules and their order are the library's, quirks included):
- the emoji scan is skipped for ASCII text (no emoji is ASCII) and for any text sharing no
  character with the emoji lexicon; when it does run, one regex pass replaces them;
- each word is lower-cased once per text, not once per rule (the library lower-cases the
  whole word list again inside every negation and idiom check);
- a text with no scoring lexicon word (about a third of social posts) returns the neutral
  result right after tokenising;
- the idiom check builds its n-gram strings only when a neighbouring word belongs to some
  multi-word idiom or booster; the "but" rule runs only when "but" is there;
- the punctuation amplifiers are a table built once from the library's own functions.

Licence: the ported logic is vaderSentiment's, MIT licence:

    Copyright (c) 2016 C.J. Hutto

    Permission is hereby granted, free of charge, to any person obtaining a copy of this
    software and associated documentation files (the "Software"), to deal in the Software
    without restriction, including without limitation the rights to use, copy, modify, merge,
    publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
    to whom the Software is furnished to do so, subject to the following conditions:

    The above copyright notice and this permission notice shall be included in all copies or
    substantial portions of the Software.

    THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
    INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
    PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
    FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
    OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
    DEALINGS IN THE SOFTWARE.
"""

from __future__ import annotations

import math
import string
from collections.abc import Mapping
from importlib import resources
from itertools import compress

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
    normalize,
)

from monitor.sentiment.lexicon import valence_rows

VADER_VERSION_CHECKED = "3.3.2"

_PUNCTUATION = string.punctuation
_NEGATE = frozenset(NEGATE)
_BOOSTER_GET = BOOSTER_DICT.get
# Words of the multi-word special cases and boosters ("the shit", "kind of"): an idiom n-gram
# can only match when every word of it is one of these (tokens never contain a space).
_IDIOM_WORDS = frozenset(
    word
    for key in (*SPECIAL_CASES, *(k for k in BOOSTER_DICT if " " in k))
    for word in key.split(" ")
)
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")


def _package_text(name: str) -> str:
    # The library reads its files with codecs.open (binary, no newline translation): decoding
    # the bytes keeps any "\r" exactly where the library sees it.
    return resources.files("vaderSentiment").joinpath(name).read_bytes().decode("utf-8")


def load_lexicon() -> dict[str, float]:
    """vader_lexicon.txt as `SentimentIntensityAnalyzer.make_lex_dict` reads it."""
    lexicon: dict[str, float] = {}
    for line in _package_text("vader_lexicon.txt").rstrip("\n").split("\n"):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    return lexicon


def load_additions() -> dict[str, float]:
    """Vigie's English additions (data/en_lexicon_vigie.tsv): brand-crisis and complaint
    words VADER's lexicon lacks or weighs as mild."""
    additions = dict(valence_rows("monitor.sentiment", "data/en_lexicon_vigie.tsv"))
    for word in additions:
        if word != word.lower() or " " in word:
            raise ValueError(f"en_lexicon_vigie.tsv: {word!r} is not one lower-case token")
    return additions


def load_emoji_additions() -> tuple[dict[str, float], dict[str, str]]:
    """Vigie's hand-set emoji valences (data/emoji_vigie.tsv, which the French scorer reads
    too) in VADER's terms: VADER replaces an emoji by its description and scores the
    description's words, and "face with symbols on mouth", "clown face" or "face vomiting"
    carry none. Each such emoji is described instead by a word of its own ("emoji1f92c"),
    which the lexicon additions value: (lexicon additions, emoji descriptions)."""
    words: dict[str, float] = {}
    descriptions: dict[str, str] = {}
    for symbol, value in valence_rows("monitor.sentiment", "data/emoji_vigie.tsv"):
        if len(symbol) != 1 or symbol.isascii():  # emoticons are words VADER already reads
            continue
        descriptions[symbol] = word = f"emoji{ord(symbol):x}"
        words[word] = value
    return words, descriptions


def load_emojis() -> dict[str, str]:
    """emoji_utf8_lexicon.txt as `SentimentIntensityAnalyzer.make_emoji_dict` reads it."""
    emojis: dict[str, str] = {}
    for line in _package_text("emoji_utf8_lexicon.txt").rstrip("\n").split("\n"):
        emoji, description = line.strip().split("\t")[0:2]
        emojis[emoji] = description
    return emojis


def _punctuation_table() -> list[list[float]]:
    """amplifier[min(!, 4)][min(?, 4)], computed by the library's own functions: it caps "!"
    at 4, and every count of "?" above 3 gets the same 0.96."""
    ep, qm = SentimentIntensityAnalyzer._amplify_ep, SentimentIntensityAnalyzer._amplify_qm
    return [[ep("!" * e) + qm("?" * q) for q in range(5)] for e in range(5)]


def _scalar(boost: float, word: str, valence: float, is_cap_diff: bool) -> float:
    """The library's `scalar_inc_dec` for a booster word (`boost` its BOOSTER_DICT value):
    its push takes the sign of the valence, plus C_INCR in ALL CAPS. A word that is not a
    booster pushes 0.0. (Negation, `negated([word])`, is inlined by the caller as
    `word in NEGATE or "n't" in word`.)"""
    scalar = boost
    if valence < 0:
        scalar *= -1
    if is_cap_diff and word.isupper():
        if valence > 0:
            scalar += C_INCR
        else:
            scalar -= C_INCR
    return scalar


class FastVader:
    """`polarity_scores(text)`, identical to vaderSentiment's; pure after construction."""

    def __init__(self, additions: Mapping[str, float] | None = None,
                 emojis: Mapping[str, str] | None = None) -> None:
        # `additions` and `emojis` extend or override the lexicon and the emoji descriptions
        # as `analyzer.lexicon.update(additions)` and `analyzer.emojis.update(emojis)` do on
        # the library's analyzer; the output then equals the library's after those updates
        # (tests/sentiment/test_vader_fast.py checks both ways).
        self.lexicon = load_lexicon()
        self.lexicon.update(additions or {})
        self.emojis = load_emojis()
        self.emojis.update(emojis or {})
        # Words whose own valence is looked up: the library tests boosters first, so a booster
        # never scores even if the lexicon lists it.
        self._scoring = {w: v for w, v in self.lexicon.items() if w not in BOOSTER_DICT}
        # The library replaces emoji character by character, so only one-character keys can
        # ever match. ASCII text skips the scan as long as no emoji is ASCII (none in 3.3.2).
        self._emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)
        self._ascii_emoji = any(c.isascii() for c in self._emoji_chars)
        self._amplifier = _punctuation_table()

    def _replace_emojis(self, text: str, found: frozenset[str]) -> str:
        """Each emoji (`found`: the emoji characters in `text`) becomes its description,
        preceded by a space unless it starts the text or follows a literal " " (the library's
        `prev_space`: an emoji right after another emoji, a tab or a letter gets the space; the
        text after it gets none). Occurrences are found with str.find: a regex character
        class of the 1,200 emoji is tried range by range on every character, far slower."""
        positions = []
        for char in found:
            at = text.find(char)
            while at != -1:
                positions.append(at)
                at = text.find(char, at + 1)
        positions.sort()
        pieces = []
        start = 0
        for at in positions:
            pieces.append(text[start:at])
            if at and text[at - 1] != " ":
                pieces.append(" ")
            pieces.append(self.emojis[text[at]])
            start = at + 1
        pieces.append(text[start:])
        return "".join(pieces)

    def polarity_scores(self, text: str) -> dict[str, float]:
        """{"neg", "neu", "pos", "compound"} exactly as vaderSentiment computes them."""
        if self._ascii_emoji or not text.isascii():
            found = self._emoji_chars.intersection(text)
            if found:
                text = self._replace_emojis(text, found)
        # SentiText: split on whitespace (the library's strip() first changes nothing), strip
        # punctuation at both ends unless that leaves two characters or fewer (":)", ":D").
        words = [
            token if len(stripped := token.strip(_PUNCTUATION)) <= 2 else stripped
            for token in text.split()
        ]
        n = len(words)
        if not n:
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        lower = list(map(str.lower, words))
        # Positions of the words that get a valence, found in C; most words have none.
        hits = list(compress(range(n), map(self._scoring.__contains__, lower)))
        if not hits:
            # Every sentiment is 0: compound 0, all of the text neutral.
            return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}

        caps = sum(map(str.isupper, words))
        is_cap_diff = 0 < caps < n  # some, not all, words in ALL CAPS
        # One sentiment per word, int 0 where the library appends its initial `valence = 0`.
        sentiments: list[float] = [0] * n
        scoring = self._scoring
        last = n - 1
        for i in hits:
            lw = lower[i]
            if lw == "kind" and i < last and lower[i + 1] == "of":
                continue  # "kind of" is a dampener, not the lexicon's "kind"
            sentiments[i] = self._valence(scoring[lw], i, words, lower, is_cap_diff)

        if "but" in lower:
            _but_check(sentiments, lower.index("but"))
        return self._score(sentiments, hits, n, text)

    def _valence(
        self, valence: float, i: int, words: list[str], lower: list[str], is_cap_diff: bool
    ) -> float:
        """`sentiment_valence` for the lexicon word at `i`, in the library's order of rules."""
        lexicon = self.lexicon
        lw = lower[i]
        p1 = lower[i - 1] if i > 0 else None
        p2 = lower[i - 2] if i > 1 else None
        p3 = lower[i - 3] if i > 2 else None
        base = valence

        # "no" before another lexicon word negates it rather than scoring itself.
        if lw == "no" and i != len(lower) - 1 and lower[i + 1] in lexicon:
            valence = 0.0
        if p1 == "no" or p2 == "no" or (p3 == "no" and p1 in _OR_NOR):
            valence = base * N_SCALAR

        # ALL CAPS word among lower-case ones; a zero valence goes negative (library's else).
        if is_cap_diff and words[i].isupper():
            if valence > 0:
                valence += C_INCR
            else:
                valence -= C_INCR

        # The three preceding words, each only when it is not itself a lexicon word: booster
        # (damped with distance), then negation; the idiom checks after the third. The
        # additions of a 0.0 scalar are kept: they are the library's arithmetic.
        if p1 is not None and p1 not in lexicon:
            boost = _BOOSTER_GET(p1)
            s = 0.0 if boost is None else _scalar(boost, words[i - 1], valence, is_cap_diff)
            valence = valence + s
            if p1 in _NEGATE or "n't" in p1:
                valence = valence * N_SCALAR
        if p2 is not None and p2 not in lexicon:
            boost = _BOOSTER_GET(p2)
            s = 0.0 if boost is None else _scalar(boost, words[i - 2], valence, is_cap_diff)
            if s != 0:
                s = s * 0.95
            valence = valence + s
            if p2 == "never" and p1 in _SO_THIS:
                valence = valence * 1.25
            elif p2 == "without" and p1 == "doubt":
                pass
            elif p2 in _NEGATE or "n't" in p2:
                valence = valence * N_SCALAR
        if p3 is not None and p3 not in lexicon:
            boost = _BOOSTER_GET(p3)
            s = 0.0 if boost is None else _scalar(boost, words[i - 3], valence, is_cap_diff)
            if s != 0:
                s = s * 0.9
            valence = valence + s
            # The library's operator precedence: "so"/"this" right before the word boosts it
            # even without "never" three words back.
            if (p3 == "never" and p2 in _SO_THIS) or p1 in _SO_THIS:
                valence = valence * 1.25
            elif p3 == "without" and (p2 == "doubt" or p1 == "doubt"):
                pass
            elif p3 in _NEGATE or "n't" in p3:
                valence = valence * N_SCALAR
            nxt = lower[i + 1] if i < len(lower) - 1 else None
            if p1 in _IDIOM_WORDS or p2 in _IDIOM_WORDS or nxt in _IDIOM_WORDS:
                valence = _special_idioms(valence, lower, i)
            # else no n-gram around `i` can be a special case or a booster phrase

        # "least" right before: a negation, except in "at least" and "very least"; the guard
        # "not in lexicon" is the library's.
        if p1 == "least" and p1 not in lexicon and p2 not in ("at", "very"):
            valence = valence * N_SCALAR
        return valence

    def _score(
        self, sentiments: list[float], hits: list[int], n: int, text: str
    ) -> dict[str, float]:
        """The library's `score_valence`, for n >= 1 sentiments."""
        amplifier = self._amplifier[min(text.count("!"), 4)][min(text.count("?"), 4)]
        sum_s = float(sum(sentiments))
        if sum_s > 0:
            sum_s += amplifier
        elif sum_s < 0:
            sum_s -= amplifier
        compound = normalize(sum_s)

        # Only positions in `hits` can be non-zero, even after the "but" rule (a zero found by
        # its list.index stays zero), so the positive and negative sums visit them alone, in
        # the library's order; `s + 1.0` is exactly the library's `float(s) + 1`.
        pos_sum = 0.0
        neg_sum = 0.0
        nonzero = 0
        for i in hits:
            s = sentiments[i]
            if s > 0:
                pos_sum += s + 1.0  # compensates for neutral words counted as 1
                nonzero += 1
            elif s < 0:
                neg_sum += s - 1.0
                nonzero += 1
        neu_count = n - nonzero
        if pos_sum > math.fabs(neg_sum):
            pos_sum += amplifier
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= amplifier
        total = pos_sum + math.fabs(neg_sum) + neu_count
        return {
            "neg": round(math.fabs(neg_sum / total), 3),
            "neu": round(math.fabs(neu_count / total), 3),
            "pos": round(math.fabs(pos_sum / total), 3),
            "compound": round(compound, 4),
        }


def _but_check(sentiments: list[float], bi: int) -> None:
    """The library's `_but_check` on the first "but" at `bi`, in place: sentiments before it
    weigh half, after it one and a half. Its quirk is kept: each value is looked up again with
    `list.index`, so a value equal to an earlier one (zeros, repeated words) rescales that
    earlier position instead, possibly more than once."""
    for k in range(len(sentiments)):
        sentiment = sentiments[k]
        si = sentiments.index(sentiment)
        if si < bi:
            sentiments[si] = sentiment * 0.5
        elif si > bi:
            sentiments[si] = sentiment * 1.5


def _special_idioms(valence: float, lower: list[str], i: int) -> float:
    """The library's `_special_idioms_check` at `i` (> 2): special-case phrases set the valence
    (first match of the preceding n-grams, then those starting at `i` override), multi-word
    boosters before it add to it."""
    w0, w1, w2, w3 = lower[i], lower[i - 1], lower[i - 2], lower[i - 3]
    nxt = lower[i + 1] if i + 1 < len(lower) else None
    onezero = f"{w1} {w0}"
    twoonezero = f"{w2} {w1} {w0}"
    twoone = f"{w2} {w1}"
    threetwoone = f"{w3} {w2} {w1}"
    threetwo = f"{w3} {w2}"
    for seq in (onezero, twoonezero, twoone, threetwoone, threetwo):
        if seq in SPECIAL_CASES:
            valence = SPECIAL_CASES[seq]
            break
    if nxt is not None:
        zeroone = f"{w0} {nxt}"
        if zeroone in SPECIAL_CASES:
            valence = SPECIAL_CASES[zeroone]
        if i + 2 < len(lower):
            zeroonetwo = f"{w0} {nxt} {lower[i + 2]}"
            if zeroonetwo in SPECIAL_CASES:
                valence = SPECIAL_CASES[zeroonetwo]
    for n_gram in (threetwoone, threetwo, twoone):
        if n_gram in BOOSTER_DICT:
            valence = valence + BOOSTER_DICT[n_gram]
    return valence
