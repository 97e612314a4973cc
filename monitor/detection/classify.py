"""Crisis, bad buzz, positive buzz or plain volume spike: the decision and its reasons.

A small, readable rule set over the episode indicators (features.INDICATORS), every threshold
from DetectionSettings. The decision carries the few features that decided it, each with its
value, the threshold it crossed and a sentence a comms lead reads in five seconds.

The order of questions:
1. Is the talk negative? (negative share) - if not: positive buzz or neutral volume spike,
   and a volume spike if it is manufactured (upbeat spam is nobody's enthusiasm).
2. Is it manufactured? (near-duplicate ratio, mentions per author) - a flood stays bad buzz.
3. Has it spread? (distinct authors, kinds of sources) and has the press picked it up?
4. Has it lasted, or is it big enough to be a crisis already?
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from monitor.detection.settings import DetectionSettings
from monitor.model import Evidence, Kind, Severity

# The settings read here and nowhere else in detection: the detector's state never depends
# on them, so a sweep of one reclassifies one detection run (replay.reclassify) instead of
# detecting again. tests/detection/test_reclassify.py checks that no other module reads them.
CLASSIFY_ONLY = frozenset({
    "negative_share", "positive_share", "reclassify_margin", "high_ratio", "critical_ratio",
    "flood_duplicate_ratio", "crowd_duplicate_ratio", "flood_concentration",
    "crisis_min_authors",
    "crisis_min_authors_floor", "crisis_max_concentration",
    "crisis_min_source_types", "crisis_min_news", "crisis_news_noise", "crisis_min_duration",
    "crisis_fast_ratio",
})


# Without press pickup, the multiple of the (scaled) authors a crisis needs when they mostly
# post once (2 until 2026-11-27). On a brand heard from 5-15 times an hour, a crisis's 20th
# new voice comes a median 67-76 minutes after it starts, its 15th 56-65 (bench/
# scenarios_alt.py --rate 5 15); no labelled bad buzz of the benchmarks reaches 1.5 times
# its authors on three kinds of sources with fewer than 1.67 mentions per author
# (docs/detection-history.md, "Small topics: the first crisis call").
NO_PRESS_AUTHORS = 1.5
# The part of `negative_share` a crisis call needs in the episode's last hour (the totals
# decide the class; this only keeps a stale episode from being called crisis). At half, no
# crisis of the benchmarks is called later; at the full share, a large brand's crisis whose
# last hour was 31-37% negative (press and mixed reactions) waited an hour more.
STILL_NEGATIVE = 0.5
# The part of the (scaled) authors a crisis needs once the press covers it widely: three
# times `crisis_min_news` stories beyond the usual, the bar of a critical crisis. Six
# outlets reporting a negative story are its spread already; on the third scenario
# generator, slow burns the press had picked up waited up to 55 minutes for their tenth to
# 25th new voice, while no bad buzz, flood or news spike of any benchmark was called
# crisis at half (docs/detection-history.md, "Covered by the press, and templated crowds").
COVERED_AUTHORS = 0.5
# After a lull, the share of the authors a crisis needs (crisis_authors) that the episode's
# last hour must bring for a crisis call: an hour carries part of a wave's people.
LULL_AUTHORS = 0.5
# Hours of history under which a topic's baseline has no daily profile (baseline.py: the
# first day's level follows the day, the hour profile is measured at its end).
COLD_START_HOURS = 24.0


@dataclass(frozen=True, slots=True)
class Decision:
    kind: Kind
    severity: Severity
    evidence: tuple[Evidence, ...]


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _ev(feature: str, value: float, threshold: float | None, op: str, text: str) -> Evidence:
    return Evidence(feature=feature, value=float(value), threshold=threshold, op=op, text=text)


def classify(ind: dict[str, float], s: DetectionSettings, current: Kind | None = None) -> Decision:
    """Classify an episode from its indicators. `current` adds hysteresis: an episode keeps
    its class unless the shares move past the threshold by `reclassify_margin`; a crisis
    stays a crisis. Deterministic and pure. On a topic watched for less than a day, the
    decision also says so (_cold_start)."""
    decision = _decide(ind, s, current)
    history = ind.get("history_hours")
    if history is None or history >= COLD_START_HOURS:
        return decision
    return Decision(decision.kind, decision.severity, (*decision.evidence, _cold_start(history)))


def _cold_start(hours: float) -> Evidence:
    """The caveat of a young topic: "usual" is its first hours, not a day, so its daily rise
    reads as growth (a new topic's first morning, ordinary chatter at five times the night's
    volume with half of an hour's posts negative, can look like a crisis; nothing the volume
    or the tone shows tells the two apart). Alert rules can route on `history_hours`."""
    shown = f"{hours:.0f} h" if hours >= 1 else f"{hours * 60:.0f} min"
    return _ev("history_hours", hours, COLD_START_HOURS, "<",
               f"watched for only {shown}: its daily rhythm is not known yet, so part of "
               f"this may be an ordinary day")


def _decide(ind: dict[str, float], s: DetectionSettings, current: Kind | None) -> Decision:
    margin = s.reclassify_margin
    neg_cut = s.negative_share - (margin if current in (Kind.CRISIS, Kind.BAD_BUZZ) else 0.0)
    pos_cut = s.positive_share - (margin if current is Kind.POSITIVE_BUZZ else 0.0)
    # Judge the tone of what the episode added over the usual chatter (see features.py).
    neg, pos = ind["excess_negative_share"], ind["excess_positive_share"]
    ratio, peak = ind["volume_ratio"], ind["peak_ratio"]
    size = _ev("peak_ratio", peak, s.min_ratio, ">=",
               f"{peak:.1f}x the usual volume ({ind['episode_volume']:.0f} mentions)")

    # The authors a crisis needs on this topic (crisis_authors).
    min_authors = crisis_authors(ind, s)
    # A flood is copy-paste from few accounts, or a few accounts posting a lot (_flood) ...
    dup, conc = ind["near_duplicate_ratio"], ind["concentration"]
    flood_dup, flood_conc, few_loud = _flood(dup, conc, ind["top_authors_share"],
                                             ind["distinct_authors"], s)
    # ... and a flood is held only while its last hour is one too, or is no wave without
    # its five loudest accounts, or brought fewer new people than a crisis needs: a bot
    # flood followed by real outrage is judged on the outrage once the bots no longer make
    # the hour (their thousands of posts would otherwise hold the whole episode as a flood
    # for hours); a flood that is fading, or just stopped, stays what it was, and so do
    # many bots posting once an hour each (they are no new people).
    hour_conc = ind.get("hour_concentration", conc)
    hour_top = ind.get("hour_top_authors_share", ind["top_authors_share"])
    hour_dup = ind.get("hour_near_duplicate_ratio", dup)
    hour = _flood(hour_dup, hour_conc, hour_top,
                  ind.get("hour_distinct_authors", ind["distinct_authors"]), s,
                  margin=s.reclassify_margin)  # clearly no flood: not on a single mention
    lifted = (flood_dup or flood_conc) and not (hour[0] or hour[1]) \
        and ind["volume_ratio"] * (1.0 - hour_top) >= s.min_ratio \
        and ind.get("hour_new_authors", 0.0) >= min_authors
    if lifted:
        flood_dup = flood_conc = few_loud = False
    # ... nor is copy-paste from many accounts held as a flood once the press covers it and
    # a crowd shares it: with no loud few nor accounts posting a lot, three times
    # `crisis_min_news` stories and four times `crisis_min_authors` new authors (what makes
    # a crisis critical) are a story passed on by reposts, not a bot network.
    if flood_dup and not (flood_conc or few_loud) \
            and _wide_press(ind, s) \
            and ind["excess_authors"] >= 4 * s.crisis_min_authors:
        flood_dup = False
    flood_ev = (_ev("near_duplicate_ratio", dup, s.flood_duplicate_ratio, ">=",
                    f"{_pct(dup)} near-duplicates: copy-paste or bot flood")
                if flood_dup else
                _ev("concentration", conc, s.flood_concentration, ">=",
                    f"{conc:.1f} mentions per author: a few accounts drive it"))

    if current is not Kind.CRISIS and not (neg >= neg_cut and neg >= pos):
        spam = flood_conc or (flood_dup and few_loud)
        if current is Kind.POSITIVE_BUZZ:
            # A positive buzz stays one unless its accounts come to post `flood_concentration`
            # times each: fans do not, promotional bots do (a hundred of them posting 3-15
            # copies each read as fans at 1.5 posts each half an hour in).
            spam = flood_conc
        if spam:
            # Spam and giveaway bots post upbeat copy-paste: loud, but nobody's enthusiasm,
            # so never a positive buzz to celebrate. Only the few-accounts tests: fans
            # sharing good news post 1.5-2 times each and repeat each other as much as a big
            # brand's usual chatter does.
            tone = _ev("positive_share", pos, None, "",
                       f"{_pct(pos)} positive, {_pct(neg)} negative: not a backlash")
            return Decision(Kind.VOLUME_SPIKE, Severity.LOW, (flood_ev, tone, size))
        if pos >= pos_cut and pos > neg:
            evidence = (_ev("positive_share", pos, s.positive_share, ">=",
                            f"{_pct(pos)} positive (threshold {_pct(s.positive_share)})"), size)
            severity = Severity.MEDIUM if peak >= s.high_ratio else Severity.LOW
            return Decision(Kind.POSITIVE_BUZZ, severity, evidence)
        evidence = (size, _ev("negative_share", neg, s.negative_share, "<",
                              f"only {_pct(neg)} negative: news or chatter, not a backlash"))
        severity = Severity.MEDIUM if peak >= s.critical_ratio else Severity.LOW
        return Decision(Kind.VOLUME_SPIKE, severity, evidence)

    negative = _ev("negative_share", neg, s.negative_share, ">=",
                   f"{_pct(neg)} negative (threshold {_pct(s.negative_share)})")
    # What the episode brought: authors and press beyond the topic's usual chatter.
    authors, types = ind["excess_authors"], ind["source_types"]
    news, minutes = ind["news_pickup"], ind["duration_minutes"]
    # Spread: enough new people, on enough kinds of sources, and many people rather than a
    # few loud ones (a crisis's mentions come from people who mostly post once or twice).
    conc_now = hour_conc if lifted else conc  # the bots' posts are not the outrage's
    noise = _news_noise(ind, s)
    press_bar = s.crisis_min_news + noise
    press = s.crisis_min_news > 0 and news >= press_bar
    covered = press and _wide_press(ind, s)
    need = min_authors * (COVERED_AUTHORS if covered else 1.0)
    spread = authors >= need and types >= s.crisis_min_source_types \
        and conc_now < s.crisis_max_concentration
    lasting = minutes >= s.seconds("crisis_min_duration") / 60.0
    fast = peak >= s.crisis_fast_ratio
    spread_ev = _ev("excess_authors", authors, need, ">=",
                    f"{authors:.0f} more authors than usual, across {types:.0f} kinds of sources"
                    + (f" ({need:.0f} needed with this press coverage, {min_authors:.0f} "
                       f"without)" if covered and authors < min_authors else ""))
    press_ev = _ev("news_pickup", news, press_bar, ">=",
                   f"picked up by the press: {news:.0f} more news stories than usual"
                   + (f" ({_needed(press_bar)} needed: it usually sees "
                      f"{_usual_news(ind):.0f} in this time)" if noise >= 0.5 else ""))
    last_ev = _ev("duration_minutes", minutes, s.seconds("crisis_min_duration") / 60.0, ">=",
                  f"lasting {minutes:.0f} min, still {ratio:.1f}x the usual volume")

    if current is Kind.CRISIS:
        return Decision(Kind.CRISIS, _crisis_severity(ind, s), (negative, spread_ev, press_ev, size))
    if flood_dup or flood_conc:
        return Decision(Kind.BAD_BUZZ, Severity.LOW, (flood_ev, negative, size))
    # Press pickup with spread makes a crisis once it lasts or is big; without the press, a
    # negative wave must also reach a third kind of source with more authors, or be a crowd
    # (below), and last.
    wide = authors >= 3 * min_authors
    # A crisis is called on a live wave, not on the totals of one that is fading: its
    # volume, or its negative mentions, still `min_ratio` times the usual (a large brand's
    # outrage can double its critics well before it doubles its volume).
    # ... and still negative: its last hour at least STILL_NEGATIVE of `negative_share`
    # negative. An episode kept open for a day (a weekend flood, then a business brand's
    # ordinary Monday over a baseline that has seen no Monday yet) must not be called a
    # crisis on the day's authors and the flood's tone.
    hour_neg = ind.get("hour_negative_share", neg)
    still = hour_neg >= STILL_NEGATIVE * s.negative_share
    neg_ratio = ind.get("hour_negative_ratio", 0.0)
    live = (ratio >= s.min_ratio or neg_ratio >= s.min_ratio) and still
    # ... and, after a lull (`split_after` back near the baseline), not on the totals of
    # the wave that died down: what came since, too small to open an episode of its own,
    # must be a negative wave by itself, its last hour `min_ratio` times the usual volume,
    # `negative_share` negative and bringing half the new authors a crisis needs. The
    # totals alone called crisis on floods and bad buzz hours after they ended (a flood's
    # near-duplicate share diluted under the flood tests by one stray mention; a brand's
    # evening chatter, 27% negative, or an hour of ordinary chatter 49% negative by
    # chance, on a bad buzz's tone), while a tiny brand's crisis rising after a lull
    # without the volume to open an episode still shows in its last hour.
    lull = ind.get("lull_minutes", 0.0)
    hour_authors = ind.get("hour_new_authors", authors)
    fresh = lull <= 0.0 or (ratio >= s.min_ratio and hour_neg >= s.negative_share
                            and hour_authors >= LULL_AUTHORS * min_authors)
    if spread and press and live and fresh and (lasting or fast or wide):
        if lasting:
            third = last_ev
        elif fast:
            third = _ev("peak_ratio", peak, s.crisis_fast_ratio, ">=",
                        f"{peak:.1f}x the usual volume already")
        else:
            third = _ev("excess_authors", authors, 3.0 * min_authors, ">=",
                        f"already {authors:.0f} people talking about it")
        return Decision(Kind.CRISIS, _crisis_severity(ind, s), (negative, spread_ev, press_ev,
                                                                third))
    # Without the press, a negative wave must reach a third kind of source, more authors,
    # and last: twice `crisis_min_authors`, or NO_PRESS_AUTHORS (1.5) times the topic's
    # scaled number if they mostly post once (under half the flood concentration): without
    # the press to corroborate it, a few loud accounts and their echo on a small brand are
    # a bad buzz.
    once = conc_now < s.flood_concentration / 2
    many = 2.0 * s.crisis_min_authors
    if once:
        many = min(many, NO_PRESS_AUTHORS * min_authors)
    broad = types >= s.crisis_min_source_types + 1 and authors >= many
    # Or a crowd on two kinds of sources: `wide` (three times the authors), people who mostly
    # post once, not pasting one text (_pasted). A small brand's outrage on social media and
    # forums is a crisis before a third kind of source or the press joins it. No labelled
    # bad buzz of the benchmarks reached twice the authors so; many single-post bots do,
    # repeating one text at 95-100% of what they add when they pass the crowd's other
    # tests, while people passing a templated story on repeat each other at 30-90%
    # (docs/detection-history.md, "A crowd on two kinds of sources", "Passing a story
    # on", "Covered by the press, and templated crowds").
    if lifted:
        dup_now = hour_dup
        dup_added = ind.get("hour_excess_near_duplicate_ratio", hour_dup)
    else:
        dup_now, dup_added = dup, ind.get("excess_near_duplicate_ratio", dup)
    pasted = _pasted(dup_now, dup_added, s)
    # ... and still a crowd: its last hour brought the authors a crisis needs. Its totals
    # alone would call a wave that ended hours ago on a blip of a small brand's chatter.
    growing = hour_authors >= min_authors
    crowd = wide and once and not pasted and growing
    if spread and (broad or crowd) and lasting and live and fresh:
        fourth = size if broad else _ev(
            "excess_authors", authors, 3.0 * min_authors, ">=",
            f"{authors:.0f} people, mostly posting once, not one pasted text "
            f"({_pct(dup_added)} near-duplicates among what it added)")
        return Decision(Kind.CRISIS, _crisis_severity(ind, s), (negative, spread_ev, last_ev,
                                                                fourth))
    held = []
    if not fresh and spread and live and (press or broad or crowd):
        held.append(_ev("lull_minutes", lull, 0.0, ">",
                        f"its first wave died down (back to the usual volume for "
                        f"{lull:.0f} min); since, its last hour is {ratio:.1f}x the usual "
                        f"volume, {_pct(hour_neg)} negative, with {hour_authors:.0f} new "
                        f"authors, where a crisis needs {s.min_ratio:.1f}x, "
                        f"{_pct(s.negative_share)} and {math.ceil(LULL_AUTHORS * min_authors)}"))
    elif not spread and conc_now >= s.crisis_max_concentration:
        held.append(_ev("concentration", conc_now, s.crisis_max_concentration, ">=",
                        f"driven by few accounts: {conc_now:.1f} mentions per author"))
    elif not spread:
        held.append(_ev("excess_authors", authors, need, "<",
                        f"contained: {authors:.0f} authors, {types:.0f} kind(s) of sources"))
    elif not press and not (broad or crowd):
        # Say what would make it a crisis without the press, too. The pickup is rounded
        # down: two stories where a twentieth of one is usual are 1.95, short of 2, and
        # "2 news stories" read as if the threshold were met.
        held.append(_ev("news_pickup", news, press_bar, "<",
                        f"no press pickup yet: {math.floor(news * 10) / 10:.1f} more news "
                        f"stories than usual, {_needed(press_bar)} needed; "
                        f"without it, a "
                        f"crisis needs {s.crisis_min_source_types + 1} kinds of sources and "
                        f"{math.ceil(many)} new authors, or {math.ceil(3 * min_authors)} "
                        f"posting once, not one pasted text"))
    elif not still:
        held.append(_ev("hour_negative_share", hour_neg, STILL_NEGATIVE * s.negative_share,
                        "<", f"no longer negative: {_pct(hour_neg)} of the last hour"))
    elif not live:
        held.append(_ev("volume_ratio", ratio, s.min_ratio, "<",
                        f"fading: {ratio:.1f}x the usual volume, {neg_ratio:.1f}x its usual "
                        f"negative mentions"))
    else:
        held.append(_ev("duration_minutes", minutes, s.seconds("crisis_min_duration") / 60.0,
                        "<", f"only {minutes:.0f} min so far"))
    severity = Severity.MEDIUM if peak >= s.high_ratio else Severity.LOW
    return Decision(Kind.BAD_BUZZ, severity, (negative, size, *held))


def _flood(dup: float, conc: float, top: float, authors: float, s: DetectionSettings,
           margin: float = 0.0) -> tuple[bool, bool, bool]:
    """The flood tests: (near-duplicates from few accounts, many posts per account, a loud
    top five), with the shares' thresholds `margin` lower and the concentration's twice
    `margin` lower in proportion. Near-duplicates alone are also what a story shared by
    thousands looks like, so they count only with accounts posting more than once on
    average (half the concentration threshold) or a top five carrying 30%, and twice their
    equal share: among 16 authors posting once each, the top five carry 31%."""
    per_author = s.flood_concentration * (1.0 - 2.0 * margin)
    few_loud = top >= 0.3 - margin and top * authors >= 10.0
    flood_dup = dup >= s.flood_duplicate_ratio - margin and (conc >= per_author / 2
                                                             or few_loud)
    return flood_dup, conc >= per_author, few_loud


def _pasted(dup: float, added: float, s: DetectionSettings) -> bool:
    """Whether near-duplicates make a wave one pasted text: over `flood_duplicate_ratio` of
    all the episode's mentions and over `crowd_duplicate_ratio` of what it added. The
    first share is diluted by the usual chatter (a wave pasting one text at three times
    the usual volume reads two thirds), the second by nothing but over-counts where the
    usual chatter repeats itself (a big brand's): both must say so."""
    return dup >= s.flood_duplicate_ratio and added >= s.crowd_duplicate_ratio


def _wide_press(ind: dict[str, float], s: DetectionSettings) -> bool:
    """The press of a critical crisis: three times `crisis_min_news` stories beyond the
    usual (at least three) and its noise (_news_noise). It also lifts a flood of reposts
    and halves the authors a crisis needs (COVERED_AUTHORS)."""
    return ind["news_pickup"] >= 3 * max(s.crisis_min_news, 1) + _news_noise(ind, s)


def _usual_news(ind: dict[str, float]) -> float:
    """News stories the topic usually sees in the episode's time (known when it saw more)."""
    return max(0.0, ind["news_stories"] - ind["news_pickup"]) if ind["news_pickup"] > 0 else 0.0


def _news_noise(ind: dict[str, float], s: DetectionSettings) -> float:
    """What press pickup must exceed besides `crisis_min_news`: `crisis_news_noise` standard
    deviations of the topic's usual news count (Poisson: its square root). Two stories
    beyond the usual are news on a brand the press mentions twice a day and noise on one it
    mentions twenty times in an afternoon (a fourth scenario generator's floods and bad buzz
    on such brands were called crisis on 3-11 stories within their usual variation)."""
    return s.crisis_news_noise * math.sqrt(_usual_news(ind))


def _needed(value: float) -> str:
    """A count threshold as a reader counts: 2 for 2.0, 3 for 2.4."""
    return str(math.ceil(value - 1e-9))


def crisis_authors(ind: dict[str, float], s: DetectionSettings) -> float:
    """The authors an episode needs to spread into a crisis, scaled to the topic's usual
    audience: `crisis_min_authors`, or an average hour of the topic's mentions when that is
    fewer, never below `crisis_min_authors_floor` (nor above `crisis_min_authors`): ten new
    voices are a crowd for a brand that hears from five an hour, one that hears from 500
    needs the full number. Indicators without `usual_hourly` get `crisis_min_authors`."""
    usual = ind.get("usual_hourly") or float(s.crisis_min_authors)
    floor = min(s.crisis_min_authors_floor, s.crisis_min_authors)
    return float(max(floor, min(s.crisis_min_authors, round(usual))))


def _crisis_severity(ind: dict[str, float], s: DetectionSettings) -> Severity:
    big = ind["peak_ratio"] >= s.critical_ratio or (
        _wide_press(ind, s)
        and ind["distinct_authors"] >= 4 * s.crisis_min_authors
    )
    return Severity.CRITICAL if big else Severity.HIGH


def summary(topic: str, kind: Kind, severity: Severity, ind: dict[str, float]) -> str:
    """One line for a comms lead: what, how big, how negative, how far it spread."""
    label = kind.value.replace("_", " ")
    parts = [f"{ind['peak_ratio']:.1f}x usual volume"]
    if kind in (Kind.CRISIS, Kind.BAD_BUZZ):
        parts.append(f"{ind['negative_share'] * 100:.0f}% negative")
    elif kind is Kind.POSITIVE_BUZZ:
        parts.append(f"{ind['positive_share'] * 100:.0f}% positive")
    parts.append(f"{ind['distinct_authors']:.0f} authors")
    if ind["news_pickup"] >= 1:
        parts.append(f"{ind['news_stories']:.0f} news stories")
    if ind["near_duplicate_ratio"] >= 0.3:
        parts.append(f"{ind['near_duplicate_ratio'] * 100:.0f}% near-duplicates")
    parts.append(f"{ind['duration_minutes']:.0f} min")
    return f"{topic}: {label} ({severity.value}) - " + ", ".join(parts)
