"""`vigie feeds`: the health table ops read when a feed misbehaves."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis
from typer.testing import CliRunner

from monitor.cli.app import app
from monitor.health import FeedHealth, record
from monitor.sources.base import FetchResult, FetchState
from monitor.store.state import JsonState

pytestmark = pytest.mark.integration


def test_table_shows_failing_and_never_polled_feeds(redis_url: str, redis_client: redis.Redis,
                                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing feed shows its failures and reason; an unpolled one says so."""
    config = tmp_path / "vigie.yaml"
    config.write_text(
        "topics:\n  - name: a\n    query: a\nsources:\n"
        "  - name: broken\n    url: http://127.0.0.1:9/x.rss\n"
        "  - name: fresh\n    url: http://127.0.0.1:9/y.rss\n"
        f"rules_dir: {Path(__file__).resolve().parents[2] / 'alert_rules'}\n"
        f"playbooks_dir: {Path(__file__).resolve().parents[2] / 'playbooks'}\n",
        encoding="utf-8")
    now = datetime.now(UTC)
    failed = FetchResult(status="error", mentions=[], state=FetchState(), http_status=500,
                         error="HTTP 500 from 127.0.0.1")
    health = record(record(FeedHealth(source="broken"), failed, now), failed, now)
    JsonState(redis_client, "health").save("broken", health.to_dict())
    monkeypatch.setenv("REDIS_URL", redis_url)
    result = CliRunner().invoke(app, ["feeds", "-c", str(config)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    broken = next(line for line in result.output.splitlines() if "broken" in line)
    assert "degraded" in broken or "failing" in broken
    assert "HTTP 500" in broken and " 2 " in broken
    assert "never polled" in next(line for line in result.output.splitlines() if "fresh" in line)
