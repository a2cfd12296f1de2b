"""The workspace in a real browser: Playwright driving Debian's Chromium on loopback.

`.ci/run` installs Chromium; elsewhere, without /usr/bin/chromium, these
tests skip (in CI they fail instead, so a missing browser cannot hide).
"""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path
import socket
import threading
import time

import pytest

from sucesos.web.auth import create_user

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PASSWORD = "correct horse battery staple"
# Screenshots at 1280 px, kept by CI as artefacts (README: "Browser screenshots").
SCREENSHOTS = Path(os.environ.get("SUCESOS_SCREENSHOTS") or Path(__file__).resolve().parents[2] / "out" / "screenshots")
XSS = '<script>window.__pwned = 1; alert("pwned")</script><img src=x onerror="window.__pwned=2">'

if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: .ci/run must install Debian's chromium")
    pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, pipeline):
    from sucesos.demo import demo_articles
    from sucesos.ingest.batch import ingest_articles
    from sucesos.model import Article
    from sucesos.store import open_store

    db = str(tmp_path_factory.mktemp("browser") / "demo.db")
    xss_article = Article(
        id="xss", text=f"Gunmen attacked a police station in Zamora, Michoacán, on Monday. {XSS} Three officers were wounded.",
        title=f"Attack {XSS}", outlet=XSS, published="2024-06-04", lang="en",
    )  # fmt: skip
    with open_store(db) as store:
        ingest_articles([*demo_articles(), xss_article], store, pipeline)
        create_user(store, "ana", PASSWORD, actor="test-setup")
    return db


@pytest.fixture(scope="module")
def server(demo_db):
    import uvicorn

    from sucesos.web.app import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(demo_db), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_map_shows_the_founding_articles_two_places(page, server):
    # The founding article's events are the only ones before 2023 in the demo.
    page.goto(f"{server}/?until=2022-12-31")
    page.wait_for_selector("#map[data-markers]")
    geojson = page.evaluate("fetch('/events.geojson?until=2022-12-31').then(r => r.json())")
    places = {(f["properties"]["location"], f["properties"]["geo_precision"]) for f in geojson["features"]}
    assert {location for location, _ in places} >= {"Tepalcatepec"}
    assert len({tuple(f["geometry"]["coordinates"]) for f in geojson["features"]}) == 2
    assert sorted(p for _, p in places) == [1, 3]  # a town and a region-only place
    # one marker per place on screen: a dot/ring, or a cluster badge for the two Tepalcatepec events
    markers = page.locator(".leaflet-overlay-pane path.leaflet-interactive, .marker-cluster")
    deadline = time.time() + 10
    while markers.count() < 2 and time.time() < deadline:
        page.wait_for_timeout(100)
    assert markers.count() >= 2
    page.wait_for_selector("#timeline[data-bars]")
    assert page.locator("#timeline rect.bar").count() >= 2  # week-precision May and month-precision January


def test_clicking_an_event_highlights_its_evidence(page, server):
    page.goto(f"{server}/events?until=2022-12-31")
    page.locator("tr.event-row a").first.click()
    page.wait_for_selector("mark.field")
    marked = page.locator("mark.field").all_inner_texts()
    assert marked and all(text.strip() for text in marked)
    evidence = page.locator("ul.evidence li").all_inner_texts()
    assert any(text.split(":")[0] in ("injuries", "actor1", "actor2", "sub_event_type", "event_type", "location", "tactics") for text in evidence)


def test_signed_in_edit_persists_and_is_audited(page, server):
    page.goto(f"{server}/login")
    page.fill("input[name=username]", "ana")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button")
    page.wait_for_selector("header .who")
    page.goto(f"{server}/events?until=2022-12-31")
    page.locator("tr.event-row a").first.click()
    event_url = page.url
    page.select_option("form.edit select[name=field]", "fatalities")
    page.fill("form.edit input[name=value]", "4")
    page.click("form.edit button")
    page.goto(event_url)
    row = page.locator("table.fields tr", has_text="fatalities").first.inner_text()
    assert "4" in row and "set by an analyst" in row
    audit = page.evaluate("fetch('/audit.json').then(r => r.json())")
    assert audit["entries"][0]["action"] == "edit" and audit["entries"][0]["new_value"] == {"fatalities": 4}


def test_xss_payload_stays_text(page, server):
    seen_as_text = False
    page.goto(f"{server}/events.json?limit=200")
    ids = [event["id"] for event in page.evaluate("fetch('/events.json?limit=200').then(r => r.json())")["events"]]
    for path in ["/", "/events", "/claims", "/actors", *[f"/events/{i}" for i in ids]]:
        page.goto(f"{server}{path}")
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned === undefined"), path
        seen_as_text = seen_as_text or 'window.__pwned = 1; alert("pwned")' in page.locator("body").inner_text()
    assert page.dialogs == []
    assert seen_as_text  # shown, as text, where the article is shown


