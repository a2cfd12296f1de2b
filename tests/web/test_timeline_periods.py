"""The timeline is drawn in days, weeks or months as the range shown asks."""

from __future__ import annotations

from fastapi.testclient import TestClient

from sucesos.web.app import create_app
from sucesos.web.timeline_periods import periods


def row(day, kind="Battles", precision=1, events=1):
    return {"day": day, "event_type": kind, "time_precision": precision, "events": events}


def test_a_few_days_show_days_with_the_empty_ones_between():
    data = periods([row("2024-03-12"), row("2024-03-15", "Riots", events=2)])
    assert data["granularity"] == "day"
    assert [p["start"] for p in data["periods"]] == ["2024-03-12", "2024-03-13", "2024-03-14", "2024-03-15"]
    assert [(b["start"], b["events"]) for b in data["bins"]] == [("2024-03-12", 1), ("2024-03-15", 2)]


def test_the_filters_range_decides_not_only_the_events():
    # one event, but the analyst asked for half a year: weeks, Monday to Sunday, the whole range on the axis
    data = periods([row("2024-03-13")], since="2024-01-01", until="2024-06-30")
    assert data["granularity"] == "week"
    assert data["periods"][0] == {"start": "2024-01-01", "end": "2024-01-07"}  # 2024-01-01 is a Monday
    assert data["periods"][-1] == {"start": "2024-06-24", "end": "2024-06-30"} and len(data["periods"]) == 26
    assert data["bins"] == [{"start": "2024-03-11", "event_type": "Battles", "events": 1, "imprecise": 0}]


def test_years_show_months_and_a_month_dated_event_is_not_imprecise_there():
    data = periods([row("2022-01-01", precision=3), row("2024-05-03")])
    assert data["granularity"] == "month"
    assert len(data["periods"]) == 29 and data["periods"][1] == {"start": "2022-02-01", "end": "2022-02-28"}
    assert all(b["imprecise"] == 0 for b in data["bins"])
    # in a week view the same month-precision event is told apart
    weeks = periods([row("2024-03-01", precision=3), row("2024-03-01")], since="2024-01-01", until="2024-06-30")
    assert weeks["bins"] == [{"start": "2024-02-26", "event_type": "Battles", "events": 2, "imprecise": 1}]


def test_nothing_dated_gives_no_periods():
    assert periods([]) == {"granularity": "month", "periods": [], "bins": []}
    assert periods([row("2024-03-12")], since="2024-04-01", until="2024-03-01")["periods"] == []


def test_timeline_json_gives_days_for_a_weeks_range(web_db):
    client = TestClient(create_app(web_db))
    data = client.get("/timeline.json?since=2024-03-10&until=2024-03-16").json()
    assert data["granularity"] == "day" and len(data["periods"]) == 7
    assert [(b["start"], b["events"]) for b in data["bins"]] == [("2024-03-12", 1)]  # the two reports are one event
    assert "days" not in data
    assert client.get("/timeline.json").json()["granularity"] == "day"  # 12 March to 3 May 2024: 53 days
    assert client.get("/timeline.json?since=2024-01-01").json()["granularity"] == "week"
