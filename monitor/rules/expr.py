"""A small, safe condition language for alert rules. Nothing here ever calls eval.

    volume_ratio >= 3 and negative_share > 0.5 and kind in [crisis, bad_buzz]
    severity >= high or (news_pickup and distinct_authors >= 20)
    labels.tier == gold and not transition == resolved

Grammar (keywords are case-insensitive)::

    expr    := and ('or' and)*
    and     := unary ('and' unary)*
    unary   := 'not' unary | '(' expr ')' | test
    test    := NAME [ op value | 'in' list | 'not' 'in' list ]
    op      := '==' | '!=' | '<' | '<=' | '>' | '>='
    value   := NUMBER | STRING | WORD ;  list := '[' value (',' value)* ']'

A bare NAME is true when its indicator is present and non-zero. Names are checked against
monitor/rules/indicators.py when the rule is loaded; `kind`, `severity`, `transition` values
against their enums. Errors carry the 1-based column.

Missing indicators use three-valued logic: a comparison on an indicator the event lacks is
*unknown*; `not unknown` is unknown, `and`/`or` follow Kleene, and a condition that ends
unknown is false. So a missing indicator never makes a rule fire.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from monitor.rules import indicators

Value = float | str
# What a condition reads: name -> value, None when absent.
Lookup = Callable[[str], Value | None]
Test = Callable[[Lookup], bool | None]


class ExprError(ValueError):
    """A syntax or name error, with the 1-based column it was found at."""

    def __init__(self, column: int, reason: str) -> None:
        self.column = column
        self.reason = reason
        super().__init__(f"column {column}: {reason}")


_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<number>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
  | (?P<string>"[^"]*"|'[^']*')
  | (?P<op>==|!=|<=|>=|<|>|=)
  | (?P<punct>[()\[\],])
  | (?P<word>[A-Za-z_#@][A-Za-z0-9_.:*#@-]*)
    """,
    re.VERBOSE,
)
_KEYWORDS = {"and", "or", "not", "in"}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # number, string, op, punct, word, keyword, end
    text: str
    column: int


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise ExprError(pos + 1, f"unexpected character {text[pos]!r}")
        kind = match.lastgroup or ""
        if kind != "ws":
            value = match.group()
            if kind == "word" and value.lower() in _KEYWORDS:
                kind, value = "keyword", value.lower()
            tokens.append(Token(kind, value, pos + 1))
        pos = match.end()
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


# --- the tree ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Compare:
    name: str
    op: str  # ==, !=, <, <=, >, >=, in, not in, truthy
    value: Value | tuple[Value, ...] | None


@dataclass(frozen=True, slots=True)
class Not:
    operand: Node


@dataclass(frozen=True, slots=True)
class BoolOp:
    op: str  # and, or
    operands: tuple[Node, ...]


Node = Compare | Not | BoolOp


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.pos = 0

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def accept(self, kind: str, text: str | None = None) -> Token | None:
        token = self.peek()
        if token.kind == kind and (text is None or token.text == text):
            return self.take()
        return None

    def expect(self, kind: str, text: str, what: str) -> Token:
        token = self.accept(kind, text)
        if token is None:
            raise ExprError(self.peek().column, f"expected {what}, found {_show(self.peek())}")
        return token

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise ExprError(1, "empty condition")
        node = self.expr()
        if self.peek().kind != "end":
            raise ExprError(self.peek().column, f"unexpected {_show(self.peek())}")
        return node

    def expr(self) -> Node:
        operands = [self.conj()]
        while self.accept("keyword", "or"):
            operands.append(self.conj())
        return operands[0] if len(operands) == 1 else BoolOp("or", tuple(operands))

    def conj(self) -> Node:
        operands = [self.unary()]
        while self.accept("keyword", "and"):
            operands.append(self.unary())
        return operands[0] if len(operands) == 1 else BoolOp("and", tuple(operands))

    def unary(self) -> Node:
        if self.accept("keyword", "not"):
            return Not(self.unary())
        if self.accept("punct", "("):
            node = self.expr()
            self.expect("punct", ")", "')'")
            return node
        return self.test()

    def test(self) -> Node:
        token = self.take()
        if token.kind != "word":
            raise ExprError(token.column, f"expected an indicator name, found {_show(token)}")
        name = token.text
        if not indicators.is_known(name):
            raise ExprError(token.column, f"unknown indicator {name!r}" + _suggest(name))
        nxt = self.peek()
        if nxt.kind == "op":
            self.take()
            op = "==" if nxt.text == "=" else nxt.text
            value_token = self.peek()
            value = self.value()
            return _checked(Compare(name, op, value), token.column, value_token.column)
        if nxt.kind == "keyword" and nxt.text in ("in", "not"):
            self.take()
            op = "in"
            if nxt.text == "not":
                self.expect("keyword", "in", "'in' after 'not'")
                op = "not in"
            start = self.expect("punct", "[", "'[' starting a list")
            values = [self.value()]
            while self.accept("punct", ","):
                values.append(self.value())
            self.expect("punct", "]", "',' or ']'")
            return _checked(Compare(name, op, tuple(values)), token.column, start.column)
        if name not in indicators.NUMERIC:
            raise ExprError(nxt.column, f"{name!r} needs a comparison (e.g. {name} == value)")
        return Compare(name, "truthy", None)

    def value(self) -> Value:
        token = self.take()
        if token.kind == "number":
            return float(token.text)
        if token.kind == "string":
            return token.text[1:-1]
        if token.kind == "word":
            return token.text
        raise ExprError(token.column, f"expected a value, found {_show(token)}")


