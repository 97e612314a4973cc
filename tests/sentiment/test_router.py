"""Language routing: declared and detected languages, unscored languages, thresholds."""

from __future__ import annotations

import builtins
import io
import socket
import tempfile
from pathlib import Path

import pytest

from monitor.model import Label
from monitor.sentiment.language import LanguageDetector, normalise_lang
from monitor.sentiment.router import SentimentRouter
from monitor.sentiment.settings import SentimentSettings


@pytest.fixture(scope="module")
def router() -> SentimentRouter:
    return SentimentRouter()


def test_detects_english_french_and_other(router: SentimentRouter) -> None:
    """English and French are recognised; German is reported as other."""
    assert router.detect("The delivery was late again and nobody answers") == "en"
    assert router.detect("La livraison est encore en retard et personne ne répond") == "fr"
    assert router.detect("Die Lieferung ist wieder zu spät und niemand antwortet") == "other"


def test_french_text_uses_french_scorer(router: SentimentRouter) -> None:
    """A French complaint is scored by vigie-fr and labelled negative."""
    scores = router.score("Je n'aime pas du tout ce produit, quelle arnaque")
    assert (scores.lang, scores.scorer, scores.label) == ("fr", "vigie-fr", Label.NEGATIVE)
    assert scores.compound is not None and scores.compound < 0


