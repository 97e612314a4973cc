"""`vigie backtest` on several cores: replay.py's functions, spread over forked processes.

Two phases, each split where the work is independent:
1. by chunks of lines: parse, match, detect the language, score and hash near-duplicate keys
   (`parse_line` and `Ingestor.prepare_indexed`, exactly as a one-process replay);
2. by groups of topics: count into buckets and run the detector once per configuration (a
   sweep's values), or once for all the values of a classification threshold, whose events
   then come from reclassifying that run (replay.reclassify). Counting and detection are
   per topic: the dedup index keys stories and near-duplicates by topic, ids are made unique
   before counting, and a topic's detector state is its own, so a group of topics counted
   apart gives the very buckets and events the whole replay gives.
The parent keeps the first line of each id, sorts by publication time (as `load_mentions` and
`sorted_mentions` do), and puts the events back in the serial order (bucket, then topic in the
replay's topic order) before the rules run over them: rules are the one stateful step across
topics (inhibitions, grouping), so they run once, in order, in the parent.

Worker processes are forked: they inherit the models, the records and the configurations
instead of receiving them pickled; phase 1's lines are read as the workers need them and sent
in chunks; workers send back compact tuples (phase 1) or a few events (phase 2).
tests/core/test_replay_pool.py holds the result to the one-process replay's.
"""

from __future__ import annotations

import contextlib
import gc
import gzip
import multiprocessing
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

from monitor.config.files import VigieConfig
from monitor.indicators import Prepared
from monitor.model import EpisodeEvent, Label, Mention, Scores
from monitor.pipeline import Ingestor
from monitor.replay import Trace, count_series, observe_series, reclassify, same_detection
from monitor.sources.jsonl import LineError, parse_line
from monitor.timeutil import floor_to, from_epoch, parse_duration, to_epoch

CHUNK = 2000  # lines per phase-1 task: big enough to batch language detection

# What counting reads of a prepared mention (never its text): published (epoch), id, source,
# source_type, author, reach, published_estimated, story, topics, then the scores (lang,
# compound, pos, neu, neg, label, scorer), near-duplicate keys and source weight.
Record = tuple[Any, ...]
TOPICS = 8


@dataclass
class Loaded:
    """Phase 1's result: the prepared mentions as records, in replay order."""

    records: list[Record]
    mentions: int  # distinct mentions read (matched or not)


