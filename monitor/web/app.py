"""The Bolt app behind the one Request URL, /slack/events: buttons, /vigie, events.

Bolt verifies every request's signature (v0 HMAC-SHA256 of `v0:{timestamp}:{body}` with the
signing secret, five-minute window) before any listener runs. A byte-identical replay inside
that window passes the check, so the first middleware after it records a hash of the raw
body and drops a second delivery; each click is also keyed on (action_ts, user, action_id,
value) by the worker. Listeners ack at once and hand the work to Celery through `dispatch`.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shlex
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.authorization import AuthorizeResult
from slack_sdk import WebClient

from monitor.config.settings import Settings
from monitor.incidents import Action, describe
from monitor.store.incidents import IncidentStore
from monitor.web.payloads import command_request, parse_block_action

log = logging.getLogger(__name__)

# dispatch(task_name, payload): hands work to a worker (Celery in production).
Dispatch = Callable[[str, dict[str, Any]], None]
Clock = Callable[[], datetime]

HELP = (
    "*/vigie* commands:\n"
    "• `/vigie status`: open incidents by severity\n"
    "• `/vigie incidents`: the open incidents\n"
    "• `/vigie ack <id>`: acknowledge incident <id>\n"
    "• `/vigie silence <topic> <duration> <reason>`: mute a topic's alerts (e.g. `2h`)\n"
    "• `/vigie help`: this help"
)


def celery_dispatch(task: str, payload: dict[str, Any]) -> None:
    """Send to the respond worker by name (the web process never imports task code)."""
    from workers.celery_app import app as celery

    celery.send_task(f"workers.respond_tasks.{task}", args=[payload])


def create_app(settings: Settings, store: IncidentStore, dispatch: Dispatch = celery_dispatch,
               *, clock: Clock | None = None,
               silence: Callable[[str, str, str, str, datetime], str] | None = None) -> App:
    """The Bolt app. Needs SLACK_SIGNING_SECRET; SLACK_BOT_TOKEN is used for replies.

    `silence(topic, duration, reason, user, now)` adds a silence and returns a sentence;
    None when no silence store is available."""
    if settings.slack_signing_secret is None:
        raise RuntimeError("SLACK_SIGNING_SECRET is not set: Vigie cannot verify Slack requests")
    now: Clock = clock or (lambda: datetime.now(UTC))
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None

    def authorize(**_: Any) -> AuthorizeResult:
        # Single workspace: no auth.test round trip inside the 3-second ack budget.
        return AuthorizeResult(enterprise_id=None, team_id=None, bot_token=token)

    app = App(
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        client=WebClient(base_url=settings.slack_api_url, token=token),
        authorize=authorize,
        token_verification_enabled=False,
        process_before_response=False,
        logger=log,
    )

    @app.middleware
    def drop_replays(req: Any, resp: BoltResponse, next: Callable[[], BoltResponse]) -> Any:
        # Runs after Bolt's signature check: only genuine requests reach here.
        digest = hashlib.sha256(req.raw_body.encode()).hexdigest()
        if not store.first_time("req:" + digest, ttl=3600):
            log.info("dropped a replayed Slack request %s", digest[:12])
            return BoltResponse(status=200, body="")
        return next()

    @app.action(re.compile(r".*"))
    def on_action(ack: Callable[..., None], body: dict[str, Any], action: dict[str, Any]) -> None:
        ack()
        request = parse_block_action(body, action)
        if request is None or not request.incident:
            log.info("ignored action %s", action.get("action_id"))
            return
        try:
            dispatch("handle_action", request.to_dict())
        except Exception:  # broker down: Slack already has its ack; say it in the logs
            log.exception("could not hand action %s on incident %s to a worker",
                          request.action.value, request.incident)

    @app.command("/vigie")
    def on_command(ack: Callable[..., None], command: dict[str, Any]) -> None:
        ack(response_type="ephemeral",
            text=answer_command(command, store, dispatch, now(), silence))

    @app.event("app_mention")
    def on_mention(ack: Callable[..., None], say: Callable[..., Any]) -> None:
        ack()

    return app


def answer_command(command: dict[str, Any], store: IncidentStore, dispatch: Dispatch,
                   now: datetime,
                   silence: Callable[[str, str, str, str, datetime], str] | None) -> str:
    """The immediate (ephemeral) answer to `/vigie ...`; state changes go to the worker."""
    try:
        words = shlex.split(command.get("text") or "")
    except ValueError:
        words = (command.get("text") or "").split()
    verb = words[0].lower() if words else "help"
    user = command.get("user_id", "")
    if verb == "status":
        open_incidents = store.recent(open_only=True, limit=200)
        if not open_incidents:
            return "No open incident. Vigie is watching."
        counts: dict[str, int] = {}
        for incident in open_incidents:
            counts[incident.severity.value] = counts.get(incident.severity.value, 0) + 1
        unacked = sum(1 for i in open_incidents if not i.acknowledged)
        parts = ", ".join(f"{n} {sev}" for sev, n in sorted(counts.items()))
        return f"{len(open_incidents)} open incident(s): {parts}; {unacked} not acknowledged."
    if verb == "incidents":
        open_incidents = store.recent(open_only=True, limit=20)
        if not open_incidents:
            return "No open incident."
        return "\n".join(describe(i, now) for i in open_incidents)
    if verb == "ack":
        if len(words) < 2:
            return "Usage: `/vigie ack <id>` (see `/vigie incidents`)."
        target = store.get(words[1].lstrip("#"))
        if target is None:
            return f"No incident {words[1][:20]!r}. See `/vigie incidents`."
        if target.resolved:
            return f"Incident {target.id} is already resolved; nothing to do."
        if target.acknowledged:
            return f"Incident {target.id} was already acknowledged by <@{target.acked_by}>."
        request = command_request(target.id, Action.ACK, user, command.get("trigger_id", ""),
                                  response_url=command.get("response_url", ""))
        dispatch("handle_action", request.to_dict())
        return f"Acknowledging incident {target.id}..."
    if verb == "silence":
        if len(words) < 4:
            return "Usage: `/vigie silence <topic> <duration> <reason>`, e.g. " \
                   "`/vigie silence acme 2h \"planned launch\"`."
        if silence is None:
            return "Silences are not available in this installation (no silence store)."
        try:
            return silence(words[1], words[2], " ".join(words[3:]), user, now)
        except ValueError as exc:
            return f"Cannot silence: {exc}"
    return HELP

