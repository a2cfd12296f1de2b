"""`sucesos actor`: one actor's aliases and relations, with who says so and since when."""

from __future__ import annotations

import json

import typer
from rich.console import Console

from sucesos.cli.common import db_option, escape
from sucesos.cli.tables import Column, print_fitted

RELATION_COLUMNS = [
    Column("relation"),
    Column("with"),
    Column("since", atom=True, hide_order=2),
    Column("latest", atom=True),
    Column("articles", atom=True, hide_order=3),
    Column("according to", hide_order=1),
    Column("hedged", atom=True),
]


def register(app: typer.Typer) -> None:
    @app.command("actor")
    def actor_command(
        name: str = typer.Argument(..., help="Actor id, canonical name or alias, e.g. CJNG or 'Cárteles Unidos'."),
        predicate: str = typer.Option(None, "--predicate", help="Only this relation, e.g. at_war_with, allied_with, member_of, leads, employs."),
        db: str = db_option(must_exist=True),
        as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
    ) -> None:
        """Who an actor is fighting, allied with, led by ... according to whom, since when."""
        from sucesos.errors import ConfigError
        from sucesos.queries import find_actor, relation_summary
        from sucesos.store import open_store

        with open_store(db) as store:
            actor = find_actor(store, name)
        if actor is None:
            raise ConfigError(f"no actor {name!r} in the database; `sucesos events` lists who appears in events")
        rows = relation_summary(actor, predicate)
        if as_json:
            typer.echo(json.dumps({"actor": {k: actor[k] for k in ("id", "name", "type", "aliases")}, "relations": rows}, ensure_ascii=False))
            return
        out = Console()
        out.print(f"{escape(actor['name'])} ({escape(actor['type'] or '?')}) · aliases: {escape(', '.join(actor['aliases']) or '—')}", highlight=False)
        cells = [
            [escape(row["predicate"]), escape(row["counterpart"]), row["since"] or "—", row["latest"] or "—",
             str(row["articles"]), escape("; ".join(row["according_to"])), "yes" if row["all_hedged"] else ""]
            for row in rows
        ]  # fmt: skip
        if cells:
            print_fitted(out, RELATION_COLUMNS, cells)
        else:
            out.print("no relations recorded", highlight=False)
