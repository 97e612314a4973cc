"""`vigie rules check|test` and `vigie silence add|list|expire`."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from monitor.config.settings import Settings
from monitor.errors import ConfigError

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", "-c", help="vigie.yaml (default: $VIGIE_CONFIG or ./vigie.yaml)")]


def _config(path: Path | None, settings: Settings) -> Any:
    """vigie.yaml when present and valid, else None (rules can be checked on their own)."""
    from monitor.config.files import load_config

    target = path or settings.config_path
    if not target.is_file():
        return None
    try:
        return load_config(target)
    except ConfigError as exc:
        err.print(f"[yellow]{target} is invalid ({len(exc.problems)} problem(s), see "
                  "`vigie config check`): checking the rules without it[/yellow]")
        return None


def _dirs(rules_dir: Path | None, playbooks_dir: Path | None,
          config_path: Path | None) -> tuple[Path, Path | None, set[str] | None, Any]:
    """Rules dir, playbooks dir, channel allow-list and config: option > env > vigie.yaml >
    ./alert_rules and ./playbooks."""
    settings = Settings.from_env()
    config = _config(config_path, settings)
    rules = rules_dir or settings.rules_dir or (
        config.resolve(config.rules_dir) if config else Path("alert_rules"))
    playbooks = playbooks_dir or settings.playbooks_dir or (
        config.resolve(config.playbooks_dir) if config else Path("playbooks"))
    channels = getattr(config.slack, "channels", None) if config else None
    return rules, (playbooks if playbooks.is_dir() else None), (
        set(channels) if channels else None), config


def _connect() -> Any:
    """Redis for the silence commands (REDIS_URL, exported by `vigie run` when embedded)."""
    from monitor.store import connect

    try:
        return connect(Settings.from_env())
    except RuntimeError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None


def _silence_warnings(topic: str | None, rule: str | None) -> list[str]:
    """A silence whose topic or rule matches nothing known is probably a typo: say so (it is
    still created: the topic or rule may be added later)."""
    from fnmatch import fnmatchcase

    from monitor.rules.loader import RuleSet

    warnings = []
    folder, _, _, cfg = _dirs(None, None, None)
    if topic and cfg is not None and not any(fnmatchcase(t.name, topic) for t in cfg.topics):
        warnings.append(f"no topic in vigie.yaml matches {topic!r}")
    if rule and folder.is_dir():
        try:
            names = [r.name for r in RuleSet.load(folder).rules]
        except ConfigError:
            names = None
        if names is not None and not any(fnmatchcase(n, rule) for n in names):
            warnings.append(f"no rule in {folder} matches {rule!r}")
    return warnings


def _now() -> datetime:
    return datetime.now(UTC)


def register(app: typer.Typer) -> None:
    rules_app = typer.Typer(help="Check and test alert rules.", no_args_is_help=True)
    app.add_typer(rules_app, name="rules")
    silence_app = typer.Typer(help="Mute alerts for a while (every muted alert is still "
                              "recorded).", no_args_is_help=True)
    app.add_typer(silence_app, name="silence")

    @rules_app.command("check")
    def rules_check(
        rules_dir: Annotated[Path | None, typer.Argument(
            help="Rules folder (default: $VIGIE_RULES_DIR, vigie.yaml rules_dir, ./alert_rules)")] = None,
        playbooks: Annotated[Path | None, typer.Option(
            "--playbooks", help="Playbooks folder, to check route.playbook names.")] = None,
        config: ConfigOpt = None,
    ) -> None:
        """Validate every rule file: each problem as file:line: field: reason; exit 2 if any."""
        from monitor.rules.loader import RuleSet, playbook_names

        folder, playbooks_dir, channels, cfg = _dirs(rules_dir, playbooks, config)
        known = playbook_names(playbooks_dir) if playbooks_dir else None
        try:
            ruleset = RuleSet.load(folder, known_playbooks=known, known_channels=channels)
        except ConfigError as exc:
            for problem in exc.problems:
                out.print(problem, markup=False)
            err.print(f"[red]{len(exc.problems)} problem(s) in {folder}[/red]")
            raise typer.Exit(2) from None
        if known is None:
            err.print("[yellow]no playbooks folder found: playbook names not checked[/yellow]")
        topics = {t.name for t in cfg.topics} if cfg else None
        for rule in ruleset.rules:
            for name in rule.topics.names:
                if topics is not None and not any(c in name for c in "*?[") and name not in topics:
                    err.print(f"[yellow]warning: rule {rule.name}: topic {name!r} is not in "
                              "vigie.yaml[/yellow]")
        out.print(f"{folder}: OK - {len(ruleset.rules)} rule(s) in {len(ruleset.files)} file(s)")
        for rule in ruleset.rules:
            route = rule.route.to_route()
            inhibits = ruleset.inhibitions.get(rule.name, ())
            out.print(f"  {rule.name}: {rule.when.source} -> {', '.join(route.channels)}"
                      + (f" + playbook {route.playbook}" if route.playbook else "")
                      + (f" (inhibits {', '.join(inhibits)})" if inhibits else ""), markup=False)

    @rules_app.command("test")
    def rules_test(
        files: Annotated[list[Path] | None, typer.Argument(
            help="Rule test files (default: every YAML file in <rules folder>/tests/)")] = None,
        config: ConfigOpt = None,
    ) -> None:
        """Run rule test cases; print the difference between expected and actual alerts.
        Exit 1 when a case fails, 2 when a file is invalid."""
        from monitor.rules.testing import run_file

        if not files:
            folder, *_ = _dirs(None, None, config)
            files = sorted(p for p in (folder / "tests").glob("*.y*ml"))
            if not files:
                err.print(f"[red]no rule test files in {folder / 'tests'}[/red]")
                raise typer.Exit(2)
        failed = invalid = passed = 0
        for path in files:
            try:
                results = run_file(path)
            except ConfigError as exc:
                invalid += 1
                for problem in exc.problems:
                    out.print(problem, markup=False)
                continue
            for result in results:
                if result.passed:
                    passed += 1
                    out.print(f"PASS {path}: {result.name}", markup=False)
                    continue
                failed += 1
                out.print(f"FAIL {path}: {result.name}", markup=False)
                for line in result.failures:
                    out.print(f"    {line}", markup=False)
        summary = f"{passed} passed, {failed} failed" + (f", {invalid} invalid file(s)" if invalid else "")
        (err.print(f"[red]{summary}[/red]") if failed or invalid else err.print(f"[green]{summary}[/green]"))
        if invalid:
            raise typer.Exit(2)
        if failed:
            raise typer.Exit(1)

    @rules_app.command("route")
    def rules_route(
        topic: Annotated[str, typer.Option("--topic", "-t", help="Topic of the event.")],
        kind: Annotated[str, typer.Option("--kind", "-k", help="crisis, bad_buzz, ...")],
        severity: Annotated[str, typer.Option("--severity", "-s")] = "medium",
        transition: Annotated[str, typer.Option("--transition")] = "updated",
        values: Annotated[list[str] | None, typer.Option(
            "--set", help="indicator=value, repeatable (e.g. --set volume_ratio=4).")] = None,
        label: Annotated[list[str] | None, typer.Option(
            "--label", "-l", help="key=value topic label (default: the topic's in vigie.yaml).")] = None,
        rules_dir: Annotated[Path | None, typer.Option("--rules", help="Rules folder.")] = None,
        config: ConfigOpt = None,
    ) -> None:
        """Show which rules an episode event reaches and where it would go (like amtool
        config routes test). `for`, repeats, silences and quiet hours are described, not applied."""
        from monitor.model import EpisodeEvent, Kind, Severity, Transition
        from monitor.rules.explain import explain
        from monitor.rules.loader import RuleSet
        from monitor.timeutil import format_duration

        folder, _, _, cfg = _dirs(rules_dir, None, config)
        try:
            ruleset = RuleSet.load(folder)
            indicators = {}
            for item in values or []:
                key, sep, value = item.partition("=")
                if not sep:
                    raise ValueError(f"--set {item!r}: expected indicator=value")
                indicators[key.strip()] = float(value)
            labels = dict(cfg.topic(topic).labels) if cfg and cfg.topic(topic) else {}
            for item in label or []:
                key, sep, value = item.partition("=")
                if not sep:
                    raise ValueError(f"--label {item!r}: expected key=value")
                labels[key.strip()] = value.strip()
            now = _now()
            event = EpisodeEvent(topic=topic, episode="route-test", episode_start=now, at=now,
                                 kind=Kind(kind), transition=Transition(transition),
                                 severity=Severity(severity), summary="", indicators=indicators)
        except ConfigError as exc:
            for problem in exc.problems:
                out.print(problem, markup=False)
            raise typer.Exit(2) from None
        except ValueError as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from None
        reached = 0
        for match in explain(ruleset, labels, event):
            rule = match.rule
            if not match.topic_selected:
                status = "not selected (topic)"
            elif match.condition is None:
                status = f"no (unknown: missing {', '.join(match.missing)})"
            elif not match.condition:
                status = "no"
            elif match.inhibited_by:
                status = f"inhibited by {', '.join(match.inhibited_by)}"
            else:
                status = "MATCH"
                reached += 1
            line = f"{rule.name:<22} {status}"
            if status == "MATCH":
                route = rule.route.to_route()
                notes = [f"severity {rule.alert_severity(event.severity).value}"]
                if rule.for_:
                    notes.append(f"after {format_duration(rule.for_)}")
                if rule.quiet_hours:
                    qh = rule.quiet_hours
                    override = f" unless {qh.override_at.value}" if qh.override_at else ""
                    notes.append(f"quiet {qh.start:%H:%M}-{qh.end:%H:%M} {qh.timezone}{override}")
                line += (f" -> {', '.join(route.channels)}"
                         + (f" + playbook {route.playbook}" if route.playbook else "")
                         + (f" mention {', '.join(route.mention)}" if route.mention else "")
                         + f" ({'; '.join(notes)})")
            out.print(line, markup=False)
        err.print(f"{reached} rule(s) would alert")

    @silence_app.command("add")
    def silence_add(
        reason: Annotated[str, typer.Option("--reason", "-r", help="Why (shown to everyone).")],
        topic: Annotated[str | None, typer.Option("--topic", "-t", help="Topic name or glob.")] = None,
        rule: Annotated[str | None, typer.Option("--rule", help="Rule name or glob.")] = None,
        label: Annotated[list[str] | None, typer.Option(
            "--label", "-l", help="key=value (value may be a glob); repeatable.")] = None,
        duration: Annotated[str | None, typer.Option("--for", help="How long, e.g. 2h, 30m, 1d.")] = None,
        until: Annotated[str | None, typer.Option("--until", help="End, ISO 8601 (UTC if no offset).")] = None,
        starts: Annotated[str | None, typer.Option("--starts", help="Start, ISO 8601 (default: now).")] = None,
        author: Annotated[str | None, typer.Option("--author", "-a", help="Who (default: $USER).")] = None,
    ) -> None:
        """Mute alerts matching topic / rule / labels until a time; prints the silence id."""
        from monitor.store.silences import SilenceStore
        from monitor.timeutil import parse_duration, parse_instant

        now = _now()
        try:
            begin = parse_instant(starts) if starts else now
            if (duration is None) == (until is None):
                raise ValueError("give exactly one of --for and --until")
            end = (begin + timedelta(seconds=parse_duration(duration)) if duration
                   else parse_instant(until or ""))
            labels = {}
            for item in label or []:
                key, sep, value = item.partition("=")
                if not sep or not key.strip():
                    raise ValueError(f"--label {item!r}: expected key=value")
                labels[key.strip()] = value.strip()
            who = (author or os.environ.get("USER") or "").strip()
            store = SilenceStore(_connect())
            silence = store.create(starts=begin, ends=end, reason=reason, author=who, now=now,
                                   topic=topic, rule=rule, labels=labels)
        except ValueError as exc:
            err.print(f"[red]silence not created: {exc}[/red]")
            raise typer.Exit(2) from None
        out.print(f"{silence.id}", markup=False)
        for warning in _silence_warnings(topic, rule):
            err.print(f"[yellow]warning: {warning}[/yellow]", markup=True)
        err.print(f"silenced {silence.describe()} until {silence.ends:%Y-%m-%d %H:%M} UTC "
                  f"({silence.reason}, by {silence.author})", markup=False)

    @silence_app.command("list")
    def silence_list(
        show_all: Annotated[bool, typer.Option("--all", help="Include expired silences.")] = False,
    ) -> None:
        """Active and scheduled silences (with --all, expired ones too)."""
        from monitor.store.silences import SilenceStore

        now = _now()
        store = SilenceStore(_connect())
        silences = store.all() if show_all else store.current(now)
        if not silences:
            err.print("no silences" if show_all else "no active silences")
            return
        # Plain aligned columns: readable in a terminal, greppable in scripts, never wrapped.
        rows = [("ID", "STATE", "MATCHES", "STARTS (UTC)", "ENDS (UTC)", "AUTHOR", "REASON")]
        for s in silences:
            state = "active" if s.active(now) else ("scheduled" if s.starts > now else "expired")
            rows.append((s.id, state, s.describe(), f"{s.starts:%Y-%m-%d %H:%M}",
                         f"{s.ends:%Y-%m-%d %H:%M}", s.author, s.reason))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            out.print("  ".join([*cells, row[-1]]), markup=False)

    @silence_app.command("expire")
    def silence_expire(
        silence_id: Annotated[str, typer.Argument(help="Id printed by `silence add`/`list`.")],
    ) -> None:
        """End a silence now (it stays listed under --all)."""
        from monitor.store.silences import SilenceStore

        store = SilenceStore(_connect())
        try:
            silence = store.expire(silence_id, _now())
        except KeyError:
            err.print(f"[red]no silence {silence_id!r}[/red]")
            raise typer.Exit(1) from None
        except ValueError as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from None
        out.print(f"expired {silence.id} ({silence.describe()})", markup=False)
