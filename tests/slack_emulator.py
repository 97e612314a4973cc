"""A Slack Web API emulator on 127.0.0.1 for tests: the real slack_sdk client talks to it.

    emu = SlackEmulator().start()        # or the `slack_emulator` fixture
    client = WebClient(token=emu.token, base_url=emu.api_url)   # api_url ends with /api/

What it does, like Slack where it matters:
- auth (Bearer header or `token` param): missing -> not_authed, unknown -> invalid_auth;
- chat.postMessage / chat.update / chat.postEphemeral / chat.getPermalink, threads,
  message `metadata` (returned by conversations.history/replies with include_all_metadata);
- Block Kit validation (`invalid_blocks` with json-pointer errors, `msg_blocks_too_long`),
  and, stricter than Slack, `no_text` when a message has blocks but no text fallback;
- files upload v2: files.getUploadURLExternal, POST to the upload URL,
  files.completeUploadExternal (channel_id must be an ID; thread_ts must exist);
- views.open (trigger ids from `issue_trigger_id()`, valid 3 s), conversations.list/info/
  history/replies, users.info, response URLs (`new_response_url()`, 5 uses);
- faults on demand: `fail(method, status=429, retry_after=1)`, `fail(method, status=500)`,
  `fail(method, error="channel_not_found")`, `drop(method)` (handles the call, then closes
  the connection without answering: the "did it post?" case), and an optional per-channel
  rate limit (`channel_interval`) answering 429 like Slack's ~1 message/s/channel.
Every call is recorded (`calls`, `messages`, `uploads`, `responses`).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

# Block Kit checks live beside this file; re-exported for existing imports.
from tests.slack_blockkit import MAX_BLOCKS_CHARS, block_errors, blocks_chars

__all__ = ["MAX_BLOCKS_CHARS", "SlackEmulator", "block_errors", "blocks_chars", "slack_emulator"]


@dataclass
class Call:
    """One request as the emulator saw it."""

    method: str
    args: dict[str, Any]
    token: str | None
    at: float
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Fault:
    method: str
    times: int
    status: int = 200
    error: str | None = None
    retry_after: float | None = None
    drop: bool = False


class SlackEmulator:
    """The emulator. Thread-safe; start() binds 127.0.0.1 on a free port."""

    def __init__(
        self,
        *,
        token: str = "xoxb-test-token",
        strict_text: bool = True,
        channel_interval: float | None = None,
    ) -> None:
        self.token = token
        self.tokens = {token}
        self.strict_text = strict_text
        self.channel_interval = channel_interval
        self.calls: list[Call] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.uploads: dict[str, dict[str, Any]] = {}
        self.responses: dict[str, list[dict[str, Any]]] = {}
        self.views: list[dict[str, Any]] = []
        self.ephemeral: list[dict[str, Any]] = []
        self.channels: dict[str, dict[str, Any]] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self._faults: list[_Fault] = []
        self._triggers: dict[str, float] = {}
        self._last_post: dict[str, float] = {}
        self._lock = threading.RLock()
        self._seq = itertools.count(1)
        self._clock = 0.0
        self._server: ThreadingHTTPServer | None = None
        for name in ("general", "vigie", "vigie-alerts", "crisis"):
            self.add_channel(name)
        self.add_user("U0CM", "camille", "Camille Martin")
        self.add_user("U0LEAD", "sam", "Sam Lead")

    # -- set-up ---------------------------------------------------------------------------
    def add_channel(self, name: str) -> str:
        """Create a public channel; returns its ID."""
        with self._lock:
            cid = f"C{len(self.channels) + 1:08d}"
            self.channels[cid] = {
                "id": cid,
                "name": name.lstrip("#"),
                "is_channel": True,
                "is_member": True,
                "is_archived": False,
            }
            self.messages[cid] = []
            return cid

    def add_user(self, uid: str, name: str, real_name: str) -> None:
        self.users[uid] = {
            "id": uid,
            "name": name,
            "real_name": real_name,
            "tz": "Europe/Paris",
            "profile": {"real_name": real_name, "display_name": name},
        }

    def channel_id(self, name_or_id: str) -> str | None:
        """The ID of a channel given as ID, `name` or `#name`; None when unknown."""
        if name_or_id in self.channels:
            return name_or_id
        name = name_or_id.lstrip("#")
        return next((c["id"] for c in self.channels.values() if c["name"] == name), None)

    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: float | None = None,
        times: int = 1,
    ) -> None:
        """The next `times` calls of `method` fail: HTTP `status` (429 adds Retry-After), or
        200 with `{"ok": false, "error": error}`. Nothing is recorded as done."""
        with self._lock:
            self._faults.append(_Fault(method, times, status, error, retry_after))

    def drop(self, method: str, *, times: int = 1) -> None:
        """The next `times` calls of `method` are carried out, then the connection is closed
        without an answer."""
        with self._lock:
            self._faults.append(_Fault(method, times, drop=True))

    def issue_trigger_id(self) -> str:
        """A trigger id views.open accepts for 3 seconds, like one from an interaction."""
        with self._lock:
            tid = f"{next(self._seq)}.{int(time.time())}.trigger"
            self._triggers[tid] = time.monotonic() + 3.0
            return tid

    def new_response_url(self) -> str:
        """A response_url accepting 5 POSTs, recorded in `responses[id]`."""
        with self._lock:
            rid = f"R{next(self._seq)}"
            self.responses[rid] = []
            return f"{self.base_url}/response/{rid}"

    # -- inspection -----------------------------------------------------------------------
    def calls_of(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def channel_messages(self, channel: str) -> list[dict[str, Any]]:
        """Messages of a channel (name or ID), top level and thread replies, in post order."""
        cid = self.channel_id(channel)
        with self._lock:
            return list(self.messages.get(cid or "", []))

    def thread(self, channel: str, ts: str) -> list[dict[str, Any]]:
        """Replies in the thread of message `ts` (not the parent)."""
        return [
            m for m in self.channel_messages(channel) if m.get("thread_ts") == ts and m["ts"] != ts
        ]

    def wait_for_messages(
        self, channel: str, count: int, timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        """Block until `channel` holds at least `count` messages (or `timeout` seconds);
        returns them. For end-to-end tests where a worker delivers asynchronously."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.channel_messages(channel)
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    # -- server ---------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        assert self._server is not None, "emulator not started"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        """What to give WebClient as base_url (ends with /api/)."""
        return f"{self.base_url}/api/"

    def start(self) -> SlackEmulator:
        emulator = self

        class Handler(_Handler):
            emu = emulator

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    # -- dispatch -------------------------------------------------------------------------
    def _next_ts(self) -> str:
        # Real epoch seconds, strictly increasing, six decimals: like Slack's ts.
        self._clock = max(time.time(), self._clock + 0.000001)
        return f"{self._clock:.6f}"

    def _take_fault(self, method: str) -> _Fault | None:
        for fault in self._faults:
            if fault.method == method and fault.times > 0:
                fault.times -= 1
                return fault
        return None

    def handle(
        self, method: str, args: dict[str, Any], token: str | None
    ) -> tuple[int, dict[str, Any], dict[str, str], bool]:
        """Run one API call: (status, body, extra headers, drop connection)."""
        with self._lock:
            call = Call(method, args, token, time.time())
            self.calls.append(call)
            fault = self._take_fault(method)
            if fault is not None and not fault.drop:
                call.status = fault.status
                if fault.status == 429:
                    ra = str(int(fault.retry_after if fault.retry_after is not None else 1))
                    return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": ra}, False
                if fault.status != 200:
                    return fault.status, {"ok": False, "error": "internal_error"}, {}, False
                call.response = {"ok": False, "error": fault.error}
                return 200, call.response, {}, False
            if token is None:
                body: dict[str, Any] = {"ok": False, "error": "not_authed"}
            elif token not in self.tokens:
                body = {"ok": False, "error": "invalid_auth"}
            else:
                fn = getattr(self, "_api_" + method.replace(".", "_"), None)
                if fn is None:
                    body = {"ok": False, "error": "unknown_method"}
                else:
                    limited = self._rate_limited(method, args)
                    if limited is not None:
                        call.status = 429
                        return (
                            429,
                            {"ok": False, "error": "ratelimited"},
                            {"Retry-After": str(limited)},
                            False,
                        )
                    body = fn(args)
            call.response = body
            return 200, body, {}, bool(fault and fault.drop)

    def _rate_limited(self, method: str, args: dict[str, Any]) -> int | None:
        if self.channel_interval is None or method != "chat.postMessage":
            return None
        cid = self.channel_id(str(args.get("channel", ""))) or ""
        now = time.monotonic()
        last = self._last_post.get(cid)
        if last is not None and now - last < self.channel_interval:
            return 1
        self._last_post[cid] = now
        return None

    # -- API methods ----------------------------------------------------------------------
    def _api_auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://vigie-test.slack.com/",
            "team": "Vigie Test",
            "user": "vigie",
            "team_id": "T0VIGIE",
            "user_id": "U0BOT",
            "bot_id": "B0BOT",
        }

    def _check_message(self, args: dict[str, Any]) -> dict[str, Any] | None:
        blocks = args.get("blocks")
        if isinstance(blocks, str):
            try:
                blocks = json.loads(blocks)
            except ValueError:
                return {"ok": False, "error": "invalid_blocks_format"}
            args["blocks"] = blocks
        text = args.get("text")
        if blocks is not None:
            errors = block_errors(blocks)
            if errors:
                return {"ok": False, "error": "invalid_blocks", "errors": errors}
            if blocks_chars(blocks) > MAX_BLOCKS_CHARS:
                return {"ok": False, "error": "msg_blocks_too_long"}
            if self.strict_text and not text:
                return {"ok": False, "error": "no_text"}
        elif not text and not args.get("attachments"):
            return {"ok": False, "error": "no_text"}
        if isinstance(text, str) and len(text) > 40_000:
            return {"ok": False, "error": "msg_too_long"}
        return None

    def _message_channel(self, args: dict[str, Any], *, id_only: bool = False) -> str | None:
        channel = str(args.get("channel") or args.get("channel_id") or "")
        return (
            channel
            if id_only and channel in self.channels
            else (None if id_only else self.channel_id(channel))
        )

    def _api_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        cid = self._message_channel(args)
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        problem = self._check_message(args)
        if problem:
            return problem
        thread_ts = args.get("thread_ts") or None
        if thread_ts and not any(m["ts"] == thread_ts for m in self.messages[cid]):
            return {"ok": False, "error": "thread_not_found"}
        metadata = args.get("metadata")
        if isinstance(metadata, str):
            metadata = json.loads(metadata)
        message = {
            "type": "message",
            "ts": self._next_ts(),
            "user": "U0BOT",
            "bot_id": "B0BOT",
            "text": args.get("text") or "",
            "blocks": args.get("blocks"),
            "metadata": metadata,
            "edited": None,
        }
        if thread_ts:
            message["thread_ts"] = thread_ts
        self.messages[cid].append(message)
        return {"ok": True, "channel": cid, "ts": message["ts"], "message": _public(message)}

    def _api_chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        cid = self._message_channel(args, id_only=True)
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        message = next((m for m in self.messages[cid] if m["ts"] == args.get("ts")), None)
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        problem = self._check_message(args)
        if problem:
            return problem
        # Like Slack: without `blocks` the previous blocks stay; [] removes them.
        blocks = args["blocks"] if "blocks" in args else message.get("blocks")
        message.update(text=args.get("text") or "", blocks=blocks, edited={"ts": self._next_ts()})
        if args.get("metadata"):
            md = args["metadata"]
            message["metadata"] = json.loads(md) if isinstance(md, str) else md
        return {"ok": True, "channel": cid, "ts": message["ts"], "text": message["text"]}

    def _api_chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        cid = self._message_channel(args)
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        if args.get("user") not in self.users:
            return {"ok": False, "error": "user_not_in_channel"}
        problem = self._check_message(args)
        if problem:
            return problem
        self.ephemeral.append({"channel": cid, **args})
        return {"ok": True, "message_ts": self._next_ts()}

    def _api_chat_getPermalink(self, args: dict[str, Any]) -> dict[str, Any]:
        cid = self._message_channel(args, id_only=True)
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        ts = str(args.get("message_ts", ""))
        return {
            "ok": True,
            "channel": cid,
            "permalink": f"https://vigie-test.slack.com/archives/{cid}/p{ts.replace('.', '')}",
        }

    def _api_files_getUploadURLExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("filename") or not str(args.get("length", "")).isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        fid = f"F{next(self._seq):08d}"
        self.uploads[fid] = {
            "id": fid,
            "filename": args["filename"],
            "length": int(args["length"]),
            "content": None,
            "completed": False,
        }
        return {"ok": True, "file_id": fid, "upload_url": f"{self.base_url}/upload/{fid}"}

    def receive_upload(self, fid: str, data: bytes) -> int:
        with self._lock:
            upload = self.uploads.get(fid)
            if upload is None:
                return 404
            upload["content"] = data
            return 200

    def _api_files_completeUploadExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        try:
            files = json.loads(args.get("files") or "[]")
        except ValueError:
            return {"ok": False, "error": "invalid_arguments"}
        cid = args.get("channel_id")
        if cid and cid not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        thread_ts = args.get("thread_ts")
        if thread_ts and not (cid and any(m["ts"] == thread_ts for m in self.messages[cid])):
            return {"ok": False, "error": "invalid_thread_ts"}
        out = []
        for f in files:
            upload = self.uploads.get(f.get("id", ""))
            if upload is None or upload["content"] is None:
                return {"ok": False, "error": "file_not_found"}
            if len(upload["content"]) != upload["length"]:
                return {"ok": False, "error": "file_upload_size_mismatch"}
            upload.update(completed=True, title=f.get("title"), channel=cid, thread_ts=thread_ts)
            out.append({"id": upload["id"], "title": f.get("title"), "name": upload["filename"]})
            if cid:
                message = {
                    "type": "message",
                    "subtype": "file_share",
                    "ts": self._next_ts(),
                    "text": args.get("initial_comment") or "",
                    "files": [out[-1]],
                    "user": "U0BOT",
                    "metadata": None,
                }
                if thread_ts:
                    message["thread_ts"] = thread_ts
                self.messages[cid].append(message)
        return {"ok": True, "files": out}

    def _api_views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        tid = str(args.get("trigger_id", ""))
        expires = self._triggers.get(tid)
        if expires is None:
            return {"ok": False, "error": "invalid_trigger_id"}
        if time.monotonic() > expires:
            return {"ok": False, "error": "expired_trigger_id"}
        view = args.get("view")
        view = json.loads(view) if isinstance(view, str) else view
        errors = block_errors((view or {}).get("blocks", []), surface="modal")
        if errors:
            return {
                "ok": False,
                "error": "invalid_arguments",
                "response_metadata": {"messages": errors},
            }
        self.views.append(view)
        return {"ok": True, "view": {"id": f"V{next(self._seq)}", **(view or {})}}

    def _api_conversations_list(self, args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "channels": list(self.channels.values()),
            "response_metadata": {"next_cursor": ""},
        }

    def _api_conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        cid = self._message_channel(args, id_only=True)
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "channel": self.channels[cid]}

    def _history(
        self, args: dict[str, Any], messages: list[dict[str, Any]], *, newest_first: bool
    ) -> dict[str, Any]:
        """One page (`limit`, default 100; `cursor`) of `messages` at or after `oldest`."""
        oldest = float(args.get("oldest") or 0)
        keep = [m for m in messages if float(m["ts"]) >= oldest]
        if newest_first:
            keep.reverse()
        with_md = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        start = int(args.get("cursor") or 0)
        limit = int(args.get("limit") or 100)
        page = keep[start : start + limit]
        more = start + limit < len(keep)
        return {
            "ok": True,
            "messages": [_public(m, with_md) for m in page],
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    def _api_conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        cid = self._message_channel(args, id_only=True)
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        top = [m for m in self.messages[cid] if m.get("thread_ts") in (None, m["ts"])]
        return self._history(args, top, newest_first=True)  # as Slack answers

    def _api_conversations_replies(self, args: dict[str, Any]) -> dict[str, Any]:
        cid = self._message_channel(args, id_only=True)
        if cid is None:
            return {"ok": False, "error": "channel_not_found"}
        ts = args.get("ts")
        thread = [m for m in self.messages[cid] if m["ts"] == ts or m.get("thread_ts") == ts]
        if not thread:
            return {"ok": False, "error": "thread_not_found"}
        return self._history(args, thread, newest_first=False)

    def _api_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(args.get("user", "")))
        return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}

    def receive_response(self, rid: str, body: dict[str, Any]) -> int:
        with self._lock:
            posts = self.responses.get(rid)
            if posts is None or len(posts) >= 5:
                return 404
            posts.append(body)
            return 200


