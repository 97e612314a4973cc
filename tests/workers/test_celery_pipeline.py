"""End to end through Celery: a feed on 127.0.0.1 -> dispatch -> poll -> ingest -> Redis."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.feedserver import FeedServer

pytestmark = [pytest.mark.integration, pytest.mark.slow]

ENTRIES = "".join(
    f"<item><guid>e{i}</guid><link>https://blog.example/p/{i}</link>"
    f"<pubDate>Mon, 02 Nov 2026 10:{i:02d}:00 GMT</pubDate><author>a{i % 7}</author>"
    f"<description>Acme service outage number {i}, still down, awful</description></item>"
    for i in range(40)
)
RSS = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title>{ENTRIES}"
       "</channel></rss>").encode()


@pytest.fixture()
def celery_env(redis_url: str, tmp_path: Path, feed_server: FeedServer) -> Iterator[dict[str, str]]:
    feed_server.route("/acme.rss", body=RSS, headers={"Content-Type": "application/rss+xml"},
                      etag='"v1"')
    feed_server.route("/broken.rss", status=500, body=b"oops")
    config = tmp_path / "vigie.yaml"
    config.write_text(
        "topics:\n  - name: acme\n    query: acme\n"
        f"sources:\n  - name: blog\n    url: {feed_server.url('/acme.rss')}\n    interval: 1h\n"
        f"  - name: broken\n    url: {feed_server.url('/broken.rss')}\n    interval: 1h\n",
        encoding="utf-8",
    )
    env = {"REDIS_URL": redis_url, "VIGIE_CONFIG": str(config), "VIGIE_DATA_DIR": str(tmp_path / "data")}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    from workers import celery_app, tasks

    celery_app.configure(redis_url)
    tasks.context.cache_clear()
    yield env
    tasks.context.cache_clear()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def test_feed_reaches_redis_through_celery(celery_env: dict[str, str], redis_client: redis.Redis) -> None:
    """Dispatch enqueues polls, polls enqueue ingest batches, a real worker counts them;
    the failing feed is marked unhealthy and nothing else is affected."""
    from celery.contrib.testing.worker import start_worker

    from workers import tasks
    from workers.celery_app import app

    with start_worker(app, pool="threads", concurrency=2, perform_ping_check=False,
                      shutdown_timeout=20):
        tasks.dispatch.delay()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if int(redis_client.get("vigie:stats:mentions") or 0) >= 40:
                break
            time.sleep(0.2)
        # A second dispatch right away finds nothing due (intervals are an hour).
        assert tasks.dispatch.apply().get() == 0
    assert int(redis_client.get("vigie:stats:mentions") or 0) == 40
    from monitor.store.state import JsonState

    health = JsonState(redis_client, "health").load_all()
    assert health["blog"]["consecutive_failures"] == 0
    assert health["broken"]["consecutive_failures"] == 1
    assert "500" in health["broken"]["last_error_reason"]
    archive = Path(celery_env["VIGIE_DATA_DIR"]) / "archive" / "mentions-2026-11-02.jsonl.gz"
    assert archive.exists()
