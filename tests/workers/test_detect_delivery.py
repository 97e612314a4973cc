"""A crash while handing fired alerts on loses nothing: the next detection run raises the
same alerts again, and only a successful hand-over moves the state on."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor import watch
from monitor.config.settings import Settings
from monitor.model import Alert
from monitor.timeutil import to_epoch
from tests.core.stream import stream

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
RULES = "rules:\n  - name: all\n    when: kind in [crisis, bad_buzz]\n    route: {channel: '#c'}\n"


def test_failed_delivery_is_retried_with_the_same_alerts(redis_url: str, tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "r.yaml").write_text(RULES, encoding="utf-8")
    config = tmp_path / "vigie.yaml"
    config.write_text(f"topics:\n  - name: acme\n    query: acme\nrules_dir: rules\n"
                      f"playbooks_dir: {ROOT / 'playbooks'}\n", encoding="utf-8")
    ctx = watch.Context.create(Settings(redis_url=redis_url, data_dir=tmp_path / "d",
                                        config_path=config))
    mentions = stream()
    items = [m.to_replay() for m in mentions]
    now = to_epoch(mentions[-1].published) + 3600
    for i in range(0, len(items), 200):
        watch.ingest(ctx, items[i:i + 200], now=now)

    def broken(alerts: list[Alert]) -> None:
        raise ConnectionError("broker unreachable")

    with pytest.raises(ConnectionError):
        watch.detect(ctx, now, grace=0, settle=0, deliver=broken)

    delivered: list[Alert] = []
    events, _ = watch.detect(ctx, now, grace=0, settle=0, deliver=delivered.extend)
    assert events and delivered
    assert {a.event.kind.value for a in delivered} & {"crisis", "bad_buzz"}
    # Handed over once: the next run has nothing new to say.
    again: list[Alert] = []
    events, _ = watch.detect(ctx, now, grace=0, settle=0, deliver=again.extend)
    assert events == [] and again == []
