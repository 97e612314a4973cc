"""Language of a mention: py3langid restricted to the configured languages plus a few decoys.

Restricting the identifier to the languages that matter is what makes it accurate on short
posts (97.7-99.5% on tweets, measured by bench/sentiment.py). The decoys are common languages
that are *not* configured: a German post is then recognised as German and reported "other"
instead of being forced into English or French. The model ships inside py3langid; loading it
reads no other file and touches no network.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from monitor.sentiment.langid_batch import BatchIdentifier

OTHER = "other"
# Languages frequent in European feeds; each one that is not configured acts as a decoy.
DECOYS: tuple[str, ...] = ("en", "fr", "de", "es", "it", "pt", "nl")
# A decoy must be this probable to call a text "other": short or shouted posts in a configured
# language ("ARNAQUE totale") otherwise drift to a decoy and would lose their score.
DECOY_MIN_PROBABILITY = 0.9
# The first characters decide: enough for any language, and a long article costs no more
# than a post (detection time grows with length).
DETECT_CHARS = 600

# Function words that belong to one language and to none of the others the detector knows
# here (words shared with a decoy, such as French "mais"/Portuguese, "du"/German, "je"/Dutch,
# English "was"/"will"/"so"/German, are only "weak" markers). A text with at least one strong
# marker of a language, FAST_MIN markers of it in all, and no strong marker of another is
# decided without the statistical model: posts full of "les ... est ... pour" cannot be
# anything else, and the model is the slow part.
def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


MARKERS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "fr": (
        _words(
            "une pour dans avec cette sont vous nous elle elles est et au aux très tres être "
            "etre été ete ça leur leurs aussi tout toute tous fait peut comme faire moi lui "
            "quand chez depuis alors avoir ont sans notre votre nos vos ces cet quoi donc "
            "encore c'est j'ai n'est qu'il d'un d'une l'on"
        ),
        _words("le les des du la de je pas qui que ne sur par plus mais il on un en ce se "
               "sa son ses mon ma mes"),
    ),
    "en": (
        _words(
            "the and is are of it that this you for with have not my your they i'm it's "
            "don't can't just what there their which would about been has from how when "
            "why"
        ),
        _words("in to a on be was will so we do at by or an as if no me"),
    ),
}
FAST_MIN = 3
_WORDS = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def normalise_lang(tag: str | None) -> str | None:
    """"fr-FR", "FR", "fr_CA" -> "fr"; empty or None -> None."""
    if not tag:
        return None
    return tag.strip().lower().replace("_", "-").split("-", 1)[0] or None


@lru_cache(maxsize=1)
def _model() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


class LanguageDetector:
    """Detects one of `languages`, or "other"."""

    def __init__(self, languages: Sequence[str], decoys: Sequence[str] = DECOYS) -> None:
        """Raises ValueError when a language or decoy is unknown to the model."""
        self.languages = tuple(dict.fromkeys(normalise_lang(lang) or "" for lang in languages))
        if not self.languages or "" in self.languages:
            raise ValueError("at least one non-empty language is required")
        candidates = list(self.languages) + [d for d in decoys if d not in self.languages]
        base = _model()  # shared, never restricted itself
        known = set(base.nb_classes)
        unknown = [lang for lang in candidates if lang not in known]
        if unknown:
            raise ValueError(f"unknown language code(s) for the detector: {', '.join(unknown)}")
        # The model restricted to the candidates, scored a batch at a time (langid_batch.py);
        # columns in the model's order, so ties rank as py3langid's `rank` ranks them.
        wanted = set(candidates)
        self._batch = BatchIdentifier(base, list(dict.fromkeys(
            c for c in base.nb_classes if c in wanted)))
        self._configured = frozenset(self.languages)
        # Markers only decide between configured languages that both have a list.
        self._markers = {lang: MARKERS[lang] for lang in self.languages if lang in MARKERS}

    def detect(self, text: str) -> str:
        """A configured language code, or "other". A text with no letter (emoji, numbers,
        links only) gets the first configured language, whose scorer still reads emoji."""
        return self.detect_batch([text])[0]

    def detect_batch(self, texts: Sequence[str]) -> list[str]:
        """`detect` for each text, in order; the model scores the undecided ones together.
        A text's answer does not depend on the rest of its batch."""
        out: list[str | None] = []
        pending: list[int] = []
        for i, text in enumerate(texts):
            if not any(ch.isalpha() for ch in text):
                out.append(self.languages[0])
                continue
            fast = self._by_markers(text)
            out.append(fast)
            if fast is None:
                pending.append(i)
        if pending:
            rows = self._batch.probabilities([texts[i][:DETECT_CHARS] for i in pending])
            for i, row in zip(pending, rows.tolist(), strict=True):
                out[i] = self._decide(row)
        return [lang or OTHER for lang in out]

    def _decide(self, probabilities: list[float]) -> str:
        ranked = sorted(zip(self._batch.languages, probabilities, strict=True),
                        key=lambda pair: pair[1], reverse=True)
        best, confidence = ranked[0]
        if best in self._configured:
            return best
        if confidence >= DECOY_MIN_PROBABILITY:
            return OTHER
        return next(lang for lang, _p in ranked if lang in self._configured)

    def _by_markers(self, text: str) -> str | None:
        """The language whose function words fill the text, when no doubt is left."""
        if not self._markers:
            return None
        words = set(_WORDS.findall(text[:DETECT_CHARS].lower()))
        strong = {lang: len(words & m[0]) for lang, m in self._markers.items()}
        for lang, (_strong, weak) in self._markers.items():
            if strong[lang] and strong[lang] + len(words & weak) >= FAST_MIN and all(
                count == 0 for other, count in strong.items() if other != lang
            ):
                return lang
        return None
