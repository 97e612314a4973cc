"""The values that travel through Vigie, in pipeline order.

Mention -> Scores -> BucketStats -> EpisodeEvent -> Alert -> Incident.
Plain dataclasses: every stage is a function of these, so a live run and a replay of
archived mentions go through the same code. Times are aware UTC datetimes or epoch seconds
(bucket starts), never the wall clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from monitor.timeutil import iso, parse_instant


class SourceType(StrEnum):
    SOCIAL = "social"
    FORUM = "forum"
    NEWS = "news"
    BLOG = "blog"
    VIDEO = "video"


# Platform and medium names that replay files and webhooks use for a source type. Only the
# five kinds are counted as spread and news pickup, so "press" must not become a sixth kind
# the classifier never reads as news; an unknown name stays a kind of its own (a new platform
# still widens the spread).
_SOURCE_TYPE_ALIASES = {
    **dict.fromkeys(("press", "media", "newspaper", "newspapers", "article", "articles",
                     "news_site", "online_news", "newswire", "wire", "magazine", "tv",
                     "radio", "broadcast", "google_news"), "news"),
    **dict.fromkeys(("twitter", "x", "tweet", "tweets", "mastodon", "fediverse", "bluesky",
                     "threads", "facebook", "instagram", "tiktok", "linkedin", "microblog",
                     "social_media", "social_network"), "social"),
    **dict.fromkeys(("forums", "reddit", "hackernews", "hacker_news", "hn", "discussion",
                     "board", "q&a", "review", "reviews"), "forum"),
    **dict.fromkeys(("blogs", "medium", "substack", "wordpress", "newsletter"), "blog"),
    **dict.fromkeys(("youtube", "vimeo", "twitch", "podcast"), "video"),
}
_SOURCE_TYPES = frozenset(SourceType)


def name_key(name: str) -> str:
    """A name as people spell it ("Bot-Flood", "source outage") folded for a lookup."""
    return name.strip().lower().replace("-", "_").replace(" ", "_")


def source_type_of(name: str) -> str:
    """A source type as one of SourceType's values where the name is a known synonym
    (`press` -> news, `twitter` -> social), else the name in lower case."""
    if name in _SOURCE_TYPES:
        return name
    key = name_key(name)
    return _SOURCE_TYPE_ALIASES.get(key, key)


class Label(StrEnum):
    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


class Kind(StrEnum):
    """What an alert is about. The first four classify an episode."""

    CRISIS = "crisis"
    BAD_BUZZ = "bad_buzz"
    POSITIVE_BUZZ = "positive_buzz"
    VOLUME_SPIKE = "volume_spike"
    BLIND_SPOT = "blind_spot"
    RESOLVED = "resolved"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def from_rank(cls, rank: int) -> Severity:
        return _SEVERITIES[max(0, min(rank, len(_SEVERITIES) - 1))]


_SEVERITIES = [Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL]
_SEVERITY_RANK = {s: i for i, s in enumerate(_SEVERITIES)}


# Fields of the replay format (one JSON object per line); the archive writes exactly these.
REPLAY_FIELDS = ("id", "published", "source", "source_type", "author", "url", "title", "text")
REPLAY_OPTIONAL = ("lang", "reach", "topics")


@dataclass(frozen=True, slots=True)
class Mention:
    """One normalised mention, as a source yields it and the archive stores it.

    `id` is stable across polls (source name + per-feed entry key, hashed). `story` keys the
    syndication check: the same story from several feeds counts once for volume.
    """

    id: str
    published: datetime
    source: str
    source_type: str
    author: str
    url: str
    title: str
    text: str
    lang: str | None = None
    reach: int | None = None
    topics: tuple[str, ...] | None = None  # None: not matched yet; () matched nothing
    published_estimated: bool = False  # feed gave no date: fetch time used instead
    story: str = ""  # canonical URL, or a hash of normalised title+text when there is none

    @property
    def body(self) -> str:
        """The text that is matched and scored: title and text, without repeating a title
        that social posts copy into their text."""
        if not self.title:
            return self.text
        if not self.text or self.text.startswith(self.title[:60]):
            return self.text or self.title
        return f"{self.title}. {self.text}"

    def to_replay(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "published": iso(self.published),
            "source": self.source,
            "source_type": self.source_type,
            "author": self.author,
            "url": self.url,
            "title": self.title,
            "text": self.text,
        }
        if self.lang:
            data["lang"] = self.lang
        if self.reach is not None:
            data["reach"] = self.reach
        if self.topics is not None:
            data["topics"] = list(self.topics)
        if self.published_estimated:
            data["published_estimated"] = True
        if self.story:
            data["story"] = self.story
        return data

    @classmethod
    def from_replay(cls, data: dict[str, Any]) -> Mention:
        """Build from one replay-format object; raises ValueError naming the bad field."""
        missing = [k for k in ("id", "published", "text") if not data.get(k) and data.get(k) != ""]
        if missing:
            raise ValueError(f"missing field(s): {', '.join(missing)}")
        try:
            published = parse_instant(data["published"])
        except (TypeError, ValueError) as exc:
            raise ValueError(f"published: not an ISO 8601 time ({exc})") from None
        topics = data.get("topics")
        if topics is not None and not (
            isinstance(topics, list) and all(isinstance(t, str) for t in topics)
        ):
            raise ValueError("topics: expected a list of topic names")
        reach = data.get("reach")
        if reach is not None and (isinstance(reach, bool) or not isinstance(reach, int | float)):
            raise ValueError("reach: expected a number")
        for key in ("source", "source_type", "author", "url", "title", "text", "lang"):
            value = data.get(key)
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{key}: expected a string")
        return cls(
            id=str(data["id"]),
            published=published,
            source=data.get("source") or "replay",
            source_type=source_type_of(data.get("source_type") or SourceType.SOCIAL.value),
            author=data.get("author") or "",
            url=data.get("url") or "",
            title=data.get("title") or "",
            text=data.get("text") or "",
            lang=data.get("lang") or None,
            reach=int(reach) if reach is not None else None,
            topics=tuple(topics) if topics is not None else None,
            published_estimated=bool(data.get("published_estimated", False)),
            story=data.get("story") or "",
        )


@dataclass(frozen=True, slots=True)
class Scores:
    """Sentiment of one text. `compound` is None when no scorer serves the language:
    such a mention counts as `unscored`, never as a neutral 0 that dilutes shares."""

    lang: str
    compound: float | None
    pos: float = 0.0
    neu: float = 0.0
    neg: float = 0.0
    label: Label | None = None
    scorer: str = "none"


@dataclass(slots=True)
class BucketStats:
    """Indicators of one topic over one time bucket [start, start + width).

    `volume` counts distinct stories; a syndicated copy adds to `syndicated`, `sources`
    and `authors` (amplification) but not to volume. Authors and sources carry counts so
    that concentration (a few accounts posting a lot) can be measured.
    """

    topic: str
    start: int
    width: int
    volume: int = 0
    positive: int = 0
    neutral: int = 0
    negative: int = 0
    unscored: int = 0
    compound_sum: float = 0.0
    negative_intensity: float = 0.0  # sum of -compound over negative mentions
    reach: int = 0
    syndicated: int = 0
    near_duplicates: int = 0
    estimated_time: int = 0  # mentions whose published time is the fetch time
    authors: dict[str, int] = field(default_factory=dict)
    sources: dict[str, int] = field(default_factory=dict)
    source_types: dict[str, int] = field(default_factory=dict)
    # Distinct counts where only an estimate is kept (HyperLogLog in coarse roll-ups);
    # None means "count the dicts above".
    distinct_authors_estimate: int | None = None
    distinct_sources_estimate: int | None = None
    # Share of the topic's sources that were polled successfully during the bucket, when the
    # live watch knows it; None in replays. Lets the detector call a silence a blind spot.
    coverage: float | None = None

    @property
    def end(self) -> int:
        return self.start + self.width

    @property
    def scored(self) -> int:
        return self.positive + self.neutral + self.negative

    @property
    def negative_share(self) -> float:
        return self.negative / self.scored if self.scored else 0.0

    @property
    def positive_share(self) -> float:
        return self.positive / self.scored if self.scored else 0.0

    @property
    def mean_compound(self) -> float:
        return self.compound_sum / self.scored if self.scored else 0.0

    @property
    def distinct_authors(self) -> int:
        if self.distinct_authors_estimate is not None:
            return self.distinct_authors_estimate
        return len(self.authors)

    @property
    def distinct_sources(self) -> int:
        if self.distinct_sources_estimate is not None:
            return self.distinct_sources_estimate
        return len(self.sources)

    def merge(self, other: BucketStats) -> None:
        """Add another bucket's counts into this one (roll-ups, episode totals)."""
        for name in (
            "volume", "positive", "neutral", "negative", "unscored", "compound_sum",
            "negative_intensity", "reach", "syndicated", "near_duplicates", "estimated_time",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("authors", "sources", "source_types"):
            mine: dict[str, int] = getattr(self, name)
            for key, count in getattr(other, name).items():
                mine[key] = mine.get(key, 0) + count


@dataclass(frozen=True, slots=True)
class Evidence:
    """One feature that weighed in a decision: its value, the threshold it crossed and a
    sentence a comms lead reads in five seconds."""

    feature: str
    value: float
    threshold: float | None
    op: str  # ">=", "<=", ">", "<" or "" when informative only
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "value": round(self.value, 4),
                "threshold": self.threshold, "op": self.op, "text": self.text}


