"""Slack's Block Kit limits as the emulator enforces them (tests/slack_emulator.py).

`block_errors` answers like Slack's `invalid_blocks` (one `reason [json-pointer:/blocks/...]`
per problem); `blocks_chars` is the size `msg_blocks_too_long` is checked against.
"""

from __future__ import annotations

import json
from typing import Any

MAX_BLOCKS = 50
MAX_BLOCKS_CHARS = 13_000  # compact JSON of the blocks array; Slack says "roughly 13,000"
TEXT_LIMITS = {"header": 150, "section": 3000, "field": 2000, "context": 3000, "button": 75}
BLOCK_TYPES = {
    "header",
    "section",
    "context",
    "divider",
    "actions",
    "image",
    "rich_text",
    "input",
    "file",
    "video",
}


def block_errors(blocks: Any, *, surface: str = "message") -> list[str]:
    """Slack-like validation of a blocks array: one `reason [json-pointer:/blocks/i/...]` each."""
    errors: list[str] = []

    def err(reason: str, pointer: str) -> None:
        errors.append(f"{reason} [json-pointer:/blocks{pointer}]")

    def text_obj(obj: Any, pointer: str, limit: int, *, plain_only: bool = False) -> None:
        if not isinstance(obj, dict) or obj.get("type") not in ("plain_text", "mrkdwn"):
            err("must be a text object", pointer)
            return
        if plain_only and obj["type"] != "plain_text":
            err("must be plain_text", pointer + "/type")
        text = obj.get("text")
        if not isinstance(text, str) or not text:
            err("must be more than 0 characters", pointer + "/text")
        elif len(text) > limit:
            err(f"must be less than {limit + 1} characters", pointer + "/text")

    def element(el: Any, pointer: str) -> None:
        if not isinstance(el, dict):
            err("must be an object", pointer)
            return
        kind = el.get("type")
        if "action_id" in el and (
            not isinstance(el["action_id"], str) or len(el["action_id"]) > 255
        ):
            err("must be less than 256 characters", pointer + "/action_id")
        if kind == "button":
            text_obj(el.get("text"), pointer + "/text", TEXT_LIMITS["button"], plain_only=True)
            if len(str(el.get("value", ""))) > 2000:
                err("must be less than 2001 characters", pointer + "/value")
            if len(str(el.get("url", ""))) > 3000:
                err("must be less than 3001 characters", pointer + "/url")
            if el.get("style") not in (None, "primary", "danger"):
                err("must be primary or danger", pointer + "/style")
        elif kind in ("static_select", "overflow"):
            options = el.get("options") or []
            top = 100 if kind == "static_select" else 5
            if not 1 <= len(options) <= top:
                err(f"must provide between 1 and {top} items", pointer + "/options")
            for j, opt in enumerate(options):
                text_obj(opt.get("text"), f"{pointer}/options/{j}/text", 75)
                if len(str(opt.get("value", ""))) > 150:
                    err("must be less than 151 characters", f"{pointer}/options/{j}/value")
        elif kind == "image":
            if len(str(el.get("alt_text", ""))) > 2000 or not el.get("alt_text"):
                err("alt_text must be 1 to 2000 characters", pointer + "/alt_text")
        elif kind not in (
            "datepicker",
            "users_select",
            "conversations_select",
            "plain_text_input",
            "checkboxes",
            "radio_buttons",
        ):
            err(f"unsupported element type {kind!r}", pointer + "/type")

    if not isinstance(blocks, list):
        return ["must be an array [json-pointer:/blocks]"]
    if surface == "message" and len(blocks) > MAX_BLOCKS:
        err(f"must be no more than {MAX_BLOCKS} items", "")
    block_ids: set[str] = set()
    for i, block in enumerate(blocks):
        p = f"/{i}"
        if not isinstance(block, dict) or block.get("type") not in BLOCK_TYPES:
            err("unsupported block type", p)
            continue
        bid = block.get("block_id")
        if bid is not None:
            if not isinstance(bid, str) or len(bid) > 255:
                err("must be less than 256 characters", p + "/block_id")
            elif bid in block_ids:
                err("duplicate block_id", p + "/block_id")
            block_ids.add(str(bid))
        kind = block["type"]
        if kind == "header":
            text_obj(block.get("text"), p + "/text", TEXT_LIMITS["header"], plain_only=True)
        elif kind == "section":
            if "text" not in block and "fields" not in block:
                err("must provide text or fields", p)
            if "text" in block:
                text_obj(block["text"], p + "/text", TEXT_LIMITS["section"])
            fields = block.get("fields", [])
            if len(fields) > 10:
                err("must be no more than 10 items", p + "/fields")
            for j, f in enumerate(fields):
                text_obj(f, f"{p}/fields/{j}", TEXT_LIMITS["field"])
            if "accessory" in block:
                element(block["accessory"], p + "/accessory")
        elif kind == "context":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 10:
                err("must provide between 1 and 10 items", p + "/elements")
            for j, el in enumerate(elements):
                if isinstance(el, dict) and el.get("type") == "image":
                    element(el, f"{p}/elements/{j}")
                else:
                    text_obj(el, f"{p}/elements/{j}", TEXT_LIMITS["context"])
        elif kind == "actions":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= 25:
                err("must provide between 1 and 25 items", p + "/elements")
            seen: set[str] = set()
            for j, el in enumerate(elements):
                element(el, f"{p}/elements/{j}")
                aid = el.get("action_id") if isinstance(el, dict) else None
                if aid in seen:
                    err("duplicate action_id", f"{p}/elements/{j}/action_id")
                if aid:
                    seen.add(aid)
        elif kind == "image":
            if not block.get("image_url") and not block.get("slack_file"):
                err("must provide image_url or slack_file", p)
            if len(str(block.get("alt_text", ""))) > 2000 or not block.get("alt_text"):
                err("alt_text must be 1 to 2000 characters", p + "/alt_text")
    return errors


def blocks_chars(blocks: list[dict[str, Any]]) -> int:
    """The size Slack's msg_blocks_too_long is checked against here: compact JSON length."""
    return len(json.dumps(blocks, separators=(",", ":"), ensure_ascii=False))
