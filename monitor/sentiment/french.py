"""Vigie's French sentiment scorer, with VADER's contract and French grammar.

`FrenchSentimentAnalyzer().polarity_scores(text)` returns {"neg", "neu", "pos", "compound"}:
compound in [-1, 1], the three shares summing to 1 (or all 0 for a text with no word), as
English VADER does, so both languages feed the same thresholds and indicators.

What it does that vaderSentiment-fr does not:
- negation in French word order: "ne ... pas/plus/jamais/rien/personne/aucun/guère" negates the
  words between "ne" and the particle and a few words after it ("je n'aime pas", "ce n'est pas
  un bon produit"); "pas", "jamais", "aucun", "rien", "sans", "non" alone (casual writing) negate
  the verb before and the words after; "plus" negates only after "ne" ("le plus beau" is not
  negated); "ne ... que" is a restriction, not a negation; "pas mal de" means "a lot of";
- elision with both apostrophes ("n'aime", "n’aime", "l’arnaque");
- accent-insensitive look-ups ("tres", "decu", "greve");
- boosters and dampeners up to three words before a word, in the VADER scale;
- "mais" contrast: what comes before weighs half, what comes after one and a half;
- emoji and emoticons, laughter however spelt; "!" and "?" emphasis; ALL CAPS emphasis when
  the text also has lower case (digits and one-letter words are not capitals); camel-case
  hashtags read word by word;
- a negativity bias (blame weighs 1.5x praise), praise right before blame read as irony
  ("une belle arnaque"), "lutter contre X" read as action (X's blame silenced);
- a lexicon corrected and extended for complaints and crises (fr_lexicon_vigie.tsv).
Pure: no I/O after construction; the only state kept between calls is a cache of word
look-ups, which never changes a result.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from monitor.sentiment.lexicon import fold, load_french_lexicon

# VADER's empirical constants (Hutto & Gilbert 2014), kept so both languages share one scale.
B_INCR = 0.293
B_DECR = -0.293
C_INCR = 0.733
N_SCALAR = -0.74
ALPHA = 15.0  # compound = s / sqrt(s^2 + ALPHA)
# Negative words weigh this much more than positive ones once negation is applied ("bad is
# stronger than good": complaints mix praise and blame, and the blame is what they mean).
# Chosen on the UMSAB train and validation splits only: 1.5 is where macro-F1 stops rising
# (1.0: 0.708, 1.25: 0.710, 1.5: 0.712, 2.0: 0.711) while negative precision keeps falling.
NEGATIVITY_BIAS = 1.5

BOOSTERS: dict[str, float] = {
    w: B_INCR
    for w in (
        "tres", "trop", "vraiment", "tellement", "hyper", "ultra", "extremement", "totalement",
        "completement", "absolument", "vachement", "enormement", "particulierement", "carrement",
        "franchement", "hautement", "incroyablement", "terriblement", "fortement", "profondement",
        "serieusement", "archi", "mega", "tant", "grave", "super", "sacrement", "drolement",
        "rudement", "infiniment", "entierement", "parfaitement", "excessivement", "vraimen",
        "trooop", "troop", "veritable", "vrai", "vraie", "pure", "pur", "total", "totale",
    )
} | {
    w: B_DECR
    for w in (
        "peu", "assez", "plutot", "legerement", "moyennement", "presque", "quasi", "quasiment",
        "relativement", "vaguement", "partiellement", "passablement", "guere",
    )
}
# "moins cher", "peu fiable": these reverse the next word at half strength instead of only
# dampening it ("moins toxique" is good news, "peu fiable" bad news).
FLIPPERS: dict[str, float] = {"moins": -0.5, "peu": -0.5}
# Words that are boosters before a sentiment word but carry their own meaning alone
# ("c'est super", "c'est grave").
_DUAL = frozenset({"super", "grave", "trop"})

# Particles that close "ne ... X"; the ones marked True also negate alone in casual writing.
_PARTICLES: dict[str, bool] = {
    "pas": True, "jamais": True, "rien": True, "aucun": True, "aucune": True, "nullement": True,
    "aucunement": True, "guere": False, "plus": False, "personne": False, "point": False,
    "ni": False, "nul": False, "nulle": False,
}
# "pa": casual spelling of "pas" ("ps" is not: it is also P.S. and the Parti socialiste).
_PREFIX_NEGATORS = frozenset({"sans", "non", "ni", "pa"})
# Fighting a problem is the message, not the problem: "un plan pour lutter contre le
# gaspillage" is good news, so the blame words of the fought object count for nothing.
_FIGHT = frozenset({"lutte contre", "lutter contre", "luttent contre", "luttons contre"})
FIGHT_WINDOW = 3  # content words of the object after the phrase


def _disarm_object(keys: list[str], vals: list[float], ends: list[bool], start: int) -> None:
    """Silence the negative words of the noun phrase starting at `start` (clause-bounded)."""
    left = FIGHT_WINDOW
    for k in range(start, len(keys)):
        if vals[k] < 0:
            vals[k] = 0.0
        if ends[k]:
            return
        if keys[k] not in _FUNCTION_WORDS:
            left -= 1
            if left == 0:
                return


_IRONIC = frozenset({"beau", "bel", "belle", "beaux", "belles", "joli", "jolie", "jolis",
                     "jolies", "superbe", "magnifique", "sacre", "sacree", "bonne", "fameux",
                     "fameuse"})
_CONTRAST = frozenset({"mais", "cependant", "pourtant", "toutefois", "neanmoins"})
# Elided words dropped before the next word; "qu'" is kept: "ne ... qu'" is a restriction.
_ELIDED = frozenset({"l", "d", "j", "m", "t", "s", "c", "jusqu", "lorsqu", "puisqu",
                     "quoiqu", "presqu", "quelqu"})
NEG_WINDOW_AFTER = 3  # words after the particle still inside the negation
_FUNCTION_WORDS = frozenset({"du", "tout", "un", "une", "le", "la", "les", "des", "de", "d",
                             "l", "vraiment", "tres", "trop", "si", "aussi", "assez", "a",
                             "qu"})
NEG_WINDOW_NE = 6  # how far after "ne" its particle may come
CASUAL_BEFORE = 2  # words before a lone "pas" that it negates ("j'aime pas")

_REPEATS = re.compile(r"([^\W\d_])\1{2,}")  # "nuuuul", "mdddr": 3+ times the same letter
_LAUGHTER = re.compile(r"(?:h+[aie]+){2,}h*|(?:[aie]+h+){2,}[aie]*")  # two syllables or more
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_CAMEL = re.compile(r"[^\W\d_A-ZÀ-Þ][A-ZÀ-Þ]")  # a lower-case letter then a capital
# Camel-case parts: a capitalised or lower-case run, or an acronym ("StopTAFTA" -> Stop TAFTA).
_CAMEL_PARTS = re.compile(r"[A-ZÀ-Þ]?[^\W\d_A-ZÀ-Þ]+|[A-ZÀ-Þ]+(?![^\W\d_A-ZÀ-Þ])|\d+")
_CLAUSE_END = frozenset(".,;:!?…")
_WORD_CACHE = 200_000  # words remembered with their look-up (about 40 MB at most)
# The words that can start a negation: a text with none of them skips the negation pass.
_NEGATION_CUES = frozenset({"ne", *(k for k, alone in _PARTICLES.items() if alone),
                            *_PREFIX_NEGATORS})

# What one whitespace-separated token contributes, remembered per token: its items' keys
# (folded words, "" for emoji and emoticons), their valences, their capitals (None when no
# item has any, the common case), and whether a clause ends after it.
_TokenInfo = tuple[tuple[str, ...], tuple[float, ...], tuple[bool, ...] | None, bool]
# A text's items as parallel lists (an object per word was the largest single cost of a
# call): keys, valences, clause ends (negation and boosters do not cross them) and capitals
# (None when no word has any).
_Items = tuple[list[str], list[float], list[bool], list[bool] | None]


def _is_caps(word: str) -> bool:
    return len(word) > 1 and word.isupper()  # isupper() ignores digits, needs a cased letter


class FrenchSentimentAnalyzer:
    """Rule-based French sentiment with VADER's output contract."""

    def __init__(
        self,
        lexicon: Mapping[str, float] | None = None,
        emoji: Mapping[str, float] | None = None,
    ) -> None:
        """`lexicon` maps folded words and phrases (see `lexicon.fold`) to valences in
        [-4, 4]; `emoji` maps emoji and emoticons to valences. Defaults: the packaged ones."""
        if lexicon is None or emoji is None:
            words, symbols = load_french_lexicon()
            lexicon = words if lexicon is None else lexicon
            emoji = symbols if emoji is None else emoji
        self.lexicon = dict(lexicon)
        self.emoji = dict(emoji)
        self._emoji_chars = frozenset(k for k in self.emoji if len(k) == 1)
        self._word_info: dict[str, tuple[str, float, bool]] = {}
        self._token_info: dict[str, _TokenInfo] = {}
        # Phrases are looked up only from their first word, so single words stay one probe.
        self.phrases: dict[str, list[tuple[tuple[str, ...], float]]] = {}
        for key, value in self.lexicon.items():
            if " " in key or "'" in key:
                parts = tuple(self._items(key)[0])
                if len(parts) > 1:
                    self.phrases.setdefault(parts[0], []).append((parts, value))
        for options in self.phrases.values():
            options.sort(key=lambda p: -len(p[0]))  # longest phrase first
        # The same options indexed by first then second word: most words start no phrase, and
        # most that do are not followed by a phrase's second word, so both cost one probe.
        # (parts as a list, to compare with a slice of the keys; joined parts; valence)
        self._phrase_index: dict[str, dict[str, list[tuple[list[str], str, float]]]] = {}
        for first, options in self.phrases.items():
            seconds = self._phrase_index[first] = {}
            for parts, value in options:  # longest first, kept within each second word
                seconds.setdefault(parts[1], []).append((list(parts), " ".join(parts), value))

    # ---- tokens --------------------------------------------------------------------------

    def _items(self, text: str) -> _Items:
        keys: list[str] = []
        vals: list[float] = []
        end_at: list[int] = []
        capitals: list[tuple[int, tuple[bool, ...]]] = []
        tokens, read = self._token_info, self._read_token
        for raw in text.split():  # the same whitespace as the regex \S+
            info = tokens.get(raw)
            if info is None:
                info = read(raw)
            token_keys, token_vals, token_caps, end = info
            if token_caps is not None:
                capitals.append((len(keys), token_caps))
            keys += token_keys
            vals += token_vals
            if end and keys:
                end_at.append(len(keys) - 1)  # a token with no word ends the previous one's
        n = len(keys)
        ends = [False] * n
        for i in end_at:
            ends[i] = True
        caps = None
        if capitals:
            caps = [False] * n
            for start, token_caps in capitals:
                caps[start : start + len(token_caps)] = token_caps
        return keys, vals, ends, caps

    def _read_token(self, raw: str) -> _TokenInfo:
        """What one whitespace-separated token contributes (see `_TokenInfo`). A function of
        the token alone, so it is remembered: social text repeats its tokens far more than
        its words' spellings vary."""
        token = raw.replace("’", "'").replace("‘", "'")
        parts: list[tuple[str, float, bool]] = []
        emoji, emoji_chars, word_info = self.emoji, self._emoji_chars, self._word_info
        end = False
        if token in emoji:  # emoticons such as ":)" or "<3" are whole tokens
            parts.append(("", emoji[token], False))
        else:
            end = token[-1] in _CLAUSE_END
            if not token.isascii() and not emoji_chars.isdisjoint(token):
                parts.extend(("", emoji[ch], False) for ch in token if ch in emoji_chars)
            words = _WORD.findall(token)
            if token[0] == "#" and _CAMEL.search(token):
                # "#ManifDeLaHonte", "#FranceDéfigurée": the words of a camel-case hashtag
                words = [part for word in words for part in _CAMEL_PARTS.findall(word)]
            elision = len(words) > 1 and "'" in token
            for index, word in enumerate(words):
                info = word_info.get(word)
                if info is None:
                    info = self._look_up(word)
                if elision and info[0] in _ELIDED and index + 1 < len(words):
                    continue  # "l'", "d'", "qu'": no meaning of their own
                parts.append(info)
        caps = tuple(p[2] for p in parts)
        result = (
            tuple(p[0] for p in parts),
            tuple(p[1] for p in parts),
            caps if any(caps) else None,
            end,
        )
        if len(self._token_info) >= _WORD_CACHE:
            self._token_info.clear()  # bounded, as the word cache
        self._token_info[raw] = result
        return result

    def _look_up(self, word: str) -> tuple[str, float, bool]:
        """(key, valence, capitals) of one word as written, remembered for next time."""
        key = fold(word)
        if key == "n":
            key = "ne"
        valence = self.lexicon.get(key)
        if valence is None:
            valence = 0.0
            if _LAUGHTER.fullmatch(key):
                key = "haha"  # "ahahah", "hihihi", "hahah": laughter however spelt
                valence = self.lexicon.get(key, 0.0)
            elif _REPEATS.search(key):
                key = self._squeeze(key)
                valence = self.lexicon.get(key, 0.0)
        info = (key, valence, _is_caps(word))
        if len(self._word_info) >= _WORD_CACHE:
            self._word_info.clear()  # bounded: a long-running worker sees endless new words
        self._word_info[word] = info
        return info

    def _squeeze(self, key: str) -> str:
        """The lexicon word behind a stretched one ("nuuuul" -> "nul", "coool" -> "cool")."""
        for repl in (r"\1", r"\1\1"):
            candidate = _REPEATS.sub(repl, key)
            if candidate in self.lexicon or candidate in BOOSTERS:
                return candidate
        return _REPEATS.sub(r"\1", key)

    def _apply_phrases(self, keys: list[str], vals: list[float], ends: list[bool]) -> None:
        """Give a known phrase its valence on its first word and silence the others."""
        index = self._phrase_index
        last = len(keys) - 1
        free = 0  # words before this one already belong to a phrase
        for i in [i for i, key in enumerate(keys) if key in index]:
            if i < free or i == last:
                continue
            options = index[keys[i]].get(keys[i + 1])
            if options is None:
                continue
            for parts, joined, value in options:
                n = len(parts)
                if keys[i : i + n] == parts:
                    vals[i] = value
                    # The phrase has taken its negation or booster in: "pas cher" must
                    # not negate what follows, so its first word stops being "pas".
                    keys[i] = joined
                    for k in range(i + 1, i + n):
                        vals[k] = 0.0
                        keys[k] = "_"  # not a booster or negator any more
                    if joined in _FIGHT and not ends[i + n - 1]:
                        _disarm_object(keys, vals, ends, i + n)
                    free = i + n
                    break

    # ---- negation ------------------------------------------------------------------------

    @staticmethod
    def _negated(
        keys: list[str], vals: list[float], ends: list[bool], cues: list[int]
    ) -> list[bool]:
        """Which items a negation reaches; `cues` are the positions of the keys in
        `_NEGATION_CUES`, the only words that start one."""
        n = len(keys)
        negated = [False] * n

        def mark(start: int, stop: int) -> None:
            for k in range(max(start, 0), min(stop, n)):
                negated[k] = True
                if ends[k]:
                    return

        def mark_after(start: int, left: int = NEG_WINDOW_AFTER) -> None:
            # Articles and "du tout" do not use up the window: "pas du tout une arnaque".
            for k in range(start, n):
                negated[k] = True
                if ends[k]:
                    return
                if keys[k] not in _FUNCTION_WORDS:
                    left -= 1
                    if left == 0:
                        return

        consumed: set[int] = set()  # particles already closing a "ne"
        for i in cues:
            key = keys[i]
            if key == "ne":
                closed = False
                for k in range(i + 1, min(i + 1 + NEG_WINDOW_NE, n)):
                    kk = keys[k]
                    if kk == "que" or kk == "qu":
                        closed = True  # "ne ... que": restriction, not negation
                        break
                    if kk in _PARTICLES:
                        closed = True
                        consumed.add(k)
                        if kk == "plus" and k + 1 < n and keys[k + 1] in ("que", "qu"):
                            break  # "ne ... plus que": "only ... any more", a restriction
                        mark(i + 1, k)
                        if not ends[k]:
                            mark_after(k + 1)
                        break
                    if " " in kk and not _PARTICLES.keys().isdisjoint(kk.split()):
                        # A phrase that took the particle in ("ce n'est pas cher", "n'est
                        # pas terrible", "ne sait toujours pas") closes the "ne" and
                        # already holds the negation.
                        closed = True
                        mark(i + 1, k)
                        break
                    if ends[k]:
                        break
                if not closed:
                    mark(i + 1, i + 3)  # literary "ne" alone: "je ne peux le croire"
            elif i not in consumed and _PARTICLES.get(key):
                if key == "pas" and i + 2 < n and keys[i + 1] == "mal" and keys[i + 2] in ("de", "d"):
                    vals[i + 1] = 0.0  # "pas mal de": "a lot of"
                    continue
                start = i
                while start > 0 and i - start < CASUAL_BEFORE and not ends[start - 1]:
                    start -= 1
                mark(start, i)
                if not ends[i]:
                    mark_after(i + 1)
            elif key in _PREFIX_NEGATORS and not ends[i]:
                mark_after(i + 1, 2)  # "sans le moindre intérêt"
        return negated

    # ---- scoring -------------------------------------------------------------------------

    @staticmethod
    def _ironic(keys: list[str], vals: list[float], ends: list[bool]) -> set[int]:
        """Praise adjectives right before a word of blame ("une belle arnaque", "quel joli
        recul", "un sacré bordel"): French uses them as intensifiers of that blame."""
        return {
            i
            for i in range(len(keys) - 1)
            if keys[i] in _IRONIC and not ends[i] and vals[i + 1] < 0
        }

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER-shaped scores of `text`: neg, neu, pos shares and compound in [-1, 1]."""
        keys, vals, ends, caps = self._items(text)
        if not keys:
            return {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}
        if self._phrase_index:
            self._apply_phrases(keys, vals, ends)
        if not any(vals):
            return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}  # as _combine says
        n = len(keys)
        if caps is not None and not any(
            key and not cap and key.isalpha() for key, cap in zip(keys, caps, strict=True)
        ):
            caps = None  # capitals are emphasis only in a text that also has lower case
        # Each pass below runs only when a word it acts on is there: most texts have
        # sentiment words but no negation, irony or contrast.
        cues = [i for i, key in enumerate(keys) if key in _NEGATION_CUES]
        negated = self._negated(keys, vals, ends, cues) if cues else None
        ironic = set() if _IRONIC.isdisjoint(keys) else self._ironic(keys, vals, ends)
        contrast = n  # words from here on weigh 1.5, the ones before 0.5
        if not _CONTRAST.isdisjoint(keys):
            contrast = next(i for i, key in enumerate(keys) if key in _CONTRAST)
        modifiers = bool(ironic) or not (
            BOOSTERS.keys().isdisjoint(keys) and FLIPPERS.keys().isdisjoint(keys)
        )
        sentiments: list[float] = []  # the non-zero ones, in text order
        for i, v in enumerate(vals):
            if not v:
                continue
            if ironic and i in ironic:
                continue  # "un joli fiasco": the praise only intensifies the blame
            key = keys[i]
            if key in BOOSTERS and (key not in _DUAL or (i + 1 < n and vals[i + 1])):
                continue  # a booster before a sentiment word: it only modifies
            sign = 1.0 if v > 0 else -1.0
            if caps is not None and caps[i]:
                v += sign * C_INCR
            if modifiers:
                for dist in (1, 2, 3):
                    j = i - dist
                    if j < 0 or ends[j]:
                        break
                    scalar = B_INCR if ironic and j in ironic else BOOSTERS.get(keys[j])
                    if keys[j] == "peu" and (j == 0 or keys[j - 1] != "un"):
                        scalar = None  # "peu fiable" reverses (below); "un peu cher" dampens
                    if scalar is not None:
                        scalar *= sign
                        if caps is not None and caps[j]:
                            scalar += sign * C_INCR
                        v += scalar * (1.0, 0.95, 0.9)[dist - 1]
                for dist in (1, 2):
                    j = i - dist
                    if j < 0 or ends[j]:
                        break
                    flip = FLIPPERS.get(keys[j])
                    if flip is not None and not (j > 0 and keys[j - 1] == "un"):
                        v *= flip
                        break
            if negated and negated[i]:
                v *= N_SCALAR
            s = v * NEGATIVITY_BIAS if v < 0 else v
            if contrast < n:
                s = s * 0.5 if i < contrast else s * 1.5  # "mais": the second clause counts
            if s:
                sentiments.append(s)
        return _combine(sentiments, n - len(sentiments), text)


def _punctuation_emphasis(text: str) -> float:
    exclaims = min(text.count("!"), 4) * 0.292
    questions = text.count("?")
    if questions > 1:
        exclaims += questions * 0.18 if questions <= 3 else 0.96
    return exclaims


def _combine(sentiments: list[float], neutral: int, text: str) -> dict[str, float]:
    """VADER's shares and compound from the non-zero sentiments (in text order, so sums
    add up as over all words: a 0 adds nothing) and the count of the others."""
    if not sentiments:
        return {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
    total = sum(sentiments)
    emphasis = _punctuation_emphasis(text)
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    compound = max(-1.0, min(1.0, total / math.sqrt(total * total + ALPHA)))
    pos = sum([s + 1 for s in sentiments if s > 0])
    neg = sum([s - 1 for s in sentiments if s < 0])
    neu = neutral
    if pos > abs(neg):
        pos += emphasis
    elif pos < abs(neg):
        neg -= emphasis
    whole = pos + abs(neg) + neu
    return {
        "neg": round(abs(neg) / whole, 3),
        "neu": round(neu / whole, 3),
        "pos": round(pos / whole, 3),
        "compound": round(compound, 4),
    }
