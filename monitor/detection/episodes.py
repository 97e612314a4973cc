"""Episode lifecycle: open, re-classify, escalate, resolve - as EpisodeEvents at event time.

An episode belongs to one topic. It opens on an anomaly with its first classification
(OPENED), changes class (RECLASSIFIED), escalates (ESCALATED: to crisis, or a higher
severity) and resolves once the topic has been back near its baseline for `resolve_after`
(RESOLVED). Every event is stamped with the end of the bucket that decided it, never earlier.
A crisis never steps back down, and severities only go up, within one episode.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from monitor.detection.classify import Decision, classify, summary
from monitor.detection.features import Totals, Window, indicators
from monitor.detection.settings import DetectionSettings
from monitor.model import BucketStats, EpisodeEvent, Evidence, Kind, Severity, Transition
from monitor.timeutil import from_epoch


@dataclass(slots=True)
class Episode:
    """State of one open episode (JSON-able)."""

    topic: str
    start: int
    kind: Kind | None = None
    severity: Severity = Severity.LOW
    peak_ratio: float = 0.0
    quiet_since: int | None = None
    onset: int | None = None  # where the rise began (<= start); durations count from here
    totals: Totals = field(default_factory=Totals)
    judged: bool = False  # a reading has been classified: it may resolve from now on
    turned: int | None = None  # when the episode last turned negative (turn())
    # Since that turn: its usual bucket before the turn (mentions that were not negative:
    # volume, positive, scored), the floor of what each bucket is expected to hold.
    before_turn: dict[str, float] | None = None
    # The last quiet spell that lasted `split_after` ([since, until]): a new rise after it
    # ends the episode (engine: split) instead of joining it.
    lull: list[int] | None = None
    chain: int | None = None  # the start of the episode it split from, or of that one's chain

    @property
    def chain_start(self) -> int:
        """Where the run of episodes this one split from began (its own start if none)."""
        return self.start if self.chain is None else self.chain

    @property
    def id(self) -> str:
        return f"{self.topic}:{self.start}"

    def to_dict(self) -> dict[str, Any]:
        return {"topic": self.topic, "start": self.start,
                "kind": self.kind.value if self.kind else None,
                "severity": self.severity.value, "peak_ratio": self.peak_ratio,
                "quiet_since": self.quiet_since, "onset": self.onset,
                "totals": self.totals.to_dict(), "judged": self.judged,
                "turned": self.turned, "before_turn": self.before_turn,
                "lull": list(self.lull) if self.lull else None, "chain": self.chain}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Episode:
        return cls(topic=data["topic"], start=int(data["start"]),
                   kind=Kind(data["kind"]) if data.get("kind") else None,
                   severity=Severity(data["severity"]), peak_ratio=float(data["peak_ratio"]),
                   quiet_since=data.get("quiet_since"), onset=data.get("onset"),
                   totals=Totals.from_dict(data["totals"]),
                   # States stored before `judged` existed: classified means judged.
                   judged=bool(data.get("judged", data.get("kind") is not None)),
                   turned=data.get("turned"), before_turn=data.get("before_turn"),
                   lull=[int(v) for v in data["lull"]] if data.get("lull") else None,
                   chain=data.get("chain"))


# What the baseline expected in a bucket: (negative, positive, scored) mentions, and
# mentions per source type.
Usual = tuple[tuple[float, float, float], dict[str, float]]


def add(episode: Episode, bucket: BucketStats, expected: float, usual: Usual) -> None:
    """Add a bucket to the episode's totals with what it was expected to hold (add_to)."""
    add_to(episode.totals, episode, bucket, expected, usual)


def add_to(totals: Totals, episode: Episode, bucket: BucketStats, expected: float,
           usual: Usual) -> None:
    """Add a bucket of `episode` to `totals` with what it was expected to hold: the topic's
    baseline, or after a turn at least the episode's usual bucket before it (so the tone and
    authors the turn added are judged, not the buzz it came on top of)."""
    (negative, positive, scored), types = usual
    floor = episode.before_turn
    if floor is not None:  # not the source types: news covering the buzz is press all the same
        # The buzz's part of this bucket: its mentions that were not negative before the
        # turn (the backlash may have begun under them), never more than what in the bucket
        # is not negative (a buzz that has faded leaves the backlash alone, and its new
        # voices are not discounted for fans who left), on top of the usual negative ones.
        expected = max(expected, min(floor["volume"], bucket.volume - bucket.negative)
                       + negative)
        positive = max(positive, min(floor["positive"], bucket.positive))
        scored = max(scored, min(floor["scored"], bucket.scored - bucket.negative) + negative)
    totals.add(bucket, expected, negative, positive, scored, expected_types=types)


