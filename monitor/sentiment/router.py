"""Sentiment of one mention: pick its language, then the scorer of that language.

The one code path for ingestion, `vigie score` and the benchmark:
- language: the mention's own (feed-declared) `lang` when it is a configured language,
  otherwise detected among the configured languages (anything else is "other");
- scorer: English VADER for "en" (FastVader, output-identical to vaderSentiment), Vigie's
  French scorer for "fr"; a language with no scorer gets `compound=None` and `label=None`
  ("no score"), never a neutral 0 that would dilute the negative share of a topic;
- label: |compound| below the language's neutral threshold is neutral.
Scorers and the detector are built on first use and read only package data.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from monitor.model import Label, Scores
from monitor.sentiment.language import OTHER, LanguageDetector, normalise_lang
from monitor.sentiment.settings import DEFAULT_NEUTRAL_THRESHOLD, SentimentSettings


class PolarityScorer(Protocol):
    def polarity_scores(self, text: str) -> dict[str, float]: ...


def _english() -> PolarityScorer:
    # VADER's algorithm, output-identical to vaderSentiment's SentimentIntensityAnalyzer and
    # about 4x faster (monitor/sentiment/vader_fast.py, bench/vader.py), with Vigie's
    # brand-crisis words added to its lexicon (data/en_lexicon_vigie.tsv) and the emoji
    # valences the French scorer reads too (data/emoji_vigie.tsv).
    from monitor.sentiment.vader_fast import FastVader, load_additions, load_emoji_additions

    words, emojis = load_emoji_additions()
    return FastVader({**load_additions(), **words}, emojis)


def _french() -> PolarityScorer:
    from monitor.sentiment.french import FrenchSentimentAnalyzer

    return FrenchSentimentAnalyzer()


# language -> (scorer name reported in Scores.scorer, factory)
SCORERS: dict[str, tuple[str, Callable[[], PolarityScorer]]] = {
    "en": ("vader-en", _english),
    "fr": ("vigie-fr", _french),
}


def label_for(compound: float, threshold: float) -> Label:
    """VADER's convention: >= threshold positive, <= -threshold negative, else neutral."""
    if compound >= threshold:
        return Label.POSITIVE
    if compound <= -threshold:
        return Label.NEGATIVE
    return Label.NEUTRAL


class SentimentRouter:
    """Language routing and scoring for mentions, configured by `sentiment:` in vigie.yaml."""

    def __init__(self, settings: SentimentSettings | None = None) -> None:
        self.settings = settings or SentimentSettings()
        self.languages = tuple(self.settings.languages)
        self._configured = frozenset(self.languages)
        self._detector: LanguageDetector | None = None
        self._scorers: dict[str, PolarityScorer] = {}

    def warm_up(self) -> None:
        """Load the language model and every configured scorer now rather than on the first
        mention (about a second, mostly py3langid unpacking its model); for worker start-up."""
        _ = self.detector
        for lang in self.languages:
            self.scorer(lang)

    @property
    def detector(self) -> LanguageDetector:
        if self._detector is None:
            self._detector = LanguageDetector(self.languages)
        return self._detector

    def detect(self, text: str) -> str:
        """One of the configured languages, or "other"."""
        return self.detector.detect(text)

    def language(self, text: str, lang: str | None = None) -> str:
        """The declared `lang` when it is configured (after "fr-FR" -> "fr"), else detected."""
        return self._declared(lang) or self.detect(text)

    def _declared(self, lang: str | None) -> str | None:
        """The feed-declared language when it is configured (after "fr-FR" -> "fr")."""
        declared = normalise_lang(lang)
        return declared if declared in self._configured else None

    def scorer(self, lang: str) -> PolarityScorer | None:
        """The scorer of `lang`, built once; None when Vigie has none for it."""
        scorer = self._scorers.get(lang)
        if scorer is None and lang in SCORERS and lang in self._configured:
            scorer = self._scorers[lang] = SCORERS[lang][1]()
        return scorer

    def score(self, text: str, lang: str | None = None) -> Scores:
        """Scores of `text`. `lang` is the feed-declared language, if any."""
        return self._scored(text, self.language(text, lang))

    def _scored(self, text: str, chosen: str) -> Scores:
        scorer = self.scorer(chosen) if chosen != OTHER else None
        if scorer is None:
            return Scores(lang=chosen, compound=None, label=None, scorer="none")
        raw = scorer.polarity_scores(text)
        compound = float(raw["compound"])
        threshold = self.settings.neutral_threshold.get(chosen, DEFAULT_NEUTRAL_THRESHOLD)
        return Scores(
            lang=chosen,
            compound=compound,
            pos=float(raw["pos"]),
            neu=float(raw["neu"]),
            neg=float(raw["neg"]),
            label=label_for(compound, threshold),
            scorer=SCORERS[chosen][0],
        )

    def score_batch(
        self, texts: Sequence[str], langs: Sequence[str | None] | None = None
    ) -> list[Scores]:
        """`score` for each text, in order; `langs`, when given, is aligned with `texts`.
        Languages are detected for the whole batch at once (the model is cheaper that way)."""
        if langs is not None and len(langs) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(langs)} languages")
        chosen = [self._declared(lang) for lang in langs] if langs is not None \
            else [None] * len(texts)
        undecided = [i for i, lang in enumerate(chosen) if lang is None]
        if undecided:
            detected = self.detector.detect_batch([texts[i] for i in undecided])
            for i, lang in zip(undecided, detected, strict=True):
                chosen[i] = lang
        return [self._scored(text, lang or OTHER) for text, lang in zip(texts, chosen, strict=True)]
