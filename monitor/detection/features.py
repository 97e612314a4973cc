"""What an open episode has accumulated, and the indicators computed from it.

An episode keeps running totals of every bucket since it opened (volume and its baseline,
sentiment counts, authors, sources, source types, near-duplicates, reach). Indicators are the
named numbers alert rules and the classifier read; `INDICATORS` documents each one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from monitor.model import BucketStats

NEWS = "news"
TYPE_MIN = 3  # mentions from a kind of source before the episode counts as reaching it
# ... and twice its usual number, or this part of what the episode added: on a large brand
# whose volume rose by half while its tone turned, no kind of source doubles, yet the one
# that carries a fifth of the wave has been reached (docs/detection-history.md, "Tone before
# volume").
TYPE_SHARE = 0.2

# Indicator names (EpisodeEvent.indicators) and what they mean; docs/detection.md lists them.
INDICATORS: dict[str, str] = {
    "volume": "mentions (distinct stories) in the last window",
    "baseline": "mentions the baseline expected in the last window",
    "volume_ratio": "volume / baseline over the last window",
    "peak_ratio": "highest volume_ratio since the rise began",
    "surprise": "-log10 of the probability of the volume under the baseline (the most "
                "surprising of the last bucket, 15 minutes and window)",
    "episode_volume": "mentions since the rise began",
    "excess": "mentions above baseline since the rise began",
    "negative_share": "negative / scored mentions since the rise began",
    "excess_negative_share": "negative share of the mentions above the usual ones (what the "
                             "episode added; equals negative_share when little was added)",
    "excess_positive_share": "the same for positive mentions",
    "positive_share": "positive / scored mentions since the rise began",
    "negative_intensity": "mean strength of negative mentions (0-1, VADER compound)",
    "distinct_authors": "distinct authors since the rise began",
    "distinct_sources": "distinct sources (feeds) since the rise began",
    "excess_authors": "distinct authors beyond the mentions the baseline expected (the "
                      "people the episode brought)",
    "usual_hourly": "mentions the topic sees in an average hour (its baseline level): the "
                    "size of its usual audience",
    "source_types": "kinds of sources the episode reached (social, news, forum, blog, video): "
                    "at least 3 mentions, and twice their usual number or a fifth of what "
                    "the episode added; a kind once reached stays reached",
    "news_stories": "news stories since the rise began",
    "news_pickup": "news stories beyond the usual number for the topic (press pickup)",
    "news_share": "news stories / episode volume",
    "near_duplicate_ratio": "near-duplicate mentions / episode volume (copy-paste, bots)",
    "excess_near_duplicate_ratio": "near-duplicate mentions / the mentions the episode added "
                                   "over the usual, at most 1 (the wave's own copy-paste, "
                                   "as if the usual chatter had none)",
    "concentration": "mentions per distinct author (a few accounts posting a lot)",
    "top_authors_share": "share of mentions from the 5 most active authors",
    "hour_near_duplicate_ratio": "near_duplicate_ratio of the episode's last hour (the window)",
    "hour_excess_near_duplicate_ratio": "excess_near_duplicate_ratio of the episode's last hour",
    "hour_concentration": "concentration of the episode's last hour",
    "hour_top_authors_share": "top_authors_share of the episode's last hour",
    "hour_distinct_authors": "distinct authors of the episode's last hour",
    "hour_negative_share": "excess_negative_share of the episode's last hour: whether the "
                           "wave is still negative",
    "hour_negative_ratio": "negative mentions of the episode's last hour / the number its "
                           "baseline expected: whether a negative wave is still on, on a "
                           "topic whose volume rose less than its tone turned",
    "hour_new_authors": "authors of the episode's last hour it had not heard from before, "
                        "beyond the mentions the baseline expected in that hour (the people "
                        "a new wave brought)",
    "lull_minutes": "minutes the topic spent back near its baseline in the episode's last "
                    "lull (a quiet run of at least split_after; 0 if none): its wave died "
                    "down, and what follows did not rise enough to open an episode of its own",
    "history_hours": "hours of the topic's own history behind its baseline; under 24 it has "
                     "no daily rhythm yet (cold start)",
    "reach": "summed audience of the mentions since the rise began",
    "duration_minutes": "minutes since the rise began (the onset, up to an hour or so before "
                        "the episode opened), or since its negative run began if it turned",
    "acceleration": "last 15 minutes' volume / the 15 minutes before",
    "decay": "volume_ratio / peak_ratio (1 at the peak, near 0 when it fades)",
}


@dataclass(slots=True)
class Totals:
    """Running totals of an episode; JSON-able through to_dict/from_dict."""

    volume: int = 0
    expected: float = 0.0
    expected_negative: float = 0.0
    expected_positive: float = 0.0
    expected_scored: float = 0.0
    positive: int = 0
    neutral: int = 0
    negative: int = 0
    negative_intensity: float = 0.0
    reach: int = 0
    syndicated: int = 0
    near_duplicates: int = 0
    authors_estimate: int = 0  # when buckets carry only estimates (coarse roll-ups)
    authors: dict[str, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    source_types: dict[str, int] = field(default_factory=dict)
    expected_types: dict[str, float] = field(default_factory=dict)
    # Kinds of sources the episode has reached so far (reach_types): once reached, a kind
    # stays reached, though a later surge elsewhere may outgrow its share of the wave.
    reached: list[str] = field(default_factory=list)

    def add(self, bucket: BucketStats, expected: float, expected_negative: float = 0.0,
            expected_positive: float = 0.0, expected_scored: float = 0.0,
            expected_types: dict[str, float] | None = None) -> None:
        self.volume += bucket.volume
        self.expected += expected
        self.expected_negative += expected_negative
        self.expected_positive += expected_positive
        self.expected_scored += expected_scored
        for key, value in (expected_types or {}).items():
            self.expected_types[key] = self.expected_types.get(key, 0.0) + value
        self.positive += bucket.positive
        self.neutral += bucket.neutral
        self.negative += bucket.negative
        self.negative_intensity += bucket.negative_intensity
        self.reach += bucket.reach
        self.syndicated += bucket.syndicated
        self.near_duplicates += bucket.near_duplicates
        if not bucket.authors and bucket.distinct_authors_estimate:
            self.authors_estimate += bucket.distinct_authors_estimate
        for target, source in ((self.authors, bucket.authors), (self.sources, bucket.sources),
                               (self.source_types, bucket.source_types)):
            for key, count in source.items():
                target[key] = target.get(key, 0) + count

    @property
    def scored(self) -> int:
        return self.positive + self.neutral + self.negative

    @property
    def distinct_authors(self) -> int:
        return len(self.authors) + self.authors_estimate

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Totals:
        copied: dict[str, Any] = {k: (dict(v) if isinstance(v, dict) else
                                      list(v) if isinstance(v, list) else v)
                                  for k, v in data.items()}
        return cls(**copied)

    def reach_types(self) -> None:
        """Remember the kinds of sources reached by now (_types_reached)."""
        self.reached = sorted(set(self.reached) | _types_reached(self))


@dataclass(frozen=True, slots=True)
class Window:
    """The sliding window as the detector sees it at the current bucket."""

    volume: float
    baseline: float
    surprise: float
    recent: float  # last 15 minutes
    before: float  # the 15 minutes before those
    usual_hourly: float = 0.0  # mentions in an average hour of the topic (0: unknown)
    # The open episode's buckets of the window (None: its totals stand for them).
    last_hour: Totals | None = None
    history_hours: float | None = None  # the baseline's history (None: not known)


def indicators(totals: Totals, window: Window, peak_ratio: float,
               duration_minutes: float) -> dict[str, float]:
    """The named indicators of an episode at the current bucket (see INDICATORS)."""
    volume = max(totals.volume, 0)
    scored = totals.scored
    authors = totals.distinct_authors
    ratio = window.volume / window.baseline if window.baseline > 0 else 0.0
    news = totals.source_types.get(NEWS, 0)
    dup, conc, top = _who(totals)
    hour = window.last_hour
    hour_dup, hour_conc, hour_top = (dup, conc, top) if hour is None else _who(hour)
    negative = _excess_share(totals, totals.negative, totals.expected_negative)
    out = {
        "volume": window.volume,
        "baseline": round(window.baseline, 3),
        "volume_ratio": ratio,
        "peak_ratio": max(peak_ratio, ratio),
        "surprise": window.surprise,
        "episode_volume": float(volume),
        "excess": max(0.0, volume - totals.expected),
        "negative_share": totals.negative / scored if scored else 0.0,
        "excess_negative_share": negative,
        "excess_positive_share": _excess_share(totals, totals.positive,
                                               totals.expected_positive),
        "positive_share": totals.positive / scored if scored else 0.0,
        "negative_intensity": (totals.negative_intensity / totals.negative
                               if totals.negative else 0.0),
        "distinct_authors": float(authors),
        "excess_authors": max(0.0, authors - totals.expected),
        "usual_hourly": window.usual_hourly,
        "distinct_sources": float(len(totals.sources)),
        "source_types": float(len(set(totals.reached) | _types_reached(totals))),
        "news_stories": float(news),
        "news_pickup": max(0.0, news - totals.expected_types.get(NEWS, 0.0)),
        "news_share": news / volume if volume else 0.0,
        "near_duplicate_ratio": dup,
        "excess_near_duplicate_ratio": _excess_duplicates(totals),
        "concentration": conc,
        "top_authors_share": top,
        "hour_near_duplicate_ratio": hour_dup,
        "hour_excess_near_duplicate_ratio": _excess_duplicates(totals if hour is None else hour),
        "hour_concentration": hour_conc,
        "hour_top_authors_share": hour_top,
        "hour_distinct_authors": float(authors if hour is None else hour.distinct_authors),
        "hour_negative_share": (negative if hour is None
                                else _excess_share(hour, hour.negative, hour.expected_negative)),
        "hour_negative_ratio": (_ratio(totals.negative, totals.expected_negative) if hour is None
                                else _ratio(hour.negative, hour.expected_negative)),
        "hour_new_authors": (max(0.0, authors - totals.expected) if hour is None
                             else _new_authors(totals, hour)),
        "reach": float(totals.reach),
        "duration_minutes": duration_minutes,
        "acceleration": (window.recent + 1.0) / (window.before + 1.0),
        "decay": ratio / max(peak_ratio, ratio) if max(peak_ratio, ratio) > 0 else 0.0,
    }
    if window.history_hours is not None:
        out["history_hours"] = window.history_hours
    return out


def _types_reached(totals: Totals) -> set[str]:
    """Kinds of sources the episode's totals show it reaching now: TYPE_MIN mentions, and
    twice their usual number or TYPE_SHARE of the episode's excess above it. Where a wave
    spreads in proportion to a topic's usual mix, a kind can qualify on its share of a
    young wave and lose it as the wave surges elsewhere: Totals.reach_types keeps it."""
    excess = totals.volume - totals.expected
    out = set()
    for kind, count in totals.source_types.items():
        usual = totals.expected_types.get(kind, 0.0)
        if count >= TYPE_MIN and (count >= 2.0 * usual
                                  or (excess > 0 and count - usual >= TYPE_SHARE * excess)):
            out.add(kind)
    return out


def _excess_duplicates(totals: Totals) -> float:
    """Near-duplicates over what the episode added, at most 1. The episode's ratio counts
    the usual chatter too, which dilutes a wave: one that pastes one text at three times
    the usual volume reads two thirds."""
    excess = totals.volume - totals.expected
    if excess <= 0:
        return 1.0 if totals.near_duplicates else 0.0
    return min(1.0, totals.near_duplicates / excess)


def _ratio(count: float, expected: float) -> float:
    """count / expected, 0 when nothing was expected (an unknown ratio does not count)."""
    return count / expected if expected > 0 else 0.0


def _new_authors(totals: Totals, hour: Totals) -> float:
    """Authors whose every mention in the episode is in `hour`, beyond its expected volume."""
    new = sum(1 for name, count in hour.authors.items() if totals.authors.get(name, 0) <= count)
    return max(0.0, new + hour.authors_estimate - hour.expected)


def _who(totals: Totals) -> tuple[float, float, float]:
    """Near-duplicate ratio, mentions per author and the top five authors' share."""
    volume, authors = max(totals.volume, 0), totals.distinct_authors
    mentions = sum(totals.authors.values()) if totals.authors else volume + totals.syndicated
    top = sorted(totals.authors.values(), reverse=True)[:5]
    return (totals.near_duplicates / volume if volume else 0.0,
            mentions / authors if authors else 0.0,
            sum(top) / sum(totals.authors.values()) if totals.authors else 0.0)


def _excess_share(totals: Totals, count: int, usual: float) -> float:
    """Negative share of what the episode added over the usual chatter, so that a wave is
    judged by its own tone, not diluted by the ordinary mentions around it. Falls back to
    the plain share when the excess is too small to judge (fewer than 10 scored)."""
    scored = totals.scored
    plain = count / scored if scored else 0.0
    extra = scored - totals.expected_scored
    if extra < 10 or extra < 0.25 * scored:
        return plain
    share = (count - usual) / extra
    return min(1.0, max(0.0, share))