def turn(episode: Episode, onset: int, at: int, ratio: float,
         history: list[tuple[BucketStats, float, Usual]]) -> None:
    """Restart an episode's totals at a turn of its tone (engine: an episode that was not
    negative now is, from `onset`). Judged on its whole run, hours of praise or news would
    dilute the backlash for as long as they outweigh it: from here the episode, same id,
    is judged on what came since `onset`, above its usual bucket before it. `history`: the
    recent buckets (oldest first) with their expected volume and usual counts."""
    began = episode.onset if episode.onset is not None else episode.start
    before = [b for b, _, _ in history if began <= b.start < onset]
    if before:
        # The lower of its last hour's and last quarter hour's levels: a buzz fading as
        # the backlash comes is not expected back at its peak.
        floor = min((_level(before), _level(before[-3:])), key=lambda f: f["volume"])
    else:
        n = max(1.0, (at - began) / max(1, history[-1][0].width if history else 300))
        floor = _level([], episode.totals, n)
    episode.totals, episode.before_turn = Totals(), floor
    episode.onset, episode.turned, episode.peak_ratio = onset, at, ratio
    for b, expected, usual in history:
        if b.start >= onset:
            add(episode, b, expected, usual)


def _level(buckets: list[BucketStats], totals: Totals | None = None,
           n: float = 0.0) -> dict[str, float]:
    """Mentions per bucket that were not negative (volume, positive, scored) of `buckets`,
    or of `totals` over `n` buckets."""
    if totals is None:
        totals, n = Totals(), float(len(buckets))
        for b in buckets:
            totals.add(b, 0.0)
    return {"volume": (totals.volume - totals.negative) / n, "positive": totals.positive / n,
            "scored": (totals.scored - totals.negative) / n}


def make_event(episode_id: str, topic: str, start: int, at: int, kind: Kind,
               transition: Transition, severity: Severity, text: str,
               evidence: tuple[Evidence, ...], ind: dict[str, float],
               previous: Kind | None = None) -> EpisodeEvent:
    return EpisodeEvent(topic=topic, episode=episode_id, episode_start=from_epoch(start),
                        at=from_epoch(at), kind=kind, transition=transition, severity=severity,
                        summary=text, evidence=evidence, indicators=ind, previous_kind=previous)


@dataclass(frozen=True, slots=True)
class Reading:
    """What one bucket showed of an open episode: everything its classification reads.

    The detector's state never depends on how an episode is classified, so a sweep of a
    classification threshold (classify.CLASSIFY_ONLY) replays the readings of one detection
    run through `decide` instead of detecting again (replay.reclassify)."""

    episode: str
    topic: str
    start: int
    at: int
    ind: dict[str, float]
    resolve: bool = False  # back near the baseline for `resolve_after`: resolve it
    ratio: float = 0.0  # volume over baseline in the window (resolve)
    quiet_minutes: float = 0.0  # (resolve)
    minutes: float = 0.0  # since the onset (resolve)
    peak_ratio: float = 0.0  # (resolve)
    turned_after: float | None = None  # minutes of episode before its turn of tone, if any
    split: bool = False  # (resolve) ended by a new rise after a lull, not by a long calm


def measure(episode: Episode, bucket: BucketStats, expected: float, usual: Usual,
            window: Window, quiet: bool, s: DetectionSettings) -> Reading | None:
    """Add one bucket to an open episode and return what it showed: a reading to classify,
    one that resolves it (the topic has been quiet for `resolve_after`), or None (quiet,
    not yet for long). Independent of the classification: see Reading.

    `usual` is what the baseline expected in this bucket besides its volume (see Usual);
    `quiet` says the topic is back near its baseline at this bucket.
    """
    add(episode, bucket, expected, usual)
    ratio = window.volume / window.baseline if window.baseline > 0 else 0.0
    episode.peak_ratio = max(episode.peak_ratio, ratio)
    began = episode.onset if episode.onset is not None else episode.start
    minutes = (bucket.end - began) / 60.0
    ind = indicators(episode.totals, window, episode.peak_ratio, minutes)
    episode.totals.reach_types()
    at = bucket.end
    if quiet and episode.judged:
        episode.quiet_since = episode.quiet_since if episode.quiet_since is not None \
            else bucket.start
        if at - episode.quiet_since >= s.seconds("split_after"):
            episode.lull = [episode.quiet_since, at]
        if at - episode.quiet_since >= s.seconds("resolve_after"):
            return Reading(episode.id, episode.topic, episode.start, at, ind, resolve=True,
                           ratio=ratio, quiet_minutes=(at - episode.quiet_since) / 60,
                           minutes=minutes, peak_ratio=episode.peak_ratio)
        return None
    episode.quiet_since = None
    episode.judged = True
    # A wave that died down for `split_after` is over: what follows, too small to open an
    # episode of its own, is called crisis on its last hour, not on the old totals (classify).
    lull = episode.lull
    ind["lull_minutes"] = 0.0 if lull is None else (lull[1] - lull[0]) / 60.0
    turned_after = None if episode.turned is None else (began - episode.start) / 60.0
    return Reading(episode.id, episode.topic, episode.start, at, ind, turned_after=turned_after)


