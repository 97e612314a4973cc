from tests.feedserver import feed_server  # noqa: F401 - re-exported fixture
