"""Topic keyword queries: syntax, normalisation, word boundaries and errors."""

from __future__ import annotations

import time

import pytest

from monitor.query import QueryError, TopicMatcher, compile_query, normalise_text


def test_normalise_strips_case_accents_and_unifies_apostrophes() -> None:
    """Lower case, no accents, typographic apostrophes become "'", ligatures are spelt out."""
    assert normalise_text("L’Oréal Œuvre ÉTÉ") == "l'oreal oeuvre ete"
    assert normalise_text("Ça‘va") == "ca'va"


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("acme", "ACME rappelle ses produits", True),
        ("acme", "Acmeco rappelle ses produits", False),  # whole words only
        ("acme", "I love #Acme", True),  # a plain term matches the hashtag
        ("#acme", "I love #Acme", True),
        ("#acme", "I love Acme", False),  # the hashtag query wants the hashtag
        ("@acme", "thanks @ACME for nothing", True),
        ("oreal", "L’Oréal lance un produit", True),
        ('"l\'oreal"', "L’Oréal lance un produit", True),
        ("l’oréal", "chez l'oreal", True),
        ("oreal", "loreal", False),
        ("rappel*", "Rappels de lots en cours", True),
        ("rappel*", "un grappel", False),  # prefix starts at a word boundary
        ('"rappel produit"', "Rappel produit chez Acme", True),
        ('"rappel produit"', "produit rappel", False),
        ('"rappel produit"', "rappel, produit", True),  # punctuation is not a word
        ('"rappel prod*"', "rappel produits", True),
        ('"rappel prod*"', "rappel aprod", False),
        ("acme recall", "recall of acme bars", True),  # implicit AND
        ("acme recall", "acme bars", False),
        ("acme OR globex", "globex news", True),
        ("acme AND NOT concours", "acme concours", False),
        ("acme NOT concours", "acme rappel", True),
        ("acme (rappel OR recall)", "ACME: RECALL", True),
        ("acme (rappel OR recall)", "acme promo", False),
        ("NOT concours acme", "acme", True),
        ("acme or globex", "acme or globex", True),  # lower-case "or" is a word, not OR
        ("acme or globex", "globex", False),
        ("coca-cola", "Coca Cola zéro", True),
        ("grève", "GREVE à la SNCF", True),
        ("a OR b AND c", "a", True),  # AND binds tighter than OR
        ("(a OR b) AND c", "a", False),
        ("«rappel produit»", "un rappel produit", True),
    ],
)
def test_query_matches(query: str, text: str, expected: bool) -> None:
    """Each query matches exactly the texts the syntax promises."""
    assert compile_query(query).matches(text) is expected


@pytest.mark.parametrize(
    ("query", "reason", "position"),
    [
        ("", "empty query", 1),
        ("   ", "empty query", 1),
        ("acme AND", "AND needs a term after it", 6),
        ("OR acme", "OR needs a term before it", 1),
        ("acme OR OR b", "OR needs a term after it", 6),
        ("(acme", "unclosed '('", 1),
        ("acme)", "unmatched ')'", 5),
        ("acme ()", "empty parentheses", 6),
        ('acme "rappel', "unclosed quote", 6),
        ("acme *", "term '*' has no letter or digit", 6),
        ("ac*me", "'*' is only allowed at the end of a term", 1),
        ("NOT acme", "query matches every text (it needs a term that is not negated)", 1),
        ('acme ""', "phrase '' has no letter or digit", 6),
    ],
)
def test_query_errors_name_reason_and_position(query: str, reason: str, position: int) -> None:
    """A bad query raises QueryError (a ValueError) saying what is wrong and where."""
    with pytest.raises(QueryError) as info:
        compile_query(query)
    assert info.value.reason == reason
    assert info.value.position == position
    assert str(info.value) == f"{reason} at character {position}"
    assert isinstance(info.value, ValueError)


def test_config_reports_bad_query_with_file_line() -> None:
    """vigie.yaml validation reports a bad topic query with its line and position."""
    from monitor.config.files import config_from_text
    from monitor.errors import ConfigError

    text = "topics:\n  - name: acme\n    query: 'acme AND'\n"
    with pytest.raises(ConfigError) as info:
        config_from_text(text)
    message = str(info.value)
    assert "vigie.yaml:3" in message and "AND needs a term after it at character 6" in message


def test_topic_matcher_returns_matching_topics_in_order() -> None:
    """TopicMatcher returns every matching topic name, in configuration order."""
    matcher = TopicMatcher([("acme", "acme OR #acme"), ("recall", "rappel* OR recall"),
                            ("globex", "globex")])
    assert matcher.match("#Acme annonce un rappel") == ("acme", "recall")
    assert matcher.match("rien à voir") == ()


def test_a_querys_names_are_the_terms_that_alone_match_it() -> None:
    """Phrases, #tags, @handles and prefixes that alone satisfy the query name its topic;
    negated terms and terms that only narrow it do not."""
    query = compile_query('("Bonne Maison" OR @bonnemaison_fr OR bonnem*) NOT (recrute OR job)')
    assert query.names == ((("bonne", "maison"), False), (("bonnemaison_fr",), False),
                           (("bonnem",), True))
    assert compile_query("acme AND (scandal OR recall)").names == ()


def test_names_are_cut_whole_words_in_any_case_and_accent() -> None:
    """The cut keeps everything else of the text, byte for byte."""
    matcher = TopicMatcher([("bm", '"bonne maison" OR #bonnemaison OR épicé*'),
                            ("x", "x")])
    text = "BONNE Maison rappelle ses yaourts! #BonneMaison bonne Épicerie Epiphanie"
    assert matcher.without_names(text, ("bm",)) == " rappelle ses yaourts!  bonne  Epiphanie"
    assert matcher.without_names(text, ("x", "unknown")) == text


