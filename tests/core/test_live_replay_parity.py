"""A live run and a replay of the same mentions raise the same episode events."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor import watch
from monitor.config.files import load_config
from monitor.config.settings import Settings
from monitor.replay import replay_events
from monitor.timeutil import to_epoch
from tests.core.stream import stream

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


def write_config(folder: Path) -> Path:
    path = folder / "vigie.yaml"
    path.write_text(
        "topics:\n  - name: acme\n    query: acme\n"
        f"rules_dir: {ROOT / 'alert_rules'}\nplaybooks_dir: {ROOT / 'playbooks'}\n",
        encoding="utf-8",
    )
    return path


def test_live_and_replay_agree(redis_url: str, tmp_path: Path) -> None:
    """Ingesting hour by hour and detecting as time passes gives the replay's events."""
    config_path = write_config(tmp_path)
    mentions = stream()
    replayed = [e.to_dict() for e in replay_events(mentions, load_config(config_path))]
    assert any(e["kind"] in ("crisis", "bad_buzz") for e in replayed), replayed

    settings = Settings(redis_url=redis_url, data_dir=tmp_path / "data", config_path=config_path)
    ctx = watch.Context.create(settings)
    live = []
    hour = 3600.0
    start = to_epoch(mentions[0].published)
    end = to_epoch(mentions[-1].published)
    clock, index = start, 0
    while clock <= end + hour:
        clock += hour
        batch = []
        while index < len(mentions) and to_epoch(mentions[index].published) < clock:
            batch.append(mentions[index].to_replay())
            index += 1
        for i in range(0, len(batch), 200):
            watch.ingest(ctx, batch[i:i + 200], now=clock)
        events, _ = watch.detect(ctx, clock + 60, grace=60, settle=0)
        live.extend(e.to_dict() for e in events)
    # The live run stops at the last closed bucket; compare what both have decided.
    last = max(e["at"] for e in live)
    expected = [e for e in replayed if e["at"] <= last]
    assert live == expected
    assert len(live) >= 1
