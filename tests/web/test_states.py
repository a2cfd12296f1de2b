"""/states.json: events per state for the map's choropleth, following the filters."""

from __future__ import annotations

from fastapi.testclient import TestClient

from sucesos.web.app import create_app


def test_states_count_events_not_reports_and_follow_the_filters(web_db):
    client = TestClient(create_app(web_db))
    # two outlets' reports of the Uruapan attack are one event; the Apatzingán march another
    assert client.get("/states.json").json()["states"] == [{"country": None, "admin1": "Michoacán de Ocampo", "events": 2}]
    assert client.get("/states.json?event_type=Protests").json()["states"][0]["events"] == 1
    assert client.get("/states.json?admin1=michoacan&since=2024-05-01").json()["states"][0]["events"] == 1  # forgiving names too
    assert client.get("/states.json?admin1=Jalisco").json()["states"] == []
    assert "/states.json" in client.get("/openapi.json").json()["paths"]


def test_an_analysts_state_moves_the_event_on_the_choropleth(web_db):
    from sucesos.read_model import find_events
    from sucesos.review import edit_field
    from sucesos.store import open_store

    with open_store(web_db) as store:
        march = next(e for e in find_events(store, limit=10)[0] if e["event_type"] == "Protests")
        edit_field(store, march, "admin1", "Jalisco", "ana")
    client = TestClient(create_app(web_db))
    assert {s["admin1"]: s["events"] for s in client.get("/states.json").json()["states"]} == {"Jalisco": 1, "Michoacán de Ocampo": 1}
    assert client.get("/states.json?admin1=Jalisco").json()["states"] == [{"country": None, "admin1": "Jalisco", "events": 1}]


def test_the_shipped_outlines_name_the_32_states_as_the_gazetteer_does(web_db):
    import json
    from importlib.resources import files

    from sucesos.filters import _state_abbreviations

    topology = json.loads((files("sucesos") / "web" / "static" / "vendor" / "mx-states.json").read_text(encoding="utf-8"))
    names = [g["properties"]["admin1"] for g in topology["objects"]["states"]["geometries"] if g["properties"]["admin1"]]
    assert sorted(names) == sorted(set(_state_abbreviations().values())) and len(names) == 32  # the choropleth's join is exact
    cities = json.loads((files("sucesos") / "web" / "static" / "vendor" / "mx-cities.json").read_text(encoding="utf-8"))["cities"]
    assert {c["admin1"] for c in cities if c["capital"]} == set(names) - {"Ciudad de México"}
    client = TestClient(create_app(web_db))
    assert client.get("/static/vendor/mx-states.json").status_code == 200  # served, never fetched from elsewhere
