"""Small topics: opening and crisis thresholds scaled to the topic's usual volume, a negative
wave seen by its negative mentions, a few loud accounts kept from a crisis call."""

from __future__ import annotations

import random
from collections.abc import Callable

from monitor.detection.classify import classify, crisis_authors
from monitor.detection.engine import Detector
from monitor.detection.features import INDICATORS
from monitor.detection.settings import DetectionSettings
from monitor.model import BucketStats, Kind
from tests.detection.helpers import T0, W, add, chatter, run

HIST = 36 * 3600
EVENT = T0 + HIST


def small_stream(event: Callable[[BucketStats, int, random.Random], None], minutes: int,
                 rate: float = 0.5, after: int = 240, seed: int = 5) -> list[BucketStats]:
    """36 h of a small brand's chatter (about 4 mentions an hour), then `event` for
    `minutes`, then `after` minutes of chatter."""
    rng = random.Random(seed)
    out = []
    for i in range((HIST + (minutes + after) * 60) // W):
        start = T0 + i * W
        b = chatter(rng, "tiny", start, rate)
        minute = (start - EVENT) // 60
        if 0 <= minute < minutes:
            event(b, minute, rng)
        out.append(b)
    return out


def _first_opening(negative: float) -> tuple[float, Kind]:
    """Minutes to the opening of a rise from new voices on a small brand (one every ten
    minutes, then two per bucket after 20 minutes), and its first class."""
    def wave(b: BucketStats, minute: int, rng: random.Random) -> None:
        if minute % 10 == 0 or minute >= 30:
            add(b, 1 + (minute >= 20), negative=negative, fresh="p", rng=rng)

    _, events = run(Detector(DetectionSettings()), small_stream(wave, 120))
    assert events
    return (events[0].at.timestamp() - EVENT) / 60, events[0].kind


def test_a_small_brand_negative_wave_opens_on_its_negative_mentions() -> None:
    """Its negative mentions, against the few the baseline expects, open the episode within
    45 minutes, before the same rise of neutral mentions is unusual in volume."""
    negative, kind = _first_opening(0.9)
    neutral, _ = _first_opening(0.2)
    assert kind is Kind.BAD_BUZZ
    assert negative <= 45 < neutral


def slow_burn(b: BucketStats, minute: int, rng: random.Random) -> None:
    """A negative wave rising slowly: one new voice per bucket for 40 minutes, two after,
    a few on a forum, the press from 20 minutes."""
    add(b, 1 + minute // 40, negative=0.8, fresh="p", rng=rng)
    if minute % 15 == 0:
        add(b, 1, negative=0.7, fresh="f", source="reddit", source_type="forum", rng=rng)
    if minute >= 20 and minute % 10 == 0:
        add(b, 1, negative=0.8, authors=[f"@paper{minute}"], source="lemonde",
            source_type="news", rng=rng)


def angry_few(b: BucketStats, minute: int, rng: random.Random) -> None:
    add(b, 4, negative=0.85, authors=[f"angry{i}" for i in range(5)], rng=rng)


def test_crisis_authors_scale_with_the_usual_audience() -> None:
    """25 authors for a topic heard from 25 or more an hour, its hour's mentions below
    that, never fewer than the floor; indicators without the audience keep 25."""
    s = DetectionSettings()
    assert crisis_authors({"usual_hourly": 400.0}, s) == 25
    assert crisis_authors({"usual_hourly": 16.4}, s) == 16
    assert crisis_authors({"usual_hourly": 3.0}, s) == 10
    assert crisis_authors({}, s) == 25
    assert crisis_authors({"usual_hourly": 3.0}, s.for_topic({"crisis_min_authors": 6})) == 6


def test_a_small_brand_slow_burn_is_a_crisis_within_the_hour() -> None:
    """On a brand heard from four times an hour, a slow negative wave with press pickup is
    called crisis within 45 minutes of its start (an hour with the fixed thresholds), with the
    scaled author threshold in its evidence."""
    _, events = run(Detector(DetectionSettings()), small_stream(slow_burn, 150))
    crisis = [e for e in events if e.kind is Kind.CRISIS]
    assert crisis, [e.summary for e in events]
    assert (crisis[0].at.timestamp() - EVENT) / 60 <= 45, crisis[0].summary
    spread = [e for e in crisis[0].evidence if e.feature == "excess_authors"]
    assert spread and spread[0].threshold == 10
    assert crisis[0].indicators["usual_hourly"] < 10


def test_a_small_brand_angry_few_stay_bad_buzz() -> None:
    """Five angry accounts posting for 40 minutes on a small brand, without press: bad buzz,
    never a crisis, despite the lower author threshold."""
    _, events = run(Detector(DetectionSettings()), small_stream(angry_few, 40))
    assert events and events[0].kind is Kind.BAD_BUZZ
    assert Kind.CRISIS not in [e.kind for e in events]


def loud_few_with_echo(b: BucketStats, minute: int, rng: random.Random) -> None:
    """Five accounts posting 14 angry mentions a bucket, echoed by a few new voices on
    social and forum, and a news story every 15 minutes."""
    add(b, 14, negative=0.9, authors=[f"loud{i}" for i in range(5)], rng=rng)
    add(b, 3, negative=0.7, fresh="echo", rng=rng)
    add(b, 1, negative=0.7, fresh="f", source="reddit", source_type="forum", rng=rng)
    if minute % 15 == 0:
        add(b, 1, negative=0.6, authors=[f"@paper{minute}"], source="lemonde",
            source_type="news", rng=rng)


def test_a_few_loud_accounts_with_an_echo_and_press_stay_bad_buzz() -> None:
    """Enough new authors, kinds of sources and news stories for a crisis, but most of the
    mentions from five accounts (over crisis_max_concentration per author): bad buzz for as
    long as they drive it (two hours)."""
    rng = random.Random(4)
    buckets = []
    for i in range((36 * 3600 + 300 * 60) // W):
        b = chatter(rng, "acme", T0 + i * W)
        minute = (b.start - EVENT) // 60
        if 0 <= minute < 120:
            loud_few_with_echo(b, minute, rng)
        buckets.append(b)
    _, events = run(Detector(DetectionSettings()), buckets)
    during = [e for e in events if e.at.timestamp() <= EVENT + 120 * 60]
    assert during and Kind.CRISIS not in [e.kind for e in during], [e.summary for e in events]
    # Without the concentration rule, the same stream is called crisis within the hour.
    _, loose = run(Detector(DetectionSettings(crisis_max_concentration=100.0)), buckets)
    assert any(e.kind is Kind.CRISIS and e.at.timestamp() <= EVENT + 3600 for e in loose)


def spreading_voices(b: BucketStats, minute: int, rng: random.Random) -> None:
    """A negative wave without press: one new voice per bucket, in turn on a forum, a blog
    and a video site (three times the brand's usual volume)."""
    source, kind = [("reddit", "forum"), ("medium", "blog"), ("youtube", "video")][
        minute // 5 % 3]
    add(b, 1, negative=0.9, fresh=kind[0], source=source, source_type=kind, rng=rng)


def test_a_small_brand_wave_of_single_voices_is_a_crisis_without_press() -> None:
    """Without the press, a wave from people who mostly post once, on three kinds of
    sources, is a crisis once 1.5 times the topic's scaled authors have joined (15 on a
    brand heard from four times an hour: 105 minutes in), not twice (20: 135 minutes in)."""
    _, events = run(Detector(DetectionSettings()), small_stream(spreading_voices, 150))
    crisis = [e for e in events if e.kind is Kind.CRISIS]
    assert crisis, [e.summary for e in events]
    first = crisis[0]
    assert (first.at.timestamp() - EVENT) / 60 <= 110, first.summary
    assert first.indicators["news_pickup"] < 2
    assert 15 <= first.indicators["excess_authors"] < 20, first.summary
    assert first.indicators["source_types"] >= 3


def _indicators(**values: float) -> dict[str, float]:
    # The last hour's indicators default to the episode's, and the near-duplicates
    # among what it added to all of its near-duplicates (classify reads them so).
    ind = {name: 0.0 for name in INDICATORS
           if not name.startswith("hour_")
           and name not in ("excess_near_duplicate_ratio", "history_hours")}  # a topic with a past
    ind.update(volume_ratio=3.0, peak_ratio=3.0, episode_volume=14.0, usual_hourly=5.0,
               duration_minutes=20.0)
    ind.update(values)
    return ind


def test_a_small_brand_shared_good_news_is_positive_buzz_not_a_flood() -> None:
    """Fourteen fans sharing the same good news once each: the top five carry 36% only
    because there are few of them, so the reposts do not make it a flood."""
    fans = _indicators(excess_positive_share=0.8, positive_share=0.8, distinct_authors=14.0,
                       near_duplicate_ratio=0.7, concentration=1.0, top_authors_share=5 / 14)
    assert classify(fans, DetectionSettings()).kind is Kind.POSITIVE_BUZZ
    # Four promotional accounts posting it over and over: a flood, never a positive buzz.
    bots = dict(fans, distinct_authors=4.0, concentration=3.5, top_authors_share=1.0)
    decision = classify(bots, DetectionSettings())
    assert decision.kind is Kind.VOLUME_SPIKE
    assert decision.evidence[0].feature in ("near_duplicate_ratio", "concentration")


def test_a_big_brand_fans_sharing_good_news_stay_positive_buzz() -> None:
    """A big brand's fans post 1.5 times each and repeat each other (74% near-duplicates),
    as its usual chatter does: still a positive buzz, not upbeat spam."""
    fans = _indicators(excess_positive_share=0.77, positive_share=0.7, distinct_authors=147.0,
                       episode_volume=226.0, usual_hourly=300.0, near_duplicate_ratio=0.74,
                       concentration=1.54, top_authors_share=0.27)
    assert classify(fans, DetectionSettings()).kind is Kind.POSITIVE_BUZZ


def crowd(near_dup: float) -> Callable[[BucketStats, int, random.Random], None]:
    """A negative wave without press on two kinds of sources only: three new voices a bucket
    on social media, one on a forum every other bucket, each with `near_dup` chance of
    repeating an earlier text."""
    def event(b: BucketStats, minute: int, rng: random.Random) -> None:
        add(b, 3, negative=0.9, fresh="s", near_dup=near_dup, rng=rng)
        if minute % 10 == 0:
            add(b, 1, negative=0.9, fresh="f", source="reddit", source_type="forum",
                near_dup=near_dup, rng=rng)
    return event


def test_a_small_brand_crowd_on_two_kinds_of_sources_is_a_crisis() -> None:
    """Three times the topic's scaled authors (30), posting once each in their own words, on
    social media and a forum, without press: a crisis once it has lasted, though no third
    kind of source joined it (before: bad buzz for the whole two hours)."""
    _, events = run(Detector(DetectionSettings()), small_stream(crowd(0.0), 120))
    crisis = [e for e in events if e.kind is Kind.CRISIS]
    assert crisis, [e.summary for e in events]
    first = crisis[0]
    assert (first.at.timestamp() - EVENT) / 60 <= 60, first.summary
    assert first.indicators["source_types"] == 2 and first.indicators["news_pickup"] < 1
    assert any(e.feature == "excess_authors" and e.threshold == 30 for e in first.evidence)


def test_a_crowd_of_single_post_accounts_repeating_one_text_stays_bad_buzz() -> None:
    """The same crowd, every mention repeating an earlier text (78-100% of the episode's
    mentions, 87-100% of what it added, over these four streams): many single-post accounts
    pasting one text is a flood's signature, not a crowd's; bad buzz, never a crisis,
    without press or a third kind of source."""
    for seed in (5, 6, 7, 8):
        _, events = run(Detector(DetectionSettings()), small_stream(crowd(1.0), 120, seed=seed))
        assert events and events[0].kind is Kind.BAD_BUZZ
        assert Kind.CRISIS not in [e.kind for e in events], [e.summary for e in events]


def test_a_crowd_passing_a_story_on_is_a_crisis_though_it_repeats_itself() -> None:
    """People passing a story on repeat each other: 63% of this crowd's mentions are
    near-duplicates (71% of what it added), over `flood_duplicate_ratio`, which held it as
    bad buzz before `crowd_duplicate_ratio`. Under that share of what it added, and from
    people posting once, it is a crisis within the hour."""
    _, events = run(Detector(DetectionSettings()), small_stream(crowd(0.8), 120, seed=6))
    crisis = [e for e in events if e.kind is Kind.CRISIS]
    assert crisis, [e.summary for e in events]
    first = crisis[0]
    assert (first.at.timestamp() - EVENT) / 60 <= 60, first.summary
    assert first.indicators["near_duplicate_ratio"] >= DetectionSettings().flood_duplicate_ratio
    assert first.indicators["excess_near_duplicate_ratio"] < 0.8
    assert "not one pasted text (71% near-duplicates among what it added)" in \
        first.evidence[-1].text


def test_a_crowd_repeating_a_story_as_templates_and_reposts_do_is_a_crisis() -> None:
    """A crowd repeating itself more: 77% of its mentions, 87% of what it added, are
    near-duplicates (templated posts and reposts). Under `crowd_duplicate_ratio` (0.9) it is
    a crisis 45 minutes in; at the former 0.8 it stayed bad buzz for its two hours. The
    single-post accounts pasting one text above reach 97-100% of what they added."""
    stream = small_stream(crowd(0.9), 120, seed=6)
    _, events = run(Detector(DetectionSettings()), stream)
    crisis = [e for e in events if e.kind is Kind.CRISIS]
    assert crisis, [e.summary for e in events]
    assert (crisis[0].at.timestamp() - EVENT) / 60 <= 45, crisis[0].summary
    assert 0.8 <= crisis[0].indicators["excess_near_duplicate_ratio"] < 0.9
    _, before = run(Detector(DetectionSettings(crowd_duplicate_ratio=0.8)), stream)
    assert Kind.CRISIS not in [e.kind for e in before]


def test_a_wave_the_press_covers_widely_needs_half_the_authors() -> None:
    """Six news stories beyond the usual (three times `crisis_min_news`, a critical
    crisis's press) are the story's spread already: half the scaled authors (10 of 20 on a
    brand heard from 20 times an hour) make it a crisis. With five stories, the twelve new
    authors are still too few, and the explanation says how many it needs."""
    s = DetectionSettings()
    covered = _indicators(excess_negative_share=0.8, negative_share=0.8, excess_authors=12.0,
                          distinct_authors=14.0, source_types=2.0, concentration=1.1,
                          usual_hourly=20.0, news_pickup=6.0, duration_minutes=45.0)
    decision = classify(covered, s, Kind.BAD_BUZZ)
    assert decision.kind is Kind.CRISIS
    spread = next(e for e in decision.evidence if e.feature == "excess_authors")
    assert spread.threshold == 10
    assert "(10 needed with this press coverage, 20 without)" in spread.text
    held = classify(dict(covered, news_pickup=5.0), s, Kind.BAD_BUZZ)
    assert held.kind is Kind.BAD_BUZZ
    assert held.evidence[-1].feature == "excess_authors" and held.evidence[-1].threshold == 20
    # A few loud accounts stay a bad buzz however much press they get.
    loud = dict(covered, concentration=2.5)
    assert classify(loud, s, Kind.BAD_BUZZ).kind is Kind.BAD_BUZZ


def test_a_crowd_is_called_crisis_while_it_still_brings_people() -> None:
    """A crowd's totals three hours after it ended, on a blip of a small brand's chatter
    (2.2 times the usual volume, 25% negative): its last hour brought two new people, no
    crowd; it stays bad buzz (a stream found calling it crisis 190 minutes after the wave
    ended). The same totals while the last hour brings a crowd's worth are a crisis."""
    s = DetectionSettings()
    ended = _indicators(excess_negative_share=0.83, negative_share=0.73, excess_authors=92.0,
                        distinct_authors=109.0, source_types=2.0, concentration=1.1,
                        near_duplicate_ratio=0.3, volume_ratio=2.2, peak_ratio=17.8,
                        hour_negative_ratio=2.6, hour_negative_share=0.25,
                        duration_minutes=310.0, hour_new_authors=2.0)
    assert classify(ended, s, Kind.BAD_BUZZ).kind is Kind.BAD_BUZZ
    assert classify(dict(ended, hour_new_authors=12.0), s, Kind.BAD_BUZZ).kind is Kind.CRISIS


def test_a_held_bad_buzz_says_what_a_crisis_still_needs() -> None:
    """Spread, without press: the explanation names the no-press path's needs; with press
    and lasting but fading under `min_ratio`, it says fading (not "only N min so far")."""
    s = DetectionSettings()
    spread = _indicators(excess_negative_share=0.8, negative_share=0.8, excess_authors=12.0,
                         distinct_authors=14.0, source_types=2.0, concentration=1.1,
                         duration_minutes=45.0)
    decision = classify(spread, s)
    assert decision.kind is Kind.BAD_BUZZ
    held = decision.evidence[-1]
    assert held.feature == "news_pickup"
    assert "3 kinds of sources and 15 new authors, or 30 posting once" in held.text
    fading = dict(spread, news_pickup=3.0, volume_ratio=1.2, hour_negative_ratio=1.1)
    decision = classify(fading, s)
    assert decision.kind is Kind.BAD_BUZZ
    assert decision.evidence[-1].feature == "volume_ratio"
    assert decision.evidence[-1].text == "fading: 1.2x the usual volume, 1.1x its usual " \
        "negative mentions"
    assert classify(dict(fading, volume_ratio=2.5), s).kind is Kind.CRISIS
    # Thresholds the counts must reach, so never rounded down: 1.5 x 19 authors is 29.
    odd = classify(dict(spread, usual_hourly=19.0, excess_authors=20.0), s).evidence[-1].text
    assert "3 kinds of sources and 29 new authors, or 57 posting once" in odd


def test_a_crisis_is_not_called_on_an_episode_no_longer_negative() -> None:
    """Whole-episode totals that would make a crisis (a day-long episode: a flood's anger,
    then a business brand's ordinary Monday over a baseline that has seen no Monday), but
    a last hour 15% negative: bad buzz, saying it is no longer negative."""
    stale = _indicators(excess_negative_share=0.77, negative_share=0.77, excess_authors=300.0,
                        distinct_authors=335.0, source_types=4.0, concentration=1.1,
                        near_duplicate_ratio=0.3, volume_ratio=7.3, peak_ratio=144.0,
                        duration_minutes=1225.0, hour_negative_share=0.15)
    decision = classify(stale, DetectionSettings(), Kind.BAD_BUZZ)
    assert decision.kind is Kind.BAD_BUZZ
    assert decision.evidence[-1].feature == "hour_negative_share"
    assert decision.evidence[-1].text == "no longer negative: 15% of the last hour"
    # Mixed reactions and neutral press in its last hour do not hold a crisis back.
    assert classify(dict(stale, hour_negative_share=0.3), DetectionSettings(),
                    Kind.BAD_BUZZ).kind is Kind.CRISIS


def test_copy_paste_shared_by_a_crowd_and_covered_by_the_press_is_no_flood() -> None:
    """96% near-duplicates from 1,200 new accounts posting 1.7 times each (reposts of one
    story), no loud few, 40 news stories beyond the usual: a crisis, not a flood. Without
    the press, or from a few accounts posting a lot, it stays a flood."""
    s = DetectionSettings()
    shared = _indicators(excess_negative_share=0.68, negative_share=0.68, excess_authors=1200.0,
                         distinct_authors=1300.0, source_types=4.0, concentration=1.72,
                         near_duplicate_ratio=0.96, top_authors_share=0.21, news_pickup=40.0,
                         usual_hourly=180.0, volume_ratio=4.8, peak_ratio=4.8,
                         duration_minutes=240.0)
    assert classify(shared, s, Kind.BAD_BUZZ).kind is Kind.CRISIS
    unread = classify(dict(shared, news_pickup=1.0), s, Kind.BAD_BUZZ)
    assert unread.kind is Kind.BAD_BUZZ
    assert unread.evidence[0].feature == "near_duplicate_ratio"
    few = dict(shared, top_authors_share=0.6)
    assert classify(few, s, Kind.BAD_BUZZ).kind is Kind.BAD_BUZZ


def test_a_wave_that_died_down_is_not_called_crisis_on_its_totals() -> None:
    """A bot flood on a tiny brand, held as bad buzz, then its topic back to normal for 160
    minutes and a stray mention: the flood's totals, its near-duplicates diluted under the
    flood tests, would make a crisis 7 hours after it ended. After a lull the last hour
    must be a negative wave by itself; the same totals with no lull are a crisis."""
    stale = _indicators(excess_negative_share=0.98, negative_share=0.98, excess_authors=46.0,
                        distinct_authors=52.0, source_types=3.0, concentration=1.19,
                        near_duplicate_ratio=0.85, volume_ratio=3.3, peak_ratio=91.7,
                        episode_volume=61.0, usual_hourly=1.9, duration_minutes=420.0,
                        hour_negative_share=0.5, hour_new_authors=0.4,
                        hour_negative_ratio=14.0, lull_minutes=160.0)
    decision = classify(stale, DetectionSettings(), Kind.BAD_BUZZ)
    assert decision.kind is Kind.BAD_BUZZ
    assert decision.evidence[-1].feature == "lull_minutes"
    assert decision.evidence[-1].text == (
        "its first wave died down (back to the usual volume for 160 min); since, its last "
        "hour is 3.3x the usual volume, 50% negative, with 0 new authors, where a crisis "
        "needs 2.0x, 45% and 5")
    assert classify(dict(stale, lull_minutes=0.0), DetectionSettings(),
                    Kind.BAD_BUZZ).kind is Kind.CRISIS
    # A crisis called before its lull stays one.
    assert classify(stale, DetectionSettings(), Kind.CRISIS).kind is Kind.CRISIS
    # A new negative wave after the lull, too small to open an episode of its own (a tiny
    # brand's), is a crisis once its last hour brings half the authors a crisis needs ...
    rising = dict(stale, hour_new_authors=5.0)
    assert classify(rising, DetectionSettings(), Kind.BAD_BUZZ).kind is Kind.CRISIS
    # ... and is a negative wave by itself: the topic's evening chatter is not, nor an
    # ordinary hour's volume whose negative mentions are many by chance.
    for chatter_after in (dict(rising, hour_negative_share=0.3),
                          dict(rising, volume_ratio=1.7, hour_negative_ratio=2.5)):
        assert classify(chatter_after, DetectionSettings(),
                        Kind.BAD_BUZZ).kind is Kind.BAD_BUZZ


def test_readings_after_a_lull_say_how_long_it_was() -> None:
    """`lull_minutes` is 0 while the first wave is on, and once the topic has been back to
    normal for over `split_after`, the readings of the stray mentions that follow (too few
    to open an episode of their own) carry the lull's length."""
    def wave_then_strays(b: BucketStats, minute: int, rng: random.Random) -> None:
        if minute < 30:
            add(b, 3, negative=0.9, fresh="p", rng=rng)
        elif minute in (200, 215):
            add(b, 1, negative=1.0, fresh="x", rng=rng)

    detector = Detector(DetectionSettings())
    state = detector.new_state("tiny")
    readings = []
    for b in small_stream(wave_then_strays, 30, after=200):
        readings += [(b.start, r) for r, _episode in detector.observe(state, b)[1]]
    episodes = {r.episode for _, r in readings}
    assert len(episodes) == 1
    early = [r.ind["lull_minutes"] for start, r in readings if start < EVENT + 30 * 60]
    late = [r.ind["lull_minutes"] for start, r in readings
            if start >= EVENT + 200 * 60 and not r.resolve]
    assert early and set(early) == {0.0}
    assert late and min(late) >= 60.0
