"""The issue's targets on the second scenario generator (bench/scenarios_alt.py), written
apart from the first so that passing does not hang on its assumptions. Seeds 11-16 were not
looked at while changing detection (1-6 were)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from monitor.config.files import config_from_text
from monitor.detection.evaluate import evaluate
from monitor.model import Mention
from monitor.replay import replay_events

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("vigie_bench_scenarios_alt",
                                                  BENCH / "scenarios_alt.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_targets_hold_on_the_second_generator() -> None:
    generate = _generator().generate
    events, labels = [], []
    for seed in range(11, 17):
        mentions, seed_labels, config = generate(seed)
        events += replay_events([Mention.from_replay(m) for m in mentions],
                                config_from_text(config))
        labels += seed_labels
    report = evaluate(events, labels)
    crisis = report.classes["crisis"]
    assert crisis.labels == 12 and report.bad_buzz_labels == 12  # `flood` read as bad buzz
    assert crisis.recall is not None and crisis.recall >= 0.95, report.misses
    assert crisis.precision is not None and crisis.precision >= 0.9, report.misses
    assert crisis.median_delay is not None and crisis.median_delay <= 60, crisis.delays
    assert (report.bad_buzz_as_crisis_rate or 0.0) <= 0.1, report.misses


@pytest.mark.slow
def test_crises_breaking_out_during_a_buzz_or_a_news_spike_are_called() -> None:
    """`turns`: a fast crisis breaks out 0.5-2.5 h into each seed's positive buzz and news
    spike, inside their open episode. Each is called crisis, within the hour (median):
    judged on the episode's whole run, the buzz outweighed the backlash (before the turn of
    tone, seeds 1-6 missed 2 of these 12 and took a median 83 minutes over all crises)."""
    generate = _generator().generate
    events, labels, turned = [], [], []
    for seed in range(11, 17):
        mentions, seed_labels, config = generate(seed, turns=True)
        events += replay_events([Mention.from_replay(m) for m in mentions],
                                config_from_text(config))
        labels += seed_labels
        buzzing = {label["topic"] for label in seed_labels
                   if label["type"] in ("positive_buzz", "volume_spike")}
        turned += [label for label in seed_labels
                   if label["type"] == "crisis" and label["topic"] in buzzing]
    assert len(turned) == 12
    report = evaluate(events, labels)
    during = evaluate([e for e in events if e.topic in {t["topic"] for t in turned}], turned)
    assert during.classes["crisis"].recall == 1.0, during.misses
    assert (during.classes["crisis"].median_delay or 0.0) <= 60, during.classes["crisis"].delays
    crisis = report.classes["crisis"]
    assert crisis.recall is not None and crisis.recall >= 0.95, report.misses
    assert crisis.precision is not None and crisis.precision >= 0.9, report.misses
    assert (report.bad_buzz_as_crisis_rate or 0.0) <= 0.1, report.misses


@pytest.mark.slow
def test_crises_breaking_out_after_a_flood_or_a_bad_buzz_are_called() -> None:
    """`after_flood`: a fast crisis breaks out 0.5-2.5 h into each seed's bad buzz and
    flood, inside their open episode. Each is called crisis, within the hour (median):
    held as a flood on the episode's whole run, the bots' posts kept it a bad buzz for
    hours whatever the outrage (seeds 1-6 missed 2 of these 12 that way)."""
    generate = _generator().generate
    events, after = [], []
    for seed in range(11, 17):
        mentions, seed_labels, config = generate(seed, after_flood=True)
        events += replay_events([Mention.from_replay(m) for m in mentions],
                                config_from_text(config))
        flooded = {label["topic"] for label in seed_labels
                   if label["type"] in ("bad_buzz", "flood")}
        after += [label for label in seed_labels
                  if label["type"] == "crisis" and label["topic"] in flooded]
    assert len(after) == 12
    report = evaluate([e for e in events if e.topic in {a["topic"] for a in after}], after)
    assert report.classes["crisis"].recall == 1.0, report.misses
    assert (report.classes["crisis"].median_delay or 0.0) <= 60, report.classes["crisis"].delays
