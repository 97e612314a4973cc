"""Detection settings: defaults, validation and per-topic overrides."""

from __future__ import annotations

import pytest

from monitor.config.files import config_from_text
from monitor.detection.settings import DetectionSettings
from monitor.errors import ConfigError


def test_override_returns_new_settings() -> None:
    """A valid override changes that field only, in a new object."""
    base = DetectionSettings()
    topic = base.for_topic({"crisis_min_authors": 5, "resolve_after": "2h"})
    assert topic.crisis_min_authors == 5 and topic.seconds("resolve_after") == 7200
    assert base.crisis_min_authors == 25 and topic.negative_share == base.negative_share


@pytest.mark.parametrize(("overrides", "message"), [
    ({"crisis_min_autors": 5}, "unknown detection setting"),
    ({"negative_share": 1.5}, "negative_share"),
    ({"resolve_after": "soon"}, "invalid duration"),
    ({"window": "0s"}, "positive duration"),
])
def test_bad_override_raises_value_error(overrides: dict[str, object], message: str) -> None:
    """Unknown keys and invalid values raise ValueError naming the problem."""
    with pytest.raises(ValueError, match=message):
        DetectionSettings().for_topic(overrides)


def test_vigie_yaml_reports_bad_topic_override_with_its_line() -> None:
    """A bad per-topic override in vigie.yaml is a config error with file and line."""
    text = ("topics:\n  - name: acme\n    query: acme\n    detection:\n"
            "      crisis_min_autors: 3\n")
    with pytest.raises(ConfigError, match=r"vigie.yaml:\d+: topics\[0\].detection"):
        config_from_text(text)


def test_every_setting_is_documented() -> None:
    """Every field has a description (docs/detection.md is built from the same list)."""
    for name, field in DetectionSettings.model_fields.items():
        assert field.description, name
