"""Placeholder while the subcommands of this group are written."""

import typer


def register(app: typer.Typer) -> None:
    pass
