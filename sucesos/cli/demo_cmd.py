"""`sucesos demo`."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from sucesos.cli.common import console, shown_db

DEMO_DB = "sucesos-demo.db"


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo_command(
        db: str = typer.Option(DEMO_DB, "--db", help="Database file for the demo (the default one is recreated each run)."),
        serve: bool = typer.Option(False, "--serve", help="Then start the web UI on the demo database."),
        host: str = typer.Option("127.0.0.1", "--host", help="With --serve: address to listen on."),
        port: int = typer.Option(8000, "--port", help="With --serve: port to listen on."),
    ) -> None:
        """Ingest the bundled sample reports into a fresh local database, extract, and show what was found."""
        from sucesos.cli.events_cmd import print_events
        from sucesos.cli.ingest_cmd import print_ingest_summary
        from sucesos.demo import demo_articles
        from sucesos.ingest.batch import ingest_articles
        from sucesos.pipeline import Pipeline
        from sucesos.queries import find_events
        from sucesos.store import open_store

        if db == DEMO_DB:
            for suffix in ("", "-wal", "-shm"):
                Path(db + suffix).unlink(missing_ok=True)
        articles = demo_articles()
        console.print(f"Ingesting {len(articles)} sample reports (the founding article and invented examples) into {shown_db(db)} ...", highlight=False)
        with open_store(db) as store:
            report = ingest_articles(articles, store, Pipeline())
            events, _next = find_events(store, limit=1000)
            counts = store.counts()
        print_ingest_summary(report, db)
        out = Console()
        merged = counts["reports"] - len(events)
        why = f"; {merged} report(s) told a happening another report already had, so they count once, as its sources" if merged > 0 else ""
        print_events(out, events, title=f"{len(events)} events from {counts['reports']} reports{why} (sources: independent/all)")
        out.print(
            f"{counts['articles']} articles, {counts['places']} places, {counts['claims']} claims, "
            f"{counts['relations']} relations, {counts['statistics']} statistics stored in {shown_db(db)}.",
            highlight=False,
        )
        out.print("Next:", highlight=False)
        shown = shown_db(db)
        out.print(f"  sucesos serve --db {shown}            # map, events and evidence in the browser", highlight=False)
        out.print(f"  sucesos events --db {shown} --json    # every event with its evidence spans", highlight=False)
        out.print(f"  sucesos export --db {shown} -f acled-csv -o events.csv", highlight=False)
        if report.failures:
            raise typer.Exit(1)
        if serve:
            from sucesos.web.server import run_server

            run_server(db, host=host, port=port)
