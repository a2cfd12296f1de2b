"""De-duplicated events as the watcher sees them: reports grouped by the event they were linked to.

This module is the one place that knows how reports become events. With the
cross-article linker (`sucesos.link.cluster`, its `report_links` table) an
event is a cluster and its key is `c<cluster id>`; without it (an old
database, or linking failed) each report stands alone under
`r<article id>#<idx>`, a key that survives re-extraction.

An event's values come from the read model (`sucesos.read_model`), as the
analysts left them: their edits applied, and an event they rejected raises
no alert (it has no view).
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

REPORT_SQL = (
    "SELECT e.*, a.title AS article_title, a.url AS article_url, a.outlet AS article_outlet,"
    " a.published AS article_published, a.content_hash AS article_hash, a.ingested_at AS article_ingested,"
    " CASE WHEN e.sentence_start IS NOT NULL AND e.sentence_end > e.sentence_start"
    " THEN substr(a.text, e.sentence_start + 1, min(e.sentence_end - e.sentence_start, 600)) END AS sentence_text"
    " FROM reports e JOIN articles a ON a.id = e.article_id"
)


@dataclass
class EventView:
    key: str  # alert identity
    event_id: int  # the id in the event page URL
    reports: list[dict] = field(default_factory=list)  # events rows with their article's provenance, first seen first
    record: dict | None = None  # the read model's event (headline values, corroboration, reviews applied), when there is one

    @property
    def main(self) -> dict:
        """The first report (its sentence is what the alert quotes)."""
        return self.reports[0]

    @property
    def headline(self) -> dict:
        """The event's values as the event page shows them (the first report's when not linked)."""
        return self.record or self.main

    @property
    def matched_reports(self) -> list[dict]:
        """The reports as searches match them: a field an analyst set reads the analyst's value in every report."""
        edited = (self.record or {}).get("reviewed_fields") or ()
        if not edited:
            return self.reports
        return [{**report, **{field: self.record.get(field) for field in edited}} for report in self.reports]

    @property
    def sources(self) -> dict[str, dict]:
        """Article id -> its provenance (one entry per article, whatever its number of reports)."""
        found: dict[str, dict] = {}
        for report in self.reports:
            found.setdefault(
                report["article_id"],
                {
                    "article_id": report["article_id"],
                    "content_hash": report["article_hash"],
                    "title": report["article_title"],
                    "outlet": report["article_outlet"],
                    "url": report["article_url"],
                    "published": report["article_published"],
                },
            )
        return found

    @property
    def independent_sources(self) -> int:
        if self.record is not None and self.record.get("independent_sources") is not None:
            return self.record["independent_sources"]  # also counts syndicated copies once
        return independent_source_count(self.sources.values())


def fold(text: str | None) -> str | None:
    """Lower case, no accents, single spaces: how names are compared."""
    if not text:
        return None
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split()) or None


def source_key(source: dict) -> str:
    """Who published it: the outlet, else the site, else the article itself."""
    outlet = fold(source.get("outlet"))
    if outlet:
        return "outlet:" + outlet
    host = (urlsplit(source.get("url") or "").hostname or "").lower().removeprefix("www.")
    if host:
        return "site:" + host
    return "article:" + source["article_id"]


def independent_source_count(sources) -> int:
    """Distinct outlets (two articles of one outlet are one source)."""
    return len({source_key(source) for source in sources})


def _decode(row) -> dict:
    import json

    report = dict(row)
    try:
        report["tactics"] = json.loads(report.get("tactics") or "[]")
    except ValueError:
        report["tactics"] = []
    return report


def linking_available(store) -> bool:
    try:
        import sucesos.link.cluster  # noqa: F401
    except ImportError:
        return False
    return store.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'report_links'").fetchone() is not None


def link_articles(store, article_ids, *, vectors=None) -> None:
    """Link the articles' reports into events (idempotent: linked reports stay as they are)."""
    if not linking_available(store):
        return
    from sucesos.link.cluster import link_article

    for article_id in article_ids:
        try:
            link_article(store, article_id, vectors=vectors)
        except Exception:  # noqa: BLE001 - a linking bug must not stop the watch; the report alerts on its own
            log.exception("could not link the reports of article %s; they alert as separate events", article_id)


def _chunks(values: list, size: int = 500):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _reports(store, where: str, params: list) -> list[dict]:
    return [_decode(row) for row in store.conn.execute(f"{REPORT_SQL} WHERE {where}", params)]  # noqa: S608 - fixed SQL, placeholders


def _order(report: dict) -> tuple:
    return (report.get("article_ingested") or "", report["article_id"], report["idx"])


def _records(store, event_ids: list[int]) -> dict[int, dict]:
    """The read model's events (reviews applied, rejected ones included so the caller can leave them out)."""
    from sucesos.read_model import events_by_id

    return {record["id"]: record for record in events_by_id(store, event_ids)}


def _rejected(record: dict | None) -> bool:
    return bool(record) and (record.get("review") or {}).get("status") == "rejected"


def views_for_reports(store, report_ids) -> list[EventView]:
    """The events these reports belong to, each with all its reports."""
    report_ids = sorted(set(report_ids))
    if not report_ids:
        return []
    event_of: dict[int, int] = {}
    if linking_available(store):
        for chunk in _chunks(report_ids):
            marks = ",".join("?" * len(chunk))
            event_of.update(store.conn.execute(f"SELECT report_id, event_id FROM report_links WHERE report_id IN ({marks})", chunk).fetchall())  # noqa: S608
    views: list[EventView] = []
    for chunk in _chunks(sorted(set(event_of.values()))):
        marks = ",".join("?" * len(chunk))
        rows = store.conn.execute(f"SELECT report_id, event_id FROM report_links WHERE event_id IN ({marks})", chunk).fetchall()  # noqa: S608
        event_of_member = dict(rows)
        by_event: dict[int, list[dict]] = {}
        for report in _reports(store, f"e.id IN (SELECT report_id FROM report_links WHERE event_id IN ({marks}))", chunk):
            by_event.setdefault(event_of_member[report["id"]], []).append(report)
        records = _records(store, list(by_event))
        for event_id, reports in by_event.items():
            if _rejected(records.get(event_id)):
                continue  # an analyst said it did not happen: no alert, no search result
            views.append(EventView(key=f"c{event_id}", event_id=event_id, reports=sorted(reports, key=_order), record=records.get(event_id)))
    alone = [rid for rid in report_ids if rid not in event_of]
    for chunk in _chunks(alone):
        marks = ",".join("?" * len(chunk))
        for report in _reports(store, f"e.id IN ({marks})", chunk):
            views.append(EventView(key=f"r{report['article_id']}#{report['idx']}", event_id=report["id"], reports=[report]))
    return sorted(views, key=lambda view: _order(view.main))


def recent_views(store, *, limit: int = 5000) -> list[EventView]:
    """The events of the most recently stored reports (for trying a search out)."""
    ids = [row[0] for row in store.conn.execute("SELECT id FROM reports ORDER BY id DESC LIMIT ?", (limit,))]
    return views_for_reports(store, ids)


def event_url(base_url: str, view: EventView) -> str:
    return f"{base_url.rstrip('/')}/events/{view.event_id}"