class Transition(StrEnum):
    OPENED = "opened"
    RECLASSIFIED = "reclassified"
    ESCALATED = "escalated"
    UPDATED = "updated"
    RESOLVED = "resolved"


@dataclass(frozen=True, slots=True)
class EpisodeEvent:
    """A change in a topic's episode, decided at event time `at` from mentions published at
    or before `at`. Rules turn these into alerts."""

    topic: str
    episode: str
    episode_start: datetime
    at: datetime
    kind: Kind
    transition: Transition
    severity: Severity
    summary: str
    evidence: tuple[Evidence, ...] = ()
    indicators: dict[str, float] = field(default_factory=dict)
    previous_kind: Kind | None = None
    drill: bool = False  # drills never touch real statistics or labels

    def to_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "kind": self.kind.value,
            "transition": self.transition.value,
            "severity": self.severity.value,
            "at": iso(self.at),
            "episode": self.episode,
            "episode_start": iso(self.episode_start),
            "previous_kind": self.previous_kind.value if self.previous_kind else None,
            "summary": self.summary,
            "evidence": [e.to_dict() for e in self.evidence],
            "indicators": {k: round(v, 4) for k, v in self.indicators.items()},
            "drill": self.drill,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EpisodeEvent:
        return cls(
            topic=data["topic"],
            episode=data["episode"],
            episode_start=parse_instant(data["episode_start"]),
            at=parse_instant(data["at"]),
            kind=Kind(data["kind"]),
            transition=Transition(data["transition"]),
            severity=Severity(data["severity"]),
            summary=data.get("summary", ""),
            evidence=tuple(Evidence(**e) for e in data.get("evidence", [])),
            indicators=dict(data.get("indicators", {})),
            previous_kind=Kind(data["previous_kind"]) if data.get("previous_kind") else None,
            drill=bool(data.get("drill", False)),
        )


