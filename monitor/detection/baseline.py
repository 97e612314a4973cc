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
from datetime import UTC, datetime
from typing import Any

PRIOR_WEIGHT = 12.0  # pseudo-observations behind the prior dispersion


def half_life_rate(half_life_steps: float) -> float:
    """EWMA weight per step giving the requested half-life (in steps)."""
    return 1.0 - 0.5 ** (1.0 / max(half_life_steps, 1.0))


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
        )


def slots(start: int) -> tuple[int, int]:
    """(hour of day, day of week) of a bucket start, in UTC."""
    moment = datetime.fromtimestamp(start, tz=UTC)
    return moment.hour, moment.weekday()


@dataclass(slots=True)
class Baseline:
    """State of one seasonal count baseline."""

    n: int = 0
    level: float = 0.0
    hour: list[float] = field(default_factory=lambda: [1.0] * 24)
    weekday: list[float] = field(default_factory=lambda: [1.0] * 7)
    hour_n: list[int] = field(default_factory=lambda: [0] * 24)
    weekday_n: list[int] = field(default_factory=lambda: [0] * 7)
    alpha: float = -1.0  # bucket dispersion; < 0 until initialised from the prior
    alpha_window: float = -1.0
    window_n: int = 0

    def expected(self, start: int, rates: Rates) -> float:
        """Expected count for the bucket starting at `start` (never below `min_rate`)."""
        hour, day = slots(start)
        return max(self.level * self.hour[hour] * self.weekday[day], rates.min_rate)

    def dispersion(self, rates: Rates) -> float:
        return max(self.alpha if self.alpha >= 0 else rates.prior_dispersion,
                   rates.min_dispersion)

    def window_dispersion(self, rates: Rates) -> float:
        return max(self.alpha_window if self.alpha_window >= 0 else rates.prior_dispersion,
                   rates.min_dispersion / 4.0)

    def clip(self, value: float, mu: float, alpha: float, sigmas: float) -> float:
        """`value` limited to mu + sigmas standard deviations (negative-binomial)."""
        return min(value, mu + sigmas * math.sqrt(mu + alpha * mu * mu) + 1.0)

    def learn(self, start: int, value: float, rates: Rates, damping: float = 1.0) -> None:
        """Teach the baseline one bucket's count. `damping` in [0, 1] slows learning
        (open episode). Guarantees: O(1), finite state, factors stay positive."""
        if damping <= 0.0:
            return
        hour, day = slots(start)
        mu = self.expected(start, rates)
        alpha = self.dispersion(rates)
        x = self.clip(value, mu, alpha, rates.clip_sigmas) if self.n else value
        season = max(self.hour[hour] * self.weekday[day], 1e-3)
        # Cold start: plain averages (rate 1/n) until the EWMA rate takes over.
        rate = max(rates.level, 1.0 / (self.n + 1)) * damping
        self.level += rate * (x / season - self.level)
        if self.level > 0 and self.n >= 12:
            deseason = x / self.level
            h_rate = max(rates.hour, 1.0 / (self.hour_n[hour] + 2)) * damping
            w_rate = max(rates.weekday, 1.0 / (self.weekday_n[day] + 2)) * damping
            # Factors learn the ratio to the other factor only, capped so one bucket
            # cannot swing a slot.
            self.hour[hour] += h_rate * (min(deseason / self.weekday[day], 10.0) - self.hour[hour])
            self.weekday[day] += w_rate * (min(deseason / self.hour[hour], 10.0)
                                           - self.weekday[day])
            self.hour[hour] = max(self.hour[hour], 0.02)
            self.weekday[day] = max(self.weekday[day], 0.05)
            self.hour_n[hour] = min(self.hour_n[hour] + 1, 10_000)
            self.weekday_n[day] = min(self.weekday_n[day] + 1, 10_000)
        if self.n:
            # Method of moments for the NB alpha: E[(x - mu)^2] = mu + alpha mu^2.
            resid = ((x - mu) ** 2 - mu) / (mu * mu)
            self.alpha = _blend(self.alpha, rates.prior_dispersion, resid, self.n, rates.dispersion,
                                damping)
        self.n += 1

    def learn_window(self, total: float, expected: float, rates: Rates,
                     damping: float = 1.0) -> None:
        """Teach the window dispersion from one (observed, expected) window total."""
        if damping <= 0.0 or expected <= 0:
            return
        alpha = self.window_dispersion(rates)
        x = self.clip(total, expected, alpha, rates.clip_sigmas)
        resid = ((x - expected) ** 2 - expected) / (expected * expected)
        self.alpha_window = _blend(self.alpha_window, rates.prior_dispersion, resid,
                                   self.window_n, rates.dispersion, damping)
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
                "weekday_n": list(self.weekday_n), "alpha": self.alpha,
                "alpha_window": self.alpha_window, "window_n": self.window_n}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Baseline:
        return cls(n=int(data["n"]), level=float(data["level"]),
                   hour=[float(v) for v in data["hour"]],
                   weekday=[float(v) for v in data["weekday"]],
                   hour_n=[int(v) for v in data["hour_n"]],
                   weekday_n=[int(v) for v in data["weekday_n"]],
                   alpha=float(data["alpha"]), alpha_window=float(data["alpha_window"]),
                   window_n=int(data["window_n"]))


def _blend(current: float, prior: float, sample: float, n: int, rate: float,
           damping: float) -> float:
    """EWMA of `sample` starting from `prior` worth PRIOR_WEIGHT observations."""
    if current < 0:
        current = prior
    weight = max(rate, 1.0 / (n + PRIOR_WEIGHT)) * damping
    return max(0.0, current + weight * (sample - current))
