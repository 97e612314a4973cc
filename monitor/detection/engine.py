"""The streaming detector: one bucket of one topic in, episode events out, O(1) work.

`Detector.step(state, bucket)` is the whole contract. The caller feeds every bucket of a topic
in time order (empty ones included) and may jump over a gap; everything the detector knows
about the topic lives in the `TopicState` it is handed, a plain JSON-able object, so a live
worker, a restart and a replay give the same answers from the same buckets.

Per bucket: the seasonal baseline (baseline.py) predicts the volume, planned events lift the
prediction for their window, the bucket and the sliding window are tested with count-data
tail probabilities (tails.py), the negative mentions are tested against the topic's usual
negative share, an anomaly opens an episode, and an open episode is advanced (episodes.py).
Separately, a topic whose sources fall silent, or whose watch coverage drops, is reported as a
blind spot, never as a crisis.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from monitor.config.files import PlannedEvent
from monitor.detection.baseline import Baseline, Rates
from monitor.detection.blindspots import Silence
from monitor.detection.episodes import (
    Episode,
    Reading,
    Usual,
    add,
    add_to,
    close,
    decide,
    measure,
    turn,
)
from monitor.detection.features import Totals, Window
from monitor.detection.settings import DetectionSettings
from monitor.detection.tails import count_surprise, share_surprise
from monitor.model import BucketStats, EpisodeEvent
from monitor.timeutil import to_epoch

NEGATIVE_PRIOR = 0.2  # usual negative share assumed before data
POSITIVE_PRIOR = 0.3
NEGATIVE_DISPERSION = 0.05  # burstiness of the negative count around its usual share
RECENT = 900  # seconds compared by `acceleration`
WAVE = 2.0  # a new wave inside an episode: twice the surprise of its earlier rises
# ... and about the topic's record opening surprise (four fifths of it: a wave that would
# have opened an episode of its own need not be twice the topic's most surprising opening)
WAVE_RECORD = 0.8
EARLY_AFTER = 1800  # the anomaly score is never given before 30 minutes of episode
HABIT_LEVELS = (3.0, 4.5, 6.0, 9.0, 12.0, 18.0, 24.0, 36.0)


def _last_hour(episode: Episode, buckets: Sequence[BucketStats],
               ring: Sequence[Sequence[float]], usual: Callable[[float], Usual]) -> Totals:
    """The episode's buckets of the window (those since its onset), this one included,
    with what they were expected to hold, as the episode's totals count it (add_to)."""
    began = episode.onset if episode.onset is not None else episode.start
    totals = Totals()
    for b, row in zip(buckets, ring, strict=True):
        if b.start >= began:
            add_to(totals, episode, b, row[1], usual(row[1]))
    return totals


def _turn_surprise(share: float, spans: Sequence[tuple[float, float]], usual_share: float,
                   ratio: float, excess: float) -> float:
    """How improbable the negative mentions of the last spans (negative, scored) are under
    the open episode's negative share `share` before its negative run began: a turn of its
    tone. Only counted where they are also `ratio` times that share, `excess` more, and at
    least the topic's usual share: a buzz more upbeat than the topic's usual chatter has not
    turned when its critics come back to their usual few."""
    level = 0.0
    for negative, scored in spans:
        expected = scored * share
        if _above(negative, expected, ratio, excess) and negative >= scored * usual_share:
            level = max(level, share_surprise(negative, scored, share, NEGATIVE_DISPERSION))
    return level


def _turns(episode: Episode, since: int | None, share: float, usual_share: float,
           ratio: float) -> bool:
    """Whether a turn of tone (`_turn_surprise`) resets `episode`: it was not negative
    before its negative run (its share then under `ratio` times the topic's usual one: a bad
    buzz that grows angrier keeps what it has gathered) and that run began after it opened."""
    return since is not None and since > episode.start and share < ratio * usual_share


def _above(seen: float, expected: float, ratio: float, excess: float) -> bool:
    """Far enough above the baseline to open an episode: `ratio` times it, `excess` more."""
    return seen >= ratio * expected and seen - expected >= excess


