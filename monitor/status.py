"""The one-line status `vigie run` prints: mentions counted, the busiest topic's last minutes,
feed health and the latest alert. Read-only over Redis."""

from __future__ import annotations

import time

import redis

from monitor.config.files import VigieConfig, load_config
from monitor.config.settings import Settings
from monitor.indicators import MINUTE
from monitor.store import PREFIX, connect
from monitor.store.buckets import RedisBuckets
from monitor.store.silences import AlertLog
from monitor.store.state import JsonState
from monitor.timeutil import floor_to


class StatusReader:
    def __init__(self, client: redis.Redis, config: VigieConfig) -> None:
        self.client, self.config = client, config
        self.buckets = RedisBuckets.from_config(client, config.retention)

    @classmethod
    def from_env(cls) -> StatusReader:
        settings = Settings.from_env()
        return cls(connect(settings), load_config(settings.config_path))

    def line(self, now: float | None = None) -> str:
        now = now or time.time()
        total = int(self.client.get(f"{PREFIX}stats:mentions") or 0)
        parts = [f"mentions {total}"]
        end = floor_to(now, MINUTE) + MINUTE
        for topic in self.config.topics[:3]:
            recent = self.buckets.read_range(topic.name, MINUTE, end - 5 * MINUTE, end)
            volume = sum(b.volume for b in recent)
            scored = sum(b.scored for b in recent)
            negative = sum(b.negative for b in recent)
            share = f"{negative / scored:.0%}" if scored else "-"
            parts.append(f"{topic.name}: {volume} in 5 min, negative {share}")
        healths = JsonState(self.client, "health").load_all()
        failing = sum(1 for h in healths.values() if h.get("consecutive_failures", 0) > 0)
        parts.append(f"feeds {len(healths) - failing}/{len(self.config.sources)} healthy")
        latest = AlertLog(self.client).recent(1)
        if latest:
            alert = latest[-1]
            parts.append(f"last alert: {alert.event.kind.value} {alert.event.topic} "
                         f"({alert.status.value}, {alert.severity.value}, rule {alert.rule})")
        return " | ".join(parts)