@contextlib.contextmanager
def _no_cycle_collection() -> Any:
    """The cyclic garbage collector off while millions of small acyclic objects (records,
    mentions, buckets) are built: each of its passes walks every object alive, which made a
    million-mention replay spend a third of its time collecting nothing (refcounting still
    frees everything; forked workers inherit the setting)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# One object per distinct value of the fields that take few values (sources, source types,
# topic sets, languages, labels, scorers), so that a chunk's pickle holds each once and the
# parent keeps one copy instead of a million (at 1M mentions, 1.19 GB instead of 1.37).
_SHARED: dict[Any, Any] = {}


def _shared(value: Any) -> Any:
    if len(_SHARED) > 100_000:
        _SHARED.clear()  # bounded: a replay of endless distinct sources still runs
    return _SHARED.setdefault(value, value)


def compact(item: Prepared) -> Record:
    m, s = item.mention, item.scores
    label = s.label.value if s.label is not None else None
    return (to_epoch(m.published), m.id, _shared(m.source), _shared(m.source_type), m.author,
            m.reach, m.published_estimated, m.story, _shared(item.topics), _shared(s.lang),
            s.compound, s.pos, s.neu, s.neg, _shared(label), _shared(s.scorer),
            item.near_keys, item.weight)


_LABELS: dict[str | None, Label] = {label.value: label for label in Label}


def expand(r: Record, topics: tuple[str, ...]) -> Prepared:
    """A Prepared for counting `topics` (text, title and url are not needed and left empty)."""
    mention = Mention(id=r[1], published=from_epoch(r[0]), source=r[2], source_type=r[3],
                      author=r[4], url="", title="", text="", lang=r[9], reach=r[5],
                      topics=topics, published_estimated=r[6], story=r[7])
    scores = Scores(r[9], r[10], r[11], r[12], r[13], _LABELS.get(r[14]), r[15])
    return Prepared(mention, topics, scores, r[16], r[17])


# ---- phase 1: lines -> records ----------------------------------------------------------

_INGESTOR: Ingestor | None = None

# A chunk of lines: (path, line number of its first line in that file, the lines, where the
# file had been read to, in bytes on disk, once they were).
Chunk = tuple[str, int, list[bytes], int]


def read_chunks(paths: Sequence[Path], cut: list[LineError]) -> Iterator[Chunk]:
    """The lines of the files in chunks of CHUNK, read as they are needed (so the workers
    start at once and a big archive is never held whole). Blank lines are kept, so line
    numbers hold. A compressed file cut short keeps the lines line-by-line reading yields
    before the cut, as `read_replay` does, and its error is added to `cut`. A missing or
    unreadable file raises OSError."""
    for path in paths:
        with open(path, "rb") as raw:
            handle: Any = gzip.GzipFile(fileobj=raw, mode="rb") if Path(path).suffix == ".gz" \
                else raw
            first, lines = 0, []
            try:
                for line in handle:
                    lines.append(line)
                    if len(lines) == CHUNK:
                        yield str(path), first, lines, raw.tell()
                        first, lines = first + CHUNK, []
            except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
                cut.append(LineError(str(path), first + len(lines) + 1,
                                     f"compressed file cut short ({exc})"))
            if lines:
                yield str(path), first, lines, raw.tell()


def _prepare_chunk(chunk: Chunk) -> tuple[Chunk, list[tuple[int, str]], list[tuple[str, Record | None]]]:
    """(the chunk without its lines, bad lines as (line number, reason), then (id, record
    or None when no topic matched) for every good line), in line order."""
    assert _INGESTOR is not None
    path, first, lines, position = chunk
    errors: list[tuple[int, str]] = []
    mentions: list[Mention] = []
    for offset, raw in enumerate(lines):
        if not raw.strip():
            continue
        try:
            mentions.append(parse_line(raw))
        except ValueError as exc:
            errors.append((first + offset + 1, str(exc)))
    prepared = dict(_INGESTOR.prepare_indexed(mentions))
    return ((path, first, [], position), errors,
            [(m.id, compact(prepared[k]) if k in prepared else None)
             for k, m in enumerate(mentions)])


def load(paths: Sequence[Path], config: VigieConfig, processes: int,
         on_error: Callable[[str], None], progress: Callable[[int, int], None] | None = None,
         ) -> Loaded:
    """Phase 1 over every line of `paths`. `progress(done, total)` after each chunk, in
    bytes of the files as stored (compressed or not)."""
    with _no_cycle_collection():
        return _load(paths, config, processes, on_error, progress)


def _load(paths: Sequence[Path], config: VigieConfig, processes: int,
          on_error: Callable[[str], None], progress: Callable[[int, int], None] | None,
          ) -> Loaded:
    global _INGESTOR
    done_before: dict[str, int] = {}  # bytes of the files before each one
    total = 0
    for path in paths:
        done_before[str(path)] = total
        total += Path(path).stat().st_size
    # Models and lexicons are loaded once, here: forked workers inherit them.
    _INGESTOR = Ingestor.from_config(config)
    _INGESTOR.router.warm_up()
    seen: set[str] = set()
    records: list[Record] = []
    cut: list[LineError] = []
    try:
        for (path, _first, _lines, position), errors, items in _map(
                _prepare_chunk, read_chunks(paths, cut), processes):
            for line, reason in errors:
                on_error(str(LineError(path, line, reason)))
            for mention_id, record in items:
                if mention_id in seen:
                    continue  # the archive may hold a redelivered mention twice
                seen.add(mention_id)
                if record is not None:
                    records.append(record)
            if progress:
                progress(done_before[path] + position, total)
    finally:
        _INGESTOR = None
    for error in cut:
        on_error(str(error))
    records.sort(key=itemgetter(0))  # stable: same-time mentions keep their file order
    return Loaded(records, len(seen))


# ---- phase 2: records -> events, per group of topics ---------------------------------------

_RECORDS: list[Record] = []
_CONFIGS: list[VigieConfig] = []
_GROUPS: list[list[str]] = []
_SPAN: tuple[int, int] = (0, 0)


def _detect_group(index: int) -> list[list[tuple[int, str, EpisodeEvent]]]:
    """Count the group's topics, then detect once per configuration; keyed events."""
    topics = _GROUPS[index]
    wanted = frozenset(topics)
    prepared = []
    for record in _RECORDS:
        mine = record[TOPICS]
        if len(mine) != 1:
            mine = tuple(t for t in mine if t in wanted)
        elif mine[0] not in wanted:
            continue
        if mine:
            prepared.append(expand(record, mine))
    series = count_series(prepared, _CONFIGS[0], span=_SPAN, only=wanted)
    out: list[list[tuple[int, str, EpisodeEvent]]] = []
    traces: list[tuple[VigieConfig, Trace]] = []
    for config in _CONFIGS:
        # A sweep of a classification threshold detects once and reclassifies per value.
        trace = next((t for c, t in traces if same_detection(c, config)), None)
        if trace is None:
            trace = observe_series(series, config)
            traces.append((config, trace))
        out.append(list(reclassify(trace, config)))
    return out


