"""Topic keyword queries: `acme AND (rappel OR "product recall") NOT concours`.

Syntax (docs/queries.md): terms, "quoted phrases", AND / OR / NOT (upper case, so the French
word "or" and the English "and" stay plain terms), parentheses, implicit AND between adjacent
terms, a trailing `*` for a prefix, `#tag` and `@handle` for hashtags and handles.
Matching is case- and accent-insensitive and on whole words: `oreal` matches "L’Oréal", `acme`
matches "#acme", `"l'oreal"` matches "l’Oréal" and "L Oreal".

How a text is seen: it is normalised (`normalise_text`), then cut into words (runs of letters,
digits and `_`; apostrophes and hyphens separate words). Single terms are looked up in the set
of words; phrases are searched in the words joined by single spaces, so a phrase can only match
whole consecutive words. Pure: no I/O, no state beyond the compiled tree.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "Document",
    "Query",
    "QueryError",
    "TopicMatcher",
    "compile_query",
    "normalise_text",
]

# Apostrophe look-alikes that people and keyboards type for "'".
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "′": "'"})
# Letters NFKD does not split into base + accent.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d"})
# str.translate looks every character of a non-ASCII text up in its table, which cost more
# than the rest of matching a French mention: the tables are applied only to texts that hold
# one of their characters, found by one C-level scan.
_HAS_APOSTROPHE = re.compile("[" + re.escape("".join(map(chr, _APOSTROPHES))) + "]").search
_HAS_LIGATURE = re.compile("[" + re.escape("".join(map(chr, _LIGATURES))) + "]").search
# The accents of Latin letters (the combining block, less U+034F, which has no combining
# class): a regex drops them four times faster than the whole table, which then handles only
# what is left that is not ASCII.
_LATIN_ACCENTS = re.compile("[\u0300-\u034e\u0350-\u036f]+")
_WORD = re.compile(r"([#@]?)(\w+)")
_PLAIN = re.compile(r"\w+")
_MARKED = re.compile(r"[#@]\w+")


def normalise_text(text: str) -> str:
    """Lower-case `text`, strip accents and unify apostrophes.

    Guarantees: the result is lower case, has no combining marks, uses only "'" for
    apostrophes, and the same visible word written with or without accents (or in another
    Unicode form) normalises to the same string.
    """
    if text.isascii():  # nothing to decompose, strip or unligature: most mentions
        text = text.lower()
        return text.translate(_APOSTROPHES) if "`" in text else text
    text = text.casefold()
    if _HAS_APOSTROPHE(text):
        text = text.translate(_APOSTROPHES)
    text = _LATIN_ACCENTS.sub("", unicodedata.normalize("NFKD", text))
    if text.isascii():
        return text
    text = text.translate(_combining_marks())
    return text.translate(_LIGATURES) if _HAS_LIGATURE(text) else text


@functools.cache
def _combining_marks() -> dict[int, None]:
    """Every combining code point, for `str.translate` to delete (built once, on first use)."""
    return {cp: None for cp in range(sys.maxunicode + 1) if unicodedata.combining(chr(cp))}


class QueryError(ValueError):
    """A query that does not compile; the message names the problem and its 1-based
    character position, and `position` holds that position."""

    def __init__(self, reason: str, position: int) -> None:
        self.reason = reason
        self.position = position
        super().__init__(f"{reason} at character {position}")


class Document:
    """A text prepared once for matching by any number of queries."""

    __slots__ = ("_plain", "_joined", "words")

    def __init__(self, text: str, *, normalised: bool = False) -> None:
        norm = text if normalised else normalise_text(text)
        # Every \w+ run is a word; a run right after "#" or "@" is also a tag or handle.
        self._plain = _PLAIN.findall(norm)
        words = set(self._plain)
        if "#" in norm or "@" in norm:
            words.update(_MARKED.findall(norm))
        self.words = frozenset(words)
        self._joined: str | None = None

    @property
    def joined(self) -> str:
        """The words joined by single spaces, with a space at each end (for phrases and
        prefixes; built on first use: most queries only look words up)."""
        if self._joined is None:
            self._joined = " " + " ".join(self._plain) + " "
        return self._joined


# ---- compiled tree -----------------------------------------------------------------------


class _Node:
    def eval(self, doc: Document) -> bool:
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class _Word(_Node):
    word: str  # may start with # or @

    def eval(self, doc: Document) -> bool:
        return self.word in doc.words


@dataclass(frozen=True, slots=True)
class _Prefix(_Node):
    prefix: str

    def eval(self, doc: Document) -> bool:
        # A single-word prefix is a search for " prefix" in the joined words: the space before
        # it is the word boundary, and no space is required after it.
        return " " + self.prefix in doc.joined


@dataclass(frozen=True, slots=True)
class _Phrase(_Node):
    needle: str  # " w1 w2 " (or " w1 w2" for a prefix on the last word)

    def eval(self, doc: Document) -> bool:
        return self.needle in doc.joined


@dataclass(frozen=True, slots=True)
class _Not(_Node):
    child: _Node

    def eval(self, doc: Document) -> bool:
        return not self.child.eval(doc)


@dataclass(frozen=True, slots=True)
class _And(_Node):
    children: tuple[_Node, ...]

    def eval(self, doc: Document) -> bool:
        return all(c.eval(doc) for c in self.children)


@dataclass(frozen=True, slots=True)
class _Or(_Node):
    children: tuple[_Node, ...]

    def eval(self, doc: Document) -> bool:
        return any(c.eval(doc) for c in self.children)


# ---- lexer and parser --------------------------------------------------------------------

_OPERATORS = ("AND", "OR", "NOT")


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "(", ")", "AND", "OR", "NOT", "TERM", "PHRASE"
    value: str
    pos: int  # 1-based


def _lex(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(_Token(ch, ch, i + 1))
            i += 1
        elif ch in "\"“”«»":
            close = {"“": "”", "«": "»"}.get(ch)
            end = -1
            for j in range(i + 1, n):
                if text[j] == '"' or text[j] == close or (close is None and text[j] in "”»"):
                    end = j
                    break
            if end < 0:
                raise QueryError("unclosed quote", i + 1)
            tokens.append(_Token("PHRASE", text[i + 1 : end], i + 1))
            i = end + 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in "()\"“”«»":
                j += 1
            word = text[i:j]
            kind = word if word in _OPERATORS else "TERM"
            tokens.append(_Token(kind, word, i + 1))
            i = j
    return tokens


def _term_node(raw: str, pos: int, *, phrase: bool) -> _Node:
    """Compile one term or phrase; raises QueryError when it has no word in it."""
    norm = normalise_text(raw).strip()
    prefix = norm.endswith("*")
    if prefix:
        norm = norm.rstrip("*")
    if "*" in norm:
        raise QueryError("'*' is only allowed at the end of a term", pos)
    parts = _WORD.findall(norm)
    if not parts:
        what = "phrase" if phrase else "term"
        raise QueryError(f"{what} {raw!r} has no letter or digit", pos)
    if len(parts) == 1:
        mark, word = parts[0]
        if prefix:
            if mark:
                raise QueryError("a prefix '*' cannot follow a #tag or @handle", pos)
            return _Prefix(word)
        # `#acme` wants the hashtag itself; `acme` also matches "#acme" (see Document).
        return _Word(mark + word)
    words = " ".join(word for _mark, word in parts)
    return _Phrase(" " + words + ("" if prefix else " "))


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _lex(text)
        self.i = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> _Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def end_pos(self) -> int:
        return len(self.text) + 1

    def parse(self) -> _Node:
        if not self.tokens:
            raise QueryError("empty query", 1)
        node = self.parse_or()
        tok = self.peek()
        if tok is not None:  # only a stray ")" can stop the loops above
            raise QueryError("unmatched ')'", tok.pos)
        return node

    def parse_or(self) -> _Node:
        children = [self.parse_and()]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            children.append(self.parse_and(after=tok))
        return children[0] if len(children) == 1 else _Or(tuple(children))

    def parse_and(self, after: _Token | None = None) -> _Node:
        children = [self.parse_not(after)]
        while (tok := self.peek()) is not None and tok.kind not in ("OR", ")"):
            if tok.kind == "AND":
                self.take()
                children.append(self.parse_not(after=tok))
            else:  # adjacent terms: implicit AND
                children.append(self.parse_not(None))
        return children[0] if len(children) == 1 else _And(tuple(children))

    def parse_not(self, after: _Token | None) -> _Node:
        tok = self.peek()
        if tok is not None and tok.kind == "NOT":
            self.take()
            return _Not(self.parse_not(after=tok))
        return self.parse_atom(after)

    def parse_atom(self, after: _Token | None) -> _Node:
        tok = self.peek()
        if tok is None:
            if after is not None:
                raise QueryError(f"{after.value} needs a term after it", after.pos)
            raise QueryError("query ends where a term was expected", self.end_pos())
        if tok.kind in ("AND", "OR", ")"):
            if after is not None:
                raise QueryError(f"{after.value} needs a term after it", after.pos)
            if tok.kind == ")":
                raise QueryError("')' where a term was expected", tok.pos)
            raise QueryError(f"{tok.value} needs a term before it", tok.pos)
        self.take()
        if tok.kind == "(":
            if (nxt := self.peek()) is not None and nxt.kind == ")":
                raise QueryError("empty parentheses", tok.pos)
            node = self.parse_or()
            close = self.peek()
            if close is None or close.kind != ")":
                raise QueryError("unclosed '('", tok.pos)
            self.take()
            return node
        return _term_node(tok.value, tok.pos, phrase=tok.kind == "PHRASE")


def _triggers(node: _Node) -> frozenset[str] | None:
    """Words of which a matching text must hold at least one, or None when no such set is
    known (a prefix, a negation). Lets TopicMatcher skip topics a text cannot match."""
    if isinstance(node, _Word):
        return frozenset({node.word})
    if isinstance(node, _Phrase):
        first = node.needle.split(" ", 2)[1]
        # " w1 w2" (prefix on the last word) still holds w1 whole; " w1" alone would not.
        return frozenset({first}) if node.needle.count(" ") >= 2 else None
    if isinstance(node, _Or):
        union: set[str] = set()
        for child in node.children:
            found = _triggers(child)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if isinstance(node, _And):
        options = [t for t in map(_triggers, node.children) if t is not None]
        return min(options, key=len) if options else None
    return None


def _terms(node: _Node) -> list[_Word | _Prefix | _Phrase]:
    """The terms of a query that are not negated."""
    if isinstance(node, _Word | _Prefix | _Phrase):
        return [node]
    if isinstance(node, _And | _Or):
        return [term for child in node.children for term in _terms(child)]
    return []


# A name: its words, normalised and without "#" or "@", and whether the last is a prefix.
Name = tuple[tuple[str, ...], bool]


class Query:
    """A compiled keyword query. `matches` takes raw text (it normalises it);
    `matches_document` takes a `Document` prepared once for many queries."""

    __slots__ = ("_root", "names", "text")

    def __init__(self, text: str, root: _Node) -> None:
        self.text = text
        self._root = root
        self.names = self._names()

    def _names(self) -> tuple[Name, ...]:
        """The terms that name the topic: each alone satisfies the query ("Verlover Beauty",
        #verloverbeauty, @verlover_fr). A term that only narrows it (`scandal` in
        `acme AND scandal`) is no name."""
        names: list[Name] = []
        for term in _terms(self._root):
            if isinstance(term, _Word):
                alone, words, prefix = term.word, (term.word.lstrip("#@"),), False
            elif isinstance(term, _Prefix):
                alone, words, prefix = term.prefix, (term.prefix,), True
            else:
                alone = term.needle.strip()
                words, prefix = tuple(alone.split(" ")), not term.needle.endswith(" ")
            if self._root.eval(Document(alone, normalised=True)) \
                    and (words, prefix) not in names:
                names.append((words, prefix))
        return tuple(names)

    def matches(self, text: str) -> bool:
        """True when the raw `text` satisfies the query."""
        return self._root.eval(Document(text))

    def matches_document(self, doc: Document) -> bool:
        return self._root.eval(doc)

    def __repr__(self) -> str:
        return f"Query({self.text!r})"


def compile_query(text: str) -> Query:
    """Compile `text`; raises QueryError (a ValueError) naming the problem and position.

    A query that would match a text containing none of its words (e.g. only `NOT x`) is
    refused: a topic must say what it is about, not only what it is not.
    """
    root = _Parser(text).parse()
    if root.eval(Document("")):
        raise QueryError("query matches every text (it needs a term that is not negated)", 1)
    return Query(text, root)


class TopicMatcher:
    """Match one text against many topics: the text is normalised and cut into words once,
    and only the topics that one of its words can trigger are evaluated."""

    __slots__ = ("_always", "_by_word", "_name_patterns", "_names", "_topics")

    def __init__(self, topics: Sequence[tuple[str, str]]) -> None:
        """`topics` are (name, query) pairs; raises QueryError naming the topic that fails."""
        compiled: list[tuple[str, Query]] = []
        for name, query in topics:
            try:
                compiled.append((name, compile_query(query)))
            except QueryError as exc:
                raise QueryError(f"topic {name!r}: {exc.reason}", exc.position) from None
        self._topics = tuple(compiled)
        self._names = {name: query.names for name, query in compiled}
        # Compiled on a topic's first mention: thousands of topics load without waiting.
        self._name_patterns: dict[str, re.Pattern[str]] = {}
        self._by_word: dict[str, list[int]] = {}
        always: list[int] = []
        for index, (_name, compiled_query) in enumerate(compiled):
            words = _triggers(compiled_query._root)
            if words is None:
                always.append(index)
            else:
                for word in words:
                    self._by_word.setdefault(word, []).append(index)
        self._always = tuple(always)

    def match(self, text: str) -> tuple[str, ...]:
        """Names of the topics whose query `text` satisfies, in the order they were given."""
        doc = Document(text)
        candidates = set(self._always)
        by_word = self._by_word
        for word in doc.words:
            hit = by_word.get(word)
            if hit:
                candidates.update(hit)
        topics = self._topics
        return tuple(
            topics[i][0] for i in sorted(candidates) if topics[i][1].matches_document(doc)
        )

    def without_names(self, text: str, topics: Sequence[str]) -> str:
        """`text` with the names of `topics` (Query.names) cut out, for sentiment scoring:
        a brand called "Verlover Beauty" or "Good Harvest" is not praise, and its name in
        every mention of a backlash scored it positive."""
        named = [topic for topic in topics if self._names.get(topic)]
        if not named:
            return text
        patterns = [self._name_pattern(topic) for topic in named]
        norm = normalise_text(text)
        spans = sorted((m.start(), m.end()) for pattern in patterns
                       for m in pattern.finditer(norm))
        if not spans:
            return text
        if len(norm) == len(text) and (text.isascii() or all(
                _aligned(text, norm, start, end) for start, end in spans)):
            # Lower case (and "`" as "'") keeps every character in its place, and so does
            # dropping the accents of precomposed letters: a name found in `norm` is at the
            # same place in `text`, as each span not in plain ASCII is checked to be.
            return _cut(text, spans)
        return _cut_words(text, [name for topic in named for name in self._names[topic]])

    def _name_pattern(self, topic: str) -> re.Pattern[str]:
        pattern = self._name_patterns.get(topic)
        if pattern is None:
            pattern = self._name_patterns[topic] = _name_pattern(self._names[topic])
        return pattern


def _cut_words(text: str, names: list[Name]) -> str:
    """`text` without `names`, found word by word (any text; TopicMatcher.without_names
    takes this slower walk only where normalising moved characters)."""
    tokens = list(_PLAIN.finditer(text))
    words = [normalise_text(token.group()) for token in tokens]
    cuts: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        size = _name_at(words, i, names)
        if size:
            start = tokens[i].start()
            if start > 0 and text[start - 1] in "#@":
                start -= 1
            cuts.append((start, tokens[i + size - 1].end()))
            i += size
        else:
            i += 1
    return _cut(text, cuts) if cuts else text


def _aligned(text: str, norm: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is what `norm[start:end]` was normalised from, whole words."""
    return normalise_text(text[start:end]) == norm[start:end] \
        and (start == 0 or not text[start - 1].isalnum() and text[start - 1] != "_") \
        and (end == len(text) or not text[end].isalnum() and text[end] != "_")


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` without the sorted `spans` (overlapping ones are cut once)."""
    parts, last = [], 0
    for start, end in spans:
        if start >= last:
            parts.append(text[last:start])
        last = max(last, end)
    parts.append(text[last:])
    return "".join(parts)


def _name_pattern(names: tuple[Name, ...]) -> re.Pattern[str]:
    """One regex finding any of `names` in normalised text, with its "#" or "@": the words
    whole, separated by anything that is not a word (as a phrase matches), the longest name
    tried first."""
    ordered = sorted(names, key=lambda n: (-len(n[0]), -sum(map(len, n[0]))))
    options = [r"\W+".join(map(re.escape, words)) + (r"\w*" if prefix else "")
               for words, prefix in ordered]
    return re.compile(r"[#@]?(?<!\w)(?:" + "|".join(options) + r")(?!\w)")


def _name_at(words: list[str], i: int, names: list[Name]) -> int:
    """How many words from `i` on spell one of `names` (the longest), or 0."""
    best = 0
    for name, prefix in names:
        size = len(name)
        if size <= best or i + size > len(words):
            continue
        head_ok = all(words[i + k] == name[k] for k in range(size - 1))
        last = words[i + size - 1]
        if head_ok and (last.startswith(name[-1]) if prefix else last == name[-1]):
            best = size
    return best
