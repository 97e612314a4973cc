"""`vigie run`: one command that starts the pieces and keeps watch over them.

Embedded Redis (unless REDIS_URL is set), a Celery worker with the beat scheduler, the Slack
events endpoint when a signing secret is set, and, with `--demo`, a sample feed server on
127.0.0.1. It prints a status line as mentions flow and stops every child on exit.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from rich.console import Console

from monitor.config.settings import Settings
from monitor.embedded import EmbeddedRedis, _die_with_parent

console = Console(stderr=True)


class Supervisor:
    def __init__(self, settings: Settings, *, demo: bool = False, concurrency: int = 2) -> None:
        self.settings = settings
        self.demo = demo
        self.concurrency = concurrency
        self.children: list[subprocess.Popen[bytes]] = []
        self.redis: EmbeddedRedis | None = None
        self._stop = threading.Event()

    def _spawn(self, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(args, env=env, preexec_fn=_die_with_parent)  # noqa: S603
        self.children.append(proc)
        return proc

    def run(self, duration: float | None = None) -> int:
        env = dict(os.environ)
        data_dir = self.settings.data_dir.resolve()
        data_dir.mkdir(parents=True, exist_ok=True)
        env["VIGIE_DATA_DIR"] = str(data_dir)
        config_path = self.settings.config_path
        demo_server = None
        if self.demo:
            from monitor.demo import DemoFeeds

            demo_server = DemoFeeds()
            demo_server.start()
            config_path = demo_server.write_config(data_dir / "demo")
            env["VIGIE_DISPATCH_EVERY"] = "2"
            env["VIGIE_DETECT_EVERY"] = "3"
            env["VIGIE_DETECT_GRACE"] = "1"
            env["VIGIE_DETECT_SETTLE"] = "6"
            console.print(f"[bold]demo[/bold]: sample feeds on {demo_server.base_url} "
                          f"(calm history, then a negative surge); config {config_path}")
        env["VIGIE_CONFIG"] = str(Path(config_path).resolve())

        signal.signal(signal.SIGTERM, lambda *_: self._stop.set())
        try:
            if self.settings.embedded:
                self.redis = EmbeddedRedis(data_dir)
                stale = self.redis.cleanup_stale()
                if stale:
                    console.print(f"[yellow]{stale}[/yellow]")
                url = self.redis.start()
                env["REDIS_URL"] = url
                console.print(f"embedded Redis on {url} (data in {self.redis.dir})")
            else:
                console.print(f"Redis: {self.settings.redis_url}")
            os.environ.update(env)
            worker = self._spawn(
                [sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker", "-B",
                 "-l", "WARNING", "--concurrency", str(self.concurrency),
                 "-s", str(data_dir / "celerybeat-schedule")],
                env,
            )
            if self.settings.slack_signing_secret is not None:
                port = env.get("VIGIE_WEB_PORT", "3000")
                self._spawn([sys.executable, "-m", "monitor.cli.app", "web", "--port", port], env)
                console.print(f"Slack events endpoint on http://127.0.0.1:{port}/slack/events")
            notifier = "Slack" if self.settings.slack_bot_token else "console"
            console.print(f"worker and beat started (notifier: {notifier}); Ctrl-C to stop")
            return self._watch(worker, duration)
        except KeyboardInterrupt:
            return 0
        finally:
            self.shutdown()
            if demo_server is not None:
                demo_server.stop()

    def _watch(self, worker: subprocess.Popen[bytes], duration: float | None) -> int:
        from monitor.status import StatusReader

        reader = StatusReader.from_env()
        deadline = time.monotonic() + duration if duration else None
        last_line = ""
        while not self._stop.is_set():
            if worker.poll() is not None:
                console.print(f"[red]worker exited with code {worker.returncode}[/red]")
                return 1
            if deadline and time.monotonic() >= deadline:
                return 0
            try:
                line = reader.line()
            except Exception as exc:  # noqa: BLE001 - the status line must never kill the run
                line = f"status unavailable: {exc}"
            if line != last_line:
                console.print(line, highlight=False, soft_wrap=True)
                last_line = line
            self._stop.wait(2.0)
        return 0

    def shutdown(self) -> None:
        for proc in reversed(self.children):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in self.children:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        self.children.clear()
        if self.redis is not None:
            self.redis.stop()
            self.redis = None
