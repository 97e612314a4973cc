"""Small topics and slow rises: a run of unusual buckets that does not teach the topic its
own habit."""

from __future__ import annotations

import random

from monitor.detection.engine import HABIT_LEVELS, Detector
from monitor.detection.settings import DetectionSettings
from tests.detection.helpers import T0, W, add, chatter, run

HIST = 36 * 3600
EVENT = T0 + HIST


def test_a_run_of_unusual_buckets_counts_once_in_the_habit() -> None:
    """Habituation counts how often a topic starts a spike: twelve unusual buckets in a
    row (a slow rise not yet opened) count as one start, not twelve."""
    detector = Detector(DetectionSettings(open_surprise=50.0, negative_surprise=50.0))
    rng = random.Random(2)
    buckets = [chatter(rng, "acme", T0 + i * W) for i in range(int(HIST / W))]
    state, _ = run(detector, buckets)
    before = list(state.habit)
    rise = []
    for i in range(12):
        b = chatter(rng, "acme", EVENT + i * W)
        add(b, 20, fresh="p", rng=rng)
        rise.append(b)
    run(detector, rise, state)
    rate = 1.0 - 0.5 ** (W / detector.settings.seconds("habituation_half_life"))
    assert state.habit[0] - before[0] <= 1.5 * rate
    assert state.habit[0] - before[0] > 0.5 * rate
    assert len(state.habit) == len(HABIT_LEVELS)
