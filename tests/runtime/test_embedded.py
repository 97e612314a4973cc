"""The embedded Redis of `vigie run`: persisted, never outliving its parent, recovered
after a crash without losing data."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from monitor.embedded import EmbeddedRedis, _pid_alive, redis_binary

pytestmark = pytest.mark.integration


def wait_dead(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        if not _pid_alive(pid) or _zombie(pid):
            return True
        time.sleep(0.1)
    return False


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"
    except OSError:
        return False


def test_data_survives_a_clean_restart(tmp_path: Path) -> None:
    """What was written before stop() is there after the next start()."""
    server = EmbeddedRedis(tmp_path)
    server.start()
    server.client().set("k", "v")
    server.stop()
    assert not server.socket.exists()
    again = EmbeddedRedis(tmp_path)
    again.start()
    try:
        assert again.client().get("k") == b"v"
    finally:
        again.stop()


def test_server_dies_with_a_killed_parent(tmp_path: Path) -> None:
    """SIGKILL of the process that started it takes the server down too, and a restart finds
    the data."""
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from monitor.embedded import EmbeddedRedis\n"
        f"s = EmbeddedRedis(Path({str(tmp_path)!r}))\n"
        "s.start()\n"
        "s.client().set('before-crash', '1')\n"
        "print(s.proc.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                              cwd=Path(__file__).resolve().parents[2])
    assert parent.stdout is not None
    redis_pid = int(parent.stdout.readline())
    assert _pid_alive(redis_pid)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    assert wait_dead(redis_pid), "embedded Redis outlived its parent"
    server = EmbeddedRedis(tmp_path)
    server.start()
    try:
        assert server.client().get("before-crash") == b"1"
    finally:
        server.stop()


def test_stale_server_is_cleaned_up_without_data_loss(tmp_path: Path) -> None:
    """A server left running from an earlier run (pid file present) is shut down with SAVE
    before a fresh one starts on the same files."""
    server = EmbeddedRedis(tmp_path)
    server.dir.mkdir(parents=True)
    stale = subprocess.Popen([
        redis_binary(), "--port", "0", "--unixsocket", str(server.socket), "--dir", str(server.dir),
        "--pidfile", str(server.pidfile), "--appendonly", "yes", "--daemonize", "no",
    ], stdout=subprocess.DEVNULL, start_new_session=True)
    for _ in range(100):
        if server.socket.exists():
            break
        time.sleep(0.05)
    server.client().set("stale", "kept")
    assert server.cleanup_stale() is not None
    assert stale.wait(10) == 0
    server.start()
    try:
        assert server.client().get("stale") == b"kept"
    finally:
        server.stop()
