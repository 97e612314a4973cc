"""A large brand's outrage that turns its tone before it doubles its volume: opened on its
negative share, kept live by its negative mentions, spread to the kinds of sources that carry
part of it."""

from __future__ import annotations

import random

from monitor.detection.classify import classify
from monitor.detection.engine import NEGATIVE_DISPERSION, Detector, _turn_surprise
from monitor.detection.features import INDICATORS, Totals, Window, indicators
from monitor.detection.settings import DetectionSettings
from monitor.detection.tails import count_surprise
from monitor.model import BucketStats, Kind
from tests.detection.helpers import T0, W, add, chatter, run

HIST = 3 * 86400
EVENT = T0 + HIST


def bursty_stream(minutes: int, after: int = 240, seed: int = 11) -> list[BucketStats]:
    """Three days of a brand's chatter (about 100 mentions an hour, 20% negative) whose
    hourly rate wanders from half to twice its usual (so the detector learns it is bursty),
    then `minutes` of an outrage adding 80% to its usual volume, 95% negative, from new
    voices on social media and a forum, with press from 20 minutes, then `after` minutes of
    chatter."""
    rng = random.Random(seed)
    out, factor = [], 1.0
    for i in range((HIST + (minutes + after) * 60) // W):
        start = T0 + i * W
        if i % 12 == 0:
            factor = 2.0 ** rng.uniform(-1.2, 1.2)
        minute = (start - EVENT) // 60
        during = 0 <= minute < minutes
        b = chatter(rng, "bigco", start, 8.0 * (1.0 if during else factor))
        if during:
            add(b, 5, negative=0.95, fresh="s", rng=rng)
            add(b, 2, negative=0.95, fresh="f", source="reddit", source_type="forum", rng=rng)
            if minute >= 20 and minute % 10 == 0:
                add(b, 1, negative=0.8, authors=[f"@paper{minute}"], source="lemonde",
                    source_type="news", rng=rng)
        out.append(b)
    return out


def test_an_outrage_that_turns_the_tone_before_the_volume_is_a_crisis() -> None:
    """Under twice the usual volume, but over twice its usual negative mentions: opened
    within half an hour and called crisis within the hour while its volume is still under
    twice the usual (before: only once the volume had doubled, 50 minutes in), on social
    media and the forum that carries part of it."""
    _, events = run(Detector(DetectionSettings()), bursty_stream(120))
    during = [e for e in events if EVENT <= e.at.timestamp() <= EVENT + 120 * 60]
    assert during, "no episode opened"
    assert (during[0].at.timestamp() - EVENT) / 60 <= 30, during[0].summary
    crisis = [e for e in during if e.kind is Kind.CRISIS]
    assert crisis, [e.summary for e in during]
    first = crisis[0]
    assert (first.at.timestamp() - EVENT) / 60 <= 60, first.summary
    assert first.indicators["volume_ratio"] < 2.0 <= first.indicators["hour_negative_ratio"]
    assert first.indicators["source_types"] >= 2


def test_the_tone_alone_turning_opens_a_bad_buzz() -> None:
    """A steady brand (100 mentions an hour, 20% negative) whose chatter turns 60% negative
    at its usual volume: the share opens a bad buzz within 90 minutes (before: nothing, its
    negative count's unbounded tail never reached `negative_surprise`); no new voices, so
    never a crisis."""
    rng = random.Random(5)
    buckets = []
    for i in range((HIST + 240 * 60) // W):
        b = chatter(rng, "steady", T0 + i * W, 8.0)
        if 0 <= b.start - EVENT < 120 * 60:
            turned = sum(1 for _ in range(b.positive + b.neutral) if rng.random() < 0.5)
            b.negative += turned
            b.neutral = max(0, b.neutral - turned)
            b.positive = b.volume - b.negative - b.neutral
        buckets.append(b)
    _, events = run(Detector(DetectionSettings()), buckets)
    during = [e for e in events if EVENT <= e.at.timestamp() <= EVENT + 120 * 60]
    assert during, "no episode opened"
    assert during[0].kind is Kind.BAD_BUZZ
    assert (during[0].at.timestamp() - EVENT) / 60 <= 90, during[0].summary
    assert during[0].indicators["volume_ratio"] < 1.5
    assert Kind.CRISIS not in [e.kind for e in events]


def _ind(**values: float) -> dict[str, float]:
    ind = {name: 0.0 for name in INDICATORS
           if not name.startswith("hour_")
           and name not in ("excess_near_duplicate_ratio", "history_hours")}  # a topic with a past
    ind.update(excess_negative_share=0.9, negative_share=0.6, excess_authors=80.0,
               distinct_authors=300.0, source_types=2.0, concentration=1.1, news_pickup=3.0,
               volume_ratio=1.6, peak_ratio=1.7, episode_volume=400.0, usual_hourly=240.0,
               duration_minutes=45.0, hour_negative_share=0.9)
    ind.update(values)
    return ind


def test_a_negative_wave_is_live_while_its_negative_mentions_are_double() -> None:
    """A crisis needs a live wave: its volume at `min_ratio`, or its last hour's negative
    mentions; when both have fallen, it is held as fading, and says so with both."""
    s = DetectionSettings()
    assert classify(_ind(hour_negative_ratio=3.5), s).kind is Kind.CRISIS
    held = classify(_ind(hour_negative_ratio=1.5), s)
    assert held.kind is Kind.BAD_BUZZ
    assert held.evidence[-1].text == "fading: 1.6x the usual volume, 1.5x its usual " \
        "negative mentions"


def test_a_kind_of_source_carrying_a_fifth_of_the_wave_is_reached() -> None:
    """Social media at 1.5 times their usual number carry most of what the episode added:
    reached; a forum at its usual number is not; a small kind of source doubling is."""
    totals = Totals(volume=450, expected=300.0,
                    source_types={"social": 300, "forum": 50, "video": 20},
                    expected_types={"social": 200.0, "forum": 50.0, "video": 10.0})
    window = Window(volume=150.0, baseline=100.0, surprise=3.0, recent=40.0, before=35.0)
    assert indicators(totals, window, 1.5, 60.0)["source_types"] == 2.0
    # Without the social part (under a fifth of the excess), only the doubled video counts.
    totals.source_types["social"] = 220
    assert indicators(totals, window, 1.5, 60.0)["source_types"] == 1.0


def test_a_turn_of_tone_is_judged_as_a_share() -> None:
    """An upbeat episode (20% negative before) whose last hour is 60 of 100 scored
    negative has turned (one in ten million as a share: over `negative_surprise`), which
    the count's unbounded tail put under it."""
    turned = _turn_surprise(0.2, ((60.0, 100.0),), 0.2, 2.0, 8.0)
    assert turned > 7.0 > 6.0 > count_surprise(60, 20.0, NEGATIVE_DISPERSION)