class AlertStatus(StrEnum):
    """What the rules decided for one (rule, episode event). Every one is recorded;
    only `fired` reaches people."""

    FIRED = "fired"
    PENDING = "pending"  # condition holds, `for` duration not yet reached
    SILENCED = "silenced"
    INHIBITED = "inhibited"
    QUIET_HOURS = "quiet_hours"
    REPEAT_SUPPRESSED = "repeat_suppressed"  # same state already sent within repeat_interval


@dataclass(frozen=True, slots=True)
class Route:
    channels: tuple[str, ...] = ()
    playbook: str | None = None
    mention: tuple[str, ...] = ()  # Slack user ids (U...), user group ids (S...), or "here"


@dataclass(frozen=True, slots=True)
class Alert:
    """A rule's decision on one episode event. `id` is deterministic (rule, episode, state,
    time), so re-evaluating the same event never creates a second alert."""

    id: str
    rule: str | None
    event: EpisodeEvent
    severity: Severity
    status: AlertStatus
    route: Route = Route()
    group_key: str = ""
    suppressed_by: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    replay: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = self.event.to_dict()
        data.update(
            {
                "alert": self.id,
                "rule": self.rule,
                "severity": self.severity.value,
                "status": self.status.value,
                "route": {"channels": list(self.route.channels), "playbook": self.route.playbook,
                          "mention": list(self.route.mention)},
                "group_key": self.group_key,
                "suppressed_by": self.suppressed_by,
                "labels": dict(self.labels),
                "replay": self.replay,
            }
        )
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Alert:
        route = data.get("route") or {}
        return cls(
            id=data["alert"],
            rule=data.get("rule"),
            event=EpisodeEvent.from_dict(data),
            severity=Severity(data["severity"]),
            status=AlertStatus(data["status"]),
            route=Route(tuple(route.get("channels", ())), route.get("playbook"),
                        tuple(route.get("mention", ()))),
            group_key=data.get("group_key", ""),
            suppressed_by=data.get("suppressed_by"),
            labels=dict(data.get("labels", {})),
            replay=bool(data.get("replay", False)),
        )
