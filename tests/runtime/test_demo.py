"""`vigie run --demo`: within a minute, offline, a new user sees mentions flow, indicators
move and a spike reported; and nothing is left running afterwards."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]


def test_demo_reports_a_spike_within_a_minute(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_URL", "SLACK_", "VIGIE_"))}
    env["VIGIE_DATA_DIR"] = str(tmp_path / "data")
    proc = subprocess.run(
        [sys.executable, "-m", "monitor.cli.app", "run", "--demo", "--for", "60"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=150,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-3000:]
    counts = [int(n) for n in re.findall(r"mentions (\d+) \|", output)]
    assert counts and counts[-1] > counts[0], "mentions did not flow"
    volumes = [int(n) for n in re.findall(r"acme: (\d+) in 5 min", output)]
    assert max(volumes) >= 20, "indicators did not move"
    assert re.search(r"last alert:\s+(bad_buzz|crisis|volume_spike) acme\s+\(fired", output), output[-3000:]
    pidfile = tmp_path / "data" / "redis" / "redis.pid"
    assert not pidfile.exists(), "embedded Redis left running"
