"""`vigie fetch`: replay JSONL on stdout, one-line errors and exit 1 otherwise."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from monitor.cli.app import app
from monitor.model import Mention
from tests.feedserver import FeedServer
from tests.sources.conftest import RSS

runner = CliRunner()


def _mentions(stdout: str) -> list[Mention]:
    return [Mention.from_replay(orjson.loads(line)) for line in stdout.splitlines() if line]


def test_fetch_file_prints_replay_jsonl(tmp_path: Path):
    """A feed file prints one replay-format line per mention, readable by from_replay."""
    path = tmp_path / "acme.rss"
    path.write_bytes(RSS)
    result = runner.invoke(app, ["fetch", str(path), "--source", "acme", "--source-type", "social"])
    assert result.exit_code == 0, result.output
    mentions = _mentions(result.stdout)
    assert [m.title for m in mentions] == ["Acme recalls kettles", "Second story"]
    assert {m.source for m in mentions} == {"acme"} and mentions[0].source_type == "social"


def test_fetch_url_from_server(feed_server: FeedServer):
    """A URL is fetched with the shared client; the default source name is the host."""
    url = feed_server.route("/feed.xml", body=RSS, encoding="gzip")
    result = runner.invoke(app, ["fetch", url])
    assert result.exit_code == 0, result.output
    mentions = _mentions(result.stdout)
    assert len(mentions) == 2 and mentions[0].source == "127.0.0.1"


def test_fetch_http_error_exits_1_with_one_line(feed_server: FeedServer):
    """An HTTP error exits 1 with a one-line reason and no traceback."""
    url = feed_server.route("/gone", status=410, body=b"gone")
    result = runner.invoke(app, ["fetch", url])
    assert result.exit_code == 1
    assert "HTTP 410" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_fetch_unreadable_document_exits_1(tmp_path: Path):
    """A document that is not a feed exits 1 with the reason on stderr."""
    path = tmp_path / "page.html"
    path.write_bytes(b"<html><body>nope</body></html>")
    result = runner.invoke(app, ["fetch", str(path)])
    assert result.exit_code == 1 and "not a" in result.stderr
    assert "Traceback" not in result.output


def test_fetch_missing_file_exits_1(tmp_path: Path):
    """A missing file exits 1 with a one-line reason."""
    result = runner.invoke(app, ["fetch", str(tmp_path / "absent.xml")])
    assert result.exit_code == 1 and "No such file" in result.stderr


def test_fetch_malformed_feed_warns_on_stderr(tmp_path: Path):
    """A malformed feed still prints its mentions; the warning goes to stderr."""
    path = tmp_path / "bad.xml"
    path.write_bytes(RSS.replace(b"Second story", b"Second &eacute; story"))
    result = runner.invoke(app, ["fetch", str(path)])
    assert result.exit_code == 0 and len(_mentions(result.stdout)) == 2
    assert "warning: malformed" in result.stderr


def test_fetch_jsonl_replays_file_and_reports_bad_lines(tmp_path: Path):
    """A .jsonl file is re-emitted; bad lines are warnings with their line number."""
    path = tmp_path / "r.jsonl"
    good = orjson.dumps({"id": "1", "published": "2026-03-01T10:00:00Z", "text": "hi"})
    path.write_bytes(good + b"\nbroken\n")
    result = runner.invoke(app, ["fetch", str(path)])
    assert result.exit_code == 0 and [m.id for m in _mentions(result.stdout)] == ["1"]
    assert "r.jsonl:2:" in result.stderr
