"""Mentions to bucket deltas: match, score, de-duplicate, count.

The stages are pure except the `SeenIndex`, the one piece of state the pipeline consults (which
mentions, stories and near-duplicate texts were already counted). Live workers use the Redis
index (`monitor.store.buckets`), a replay the in-memory one below; both answer the same
questions with the same keys, so the same mentions produce the same counts.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from monitor.config.files import VigieConfig
from monitor.indicators import Deltas, Prepared, Verdict
from monitor.model import Mention
from monitor.neardup import near_keys_batch
from monitor.normalise import story_key
from monitor.query import TopicMatcher
from monitor.sentiment.router import SentimentRouter
from monitor.timeutil import to_epoch

NEAR_DUP_WINDOW = 6 * 3600  # a flood is judged against the last hours of its topic, not forever


class SeenIndex(Protocol):
    def judge(self, batch: Sequence[Prepared], token: str) -> list[Verdict]:
        """Verdicts for a batch, remembering what it counts. Judging the same `token` again
        (a redelivered batch) returns the verdicts of the first time, so nothing counts
        twice and nothing is lost."""
        ...


def batch_token(items: Iterable[Prepared]) -> str:
    """Deterministic id of a batch: the same mentions give the same token on redelivery."""
    digest = hashlib.blake2b(digest_size=16)
    for item in items:
        digest.update(item.mention.id.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def seen_keys(item: Prepared) -> tuple[str, list[str], list[str]]:
    """Keys of one mention for the index: its id, its story per topic, its near-dup bands
    per topic. Shared by both index implementations."""
    story = item.mention.story or item.mention.id
    stories = [f"{topic}|{story}" for topic in item.topics]
    nears = [f"{topic}|{key}" for topic in item.topics for key in item.near_keys]
    return item.mention.id, stories, nears


class MemorySeenIndex:
    """In-process index for replays. Like the Redis one, it remembers stories and
    near-duplicate texts in event time (first sighting + window); ids for the whole replay."""

    def __init__(self, story_window: float, near_window: float = NEAR_DUP_WINDOW) -> None:
        self.story_window, self.near_window = story_window, near_window
        self._ids: set[str] = set()
        self._stories: dict[str, float] = {}
        self._near: dict[str, float] = {}
        self._batches: dict[str, list[Verdict]] = {}
        self._last_sweep = 0.0

    @staticmethod
    def _claim(table: dict[str, float], key: str, now: float, window: float) -> bool:
        """True (and remembered from `now`) unless `key` was first seen within `window`."""
        seen = table.get(key)
        if seen is not None:
            if seen > now - window:
                return False
            del table[key]  # re-inserted below, so the table stays in order of first sighting
        table[key] = now
        return True

    def judge(self, batch: Sequence[Prepared], token: str) -> list[Verdict]:
        if token in self._batches:
            return self._batches[token]
        verdicts = []
        for item in batch:
            now = to_epoch(item.mention.published)
            mention_id, stories, nears = seen_keys(item)
            if mention_id in self._ids:
                verdicts.append(Verdict(new=False))
                continue
            self._ids.add(mention_id)
            syndicated = frozenset(
                topic for topic, key in zip(item.topics, stories, strict=True)
                if not self._claim(self._stories, key, now, self.story_window)
            )
            near_hit = set()
            for key in nears:
                # Every band is claimed, so a later copy finds whichever band it shares.
                if not self._claim(self._near, key, now, self.near_window):
                    near_hit.add(key.split("|", 1)[0])
            verdicts.append(Verdict(True, syndicated, frozenset(near_hit)))
            self._sweep(now)
        self._batches = {token: verdicts}  # a replay never redelivers older batches
        return verdicts

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < 3600:
            return
        self._last_sweep = now
        # Tables are in order of first sighting and a replay is in time order: the expired
        # keys are at the front (a straggler left behind only costs memory; `_claim` checks
        # the window itself).
        for table, window in ((self._stories, self.story_window), (self._near, self.near_window)):
            expired = []
            for key, seen in table.items():
                if seen > now - window:
                    break
                expired.append(key)
            for key in expired:
                del table[key]


@dataclass
class Ingestor:
    """Match and score mentions in batches (the expensive, stateless part of ingestion)."""

    config: VigieConfig
    router: SentimentRouter
    matcher: TopicMatcher

    @classmethod
    def from_config(cls, config: VigieConfig, router: SentimentRouter | None = None) -> Ingestor:
        matcher = TopicMatcher([(t.name, t.query) for t in config.topics])
        return cls(config, router or SentimentRouter(config.sentiment), matcher)

    def topics_for(self, mention: Mention) -> tuple[str, ...]:
        if mention.topics is not None:
            return mention.topics
        matched = self.matcher.match(mention.body)
        source = self.config.source(mention.source)
        if source is not None and source.topics is not None and matched:
            allowed = set(source.topics)
            matched = tuple(t for t in matched if t in allowed)
        return matched

    def scoring_text(self, text: str, topics: Sequence[str]) -> str:
        return scoring_text(text, topics, self.matcher)

    def prepare(self, mentions: Sequence[Mention]) -> list[Prepared]:
        """Mentions that match a topic, with topics, language and scores filled in.
        Mentions matching no topic are left out: they are not the watch's business."""
        return [p for _, p in self.prepare_indexed(mentions)]

    def prepare_indexed(self, mentions: Sequence[Mention]) -> list[tuple[int, Prepared]]:
        """`prepare`, each result with the index of its mention in `mentions`."""
        matched = [(i, m, self.topics_for(m)) for i, m in enumerate(mentions)]
        matched = [(i, m, topics) for i, m, topics in matched if topics]
        if not matched:
            return []
        texts = [m.body for _, m, _ in matched]
        # Scored without the topics' own names (TopicMatcher.without_names); near-duplicates
        # are judged on the whole text.
        scores = self.router.score_batch(
            [self.scoring_text(text, topics)
             for text, (_, _, topics) in zip(texts, matched, strict=True)],
            [m.lang for _, m, _ in matched])
        keys = near_keys_batch(texts)
        out = []
        for (i, mention, topics), score, near in zip(matched, scores, keys, strict=True):
            source = self.config.source(mention.source)
            out.append((i, Prepared(
                mention=_matched(mention, topics, score.lang, story_of(mention)),
                topics=topics,
                scores=score,
                near_keys=near,
                weight=source.weight if source is not None else 1.0,
            )))
        return out