def test_timeline_shows_empty_months_and_a_click_filters_the_page(page, server):
    page.goto(f"{server}/")
    page.wait_for_selector("#timeline[data-bars]")
    months = sorted({m["month"] for m in page.evaluate("fetch('/timeline.json').then(r => r.json())")["months"]})
    first, last = months[0], months[-1]
    span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1
    assert span > len(months)  # the demo has months without events between its events
    assert page.locator("#timeline").get_attribute("data-months") == str(span)  # every month on the axis, empty ones too
    assert page.locator("#timeline rect.slot").count() == span
    assert page.locator("#timeline text.y-tick").count() >= 2  # the bars can be read as counts
    # Click the first month: since/until become that month, and the list and map follow.
    page.locator(f'#timeline rect.slot[data-month="{first}"]').click()
    page.wait_for_url(f"**since={first}-01**")
    assert f"until={first}-" in page.url
    page.wait_for_selector("#map[data-markers]")
    in_month = page.evaluate(f"fetch('/events.geojson?since={first}-01&until={first}-31').then(r => r.json())")["features"]
    assert page.locator("#map").get_attribute("data-markers") == str(len(in_month))
    assert page.locator('input[name="since"]').input_value() == f"{first}-01"


def test_map_popup_says_who_the_toll_and_how_many_sources(page, server):
    # A month whose events sit at one place, so the map shows one plain marker.
    months = sorted({m["month"] for m in page.request.get(f"{server}/timeline.json").json()["months"]})
    for month in months:
        query = f"since={month}-01&until={month}-31"
        features = page.request.get(f"{server}/events.geojson?{query}").json()["features"]
        if len(features) == 1:
            break
    event = page.request.get(f"{server}/events/{features[0]['properties']['id']}.json").json()["event"]
    page.goto(f"{server}/?{query}")
    page.wait_for_selector("#map[data-markers]")
    page.locator(".leaflet-overlay-pane path.leaflet-interactive").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.locator(".popup-detail[data-filled]").wait_for()
    text = popup.inner_text()
    assert "Actors:" in text and ("Killed:" in text or "Toll: not stated" in text)
    assert f"Sources: {event['independent_sources']} independent of {event['n_sources']}" in text
    assert popup.locator("a.popup-evidence").get_attribute("href") == f"/events/{event['id']}"


def test_map_outlines_mexicos_states_and_shades_them_by_events(page, server):
    page.goto(f"{server}/")
    page.wait_for_selector("#map[data-states]")
    assert page.locator("#map").get_attribute("data-states") == "32"
    assert page.locator("path.state[data-admin1]").count() == 32  # outlines drawn, one per state
    assert page.locator("path.state[data-admin1='Michoacán de Ocampo']").get_attribute("fill-opacity") == "0"  # outlines only until asked
    # names at the fitted zoom: the states and the events' places
    assert page.locator(".state-label span", has_text="Jalisco").is_visible()
    assert page.locator(".place-label", has_text="Aguililla").first.is_visible()
    screenshot(page, "map-states")
    page.check("input[name=choropleth]")
    page.wait_for_selector("#map[data-choropleth=on]")
    per_state = {s["admin1"]: s["events"] for s in page.request.get(f"{server}/states.json").json()["states"]}
    on_map = Counter(f["properties"]["admin1"] for f in page.request.get(f"{server}/events.geojson").json()["features"] if f["properties"]["admin1"])
    assert per_state and per_state == dict(on_map)  # every demo event has a place on the map
    for state, n in per_state.items():
        shape = page.locator(f"path.state[data-admin1='{state}']")
        if not shape.count():
            continue  # a state outside Mexico
        assert shape.get_attribute("data-events") == str(n)
        assert float(shape.get_attribute("fill-opacity")) > 0
    quiet = page.locator("path.state[data-admin1='Sonora']")
    assert "Sonora" not in per_state and quiet.get_attribute("data-events") == "0" and quiet.get_attribute("fill-opacity") == "0"
    assert page.locator(".choropleth-key").is_visible()
    screenshot(page, "map-choropleth")
    # the choice holds while filtering, and the shades follow the filter
    page.goto(f"{server}/?event_type=Battles")
    page.wait_for_selector("#map[data-choropleth=on]")
    battles = {s["admin1"]: s["events"] for s in page.request.get(f"{server}/states.json?event_type=Battles").json()["states"]}
    assert battles and battles != per_state
    assert page.locator("path.state[data-admin1='Michoacán de Ocampo']").get_attribute("data-events") == str(battles["Michoacán de Ocampo"])
    page.goto(f"{server}/")
    page.wait_for_selector("#map[data-choropleth=on]")
    page.uncheck("input[name=choropleth]")
    page.wait_for_selector("#map[data-choropleth=off]")
    assert page.locator("path.state[data-admin1='Michoacán de Ocampo']").get_attribute("fill-opacity") == "0"
    # zoomed out to the whole country and beyond, the names go (they would cover the map)
    fitted = int(page.locator("#map").get_attribute("data-zoom"))
    assert fitted >= 8
    capital, city = page.locator(".city-label.capital span", has_text="Morelia"), page.locator(".city-label:not(.capital) span", has_text="Uruapan")
    assert capital.is_visible() and city.is_visible()
    shown = {}
    for zoom in range(fitted - 1, 3, -1):
        page.locator(".leaflet-control-zoom-out").click()
        page.wait_for_selector(f"#map[data-zoom='{zoom}']")
        if zoom == 6:
            screenshot(page, "map-zoom-6")
        shown[zoom] = (page.locator(".place-label", has_text="Aguililla").first.is_visible(), city.is_visible(), capital.is_visible(), page.locator(".state-label span", has_text="Jalisco").is_visible())
    # (event place, city, state capital, state) named as the zoom allows, fewer as the view widens
    assert shown[7] == (False, True, True, True) and shown[6] == (False, False, True, True)
    assert shown[5] == (False, False, False, True) and shown[4] == (False, False, False, False)


