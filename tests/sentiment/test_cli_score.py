"""`vigie score`: JSON lines in, one JSON line out per input, bad lines reported in place."""

from __future__ import annotations

import io
import json

from typer.testing import CliRunner

from monitor.cli.app import app
from monitor.cli.score import score_lines
from monitor.sentiment.router import SentimentRouter


def test_score_lines_scores_and_reports_bad_lines() -> None:
    """Good lines are scored in order; a bad line yields an error object and a stderr message."""
    lines = [
        '{"text": "Je n’aime pas ce produit"}',
        '{"text": "I love it", "lang": "en-US", "id": 7}',
        "not json",
        "",
        '{"text": 3}',
        '{"text": "Ich hasse dieses Produkt wirklich sehr"}',
        '["x"]',
    ]
    out, err = io.StringIO(), io.StringIO()
    bad = score_lines(lines, SentimentRouter(), out, err)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert bad == 3
    assert [r["line"] for r in rows] == [1, 2, 3, 5, 6, 7]
    assert rows[0]["lang"] == "fr" and rows[0]["label"] == "negative"
    assert rows[0]["scorer"] == "vigie-fr" and rows[0]["compound"] < 0
    assert rows[1]["id"] == 7 and rows[1]["lang"] == "en" and rows[1]["label"] == "positive"
    assert rows[2]["error"].startswith("not JSON")
    assert rows[3]["error"] == "`text` is missing or not a string"
    assert rows[4] == {"line": 6, "lang": "other", "compound": None, "label": None,
                       "pos": 0.0, "neu": 0.0, "neg": 0.0, "scorer": "none"}
    assert "object" in rows[5]["error"]
    assert err.getvalue().splitlines()[0].startswith("line 3: not JSON")
    assert len(err.getvalue().splitlines()) == 3


def test_score_command_exit_codes() -> None:
    """The command exits 0 when every line is good and 1 when one was bad."""
    runner = CliRunner()
    good = runner.invoke(app, ["score"], input='{"text": "Quelle arnaque"}\n')
    assert good.exit_code == 0
    assert json.loads(good.stdout)["label"] == "negative"
    bad = runner.invoke(app, ["score"], input='{"text": "ok"}\n{oops\n')
    assert bad.exit_code == 1
    assert len(bad.stdout.strip().splitlines()) == 2


def test_score_command_uses_config_sentiment_settings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """--config applies vigie.yaml's sentiment languages and thresholds."""
    config = tmp_path / "vigie.yaml"
    config.write_text("sentiment:\n  languages: [fr]\n  neutral_threshold: {fr: 0.99}\n")
    result = CliRunner().invoke(app, ["score", "-c", str(config)],
                                input='{"text": "Quelle arnaque !"}\n{"text": "What a scam"}\n')
    assert result.exit_code == 0, result.output
    first, second = (json.loads(x) for x in result.stdout.splitlines())
    assert first["label"] == "neutral"
    assert second["lang"] == "other" and second["compound"] is None


def test_score_command_cuts_the_config_topics_names_as_ingestion_does(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """With --config, a text is scored without the names of the topics it matches, so ops
    see the score ingestion gave; without, the name counts ("beauty" reads as praise)."""
    config = tmp_path / "vigie.yaml"
    config.write_text("topics:\n  - name: verlover\n    query: '\"verlover beauty\"'\n")
    line = '{"text": "PSA: the way Verlover Beauty handled the chemical burns is a scandal"}\n'
    cut = CliRunner().invoke(app, ["score", "-c", str(config)], input=line)
    assert cut.exit_code == 0, cut.output
    row = json.loads(cut.stdout)
    assert row["topics"] == ["verlover"] and row["label"] == "negative"
    whole = json.loads(CliRunner().invoke(app, ["score"], input=line).stdout)
    assert whole["label"] == "positive" and "topics" not in whole


def test_score_lines_reads_camel_case_hashtags_as_ingestion_does() -> None:
    out, err = io.StringIO(), io.StringIO()
    lines = ['{"text": "#BoycottAcme", "lang": "en"}', '{"text": "#boycottacme", "lang": "en"}']
    assert score_lines(lines, SentimentRouter(), out, err) == 0
    split, whole = (json.loads(line) for line in out.getvalue().splitlines())
    assert split["label"] == "negative" and whole["label"] == "neutral"
