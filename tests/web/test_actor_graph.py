"""The actor graph answers "who is CJNG fighting, according to whom, since when"."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sucesos.cli import app
from sucesos.queries import find_actor, relation_summary
from sucesos.store import open_store

runner = CliRunner()


def test_relations_with_sources_and_dates(web_db):
    with open_store(web_db) as store:
        actor = find_actor(store, "CJNG")  # found through an alias seen in text
    assert actor["id"] == "cjng"
    [row] = relation_summary(actor, "at_war_with")
    assert row["since"] == "2024-03-14" and row["articles"] == 1
    assert row["according_to"] == ["officials (anonymous)"]
    assert row["all_hedged"] is False


def test_actor_command(web_db):
    result = runner.invoke(app, ["actor", "Cártel de Jalisco Nueva Generación", "--db", web_db, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["relations"][0]["predicate"] == "at_war_with"
    missing = runner.invoke(app, ["actor", "Nobody", "--db", web_db])
    assert missing.exit_code == 2 and "no actor 'Nobody'" in missing.output
