"""Top mentions: the ones that carry the episode, one per author, kept in Redis."""

from __future__ import annotations

import pytest
import redis

from monitor.config.files import config_from_text
from monitor.pipeline import Ingestor
from monitor.store import mentions as store
from monitor.timeutil import to_epoch
from monitor.topmentions import Ranked, rank
from tests.core.helpers import T0, mention


def test_negative_episode_shows_most_negative_first_one_per_author() -> None:
    """A flood from one account shows once; the most negative comes first."""
    items = [Ranked(mention(1, 0, author="bot"), -0.9), Ranked(mention(2, 1, author="bot"), -0.95),
             Ranked(mention(3, 2, author="ann"), -0.5), Ranked(mention(4, 3, author="joe"), 0.8)]
    top = rank(items, negative=True, limit=3)
    assert [m.id for m in top] == ["s1-2", "s1-3", "s1-4"]


def test_positive_episode_ranks_the_other_way() -> None:
    """For positive buzz the most positive mention leads."""
    items = [Ranked(mention(1, 0), -0.9), Ranked(mention(2, 0), 0.9)]
    assert rank(items, negative=False, limit=1)[0].id == "s1-2"


@pytest.mark.integration
def test_recent_mentions_round_trip_with_scores(redis_client: redis.Redis) -> None:
    """Remembered mentions come back with their compound, within the asked window."""
    config = config_from_text("topics:\n  - name: acme\n    query: acme\n")
    prepared = Ingestor.from_config(config).prepare(
        [mention(i, i * 10, "Acme is awful, terrible service") for i in range(5)])
    store.remember(redis_client, prepared)
    start = to_epoch(T0)
    got = store.recent(redis_client, "acme", start, start + 25 * 60)
    assert [r.mention.id for r in got] == ["s1-0", "s1-1", "s1-2"]
    assert all(r.compound is not None and r.compound < 0 for r in got)
