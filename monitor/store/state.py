"""JSON state the pure core carries between calls: detector state per topic, rule state,
feed fetch state and health. The core never sees Redis; the tasks load and save through here."""

from __future__ import annotations

from typing import Any, cast

import orjson
import redis

from monitor.store import PREFIX


class JsonState:
    """A Redis hash of JSON documents, one field per name (topic, feed, ...)."""

    def __init__(self, client: redis.Redis, family: str) -> None:
        self.client = client
        self.key = f"{PREFIX}state:{family}"

    def load(self, name: str) -> dict[str, Any] | None:
        raw = self.client.hget(self.key, name)
        return orjson.loads(raw) if raw else None

    def load_many(self, names: list[str]) -> dict[str, dict[str, Any]]:
        if not names:
            return {}
        raws = self.client.hmget(self.key, names)
        return {n: orjson.loads(r) for n, r in zip(names, raws, strict=True) if r}

    def load_all(self) -> dict[str, dict[str, Any]]:
        raw = cast(dict[bytes, bytes], self.client.hgetall(self.key))
        return {k.decode(): orjson.loads(v) for k, v in raw.items()}

    def save(self, name: str, value: dict[str, Any]) -> None:
        self.client.hset(self.key, name, orjson.dumps(value))

    def save_many(self, values: dict[str, dict[str, Any]]) -> None:
        if values:
            self.client.hset(self.key, mapping={k: orjson.dumps(v) for k, v in values.items()})

    def delete(self, name: str) -> None:
        self.client.hdel(self.key, name)
