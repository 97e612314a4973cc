"""`vigie` entry point. Each module in COMMAND_MODULES adds its subcommands with
`register(app)`, so a group of commands lives beside the stage it drives."""

from __future__ import annotations

import importlib

import typer

COMMAND_MODULES = (
    "monitor.cli.runtime",   # run, worker, beat, config check, feeds
    "monitor.cli.fetch",     # fetch
    "monitor.cli.score",     # score
    "monitor.cli.backtest",  # backtest
    "monitor.cli.rules",     # rules check/test, silence
    "monitor.cli.alert",     # alert test
    "monitor.cli.slack",     # web, playbooks check, labels export
)

app = typer.Typer(
    name="vigie",
    help="Vigie: watch mentions, measure indicators, tell a crisis from bad buzz, respond in Slack.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
