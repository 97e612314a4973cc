"""Ingestion core: matching, scoring, exact duplicates, syndication and near-duplicates."""

from __future__ import annotations

import pytest

from monitor.config.files import config_from_text
from monitor.indicators import FIVE_MINUTES
from monitor.neardup import near_keys
from monitor.pipeline import Ingestor, MemorySeenIndex, batch_token, count, readable_hashtags
from tests.core.helpers import mention

CONFIG = config_from_text(
    "topics:\n  - name: acme\n    query: acme\n  - name: zeta\n    query: zeta\n"
    "sources:\n  - name: s2\n    url: http://x\n    topics: [zeta]\n"
)


def run(mentions):  # noqa: ANN001, ANN201
    ingestor = Ingestor.from_config(CONFIG)
    prepared = ingestor.prepare(mentions)
    index = MemorySeenIndex(86400)
    verdicts = index.judge(prepared, batch_token(prepared))
    return prepared, verdicts, count(prepared, verdicts, (FIVE_MINUTES,))


def test_unmatched_mentions_are_left_out_and_topics_filled() -> None:
    """A mention that matches no topic is not counted; a match fills topics and language."""
    prepared, _, _ = run([mention(1, 0, "Acme is great"), mention(2, 0, "nothing to see")])
    assert [p.mention.topics for p in prepared] == [("acme",)]
    assert prepared[0].mention.lang == "en"


def test_source_topic_restriction_applies() -> None:
    """A source restricted to some topics never counts for the others."""
    prepared, _, _ = run([mention(1, 0, "acme and zeta", source="s2")])
    assert prepared[0].topics == ("zeta",)


def test_exact_duplicate_counts_once() -> None:
    """The same mention id twice in a stream counts once."""
    same = mention(1, 0, "Acme is great")
    _, verdicts, deltas = run([same, same])
    assert [v.new for v in verdicts] == [True, False]
    (bucket,) = deltas.buckets.values()
    assert bucket.volume == 1


def test_syndicated_story_adds_amplification_not_volume() -> None:
    """The same URL from two feeds: one story for volume, two sources and authors."""
    a = mention(1, 0, "Acme recalls cereal", source="news1", url="https://n.example/a")
    b = mention(2, 1, "Acme recalls cereal", source="news2", url="https://n.example/a")
    _, verdicts, deltas = run([a, b])
    assert verdicts[1].syndicated == frozenset({"acme"})
    (bucket,) = deltas.buckets.values()
    assert (bucket.volume, bucket.syndicated, bucket.distinct_sources) == (1, 1, 2)
    assert bucket.negative + bucket.neutral + bucket.positive == 1  # sentiment counted once


def test_near_duplicates_are_flagged_per_topic() -> None:
    """Copy-paste with a changed handle or number is a near-duplicate; a different text is not."""
    base = "Boycott Acme now, they poisoned our kids and lied about it all"
    texts = [base + " @bob", base + " 123", "Acme opens a new plant in Lyon with two hundred jobs"]
    _, verdicts, deltas = run([mention(i, i, t) for i, t in enumerate(texts)])
    assert [bool(v.near_duplicate) for v in verdicts] == [False, True, False]
    (bucket,) = deltas.buckets.values()
    assert bucket.near_duplicates == 1


def test_short_texts_have_no_near_duplicate_key() -> None:
    """Too short to judge: 'merci !' never makes a flood."""
    assert near_keys("acme merci") == ()
    assert len(near_keys("one two three four five six")) == 4


def test_redelivered_batch_gets_its_first_verdicts() -> None:
    """Judging the same batch token again returns the same verdicts (nothing lost)."""
    ingestor = Ingestor.from_config(CONFIG)
    prepared = ingestor.prepare([mention(1, 0, "acme"), mention(2, 0, "acme")])
    index = MemorySeenIndex(86400)
    token = batch_token(prepared)
    first = index.judge(prepared, token)
    assert index.judge(prepared, token) == first
    assert [v.new for v in index.judge(prepared, "another")] == [False, False]