def _show(token: Token) -> str:
    return "end of condition" if token.kind == "end" else repr(token.text)


def _suggest(name: str) -> str:
    import difflib

    close = difflib.get_close_matches(name, indicators.all_names(), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _checked(node: Compare, name_col: int, value_col: int) -> Compare:
    """Type-check a comparison: numbers against numeric indicators, known enum values."""
    values = node.value if isinstance(node.value, tuple) else (node.value,)
    if node.name in indicators.NUMERIC:
        if node.op in ("in", "not in"):
            raise ExprError(value_col, f"{node.name!r} is numeric: compare it with <, >=, ...")
        if not all(isinstance(v, float) for v in values):
            raise ExprError(value_col, f"{node.name!r} is numeric: expected a number")
        return node
    if any(isinstance(v, float) for v in values) and not node.name.startswith("labels."):
        raise ExprError(value_col, f"{node.name!r} takes a name, not a number")
    allowed = indicators.CATEGORICAL.get(node.name)
    if allowed is not None:
        for v in values:
            if str(v) not in allowed:
                raise ExprError(
                    value_col, f"unknown {node.name} {v!s}: expected one of {', '.join(allowed)}"
                )
    if node.op in ("<", "<=", ">", ">=") and node.name not in indicators.ORDERED:
        raise ExprError(name_col, f"{node.name!r} is not ordered: use ==, != or in")
    if node.name.startswith("labels."):
        node = Compare(node.name, node.op, tuple(_label_text(v) for v in values)
                       if isinstance(node.value, tuple) else _label_text(values[0]))
    return node


def _label_text(value: Value | None) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse(text: str) -> Node:
    """Parse and check a condition; raises ExprError with the column of the first problem."""
    return _Parser(text).parse()


# --- evaluation -------------------------------------------------------------------------


def _cmp(op: str, left: Any, right: Any) -> bool:
    if op == "==":
        return bool(left == right)
    if op == "!=":
        return bool(left != right)
    if op == "<":
        return bool(left < right)
    if op == "<=":
        return bool(left <= right)
    if op == ">":
        return bool(left > right)
    return bool(left >= right)


def compile_node(node: Node) -> Test:
    """A closure evaluating `node`; returns True, False or None (unknown)."""
    if isinstance(node, BoolOp):
        parts = [compile_node(n) for n in node.operands]
        if node.op == "and":
            def conj(get: Lookup) -> bool | None:
                unknown = False
                for part in parts:
                    result = part(get)
                    if result is False:
                        return False
                    unknown = unknown or result is None
                return None if unknown else True
            return conj

        def disj(get: Lookup) -> bool | None:
            unknown = False
            for part in parts:
                result = part(get)
                if result is True:
                    return True
                unknown = unknown or result is None
            return None if unknown else False
        return disj
    if isinstance(node, Not):
        inner = compile_node(node.operand)

        def negate(get: Lookup) -> bool | None:
            result = inner(get)
            return None if result is None else not result
        return negate
    return _compile_compare(node)


def _compile_compare(node: Compare) -> Test:
    name, op, value = node.name, node.op, node.value
    if op == "truthy":
        def truthy(get: Lookup) -> bool | None:
            got = get(name)
            return None if got is None else bool(got)
        return truthy
    if op in ("in", "not in"):
        members = frozenset(value if isinstance(value, tuple) else (value,))
        negated = op == "not in"

        def member(get: Lookup) -> bool | None:
            got = get(name)
            if got is None:
                return None
            return (got in members) != negated
        return member
    order = indicators.ORDERED.get(name)
    if order is not None:
        rank = {v: i for i, v in enumerate(order)}
        threshold = rank[str(value)]

        def ordered(get: Lookup) -> bool | None:
            got = get(name)
            return None if got is None else _cmp(op, rank.get(str(got), -1), threshold)
        return ordered

    def compare(get: Lookup) -> bool | None:
        got = get(name)
        return None if got is None else _cmp(op, got, value)
    return compare


class Condition:
    """A parsed rule condition: `source` as written, `test(lookup)` -> bool (unknown is False)."""

    __slots__ = ("source", "node", "_test")

    def __init__(self, source: str, node: Node) -> None:
        self.source = source
        self.node = node
        self._test = compile_node(node)

    @classmethod
    def parse(cls, source: str) -> Condition:
        return cls(source, parse(source))

    def test(self, lookup: Lookup) -> bool:
        return self._test(lookup) is True

    def evaluate(self, lookup: Lookup) -> bool | None:
        """True, False, or None when missing indicators leave it unknown (never fires)."""
        return self._test(lookup)

    def names(self) -> set[str]:
        """Every indicator or field the condition reads."""
        found: set[str] = set()

        def walk(node: Node) -> None:
            if isinstance(node, Compare):
                found.add(node.name)
            elif isinstance(node, Not):
                walk(node.operand)
            else:
                for part in node.operands:
                    walk(part)

        walk(self.node)
        return found

    def __repr__(self) -> str:
        return f"Condition({self.source!r})"