def topic_order(records: Sequence[Record], config: VigieConfig) -> list[str]:
    """The serial replay's topic order: configured topics, then others by first mention."""
    order = dict.fromkeys(t.name for t in config.topics)
    for record in records:
        for topic in record[TOPICS]:
            if topic not in order:
                order[topic] = None
    return list(order)


def groups_of(records: Sequence[Record], order: list[str], count: int) -> list[list[str]]:
    """`count` groups of topics of about equal mentions (the cost of counting them)."""
    weight = Counter(t for r in records for t in r[TOPICS])
    groups: list[list[str]] = [[] for _ in range(max(1, min(count, len(order))))]
    loads = [0] * len(groups)
    for topic in sorted(order, key=lambda t: -weight[t]):
        lightest = loads.index(min(loads))
        groups[lightest].append(topic)
        loads[lightest] += weight[topic] + 1
    return [g for g in groups if g]


def detect(loaded: Loaded, configs: Sequence[VigieConfig], processes: int,
           ) -> list[list[EpisodeEvent]]:
    """Phase 2: the events of each configuration, in the serial replay's order."""
    with _no_cycle_collection():
        return _detect(loaded, configs, processes)


def _detect(loaded: Loaded, configs: Sequence[VigieConfig], processes: int,
            ) -> list[list[EpisodeEvent]]:
    global _RECORDS, _CONFIGS, _GROUPS, _SPAN
    records = loaded.records
    if not records:
        return [[] for _ in configs]
    width = int(parse_duration(configs[0].detection.bucket))
    order = topic_order(records, configs[0])
    rank = {topic: i for i, topic in enumerate(order)}
    _RECORDS, _CONFIGS = records, list(configs)
    _GROUPS = groups_of(records, order, processes)
    _SPAN = (floor_to(records[0][0], width), floor_to(records[-1][0], width) + width)
    try:
        per_group = list(_map(_detect_group, range(len(_GROUPS)), processes))
    finally:
        _RECORDS, _CONFIGS, _GROUPS = [], [], []
    out = []
    for k in range(len(configs)):
        keyed = [item for group in per_group for item in group[k]]
        # Stable: events of one (bucket, topic) come from one process, already in order.
        keyed.sort(key=lambda item: (item[0], rank[item[1]]))
        out.append([event for _bucket, _topic, event in keyed])
    return out


def _map(func: Callable[[Any], Any], items: Iterable[Any], processes: int) -> Any:
    """`func` over `items` in order: in forked processes, or here when one is enough. The
    pool's feeder thread draws `items` as the workers take them (reading a file while the
    workers score the chunks already read)."""
    if isinstance(items, Sequence):
        processes = min(processes, len(items))
    if processes <= 1:
        yield from map(func, items)
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(processes) as pool:
        yield from pool.imap(func, items)
