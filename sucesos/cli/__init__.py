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
from typer.core import TyperArgument, TyperGroup

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



# Help shows what to type, not Python's annotations (typer prints `<bool>`,
# `<list[Path]>`): a flag shows nothing, a value the kind of value it takes.
PLAIN_METAVARS = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH", "path": "PATH", "datetime": "DATE"}


class _PlainArgument(TyperArgument):
    # An argument's name already says what it is (SOURCES...): no type column.
    def display_type_rich(self, ctx) -> None:
        return None


def plain_metavar(param) -> None:
    """Give `param` a metavar a reader understands (an explicit one is kept)."""
    if param.metavar is not None:
        return
    if getattr(param, "is_flag", False):
        param.metavar = ""
    elif isinstance(param, TyperArgument):
        param.__class__ = _PlainArgument
        param.metavar = (param.name or "value").upper()
    else:
        bare = param.bare_type() if hasattr(param, "bare_type") else "str"
        element = bare[5:-1] if bare.startswith("list[") else bare
        param.metavar = PLAIN_METAVARS.get(element, "TEXT")


def plain_metavars(command, ctx):
    """`plain_metavar` for every parameter of `command` and of its subcommands."""
    for param in command.get_params(ctx):
        plain_metavar(param)
    for sub in getattr(command, "commands", {}).values():
        plain_metavars(sub, ctx)
    return command


class SucesosGroup(TyperGroup):
    """Maps configuration errors to exit status 2 with a one-line message."""

    def get_command(self, ctx: click.Context, cmd_name: str):
        command = super().get_command(ctx, cmd_name)
        return plain_metavars(command, ctx) if command is not None else None

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            plain_metavar(param)
        return params

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
