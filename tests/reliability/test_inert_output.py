"""Untrusted article metadata stays inert where it is shown: no script link
on a page, no formula in a spreadsheet cell."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from sucesos.export.writers import write_acled_csv
from sucesos.link.cluster import link_article
from sucesos.link.corroboration import deduplicated_events
from sucesos.model import Article, Event, Extraction, Span, link_url
from sucesos.store import open_store
from sucesos.web.app import create_app


def test_only_http_and_https_urls_are_links():
    assert link_url("https://news.example/a") == "https://news.example/a"
    assert link_url("HTTP://news.example/a") == "HTTP://news.example/a"
    for url in ("javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>", "vbscript:x", "//news.example/a", "news.example", "", None):
        assert link_url(url) is None, url


def _store_with_hostile_metadata(path) -> str:
    text = "=HYPERLINK(\"http://evil.example\") Gunmen killed a man in Uruapan on Tuesday."
    article = Article(id="a1", text=text, outlet="=1+1", title="@SUM(A1:A9)", url="javascript:alert(1)", published="2024-03-14")
    event = Event(
        event_type="Violence against civilians", sub_event_type="Attack", actor1="-2+3", location="Uruapan", admin1="Michoacán de Ocampo",
        latitude=19.42, longitude=-102.06, geo_precision=1, event_date="2024-03-12", time_precision=1, fatalities=1, sentence=Span.of(text, 0, len(text)),
    )  # fmt: skip
    db = str(path)
    with open_store(db) as store:
        store.save(article, Extraction(id="a1", lang="en", events=[event], pipeline_version="t", content_hash=article.content_hash))
        link_article(store, "a1")
    return db


def test_acled_csv_cells_that_start_like_formulas_are_escaped_numbers_are_not(tmp_path):
    db = _store_with_hostile_metadata(tmp_path / "s.db")
    with open_store(db) as store:
        buffer = io.StringIO()
        assert write_acled_csv(deduplicated_events(store), buffer) == 1
    (row,) = csv.DictReader(io.StringIO(buffer.getvalue()))
    assert row["source"] == "'=1+1"
    assert row["actor1"] == "'-2+3"
    assert row["notes"].startswith("'=HYPERLINK")
    assert row["source_urls"] == ""  # a javascript: URL is no source URL
    assert row["longitude"] == "-102.06" and row["fatalities"] == "1"


def test_a_javascript_url_is_never_an_href(tmp_path):
    db = _store_with_hostile_metadata(tmp_path / "s.db")
    client = TestClient(create_app(db))
    for path in ("/", "/events/1"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "javascript:" not in page.text, path
    assert client.get("/export/events.csv").text.count("'=1+1") == 1
