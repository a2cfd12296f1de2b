"""`sucesos cluster`: link reports into de-duplicated events; merge and split by hand."""

from __future__ import annotations

import json

import typer

from sucesos.cli.common import cli_user, console, db_option, escape, existing_db, shown_db
from sucesos.cli.tables import Column

cluster_app = typer.Typer(
    help=(
        "De-duplicate events across articles: link every stored report to one event, "
        "show events with their sources, and correct the matcher by merging or splitting."
    ),
    invoke_without_command=True,
    no_args_is_help=False,
)


@cluster_app.callback()
def cluster_callback(
    ctx: typer.Context,
    db: str = db_option(),
    rebuild: bool = typer.Option(False, "--rebuild", help="Re-link every report from scratch (analyst merges and splits still hold)."),
    no_encoder: bool = typer.Option(
        False,
        "--no-encoder",
        help="With --rebuild: skip the multilingual sentence encoder (about 10x faster on large stores; "
        "English-Spanish pairs are then matched on date, place, actors, tolls and tactics alone).",
    ),
) -> None:
    """Link reports not yet linked to an event (or, with --rebuild, all of them); subcommands below correct or show the result."""
    if ctx.invoked_subcommand is not None:
        return  # subcommands take (and check) their own --db
    existing_db(db)
    from sucesos.link.cluster import link_pending, recluster
    from sucesos.link.text import SentenceVectors
    from sucesos.read_model import count_events, count_linked_reports
    from sucesos.store import open_store

    with open_store(db) as store:
        if rebuild:
            counts = recluster(store, vectors=SentenceVectors(None) if no_encoder else None)
            linked = counts["reports"]
        else:
            linked = link_pending(store)
        events = count_events(store)
        reports = count_linked_reports(store)
    verb = "re-linked" if rebuild else "newly linked"
    console.print(f"{linked} report(s) {verb}; {reports} report(s) in {events} event(s) in {shown_db(db)}.", highlight=False)


@cluster_app.command("merge")
def merge_command(
    events: list[int] = typer.Argument(..., help="Two or more event ids to make one."),
    into: int = typer.Option(None, "--into", help="The event to keep, number and coding (default: the lowest id)."),
    recompute_coding: bool = typer.Option(False, "--recompute-coding", help="Let all the reports decide the merged event's values instead of keeping the kept event's."),
    note: str = typer.Option(None, "--note", help="Why: kept with the decision for the audit trail."),
    db: str = db_option(must_exist=True),
) -> None:
    """Merge events the matcher kept apart; the decision survives re-clustering and is written to the audit log."""
    from sucesos.link.cluster import link_pending
    from sucesos.link.decisions import merge_events
    from sucesos.store import open_store

    with open_store(db) as store:
        link_pending(store)
        kept = merge_events(store, events, into=into, note=note, username=cli_user(), recompute_coding=recompute_coding)
    console.print(f"merged events {', '.join(map(str, sorted(set(events) | {kept})))} into event {kept}", highlight=False)


@cluster_app.command("split")
def split_command(
    reports: list[int] = typer.Argument(..., help="Report ids (rows of `sucesos events`) to take out of their event, together."),
    note: str = typer.Option(None, "--note", help="Why: kept with the decision for the audit trail."),
    db: str = db_option(must_exist=True),
) -> None:
    """Split reports out of an event they were wrongly merged into; they form a new event and stay apart from the old one."""
    from sucesos.link.cluster import link_pending
    from sucesos.link.decisions import split_reports
    from sucesos.store import open_store

    with open_store(db) as store:
        link_pending(store)
        new_event = split_reports(store, reports, note=note, username=cli_user())
    console.print(f"report(s) {', '.join(map(str, sorted(set(reports))))} now form event {new_event}", highlight=False)


CLUSTER_COLUMNS = [
    Column("event", atom=True),
    Column("date", atom=True),
    Column("type"),
    Column("place"),
    Column("fatalities", hide_order=2, atom=True),
    Column("sources", atom=True),
    Column("reports (id: outlet)", hide_order=1),
]


@cluster_app.command("show")
def show_command(
    events: list[int] = typer.Argument(None, help="Event ids to show (default: the events with the most sources)."),
    limit: int = typer.Option(20, "--limit", help="With no ids: how many events to show."),
    as_json: bool = typer.Option(False, "--json", help="Print each event as a JSON line (reports, sources, ranges)."),
    wide: bool = typer.Option(False, "--wide", help="Show every column, even where the terminal is too narrow for them."),
    db: str = db_option(must_exist=True),
) -> None:
    """Show de-duplicated events with their reports and sources."""
    from rich.console import Console

    from sucesos.cli.tables import print_fitted
    from sucesos.link.cluster import link_pending
    from sucesos.read_model import events_by_id, largest_events, merged_into
    from sucesos.store import open_store

    with open_store(db) as store:
        link_pending(store)
        records = events_by_id(store, list(events)) if events else largest_events(store, limit=limit)
        gone = {event_id: merged_into(store, event_id) for event_id in events or () if event_id not in {r["id"] for r in records}}
    for event_id, target in gone.items():
        console.print(f"event {event_id} was merged into event {target}" if target else f"no event {event_id}", highlight=False)
    out = Console()
    if as_json:
        for record in records:
            out.print(json.dumps(record, ensure_ascii=False), highlight=False, soft_wrap=True, markup=False)
        return
    rows = []
    for record in records:
        fatalities = record["fatalities_range"]
        reports = "; ".join(
            f"{r['report_id']}: {next((s['outlet'] or s['article_id'] for s in record['sources'] if s['article_id'] == r['article_id']), '')}"
            for r in record["reports"]
        )
        rows.append([
            str(record["id"]),
            escape(record["event_date"] or "?"),
            escape(record["sub_event_type"] or record["event_type"] or "?"),
            escape(", ".join(dict.fromkeys(x for x in (record["location"], record["admin1"], record["country"]) if x)) or "?"),
            "?" if not fatalities else (str(fatalities[0]) if fatalities[0] == fatalities[1] else f"{fatalities[0]} ({fatalities[0]}-{fatalities[1]})"),
            f"{record['independent_sources']}/{record['n_sources']}",
            escape(reports),
        ])  # fmt: skip
    print_fitted(out, CLUSTER_COLUMNS, rows, wide=wide, title=f"{len(records)} event(s) (sources: independent/all)")


def register(app: typer.Typer) -> None:
    app.add_typer(cluster_app, name="cluster")
