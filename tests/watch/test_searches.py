"""Saved searches: what matches, how they are managed from the command line, and digests."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sucesos import PIPELINE_VERSION
from sucesos.cli import app
from sucesos.errors import ConfigError
from sucesos.model import Article, Event, Extraction
from sucesos.store.store import open_store
from sucesos.watch.events_view import EventView
from sucesos.watch.outputs import digest_html, digest_markdown
from sucesos.watch.searches import make_filters, matches
from sucesos.watch.sources import parse_duration, parse_sources
from tests.watch.conftest import CLASH, PROTEST

runner = CliRunner()


def report(article_id: str, outlet: str | None, url: str | None = None, **fields) -> dict:
    row = {"article_id": article_id, "idx": 0, "article_hash": "h" + article_id, "article_title": "t", "article_outlet": outlet,
           "article_url": url, "article_published": None, "tactics": [], **fields}  # fmt: skip
    return row


def view(*reports) -> EventView:
    return EventView(key="c1", event_id=1, reports=list(reports))


def test_names_match_without_accents_or_case_and_actors_by_part():
    clash = view(report("a", "El Sol", **CLASH))
    assert matches(make_filters({"admin1": "MICHOACAN"}), clash)
    assert matches(make_filters({"actor": "cjng"}), clash)
    assert matches(make_filters({"tactic": ["landmine/IED", "armed drone"]}), clash)  # any of the values
    assert matches(make_filters({"country": "MEX", "modality": "reported"}), clash)
    assert not matches(make_filters({"admin1": "Michoacán", "tactic": "landmine/IED"}), clash)  # every criterion
    assert not matches(make_filters({"event_type": "Protests"}), clash)


def test_bounding_box_and_independent_sources():
    one = view(report("a", "El Sol", **CLASH), report("b", "el sol ", **CLASH))  # one outlet, twice
    two = view(report("a", "El Sol", **CLASH), report("c", None, "https://www.lavoz.mx/x", **CLASH))
    assert one.independent_sources == 1 and two.independent_sources == 2
    assert not matches(make_filters({"min_sources": 2}), one)
    assert matches(make_filters({"min_sources": 2}), two)
    michoacan = "-103.8,17.9,-100.0,20.4"
    assert matches(make_filters({"bbox": michoacan}), one)
    assert not matches(make_filters({"bbox": "-104,20.5,-103,21"}), one)
    no_coordinates = view(report("d", "X", **{**PROTEST, "latitude": None, "longitude": None}))
    assert not matches(make_filters({"bbox": michoacan}), no_coordinates)  # missing is not inside


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"event_type": "Shootings"}, "use ACLED's spelling"),
        ({"bbox": "1,2,3"}, "four numbers"),
        ({"bbox": "-100,50,-90,40"}, "min_lat <= max_lat"),
        ({"modality": "rumoured"}, "known: asserted"),
        ({"min_sources": 0}, "at least 1"),
        ({"place": "x"}, "unknown search filter"),
    ],
)
def test_bad_filters_say_what_to_write(raw, message):
    with pytest.raises(ConfigError, match=message):
        make_filters(raw)


def stored_events(db) -> None:
    with open_store(db) as store:
        for article_id, fields in (("a1", CLASH), ("a2", PROTEST)):
            article = Article(id=article_id, text=f"text of {article_id}", outlet="El Sol", url=f"https://elsol.mx/{article_id}")
            store.save(article, Extraction(id=article_id, lang="en", events=[Event(**fields)], pipeline_version=PIPELINE_VERSION))


def test_search_commands_add_list_test_remove(tmp_path):
    db = str(tmp_path / "s.db")
    stored_events(db)
    added = runner.invoke(app, ["search", "add", "drones en Michoacán", "--admin1", "michoacan", "--tactic", "armed drone", "--db", db])
    assert added.exit_code == 0, added.output
    assert "tactic=armed drone admin1=michoacan" in added.output
    again = runner.invoke(app, ["search", "add", "drones en Michoacán", "--db", db])
    assert again.exit_code == 2 and "exists" in again.output
    bad = runner.invoke(app, ["search", "add", "x", "--type", "Shootings", "--db", db])
    assert bad.exit_code == 2 and "ACLED's spelling" in bad.output and "Traceback" not in bad.output

    listed = runner.invoke(app, ["search", "list", "--json", "--db", db])
    assert [(s["name"], s["filters"]) for s in json.loads(listed.stdout)] == [
        ("drones en Michoacán", {"tactic": ["armed drone"], "admin1": ["michoacan"]})
    ]
    tried = runner.invoke(app, ["search", "test", "drones en Michoacán", "--json", "--db", db, "--base-url", "https://s.example"])
    assert tried.exit_code == 0, tried.output
    found = [json.loads(line) for line in tried.stdout.splitlines()]
    assert [(e["sub_event_type"], e["location"]) for e in found] == [("Armed clash", "Apatzingán")]
    assert found[0]["event_url"].startswith("https://s.example/events/")

    removed = runner.invoke(app, ["search", "remove", "drones en Michoacán", "--db", db])
    assert removed.exit_code == 0
    assert json.loads(runner.invoke(app, ["search", "list", "--json", "--db", db]).stdout) == []
    gone = runner.invoke(app, ["search", "test", "drones en Michoacán", "--db", db])
    assert gone.exit_code == 2 and "sucesos search list" in gone.output


def test_digests_escape_article_text():
    payload = {
        "kind": "new",
        "event_url": "http://127.0.0.1:8000/events/7",
        "event": {"sub_event_type": "Armed clash"},
        "summary": "Armed clash in <b>Apatzingán</b> *6 killed*",
        "sentence": '<script>alert("x")</script> [click](javascript:alert(1))',
        "sources": [{"article_id": "a", "title": "<img src=x onerror=alert(1)>", "url": "javascript:alert(1)", "outlet": "El Sol"}],
        "new_sources": [],
    }
    html = digest_html("drones & <minas>", "2024-03-10", [payload])
    assert "<script>" not in html and "<img" not in html and "href=\"javascript:" not in html
    assert "&lt;script&gt;" in html and "drones &amp; &lt;minas&gt;" in html
    assert '<a href="http://127.0.0.1:8000/events/7">' in html
    md = digest_markdown("drones", "2024-03-10", [payload])
    assert "<script>" not in md and "](javascript:" not in md and "\\*6 killed\\*" in md
    assert "(http://127.0.0.1:8000/events/7)" in md


def test_sources_file_durations_and_mistakes():
    sources = parse_sources({"defaults": {"interval": "15m", "min_delay": "2s"}, "sources": ["https://a.example/feed", {"url": "https://b.example/p", "interval": "1h", "kind": "page"}]})
    assert [(s.url, s.interval, s.min_delay, s.kind) for s in sources] == [
        ("https://a.example/feed", 900.0, 2.0, None),
        ("https://b.example/p", 3600.0, 2.0, "page"),
    ]
    assert parse_duration("1.5h", what="x") == 5400.0
    for data, message in (
        ({"sources": [{"url": "https://a.example", "every": "1h"}]}, "unknown key"),
        ({"sources": [{"url": "https://a.example", "interval": "soon"}]}, "not a duration"),
        ({"sources": [{"url": "https://a.example", "interval": "0.1s"}]}, "at least"),
        ({"sources": ["https://a.example", "https://a.example"]}, "listed twice"),
        ({"feeds": []}, "needs a 'sources:' list"),
    ):
        with pytest.raises(ConfigError, match=message):
            parse_sources(data)
