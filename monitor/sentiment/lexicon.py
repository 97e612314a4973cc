"""Lexicon files of the French scorer, read from package data only.

- data/fr_lexicon_vader_fr.tsv: vaderSentiment-fr's lexicon (MIT), values as published;
- data/fr_lexicon_vigie.tsv: Vigie's corrections and additions (complaints, crises, social
  media French); wins on every word it lists; a valence of 0 removes a word, and makes a
  phrase neutral (its words then carry nothing: "eh bien" is not praise);
- data/emoji_vigie.tsv: emoji valences that Vigie sets by hand.
Other emoji get the valence of their English description (from vaderSentiment's own emoji and
word lists, shipped in that installed package), so the two languages read emoji alike.
Keys are folded (`fold`): lower case, accents stripped, "’" as "'".
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources

_DATA = "monitor.sentiment"
_INFLECTIONS = ("s", "e", "es", "x")
# Regular French endings: (ending of the listed word, endings of the forms derived from it).
_ENDINGS = (
    # -er verbs (folded: ée -> ee): present, participles, imperfect, future, conditional,
    # passé simple; "tuerais" and "gâchons" read like "tuer" and "gâcher".
    ("er", ("e", "es", "ent", "ons", "ez", "ee", "ees", "ait", "ais", "aient", "ant", "era",
            "eras", "erai", "erez", "erons", "eront", "erait", "erais", "eraient", "a",
            "erent")),
    # -ir verbs of the second group ("trahir", "salir"): participles, present, imperfect,
    # future, conditional.
    ("ir", ("i", "ie", "is", "ies", "it", "issent", "issait", "issaient", "issant", "ira",
            "iront", "irait", "iraient")),
    ("eux", ("euse", "euses")),
    ("if", ("ive", "ives", "ifs")),
    ("el", ("elle", "elles", "els")),
    ("ien", ("ienne", "iennes", "iens")),
)


def _inflections(key: str) -> list[str]:
    """Feminine, plural and (for -er verbs) conjugated forms of a listed word."""
    forms = [key + suffix for suffix in _INFLECTIONS]
    for ending, derived in _ENDINGS:
        if key.endswith(ending) and len(key) >= len(ending) + 3:
            stem = key[: -len(ending)]
            forms += [stem + suffix for suffix in derived]
    return forms


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("’"): "'", ord("‘"): "'", ord("œ"): "oe", ord("æ"): "ae"}
    for code in range(0xC0, 0x250):  # Latin-1 Supplement and Latin Extended-A/B
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if base != ch and base:
            table[code] = base.lower()
    return table


_FOLD = _fold_table()


def fold(word: str) -> str:
    """Lower case, accents stripped, typographic apostrophes unified; ASCII stays cheap."""
    lower = word.lower()
    return lower if lower.isascii() else lower.translate(_FOLD)


def _is_emoticon(key: str) -> bool:
    """Emoticons (":)", "<3", ":D") hold a character that is neither a letter nor a word joiner."""
    return any(not (c.isalpha() or c in " -'") for c in key)


def valence_rows(package: str, name: str) -> list[tuple[str, float]]:
    """(key, value) rows of a `key<TAB>value` file; `#` lines are comments."""
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        key, _, value = line.rpartition("\t")
        try:
            rows.append((key.strip(), float(value)))
        except ValueError:
            raise ValueError(f"{package}/{name}:{number}: expected word<TAB>number") from None
    return rows


@lru_cache(maxsize=1)
def load_french_lexicon() -> tuple[dict[str, float], dict[str, float]]:
    """(words and phrases, emoji and emoticons) with valences in [-4, 4].

    Accent-folded duplicates of the base lexicon are averaged; Vigie's file then overrides.
    """
    sums: dict[str, list[float]] = {}
    symbols: dict[str, float] = {}
    for key, value in valence_rows(_DATA, "data/fr_lexicon_vader_fr.tsv"):
        if _is_emoticon(key):
            symbols[key] = value
        else:
            sums.setdefault(fold(key), []).append(value)
    words = {key: sum(values) / len(values) for key, values in sums.items()}
    removed: set[str] = set()
    for key, value in valence_rows(_DATA, "data/fr_lexicon_vigie.tsv"):
        key = fold(key)
        if value == 0.0 and (" " in key or "'" in key):
            words[key] = 0.0  # a neutral phrase: "eh bien" silences "bien"
        elif value == 0.0:
            words.pop(key, None)
            removed.add(key)
        else:
            words[key] = value
    for key in [k for k in words if " " not in k and "'" not in k and len(k) >= 4]:
        for form in _inflections(key):  # forms the lists do not spell out
            if form not in removed:
                words.setdefault(form, words[key])
    symbols.update(_emoji_from_descriptions())
    symbols.update(valence_rows(_DATA, "data/emoji_vigie.tsv"))
    return words, symbols


def _emoji_from_descriptions() -> dict[str, float]:
    """Emoji valence: the VADER English valences of its description's words, summed and
    clipped to [-3, 3]; emoji whose description carries no sentiment are left out."""
    english = _vader_words()
    out: dict[str, float] = {}
    text = resources.files("vaderSentiment").joinpath("emoji_utf8_lexicon.txt").read_text(
        encoding="utf-8"
    )
    for line in text.splitlines():
        emoji, _, description = line.partition("\t")
        value = sum(english.get(word, 0.0) for word in description.split())
        if value and len(emoji) == 1:
            out[emoji] = max(-3.0, min(3.0, value))
    return out


def _vader_words() -> dict[str, float]:
    text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(
        encoding="utf-8"
    )
    words = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            words[parts[0]] = float(parts[1])
    return words
