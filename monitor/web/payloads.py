"""Slack interaction payloads to plain action requests, and the action ids Vigie's buttons use.

Pure. The alert message (monitor/notify/message.py) and the playbook messages put these
action ids on their buttons; the value carries the incident id (optionally `id:extra`).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import Any

import orjson

from monitor.incidents import Action, FeedbackType

# action_id -> (action, fixed value). Values of snooze/feedback may also come from the
# action_id suffix or a select's option, so both button rows and menus work.
ACTION_IDS: dict[str, tuple[Action, str]] = {
    "vigie_ack": (Action.ACK, ""),
    "vigie_own": (Action.TAKE_OWNERSHIP, ""),
    "vigie_playbook": (Action.START_PLAYBOOK, ""),
    "vigie_escalate": (Action.ESCALATE, ""),
    "vigie_snooze": (Action.SNOOZE, ""),
    "vigie_snooze_1h": (Action.SNOOZE, "1h"),
    "vigie_snooze_4h": (Action.SNOOZE, "4h"),
    "vigie_snooze_24h": (Action.SNOOZE, "24h"),
    "vigie_resolve": (Action.RESOLVE, ""),
    "vigie_feedback": (Action.FEEDBACK, ""),
    "vigie_feedback_crisis": (Action.FEEDBACK, FeedbackType.CRISIS.value),
    "vigie_feedback_bad_buzz": (Action.FEEDBACK, FeedbackType.BAD_BUZZ.value),
    "vigie_feedback_false_alarm": (Action.FEEDBACK, FeedbackType.FALSE_ALARM.value),
    "vigie_step_done": (Action.STEP_DONE, ""),
}
# Synonyms a renderer may reasonably choose; normalised before the lookup above.
_ALIASES = {"acknowledge": "ack", "take_ownership": "own", "ownership": "own",
            "start_playbook": "playbook", "real_crisis": "feedback_crisis",
            "bad_buzz": "feedback_bad_buzz", "false_alarm": "feedback_false_alarm"}


@dataclass(frozen=True, slots=True)
class ActionRequest:
    """One person's click or command, reduced to what the response needs.

    `key` identifies the click itself (Slack's action_ts, user, action id, value): the same
    click delivered twice has the same key, so it acts once."""

    key: str
    incident: str
    action: Action
    value: str
    user: str
    channel: str = ""
    message_ts: str = ""
    response_url: str = ""
    source: str = "button"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["action"] = self.action.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ActionRequest:
        return cls(**{**data, "action": Action(data["action"])})


def normalise_action_id(action_id: str) -> str:
    """`vigie_ack`, `vigie.ack`, `vigie:acknowledge`, `ack` -> `vigie_ack`."""
    name = action_id.strip().lower().replace(".", "_").replace(":", "_").replace("-", "_")
    name = name.removeprefix("vigie_")
    for alias, target in _ALIASES.items():
        if name == alias or name.startswith(alias + "_"):
            name = target + name[len(alias):]
            break
    if name.startswith("feedback_real_crisis"):
        name = "feedback_crisis"
    return f"vigie_{name}"


def _split_value(raw: str) -> tuple[str, str]:
    """A button value: `12`, `12:4h`, `{"incident": "12", "value": "4h"}`."""
    raw = (raw or "").strip()
    if raw.startswith("{"):
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return raw, ""
        if isinstance(data, dict):
            incident = data.get("incident") or data.get("incident_id") or data.get("id") or ""
            extra = data.get("value") or data.get("step") or data.get("duration") or ""
            return str(incident), str(extra)
    incident, _, extra = raw.partition(":")
    return incident.lstrip("#"), extra


def parse_block_action(body: dict[str, Any], action: dict[str, Any]) -> ActionRequest | None:
    """The request for one action of a `block_actions` payload; None when not Vigie's."""
    action_id = normalise_action_id(str(action.get("action_id", "")))
    known = ACTION_IDS.get(action_id)
    if known is None:
        return None
    kind, fixed = known
    raw = action.get("value")
    selected = action.get("selected_option") or {}
    if raw is None and selected:
        # A menu's option value is the choice ("4h"); the incident is in the block id
        # (`vigie:actions:<incident>`), unless the option says `<incident>:<choice>`.
        raw = str(selected.get("value", ""))
        block_incident = str(action.get("block_id", "")).rpartition(":")[2]
        incident, extra = _split_value(raw)
        if not extra:
            incident, extra = block_incident, incident
    else:
        incident, extra = _split_value(str(raw or ""))
    value = fixed or extra
    user = (body.get("user") or {}).get("id", "")
    channel = (body.get("channel") or (body.get("container") or {})).get("id", "") or (
        body.get("container") or {}).get("channel_id", "")
    message_ts = (body.get("message") or {}).get("ts", "") or (
        body.get("container") or {}).get("message_ts", "")
    click = "|".join([str(action.get("action_ts", "")), body.get("trigger_id", ""), user,
                      action_id, str(raw or "")])
    return ActionRequest(
        key="act:" + hashlib.sha256(click.encode()).hexdigest()[:32],
        incident=incident, action=kind, value=value, user=user, channel=channel,
        message_ts=message_ts, response_url=body.get("response_url", ""),
    )


def command_request(incident: str, action: Action, user: str, trigger_id: str,
                    value: str = "", response_url: str = "") -> ActionRequest:
    """A `/vigie ack 12` as an action request (keyed on Slack's trigger_id)."""
    click = f"cmd|{trigger_id}|{user}|{action.value}|{incident}|{value}"
    return ActionRequest(key="cmd:" + hashlib.sha256(click.encode()).hexdigest()[:32],
                         incident=incident.lstrip("#"), action=action, value=value, user=user,
                         response_url=response_url, source="command")
