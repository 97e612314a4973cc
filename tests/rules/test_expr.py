"""The condition language: parsing, errors with columns, three-valued evaluation."""

from __future__ import annotations

import pytest

from monitor.rules.expr import Condition, ExprError
from monitor.rules.structured import from_mapping


def _test(source: str, **values: float | str) -> bool:
    return Condition.parse(source).test(values.get)


@pytest.mark.parametrize(
    ("source", "values", "expected"),
    [
        ("volume_ratio >= 3", {"volume_ratio": 3.0}, True),
        ("volume_ratio >= 3", {"volume_ratio": 2.99}, False),
        ("volume_ratio > 3 and negative_share > 0.5", {"volume_ratio": 4.0, "negative_share": 0.6}, True),
        ("volume_ratio > 3 and negative_share > 0.5", {"volume_ratio": 4.0, "negative_share": 0.4}, False),
        ("kind in [crisis, bad_buzz]", {"kind": "bad_buzz"}, True),
        ("kind not in [crisis, bad_buzz]", {"kind": "bad_buzz"}, False),
        ("severity >= high", {"severity": "critical"}, True),
        ("severity >= high", {"severity": "medium"}, False),
        ("severity < medium", {"severity": "low"}, True),
        ("not (kind == crisis or kind == bad_buzz)", {"kind": "positive_buzz"}, True),
        ("news_pickup", {"news_pickup": 2.0}, True),
        ("news_pickup", {"news_pickup": 0.0}, False),
        ("labels.tier == gold", {"labels.tier": "gold"}, True),
        ("labels.tier = \"gold\"", {"labels.tier": "gold"}, True),
        ("labels.region == 3", {"labels.region": "3"}, True),
        ("topic == acme-web", {"topic": "acme-web"}, True),
        ("KIND == crisis AND volume_ratio >= 1e1", {"kind": "crisis", "volume_ratio": 10.0}, False),
        ("kind == crisis AND volume_ratio >= 1e1", {"kind": "crisis", "volume_ratio": 10.0}, True),
        ("volume_ratio >= -1", {"volume_ratio": 0.0}, True),
    ],
)
def test_evaluates(source: str, values: dict[str, float | str], expected: bool) -> None:
    """Each operator, keyword and literal form evaluates as written."""
    if source.startswith("KIND"):
        with pytest.raises(ExprError):  # names are case-sensitive, keywords are not
            Condition.parse(source)
        return
    assert _test(source, **values) is expected


@pytest.mark.parametrize(
    ("source", "values"),
    [
        ("volume_ratio > 3", {}),
        ("not volume_ratio > 3", {}),
        ("kind == crisis and reach > 1000", {"kind": "crisis"}),
        ("not (kind == crisis and reach > 1000)", {"kind": "crisis"}),
        ("reach > 1000 or volume_ratio > 3", {"volume_ratio": 1.0}),
    ],
)
def test_missing_indicator_never_fires(source: str, values: dict[str, float | str]) -> None:
    """A comparison on an absent indicator is unknown, and unknown (even negated) is false."""
    assert _test(source, **values) is False


def test_or_with_missing_side_still_fires_on_the_known_side() -> None:
    """Kleene logic: `unknown or true` is true."""
    assert _test("reach > 1000 or volume_ratio > 3", volume_ratio=4.0) is True


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("volum_ratio > 3", "column 1: unknown indicator 'volum_ratio' (did you mean 'volume_ratio'?)"),
        ("kind == crisis and foo > 1", "column 20: unknown indicator 'foo'"),
        ("volume_ratio >> 3", "column 15: expected a value, found '>'"),
        ("kind in [crisis", "column 16: expected ',' or ']', found end of condition"),
        ("kind == criss", "column 9: unknown kind criss: expected one of crisis, bad_buzz, "
                          "positive_buzz, volume_spike, blind_spot, resolved"),
        ("severity >= urgent", "column 13: unknown severity urgent: expected one of low, medium, high, critical"),
        ("volume_ratio > high", "column 16: 'volume_ratio' is numeric: expected a number"),
        ("volume_ratio in [1, 2]", "column 17: 'volume_ratio' is numeric: compare it with <, >=, ..."),
        ("kind > crisis", "column 1: 'kind' is not ordered: use ==, != or in"),
        ("kind", "column 5: 'kind' needs a comparison (e.g. kind == value)"),
        ("", "column 1: empty condition"),
        ("(kind == crisis", "column 16: expected ')', found end of condition"),
        ("kind == crisis kind == bad_buzz", "column 16: unexpected 'kind'"),
        ("volume_ratio > 3; rm -rf /", "column 17: unexpected character ';'"),
        ("__import__('os').system('x')", "column 17: unexpected character '.'"),
        ("__import__('os')", "column 1: unknown indicator '__import__'"),
        ("not", "column 4: expected an indicator name, found end of condition"),
    ],
)
def test_errors_name_the_column(source: str, message: str) -> None:
    """Syntax and name errors carry the exact 1-based column and a readable reason."""
    with pytest.raises(ExprError) as info:
        Condition.parse(source)
    assert str(info.value) == message


def test_structured_form_is_anded() -> None:
    """The mapping form compiles to the same checks: lists are `in`, numbers and bare
    comparisons apply to indicators, severity_at_least orders severities."""
    cond = from_mapping({"kind": ["crisis", "bad_buzz"], "severity_at_least": "high",
                         "volume_ratio": ">= 3", "reach": 1000, "news_pickup": True})
    assert cond.source == ("kind in [crisis, bad_buzz] and severity >= high and "
                           "volume_ratio >= 3 and reach >= 1000 and news_pickup")
    good = {"kind": "crisis", "severity": "critical", "volume_ratio": 3.0, "reach": 5000.0,
            "news_pickup": 1.0}
    assert cond.test(good.get)
    assert not cond.test({**good, "severity": "medium"}.get)
    assert not cond.test({**good, "reach": 999.0}.get)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"volume_ratio": "lots"}, "volume_ratio: expected a number or a comparison such as '>= 3', got 'lots'"),
        ({"kind": ["crisiss"]}, "kind: unknown kind crisiss: expected one of crisis, bad_buzz, "
                                "positive_buzz, volume_spike, blind_spot, resolved"),
        ({"volum": 3}, "volum: unknown indicator 'volum' (did you mean 'volume'?)"),
        ({}, "empty condition"),
    ],
)
def test_structured_form_errors(spec: dict[str, object], message: str) -> None:
    """Structured conditions report the key at fault."""
    with pytest.raises(ValueError) as info:
        from_mapping(spec)
    assert str(info.value) == message