def scoring_text(text: str, topics: Sequence[str] = (), matcher: TopicMatcher | None = None) -> str:
    """The text sentiment is scored on: without the names of `topics` (with a `matcher`),
    and with hashtags written in camel case read as words ("#BoycottAcme" is "Boycott Acme",
    which no lexicon lists whole). Names are cut again after the split, so a name written
    inside a hashtag ("#BoycottVerloverBeauty") is not scored either."""
    if matcher is None:
        return readable_hashtags(text)
    cut = matcher.without_names(text, topics)
    split = readable_hashtags(cut)
    return cut if split is cut else matcher.without_names(split, topics)


_HASHTAG = re.compile(r"#(\w+)")


def readable_hashtags(text: str) -> str:
    """`text` with each camel-case hashtag split into its words ("#BoycottAcme" ->
    "Boycott Acme", "#DeleteAcmeNow" -> "Delete Acme Now"); `text` itself (the same
    object) when there is none. A tag in one case ("#boycottacme", "#NASA") is left whole:
    nothing says where its words end."""
    if "#" not in text:
        return text
    out = _HASHTAG.sub(_split_tag, text)
    return text if out == text else out


def _split_tag(match: re.Match[str]) -> str:
    words = _words_of(match.group(1))
    return " ".join(words) if len(words) > 1 else match.group(0)


def _words_of(tag: str) -> list[str]:
    """A camel-case tag's words: a new word at each upper-case letter after a lower-case one
    ("BoycottAcme"), and before the last capital of a run followed by lower case
    ("NASAFails" -> "NASA Fails")."""
    words, start = [], 0
    for i in range(1, len(tag)):
        before, here = tag[i - 1], tag[i]
        after = tag[i + 1] if i + 1 < len(tag) else ""
        if here.isupper() and (before.islower()
                               or (before.isupper() and after.islower())):
            words.append(tag[start:i])
            start = i
    words.append(tag[start:])
    return [w for w in words if w]


def _matched(m: Mention, topics: tuple[str, ...], lang: str, story: str) -> Mention:
    """`replace(m, topics=..., lang=..., story=...)`, spelt out: `dataclasses.replace`
    inspects the fields on every call, and this runs once per mention."""
    return Mention(id=m.id, published=m.published, source=m.source, source_type=m.source_type,
                   author=m.author, url=m.url, title=m.title, text=m.text, lang=lang,
                   reach=m.reach, topics=topics, published_estimated=m.published_estimated,
                   story=story)


PERSONAL_TYPES = frozenset({"social", "forum"})


def story_of(mention: Mention) -> str:
    """The syndication key. Without a URL, identical texts from several authors on social
    media are copy-paste (a near-duplicate flood, counted), not one story syndicated by
    several outlets; elsewhere the content hash stands in for the URL."""
    if not mention.url and mention.source_type in PERSONAL_TYPES:
        return mention.id
    return mention.story or story_key(mention.url, mention.title, mention.text)


def count(batch: Sequence[Prepared], verdicts: Sequence[Verdict], widths: Iterable[int]) -> Deltas:
    """Bucket deltas of a judged batch."""
    deltas = Deltas()
    widths = tuple(widths)
    for item, verdict in zip(batch, verdicts, strict=True):
        deltas.add(item, verdict, widths)
    return deltas