def test_unscored_language_is_not_neutral() -> None:
    """A language with no scorer counts as unscored, never as a neutral 0."""
    from dataclasses import replace

    german = replace(mention(1, 0, "Acme ist ein schreckliches Unternehmen, wirklich schlimm"),
                     lang="de")
    prepared, _, deltas = run([german])
    assert prepared[0].scores.compound is None
    (bucket,) = deltas.buckets.values()
    assert (bucket.unscored, bucket.neutral, bucket.scored) == (1, 0, 0)


def test_near_keys_are_stable_and_independent_of_the_batch() -> None:
    """Keys are pinned (Redis holds keys computed by earlier versions and other workers), and
    a text gets the same keys alone or inside any batch."""
    from monitor.neardup import near_keys, near_keys_batch

    french = "Le service client est encore en panne, remboursez-moi https://x.example/1 #fail"
    english = "Naïve café crème: the delivery was late again and nobody answers"
    assert near_keys(french) == ("0:1087f80c-deb616a-560ec2c6", "1:dc3569c-3a30aef6-1b285059",
                                 "2:ec959e6-77a09c8-1a02f96a", "3:11f26b98-31444c1a-1019cd84")
    assert near_keys(english) == ("0:7f4be7b-308b5e4-2f31ae7f", "1:da3bc32-115483ab-1546a1",
                                  "2:581db3-1fb50c29-10e2934", "3:23d3e50f-16e5517a-2e5080d")
    texts = [french, "merci !", english, "", french.upper(), "a b c d e f g h"]
    assert near_keys_batch(texts) == [near_keys(t) for t in texts]
    assert near_keys_batch(texts)[1] == ()


def test_a_topics_own_name_is_not_scored_as_sentiment() -> None:
    """A brand called "Verlover Beauty" is no praise: in a mention of its scandal, "beauty"
    outweighed "scandal" and the mention read positive. The names of its topics (terms that
    alone match the query) are cut before scoring, for matched and pre-assigned topics
    alike; near-duplicates still see the whole text, and a word that only narrows a query
    (`scandal` in `acme AND scandal`) still counts."""
    config = config_from_text(
        'topics:\n  - name: verlover\n    query: \'"verlover beauty" OR #verloverbeauty\'\n'
        "  - name: acme\n    query: acme AND (scandal OR recall)\n")
    ingestor = Ingestor.from_config(config)
    scandal = "PSA: the way Verlover Beauty handled the chemical burns is a scandal"
    assert ingestor.router.score(scandal).compound > 0  # why: "beauty" outweighs "scandal"
    prepared = ingestor.prepare([
        mention(1, 0, scandal),
        mention(2, 0, "#VerloverBeauty handled the chemical burns like a scandal",
                topics=("verlover",)),
        mention(3, 0, "What a scandal, Acme"),
    ])
    assert [p.scores.compound < 0 for p in prepared] == [True, True, True]
    assert prepared[0].mention.text == scandal
    assert ingestor.matcher.without_names("What a scandal, Acme", ("acme",)) \
        == "What a scandal, Acme"


@pytest.mark.parametrize(("text", "expected"), [
    ("Deleted the app #BoycottAcme", "Deleted the app Boycott Acme"),
    ("#DeleteAcmeNow and #ScandaleÉcole", "Delete Acme Now and Scandale École"),
    ("#NASAFails again", "NASA Fails again"),
    ("#boycottacme #Acme #NASA no split", "#boycottacme #Acme #NASA no split"),
    ("no tag at all", "no tag at all"),
])
def test_camel_case_hashtags_are_read_as_words(text: str, expected: str) -> None:
    assert readable_hashtags(text) == expected


def test_a_hashtag_calling_for_a_boycott_is_scored_and_a_name_inside_it_is_not() -> None:
    """"#BoycottVerloverBeauty" is a call to boycott (no lexicon lists the tag whole), and
    the brand's name inside it is no more praise than outside it."""
    config = config_from_text(
        'topics:\n  - name: verlover\n    query: \'"verlover beauty" OR #verloverbeauty\'\n')
    ingestor = Ingestor.from_config(config)
    text = "Done with them. #BoycottVerloverBeauty"
    assert ingestor.scoring_text(text, ("verlover",)).split() == ["Done", "with", "them.",
                                                                  "Boycott"]
    assert ingestor.router.score(text).compound >= 0  # the tag alone reads as nothing
    [prepared] = ingestor.prepare([mention(1, 0, text, topics=("verlover",))])
    assert prepared.scores.compound < 0
