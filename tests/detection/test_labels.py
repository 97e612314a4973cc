"""Labels files: checked all at once with file, index and field; common type names read as
Vigie's classes."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.detection.evaluate import evaluate
from monitor.detection.labels import canonical_type, check_labels, load_labels, unknown_types
from monitor.model import EpisodeEvent, Kind, Severity, Transition
from monitor.timeutil import from_epoch, iso

T = 1_767_225_600


def test_aliases_map_to_classes_and_keep_the_flood_variant() -> None:
    assert canonical_type("Bot-Flood") == ("bad_buzz", "flood")
    assert canonical_type("source outage") == ("blind_spot", None)
    assert canonical_type("neutral_news") == ("volume_spike", None)
    assert canonical_type("CRISIS") == ("crisis", None)
    assert canonical_type("sarcasm") == ("sarcasm", None)
    labels = check_labels([{"topic": "a", "type": "flood", "start": iso(T), "end": iso(T + 60)},
                           {"topic": "a", "type": "sarcasm", "start": iso(T),
                            "end": iso(T + 60)}], "l.json")
    assert labels[0]["type"] == "bad_buzz" and labels[0]["variant"] == "flood"
    assert unknown_types(labels) == ["sarcasm"]


def test_types_no_alias_spells_out_are_read_by_their_words() -> None:
    assert canonical_type("crisis_fast") == ("crisis", None)
    assert canonical_type("Slow-burn crisis") == ("crisis", None)
    assert canonical_type("bad_buzz_flood") == ("bad_buzz", "flood")
    assert canonical_type("bot flood (fr)") == ("bad_buzz", "flood")
    assert canonical_type("positive_campaign") == ("positive_buzz", None)
    assert canonical_type("feed_outage") == ("blind_spot", None)
    assert canonical_type("press_news") == ("volume_spike", None)
    assert canonical_type("rumour") == ("rumour", None)


def test_a_flood_label_called_crisis_counts_as_bad_buzz_called_crisis() -> None:
    """evaluate() reads aliases too: a `bot_flood` label matched by a crisis call is the
    false alarm the bad-buzz-as-crisis rate counts."""
    event = EpisodeEvent(topic="a", episode="a:1", episode_start=from_epoch(T),
                         at=from_epoch(T + 600), kind=Kind.CRISIS,
                         transition=Transition.OPENED, severity=Severity.HIGH, summary="")
    report = evaluate([event], [{"topic": "a", "type": "bot_flood", "start": iso(T),
                                 "end": iso(T + 3600)}])
    assert report.bad_buzz_labels == 1 and report.bad_buzz_as_crisis == 1
    assert report.classes["bad_buzz"].labels == 1


def test_every_problem_is_reported_with_index_and_field(tmp_path: Path) -> None:
    path = tmp_path / "labels.json"
    path.write_text('[{"topic": "a", "type": "crisis", "start": "2026-01-01T00:00:00Z",'
                    ' "end": "2025-12-31T00:00:00Z"},'
                    ' {"topic": "", "type": "crisis", "start": "yesterday", "end": 5},'
                    ' "crisis"]')
    with pytest.raises(ValueError) as caught:
        load_labels(path)
    lines = str(caught.value).splitlines()
    assert lines == [
        f"{path}: [0].end: before start",
        f"{path}: [1].topic: required, a non-empty string",
        f"{path}: [1].start: required, an ISO 8601 instant (got 'yesterday')",
        f"{path}: [1].end: required, an ISO 8601 instant (got 5)",
        f"{path}: [2]: expected an object, got str",
    ]


def test_unreadable_or_non_list_files_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "labels.json"
    path.write_text("{not json")
    with pytest.raises(ValueError, match=r"labels.json: not JSON"):
        load_labels(path)
    path.write_text('{"topic": "a"}')
    with pytest.raises(ValueError, match=r"labels.json: expected a JSON list"):
        load_labels(path)
    with pytest.raises(ValueError, match=r"missing.json"):
        load_labels(tmp_path / "missing.json")
