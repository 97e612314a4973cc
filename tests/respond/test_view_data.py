"""The worker's view data: series from the real bucket store and top mentions from the
real archive feed the alert message, its chart upload and the report."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from monitor import archive
from monitor.config.files import config_from_text
from monitor.indicators import FIVE_MINUTES, HOUR, MINUTE
from monitor.model import Mention
from monitor.pipeline import Ingestor, batch_token, count
from monitor.store.buckets import RedisBuckets
from tests.respond.conftest import Rig
from tests.respond.helpers import alert
from workers.respond_tasks import StoreViewData, read_top_mentions

pytestmark = pytest.mark.integration
CONFIG = config_from_text("topics:\n  - name: acme\n    query: acme\n")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _mention(n: int, minutes_before: float, reach: int, text: str) -> Mention:
    return Mention(id=f"s-{n}", published=NOW - timedelta(minutes=minutes_before), source="s",
                   source_type="news" if n % 2 else "social", author=f"a{n}",
                   url=f"https://news.example/{n}", title="", text=text, reach=reach,
                   topics=("acme",))


def _ingest(client: Any, mentions: list[Mention]) -> None:
    store = RedisBuckets(client, {}, 3600)
    batch = Ingestor.from_config(CONFIG).prepare(mentions)
    token = batch_token(batch)
    store.apply(count(batch, store.judge(batch, token), (MINUTE, FIVE_MINUTES, HOUR)), token)


def test_top_mentions_from_the_archive(tmp_path: Path) -> None:
    """Mentions of the topic within the window, most reach first; others left out."""
    mentions = [_mention(1, 30, 10, "Acme recall"), _mention(2, 60, 500, "Acme recall <!channel>"),
                _mention(3, 600, 9999, "Acme old news"),
                dataclasses.replace(_mention(4, 10, 800, "Other"), topics=("other",))]
    archive.append(tmp_path, mentions)
    top = read_top_mentions(tmp_path, "acme", NOW - timedelta(hours=6), NOW)
    assert [m.id for m in top] == ["s-2", "s-1"]


def test_alert_message_gets_series_chart_and_mentions(rig: Rig, redis_client: Any,
                                                      tmp_path: Path) -> None:
    """With stored buckets and archived mentions the alert shows the top mention (escaped),
    the 24 h chart is uploaded into its thread, and at resolution the report has the volume
    table and the episode's chart follows it in the thread."""
    mentions = [_mention(i, 5 + i, 100 * i, f"Acme rappel produit {i} <!channel>")
                for i in range(1, 13)]
    _ingest(redis_client, mentions)
    archive.append(tmp_path / "archive", mentions)
    rig.responder.data = StoreViewData(redis_client, tmp_path / "archive")
    rig.responder.handle_alert(alert(at=NOW))
    rig.drain()
    main = rig.main()
    text = str(main["blocks"])
    assert "news.example/12" in text and "<!channel>" not in text
    assert rig.emulator.calls_of("files.completeUploadExternal")
    from monitor.report import render_markdown

    incident = rig.responder.store.get("1")
    assert incident is not None
    series = rig.responder.data.series("acme", NOW, hours=2)
    assert sum(b.volume for b in series) == 12
    assert "| 2026-03-02T08:00:00Z | 12 |" in render_markdown(incident, series)
    from monitor.incidents import Action
    from monitor.web.payloads import ActionRequest

    rig.responder.handle_action(ActionRequest("k", "1", Action.RESOLVE, "", "U0CM"),
                                NOW + timedelta(minutes=30))
    rig.drain()
    uploads = rig.emulator.calls_of("files.completeUploadExternal")
    assert len(uploads) == 2 and "episode" in str(uploads[1].args)
