"""YAML files to validated pydantic models, with `file:line: field: reason` errors.

Every behaviour file (vigie.yaml, alert_rules/*.yaml, playbooks/*.yaml) goes through here,
so an ops engineer always learns where a problem is, and every problem at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from monitor.errors import ConfigError

M = TypeVar("M", bound=BaseModel)
Loc = tuple[str | int, ...]


class Marks:
    """Line numbers (1-based) of every key and list item of one loaded document."""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self.lines: dict[Loc, int] = {}

    def line(self, loc: Iterable[str | int]) -> int | None:
        """The line of `loc`, or of its nearest ancestor that has one."""
        parts = tuple(loc)
        while parts:
            if parts in self.lines:
                return self.lines[parts]
            parts = parts[:-1]
        return self.lines.get((), None)

    def where(self, loc: Iterable[str | int]) -> str:
        line = self.line(loc)
        return f"{self.path}:{line}" if line else self.path

    def error(self, loc: Iterable[str | int], reason: str) -> str:
        """One problem, formatted `file:line: field: reason`."""
        loc = tuple(loc)
        return f"{self.where(loc)}: {format_loc(loc) or '(top level)'}: {reason}"


def format_loc(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _plain(node: Any, loc: Loc, marks: Marks) -> Any:
    """ruamel's round-trip nodes to plain dicts and lists, recording line numbers."""
    if isinstance(node, CommentedMap):
        out = {}
        if loc == ():
            marks.lines[()] = node.lc.line + 1
        for key in node:
            sub = (*loc, str(key))
            with contextlib.suppress(KeyError, TypeError):
                marks.lines[sub] = node.lc.key(key)[0] + 1
            out[str(key)] = _plain(node[key], sub, marks)
        return out
    if isinstance(node, CommentedSeq):
        out_list = []
        for index, item in enumerate(node):
            sub = (*loc, index)
            with contextlib.suppress(KeyError, TypeError, IndexError):
                marks.lines[sub] = node.lc.item(index)[0] + 1
            out_list.append(_plain(item, sub, marks))
        return out_list
    if isinstance(node, str):
        return str(node)
    return node


def load_text(text: str, path: Path | str) -> tuple[Any, Marks]:
    """Parse YAML text; a syntax error becomes a ConfigError naming file and line."""
    marks = Marks(path)
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        data = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError([f"{path}{line}: (syntax): {exc.problem or exc.context}"]) from None
    except YAMLError as exc:
        raise ConfigError([f"{path}: (syntax): {exc}"]) from None
    return _plain(data, (), marks), marks


def load_file(path: Path | str) -> tuple[Any, Marks]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([f"{path}: (file): not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([f"{path}: (file): cannot read: {exc}"]) from None
    return load_text(text, path)


def pydantic_problems(exc: ValidationError, marks: Marks, prefix: Loc = ()) -> list[str]:
    """Each pydantic error as `file:line: field: reason`."""
    problems = []
    for err in exc.errors(include_url=False):
        # Drop pydantic's union/tagged-union branch names so the field path is the YAML path.
        loc = tuple(
            p for p in err["loc"]
            if not (isinstance(p, str) and (p.startswith("function-") or "[" in p))
        )
        loc = (*prefix, *loc)
        reason = err["msg"]
        if err["type"] == "extra_forbidden":
            reason = "unknown field"
        elif err["type"] == "missing":
            reason = "required field is missing"
        reason = reason.removeprefix("Value error, ")
        problems.append(marks.error(loc, reason))
    return problems


def validate(model: type[M], data: Any, marks: Marks, prefix: Loc = ()) -> M:
    """Validate `data` into `model`; every problem raised together in one ConfigError."""
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(pydantic_problems(exc, marks, prefix)) from None
