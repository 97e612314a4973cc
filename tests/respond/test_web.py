"""The /slack/events Request URL served by a real WSGI server on 127.0.0.1."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from monitor.config.settings import Settings
from monitor.incidents import Action, apply_action, open_incident
from monitor.store.incidents import IncidentStore
from monitor.web.app import create_app
from monitor.web.server import BackgroundServer, wsgi_app
from tests.respond.helpers import SECRET, T0, alert, button_body, command_body, sign

pytestmark = pytest.mark.integration


class Web:
    def __init__(self, url: str, calls: list[tuple[str, dict[str, Any]]], store: IncidentStore):
        self.url, self.calls, self.store = url, calls, store

    def post(self, body: bytes, headers: dict[str, str] | None = None) -> httpx.Response:
        return httpx.post(self.url + "/slack/events", content=body,
                          headers=sign(body) if headers is None else headers, timeout=5)


@pytest.fixture()
def web(redis_client: Any) -> Iterator[Web]:
    calls: list[tuple[str, dict[str, Any]]] = []
    store = IncidentStore(redis_client)
    settings = Settings(slack_signing_secret=SecretStr(SECRET),
                        slack_bot_token=SecretStr("xoxb-test"),
                        slack_api_url="http://127.0.0.1:9/api/")
    app = create_app(settings, store, lambda task, payload: calls.append((task, payload)),
                     clock=lambda: T0)
    server = BackgroundServer(wsgi_app(app)).start()
    try:
        yield Web(server.url, calls, store)
    finally:
        server.stop()


def _wait(calls: list[Any], n: int) -> None:
    # Listeners run after the ack (Bolt's thread pool): give them a moment.
    for _ in range(100):
        if len(calls) >= n:
            return
        time.sleep(0.02)


def test_signed_button_is_acked_fast_and_dispatched(web: Web) -> None:
    """A correctly signed Acknowledge click gets 200 within 3 s and one handle_action task."""
    started = time.monotonic()
    response = web.post(button_body("vigie_ack", "7"))
    assert response.status_code == 200
    assert time.monotonic() - started < 3
    _wait(web.calls, 1)
    assert len(web.calls) == 1
    task, payload = web.calls[0]
    assert task == "handle_action"
    assert payload["incident"] == "7" and payload["action"] == "ack" and payload["user"] == "U1"


def test_unsigned_request_is_rejected(web: Web) -> None:
    """A request with no signature headers gets 401 and dispatches nothing."""
    response = web.post(button_body("vigie_ack", "7"),
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 401
    time.sleep(0.1)
    assert web.calls == []


def test_wrong_signature_is_rejected(web: Web) -> None:
    """A body signed with another secret gets 401."""
    body = button_body("vigie_ack", "7")
    assert web.post(body, sign(body, secret="not-the-secret")).status_code == 401
    time.sleep(0.1)
    assert web.calls == []


def test_tampered_body_is_rejected(web: Web) -> None:
    """A valid signature over a different body gets 401."""
    headers = sign(button_body("vigie_ack", "7"))
    assert web.post(button_body("vigie_resolve", "7"), headers).status_code == 401


def test_stale_timestamp_is_rejected(web: Web) -> None:
    """A correctly signed request more than five minutes old gets 401."""
    body = button_body("vigie_ack", "7")
    assert web.post(body, sign(body, ts=int(time.time()) - 301)).status_code == 401
    time.sleep(0.1)
    assert web.calls == []


def test_byte_identical_replay_acts_once(web: Web) -> None:
    """The same signed request sent twice inside the window is dispatched once."""
    body = button_body("vigie_resolve", "7")
    headers = sign(body)
    assert web.post(body, headers).status_code == 200
    assert web.post(body, headers).status_code == 200
    _wait(web.calls, 1)
    time.sleep(0.2)
    assert len(web.calls) == 1


def test_unknown_action_is_acked_and_ignored(web: Web) -> None:
    """A button that is not Vigie's is acknowledged to Slack and not dispatched."""
    assert web.post(button_body("someone_else", "x")).status_code == 200
    time.sleep(0.2)
    assert web.calls == []


def test_snooze_and_feedback_buttons_carry_their_value(web: Web) -> None:
    """Snooze 4h and 'False alarm' reach the worker with their value."""
    web.post(button_body("vigie_snooze_4h", "7", action_ts="2.1"))
    web.post(button_body("vigie_feedback_false_alarm", "7", action_ts="2.2"))
    _wait(web.calls, 2)
    got = sorted((p["action"], p["value"]) for _, p in web.calls)
    assert got == [("feedback", "false_alarm"), ("snooze", "4h")]


