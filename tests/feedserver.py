"""A real HTTP feed server on 127.0.0.1 for tests: a route table of canned answers.

Each `Route` says what one path answers: bytes and headers, ETag/Last-Modified with 304 on
a matching conditional GET, any status (500, 429 + Retry-After...), a delay before the
answer or a slow trickle of the body, redirects (loops too), gzip / deflate / raw-deflate
bodies or gzip sent without its header, a truncated body (Content-Length larger than what
is sent), chunked bodies without Content-Length. Every request is recorded, with the
number in flight, so tests can check conditional headers, keep-alive and concurrency.

    def test_x(feed_server):
        url = feed_server.route("/feed.xml", body=RSS, etag='"v1"')
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CONTENT_TYPES = {
    ".json": "application/feed+json", ".atom": "application/atom+xml",
    ".rss": "application/rss+xml", ".rdf": "application/rdf+xml", ".xml": "text/xml",
}


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None
    redirect: str | None = None  # Location; status defaults to 302 when set
    delay: float = 0.0  # seconds before the status line
    trickle: float = 0.0  # seconds between body chunks
    chunk_size: int = 4096
    encoding: str | None = None  # gzip | deflate | raw-deflate | gzip-unlabelled
    truncate_to: int | None = None  # send this many body bytes, declare them all
    chunked: bool = False  # Transfer-Encoding: chunked, no Content-Length


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]
    client_port: int
    in_flight: int  # requests being served when this one started (itself included)


def encode(body: bytes, encoding: str | None) -> tuple[bytes, str | None]:
    """(wire bytes, Content-Encoding header) for a Route.encoding."""
    if encoding in (None, "identity"):
        return body, None
    if encoding == "gzip":
        return gzip.compress(body), "gzip"
    if encoding == "gzip-unlabelled":
        return gzip.compress(body), None
    if encoding == "deflate":
        return zlib.compress(body), "deflate"
    if encoding == "raw-deflate":
        compressor = zlib.compressobj(wbits=-15)
        return compressor.compress(body) + compressor.flush(), "deflate"
    raise ValueError(f"unknown encoding {encoding!r}")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def do_HEAD(self) -> None:  # noqa: N802 - stdlib naming
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        owner = self.server.owner
        with owner.lock:
            owner.in_flight += 1
            owner.max_in_flight = max(owner.max_in_flight, owner.in_flight)
            owner.requests.append(Request(
                self.command, self.path, {k.lower(): v for k, v in self.headers.items()},
                self.client_address[1], owner.in_flight,
            ))
            route = owner.routes.get(self.path.split("?", 1)[0])
        try:
            self._answer(route)
        finally:
            with owner.lock:
                owner.in_flight -= 1

    def _answer(self, route: Route | None) -> None:
        if route is None:
            self._simple(404, b"not found")
            return
        if route.delay:
            time.sleep(route.delay)
        if route.redirect:
            status = route.status if 300 <= route.status < 400 else 302
            self.send_response(status)
            self.send_header("Location", route.redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self._not_modified(route):
            self.send_response(304)
            if route.etag:
                self.send_header("ETag", route.etag)
            self.end_headers()
            return
        wire, content_encoding = encode(route.body, route.encoding)
        self.send_response(route.status)
        if route.content_type:
            self.send_header("Content-Type", route.content_type)
        if content_encoding:
            self.send_header("Content-Encoding", content_encoding)
        if route.etag:
            self.send_header("ETag", route.etag)
        if route.last_modified:
            self.send_header("Last-Modified", route.last_modified)
        if route.retry_after is not None:
            self.send_header("Retry-After", route.retry_after)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(len(wire)))
        self.end_headers()
        if self.command == "HEAD":
            return
        if route.truncate_to is not None:
            self.wfile.write(wire[: route.truncate_to])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_WR)
            return
        try:
            for start in range(0, len(wire), route.chunk_size):
                piece = wire[start : start + route.chunk_size]
                if route.chunked:
                    self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                else:
                    self.wfile.write(piece)
                self.wfile.flush()
                if route.trickle:
                    time.sleep(route.trickle)
            if route.chunked:
                self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up (size cap, deadline)

    def _not_modified(self, route: Route) -> bool:
        etag = self.headers.get("If-None-Match")
        if route.etag and etag:
            return route.etag in [t.strip() for t in etag.split(",")] or etag.strip() == "*"
        since = self.headers.get("If-Modified-Since")
        if route.last_modified and since:
            try:
                return parsedate_to_datetime(route.last_modified) <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False

    def _simple(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: FeedServer


class FeedServer:
    """A started server; `route()` adds or replaces a path and returns its URL."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(self, path: str, route: Route | None = None, **fields: Any) -> str:
        with self.lock:
            self.routes[path] = route if route is not None else Route(**fields)
        return self.url(path)

    def serve_files(self, root: Path, *, encodings: Sequence[str | None] = (None,),
                    etags: bool = True) -> dict[str, str]:
        """Serve every file under `root` (README/MANIFEST .md files excepted) at
        `/<relative path>`, with a Content-Type from its suffix, an ETag, and the
        `encodings` applied in turn; returns {relative path: URL}."""
        urls = {}
        files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix != ".md")
        for index, path in enumerate(files):
            relative = path.relative_to(root).as_posix()
            urls[relative] = self.route(
                f"/{relative}", body=path.read_bytes(),
                content_type=CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream"),
                etag=f'"{index}"' if etags else None, encoding=encodings[index % len(encodings)],
            )
        return urls

    def requests_for(self, path: str) -> list[Request]:
        with self.lock:
            return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


@pytest.fixture()
def feed_server() -> Iterator[FeedServer]:
    """A FeedServer on 127.0.0.1 (random port), shut down after the test."""
    server = FeedServer()
    try:
        yield server
    finally:
        server.close()
