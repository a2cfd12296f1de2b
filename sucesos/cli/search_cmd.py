"""`sucesos search`: saved searches over de-duplicated events (what `sucesos watch` alerts on)."""

from __future__ import annotations

import json

import typer

from sucesos.cli.common import console, db_option, escape

search_app = typer.Typer(
    help="Saved searches over events: each new or updated event that matches raises one alert in `sucesos watch`.",
    no_args_is_help=True,
)


def _filters(event_type, sub_event_type, tactic, actor, admin1, admin2, country, bbox, min_sources, modality):
    from sucesos.watch.searches import make_filters

    raw = {
        "event_type": event_type, "sub_event_type": sub_event_type, "tactic": tactic, "actor": actor,
        "admin1": admin1, "admin2": admin2, "country": country, "bbox": bbox, "min_sources": min_sources, "modality": modality,
    }  # fmt: skip
    return make_filters({key: value for key, value in raw.items() if value not in (None, [])})


def _view_line(view, base_url: str) -> str:
    from sucesos.watch.events_view import event_url

    main = view.headline
    what = main.get("sub_event_type") or main.get("event_type") or "event"
    where = ", ".join(p for p in (main.get("location"), main.get("admin1"), main.get("country")) if p) or "place unknown"
    return f"{main.get('event_date') or '????-??-??'}  {what} in {where}; {view.independent_sources} source(s) -> {event_url(base_url, view)}"


@search_app.command("add")
def add_command(
    name: str = typer.Argument(..., help="A name for the search (used in alerts and digest file names)."),
    event_type: list[str] = typer.Option(None, "--type", help="ACLED event type, e.g. 'Explosions/Remote violence' (repeatable: any of them)."),
    sub_event_type: list[str] = typer.Option(None, "--sub-type", help="ACLED sub-event type, e.g. 'Armed clash' (repeatable)."),
    tactic: list[str] = typer.Option(None, "--tactic", help="Tactic tag, e.g. 'armed drone' or 'landmine/IED' (repeatable)."),
    actor: list[str] = typer.Option(None, "--actor", help="Part of an actor's name, e.g. CJNG (repeatable: any of them)."),
    admin1: list[str] = typer.Option(None, "--admin1", help="State or province, e.g. Michoacán; accents and case do not matter (repeatable)."),
    admin2: list[str] = typer.Option(None, "--admin2", help="Municipality or district (repeatable)."),
    country: list[str] = typer.Option(None, "--country", help="Country name or ISO3 code (repeatable)."),
    bbox: str = typer.Option(None, "--bbox", help="Bounding box min_lon,min_lat,max_lon,max_lat; events need coordinates inside it."),
    min_sources: int = typer.Option(None, "--min-sources", help="At least this many independent sources (distinct outlets)."),
    modality: list[str] = typer.Option(None, "--modality", help="asserted, reported, claimed, hypothetical, negated or future (repeatable)."),
    db: str = db_option(),
) -> None:
    """Save a search; every criterion must hold, any of a criterion's values will do."""
    from sucesos.store.store import open_store
    from sucesos.watch.searches import add_search

    filters = _filters(event_type, sub_event_type, tactic, actor, admin1, admin2, country, bbox, min_sources, modality)
    with open_store(db) as store:
        search = add_search(store, name, filters)
    console.print(f"saved search {search.id} {escape(search.name)!r}: {escape(filters.describe())}")


@search_app.command("list")
def list_command(
    db: str = db_option(),
    as_json: bool = typer.Option(False, "--json", help="Print the searches as JSON on stdout."),
) -> None:
    """List saved searches with their filters and how many alerts each raised."""
    from sucesos.store.store import open_store
    from sucesos.watch.alerts import alert_counts
    from sucesos.watch.searches import list_searches

    with open_store(db) as store:
        searches = list_searches(store)
        counts = alert_counts(store)
    if as_json:
        typer.echo(json.dumps([{"id": s.id, "name": s.name, "filters": s.filters.to_dict(), "created_at": s.created_at, "alerts": counts.get(s.id, 0)} for s in searches], ensure_ascii=False, indent=2))
        return
    if not searches:
        console.print("no saved searches (add one with `sucesos search add NAME --admin1 ...`)")
    for s in searches:
        typer.echo(f"{s.id}\t{s.name}\t{s.filters.describe()}\t{counts.get(s.id, 0)} alert(s)")


@search_app.command("remove")
def remove_command(
    name: str = typer.Argument(..., help="The search's name or id."),
    db: str = db_option(),
) -> None:
    """Remove a saved search (its alerts history goes with it)."""
    from sucesos.store.store import open_store
    from sucesos.watch.searches import remove_search

    with open_store(db) as store:
        search = remove_search(store, name)
    console.print(f"removed saved search {escape(search.name)!r}")


@search_app.command("test")
def test_command(
    name: str = typer.Argument(..., help="The search's name or id."),
    db: str = db_option(),
    limit: int = typer.Option(20, "--limit", help="Show at most this many events."),
    base_url: str = typer.Option("http://127.0.0.1:8000", "--base-url", help="Where `sucesos serve` is reached (for the event links)."),
    as_json: bool = typer.Option(False, "--json", help="Print the matching events as JSON lines on stdout."),
) -> None:
    """Show the stored events a saved search matches now (newest first), without alerting."""
    from sucesos.store.store import open_store
    from sucesos.watch.alerts import EVENT_FIELDS
    from sucesos.watch.events_view import event_url
    from sucesos.watch.searches import get_search, search_events

    with open_store(db) as store:
        search = get_search(store, name)
        views = search_events(store, search.filters, limit=limit)
    for view in views:
        if as_json:
            record = {"event_id": view.event_id, "event_url": event_url(base_url, view), "independent_sources": view.independent_sources,
                      **{k: view.headline.get(k) for k in EVENT_FIELDS}}  # fmt: skip
            typer.echo(json.dumps(record, ensure_ascii=False))
        else:
            typer.echo(_view_line(view, base_url).translate({c: " " for c in range(32)}))
    console.print(f"{len(views)} matching event(s) for {escape(search.name)!r}")


def register(app: typer.Typer) -> None:
    app.add_typer(search_app, name="search")
