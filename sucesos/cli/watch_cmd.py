"""`sucesos watch`: poll feeds and pages, ingest what is new, raise saved-search alerts."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import typer

from sucesos.cli.common import console, db_option, escape, lexicon_option, resources_for

def _status_table(rows: list[dict]) -> None:
    from rich.table import Table

    table = Table(title="watched sources", show_lines=False)
    for column in ("source", "state", "last success", "failures", "next poll in", "last error"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            escape(row["name"] or row["url"]),
            row["state"],
            (row["last_success"] or "never").replace("T", " ").replace("+00:00", "Z"),
            str(row["failures"]),
            f"{row['next_poll_in_s']}s" if row["next_poll"] else "now",
            escape(row["last_error"] or ""),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    @app.command("watch")
    def watch_command(
        sources_file: Path = typer.Argument(
            None, help="YAML sources file: the feeds and pages to watch, each with its interval (see docs/watch.md). Needed except with --status."
        ),
        db: str = db_option(),
        once: bool = typer.Option(False, "--once", help="Poll every due source once, raise and deliver alerts, then exit (for cron or a timer)."),
        status: bool = typer.Option(False, "--status", help="Show each source's state, last success, failures and back-off, then exit."),
        as_json: bool = typer.Option(False, "--json", help="With --status: print the state as JSON on stdout."),
        jsonl: Path = typer.Option(None, "--jsonl", help="Append every alert as a JSON line to this file."),
        webhook: str = typer.Option(None, "--webhook", help="POST every alert as JSON to this URL (retried with back-off when it fails)."),
        webhook_timeout: float = typer.Option(10.0, "--webhook-timeout", help="Seconds to wait for the webhook on each attempt."),
        digest_dir: Path = typer.Option(None, "--digest-dir", help="Write a daily digest per saved search (Markdown and HTML) into this folder."),
        base_url: str = typer.Option(
            os.environ.get("SUCESOS_BASE_URL", "http://127.0.0.1:8000"), "--base-url",
            help="Where `sucesos serve` is reached; alerts link to BASE_URL/events/ID (default $SUCESOS_BASE_URL or http://127.0.0.1:8000).",
        ),  # fmt: skip
        allow_private: bool = typer.Option(
            False, "--allow-private", help="Allow sources on loopback/private addresses (refused by default: a feed could point inside your network)."
        ),
        lexicon: list[Path] = lexicon_option(),
    ) -> None:
        """Watch feeds and pages: ingest only new items, link them into events, alert on saved searches.

        Runs in the foreground until stopped (Ctrl-C or SIGTERM); every cursor is in the database, so a restart neither repeats nor misses anything. Saved searches are managed with `sucesos search`.
        """
        from sucesos.errors import ConfigError
        from sucesos.store.store import open_store
        from sucesos.watch.runner import Watcher, status_rows
        from sucesos.watch.sources import load_sources

        sources = load_sources(sources_file) if sources_file is not None else None
        store = open_store(db)
        if status:
            rows = status_rows(store, sources)
            if as_json:
                typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            elif not rows:
                console.print("no sources watched yet: run `sucesos watch SOURCES.yaml` first")
            else:
                _status_table(rows)
            store.close()
            raise typer.Exit(0)
        if sources is None:
            raise ConfigError("name a sources file: sucesos watch SOURCES.yaml (see docs/watch.md), or use --status")

        from sucesos.pipeline import Pipeline
        from sucesos.watch.outputs import Outputs, terminal_line
        from sucesos.watch.searches import list_searches

        outputs = Outputs(jsonl=jsonl, webhook=webhook, digest_dir=digest_dir, webhook_timeout=webhook_timeout)
        if not list_searches(store):
            console.print("[yellow]no saved searches[/yellow]: sources are ingested, but nothing alerts (add one with `sucesos search add`)")
        pipeline = Pipeline(resources_for(lexicon))

        def show_alert(alert) -> None:
            typer.echo(terminal_line(alert.payload).translate({c: " " for c in range(32)}))

        def show_poll(poll) -> None:
            if poll.status == "failed":
                console.print(f"[red]failed[/red] {escape(poll.source.label)}: {escape(poll.error or '')} (next try in {poll.retry_in:.0f}s)")
            elif poll.stored:
                console.print(f"{escape(poll.source.label)}: {len(poll.stored)} new")
            for link, reason in poll.entry_failures:
                console.print(f"[yellow]entry failed[/yellow] {escape(link)}: {escape(reason)}")

        watcher = Watcher(
            store, sources, pipeline, outputs=outputs, base_url=base_url, allow_private=allow_private, on_alert=show_alert, on_poll=show_poll
        )
        try:
            if once:
                report = watcher.cycle()
                console.print(
                    f"polled {len(report.polls)} source(s): {sum(len(p.stored) for p in report.polls)} new article(s), "
                    f"{len(report.alerts)} alert(s), {len(report.failed)} failing source(s)"
                )
                raise typer.Exit(1 if report.failed else 0)
            from sucesos.watch.runner import warm_up

            warm_up(pipeline)  # so the first new item alerts in seconds
            stopping = {"now": False}

            def stop(_signum, _frame) -> None:
                stopping["now"] = True

            signal.signal(signal.SIGTERM, stop)
            console.print(f"watching {len(sources)} source(s); Ctrl-C to stop")
            try:
                watcher.run(should_stop=lambda: stopping["now"])
            except KeyboardInterrupt:
                pass
            console.print("stopped")
        finally:
            watcher.close()
            store.close()
