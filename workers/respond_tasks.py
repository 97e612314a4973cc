"""Celery tasks of the response side: thin wrappers around monitor/respond.py.

Each task loads state, calls the Responder, and schedules the follow-ups it returns as ETA
tasks. Escalations and reminders survive a worker restart: the app acknowledges late and
the Redis visibility timeout exceeds the longest ETA (workers/celery_app.py); every task
re-checks the incident when it runs, so a redelivered or early one does nothing twice.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import httpx
import redis

from monitor.config.settings import Settings
from monitor.model import Alert, BucketStats, Mention
from monitor.respond import NoViewData, Responder, Scheduled
from monitor.web.payloads import ActionRequest
from workers.celery_app import app

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def responder() -> Responder:
    """The process's Responder, built once from the environment and vigie.yaml."""
    return build_responder(Settings.from_env())


def build_responder(settings: Settings) -> Responder:
    from monitor.config.files import VigieConfig, load_config
    from monitor.playbooks import load_playbooks
    from monitor.store import connect
    from monitor.store.incidents import IncidentStore
    from monitor.store.outbox import Outbox

    config = load_config(settings.config_path) if settings.config_path.exists() else VigieConfig()
    directory = settings.playbooks_dir or config.resolve(config.playbooks_dir)
    playbooks = load_playbooks(directory) if Path(directory).is_dir() else {}
    client = connect(settings)
    return Responder(
        store=IncidentStore(client), outbox=Outbox(client), playbooks=playbooks,
        default_channels=config.slack.default_channels,
        data=bucket_view_data(client, config, settings.data_dir / "archive"),
        role_members=dict(config.playbook_roles),
        reports_dir=settings.data_dir / "reports",
        charts=config.slack.charts, top_mentions=config.slack.top_mentions,
    )


def bucket_view_data(client: Any, config: Any, archive_dir: Path | None = None) -> Any:
    """The alert message's data: series from the bucket store, top mentions from the archive."""
    return StoreViewData(client, archive_dir)


