"""The batched language identifier agrees with py3langid, text for text.

`langid_batch.BatchIdentifier` re-implements py3langid's scoring for whole batches; these tests
hold it to py3langid's own `rank` (restricted the same way) on real texts, and check that a
text's answer does not depend on the batch it arrives in.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest

from monitor.sentiment.langid_batch import BatchIdentifier
from monitor.sentiment.language import DECOYS, LanguageDetector, _model

LANGS = ["de", "en", "es", "fr", "it", "nl", "pt"]
SAMPLES = [
    "The delivery was late again and nobody answers",
    "La livraison est encore en retard et personne ne répond",
    "Die Lieferung ist wieder zu spät und niemand antwortet",
    "El pedido llegó tarde otra vez y nadie contesta",
    "ARNAQUE TOTALE", "WORST. SERVICE. EVER!!!", "", "   ", "12345 :) :(", "😡😡😡",
    "ok", "Ça marche pas", "l'appli plante", "https://t.co/abc #fail @brand",
    "naïve café crème brûlée", "\u0301\u0301 combining only", "Ünïcödé ÀÉÎÕÜ", "x" * 900,
]


def _reference() -> object:
    """py3langid's own identifier, restricted to the same languages."""
    identifier = copy.copy(_model())
    identifier.set_languages(LANGS)
    return identifier


def _random_texts(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    alphabet = "abcdeéèàçùôêñüößxyz  ,.!?'’😀ÀÉ0123" + "ЖЯ中文"
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120))) for _ in range(count)]


def _assert_agrees(texts: list[str]) -> None:
    reference = _reference()
    batch = BatchIdentifier(_model(), LANGS)
    rows = batch.probabilities(texts)
    worst = 0.0
    for text, row in zip(texts, rows, strict=True):
        expected = dict(reference.rank(text))
        got = dict(zip(LANGS, row.tolist(), strict=True))
        worst = max(worst, *(abs(expected[lang] - got[lang]) for lang in LANGS))
        top = max(expected.values())
        # Same winner unless py3langid itself sees a near-tie.
        if sorted(expected.values())[-2] < top - 1e-4:
            assert max(got, key=got.get) == max(expected, key=expected.get), text
    assert worst < 1e-4


def test_agrees_with_py3langid_on_samples_and_noise() -> None:
    _assert_agrees(SAMPLES + _random_texts(400))


def test_answer_does_not_depend_on_the_batch() -> None:
    detector = LanguageDetector(["en", "fr"])
    texts = SAMPLES + _random_texts(200, seed=9)
    together = detector.detect_batch(texts)
    assert together == [detector.detect(text) for text in texts]
    shuffled = list(range(len(texts)))
    random.Random(3).shuffle(shuffled)
    assert detector.detect_batch([texts[i] for i in shuffled]) == [together[i] for i in shuffled]
    batch = BatchIdentifier(_model(), LANGS)
    rows = batch.probabilities(texts)
    for text, row in zip(texts[:40], rows, strict=False):  # bit for bit, not just the winner
        assert batch.probabilities([text])[0].tolist() == row.tolist()


def _shared_texts(shared: Path) -> list[str]:
    base = shared / "bench" / "sentiment"
    texts = []
    for path in sorted((base / "en").glob("*_GroundTruth.txt")):
        texts += [line.split("\t", 2)[2] for line in path.read_text(
            encoding="utf-8", errors="replace").splitlines() if line.count("\t") >= 2]
    for path in sorted((base / "fr" / "umsab_fr_tweets").glob("*_text.txt")):
        texts += path.read_text(encoding="utf-8").splitlines()
    return texts


def test_agrees_with_py3langid_on_the_shared_corpora(shared_dir: Path) -> None:
    """Every third English and French text of ../shared/bench/sentiment (about 4,000)."""
    texts = _shared_texts(shared_dir)[::3]
    assert len(texts) > 2000
    _assert_agrees([text[:600] for text in texts])


@pytest.mark.parametrize("decoy", DECOYS)
def test_decoys_are_model_languages(decoy: str) -> None:
    assert decoy in _model().nb_classes
