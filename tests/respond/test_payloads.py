"""Every interactive element of the rendered alert message parses back to its action
(the contract between monitor/notify/message.py and the /slack/events handlers)."""

from __future__ import annotations

from typing import Any

import pytest

from monitor.incidents import Action
from monitor.notify.message import AlertView, render_alert
from monitor.web.payloads import normalise_action_id, parse_block_action
from tests.respond.helpers import alert


def _elements() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    blocks = render_alert(AlertView(alert=alert(), incident="42")).blocks or []
    return [(block, element) for block in blocks if block["type"] == "actions"
            for element in block["elements"]]


def _body(user: str = "U1") -> dict[str, Any]:
    return {"type": "block_actions", "user": {"id": user}, "trigger_id": "t",
            "channel": {"id": "C1"}, "message": {"ts": "1.1"}, "response_url": "https://r"}


def test_every_rendered_button_maps_to_an_action() -> None:
    """Acknowledge, own, playbook, escalate, resolve and the three feedbacks parse with
    incident 42; the snooze menu takes the incident from its block id."""
    got = {}
    for block, element in _elements():
        action = dict(element, block_id=block["block_id"], action_ts="9.9")
        if element["type"] == "static_select":
            for option in element["options"]:
                request = parse_block_action(_body(), dict(action, selected_option=option))
                assert request is not None
                got[(request.action, request.value)] = request.incident
        else:
            request = parse_block_action(_body(), action)
            assert request is not None, element["action_id"]
            got[(request.action, request.value)] = request.incident
    assert got == {
        (Action.ACK, ""): "42", (Action.TAKE_OWNERSHIP, ""): "42",
        (Action.START_PLAYBOOK, ""): "42", (Action.ESCALATE, ""): "42",
        (Action.RESOLVE, ""): "42", (Action.SNOOZE, "1h"): "42", (Action.SNOOZE, "4h"): "42",
        (Action.SNOOZE, "24h"): "42", (Action.FEEDBACK, "crisis"): "42",
        (Action.FEEDBACK, "bad_buzz"): "42", (Action.FEEDBACK, "false_alarm"): "42",
    }


def test_click_key_is_per_click() -> None:
    """The same click gives the same key; another user or another click another key."""
    action = {"action_id": "vigie:ack", "value": "42", "action_ts": "1.0"}
    one = parse_block_action(_body(), action)
    assert one == parse_block_action(_body(), action)
    assert one != parse_block_action(_body("U2"), action)
    other = parse_block_action(_body(), dict(action, action_ts="2.0"))
    assert one is not None and other is not None and one.key != other.key


@pytest.mark.parametrize("raw,expected", [
    ("vigie:ack", "vigie_ack"), ("vigie_acknowledge", "vigie_ack"),
    ("vigie:feedback:real_crisis", "vigie_feedback_crisis"),
    ("vigie.snooze_4h", "vigie_snooze_4h"), ("false_alarm", "vigie_feedback_false_alarm"),
])
def test_action_id_spellings(raw: str, expected: str) -> None:
    """Reasonable spellings of an action id normalise to one name."""
    assert normalise_action_id(raw) == expected


def test_step_done_value_carries_incident_and_step() -> None:
    """The playbook's Done button value `12:assess` gives incident 12, step assess."""
    request = parse_block_action(_body(), {"action_id": "vigie_step_done", "value": "12:assess",
                                           "action_ts": "3"})
    assert request is not None
    assert (request.incident, request.action, request.value) == ("12", Action.STEP_DONE,
                                                                 "assess")


def test_foreign_actions_are_ignored() -> None:
    """An action id that is not Vigie's gives no request."""
    assert parse_block_action(_body(), {"action_id": "other_app_button", "value": "1"}) is None


def test_playbook_message_fits_block_kit_whatever_the_playbook() -> None:
    """60 steps with long titles, checklists and templates still give a valid message."""
    from monitor.incidents import open_incident
    from monitor.playbooks import Playbook
    from monitor.thread_notes import playbook_message
    from tests.slack_emulator import block_errors, blocks_chars

    steps = [{"id": f"s{i}", "title": "T" * 400 + " <!channel>", "role": "cm",
              "due_after": 60 * (i + 1), "checklist": ["c" * 300] * 5,
              "template": "{{ summary }} " * 50} for i in range(60)]
    playbook = Playbook.model_validate({"name": "big", "title": "B" * 300,
                                        "roles": {"cm": {"label": "CM" * 100}}, "steps": steps})
    incident = open_incident("7", alert(summary="<@U1> " * 200), ("#c",))
    message = playbook_message(playbook, incident, {})
    assert block_errors(message["blocks"]) == []
    assert len(message["blocks"]) <= 50 and blocks_chars(message["blocks"]) <= 13_000
    assert "<!channel>" not in str(message) and "<@U1>" not in str(message)
    assert 0 < len(message["text"]) <= 3000
