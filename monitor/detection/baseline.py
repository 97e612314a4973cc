"""Seasonal, robust baseline of one count series (mentions per bucket), updated in O(1).

expected(t) = level x hour-of-day factor x day-of-week factor, a multiplicative Holt-Winters
without trend term: the level follows slow trends on its own half-life. Two dispersions are
learned: one for a single bucket, one for the sliding window (the window's errors are
correlated: a level a bit off is off for every bucket, so the window's burstiness cannot be
derived from the bucket's).

Robustness: a value is clipped to expected + `clip_sigmas` standard deviations before it
teaches anything, and learning slows while an episode is open, so a spike (or an earlier one)
barely moves the baseline. Cold start: early updates average (rate 1/n) from neutral priors,
and the dispersion starts at `prior_dispersion` worth a dozen pseudo-observations.

Pure state in plain lists and floats, so it serialises to JSON as is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

PRIOR_WEIGHT = 12.0  # pseudo-observations behind the prior dispersion
FIRST_DAY_HALF_LIFE = 7200.0  # seconds: the first day's level follows the day's shape
PROFILE_SHRINK = 3.0  # pseudo-buckets at the mean behind each measured hour slot
WARM = 24  # buckets before dispersion is learned: the first level is too rough to judge by


def half_life_rate(half_life_steps: float) -> float:
    """EWMA weight per step giving the requested half-life (in steps)."""
    return 1.0 - float(0.5 ** (1.0 / max(half_life_steps, 1.0)))


@dataclass(frozen=True, slots=True)
class Rates:
    """Learning rates for one bucket width, derived once from the settings."""

    level: float
    hour: float
    weekday: float
    dispersion: float
    prior_dispersion: float
    min_dispersion: float
    min_rate: float
    clip_sigmas: float
    per_day: int  # buckets in a day
    local: float  # level rate during the first day, while the daily profile is measured

    @classmethod
    def build(cls, width: int, level_half_life: float, season_half_life: float,
              dispersion_half_life: float, prior_dispersion: float, min_dispersion: float,
              min_rate: float, clip_sigmas: float) -> Rates:
        per_day = 86400.0 / width
        return cls(
            level=half_life_rate(level_half_life / width),
            # An hour slot is visited per_day/24 times a day; a weekday slot per_day times a
            # week: the same half-life counted in days of that hour, or weeks of that day.
            hour=half_life_rate(season_half_life / 86400.0 * per_day / 24.0),
            weekday=half_life_rate(season_half_life / 86400.0 * per_day),
            dispersion=half_life_rate(dispersion_half_life / width),
            prior_dispersion=prior_dispersion,
            min_dispersion=min_dispersion,
            min_rate=min_rate,
            clip_sigmas=clip_sigmas,
            per_day=max(1, int(per_day)),
            local=half_life_rate(FIRST_DAY_HALF_LIFE / width),
        )


def slots(start: int) -> tuple[int, int]:
    """(hour of day, day of week, Monday 0) of a bucket start, in UTC. Arithmetic, not a
    datetime: it runs three times per bucket (1970-01-01 was a Thursday, weekday 3)."""
    start = int(start)
    return start // 3600 % 24, (start // 86400 + 3) % 7


@dataclass(slots=True)
class Baseline:
    """State of one seasonal count baseline."""

    n: int = 0
    level: float = 0.0
    hour: list[float] = field(default_factory=lambda: [1.0] * 24)
    weekday: list[float] = field(default_factory=lambda: [1.0] * 7)
    hour_n: list[int] = field(default_factory=lambda: [0] * 24)
    hour_sum: list[float] = field(default_factory=lambda: [0.0] * 24)  # first day only
    weekday_n: list[int] = field(default_factory=lambda: [0] * 7)
    # Dispersion as a ratio of EWMA sums, sum((x - mu)^2 - mu) / sum(mu^2): the method of
    # moments for the NB alpha, weighted by mu^2 so that near-empty buckets, whose ratios
    # are mostly noise, do not run it up. Zero sums mean "not started" (prior).
    alpha_num: float = 0.0
    alpha_den: float = 0.0
    window_num: float = 0.0
    window_den: float = 0.0
    window_n: int = 0
    alpha_n: int = 0  # buckets the bucket dispersion learned from (since the profile)

    def expected(self, start: int, rates: Rates) -> float:
        """Expected count for the bucket starting at `start` (never below `min_rate`)."""
        hour, day = slots(start)
        return max(self.level * self.hour[hour] * self.weekday[day], rates.min_rate)

    def dispersion(self, rates: Rates) -> float:
        alpha = self.alpha_num / self.alpha_den if self.alpha_den > 0 else rates.prior_dispersion
        return max(alpha, rates.min_dispersion)

    def window_dispersion(self, rates: Rates) -> float:
        alpha = self.window_num / self.window_den if self.window_den > 0 \
            else rates.prior_dispersion
        return max(alpha, rates.min_dispersion / 4.0)

    def clip(self, value: float, mu: float, alpha: float, sigmas: float) -> float:
        """`value` limited to mu + sigmas standard deviations (negative-binomial)."""
        return min(value, mu + sigmas * math.sqrt(mu + alpha * mu * mu) + 1.0)

    def learn(self, start: int, value: float, rates: Rates, damping: float = 1.0,
              ordinary: bool = True) -> bool:
        """Teach the baseline one bucket's count. `damping` in [0, 1] slows learning
        (open episode); `ordinary` False (an unusual bucket) keeps it from the profile and
        the dispersion, which describe ordinary days. Returns whether the bucket's slot was
        `profiled` before this bucket measured it (False when nothing was learned), for
        learn_window. Guarantees: O(1), finite state, factors stay positive."""
        if damping <= 0.0:
            return False
        hour, day = slots(start)
        mu = self.expected(start, rates)
        alpha = self.dispersion(rates)
        profiled = self.profiled(start, rates)  # before this bucket measures its slot
        if self.n >= WARM:
            x = self.clip(value, mu, alpha, rates.clip_sigmas)
        else:  # the first level is too rough to clip by its deviation; only by its size
            x = min(value, 3.0 * mu + 10.0) if self.n else value
        if self.n < rates.per_day:
            self._learn_first_day(hour, x, rates, damping)
        else:
            season = max(self.hour[hour] * self.weekday[day], 1e-3)
            rate = rates.level * damping
            self.level += rate * (x / season - self.level)
        # The level and the factors would chase each other if they learned together from
        # the start: the hour profile is measured over the first day, the weekday one waits
        # for a week. A damped bucket (suspicious, or in an episode) teaches the level a
        # little and the profile nothing: the profile is the shape of ordinary days.
        # An hour slot the first day never measured (an episode covered it, or the topic
        # started late) learns at full rate from whatever comes, episode or not, until it
        # has a day's worth: otherwise a daily peak first seen inside an episode keeps the
        # other hours' mean, opens an episode every day and never gets learned.
        unmeasured = self.hour_n[hour] < rates.per_day // 24
        if self.level > 0 and self.n >= rates.per_day and (
                (damping >= 1.0 and ordinary) or unmeasured):
            deseason = x / self.level
            h_rate = max(rates.hour, 1.0 / (self.hour_n[hour] + 2))
            h_rate *= 1.0 if unmeasured else damping
            # Capped so one bucket cannot swing a slot.
            self.hour[hour] += h_rate * (min(deseason / self.weekday[day], 10.0) - self.hour[hour])
            self.hour[hour] = max(self.hour[hour], 0.02)
            self.hour_n[hour] = min(self.hour_n[hour] + 1, 10_000)
            if self.n >= 7 * rates.per_day:
                w_rate = max(rates.weekday, 1.0 / (self.weekday_n[day] + 2)) * damping
                self.weekday[day] += w_rate * (min(deseason / self.hour[hour], 10.0)
                                               - self.weekday[day])
                self.weekday[day] = max(self.weekday[day], 0.05)
                self.weekday_n[day] = min(self.weekday_n[day] + 1, 10_000)
        # The dispersion is the burstiness of ordinary buckets around a measured profile: a
        # slot still being measured is off by the profile's error, not the topic's noise (a
        # business-hours topic whose first working day was one long episode ran it up to 1.5
        # on its second: a Saturday crisis at 3.5 times its expectation went unseen).
        if self.n >= WARM and damping >= 1.0 and ordinary and profiled:
            # Method of moments for the NB alpha: E[(x - mu)^2] = mu + alpha mu^2.
            self.alpha_num, self.alpha_den = _blend(
                self.alpha_num, self.alpha_den, (x - mu) ** 2 - mu, mu * mu,
                rates.prior_dispersion, self.alpha_n, rates.dispersion, damping)
            self.alpha_n += 1
        self.n += 1
        return profiled

    def _learn_first_day(self, hour: int, x: float, rates: Rates, damping: float) -> None:
        """First day: a local level (plain average at first, then a 2-hour half-life) follows
        the day's shape, while each hour slot's total is recorded; at the end of the day the
        totals become the hour profile and the level the day's mean."""
        rate = max(rates.local, 1.0 / (self.n + 1)) * damping
        self.level += rate * (x - self.level)
        if damping >= 1.0:
            self.hour_sum[hour] += x
            self.hour_n[hour] += 1
        if self.n + 1 < rates.per_day:
            return
        count = sum(self.hour_n)
        mean = sum(self.hour_sum) / count if count else self.level
        if mean > 0:
            for h in range(24):
                self.hour[h] = max(0.02, (self.hour_sum[h] + PROFILE_SHRINK * mean)
                                   / ((self.hour_n[h] + PROFILE_SHRINK) * mean))
            self.level = mean
            self.renormalise()
        self.hour_sum = [0.0] * 24

    def profiled(self, start: int, rates: Rates) -> bool:
        """Whether the bucket at `start` is judged by a measured profile: the first day's
        local level, or an hour slot with a day's worth of measurements (learn)."""
        return self.n < rates.per_day or self.hour_n[slots(start)[0]] >= rates.per_day // 24

    def learn_window(self, total: float, expected: float, rates: Rates,
                     damping: float = 1.0, ordinary: bool = True, profiled: bool = True) -> None:
        """Teach the window dispersion from one (observed, expected) window total; only
        ordinary (undamped) windows teach it, like the profile, and, like the bucket
        dispersion, only where the profile is measured (`profiled`: for the slot of the
        window's last bucket, as it stood before that bucket was learned)."""
        if damping < 1.0 or not ordinary or expected <= 0 or self.n < WARM or not profiled:
            return
        alpha = self.window_dispersion(rates)
        x = self.clip(total, expected, alpha, rates.clip_sigmas)
        self.window_num, self.window_den = _blend(
            self.window_num, self.window_den, (x - expected) ** 2 - expected,
            expected * expected, rates.prior_dispersion, self.window_n, rates.dispersion,
            damping)
        self.window_n += 1

    def renormalise(self) -> None:
        """Keep the factors averaging 1 (the level carries the scale). O(31); call daily."""
        for factors, scale_level in ((self.hour, True), (self.weekday, True)):
            mean = sum(factors) / len(factors)
            if mean > 0 and scale_level:
                for i in range(len(factors)):
                    factors[i] /= mean
                self.level *= mean

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "level": self.level, "hour": list(self.hour),
                "weekday": list(self.weekday), "hour_n": list(self.hour_n),
                "hour_sum": list(self.hour_sum),
                "weekday_n": list(self.weekday_n), "alpha_num": self.alpha_num,
                "alpha_den": self.alpha_den, "window_num": self.window_num,
                "window_den": self.window_den, "window_n": self.window_n,
                "alpha_n": self.alpha_n}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Baseline:
        return cls(n=int(data["n"]), level=float(data["level"]),
                   hour=[float(v) for v in data["hour"]],
                   weekday=[float(v) for v in data["weekday"]],
                   hour_n=[int(v) for v in data["hour_n"]],
                   hour_sum=[float(v) for v in data["hour_sum"]],
                   weekday_n=[int(v) for v in data["weekday_n"]],
                   alpha_num=float(data["alpha_num"]), alpha_den=float(data["alpha_den"]),
                   window_num=float(data["window_num"]), window_den=float(data["window_den"]),
                   window_n=int(data["window_n"]), alpha_n=int(data.get("alpha_n", 0)))


def _blend(num: float, den: float, sample_num: float, sample_den: float, prior: float,
           n: int, rate: float, damping: float) -> tuple[float, float]:
    """EWMA of a ratio's numerator and denominator, starting from `prior` worth
    PRIOR_WEIGHT observations of the first denominator (callers floor the ratio)."""
    if den <= 0:
        den, num = sample_den, prior * sample_den
    weight = max(rate, 1.0 / (max(n, 0) + PRIOR_WEIGHT)) * damping
    num += weight * (sample_num - num)
    den += weight * (sample_den - den)
    return num, den
