"""De-duplicated events with their corroboration: reports, sources, ranges.

For each event (a cluster of reports): its reports, the articles they came
from, how many of those are independent (one outlet counts once; a
syndicated copy or wire rewrite, near-identical in text, counts once; the
stories of one wire agency, credited in the dateline or the outlet name,
count once), the
first report's publication time, and each conflicting figure as a range
with ACLED's conservative value (the lowest count) as the headline.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from urllib.parse import urlsplit

import numpy as np

from sucesos import taxonomy
from sucesos.link.reports import GENERIC_ACTOR_PREFIXES, fold
from sucesos.link.text import NEAR_DUPLICATE_JACCARD, article_minhash, estimated_jaccard, signature_from_blob
from sucesos.store.store import event_filter_sql

HEADLINE_FIELDS = (
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "country", "iso3", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "event_date", "time_precision", "date_phrase", "fatalities", "injuries", "tactics", "modality", "confidence",
)  # fmt: skip
PLACE_FIELDS = ("country", "iso3", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision")
ACTOR_FIELDS = ("actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2")
REPORT_FIELDS = (
    "event_type", "sub_event_type", "actor1", "actor2", "location", "admin1", "event_date", "time_precision",
    "fatalities", "injuries", "tactics", "modality", "confidence",
)  # fmt: skip
CHUNK = 500


def _where(filters: dict) -> tuple[str, list]:
    where, params = event_filter_sql(filters)
    return where or "1 = 1", params


def event_ids(store, *, limit: int | None = None, offset: int = 0, **filters) -> list[int]:
    """Ids of de-duplicated events with at least one report matching the filters (Store.events' filters)."""
    where, params = _where(filters)
    if where == "1 = 1":  # no filter: every event, straight from its own table (its rows are never empty: a trigger drops an event with no report)
        sql, params = "SELECT id FROM events ORDER BY id", []
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [limit, offset]
        return [row[0] for row in store.conn.execute(sql, params)]
    sql = (
        "SELECT DISTINCT l.event_id FROM reports e JOIN report_links l ON l.report_id = e.id"  # noqa: S608 - fixed clauses
        f" WHERE {where} ORDER BY l.event_id"
    )
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [row[0] for row in store.conn.execute(sql, params)]


def count_events(store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]


def deduplicated_events(store, *, limit: int | None = None, offset: int = 0, ids: list[int] | None = None, **filters) -> list[dict]:
    """De-duplicated events, each with its reports and sources (see `event_record` for the shape)."""
    ids = ids if ids is not None else event_ids(store, limit=limit, offset=offset, **filters)
    events = []
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        reports = _reports(store.conn, chunk)
        signatures = _signatures(store.conn, [reports[event_id] for event_id in chunk if reports.get(event_id)])
        for event_id in chunk:
            if reports.get(event_id):
                events.append(event_record(event_id, reports[event_id], signatures))
    return events


def _reports(conn, ids: list[int]) -> dict[int, list[dict]]:
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        "SELECT e.*, l.event_id, l.score AS link_score, l.method AS link_method, a.title AS article_title, a.url AS article_url,"  # noqa: S608
        " a.outlet AS article_outlet, a.published AS article_published, a.lang AS article_lang, a.ingested_at AS article_ingested_at,"
        " a.content_hash AS article_hash, substr(a.text, 1, 400) AS article_head,"
        " CASE WHEN e.sentence_start IS NOT NULL THEN substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) END AS sentence_text"
        f" FROM report_links l JOIN reports e ON e.id = l.report_id JOIN articles a ON a.id = e.article_id WHERE l.event_id IN ({marks})"
        " ORDER BY l.event_id, a.ingested_at, e.article_id, e.idx",
        ids,
    ).fetchall()
    by_event: dict[int, list[dict]] = {}
    report_ids = []
    for row in rows:
        report = dict(row)
        report["tactics"] = json.loads(report["tactics"] or "[]")
        report["evidence"] = []
        by_event.setdefault(report["event_id"], []).append(report)
        report_ids.append(report["id"])
    index = {r["id"]: r for reports in by_event.values() for r in reports}
    for start in range(0, len(report_ids), CHUNK):
        chunk = report_ids[start : start + CHUNK]
        for row in conn.execute(
            f'SELECT report_id, field, start, "end", text FROM evidence WHERE report_id IN ({",".join("?" * len(chunk))}) ORDER BY id',  # noqa: S608
            chunk,
        ):
            index[row["report_id"]]["evidence"].append({"field": row["field"], "start": row["start"], "end": row["end"], "text": row["text"]})
    return by_event