def test_timeline_shows_weeks_for_half_a_year_and_days_once_dragged_to_two_weeks(page, server):
    page.goto(f"{server}/?since=2024-01-01&until=2024-06-30")
    timeline = page.locator("#timeline")
    page.wait_for_selector("#timeline[data-bars]")
    assert timeline.get_attribute("data-granularity") == "week" and page.locator("#timeline-unit").inner_text() == "week"
    assert page.locator("#timeline rect.slot").count() == 26  # every week of the range, Monday to Sunday, empty ones too
    assert page.locator("#timeline rect.slot").first.get_attribute("data-start") == "2024-01-01"
    assert page.locator("#timeline line.y-axis").count() == 1 and page.locator("#timeline text.y-tick").count() >= 2
    screenshot(page, "timeline-weeks")
    bins = page.request.get(f"{server}/timeline.json?since=2024-01-01&until=2024-06-30").json()["bins"]
    week = min(b["start"] for b in bins)
    # drag from the first week with events across the next one: since/until become those two weeks
    slots = page.locator("#timeline rect.slot")
    at = slots.evaluate_all("els => els.map(e => e.dataset.start)").index(week)
    first, second = slots.nth(at), slots.nth(at + 1)
    end = second.get_attribute("data-end")
    a, b = first.bounding_box(), second.bounding_box()
    page.mouse.move(a["x"] + a["width"] / 2, a["y"] + a["height"] / 2)
    page.mouse.down()
    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, steps=4)
    page.mouse.up()
    page.wait_for_url(f"**since={week}&until={end}**")
    page.wait_for_selector("#timeline[data-bars]")
    assert timeline.get_attribute("data-granularity") == "day" and page.locator("#timeline-unit").inner_text() == "day"
    assert page.locator("#timeline rect.slot").count() == 14
    screenshot(page, "timeline-days")
    # a click on a day with events shows that day only, in the map too
    day = min(b["start"] for b in page.request.get(f"{server}/timeline.json?since={week}&until={end}").json()["bins"])
    page.locator(f'#timeline rect.slot[data-start="{day}"]').click()
    page.wait_for_url(f"**since={day}&until={day}**")
    page.wait_for_selector("#map[data-markers]")
    on_day = page.request.get(f"{server}/events.geojson?since={day}&until={day}").json()["features"]
    assert on_day and page.locator("#map").get_attribute("data-markers") == str(len(on_day))
    assert page.locator("#timeline rect.slot").count() == 1


def test_filters_forgive_a_plain_state_name_and_an_acronym_and_say_how_they_were_read(page, server):
    page.goto(f"{server}/")
    assert "Michoacán de Ocampo" in page.locator("datalist#choices-admin1 option").all_inner_texts()  # offered as you type
    page.fill("input[name=admin1]", "michoacan")
    page.fill("input[name=actor]", "CJNG")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**admin1=michoacan**")
    read_as = page.locator("p.resolved").inner_text()
    assert "Michoacán de Ocampo" in read_as and "Cártel de Jalisco Nueva Generación" in read_as
    wanted = page.request.get(f"{server}/events.json?admin1=Michoac%C3%A1n%20de%20Ocampo&actor=C%C3%A1rtel%20de%20Jalisco%20Nueva%20Generaci%C3%B3n").json()["events"]
    assert wanted
    assert page.locator(".summary .matching").inner_text().startswith(f"{len(wanted)} of ")
    page.wait_for_selector("#map[data-markers]")
    assert page.locator("#map").get_attribute("data-markers") == str(len([e for e in wanted if e["latitude"] is not None]))
    screenshot(page, "filters-forgiving")
    page.click("text=List these events")
    page.wait_for_selector("p.resolved")
    assert page.locator("tr.event-row").count() == len(wanted)


def test_a_missing_event_and_a_signed_in_page_answer_browsers_with_html_and_a_way_back(page, server):
    response = page.goto(f"{server}/events/999999")
    assert response.status == 404
    assert "text/html" in response.headers["content-type"]
    assert page.locator("h1").is_visible() and page.locator("main a", has_text="All events").is_visible()  # a way back
    assert '{"detail"' not in page.content()
    screenshot(page, "error-missing-event")
    response = page.goto(f"{server}/audit")
    assert response.status == 401 and "text/html" in response.headers["content-type"]
    page.locator("main a", has_text="Sign in").click()
    page.wait_for_selector("form.login")
