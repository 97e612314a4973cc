"""Detection settings from vigie.yaml (`detection:`), with per-topic overrides.

Every threshold the detector and the classifier use is a field here, so an ops team tunes
behaviour in vigie.yaml (globally, or per topic under `topics[].detection`) and never in code.
Durations accept the one Vigie syntax (`90s`, `15m`, `1h30m`, `2d`) and are kept in seconds.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from monitor.timeutil import parse_duration

_DURATIONS = (
    "bucket", "window", "warmup", "resolve_after", "split_after", "crisis_min_duration",
    "silence_after",
    "level_half_life", "season_half_life", "dispersion_half_life", "habituation_half_life",
    "record_half_life", "score_delay", "score_aftershock",
)


class DetectionSettings(BaseModel):
    """Thresholds of the spike detector and the episode classifier (all documented in
    docs/detection.md). Frozen: `for_topic` returns a new object."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # --- buckets and baseline -------------------------------------------------------------
    bucket: str = Field(default="5m", description="Width of the buckets the detector reads.")
    window: str = Field(
        default="1h",
        description="Length of the sliding window tested besides the single bucket; catches "
        "slow burns that no single bucket shows.",
    )
    warmup: str = Field(
        default="2h",
        description="History a new topic needs before it may open an episode (cold start).",
    )
    level_half_life: str = Field(
        default="12h", description="How fast the baseline level follows a slow trend."
    )
    season_half_life: str = Field(
        default="3d",
        description="How fast the hour-of-day profile adapts (counted in days of that hour; the "
        "day-of-week profile, learned after a week, counts it in weeks of that day).",
    )
    dispersion_half_life: str = Field(
        default="2d", description="How fast the estimate of ordinary burstiness adapts."
    )
    prior_dispersion: float = Field(
        default=0.3, ge=0.0, le=10.0,
        description="Burstiness assumed before data (negative-binomial alpha; 0 = Poisson).",
    )
    min_dispersion: float = Field(
        default=0.02, ge=0.0, le=10.0,
        description="Floor of the burstiness estimate, so a calm history does not make every "
        "small rise look impossible.",
    )
    min_rate: float = Field(
        default=0.05, gt=0.0,
        description="Smallest expected mentions per bucket (a silent topic still expects a "
        "little).",
    )
    clip_sigmas: float = Field(
        default=3.0, gt=0.0,
        description="Spikes are clipped to baseline + this many standard deviations before "
        "they teach the baseline, so earlier spikes do not inflate it.",
    )
    episode_learning: float = Field(
        default=0.1, ge=0.0, le=1.0,
        description="Learning-rate multiplier while an episode is open (0 freezes the baseline).",
    )

    # --- opening an episode ---------------------------------------------------------------
    open_surprise: float = Field(
        default=6.0, gt=0.0,
        description="Opens an episode when the volume of the last bucket, 15 minutes or window "
        "is this surprising: -log10 of its tail probability under the baseline (6 = one in a "
        "million) ...",
    )
    min_ratio: float = Field(
        default=2.0, ge=1.0, description="... and at least this multiple of the baseline ..."
    )
    min_excess: float = Field(
        default=8.0, ge=0.0,
        description="... and at least this many mentions above the baseline over that span ...",
    )
    min_excess_floor: float = Field(
        default=4.0, ge=0.0,
        description="... or, on a topic that sees fewer than min_excess mentions in an average "
        "hour, that hour's mentions, never fewer than this (a small brand's rise is small).",
    )
    negative_surprise: float = Field(
        default=6.0, gt=0.0,
        description="Also opens when negative mentions alone are this surprising (a sentiment "
        "turn without a volume rise).",
    )

    habituation_half_life: str = Field(
        default="3d",
        description="Memory of how often the topic starts spikes of each size ...",
    )
    habituation_allowance: float = Field(
        default=1.0, ge=0.0,
        description="... spikes of a size allowed per half-life before bigger ones are needed "
        "to open an episode ...",
    )
    habituation_cap: float = Field(
        default=0.8, ge=0.0, lt=1.0,
        description="... and the most of a spike's surprise habit may discount (0 disables).",
    )

    record_half_life: str = Field(
        default="30d",
        description="Anomaly score (Detector.score, the NAB benchmark's score): an episode "
        "is judged against the topic's record (the most mentions an episode added in its "
        "first score_delay), remembered with this half-life; also the memory of the most "
        "surprising opening, four fifths of which a new wave inside a long episode must "
        "reach.",
    )
    score_delay: str = Field(
        default="2h",
        description="Anomaly score: given this long after an episode opens (or sooner: "
        "score_early), and measuring the "
        "mentions above the baseline over that time (in days of the topic's usual volume, "
        "against the topic's record of it). Does not delay episodes or alerts.",
    )
    score_aftershock: str = Field(
        default="12h",
        description="Anomaly score: an episode opening this long after the topic's previous "
        "episode resolved scores half (an aftershock of the same story is less news); the "
        "longer the calm before it, the closer to its full score.",
    )
    score_early: float = Field(
        default=0.5, ge=0.0,
        description="Anomaly score: given before score_delay, with its value so far (at least "
        "a third at 0.5), once the episode has added this share of the topic's record, at least "
        "30 minutes after it opened; 0 always waits for score_delay. Does not change "
        "episodes or alerts.",
    )
    score_floor: float = Field(
        default=0.1, gt=0.0,
        description="Anomaly score: the smallest record an opening is judged against, in days "
        "of usual volume (an episode adding a tenth of a day's mentions scores 0.5 on a topic "
        "with no bigger record).",
    )

    # --- resolving ------------------------------------------------------------------------
    resolve_ratio: float = Field(
        default=1.5, ge=1.0,
        description="The topic is back to baseline when the window volume is below this "
        "multiple of it ...",
    )
    resolve_after: str = Field(
        default="4h",
        description="... for this long; then the episode resolves (long enough that a second "
        "wave of the same story stays in its episode). Also the half-life with which the anomaly "
        "score's new-wave test forgets the episode's earlier rises.",
    )
    split_after: str = Field(
        default="1h",
        description="An open episode whose topic has been back under resolve_ratio for this "
        "long (not yet resolve_after) ends when the volume rises again enough to open an "
        "episode: the new rise opens an episode of its own, judged on its own mentions (a "
        "second crisis or a flood after a quiet spell is not judged on the first one's "
        "authors, and a new crisis raises a new alert). A rise of negative mentions alone "
        "does not split: that is the same story's tail. At resolve_after or more, never.",
    )

    # --- classification -------------------------------------------------------------------
    negative_share: float = Field(
        default=0.45, gt=0.0, le=1.0,
        description="Negative share (among scored mentions above the usual chatter) that makes "
        "an episode negative: bad buzz or crisis.",
    )
    positive_share: float = Field(
        default=0.45, gt=0.0, le=1.0,
        description="Positive share (same basis) that makes an episode a positive buzz.",
    )
    flood_duplicate_ratio: float = Field(
        default=0.5, ge=0.0, le=1.0,
        description="Near-duplicate share above which an episode is a copy-paste or bot flood, "
        "when its authors post more than once on average or its top five carry 30% (and twice "
        "their equal share: among 16 authors posting once, the top five carry 31%).",
    )
    crowd_duplicate_ratio: float = Field(
        default=0.9, ge=0.0, le=1.0,
        description="A crowd without press (three times the authors a crisis needs, mostly "
        "posting once, on crisis_min_source_types kinds of sources) is people passing a story "
        "on, not accounts pasting one text, when its near-duplicates are under "
        "flood_duplicate_ratio of all the episode's mentions or under this share of what it "
        "added over the usual: a crisis once it lasts. Single-post bot floods that pass the "
        "crowd's other tests reach 0.95-1 of what they add; people passing a templated story "
        "on, 0.3-0.9.",
    )
    flood_concentration: float = Field(
        default=3.0, ge=1.0,
        description="Mentions per distinct author above which a few accounts drive the episode.",
    )
    crisis_min_authors: int = Field(
        default=25, ge=1,
        description="Distinct authors an episode needs to spread into a crisis ...",
    )
    crisis_min_authors_floor: int = Field(
        default=10, ge=1,
        description="... or, on a topic that sees fewer than crisis_min_authors mentions in "
        "an average hour, as many authors as it usually has mentions in an hour, never fewer "
        "than this (a small brand's crisis involves fewer people).",
    )
    crisis_max_concentration: float = Field(
        default=2.0, ge=1.0,
        description="Mentions per author from which an episode is driven by a few accounts "
        "and stays bad buzz, however many others echo it (flood_concentration and above is a "
        "flood).",
    )
    crisis_min_source_types: int = Field(
        default=2, ge=1,
        description="Kinds of sources (social, news, forum, blog, video) it must reach.",
    )
    crisis_min_news: int = Field(
        default=2, ge=0,
        description="News stories that count as press pickup. Without it, a crisis needs a "
        "third kind of source, or three times its authors posting once, not one pasted text.",
    )
    crisis_news_noise: float = Field(
        default=1.5, ge=0,
        description="Press pickup must also exceed the topic's usual news count by this many "
        "standard deviations of it (its square root): a brand the press covers daily sees its "
        "usual number of stories vary by a few, which is not the press picking a wave up.",
    )
    crisis_min_duration: str = Field(
        default="20m",
        description="A negative episode that spreads and lasts this long escalates to crisis.",
    )
    crisis_fast_ratio: float = Field(
        default=6.0, ge=1.0,
        description="... or sooner, with press pickup, once its peak reaches this multiple of "
        "the baseline (or three times the authors it needs have joined).",
    )
    critical_ratio: float = Field(
        default=15.0, ge=1.0, description="Peak multiple of the baseline that makes it critical."
    )
    high_ratio: float = Field(
        default=5.0, ge=1.0, description="Peak multiple of the baseline that makes it high."
    )
    reclassify_margin: float = Field(
        default=0.05, ge=0.0, le=0.5,
        description="Hysteresis on shares, so an episode does not flip class on a single "
        "mention.",
    )

    # --- blind spots ----------------------------------------------------------------------
    min_coverage: float = Field(
        default=0.5, ge=0.0, le=1.0,
        description="Below this share of sources polled successfully, the watch is blind.",
    )
    silence_after: str = Field(
        default="45m",
        description="A topic silent (or barely covered) this long is reported as a blind spot.",
    )
    silence_min_expected: float = Field(
        default=20.0, gt=0.0,
        description="... provided the baseline expected at least this many mentions meanwhile.",
    )

    @field_validator(*_DURATIONS)
    @classmethod
    def _duration(cls, value: str) -> str:
        seconds = parse_duration(value)
        if seconds <= 0:
            raise ValueError("must be a positive duration")
        return value

    def seconds(self, name: str) -> float:
        """A duration field in seconds."""
        return parse_duration(getattr(self, name))

    def for_topic(self, overrides: dict[str, Any]) -> DetectionSettings:
        """These settings with a topic's overrides applied.

        Raises ValueError naming each unknown or invalid key, so vigie.yaml reports it.
        """
        if not overrides:
            return self
        unknown = sorted(set(overrides) - set(type(self).model_fields))
        if unknown:
            raise ValueError(f"unknown detection setting(s): {', '.join(unknown)}")
        try:
            return type(self).model_validate({**self.model_dump(), **overrides})
        except ValidationError as exc:
            reasons = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg'].removeprefix('Value error, ')}"
                for e in exc.errors(include_url=False)
            )
            raise ValueError(reasons) from None