def _source_key(report: dict) -> str:
    """One outlet counts once: the outlet's name, else the site's host, else the article itself."""
    outlet = fold(report.get("article_outlet"))
    if outlet:
        return "outlet:" + outlet
    url = report.get("article_url")
    if url:
        host = urlsplit(url).hostname or ""
        host = host[4:] if host.startswith("www.") else host
        if host:
            return "host:" + host
    return "article:" + report["article_id"]


# A wire agency credited in the dateline or the outlet's name ("MEXICO CITY
# (Reuters) -", "Yahoo News (AP)", "(EL UNIVERSAL).-"): every outlet running
# that agency's story, however edited, is one independent source.
WIRE_AGENCIES = re.compile(
    r"\((Reuters|AP|Associated Press|AFP|Agence France-Presse|EFE|dpa|DPA|Xinhua|Notimex|Europa Press|EL UNIVERSAL|El Universal|NNN-AGENCIAS|Bloomberg)\)"
)


def wire_agency(report: dict) -> str | None:
    """The wire agency an article credits, folded ("reuters", "ap"), or None."""
    for text in (report.get("article_outlet") or "", report.get("article_head") or ""):
        match = WIRE_AGENCIES.search(text)
        if match:
            name = fold(match.group(1))
            return {"associated press": "ap", "agence france-presse": "afp"}.get(name, name)
    return None


def _signatures(conn, events: list[list[dict]]) -> dict[str, np.ndarray]:
    """MinHash of each article text, needed only for events with two or more outlets: one query for a page of events."""
    hashes = {r["article_id"]: r["article_hash"] for reports in events if len({_source_key(r) for r in reports}) >= 2 for r in reports}
    article_ids = sorted(hashes)
    stored: dict[str, np.ndarray] = {}
    for start in range(0, len(article_ids), CHUNK):
        chunk = article_ids[start : start + CHUNK]
        marks = ",".join("?" * len(chunk))
        for article_id, content_hash, blob in conn.execute(
            f"SELECT article_id, content_hash, minhash FROM article_signatures WHERE article_id IN ({marks})", chunk  # noqa: S608
        ):
            if content_hash == hashes[article_id]:  # a signature of the text as it is now
                stored[article_id] = signature_from_blob(blob)
    for article_id in article_ids:
        if article_id not in stored:  # not linked yet (or its text changed since): computed, not stored, by a reader
            row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
            stored[article_id] = article_minhash(row[0]).hashvalues
    return stored


def independent_groups(reports: list[dict], signatures: dict[str, np.ndarray]) -> dict[str, int]:
    """Article id -> independence group; articles in one group count as one source."""
    articles = []
    seen = set()
    for report in reports:
        if report["article_id"] not in seen:
            seen.add(report["article_id"])
            articles.append(report)
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    first_of_key: dict[str, int] = {}
    for i, article in enumerate(articles):
        agency = wire_agency(article)
        for key in (_source_key(article), f"wire:{agency}" if agency else None):
            if key is None:
                continue
            if key in first_of_key:
                union(i, first_of_key[key])
            else:
                first_of_key[key] = i
    for i in range(len(articles)):
        for j in range(i + 1, len(articles)):
            a, b = signatures.get(articles[i]["article_id"]), signatures.get(articles[j]["article_id"])
            if a is not None and b is not None and find(i) != find(j) and estimated_jaccard(a, b) >= NEAR_DUPLICATE_JACCARD:
                union(i, j)
    roots: dict[int, int] = {}
    return {article["article_id"]: roots.setdefault(find(i), len(roots)) for i, article in enumerate(articles)}


def _is_specific(actor: str | None) -> bool:
    return bool(actor) and not (fold(actor) or "").startswith(GENERIC_ACTOR_PREFIXES)


def _representative(reports: list[dict]) -> dict:
    """The most precise report: best place (its municipality known), then best date, then most confident, then first seen."""

    def rank(item):
        position, report = item
        return (
            report["geo_precision"] or 9,
            report["admin2"] is None,  # a town whose municipality is known over one known only by its name
            report["time_precision"] or 9,
            -(report["confidence"] or 0.0),
            position,
        )

    return min(enumerate(reports), key=rank)[1]


def _majority(values: list, fallback, prefer=None):
    """The commonest value; a tie goes to a `prefer`red value, then to the fallback, then to the first told."""
    counted = Counter(v for v in values if v is not None)
    if not counted:
        return fallback
    top = max(counted.values())
    winners = [v for v in values if v is not None and counted[v] == top]
    if prefer is not None:
        winners = [v for v in winners if prefer(v)] or winners
    return fallback if fallback in winners else winners[0]


