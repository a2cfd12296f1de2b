"""Options and helpers shared by several commands."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console

# Progress and tables go to stderr so stdout stays clean for data.
console = Console(stderr=True, soft_wrap=True)

DEFAULT_DB = "sucesos.db"


def existing_db(db: str) -> str:
    """Reading commands never create a database: a mistyped path would
    otherwise be served, listed or exported as an empty store."""
    if db and not str(db).startswith(("postgresql://", "postgres://")) and not Path(db).exists():
        raise typer.BadParameter(f"database does not exist: {db}; check the path, or store articles there first with `sucesos ingest FILE --db {db}`")
    return db


def db_option(*, must_exist: bool = False):
    """--db; `must_exist` for commands that only read (events, export, serve, actor, cluster)."""
    return typer.Option(
        os.environ.get("SUCESOS_DB", DEFAULT_DB),
        "--db",
        metavar="PATH|URL",
        help="Database: a SQLite file path or a postgresql:// URL (default ./sucesos.db, or $SUCESOS_DB).",
        callback=existing_db if must_exist else None,
    )


def _iso_date(value: str | None) -> str | None:
    import datetime as dt

    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date: expected YYYY-MM-DD, e.g. 2024-03-01") from exc
    return value


def date_option(flag: str, help_text: str):
    """A YYYY-MM-DD option, refused (exit 2) when it is not a real date."""
    return typer.Option(None, flag, metavar="YYYY-MM-DD", help=help_text, callback=_iso_date)


def article_seconds_option():
    return typer.Option(
        None, "--article-seconds", min=0, metavar="S",
        help="Stop extracting an article after S seconds and report it, the batch going on (default 120, or $SUCESOS_ARTICLE_SECONDS; 0: no limit).",
    )  # fmt: skip


def article_memory_option():
    return typer.Option(
        None, "--article-memory", min=0, metavar="MB",
        help="Stop extracting an article that grows the process by MB megabytes and report it (default 2048, or $SUCESOS_ARTICLE_MB; 0: no limit).",
    )  # fmt: skip


def workers_option():
    return typer.Option(
        None,
        "--workers",
        min=1,
        metavar="N",
        help="Extract on N processes of this machine (default: its cores). Output order and error reports are the same.",
    )


def task_size(n_articles: int, workers: int, batch_size: int) -> tuple[int, int]:
    """(workers, articles per task) for a run of `n_articles`: a handful of
    articles is not worth a second process; otherwise each worker gets at
    least two tasks, so one slow article does not leave the others idle."""
    if workers <= 1 or n_articles < 4 * workers:
        return 1, batch_size
    return workers, max(4, min(batch_size, -(-n_articles // (2 * workers))))


def lexicon_option():
    return typer.Option(
        None,
        "--lexicon",
        help="Extra actor lexicon YAML, merged over the bundled one (repeatable).",
        exists=False,
    )


def shown_db(db: str) -> str:
    """The database as it may be printed: a URL's password is never shown."""
    import re

    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", str(db))


def report_failures(failures: list[tuple[str, str]]) -> None:
    """Print each failed input with its id and reason, on stderr."""
    for input_id, reason in failures:
        console.print(f"[red]failed[/red] {escape(input_id)}: {escape(reason)}", highlight=False)


def escape(text: str) -> str:
    """Article-derived text shown in the terminal: no rich markup, no control characters."""
    from rich.markup import escape as rich_escape

    cleaned = "".join(ch if ch.isprintable() or ch in "\t" else " " for ch in str(text))
    return rich_escape(cleaned)


def model_option():
    return typer.Option(
        None,
        "--model",
        help=(
            "Event model folder written by `sucesos train events` (default: $SUCESOS_MODEL, else the shipped model; "
            "'none': cues only)."
        ),
    )


def resources_for(lexicon: list[Path] | None, model: str | None = None):
    """Resources for a run; a given or $SUCESOS_MODEL event model is checked now (exit 2 if unusable)."""
    from sucesos.events.classifier import model_for
    from sucesos.pipeline import Resources

    if model:
        # local Dask workers and child processes read the same model
        os.environ["SUCESOS_MODEL"] = model if model == "none" else str(Path(model).resolve())
    resources = Resources(lexicon_files=tuple(str(p) for p in (lexicon or [])), event_model=model)
    model_for(resources)
    return resources


def cli_user() -> str:
    """Who the audit log names for a decision made at the command line: `cli:` and the login name."""
    import getpass

    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no login name (some containers)
        return "cli:unknown"
