"""Silences, rule state and the alert record on a real Redis."""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from pathlib import Path

import pytest
import redis

from monitor.model import Alert, AlertStatus
from monitor.rules.evaluate import RuleEngine
from monitor.rules.state import RuleState
from monitor.rules.testing import case_silences, check_case, load_suite, run_case
from monitor.store.silences import AlertLog, RuleStateStore, SilenceStore
from tests.rules.helpers import T0, at, event, rules

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]

RULES = """
- name: buzz
  when: kind == bad_buzz
  for: 10m
  route: {channel: "#social-watch"}
  repeat_interval: 1h
"""


def test_create_list_expire(redis_client: redis.Redis) -> None:
    """A silence gets a short typeable id, is listed while current, and expiring it keeps it
    listed under `all` with its end moved to now."""
    store = SilenceStore(redis_client)
    silence = store.create(starts=T0, ends=at(120), reason="TV debate", author="ops",
                           now=T0, topic="acme*", labels={"team": "fr"})
    assert re.fullmatch(r"[2-9a-hjkmnp-z]{6}", silence.id)
    later = store.create(starts=at(60), ends=at(90), reason="r", author="a", now=T0, rule="x")
    assert [s.id for s in store.active(at(1))] == [silence.id]
    assert [s.id for s in store.current(at(1))] == [silence.id, later.id]
    assert store.get(silence.id.upper()) == silence
    ended = store.expire(silence.id, at(30))
    assert ended.ends == at(30) and ended.reason == "TV debate"
    assert store.active(at(31)) == []
    assert [s.id for s in store.all()] == [silence.id, later.id]
    with pytest.raises(ValueError, match="already ended"):
        store.expire(silence.id, at(40))
    with pytest.raises(KeyError):
        store.expire("zzzzzz", at(40))
    assert store.purge(older_than=3600, now=at(200)) == 2
    assert store.all() == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"topic": None}, "a silence needs a topic, a rule or a label to match"),
        ({"ends": T0}, "a silence must end after it starts"),
        ({"reason": "  "}, "a silence needs a reason"),
        ({"author": ""}, "a silence needs an author"),
    ],
)
def test_invalid_silence_is_not_stored(redis_client: redis.Redis, kwargs: dict, message: str) -> None:
    """An invalid silence raises a clear error and nothing is written."""
    args = {"starts": T0, "ends": at(60), "reason": "why", "author": "who", "now": T0,
            "topic": "acme", **kwargs}
    with pytest.raises(ValueError) as info:
        SilenceStore(redis_client).create(**args)
    assert str(info.value) == message
    assert SilenceStore(redis_client).all() == []


def test_engine_with_redis_state_silences_and_record(redis_client: redis.Redis) -> None:
    """A worker cycle: load state under the lock, evaluate with the stored silences, record
    every decision (suppressed ones too), save; a second cycle continues from Redis."""
    engine = RuleEngine(rules(RULES), {"acme": {}})
    states, log, silences = RuleStateStore(redis_client), AlertLog(redis_client), SilenceStore(redis_client)
    silence = silences.create(starts=T0, ends=at(30), reason="known campaign", author="ops",
                              now=T0, topic="acme")
    for step in (0, 10, 20):
        with states.locked() as state:
            log.record(engine.evaluate(event(step, kind="bad_buzz"), state,
                                       silences.active(at(step)), at(step)))
    with states.locked() as state:
        log.record(engine.tick(state, silences.active(at(31)), at(31)))
    recorded = [(a.status, a.suppressed_by) for a in log.recent()]
    assert recorded == [
        (AlertStatus.PENDING, "for 10m since 2026-01-05T12:00:00Z"),
        (AlertStatus.SILENCED, f"silence {silence.id}"),
        (AlertStatus.SILENCED, f"silence {silence.id}"),
        (AlertStatus.FIRED, None),
    ]
    assert isinstance(states.load(), RuleState) and states.load().groups


def test_state_lock_serialises_workers(redis_url: str) -> None:
    """Two workers evaluating the same event concurrently fire it once."""
    engine = RuleEngine(rules(RULES.replace("for: 10m", "for: 0s")), {"acme": {}})
    results: list[AlertStatus] = []

    def work() -> None:
        client = redis.Redis.from_url(redis_url)
        with RuleStateStore(client).locked() as state:
            results.extend(a.status for a in engine.evaluate(event(0, kind="bad_buzz"), state, [], at(0)))
        client.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == sorted([AlertStatus.FIRED] + [AlertStatus.REPEAT_SUPPRESSED] * 3)


SHIPPED_TESTS = sorted((ROOT / "alert_rules" / "tests").glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED_TESTS, ids=lambda p: p.name)
def test_shipped_rule_tests_pass_with_redis_state_and_silences(
        redis_client: redis.Redis, path: Path) -> None:
    """Every shipped rule test (for, repeats, escalation, resolution, quiet hours,
    inhibitions, silences) passes when the state is loaded from and saved to Redis under the
    lock at every step and the silences are read from the Redis store, as the worker does."""
    suite = load_suite(path)
    failures = []
    for index, case in enumerate(suite.spec.tests):
        redis_client.flushdb()
        store = SilenceStore(redis_client)
        ids = {}
        for silence in case_silences(case, suite.start):
            stored = store.create(starts=silence.starts, ends=silence.ends, reason=silence.reason,
                                  author=silence.author, now=suite.start, topic=silence.topic,
                                  rule=silence.rule, labels=silence.labels)
            ids[stored.id] = silence.id
        decisions = run_case(case, suite.rules, suite.topics, suite.start,
                             state_scope=RuleStateStore(redis_client).locked,
                             silences_at=store.active)
        # Store ids are random: map them back to the test's names before judging.
        decisions = [(at, _renamed(alert, ids)) for at, alert in decisions]
        result = check_case(suite, index, decisions)
        failures += [f"{case.name}: {line}" for line in result.failures]
    assert failures == []


def _renamed(alert: Alert, ids: dict[str, str]) -> Alert:
    note = alert.suppressed_by
    for stored, name in ids.items():
        note = note.replace(stored, name) if note else note
    return replace(alert, suppressed_by=note)
