"""`sucesos events`: list and filter stored events."""

from __future__ import annotations

import json

import typer
from rich.console import Console

from sucesos.cli.common import console, date_option, db_option, escape
from sucesos.cli.tables import Column, print_fitted


# Narrow terminals keep who, what, when, where and the toll; the rest hides first.
EVENT_COLUMNS = [
    Column("id", atom=True),
    Column("date", atom=True),
    Column("type", hide_order=9),
    Column("sub-type"),
    Column("actor 1", hide_order=1),
    Column("actor 2", hide_order=2),
    Column("where"),
    Column("killed", atom=True),
    Column("injured", hide_order=6, atom=True),
    Column("tactics", hide_order=7),
    Column("modality", hide_order=8),
    Column("sources", hide_order=4, atom=True),
]


def print_events(out: Console, events: list[dict], *, title: str | None = None, wide: bool = False) -> None:
    """The events as a table that fits `out`'s width (all columns with `wide`)."""

    def show(value) -> str:
        return "—" if value is None else escape(str(value))

    rows = []
    for event in events:
        parts = [str(part) for part in (event.get("location"), event.get("admin1")) if part]
        where = ", ".join(dict.fromkeys(parts)) or None  # a state named as the place is said once
        sources = f"{event['independent_sources']}/{event['n_sources']}" if "n_sources" in event else event.get("article_id")
        rows.append([
            show(event.get("id")),
            show(event.get("event_date")),
            show(event.get("event_type")),
            show(event.get("sub_event_type")),
            show(event.get("actor1")),
            show(event.get("actor2")),
            show(where),
            show(event.get("fatalities")),
            show(event.get("injuries")),
            show(", ".join(event.get("tactics") or []) or None),
            show(event.get("modality")),
            show(sources),
        ])  # fmt: skip
    print_fitted(out, EVENT_COLUMNS, rows, wide=wide, title=title)


def register(app: typer.Typer) -> None:
    @app.command("events")
    def events_command(
        db: str = db_option(must_exist=True),
        event_type: str = typer.Option(None, "--type", help="Only this ACLED event type, e.g. 'Battles'."),
        sub_event_type: str = typer.Option(None, "--sub-type", help="Only this ACLED sub-event type, e.g. 'Armed clash'."),
        admin1: str = typer.Option(None, "--admin1", help="Only events in this first-level region, e.g. 'Michoacán de Ocampo'."),
        actor: str = typer.Option(None, "--actor", help="Only events with this actor (canonical name) on either side."),
        tactic: str = typer.Option(None, "--tactic", help="Only events with this tactic tag, e.g. 'armed drone'."),
        since: str = date_option("--since", "Only events on or after this date (YYYY-MM-DD)."),
        until: str = date_option("--until", "Only events on or before this date (YYYY-MM-DD)."),
        min_sources: int = typer.Option(None, "--min-sources", help="Only events reported by at least this many independent sources."),
        reviewed: str = typer.Option(
            None, "--reviewed", help="Only events analysts reviewed: yes, no, confirmed, rejected, or all (rejected events are left out unless asked for)."
        ),
        per_report: bool = typer.Option(False, "--per-report", help="One row per report (an event as one article told it) instead of de-duplicated events."),
        limit: int = typer.Option(50, "--limit", help="At most this many events."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON lines (with evidence, sources and reports) instead of a table."),
        wide: bool = typer.Option(False, "--wide", help="Show every column, even where the terminal is too narrow for them."),
    ) -> None:
        """List stored events (de-duplicated, analysts' reviews and edits applied, rejected ones left out), with filters."""
        from sucesos.link.cluster import link_pending
        from sucesos.read_model import find_events, find_reports
        from sucesos.store import open_store

        filters = dict(event_type=event_type, sub_event_type=sub_event_type, admin1=admin1, actor=actor, tactic=tactic, since=since, until=until)
        with open_store(db) as store:
            if per_report:
                events = find_reports(store, limit=limit, include_rejected=reviewed in ("rejected", "all", "yes"), **filters)
            else:
                link_pending(store)
                events, _next = find_events(store, limit=limit, min_sources=min_sources, reviewed=reviewed, **filters)
        if as_json:
            for event in events:
                typer.echo(json.dumps(event, ensure_ascii=False))
            return
        if not events:
            console.print("no events match", highlight=False)
            return
        print_events(Console(), events, wide=wide)
