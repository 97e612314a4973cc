"""Redis counting is exactly-once per mention, whatever Celery redelivers."""

from __future__ import annotations

import pytest
import redis

from monitor.config.files import config_from_text
from monitor.indicators import FIVE_MINUTES, HOUR, MINUTE
from monitor.pipeline import Ingestor, batch_token, count
from monitor.store.buckets import RedisBuckets
from monitor.timeutil import to_epoch
from tests.core.helpers import T0, mention

pytestmark = pytest.mark.integration
CONFIG = config_from_text("topics:\n  - name: acme\n    query: acme\n")
WIDTHS = (MINUTE, FIVE_MINUTES, HOUR)


def prepared(mentions):  # noqa: ANN001, ANN201
    return Ingestor.from_config(CONFIG).prepare(mentions)


def ingest(store: RedisBuckets, batch) -> bool:  # noqa: ANN001
    token = batch_token(batch)
    verdicts = store.judge(batch, token)
    return store.apply(count(batch, verdicts, WIDTHS), token)


def hour_bucket(store: RedisBuckets):  # noqa: ANN201
    (bucket,) = store.read("acme", HOUR, [int(to_epoch(T0))])
    return bucket


def test_counts_land_in_every_width(redis_client: redis.Redis) -> None:
    """One batch is counted in 1-minute, 5-minute and hourly buckets alike."""
    store = RedisBuckets(redis_client, {}, 3600)
    batch = prepared([mention(i, i * 2, "Acme is terrible, awful service") for i in range(10)])
    assert ingest(store, batch)
    assert hour_bucket(store).volume == 10
    assert hour_bucket(store).negative == 10
    fives = store.read_range("acme", FIVE_MINUTES, int(to_epoch(T0)), int(to_epoch(T0)) + 1200)
    assert [b.volume for b in fives] == [3, 2, 3, 2]
    assert fives[0].authors == {"user0": 1, "user1": 1, "user2": 1}
    assert hour_bucket(store).distinct_authors == 10  # HyperLogLog estimate, exact when small


def test_redelivered_batch_never_counts_twice(redis_client: redis.Redis) -> None:
    """The same batch applied again (late-ack redelivery) changes nothing."""
    store = RedisBuckets(redis_client, {}, 3600)
    batch = prepared([mention(i, i, "Acme") for i in range(5)])
    assert ingest(store, batch) is True
    assert ingest(store, batch) is False
    assert hour_bucket(store).volume == 5


def test_crash_between_judge_and_apply_loses_nothing(redis_client: redis.Redis) -> None:
    """A worker that judged a batch then died: the redelivery still counts every mention."""
    store = RedisBuckets(redis_client, {}, 3600)
    batch = prepared([mention(i, i, "Acme") for i in range(5)])
    store.judge(batch, batch_token(batch))  # ... and the worker is killed here
    assert ingest(store, batch) is True
    assert hour_bucket(store).volume == 5


def test_overlapping_polls_count_each_mention_once(redis_client: redis.Redis) -> None:
    """Two polls of the same feed share entries: only the new ones count."""
    store = RedisBuckets(redis_client, {}, 3600)
    ingest(store, prepared([mention(i, i, "Acme") for i in range(5)]))
    ingest(store, prepared([mention(i, i, "Acme") for i in range(3, 8)]))
    assert hour_bucket(store).volume == 8


def test_syndication_and_near_duplicates_in_redis(redis_client: redis.Redis) -> None:
    """The Redis index answers like the in-memory one: syndication and near-duplicates."""
    store = RedisBuckets(redis_client, {}, 3600)
    text = "Boycott Acme now, they poisoned our kids and lied about it all"
    batch = prepared([
        mention(1, 0, text, source="a", url="https://n.example/x"),
        mention(2, 1, text, source="b", url="https://n.example/x"),
        mention(3, 2, text + " again", source="c"),
    ])
    ingest(store, batch)
    bucket = hour_bucket(store)
    assert (bucket.volume, bucket.syndicated, bucket.near_duplicates) == (2, 1, 1)
    assert bucket.sources == {"a": 1, "b": 1, "c": 1}


def test_buckets_expire_with_retention(redis_client: redis.Redis) -> None:
    """Every bucket key carries the retention of its width."""
    store = RedisBuckets(redis_client, {MINUTE: 120, FIVE_MINUTES: 600, HOUR: 7200}, 3600)
    ingest(store, prepared([mention(1, 0, "Acme")]))
    ttls = {k.decode().split(":")[2]: redis_client.ttl(k) for k in redis_client.keys("vigie:b:*")
            if k.count(b":") == 4}
    assert 0 < ttls["60"] <= 120 and 0 < ttls["300"] <= 600 and 0 < ttls["3600"] <= 7200