@dataclass
class TopicState:
    """Everything the detector carries for one topic; JSON-able via to_dict/from_dict."""

    topic: str
    last_start: int | None = None
    volume: Baseline = field(default_factory=Baseline)
    # Exponentially weighted sums (half-life `dispersion_half_life`) of negative, scored and all
    # mentions: the topic's usual negative share and scored fraction.
    negative_sum: float = 0.0
    positive_sum: float = 0.0
    scored_sum: float = 0.0
    volume_sum: float = 0.0
    type_sums: dict[str, float] = field(default_factory=dict)  # same, per source type
    # Sliding window: one row [volume, expected, negative, scored] per bucket, oldest first,
    # and the buckets themselves, so an episode opens with everything since its onset.
    ring: list[list[float]] = field(default_factory=list)
    recent_buckets: list[BucketStats] = field(default_factory=list)
    last_score: float = 0.0
    last_surprise: float = 0.0
    last_day: int = -1
    episode: Episode | None = None
    silent_since: int | None = None
    silent_expected: float = 0.0
    blind_since: int | None = None  # a blind spot is open since (episode start)
    # Per source: usual mentions (EWMA sums, like type_sums), running silences
    # [since, expected] and open source blind spots {source: since}.
    source_sums: dict[str, float] = field(default_factory=dict)
    source_silence: dict[str, list[float]] = field(default_factory=dict)
    blind_sources: dict[str, int] = field(default_factory=dict)
    elevated_since: int | None = None  # start of the current run of unusual buckets
    # Start of the current run of buckets whose negative share of the window is unusual
    # for the topic: where a turn of tone inside an episode began.
    negative_since: int | None = None
    turn_share: float = 0.0  # the open episode's negative share when that run began
    # Per surprise level of HABIT_LEVELS: EWMA of how often a bucket outside episodes reached it.
    habit: list[float] = field(default_factory=lambda: [0.0] * len(HABIT_LEVELS))
    # Surprise of the topic's most surprising episode opening, fading with
    # `record_half_life` (0: none yet): a new wave must reach WAVE_RECORD times it.
    record: float = 0.0
    # When the anomaly score of the last opening is due, and its measure: mentions above the
    # baseline since just before the opening (accumulated until `score_due`), and the
    # topic's record of that excess in days of its usual volume, fading with
    # `record_half_life` (0: none yet); whether the score due is a new wave's (which does
    # not set the record).
    score_due: int | None = None
    score_excess: float = 0.0
    excess_record: float = 0.0
    score_wave: bool = False
    score_given: bool = False  # given early (`score_early`): nothing more when it is due
    # When the topic's last episode resolved (None: never), and the calm (seconds without an
    # episode) before the episode being scored (None: none before it).
    calm_since: int | None = None
    score_calm: float | None = None
    # The open episode's earlier rises: the highest surprise of its finished rises, and of
    # the rise under way (both fading with half-life `resolve_after`), and when that began.
    peak: float = 0.0
    rise_peak: float = 0.0
    rise_since: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic, "last_start": self.last_start, "volume": self.volume.to_dict(),
            "negative_sum": self.negative_sum, "positive_sum": self.positive_sum,
            "scored_sum": self.scored_sum,
            "volume_sum": self.volume_sum, "type_sums": dict(self.type_sums),
            "ring": [list(row) for row in self.ring],
            "recent_buckets": [asdict(b) for b in self.recent_buckets], "last_score": self.last_score,
            "last_surprise": self.last_surprise, "last_day": self.last_day,
            "episode": self.episode.to_dict() if self.episode else None,
            "silent_since": self.silent_since, "silent_expected": self.silent_expected,
            "blind_since": self.blind_since, "elevated_since": self.elevated_since,
            "negative_since": self.negative_since, "turn_share": self.turn_share,
            "source_sums": dict(self.source_sums),
            "source_silence": {k: list(v) for k, v in self.source_silence.items()},
            "blind_sources": dict(self.blind_sources),
            "habit": list(self.habit), "record": self.record,
            "score_due": self.score_due, "peak": self.peak,
            "score_excess": self.score_excess, "excess_record": self.excess_record,
            "score_wave": self.score_wave, "score_given": self.score_given,
            "calm_since": self.calm_since, "score_calm": self.score_calm,
            "rise_peak": self.rise_peak, "rise_since": self.rise_since,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TopicState:
        return cls(
            topic=d["topic"], last_start=d.get("last_start"),
            volume=Baseline.from_dict(d["volume"]), negative_sum=float(d["negative_sum"]),
            positive_sum=float(d["positive_sum"]),
            scored_sum=float(d["scored_sum"]), volume_sum=float(d["volume_sum"]),
            type_sums={k: float(v) for k, v in d.get("type_sums", {}).items()}, ring=[list(row) for row in d["ring"]],
            recent_buckets=[BucketStats(**b) for b in d.get("recent_buckets", [])],
            last_score=float(d["last_score"]), last_surprise=float(d["last_surprise"]),
            last_day=int(d["last_day"]),
            episode=Episode.from_dict(d["episode"]) if d.get("episode") else None,
            silent_since=d.get("silent_since"), silent_expected=float(d["silent_expected"]),
            blind_since=d.get("blind_since"), elevated_since=d.get("elevated_since"),
            negative_since=d.get("negative_since"), turn_share=float(d.get("turn_share", 0.0)),
            source_sums={k: float(v) for k, v in d.get("source_sums", {}).items()},
            source_silence={k: [float(x) for x in v]
                            for k, v in d.get("source_silence", {}).items()},
            blind_sources={k: int(v) for k, v in d.get("blind_sources", {}).items()},
            habit=[float(v) for v in d.get("habit", [0.0] * len(HABIT_LEVELS))],
            record=float(d.get("record", 0.0)),
            score_due=d.get("score_due"),
            peak=float(d.get("peak", 0.0)),
            score_excess=float(d.get("score_excess", 0.0)),
            excess_record=float(d.get("excess_record", 0.0)),
            score_wave=bool(d.get("score_wave", False)),
            score_given=bool(d.get("score_given", False)),
            calm_since=d.get("calm_since"), score_calm=d.get("score_calm"),
            rise_peak=float(d.get("rise_peak", 0.0)), rise_since=d.get("rise_since"),
        )


