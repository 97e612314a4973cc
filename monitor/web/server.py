"""Serving the Bolt app: a WSGI server (waitress) on /slack/events, or Socket Mode.

`vigie web --port N` and the embedded `vigie run` call `serve`; with SLACK_APP_TOKEN set and
`socket_mode=True`, `run_socket_mode` connects out to Slack instead (no public URL needed).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from monitor.config.settings import Settings
from monitor.store import connect
from monitor.store.incidents import IncidentStore
from monitor.web.app import Dispatch, celery_dispatch, create_app

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"


def wsgi_app(app: App) -> Callable[..., Iterable[bytes]]:
    """WSGI callable: POST /slack/events to Bolt, GET /healthz for probes, 404 elsewhere."""
    bolt = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok\n"]
        return bolt(environ, start_response)

    return application


class BackgroundServer:
    """A WSGI app served by waitress in a thread, stopped cleanly (tests, embedded runs).

    The event loop runs in short slices so `stop()` ends it between two polls instead of
    closing sockets under a running select()."""

    def __init__(self, application: Callable[..., Iterable[bytes]], host: str = "127.0.0.1",
                 port: int = 0, threads: int = 4) -> None:
        import threading

        import waitress

        self._server: Any = waitress.create_server(application, host=host, port=port,
                                                    threads=threads)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="vigie-web", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self._server.effective_host}:{self._server.effective_port}"

    def _run(self) -> None:
        while not self._stop.is_set():
            self._server.asyncore.loop(timeout=0.05, map=self._server._map, count=1)

    def start(self) -> BackgroundServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._server.close()
        self._server.task_dispatcher.shutdown()


def silence_adder(client: Any) -> Callable[[str, str, str, str, datetime], str] | None:
    """`/vigie silence` through the rules engine's silence store, when it is installed."""
    try:
        from monitor.web.silence import make_silencer
    except ImportError:
        return None
    adder: Callable[[str, str, str, str, datetime], str] = make_silencer(client)
    return adder


def build(settings: Settings, dispatch: Dispatch = celery_dispatch) -> App:
    client = connect(settings)
    return create_app(settings, IncidentStore(client), dispatch, silence=silence_adder(client))


def serve(port: int, host: str = "0.0.0.0", settings: Settings | None = None,
          dispatch: Dispatch = celery_dispatch, threads: int = 8) -> None:
    """Serve /slack/events until interrupted (blocks)."""
    import waitress

    settings = settings or Settings.from_env()
    app = build(settings, dispatch)
    log.info("serving Slack requests on http://%s:%d%s", host, port, EVENTS_PATH)
    waitress.serve(wsgi_app(app), host=host, port=port, threads=threads, ident="vigie")


def run_socket_mode(settings: Settings | None = None, dispatch: Dispatch = celery_dispatch) -> None:
    """Receive Slack requests over Socket Mode (SLACK_APP_TOKEN, xapp-...) (blocks)."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    settings = settings or Settings.from_env()
    if settings.slack_app_token is None:
        raise RuntimeError("SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token")
    app = build(settings, dispatch)
    SocketModeHandler(app, settings.slack_app_token.get_secret_value()).start()  # type: ignore[no-untyped-call]
