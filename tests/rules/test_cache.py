"""Hot reload: changed files are picked up, a bad file keeps the last good rules."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from monitor.errors import ConfigError
from monitor.rules.cache import RuleCache

GOOD = "- {name: a, when: kind == crisis, route: {channel: '#a', playbook: p1}}\n"
OTHER = "- {name: b, when: kind == bad_buzz, route: {channel: '#b'}}\n"
BAD = "- {name: a, when: kind == crisiss, route: {channel: '#a'}}\n"


def _write(path: Path, text: str) -> None:
    """Write and bump mtime, so a change within the same clock tick is still seen."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text)
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


def test_reload_on_change_and_keep_last_good(tmp_path: Path) -> None:
    """New/changed files reload; an invalid change keeps serving the previous rules and
    exposes the error; fixing the file clears it."""
    rules_dir, playbooks = tmp_path / "rules", tmp_path / "playbooks"
    rules_dir.mkdir()
    playbooks.mkdir()
    (playbooks / "p1.yaml").write_text("name: p1\n")
    _write(rules_dir / "a.yaml", GOOD)
    cache = RuleCache(rules_dir, playbooks)
    first = cache.get()
    assert [r.name for r in first.rules] == ["a"] and cache.generation == 1
    assert cache.get() is first  # nothing changed: no re-read
    _write(rules_dir / "b.yaml", OTHER)
    assert [r.name for r in cache.get().rules] == ["a", "b"] and cache.generation == 2
    _write(rules_dir / "a.yaml", BAD)
    kept = cache.get()
    assert [r.name for r in kept.rules] == ["a", "b"]
    assert cache.error is not None and cache.error.problems == [
        f"{rules_dir / 'a.yaml'}:1: [0].when: column 9: unknown kind crisiss: expected one of "
        "crisis, bad_buzz, positive_buzz, volume_spike, blind_spot, resolved"]
    _write(rules_dir / "a.yaml", GOOD)
    assert cache.get() is not kept and cache.error is None and cache.generation == 3
    (rules_dir / "b.yaml").unlink()
    assert [r.name for r in cache.get().rules] == ["a"]


def test_playbook_removed_makes_rules_invalid(tmp_path: Path) -> None:
    """Playbook files are watched too: removing a playbook a rule starts is reported."""
    rules_dir, playbooks = tmp_path / "rules", tmp_path / "playbooks"
    rules_dir.mkdir()
    playbooks.mkdir()
    _write(playbooks / "p1.yaml", "name: p1\n")
    _write(rules_dir / "a.yaml", GOOD)
    cache = RuleCache(rules_dir, playbooks)
    cache.get()
    (playbooks / "p1.yaml").unlink()
    assert [r.name for r in cache.get().rules] == ["a"]
    assert cache.error is not None and "unknown playbook 'p1'" in cache.error.problems[0]


def test_first_load_failure_raises(tmp_path: Path) -> None:
    """With no good rules yet, get() raises the ConfigError instead of running rule-less."""
    _write(tmp_path / "a.yaml", BAD)
    cache = RuleCache(tmp_path)
    with pytest.raises(ConfigError):
        cache.get()
    assert cache.rules is None and cache.error is not None


def test_hidden_editor_files_are_ignored(tmp_path: Path) -> None:
    """An editor's hidden swap/lock file is neither loaded nor a reason to reload."""
    _write(tmp_path / "a.yaml", GOOD)
    cache = RuleCache(tmp_path)
    first = cache.get()
    _write(tmp_path / ".#a.yaml", BAD)
    assert cache.get() is first and cache.error is None
