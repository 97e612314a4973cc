"""`/vigie silence <topic> <duration> <reason>` through the rules engine's silence store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from monitor.store.silences import SilenceStore
from monitor.timeutil import format_duration, iso, parse_duration

MAX_SILENCE = 7 * 86400  # longer mutes belong in a rule file, reviewed, not in a chat command


def make_silencer(client: Any) -> Callable[[str, str, str, str, datetime], str]:
    store = SilenceStore(client)

    def silence(topic: str, duration: str, reason: str, user: str, now: datetime) -> str:
        """Create the silence; raises ValueError with a sentence for the person."""
        seconds = parse_duration(duration)
        if not 60 <= seconds <= MAX_SILENCE:
            raise ValueError("the duration must be between 1m and 7d")
        created = store.create(starts=now, ends=now + timedelta(seconds=seconds),
                               reason=reason, author=user, now=now, topic=topic)
        return (f"Silenced alerts of topic `{topic[:64]}` for {format_duration(seconds)} "
                f"(until {iso(created.ends)}), silence id `{created.id}`.")

    return silence
