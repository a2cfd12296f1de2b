"""No query parameter, however hostile, makes a GET route answer 500: every
GET route of the app, every parameter a route reads, values past every range."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sucesos import read_model
from sucesos.web.app import create_app

PARAMETERS = sorted({"limit", "offset", "min_sources", "reviewed", "hedged", "source_type", "target", *read_model.FILTER_PARAMS, *read_model.EVENT_LEVEL_PARAMS})
VALUES = [
    "99999999999999999999999", "9" * 5000, "-1", "abc", "1.5", "1e400", "NaN", "", "\x00", "ÿ", "²", "١٢",
    "2024-13-45", "0001-01-01", "-200,-100,200,100", "a,b,c,d", "1,2,3", "' OR 1=1 --",
]  # fmt: skip


@pytest.mark.parametrize("parameter", PARAMETERS)
def test_no_parameter_value_makes_a_get_route_fail(web_db, parameter):
    client = TestClient(create_app(web_db), raise_server_exceptions=False)
    paths = [route.path for route in client.app.routes if "GET" in (getattr(route, "methods", None) or set())]
    failures = []
    for path in paths:
        url = path.replace("{event_id}", "1").replace("{actor_id}", "cjng").replace("{extension}", "csv").replace("{path:path}", "app.js")
        for value in VALUES:
            response = client.get(url, params={parameter: value})
            if response.status_code >= 500:
                failures.append((url, value[:24], response.status_code))
    assert not failures, failures


@pytest.mark.parametrize("value", ["99999999999999999999999", "9" * 5000, "²", "-3", "abc", "0"])
def test_ids_in_a_merge_or_split_are_a_400_with_the_range_never_a_500(web_db, api_token, value):
    client = TestClient(create_app(web_db), raise_server_exceptions=False)
    auth = {"Authorization": f"Bearer {api_token}"}
    for path, body in (("/events/merge", {"event_ids": [1, value]}), ("/events/merge", {"event_ids": "1 2", "into": value}),
                       ("/events/merge", {"event_ids": f"1, {value}"}), ("/events/1/split", {"report_ids": [value]})):  # fmt: skip
        response = client.post(path, headers=auth, json=body)
        assert response.status_code == 400, (path, body, response.status_code, response.text[:200])