class StoreViewData(NoViewData):
    """Reads what the ingestion side stored. Failures cost the message its chart or list,
    never the alert: they are logged and an empty result is returned."""

    TOP_WINDOW = timedelta(hours=6)

    def __init__(self, client: Any, archive_dir: Path | None) -> None:
        self.client = client
        self.archive_dir = archive_dir
        self._cache: dict[tuple[str, int], list[Mention]] = {}

    def series(self, topic: str, end: datetime, hours: int = 24) -> list[BucketStats]:
        from monitor.store.buckets import RedisBuckets

        width = 300 if hours <= 48 else 3600
        stop = int(end.timestamp()) // width * width + width  # include the bucket of `end`
        start = stop - hours * 3600
        try:
            return RedisBuckets(self.client, {}, 0).read_range(topic, width, start, stop)
        except Exception:  # a nicety: never lose an alert over it
            log.exception("could not read the series of %s", topic)
            return []

    def top_mentions(self, topic: str, episode: str, end: datetime) -> list[Mention]:
        """The most reached mentions of `topic` in the 6 hours to `end` (cached a minute:
        every change of an incident re-renders its message)."""
        if self.archive_dir is None:
            return []
        key = (topic, int(end.timestamp()) // 60)
        if key not in self._cache:
            try:
                self._cache = {key: read_top_mentions(self.archive_dir, topic,
                                                      end - self.TOP_WINDOW, end)}
            except Exception:
                log.exception("could not read the archive for %s", topic)
                return []
        return list(self._cache[key])


def read_top_mentions(folder: Path, topic: str, start: datetime, end: datetime,
                      limit: int = 10) -> list[Mention]:
    """Mentions of `topic` published in [start, end] from the daily archive files, most
    reach first (then latest), one per story."""
    import gzip

    import orjson

    from monitor.archive import archive_path

    days = sorted({start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")})
    best: dict[str, Mention] = {}
    for day in days:
        path = archive_path(folder, day)
        if not path.exists():
            continue
        with gzip.open(path, "rb") as handle:
            for line in handle:
                try:
                    mention = Mention.from_replay(orjson.loads(line))
                except (ValueError, orjson.JSONDecodeError):
                    continue
                if topic not in (mention.topics or ()) or not start <= mention.published <= end:
                    continue
                story = mention.story or mention.id
                held = best.get(story)
                if held is None or (mention.reach or 0) > (held.reach or 0):
                    best[story] = mention
    ranked = sorted(best.values(), key=lambda m: (m.reach or 0, m.published), reverse=True)
    return ranked[:limit]


# Redis unreachable for a moment: try again with backoff. Safe because every handler is
# idempotent (alerts by id, clicks by key, notices and reminders by number).
RETRY: dict[str, Any] = {"acks_late": True, "autoretry_for": (redis.ConnectionError,
                                                              redis.TimeoutError),
                         "retry_backoff": True, "retry_backoff_max": 300, "max_retries": 10}


def now() -> datetime:
    return datetime.now(UTC)


def schedule(items: list[Scheduled]) -> None:
    """Send follow-ups as ETA tasks (an ETA in the past runs at once)."""
    for item in items:
        app.send_task(f"workers.respond_tasks.{item.task}", kwargs=item.args, eta=item.eta)


def kick_delivery() -> None:
    """Ask the notify worker to drain the outbox now rather than at its next beat."""
    try:
        from workers.notify_tasks import kick

        kick()
    except Exception:  # the periodic drain still sends it; never fail the response
        log.exception("could not kick the outbox drain")


def answer_person(response_url: str, note: str) -> None:
    """Tell the person who clicked what happened (ephemeral, best effort)."""
    if not response_url or not note:
        return
    try:
        httpx.post(response_url, json={"response_type": "ephemeral", "replace_original": False,
                                       "text": note}, timeout=5)
    except httpx.HTTPError as exc:
        log.warning("response_url answer failed: %s", exc)


@app.task(name="workers.respond_tasks.handle_alerts", **RETRY)  # type: ignore[untyped-decorator]
def handle_alerts(alert_dicts: list[dict[str, Any]]) -> None:
    """Open/update incidents for a batch of alerts (Alert.to_dict); only fired ones act."""
    r = responder()
    for data in alert_dicts:
        try:
            alert = Alert.from_dict(data)
        except (KeyError, TypeError, ValueError) as exc:
            # A malformed alert cannot get better on retry: say which, keep the others.
            log.error("skipped a malformed alert %r: %s", str(data.get("alert"))[:80], exc)
            continue
        schedule(r.handle_alert(alert))
    kick_delivery()


@app.task(name="workers.respond_tasks.handle_action", **RETRY)  # type: ignore[untyped-decorator]
def handle_action(payload: dict[str, Any]) -> None:
    """Apply a Slack click or /vigie command (ActionRequest.to_dict) once."""
    r = responder()
    request = ActionRequest.from_dict(payload)
    result = r.handle_action(request, now())
    schedule(result.follow_ups)
    kick_delivery()
    if not result.changed or request.source == "command":
        # A change shows in the message and its thread; say why when nothing happened.
        answer_person(request.response_url, result.note)


@app.task(name="workers.respond_tasks.escalate", **RETRY)  # type: ignore[untyped-decorator]
def escalate(incident: str, number: int) -> None:
    """Escalation notice `number` if the incident is still unacknowledged."""
    schedule(responder().escalate(incident, number, now()))
    kick_delivery()


@app.task(name="workers.respond_tasks.remind", **RETRY)  # type: ignore[untyped-decorator]
def remind(incident: str, step: str, number: int) -> None:
    """Reminder `number` for an overdue playbook step if it is still open."""
    schedule(responder().remind(incident, step, number, now()))
    kick_delivery()


@app.task(name="workers.respond_tasks.playbook_tick", **RETRY)  # type: ignore[untyped-decorator]
def playbook_tick() -> None:
    """Safety net for beat (every minute): run any follow-up that is due, in case its ETA
    task was lost with a broker; idempotent like the ETA tasks themselves."""
    r = responder()
    current = now()
    for incident in r.store.recent(open_only=True, limit=500):
        for item in r.follow_ups(incident.id):
            if item.eta > current:
                continue
            if item.task == "escalate":
                schedule(r.escalate(incident.id, int(item.args["number"]), current))
            elif item.task == "remind":
                schedule(r.remind(incident.id, str(item.args["step"]),
                                  int(item.args["number"]), current))
    kick_delivery()