def test_slash_help_and_status(web: Web) -> None:
    """/vigie help lists the commands; /vigie status counts open incidents."""
    assert "/vigie ack" in web.post(command_body("help")).json()["text"]
    assert web.post(command_body("status", trigger="t2")).json()["text"].startswith("No open")
    web.store.create(open_incident("1", alert(), ("#crisis",)))
    text = web.post(command_body("status", trigger="t3")).json()["text"]
    assert text.startswith("1 open incident(s): 1 high; 1 not acknowledged")


def test_slash_incidents_lists_open_ones(web: Web) -> None:
    """/vigie incidents lists each open incident with its id and topic."""
    web.store.create(open_incident("4", alert(), ("#crisis",)))
    text = web.post(command_body("incidents")).json()["text"]
    assert text.startswith("#4 acme crisis/high open")


def test_slash_ack_dispatches_and_checks_state(web: Web) -> None:
    """/vigie ack 3 dispatches an ack; an unknown or resolved incident answers politely."""
    incident = open_incident("3", alert(), ("#crisis",))
    web.store.create(incident)
    assert web.post(command_body("ack 3")).json()["text"] == "Acknowledging incident 3..."
    _wait(web.calls, 1)
    assert web.calls[0][1]["action"] == "ack" and web.calls[0][1]["source"] == "command"
    assert "No incident" in web.post(command_body("ack 99", trigger="t9")).json()["text"]
    web.store.save(apply_action(incident, Action.RESOLVE, "U2", T0).incident)
    text = web.post(command_body("ack 3", trigger="t10")).json()["text"]
    assert "already resolved" in text
    assert len(web.calls) == 1


def test_healthz_and_unknown_path(web: Web) -> None:
    """GET /healthz answers ok; other paths are 404."""
    assert httpx.get(web.url + "/healthz").text == "ok\n"
    assert httpx.post(web.url + "/other", content=b"x").status_code == 404


def test_slash_silence_creates_a_silence(redis_client: Any) -> None:
    """/vigie silence acme 2h "launch day" stores a silence in the rules engine's store."""
    from monitor.store.silences import SilenceStore
    from monitor.web.app import answer_command
    from monitor.web.silence import make_silencer

    store = IncidentStore(redis_client)
    command = {"text": 'silence acme 2h "launch day"', "user_id": "U1", "trigger_id": "t"}
    text = answer_command(command, store, lambda *_: None, T0, make_silencer(redis_client))
    assert text.startswith("Silenced alerts of topic `acme` for 2h (until 2026-03-02T11:00:00Z)")
    (silence,) = SilenceStore(redis_client).active(T0)
    assert (silence.topic, silence.reason, silence.author) == ("acme", "launch day", "U1")
    bad = dict(command, text="silence acme forever oops")
    assert answer_command(bad, store, lambda *_: None, T0,
                          make_silencer(redis_client)).startswith("Cannot silence: invalid")
    usage = answer_command(dict(command, text="silence acme"), store, lambda *_: None, T0, None)
    assert usage.startswith("Usage: `/vigie silence")


def test_events_url_verification_answers_the_challenge(web: Web) -> None:
    """Slack's url_verification (events on the same Request URL) gets its challenge back."""
    import json

    body = json.dumps({"type": "url_verification", "token": "x", "challenge": "c-123"}).encode()
    headers = dict(sign(body), **{"Content-Type": "application/json"})
    response = web.post(body, headers)
    assert response.status_code == 200 and "c-123" in response.text


def test_web_refuses_to_start_without_signing_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    """`vigie web` without SLACK_SIGNING_SECRET exits 2 with a clear message."""
    from typer.testing import CliRunner

    from monitor.cli.app import app

    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:9/0")
    result = CliRunner().invoke(app, ["web", "--port", "0"])
    assert result.exit_code == 2
    assert "SLACK_SIGNING_SECRET is not set" in result.output


def test_socket_mode_needs_an_app_token(monkeypatch: pytest.MonkeyPatch) -> None:
    """`vigie web --socket-mode` without SLACK_APP_TOKEN exits 2 with a clear message."""
    from typer.testing import CliRunner

    from monitor.cli.app import app

    monkeypatch.delenv("SLACK_APP_TOKEN", raising=False)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    result = CliRunner().invoke(app, ["web", "--socket-mode"])
    assert result.exit_code == 2
    assert "SLACK_APP_TOKEN is not set" in result.output
