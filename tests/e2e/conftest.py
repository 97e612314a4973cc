from tests.feedserver import feed_server  # noqa: F401 - re-exported fixture
from tests.slack_emulator import slack_emulator  # noqa: F401 - re-exported fixture