def _specific_sub_type(sub_type: str) -> bool:
    # outlets split between an attack and an abduction, a protest and a protest police broke up: the
    # rarer sub-type is the one told by the outlet that told more (an abduction is an attack to the other)
    return sub_type not in taxonomy.COMMON_SUB_EVENT_TYPES


def _range(values: list[int | None]) -> list[int] | None:
    known = [v for v in values if v is not None]
    return [min(known), max(known)] if known else None


def event_record(event_id: int, reports: list[dict], signatures: dict | None = None) -> dict:
    """One de-duplicated event: headline values (CONTRACT Event fields), its sources and its reports."""
    rep = _representative(reports)
    record: dict = {"id": event_id}
    for key in HEADLINE_FIELDS:
        record[key] = rep.get(key)
    if record.get("admin2") is None and record.get("admin1"):
        # a town known by name only (its namesake dropped): the municipality another report of it gives in that state
        placed = [r for r in reports if r["admin2"] and r["admin1"] == record["admin1"]]
        if placed:
            record["admin2"] = _representative(placed)["admin2"]
    record["event_type"] = _majority([r["event_type"] for r in reports], rep["event_type"])
    subtypes = [r["sub_event_type"] for r in reports if r["event_type"] == record["event_type"]]
    record["sub_event_type"] = _majority(subtypes, rep["sub_event_type"] if rep["event_type"] == record["event_type"] else None, _specific_sub_type)
    if not _is_specific(rep.get("actor1")):
        specific = next((r for r in reports if _is_specific(r.get("actor1"))), None)
        if specific is not None:
            for key in ACTOR_FIELDS:
                record[key] = specific.get(key)
    groups = independent_groups(reports, signatures or {})
    dated = [r for r in reports if r["event_date"]]
    if dated:
        best_precision = min(r["time_precision"] or 9 for r in dated)
        precise = [r for r in dated if (r["time_precision"] or 9) == best_precision]
        # one vote per independent source: ten copies of one wire story date it once
        counted = Counter(d for d, _group in {(r["event_date"], groups.get(r["article_id"], r["article_id"])) for r in precise})
        top = max(counted.values())
        record["event_date"] = min(d for d in counted if counted[d] == top)  # ties: the earliest
        record["time_precision"] = best_precision if best_precision != 9 else None
        record["date_phrase"] = next((r["date_phrase"] for r in dated if r["event_date"] == record["event_date"]), None)
    record["fatalities_range"] = _range([r["fatalities"] for r in reports])
    record["injuries_range"] = _range([r["injuries"] for r in reports])
    # ACLED's conservative rule: when sources disagree, the lowest count. A 0 is ACLED's value for "no
    # death stated" (a report of the wounded only), not a count that contradicts another report's dead.
    counts = [r["fatalities"] for r in reports if r["fatalities"]]
    record["fatalities"] = min(counts) if counts else (record["fatalities_range"][0] if record["fatalities_range"] else None)
    record["injuries"] = record["injuries_range"][0] if record["injuries_range"] else None
    record["tactics"] = sorted({t for r in reports for t in r["tactics"]})
    confidences = [r["confidence"] for r in reports if r["confidence"] is not None]
    record["confidence"] = max(confidences) if confidences else None
    record["evidence"] = [{**ev, "article_id": rep["article_id"]} for ev in rep["evidence"]]

    sources, seen = [], set()
    for report in reports:
        if report["article_id"] in seen:
            continue
        seen.add(report["article_id"])
        sources.append(
            {
                "article_id": report["article_id"],
                "url": report["article_url"],
                "outlet": report["article_outlet"],
                "title": report["article_title"],
                "published": report["article_published"],
                "lang": report["article_lang"],
                "independent_group": groups.get(report["article_id"]),
            }
        )
    record["sources"] = sources
    record["n_reports"] = len(reports)
    record["n_sources"] = len(sources)
    record["independent_sources"] = len(set(groups.values()))
    published = sorted(s["published"] for s in sources if s["published"])
    record["first_reported"] = published[0] if published else None
    record["first_ingested"] = min(r["article_ingested_at"] for r in reports)
    record["reports"] = [
        {
            "report_id": r["id"],
            "article_id": r["article_id"],
            "idx": r["idx"],
            **{key: r[key] for key in REPORT_FIELDS},
            "sentence": None if r["sentence_start"] is None else {"start": r["sentence_start"], "end": r["sentence_end"], "text": r["sentence_text"]},
            "link": {"score": r["link_score"], "method": r["link_method"]},
            "evidence": r["evidence"],
        }
        for r in reports
    ]
    record["representative_report"] = rep["id"]
    return record
