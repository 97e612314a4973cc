"""evaluate(): precision, recall, delay and bad-buzz-as-crisis from events and labels."""

from __future__ import annotations

from monitor.detection.evaluate import combine, evaluate
from monitor.model import EpisodeEvent, Kind, Severity, Transition
from monitor.timeutil import from_epoch, iso

T = 1_767_225_600


def ev(topic: str, start: int, at: int, kind: Kind,
       transition: Transition = Transition.OPENED) -> EpisodeEvent:
    return EpisodeEvent(topic=topic, episode=f"{topic}:{start}", episode_start=from_epoch(start),
                        at=from_epoch(at), kind=kind, transition=transition,
                        severity=Severity.HIGH, summary="")


def label(topic: str, kind: str, start: int, end: int, variant: str = "") -> dict[str, object]:
    return {"topic": topic, "type": kind, "start": iso(start), "end": iso(end),
            "variant": variant or kind}


def test_scores_per_class() -> None:
    """A crisis caught after 40 min, a missed one, a flood called crisis and a false
    positive buzz give the expected figures."""
    events = [
        ev("a", T + 600, T + 900, Kind.BAD_BUZZ),
        ev("a", T + 600, T + 2400, Kind.CRISIS, Transition.ESCALATED),
        ev("a", T + 600, T + 9000, Kind.RESOLVED, Transition.RESOLVED),
        ev("c", T, T + 300, Kind.BAD_BUZZ),
        ev("c", T, T + 600, Kind.CRISIS, Transition.ESCALATED),
        ev("d", T + 50_000, T + 50_100, Kind.POSITIVE_BUZZ),
    ]
    labels = [label("a", "crisis", T, T + 7200), label("b", "crisis", T, T + 7200),
              label("c", "bad_buzz", T, T + 1800, "flood")]
    report = evaluate([e.to_dict() for e in events[:3]] + events[3:], labels)
    crisis = report.classes["crisis"]
    assert (crisis.labels, crisis.detected, crisis.predicted, crisis.correct) == (2, 1, 2, 1)
    assert crisis.recall == 0.5 and crisis.precision == 0.5
    assert crisis.median_delay == 40.0
    assert report.bad_buzz_labels == 1 and report.bad_buzz_as_crisis_rate == 1.0
    assert report.classes["positive_buzz"].precision == 0.0
    assert report.classes["bad_buzz"].predicted == 0  # escalated episodes count as crisis
    assert any("missed crisis on b" in line for line in report.misses)
    data = report.to_dict()
    assert data["classes"]["crisis"]["median_delay_minutes"] == 40.0
    assert report.table().row_count == 5


def test_events_outside_the_label_window_do_not_match() -> None:
    """An episode on the right topic but hours after the label (plus grace) is a miss."""
    events = [ev("a", T + 20_000, T + 20_000, Kind.CRISIS)]
    report = evaluate(events, [label("a", "crisis", T, T + 3600)])
    assert report.classes["crisis"].detected == 0
    assert report.classes["crisis"].correct == 0


def test_an_episode_resolving_in_a_label_window_does_not_match_it() -> None:
    """A crisis episode whose resolution falls in a bad buzz's window did not call that bad
    buzz a crisis; the bad buzz's own episode, opening there, is what matches it."""
    events = [ev("a", T, T + 600, Kind.CRISIS),
              ev("a", T, T + 20_000, Kind.RESOLVED, Transition.RESOLVED),
              ev("a", T + 20_000, T + 20_300, Kind.BAD_BUZZ)]
    labels = [label("a", "crisis", T, T + 7200), label("a", "bad_buzz", T + 19_800, T + 21_600)]
    report = evaluate(events, labels)
    assert report.bad_buzz_as_crisis == 0
    assert report.classes["bad_buzz"].detected == 1
    assert report.classes["crisis"].correct == 1
    # Its resolution alone in a crisis label's window does not make it that crisis's call.
    late = evaluate(events[:2], [label("a", "crisis", T + 19_800, T + 21_600)])
    assert late.classes["crisis"].correct == 0


def test_combined_reports_equal_one_evaluation_of_everything() -> None:
    """combine() of reports made apart gives the figures of evaluating it all at once."""
    events = [ev("a", T + 600, T + 2400, Kind.CRISIS),
              ev("c", T, T + 600, Kind.CRISIS, Transition.ESCALATED),
              ev("d", T + 50_000, T + 50_100, Kind.POSITIVE_BUZZ)]
    labels = [label("a", "crisis", T, T + 7200), label("b", "crisis", T, T + 7200),
              label("c", "bad_buzz", T, T + 1800, "flood")]
    whole = evaluate(events, labels).to_dict()
    parts = combine([evaluate(events[:1], labels[:2]), evaluate(events[1:], labels[2:])])
    assert parts.to_dict() == whole