def test_english_text_uses_vader(router: SentimentRouter) -> None:
    """An English text is scored by VADER with its own numbers."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    text = "I love this phone, the battery is great!"
    scores = router.score(text)
    assert (scores.lang, scores.scorer, scores.label) == ("en", "vader-en", Label.POSITIVE)
    assert scores.compound == SentimentIntensityAnalyzer().polarity_scores(text)["compound"]


def test_other_language_gets_no_score(router: SentimentRouter) -> None:
    """A language without a scorer has compound None and label None, never a neutral 0."""
    scores = router.score("Ich hasse dieses Produkt, es ist schrecklich")
    assert scores.lang == "other"
    assert scores.compound is None and scores.label is None and scores.scorer == "none"


def test_configured_language_without_scorer_is_unscored() -> None:
    """A configured language that has no scorer is detected and left unscored."""
    router = SentimentRouter(SentimentSettings(languages=["en", "fr", "de"]))
    scores = router.score("Ich hasse dieses Produkt, es ist schrecklich")
    assert scores.lang == "de" and scores.compound is None and scores.label is None


def test_declared_language_is_used_when_configured(router: SentimentRouter) -> None:
    """A feed-declared "fr-FR" routes to French even for a text that looks English."""
    assert router.score("Super cool top", lang="fr-FR").scorer == "vigie-fr"
    assert router.score("Super cool top", lang="en").scorer == "vader-en"


def test_declared_language_not_configured_falls_back_to_detection() -> None:
    """A declared language outside the configuration is checked by detection."""
    router = SentimentRouter(SentimentSettings(languages=["fr"]))
    assert router.score("Quelle arnaque, je suis déçu", lang="en").lang == "fr"


def test_neutral_threshold_is_per_language() -> None:
    """The same compound is neutral under a wide French threshold and not under a narrow one."""
    text = "Le service est bien"
    narrow = SentimentRouter(SentimentSettings(neutral_threshold={"fr": 0.01}))
    wide = SentimentRouter(SentimentSettings(neutral_threshold={"fr": 0.99}))
    assert narrow.score(text).label != Label.NEUTRAL
    assert wide.score(text).label == Label.NEUTRAL
    assert narrow.score(text).compound == wide.score(text).compound


def test_score_batch_keeps_order_and_languages(router: SentimentRouter) -> None:
    """score_batch equals score per text, with aligned declared languages."""
    texts = ["Quelle arnaque", "What a scam", "Tolles Produkt"]
    langs = ["fr", None, None]
    assert router.score_batch(texts, langs) == [router.score(t, lg) for t, lg in zip(texts, langs, strict=True)]
    assert router.score_batch(texts) == [router.score(t) for t in texts]
    with pytest.raises(ValueError, match="3 texts but 1 languages"):
        router.score_batch(texts, ["fr"])


def test_emoji_only_text_is_scored_in_first_language(router: SentimentRouter) -> None:
    """A text with no letter goes to the first configured language, whose scorer reads emoji."""
    scores = router.score("😠😠😠")
    assert scores.lang == "en" and scores.label == Label.NEGATIVE


def test_normalise_lang() -> None:
    """Region and case are dropped from language tags."""
    assert normalise_lang("fr-FR") == "fr" and normalise_lang("EN_us") == "en"
    assert normalise_lang("") is None and normalise_lang(None) is None


def test_settings_reject_bad_values() -> None:
    """Bad languages or thresholds are configuration errors."""
    with pytest.raises(ValueError):
        SentimentSettings(languages=[])
    with pytest.raises(ValueError):
        SentimentSettings(neutral_threshold={"fr": 1.5})
    with pytest.raises(ValueError, match="unknown language"):
        LanguageDetector(["xx"])


def test_scoring_needs_no_network_and_reads_only_package_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Loading and scoring open no socket and read no file outside installed packages."""
    import py3langid
    import vaderSentiment

    import monitor

    allowed = [Path(m.__file__).resolve().parent for m in (monitor, py3langid, vaderSentiment)]
    # py3langid unpacks its packaged model through an anonymous temporary file (opened as the
    # temporary directory itself) that it writes and reads back: the only other path allowed.
    scratch = str(Path(tempfile.gettempdir()).resolve())
    opened: list[str] = []
    real_open = builtins.open
    real_io_open = io.open

    def guard_socket(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    def spy(opener):  # type: ignore[no-untyped-def]
        def wrapped(file, *args, **kwargs):  # type: ignore[no-untyped-def]
            if isinstance(file, str | Path):
                opened.append(str(Path(file).resolve()))
            return opener(file, *args, **kwargs)
        return wrapped

    from monitor.sentiment import language, lexicon

    lexicon.load_french_lexicon.cache_clear()
    language._model.cache_clear()
    monkeypatch.setattr(socket, "socket", guard_socket)
    monkeypatch.setattr(builtins, "open", spy(real_open))
    monkeypatch.setattr(io, "open", spy(real_io_open))
    router = SentimentRouter()
    assert router.score("Quelle arnaque, service client injoignable").label == Label.NEGATIVE
    assert router.score("What a great day").label == Label.POSITIVE
    assert opened, "the spy saw no file: it is not watching the loaders"
    outside = [p for p in opened
               if p != scratch and not any(Path(p).is_relative_to(a) for a in allowed)]
    assert outside == []


def test_function_words_decide_without_the_model() -> None:
    """Texts full of one language's function words skip the model; others still use it."""
    detector = LanguageDetector(["en", "fr"])
    assert detector._by_markers("Je suis dans le train avec vous et c'est long") == "fr"
    assert detector._by_markers("This is the worst service and they never answer") == "en"
    assert detector._by_markers("Le meeting is over, on y va avec the team") is None
    assert detector._by_markers("Este producto es malo y no funciona para nada") is None
    assert detector.detect("Este producto es malo y no funciona para nada") == "other"


def test_markers_ignored_for_languages_not_configured() -> None:
    """With only French configured, English function words cannot route a text to English."""
    detector = LanguageDetector(["fr"])
    assert detector._by_markers("This is the worst service and they never answer") is None
    assert detector.detect("This is the worst service and they never answer") == "other"


def test_warm_up_loads_detector_and_scorers() -> None:
    """warm_up builds the detector and the scorer of every configured language that has one."""
    router = SentimentRouter(SentimentSettings(languages=["fr", "de"]))
    router.warm_up()
    assert router._detector is not None
    assert set(router._scorers) == {"fr"}
