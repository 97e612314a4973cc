"""SlackNotifier: the Notifier on the official slack_sdk WebClient (bot token).

One Slack call per method, no retrying here: failures become `NotifyError` with
`recoverable` (429, 5xx, network) and `retry_after` (Slack's Retry-After), and the outbox
decides. slack_sdk's own retry handlers are switched off on purpose: its default retries a
dropped connection once, which can post the same message twice behind the outbox's back.

Posts carry message metadata `{"event_type": "vigie_outbox", "event_payload": {"op": key}}`
when given a key, so `find_posted` can tell, after a lost answer or a crash, whether a post
already landed (conversations.history / conversations.replies with include_all_metadata).
"""

from __future__ import annotations

import http.client
import logging
import re
import socket
import urllib.error
from typing import Any

from pydantic import SecretStr
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from monitor.config.settings import DEFAULT_SLACK_API_URL
from monitor.errors import NotifyError
from monitor.notify.base import MessageRef, Rendered

log = logging.getLogger(__name__)

METADATA_EVENT = "vigie_outbox"
MAX_LOOKUP_PAGES = 5  # 1,000 messages since the op was enqueued: beyond that, re-send
# Errors worth retrying even though Slack answered: its side, not our request.
RECOVERABLE_ERRORS = {"ratelimited", "internal_error", "fatal_error", "service_unavailable",
                      "request_timeout", "team_added_to_org"}
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")
_NETWORK_ERRORS = (urllib.error.URLError, http.client.HTTPException, ConnectionError,
                   socket.timeout, TimeoutError, OSError)


class SlackCallError(NotifyError):
    """A NotifyError carrying Slack's error code (`invalid_blocks`, `channel_not_found`...)."""

    def __init__(self, message: str, *, code: str, recoverable: bool,
                 retry_after: float | None = None) -> None:
        super().__init__(message, recoverable=recoverable, retry_after=retry_after)
        self.code = code


def _api_url(base_url: str) -> str:
    return base_url if base_url.endswith("/") else base_url + "/"