class Detector:
    """Spike detector and episode classifier for every topic sharing one configuration."""

    def __init__(self, settings: DetectionSettings, planned: Sequence[PlannedEvent] = ()) -> None:
        self.settings = settings
        self._planned: dict[str, list[tuple[float, float, float]]] = {}
        for event in planned:
            self._planned.setdefault(event.topic, []).append(
                (to_epoch(event.start), to_epoch(event.end), event.expected_lift))
        self._rates: dict[int, Rates] = {}
        s = settings
        self._window_s = s.seconds("window")
        self._warmup_s = s.seconds("warmup")
        self._silence_s = s.seconds("silence_after")
        self._habit_s = s.seconds("habituation_half_life") if s.habituation_cap > 0 else 0.0
        self._record_s = s.seconds("record_half_life")
        self._resolve_s = s.seconds("resolve_after")
        self._score_s = s.seconds("score_delay")
        self._aftershock_s = s.seconds("score_aftershock")

    def _discount(self, habit: list[float], surprise: float, rate: float) -> float:
        """Surprise to discount on a topic that habitually spikes: at each level L reached,
        a spike start frequency f (beyond the allowed few per half-life) means the model's
        1-in-10^L event really happens f of the time, so log10(f) + L of it is habit. Capped
        at `habituation_cap` of the surprise, so a big spike still opens."""
        if self._habit_s <= 0 or surprise < HABIT_LEVELS[0]:
            return 0.0
        allowed = self.settings.habituation_allowance * rate
        worst = 0.0
        for i, floor in enumerate(HABIT_LEVELS):
            if floor > surprise:
                break
            excess = habit[i] - allowed
            if excess > 0:
                worst = max(worst, math.log10(excess) + floor)
        return min(worst, self.settings.habituation_cap * surprise)

    def new_state(self, topic: str) -> TopicState:
        return TopicState(topic=topic)

    def score(self, state: TopicState) -> float:
        """Anomaly score of the last bucket, in [0, 1): non-zero only on the bucket that ends
        the `score_delay` (2 h) after an episode opened (or a new wave), or sooner (from 30
        minutes in) once v reaches `score_early`, where it says how exceptional that episode
        is *for this topic*: v / (1 + v) with v = (mentions above the baseline, or the
        topic's average bucket when larger, from just before the opening to then, in days of
        the topic's usual volume) / (the topic's record of that excess over openings, fading
        with `record_half_life`, never below `score_floor`), times calm / (calm +
        `score_aftershock`) when the topic's previous episode resolved `calm` ago. So the
        biggest thing a topic has done in a month, after a quiet spell, scores over 0.5; a
        blip adds little and scores low, a topic's routine spikes score about their record or
        less, an aftershock less; ordinary buckets and the rest of an episode score 0."""
        return state.last_score

    def rates(self, width: int) -> Rates:
        rates = self._rates.get(width)
        if rates is None:
            s = self.settings
            rates = self._rates[width] = Rates.build(
                width, s.seconds("level_half_life"), s.seconds("season_half_life"),
                s.seconds("dispersion_half_life"), s.prior_dispersion, s.min_dispersion,
                s.min_rate, s.clip_sigmas)
        return rates

    def lift(self, topic: str, start: int, end: int) -> float:
        """Expected lift of planned events overlapping [start, end) (1.0 when none)."""
        best = 1.0
        for first, last, lift in self._planned.get(topic, ()):
            if start < last and end > first:
                best = max(best, lift)
        return best

    def step(self, state: TopicState, bucket: BucketStats) -> list[EpisodeEvent]:
        """Consume the next bucket of `state.topic`; mutates `state`, returns its events.

        Raises ValueError for a bucket that is not after the previous one (replays must be
        in time order); a jump forward is a gap: the window restarts, nothing is learned
        from the missing buckets.
        """
        events, readings = self.observe(state, bucket)
        for reading, episode in readings:
            events += decide(episode, reading, self.settings)
        return events

    def observe(self, state: TopicState, bucket: BucketStats,
                ) -> tuple[list[EpisodeEvent], list[tuple[Reading, Episode]]]:
        """`step` short of classifying: the bucket's blind-spot events and the readings to
        `decide`, in order, each with its episode: none without an open episode (or while it
        quietly waits to resolve), one usually, two when a new rise ends a lulled episode
        (its resolution, then the new episode's first reading). The state moves exactly as
        in `step` (see Reading)."""
        s, width, start = self.settings, bucket.width, bucket.start
        if state.last_start is not None and start <= state.last_start:
            raise ValueError(f"{state.topic}: bucket {start} is not after {state.last_start}")
        if state.last_start is not None and start - state.last_start > width:
            state.ring.clear()  # a gap: the window holds only what was seen
            state.recent_buckets.clear()
        state.last_start = start
        rates = self.rates(width)
        base = state.volume
        day = start // 86400
        if day != state.last_day:
            if state.last_day >= 0:
                base.renormalise()
            state.last_day = day
        lift = self.lift(state.topic, start, bucket.end)
        mu = base.expected(start, rates) * lift
        alpha = base.dispersion(rates)
        x = float(bucket.volume)
        neg_share = (state.negative_sum + NEGATIVE_PRIOR * 5) / (state.scored_sum + 5)
        pos_share = (state.positive_sum + POSITIVE_PRIOR * 5) / (state.scored_sum + 5)
        scored_share = (state.scored_sum + 5) / (state.volume_sum + 5)

        # Sliding window totals (the ring holds at most window/width rows: O(1)).
        size = max(1, int(round(self._window_s / width)))
        state.ring.append([x, mu, float(bucket.negative), float(bucket.scored)])
        state.recent_buckets.append(bucket)
        if len(state.ring) > size:
            del state.ring[0]
            del state.recent_buckets[0]
        wx = wmu = wneg = wscored = 0.0  # one pass, in order: the same sums as sum()
        for row in state.ring:
            wx += row[0]
            wmu += row[1]
            wneg += row[2]
            wscored += row[3]
        n_recent = max(1, int(RECENT // width))
        recent = sum(r[0] for r in state.ring[-n_recent:])
        before = sum(r[0] for r in state.ring[-2 * n_recent:-n_recent])

        warm = base.n * width >= self._warmup_s
        # Three horizons: the bucket (sudden), the last 15 minutes (fast rise), the window
        # (slow burn). The short one borrows the bucket's burstiness shared over its buckets,
        # but never less than the window's (the baseline's own error does not average out).
        alpha_w = base.window_dispersion(rates)
        rmu = sum(r[1] for r in state.ring[-n_recent:])
        tests = [(x, mu, alpha)]
        if len(state.ring) > 1:
            tests.append((recent, rmu, max(alpha / min(n_recent, len(state.ring)), alpha_w)))
            tests.append((wx, wmu, alpha_w))
        # The excess an opening needs: `min_excess`, or an average hour of the topic's
        # mentions when that is fewer, never below `min_excess_floor`: on a brand heard from
        # five times an hour, eight extra mentions are most of an hour's rise.
        usual_hourly = base.level * 3600.0 / width
        min_excess = max(min(s.min_excess_floor, s.min_excess), min(s.min_excess, usual_hourly))

        # A topic's first day has no hour profile yet: its level follows the day on a
        # two-hour half-life, so a daily rise of a few hours looks like a slow burn on the
        # window. Until it has a day, only sudden and fast rises (the bucket, 15 minutes) and
        # the negative tests open an episode; its window still counts as a reading.
        first_day = base.n < rates.per_day
        surprise = raw = 0.0
        for horizon, (seen, expected, dispersion) in enumerate(tests):
            value = count_surprise(seen, expected, dispersion)
            raw = max(raw, value)
            if first_day and horizon == 2:
                continue
            if _above(seen, expected, s.min_ratio, min_excess):
                surprise = max(surprise, value)
        # Negative mentions against the topic's usual share of what was scored: a turn of
        # tone shows here before the volume doubles. A share, so its tail is bounded by what
        # was scored (beta-binomial, tails.share_surprise).
        usual_neg = wscored * neg_share
        s_neg = share_surprise(wneg, wscored, neg_share, NEGATIVE_DISPERSION) \
            if _above(wneg, usual_neg, s.min_ratio, min_excess) else 0.0
        rneg = sum(r[2] for r in state.ring[-n_recent:])
        # Negative mentions against the number the baseline expected (its volume times the
        # topic's usual scored fraction and negative share), over the last 15 minutes and the
        # window: a negative wave stands out from the usual negative trickle before the
        # whole volume, neutral and positive chatter included, is unusual (on a small brand,
        # up to an hour sooner). Burstier than the volume: the tone varies too.
        if len(state.ring) > 1:
            neg_rate = scored_share * neg_share
            for seen, expected, dispersion in ((rneg, rmu * neg_rate, tests[1][2]),
                                               (wneg, wmu * neg_rate, alpha_w)):
                if _above(seen, expected, s.min_ratio, min_excess):
                    s_neg = max(s_neg, count_surprise(seen, expected,
                                                      dispersion + NEGATIVE_DISPERSION))
        state.last_surprise = raw
        # Habituation: a topic that often spikes this much needs more to open an episode.
        habit_rate = 1.0 - 0.5 ** (width / self._habit_s)
        surprise = max(0.0, surprise - self._discount(state.habit, surprise, habit_rate))
        anomalous = warm and (surprise >= s.open_surprise or s_neg >= s.negative_surprise)
        # A new rise of volume after a lull (`split_after` back near the baseline) ends the
        # open episode and opens one of its own: judged on the old episode's totals, a flood
        # after a crisis's tail, or a second crisis, waited hours for its authors to outweigh
        # the first's, and a second crisis inside an open crisis raised no alert. Negative
        # mentions alone do not split: a crisis's tail stays negative after its volume fell.
        readings: list[tuple[Reading, Episode]] = []
        lulled = None
        if state.episode is not None and state.episode.lull is not None and warm \
                and surprise >= s.open_surprise:
            lulled = state.episode
            window = Window(volume=wx, baseline=wmu, surprise=raw, recent=recent,
                            before=before, usual_hourly=usual_hourly,
                            history_hours=base.n * width / 3600.0)
            readings.append((close(lulled, bucket.end, window), lulled))
            state.episode = None
            state.negative_since = None
        # The anomaly score reads a split as the old episode going on: its new rise scores
        # as a wave of it or not at all, as before splits existed (bench/nab.py).
        held = state.episode if state.episode is not None else lulled
        # Score: only an opening is news, measured by what it added over its first
        # `score_delay` (in days of usual volume; sooner once it is clearly big) against the
        # topic's record of that (which fades with `record_half_life`), so a topic that
        # habitually has big episodes needs a bigger one to score high, and one that fades
        # fast adds little.
        fade = 0.5 ** (width / self._record_s)
        state.record *= fade
        state.excess_record *= fade
        state.last_score = 0.0
        # The excess is counted above the larger of the bucket's expected volume and the
        # topic's average bucket (with any planned lift): a burst in a quiet night hour is
        # not weighed as if it had come on top of the night's near-silence.
        usual_bucket = base.level * lift
        if state.score_due is not None:
            state.score_excess += x - max(mu, usual_bucket)
            # The excess of the episode's first hours in days of the topic's usual volume,
            # against the topic's record of it (never below `score_floor`).
            day = max(base.level * rates.per_day, 1.0)
            excess = max(0.0, state.score_excess) / day
            value = excess / max(state.excess_record, s.score_floor)
            if state.score_calm is not None:  # soon after an episode: an aftershock
                value *= state.score_calm / (state.score_calm + self._aftershock_s)
            if start < state.score_due:
                # Given early, with its value so far, once the episode has already added
                # `score_early` of the record, at least EARLY_AFTER after it opened (a lower
                # bound, unless the topic falls under its usual volume meanwhile).
                if not state.score_given and s.score_early > 0 and value >= s.score_early \
                        and state.score_due - start <= self._score_s - EARLY_AFTER:
                    state.last_score = value / (value + 1.0)
                    state.score_given = True
            else:
                if not state.score_given:
                    state.last_score = value / (value + 1.0)
                state.score_given = False
                if not state.score_wave:
                    # Only an opening sets the record: a wave's excess is counted above a
                    # baseline held down while its episode was open, so it would overstate
                    # what the topic adds from a calm and blunt its next openings.
                    state.excess_record = max(state.excess_record, excess)
                state.score_due = None
        level = max(raw, s_neg)
        yardstick = max(state.record, s.open_surprise)
        # A new wave: in an episode older than `resolve_after` (it would have been a new
        # episode had the topic calmed down), a bucket that would open an episode and is WAVE
        # times as surprising as the episode's earlier rises and WAVE_RECORD times the topic's
        # record opening surprise. A rise is a run of unusual buckets (p < 1%) ended by an
        # ordinary one (p > 10%); the rise under way counts once it is a window old (a
        # plateau is not a new wave of itself, but its own rising edge must not hide it);
        # peaks fade with half-life `resolve_after`, so a wave is judged against the recent
        # rises, not one days old.
        rise_fade = 0.5 ** (width / self._resolve_s)
        state.peak *= rise_fade
        state.rise_peak *= rise_fade
        old_rise = state.rise_since is not None and start - state.rise_since >= self._window_s
        rises = max(state.peak, state.rise_peak if old_rise else 0.0)
        wave = held is not None and state.score_due is None \
            and level > max(WAVE * rises, WAVE_RECORD * yardstick) \
            and start - held.chain_start > self._resolve_s
        if level >= 2.0:
            state.rise_since = start if state.rise_since is None else state.rise_since
            state.rise_peak = max(state.rise_peak, level)
        elif level < 1.0:
            state.peak = max(state.peak, state.rise_peak) if state.episode is not None else 0.0
            state.rise_peak, state.rise_since = 0.0, None
        if anomalous and (held is None or wave):
            state.score_wave, state.score_given = held is not None, False
            state.record = max(yardstick, level)
            state.score_due = start + max(width, int(self._score_s) - width)
            if held is None:  # a new wave keeps its episode's calm
                state.score_calm = None if state.calm_since is None \
                    else float(start - state.calm_since)
            # Counted from just before the opening: the buckets of the last 15 minutes.
            state.score_excess = sum(r[0] - max(r[1], usual_bucket)
                                     for r in state.ring[-n_recent:])
        if held is None and self._habit_s > 0:
            # How often this topic starts a spike of each size (not counted inside episodes).
            for i, floor in enumerate(HABIT_LEVELS):
                hit = 1.0 if raw >= floor else 0.0
                state.habit[i] += habit_rate * (hit - state.habit[i])
        # The onset of a rise: where buckets started to be unusual (p < 1%), forgotten once
        # they are ordinary again (p > 10%) with no episode open.
        level = max(raw, s_neg)
        if level >= 2.0 and state.elevated_since is None:
            state.elevated_since = start
        elif level < 1.0 and (state.episode is None or state.episode.lull is not None):
            state.elevated_since = None  # (a lulled episode's next rise starts afresh)
        # A turn of tone inside an episode: where its negative run began (see _turns).
        # Judged against the episode's share before the run: the run's own mentions would
        # raise it, bucket after bucket, and hide the turn.
        s_turn = 0.0
        if state.episode is not None:
            totals = state.episode.totals
            share = state.turn_share if state.negative_since is not None else (
                totals.negative / totals.scored if totals.scored else neg_share)
            rscored = sum(r[3] for r in state.ring[-n_recent:])
            s_turn = _turn_surprise(share, ((rneg, rscored), (wneg, wscored)), neg_share,
                                    s.min_ratio, min_excess)
            if s_turn >= 2.0 and state.negative_since is None:
                state.negative_since, state.turn_share = start, share
        if s_turn < 1.0:
            state.negative_since = None
        events: list[EpisodeEvent] = []
        silence = Silence(self.settings, self._warmup_s, self._silence_s,
                          state.volume.window_dispersion(rates))
        events += silence.topic(state, bucket, mu)
        events += silence.sources(state, bucket, mu)
        per_mention = 1.0 / (state.volume_sum + 5)
        share_types = {k: v * per_mention for k, v in state.type_sums.items()}

        def usual(expected: float) -> Usual:
            """What the baseline expected in a bucket: (negative, positive, scored) and
            mentions per source type."""
            scored = expected * scored_share
            return ((scored * neg_share, scored * pos_share, scored),
                    {k: v * expected for k, v in share_types.items()})

        if state.episode is None and anomalous:
            # Its duration counts from the onset: the run of unusual buckets that led here,
            # and its totals start with them (at most the window).
            # A topic can stay a little unusual for hours before a rise opens an episode: the
            # onset is never older than the window, whose buckets are all the totals hold (an
            # episode said it had lasted 295 min when it opened, on an hour of buckets).
            onset = state.elevated_since if state.elevated_since is not None else start
            if state.recent_buckets:
                onset = max(onset, state.recent_buckets[0].start)
            state.episode = Episode(topic=state.topic, start=start, onset=min(onset, start),
                                    chain=lulled.chain_start if lulled else None)
            for row, earlier in zip(state.ring[:-1], state.recent_buckets[:-1], strict=True):
                if earlier.start >= onset:
                    add(state.episode, earlier, row[1], usual(row[1]))
        elif state.episode is not None and s_turn >= s.negative_surprise \
                and _turns(state.episode, state.negative_since, state.turn_share, neg_share,
                           s.min_ratio):
            # A turn of tone: an episode that was not negative (a launch's buzz, a news
            # spike) now is; judged from here on what came since (episodes.turn).
            history = [(earlier, row[1], usual(row[1])) for row, earlier
                       in zip(state.ring[:-1], state.recent_buckets[:-1], strict=True)]
            turn(state.episode, state.negative_since or start, start,
                 wx / wmu if wmu > 0 else 0.0, history)
            state.negative_since = None  # the run is the episode's now: its share is theirs
        episode = state.episode
        if episode is not None:
            window = Window(volume=wx, baseline=wmu, surprise=raw, recent=recent, before=before,
                            usual_hourly=usual_hourly,
                            last_hour=_last_hour(episode, state.recent_buckets, state.ring, usual),
                            history_hours=base.n * width / 3600.0)
            quiet = (not anomalous and wx < s.resolve_ratio * max(wmu, s.min_excess / size)) \
                or wx <= wmu
            reading = measure(episode, bucket, mu, usual(mu), window, quiet, s)
            if reading is not None:
                readings.append((reading, episode))
                if reading.resolve:
                    state.episode = None
                    state.calm_since = start

        # Learn last, from the de-lifted value, slowly while an episode is open and not at
        # all while the sources are silent (a blind spot is not data).
        # A suspicious bucket (half the opening surprise) learns as slowly as an episode, so
        # a slow burn does not teach the baseline its own rise before it is caught.
        suspicious = state.episode is not None or (warm and (
            raw >= s.open_surprise / 2 or s_neg >= s.negative_surprise / 2))
        damping = s.episode_learning if suspicious else 1.0
        # A silence long enough to be improbable holds the baseline: an outage is not data.
        if state.blind_since is not None or (bucket.coverage is not None
                                             and bucket.coverage < s.min_coverage) \
                or (state.silent_since is not None and state.silent_expected >= 5.0):
            damping = 0.0
        # Only ordinary buckets (p > 1% on every test) shape the profile and burstiness:
        # the first steps of a slow burn must not teach the topic to be bursty.
        ordinary = raw < 2.0 and s_neg < 2.0
        profiled = base.learn(start, x / lift, rates, damping, ordinary)
        if len(state.ring) == size:
            base.learn_window(wx, wmu, rates, damping, ordinary, profiled)
        # The usual tone and mix, from ordinary buckets only, but from every bucket of the
        # warm-up: measured against the prior alone, a topic that is always half negative
        # (an airline, a telecom) would find its every bucket unusual, never learn, and stay
        # in one endless episode.
        if damping > 0 and (ordinary or not warm):
            keep = 1.0 - rates.dispersion * damping
            state.negative_sum = keep * state.negative_sum + damping * bucket.negative
            state.positive_sum = keep * state.positive_sum + damping * bucket.positive
            state.scored_sum = keep * state.scored_sum + damping * bucket.scored
            state.volume_sum = keep * state.volume_sum + damping * bucket.volume
            for kind in state.type_sums:
                state.type_sums[kind] *= keep
            for kind, count in bucket.source_types.items():
                state.type_sums[kind] = state.type_sums.get(kind, 0.0) + damping * count
        if damping > 0:  # sources: learned outside silences, forgotten when long gone
            keep = 1.0 - rates.dispersion * damping
            blind = state.blind_sources
            state.source_sums = {name: faded for name, faded in (
                (name, total * keep) for name, total in state.source_sums.items())
                if faded >= 0.01 or name in blind}
            for name, count in bucket.sources.items():
                state.source_sums[name] = state.source_sums.get(name, 0.0) + damping * count
        return events, readings