def close(episode: Episode, at: int, window: Window) -> Reading:
    """The reading that resolves a lulled episode (Episode.lull) at `at`, where a new rise
    begins: the engine opens the rise as an episode of its own."""
    began = episode.onset if episode.onset is not None else episode.start
    minutes = (at - began) / 60.0
    ind = indicators(episode.totals, window, episode.peak_ratio, minutes)
    since, until = episode.lull or (at, at)
    return Reading(episode.id, episode.topic, episode.start, at, ind, resolve=True,
                   ratio=window.volume / window.baseline if window.baseline > 0 else 0.0,
                   quiet_minutes=(until - since) / 60.0, minutes=minutes,
                   peak_ratio=episode.peak_ratio, split=True)


def decide(episode: Episode, reading: Reading, s: DetectionSettings) -> list[EpisodeEvent]:
    """The events a reading causes: the episode's (re-)classification, escalation or
    resolution. Mutates only the episode's kind and severity."""
    if reading.resolve:
        kind = episode.kind
        assert kind is not None  # a judged episode has been classified
        text = (f"{reading.topic}: {kind.value.replace('_', ' ')} resolved - back to "
                f"usual volume for {reading.quiet_minutes:.0f} min after "
                f"{reading.minutes:.0f} min, peak {reading.peak_ratio:.1f}x")
        evidence = (Evidence("volume_ratio", reading.ratio, s.resolve_ratio, "<",
                             f"volume back to {reading.ratio:.1f}x the usual"),)
        if reading.split:
            text += "; a new rise opens a new episode"
            evidence = (Evidence("quiet_minutes", reading.quiet_minutes,
                                 s.seconds("split_after") / 60.0, ">=",
                                 f"back to its usual volume for "
                                 f"{reading.quiet_minutes:.0f} min before a new rise "
                                 f"({reading.ratio:.1f}x the usual now): a new episode"),)
        return [make_event(reading.episode, reading.topic, reading.start, reading.at,
                           Kind.RESOLVED, Transition.RESOLVED, episode.severity, text,
                           evidence, reading.ind, previous=kind)]
    decision = classify(reading.ind, s, episode.kind)
    return _transition(episode, decision, reading)


UPBEAT = (Kind.POSITIVE_BUZZ, Kind.VOLUME_SPIKE)  # the kinds a turn of tone comes from


def _transition(episode: Episode, decision: Decision, reading: Reading) -> list[EpisodeEvent]:
    previous, old_severity = episode.kind, episode.severity
    kind = decision.kind
    severity = decision.severity
    if previous is not None and kind is previous:
        severity = Severity.from_rank(max(severity.rank, old_severity.rank))
    if previous is None:
        transition = Transition.OPENED
    elif kind is not previous:
        escalation = kind is Kind.CRISIS
        transition = Transition.ESCALATED if escalation else Transition.RECLASSIFIED
    elif severity.rank > old_severity.rank:
        transition = Transition.ESCALATED
    else:
        return []
    episode.kind, episode.severity = kind, severity
    text = summary(reading.topic, kind, severity, reading.ind)
    before = reading.turned_after
    if previous in UPBEAT and kind not in UPBEAT and before is not None:
        # Its duration now counts from the turn: say what came before it.
        text += f" (turned negative after {before:.0f} min of {previous.value.replace('_', ' ')})"
    return [make_event(reading.episode, reading.topic, reading.start, reading.at, kind,
                       transition, severity, text, decision.evidence, reading.ind,
                       previous=previous)]
