"""The `sucesos` command: a thin layer over the library API.

Each subcommand lives in its own module (`sucesos/cli/<name>_cmd.py`) with a
`register(app)` function; this file only assembles them and maps errors to
exit codes: 0 success, 1 some inputs failed (the rest were processed), 2 bad
usage or unusable configuration. No traceback for bad input.
"""

from __future__ import annotations

import importlib
import logging
import sys

import click
import typer
from typer.core import TyperGroup

from sucesos import __version__
from sucesos.errors import ConfigError

COMMAND_MODULES = (
    "setup",
    "ingest",
    "extract",
    "places",
    "events",
    "export",
    "demo",
    "serve",
    "eval",
    "cluster",
    "watch",
    "search",
    "user",
    "actor",
    "train",
)



class SucesosGroup(TyperGroup):
    """Maps configuration errors to exit status 2 with a one-line message."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ConfigError as exc:
            typer.secho(f"error: {exc}", err=True, fg="red")
            ctx.exit(2)


app = typer.Typer(
    cls=SucesosGroup,
    name="sucesos",
    help=(
        "Turn news reports about organized crime and political violence into evidence: "
        "geocoded, de-duplicated event records with their sources, each value traceable "
        "to the sentence it came from."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sucesos {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log what each stage does (to stderr)."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """sucesos: news reports to evidence."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


for _name in COMMAND_MODULES:
    importlib.import_module(f"sucesos.cli.{_name}_cmd").register(app)


def main() -> None:
    app()
