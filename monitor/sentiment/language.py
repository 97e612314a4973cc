"""Language of a mention: py3langid restricted to the configured languages plus a few decoys.

Restricting the identifier to the languages that matter is what makes it accurate on short
posts (97.7-99.5% on tweets, measured by bench/sentiment.py). The decoys are common languages
that are *not* configured: a German post is then recognised as German and reported "other"
instead of being forced into English or French. The model ships inside py3langid; loading it
reads no other file and touches no network.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

OTHER = "other"
# Languages frequent in European feeds; each one that is not configured acts as a decoy.
DECOYS: tuple[str, ...] = ("en", "fr", "de", "es", "it", "pt", "nl")
# A decoy must be this probable to call a text "other": short or shouted posts in a configured
# language ("ARNAQUE totale") otherwise drift to a decoy and would lose their score.
DECOY_MIN_PROBABILITY = 0.9


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
        base = _model()  # shared and never restricted itself: each detector restricts a copy
        known = set(base.nb_classes)
        unknown = [lang for lang in candidates if lang not in known]
        if unknown:
            raise ValueError(f"unknown language code(s) for the detector: {', '.join(unknown)}")
        self._identifier = _copy_restricted(base, candidates)
        self._configured = frozenset(self.languages)

    def detect(self, text: str) -> str:
        """A configured language code, or "other". A text with no letter (emoji, numbers,
        links only) gets the first configured language, whose scorer still reads emoji."""
        if not any(ch.isalpha() for ch in text):
            return self.languages[0]
        ranked = self._identifier.rank(text)
        best = ranked[0][0]
        if best in self._configured:
            return str(best)
        if ranked[0][1] >= DECOY_MIN_PROBABILITY:
            return OTHER
        return str(next(lang for lang, _p in ranked if lang in self._configured))


def _copy_restricted(base: Any, languages: list[str]) -> Any:
    """A LanguageIdentifier over the same model arrays, restricted to `languages`."""
    import copy

    clone = copy.copy(base)  # shallow: the model arrays are shared, not copied
    clone.set_languages(languages)  # rebinds the clone's tables, leaves `base` whole
    return clone