def _public(message: dict[str, Any], with_metadata: bool = True) -> dict[str, Any]:
    out = {k: v for k, v in message.items() if v is not None and k != "edited"}
    if message.get("edited"):
        out["edited"] = message["edited"]
    if not with_metadata:
        out.pop("metadata", None)
    return out


class _Handler(BaseHTTPRequestHandler):
    emu: SlackEmulator
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send(self, status: int, body: dict[str, Any] | str, headers: dict[str, str]) -> None:
        data = (json.dumps(body) if isinstance(body, dict) else body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self.do_POST()

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        raw = self._body()
        if url.path.startswith("/upload/"):
            status = self.emu.receive_upload(url.path.rsplit("/", 1)[1], raw)
            self._send(status, "OK" if status == 200 else "Not Found", {})
            return
        if url.path.startswith("/response/"):
            try:
                payload = json.loads(raw or b"{}")
            except ValueError:
                payload = {"raw": raw.decode(errors="replace")}
            status = self.emu.receive_response(url.path.rsplit("/", 1)[1], payload)
            self._send(status, {"ok": status == 200} if status == 200 else "used_url", {})
            return
        if not url.path.startswith("/api/"):
            self._send(404, {"ok": False, "error": "not_found"}, {})
            return
        args: dict[str, Any] = dict(parse_qsl(url.query))
        ctype = self.headers.get("Content-Type", "")
        if raw and ctype.startswith("application/json"):
            args.update(json.loads(raw))
        elif raw:
            args.update(parse_qsl(raw.decode()))
        auth = self.headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else args.pop("token", None)
        status, body, headers, drop = self.emu.handle(url.path[5:], args, token or None)
        if drop:
            # The work is done; the client never hears back (lost connection).
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        self._send(status, body, headers)


@pytest.fixture()
def slack_emulator() -> Iterator[SlackEmulator]:
    """A started SlackEmulator, stopped after the test."""
    emu = SlackEmulator().start()
    try:
        yield emu
    finally:
        emu.stop()