def test_the_fast_cut_agrees_with_the_word_by_word_walk() -> None:
    """Names are found in the normalised text and cut at the same place in the original
    where normalising kept every character in place; where it did not ("ß" -> "ss", a
    ligature, an accent written as a separate mark), the word by word walk decides."""
    from monitor.query import _cut_words

    matcher = TopicMatcher([("t", '"verlover beau*" OR zen* OR @verlover_fr OR "épicé*" OR straße')])
    names = list(compile_query('"verlover beau*" OR zen* OR @verlover_fr OR "épicé*" OR straße').names)
    texts = ["Verlover   Beauty, #VerloverBeauty x#zenith @verlover_fr!",
             "Straße STRASSE straße épicéa Épicé #zenith 😡 ﬁne Zen",
             "ÉPICÉ l'épicéa à Zenith 🙄 verlover-beautés e\u0301picé", "nothing here", ""]
    for text in texts:
        assert matcher.without_names(text, ("t",)) == _cut_words(text, names), text
    assert matcher.without_names(texts[1], ("t",)) == "      😡 ﬁne "


def test_topic_matcher_names_the_bad_topic() -> None:
    """A bad query in TopicMatcher names its topic."""
    with pytest.raises(QueryError, match="topic 'b': unclosed"):
        TopicMatcher([("a", "acme"), ("b", "(x")])


def test_topic_matcher_is_fast_for_hundreds_of_topics() -> None:
    """500 topics against 2,000 texts take well under a second per 1,000 texts."""
    topics = [(f"t{i}", f'brand{i} AND (rappel* OR "mauvais service" OR panne) NOT concours')
              for i in range(500)]
    matcher = TopicMatcher(topics)
    texts = [f"Le brand{i % 700} est en panne, rappel des lots #brand{i}" for i in range(2000)]
    start = time.perf_counter()
    hits = sum(len(matcher.match(t)) for t in texts)
    elapsed = time.perf_counter() - start
    assert hits >= 1400
    assert elapsed < 2.0


def test_random_queries_compile_or_raise_query_error() -> None:
    """Any string compiles or raises QueryError; TopicMatcher agrees with Query.matches."""
    import random

    rng = random.Random(3)
    pieces = ["acme", "AND", "OR", "NOT", "(", ")", '"', "*", "#x", "@y", "l'oréal", " ", "«", "»"]
    for _ in range(1000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        try:
            query = compile_query(text)
        except QueryError as exc:
            assert 1 <= exc.position <= len(text) + 1
            continue
        for doc in ("ACME l’Oréal #x @y", "acme", "l oreal x", "y", "#x acmes"):
            expected = ("t",) if query.matches(doc) else ()
            assert TopicMatcher([("t", text)]).match(doc) == expected, (text, doc)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("acme", "#acme news"), ("#acme", "#acme news"), ("rappel*", "rappels"),
        ('"rappel prod*"', "rappel produits"), ("NOT concours acme", "acme"),
        ("(a OR b) c", "b c"), ("acme OR rappel*", "rappels"), ("a (b OR c*)", "a cc"),
        ('"l\'oreal" OR globex', "L’Oréal"),
    ],
)
def test_matcher_index_never_hides_a_match(query: str, text: str) -> None:
    """The trigger-word index of TopicMatcher agrees with evaluating the query directly."""
    assert compile_query(query).matches(text)
    assert TopicMatcher([("t", query)]).match(text) == ("t",)


def test_normalise_text_equals_the_per_character_definition() -> None:
    """The fast paths (ASCII, tables applied only where their characters occur, Latin accents
    by regex) give exactly what decomposing and dropping every combining character one by one
    gives (U+034F sits in the accents' block but has no combining class: it stays)."""
    import random
    import unicodedata

    from monitor.query import _APOSTROPHES, _LIGATURES, normalise_text

    def reference(text: str) -> str:
        text = unicodedata.normalize("NFKD", text.casefold().translate(_APOSTROPHES))
        return "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_LIGATURES)

    rng = random.Random(2)
    alphabet = ("aAzZ éÉèçÇœŒæßẞİıﬁ’‘`´ʼ′ Ǆǅ 한국 日本 Ａ１ ｶ \u0308 \u0300 x\u0301 ñ ǰ ﬀ ½ ² ℌ 😀 "
                "İstanbul \u034f ø ł Đ ð ǖ \u20d7 \u1dc0")
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(5000)]
    texts += ["Plain ASCII, with a `backtick`", "ÉLÈVE Straße ŒUVRE", "", "e\u034f\u0301",
              "déçu ł", "plain ascii"]
    assert [normalise_text(t) for t in texts] == [reference(t) for t in texts]


def test_document_words_and_joined_equal_the_tokenizer_definition() -> None:
    """Words are every \\w+ run plus "#"/"@" + run for tags and handles; `joined` is the runs
    joined by spaces: checked against the one-pattern tokenizer on noisy strings."""
    import random
    import re

    from monitor.query import Document

    pattern = re.compile(r"([#@]?)(\w+)")
    rng = random.Random(3)
    alphabet = "ab #@_-1 é'’.Z##@@x"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        doc = Document(text)
        pairs = pattern.findall(doc_norm := normalise_text(text))
        assert doc.words == {w for _m, w in pairs} | {m + w for m, w in pairs if m}, doc_norm
        assert doc.joined == " " + " ".join(w for _m, w in pairs) + " "
