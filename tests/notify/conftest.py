"""The Slack emulator fixture for notify tests."""

from tests.slack_emulator import slack_emulator  # noqa: F401 - fixture re-export
