"""Blind spots: when the watch cannot see a topic, say so, and never call it a crisis.

Three ways to go blind, each an episode of kind `blind_spot` that resolves when the view
returns:
- the live watch reports that fewer than `min_coverage` of the topic's sources answer;
- the whole topic falls silent for `silence_after` where mentions were expected (at least
  `silence_min_expected`, or zero as improbable as an opening spike);
- one source that usually carries a fifth of the topic or more falls silent the same way
  while others go on (a feed down, an API cut), judged on its usual share of the topic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from monitor.detection.episodes import make_event
from monitor.detection.settings import DetectionSettings
from monitor.detection.tails import low_surprise
from monitor.model import BucketStats, EpisodeEvent, Evidence, Kind, Severity, Transition

if TYPE_CHECKING:
    from monitor.detection.engine import TopicState


MAJOR_SHARE = 0.2  # a source carrying at least this share of a topic is watched on its own


@dataclass(frozen=True, slots=True)
class Silence:
    """The silence checks for one bucket of one topic."""

    settings: DetectionSettings
    warmup_s: float
    silence_s: float
    dispersion: float  # the topic's window burstiness, for "is zero improbable?"

    def improbable(self, expected: float) -> bool:
        s = self.settings
        return expected >= s.silence_min_expected or \
            low_surprise(0, expected, self.dispersion) >= s.open_surprise

    def topic(self, state: TopicState, bucket: BucketStats, mu: float) -> list[EpisodeEvent]:
        """Whole-topic silence or low coverage: open or resolve the topic's blind spot."""
        s = self.settings
        low_coverage = bucket.coverage is not None and bucket.coverage < s.min_coverage
        silent = bucket.volume == 0 and bucket.syndicated == 0
        if low_coverage or silent:
            if state.silent_since is None:
                state.silent_since, state.silent_expected = bucket.start, 0.0
            state.silent_expected += mu
        else:
            state.silent_since, state.silent_expected = None, 0.0
        warm = state.volume.n * bucket.width >= self.warmup_s
        if state.blind_since is None and state.silent_since is not None and warm:
            lasted = bucket.end - state.silent_since
            if lasted >= self.silence_s and (low_coverage
                                             or self.improbable(state.silent_expected)):
                state.blind_since = state.silent_since
                return [self._event(state.topic, state.blind_since, bucket, Transition.OPENED,
                                    state.silent_expected, low_coverage)]
        elif state.blind_since is not None and state.silent_since is None:
            event = self._event(state.topic, state.blind_since, bucket, Transition.RESOLVED,
                                0.0, False)
            state.blind_since = None
            return [event]
        return []

    def sources(self, state: TopicState, bucket: BucketStats, mu: float) -> list[EpisodeEvent]:
        """One usual source silent while the topic is not: a partial blind spot. Work is
        proportional to the topic's sources (a handful of feeds)."""
        events: list[EpisodeEvent] = []
        warm = state.volume.n * bucket.width >= self.warmup_s
        # Shares are taken of the source sums themselves, which learn in the same buckets
        # (the topic's ordinary-volume sum learns in fewer: against it, every source of a
        # topic stuck in an episode looked major and "silent").
        sources_total = sum(state.source_sums.values())
        per_mention = mu / (sources_total + 5.0)
        # A minor or occasional source: its silences say little (skipped in one pass: a topic
        # may have dozens of small sources, and this runs every bucket).
        major = MAJOR_SHARE * sources_total
        blind = state.blind_sources
        watched = [(name, total) for name, total in state.source_sums.items()
                   if total >= major or name in blind]
        for name, total in watched:
            if bucket.sources.get(name, 0) > 0:
                state.source_silence.pop(name, None)
                since = state.blind_sources.pop(name, None)
                if since is not None:
                    events.append(self._event(state.topic, since, bucket, Transition.RESOLVED,
                                              0.0, False, source=name))
                continue
            run = state.source_silence.setdefault(name, [float(bucket.start), 0.0])
            run[1] += total * per_mention
            if (warm and name not in state.blind_sources and state.blind_since is None
                    and bucket.volume > 0 and bucket.end - run[0] >= self.silence_s
                    and self.improbable(run[1])):
                state.blind_sources[name] = int(run[0])
                events.append(self._event(state.topic, int(run[0]), bucket, Transition.OPENED,
                                          run[1], False, source=name))
        return events

    def _event(self, topic: str, start: int, bucket: BucketStats, transition: Transition,
               expected: float, low_coverage: bool, source: str | None = None) -> EpisodeEvent:
        minutes = (bucket.end - start) / 60.0
        what = f"source {source}" if source else "sources"
        # A source's blind spot is its own episode, keyed apart from the topic's ones.
        episode = f"{topic}:{start}" + (f":{source}" if source else "")
        ind = {"volume": float(bucket.volume), "baseline": expected,
               "duration_minutes": minutes,
               "coverage": bucket.coverage if bucket.coverage is not None else -1.0}
        if transition is Transition.RESOLVED:
            text = f"{topic}: watch restored - {what} back after {minutes:.0f} min of silence"
            evidence = (Evidence("volume", float(bucket.volume), None, "",
                                 "mentions are coming in again"),)
            return make_event(episode, topic, start, bucket.end, Kind.RESOLVED, transition,
                              Severity.MEDIUM, text, evidence, ind, previous=Kind.BLIND_SPOT)
        s = self.settings
        if low_coverage:
            cov = bucket.coverage or 0.0
            evidence = (Evidence("coverage", cov, s.min_coverage, "<",
                                 f"only {cov * 100:.0f}% of the sources answer"),)
        else:
            evidence = (Evidence("baseline", expected, s.silence_min_expected, ">=",
                                 f"no mention from {what} for {minutes:.0f} min where about "
                                 f"{expected:.0f} were expected"),)
        text = (f"{topic}: blind spot - {what} silent for {minutes:.0f} min; the watch cannot "
                "see this topic fully (not a crisis)")
        return make_event(episode, topic, start, bucket.end, Kind.BLIND_SPOT, transition,
                          Severity.MEDIUM, text, evidence, ind)
