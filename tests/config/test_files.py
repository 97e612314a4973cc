"""vigie.yaml loading: strict models, cross-checks, and `file:line: field: reason` errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config.files import config_from_text, load_config
from monitor.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]

GOOD = """\
topics:
  - name: acme
    query: '"acme foods" OR (acme AND (rappel OR recall)) NOT careers'
    labels: {category: product}
sources:
  - name: alerts
    url: https://www.google.com/alerts/feeds/1/2
    interval: 5m
    source_type: news
    topics: [acme]
planned_events:
  - topic: acme
    name: launch
    start: 2026-12-01T08:00:00Z
    end: 2026-12-01T20:00:00Z
    expected_lift: 3
"""


def problems(text: str) -> list[str]:
    with pytest.raises(ConfigError) as info:
        config_from_text(text, "vigie.yaml")
    return info.value.problems


def test_valid_config_loads_with_durations_parsed() -> None:
    """A well-formed file loads; `5m` becomes 300 seconds."""
    config = config_from_text(GOOD)
    assert config.topics[0].name == "acme"
    assert config.sources[0].interval == 300.0
    assert config.planned_events[0].expected_lift == 3


def test_unknown_field_names_file_line_and_field() -> None:
    """A typo in a key is reported with its line, not silently ignored."""
    text = GOOD.replace("    interval: 5m", "    intervall: 5m")
    assert problems(text) == ["vigie.yaml:8: sources[0].intervall: unknown field"]


def test_every_problem_is_reported_at_once() -> None:
    """Several mistakes come back together, each with its own line."""
    text = GOOD.replace("interval: 5m", "interval: 5 minutes").replace(
        "source_type: news", "source_type: newspaper").replace("topics: [acme]", "topics: [acme, zeta]")
    found = problems(text)
    assert any(p.startswith("vigie.yaml:8: sources[0].interval: invalid duration") for p in found)
    assert any(p.startswith("vigie.yaml:9: sources[0].source_type:") for p in found)
    assert len(found) == 2  # the unknown topic is checked once the models are valid


def test_unknown_topic_in_source_restriction() -> None:
    """Cross-references are checked after loading and point at the offending item."""
    text = GOOD.replace("topics: [acme]", "topics: [acme, zeta]")
    assert problems(text) == ["vigie.yaml:10: sources[0].topics[1]: unknown topic 'zeta'"]


def test_bad_query_is_reported_with_its_line() -> None:
    """An unbalanced parenthesis in a topic query is a config error, not a runtime crash."""
    text = GOOD.replace("NOT careers'", "NOT careers) '")
    found = problems(text)
    assert len(found) == 1 and found[0].startswith("vigie.yaml:3: topics[0].query:")


def test_duplicate_names_and_bad_event_window() -> None:
    """Duplicate topic names and an event ending before it starts are both reported."""
    text = GOOD + "  - topic: acme\n    start: 2026-12-02T00:00:00Z\n    end: 2026-12-01T00:00:00Z\n"
    text = text.replace("topics:\n  - name: acme\n", "topics:\n  - name: acme\n    query: acme\n  - name: acme\n", 1)
    found = problems(text)
    assert any("end must be after start" in p for p in found)


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    """A YAML syntax error names file and line."""
    path = tmp_path / "vigie.yaml"
    path.write_text("topics:\n  - name: acme\n    query: [unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.problems[0].startswith(f"{path}:")
    assert "(syntax)" in info.value.problems[0]


def test_shipped_example_config_is_valid() -> None:
    """The vigie.yaml shipped in the repository loads."""
    config = load_config(ROOT / "vigie.yaml")
    assert config.topics and config.sources


def test_unknown_per_topic_detection_override() -> None:
    """A per-topic detection override must name a real setting."""
    text = GOOD.replace("    labels: {category: product}\n",
                        "    labels: {category: product}\n    detection: {no_such_threshold: 3}\n")
    found = problems(text)
    assert len(found) == 1 and found[0].startswith("vigie.yaml:5: topics[0].detection:")
    assert "no_such_threshold" in found[0]
