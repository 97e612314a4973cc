"""Block Kit builders that cannot produce a block Slack refuses, whatever the input.

Each builder clips its own texts and counts; `fit()` then keeps the whole message under the
block count and the total size Slack accepts, dropping the least important blocks first.
Texts given to `section`, `fields`, `context` must already be escaped mrkdwn (escape.py);
`header`, `button` and option labels take raw text (plain_text is not parsed by Slack).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from monitor.notify.escape import clip, plain

MAX_BLOCKS = 50
HEADER_TEXT = 150
SECTION_TEXT = 3000
FIELD_TEXT = 2000
MAX_FIELDS = 10
CONTEXT_ELEMENTS = 10
ACTIONS_ELEMENTS = 25
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
ACTION_ID = 255
BLOCK_ID = 255
OPTION_TEXT = 75
OPTION_VALUE = 150
PLACEHOLDER = 150
# Slack refuses a message whose blocks add up to roughly 13,000 characters
# (msg_blocks_too_long). We measure compact JSON, which over-counts the texts, and keep a
# margin below it.
MAX_BLOCKS_CHARS = 12_000
TEXT_FALLBACK = 3000  # the `text` fallback: notifications show only its beginning anyway

Block = dict[str, Any]


def _mrkdwn(text: str, limit: int) -> dict[str, str]:
    return {"type": "mrkdwn", "text": clip(text, limit) or " "}


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": plain(text, HEADER_TEXT),
                                       "emoji": True}}


def section(text: str, *, block_id: str | None = None) -> Block:
    """A mrkdwn section; `text` is escaped mrkdwn, clipped to 3,000 characters."""
    block: Block = {"type": "section", "text": _mrkdwn(text, SECTION_TEXT)}
    if block_id:
        block["block_id"] = block_id[:BLOCK_ID]
    return block


def lines_section(lines: list[str], *, limit: int = SECTION_TEXT, more: str = "…and {n} more",
                  hidden: int = 0) -> Block | None:
    """A section of whole lines (escaped mrkdwn, e.g. links) within `limit` characters.
    Lines are never cut in the middle of a link: a line longer than half the limit is
    clipped (clip() never leaves a link open), lines that do not fit are dropped, and the
    dropped ones plus `hidden` are counted in a last `more` line. None when no lines."""
    if not lines:
        return None
    limit = min(limit, SECTION_TEXT)
    reserve = len(more.format(n=len(lines) + hidden)) + 1
    kept: list[str] = []
    size = 0
    for i, line in enumerate(lines):
        line = clip(line, limit // 2)
        last = i == len(lines) - 1 and not hidden
        if size + len(line) + (0 if last else reserve) > limit:
            break
        kept.append(line)
        size += len(line) + 1
    dropped = len(lines) - len(kept) + hidden
    if dropped:
        kept.append(more.format(n=dropped))
    return section("\n".join(kept))


def fields(items: list[str]) -> Block | None:
    """A section of up to 10 mrkdwn fields of at most 2,000 characters each."""
    items = [t for t in items if t][:MAX_FIELDS]
    if not items:
        return None
    # 10 fields of 2,000 would make one block larger than a whole message may be.
    per_field = min(FIELD_TEXT, SECTION_TEXT // len(items))
    items = [clip(t, per_field) for t in items]
    return {"type": "section", "fields": [{"type": "mrkdwn", "text": t} for t in items]}


def context(items: list[str]) -> Block | None:
    """A context block of up to 10 mrkdwn elements."""
    items = [t for t in items if t][:CONTEXT_ELEMENTS]
    if not items:
        return None
    per_item = SECTION_TEXT // len(items)
    return {"type": "context", "elements": [_mrkdwn(t, per_item) for t in items]}


def divider() -> Block:
    return {"type": "divider"}


def button(text: str, action_id: str, value: str, *, style: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": plain(text, BUTTON_TEXT), "emoji": True},
        "action_id": action_id[:ACTION_ID],
        "value": value[:BUTTON_VALUE],
    }
    if style in ("primary", "danger"):
        element["style"] = style
    return element


def select(placeholder: str, action_id: str, options: list[tuple[str, str]]) -> Block:
    """A static_select; `options` are (label, value) pairs, at most 100."""
    return {
        "type": "static_select",
        "action_id": action_id[:ACTION_ID],
        "placeholder": {"type": "plain_text", "text": plain(placeholder, PLACEHOLDER)},
        "options": [
            {"text": {"type": "plain_text", "text": plain(label, OPTION_TEXT)},
             "value": value[:OPTION_VALUE]}
            for label, value in options[:100]
        ],
    }


def actions(elements: list[Block], *, block_id: str) -> Block | None:
    """An actions block of up to 25 elements with unique action ids."""
    seen: set[str] = set()
    unique = []
    for element in elements:
        if element["action_id"] not in seen:
            seen.add(element["action_id"])
            unique.append(element)
    if not unique:
        return None
    unique = unique[:ACTIONS_ELEMENTS]
    # Keep the block small whatever the values: 25 values of 2,000 would fill a message.
    per_value = min(BUTTON_VALUE, 4000 // len(unique))
    for element in unique:
        if len(element.get("value", "")) > per_value:
            element["value"] = element["value"][:per_value]
    return {"type": "actions", "block_id": block_id[:BLOCK_ID],
            "elements": unique}


def size(blocks: list[Block]) -> int:
    """Compact JSON length of `blocks`: what MAX_BLOCKS_CHARS is measured against."""
    return len(json.dumps(blocks, separators=(",", ":"), ensure_ascii=False))


@dataclass(frozen=True)
class Part:
    """A block with its importance: higher `keep` survives longer when space runs out."""

    block: Block | None
    keep: int = 1


ESSENTIAL = 3  # header, summary, buttons
IMPORTANT = 2  # indicators, status
OPTIONAL = 1   # mentions, sources, footer


def fit(parts: list[Part], *, max_chars: int = MAX_BLOCKS_CHARS) -> list[Block]:
    """The blocks of `parts` in order, dropping dividers first, then the least important
    (latest first among equals) until there are at most 50 blocks of at most `max_chars`
    in all. The builders above cap every single block well below `max_chars`, so the
    result is always accepted."""
    live = [(i, p.block, p.keep) for i, p in enumerate(parts) if p.block is not None]

    def too_big() -> bool:
        return len(live) > MAX_BLOCKS or size([b for _, b, _ in live]) > max_chars

    while len(live) > 1 and too_big():
        victim = min(live, key=lambda e: (e[1].get("type") != "divider", e[2], -e[0]))
        live.remove(victim)
    return [b for _, b, _ in live]
