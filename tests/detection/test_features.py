"""Episode indicators computed from running totals (monitor/detection/features.py)."""

from __future__ import annotations

import pytest

from monitor.detection.classify import classify
from monitor.detection.features import Totals, Window, indicators
from monitor.detection.settings import DetectionSettings
from monitor.model import Kind


def _press(stories: int, usual: float) -> dict[str, float]:
    totals = Totals(volume=60, expected=6.0, negative=45, neutral=15, expected_scored=6.0,
                    expected_negative=1.5, authors={f"a{i}": 1 for i in range(60)},
                    source_types={"social": 55 - stories, "forum": 5, "news": stories},
                    expected_types={"social": 5.9, "news": usual})
    window = Window(volume=60.0, baseline=6.0, surprise=12.0, recent=20.0, before=15.0,
                    usual_hourly=6.0)
    return indicators(totals, window, peak_ratio=10.0, duration_minutes=40.0)


@pytest.mark.parametrize(("stories", "usual", "pickup"), [
    (2, 0.05, 2.0),  # two stories where a twentieth of one was expected: two more
    (1, 0.4, 1.0),
    (1, 0.6, 0.0),  # about the one story the topic usually gets
    (0, 0.3, 0.0),
    (5, 2.0, 3.0),
])
def test_press_pickup_counts_whole_stories_beyond_the_usual(stories: int, usual: float,
                                                            pickup: float) -> None:
    """The press pickup is counted in whole stories: two stories on a topic that usually
    gets a twentieth of one are two more than usual (1.95 before: under a threshold of two,
    while the explanation said "2 news stories")."""
    assert _press(stories, usual)["news_pickup"] == pickup


def test_two_stories_on_a_quiet_topic_are_press_pickup() -> None:
    ind = _press(2, 0.05)
    s = DetectionSettings()
    assert s.crisis_min_news == 2
    decision = classify(ind, s, Kind.BAD_BUZZ)
    assert decision.kind is Kind.CRISIS, [e.text for e in decision.evidence]
    assert any(e.feature == "news_pickup" and e.value == 2.0 for e in decision.evidence)