class SlackNotifier:
    """Slack delivery. `token` is the bot token (xoxb-...), never logged; `base_url` is
    SLACK_API_URL (a staging emulator may stand in for Slack)."""

    def __init__(self, token: str | SecretStr, *, base_url: str = DEFAULT_SLACK_API_URL,
                 timeout: int = 10) -> None:
        secret = token.get_secret_value() if isinstance(token, SecretStr) else token
        self.client = WebClient(token=secret, base_url=_api_url(base_url), timeout=timeout,
                                retry_handlers=[])
        self._channel_ids: dict[str, str] = {}

    # -- Notifier -------------------------------------------------------------------------
    def post(self, channel: str, message: Rendered, thread: MessageRef | None = None,
             *, key: str | None = None) -> MessageRef:
        args: dict[str, Any] = {"channel": thread.channel if thread else channel,
                                "text": message.text, "unfurl_links": False,
                                "unfurl_media": False}
        if message.blocks is not None:
            args["blocks"] = message.blocks
        if thread is not None:
            args["thread_ts"] = thread.ts
        if key:
            args["metadata"] = {"event_type": METADATA_EVENT, "event_payload": {"op": key}}
        response = self._call("chat.postMessage", self.client.chat_postMessage, **args)
        ref = MessageRef(channel=str(response["channel"]), ts=str(response["ts"]))
        self._channel_ids.setdefault(channel, ref.channel)
        return ref

    def update(self, ref: MessageRef, message: Rendered) -> None:
        # Slack keeps the previous blocks when `blocks` is absent; [] replaces them, so a
        # text-only update really replaces the content (no stale buttons left behind).
        args: dict[str, Any] = {"channel": ref.channel, "ts": ref.ts, "text": message.text,
                                "blocks": message.blocks if message.blocks is not None else []}
        self._call("chat.update", self.client.chat_update, **args)

    def upload(self, channel: str, thread: MessageRef | None, filename: str, content: bytes,
               title: str) -> None:
        channel_id = thread.channel if thread else self.channel_id(channel)
        if channel_id is None:
            raise NotifyError(f"files upload: channel_not_found ({channel})", recoverable=False)
        self._call("files.upload_v2", self.client.files_upload_v2, channel=channel_id,
                   thread_ts=thread.ts if thread else None, filename=filename,
                   content=content, title=title)

    # -- lookups --------------------------------------------------------------------------
    def channel_id(self, channel: str) -> str | None:
        """The ID of `channel` (an ID, `name` or `#name`), via conversations.list; None when
        the bot cannot see it."""
        if _CHANNEL_ID.match(channel):
            return channel
        if channel in self._channel_ids:
            return self._channel_ids[channel]
        name = channel.lstrip("#")
        cursor = None
        while True:
            page = self._call("conversations.list", self.client.conversations_list,
                              types="public_channel,private_channel", limit=1000,
                              exclude_archived=True, cursor=cursor)
            for ch in page.get("channels", []):
                if ch.get("name") == name:
                    self._channel_ids[channel] = str(ch["id"])
                    return str(ch["id"])
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return None

    def find_posted(self, channel: str, key: str, thread: MessageRef | None = None,
                    oldest: float | None = None) -> MessageRef | None:
        """The message this app posted with outbox key `key`, if Slack has it."""
        channel_id = thread.channel if thread else self.channel_id(channel)
        if channel_id is None:
            return None
        args: dict[str, Any] = {"channel": channel_id, "include_all_metadata": True,
                                "limit": 200}
        if oldest is not None:
            args["oldest"] = f"{max(0.0, oldest):.6f}"
        method, fn = (("conversations.replies", self.client.conversations_replies)
                      if thread is not None else
                      ("conversations.history", self.client.conversations_history))
        if thread is not None:
            args["ts"] = thread.ts
        for _ in range(MAX_LOOKUP_PAGES):
            page = self._call(method, fn, **args)
            for message in page.get("messages", []):
                metadata = message.get("metadata") or {}
                if (metadata.get("event_type") == METADATA_EVENT
                        and (metadata.get("event_payload") or {}).get("op") == key):
                    return MessageRef(channel=channel_id, ts=str(message["ts"]))
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                break
            args["cursor"] = cursor
        return None

    def check(self) -> dict[str, Any]:
        """auth.test: the workspace and bot user the token belongs to."""
        return dict(self._call("auth.test", self.client.auth_test).data)

    # -- errors ---------------------------------------------------------------------------
    def _call(self, name: str, fn: Any, **kwargs: Any) -> Any:
        try:
            return fn(**kwargs)
        except SlackApiError as exc:
            raise _api_error(name, exc) from None
        except SlackClientError as exc:
            raise NotifyError(f"{name}: {type(exc).__name__}: {exc}", recoverable=True) from None
        except _NETWORK_ERRORS as exc:
            raise NotifyError(f"{name}: network error: {type(exc).__name__}: {exc}",
                              recoverable=True) from None


def _api_error(name: str, exc: SlackApiError) -> SlackCallError:
    response = exc.response
    status = getattr(response, "status_code", 200)
    data = response.data if isinstance(response.data, dict) else {}
    error = str(data.get("error") or f"http_{status}")
    detail = "; ".join(str(e) for e in data.get("errors", [])[:3])
    message = f"{name}: {error}" + (f" ({detail})" if detail else "")
    if status == 429 or error == "ratelimited":
        headers = response.headers or {}
        header = headers.get("Retry-After") or headers.get("retry-after")
        try:
            retry_after = float(header) if header is not None else None
        except ValueError:
            retry_after = None
        return SlackCallError(message, code=error, recoverable=True, retry_after=retry_after)
    recoverable = status >= 500 or error in RECOVERABLE_ERRORS
    return SlackCallError(message, code=error, recoverable=recoverable)
