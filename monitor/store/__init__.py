"""Redis adapters: the only storage I/O besides the mention archive.

Each module owns one family of keys (all under the `vigie:` prefix): buckets and dedup
(`buckets`), feed state and health (`feeds`), silences, the Slack outbox, incidents.
"""

from __future__ import annotations

import redis

from monitor.config.settings import Settings

PREFIX = "vigie:"


def connect(settings: Settings | None = None, url: str | None = None) -> redis.Redis:
    """A client for the configured Redis: REDIS_URL, else the embedded server of a running
    `vigie run` on the same data directory (so `vigie feeds`, `vigie silence`... work
    beside it)."""
    settings = settings or Settings.from_env()
    target = url or settings.redis_url
    if not target:
        socket = (settings.data_dir / "redis" / "redis.sock").resolve()
        if socket.exists():
            target = f"unix://{socket}"
    if not target:
        raise RuntimeError(
            f"no Redis: REDIS_URL is not set and no `vigie run` is serving {settings.data_dir}"
            " (start `vigie run`, or export REDIS_URL)"
        )
    return redis.Redis.from_url(target, health_check_interval=30)
