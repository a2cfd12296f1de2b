"""Read-side queries shared by the CLI, the web pages and their JSON twins: actors and claims.

Events are read through `sucesos.read_model` (re-exported here): the one
place that applies analysts' reviews, edits, merges and splits.
"""

from __future__ import annotations

import json
from collections import Counter

from sucesos.read_model import (  # noqa: F401 - the events' read model, re-exported for older imports
    EVENT_LEVEL_PARAMS,
    FILTER_PARAMS,
    MAP_FIELDS,
    find_events,
    get_event,
    map_points,
    timeline,
)


def actors(store) -> list[dict]:
    rows = store.conn.execute(
        "SELECT a.id, a.name, a.type, COUNT(DISTINCT m.article_id) AS articles, COUNT(m.id) AS mentions"
        " FROM actors a LEFT JOIN mentions m ON m.actor_id = a.id GROUP BY a.id ORDER BY articles DESC, a.name"
    ).fetchall()
    return [dict(row) for row in rows]


def actor_detail(store, actor_id: str) -> dict | None:
    row = store.conn.execute("SELECT id, name, type, inter, country FROM actors WHERE id = ?", (actor_id,)).fetchone()
    if row is None:
        return None
    actor = dict(row)
    actor["aliases"] = [r[0] for r in store.conn.execute("SELECT alias FROM actor_aliases WHERE actor_id = ? ORDER BY alias", (actor_id,))]
    names = {actor["name"], actor_id}
    marks = ",".join("?" * len(names))
    relations = store.conn.execute(
        "SELECT r.article_id, r.subject, r.predicate, r.object, r.evidence_start, r.evidence_end, r.evidence_text, r.claim_idx, r.hedged,"
        " a.title, a.outlet, a.published, c.source_text, c.source_type, c.via"
        f" FROM relations r JOIN articles a ON a.id = r.article_id"
        " LEFT JOIN claims c ON c.article_id = r.article_id AND c.idx = r.claim_idx"
        f" WHERE r.subject IN ({marks}) OR r.object IN ({marks}) ORDER BY a.published, r.id",  # noqa: S608 - placeholders only
        [*names, *names],
    ).fetchall()
    actor["relations"] = [
        {
            "subject": r["subject"], "predicate": r["predicate"], "object": r["object"], "hedged": bool(r["hedged"]),
            "evidence": {"start": r["evidence_start"], "end": r["evidence_end"], "text": r["evidence_text"]},
            "article": {"id": r["article_id"], "title": r["title"], "outlet": r["outlet"], "published": r["published"]},
            "claim": None if r["claim_idx"] is None else {"source": r["source_text"], "source_type": r["source_type"], "via": json.loads(r["via"] or "[]")},
        }
        for r in relations
    ]  # fmt: skip
    months = store.conn.execute(
        "SELECT substr(MIN(e.event_date), 1, 7) AS month FROM reports e JOIN report_links l ON l.report_id = e.id"
        " WHERE e.actor1 = ? OR e.actor2 = ? OR e.assoc_actor_1 = ? OR e.assoc_actor_2 = ? GROUP BY l.event_id",
        [actor["name"]] * 4,
    ).fetchall()
    per_month = Counter(row["month"] for row in months if row["month"])
    actor["events_over_time"] = [{"month": m, "events": n} for m, n in sorted(per_month.items())]
    actor["events"] = sum(per_month.values()) + sum(1 for row in months if not row["month"])
    return actor


def find_actor(store, name_or_id: str) -> dict | None:
    """An actor by lexicon id, canonical name or any alias seen (case-insensitive)."""
    row = store.conn.execute("SELECT id FROM actors WHERE id = ? OR lower(name) = lower(?)", (name_or_id, name_or_id)).fetchone()
    if row is None:
        row = store.conn.execute("SELECT actor_id AS id FROM actor_aliases WHERE lower(alias) = lower(?) LIMIT 1", (name_or_id,)).fetchone()
    return actor_detail(store, row["id"]) if row else None


def relation_summary(actor: dict, predicate: str | None = None) -> list[dict]:
    """Who the actor is related to and how, according to whom, since when.

    One row per (predicate, counterpart): first and latest publication date
    of the articles saying so, how many articles, the sources the claims rest
    on (a relation stated by the writer counts as "the outlet"), and whether
    every report of it was hedged.
    """
    names = {actor["name"], actor["id"]}
    groups: dict[tuple[str, str], dict] = {}
    for relation in actor["relations"]:
        if predicate and relation["predicate"] != predicate:
            continue
        outgoing = relation["subject"] in names
        other = relation["object"] if outgoing else relation["subject"]
        label = relation["predicate"] if outgoing else f"{relation['predicate']} (by)"
        group = groups.setdefault((label, other), {"predicate": label, "counterpart": other, "articles": set(), "dates": [], "according_to": set(), "all_hedged": True})
        group["articles"].add(relation["article"]["id"])
        if relation["article"]["published"]:
            group["dates"].append(relation["article"]["published"][:10])
        claim = relation["claim"]
        if claim:
            chain = " → ".join([claim.get("source") or claim.get("source_type") or "?", *[v.get("name", "?") for v in claim.get("via", [])]])
            group["according_to"].add(f"{chain} ({claim.get('source_type')})")
        else:
            group["according_to"].add(relation["article"]["outlet"] or "the outlet")
        group["all_hedged"] = group["all_hedged"] and relation["hedged"]
    rows = []
    for group in groups.values():
        dates = sorted(group.pop("dates"))
        rows.append({**group, "articles": len(group["articles"]), "since": dates[0] if dates else None, "latest": dates[-1] if dates else None, "according_to": sorted(group["according_to"])})
    return sorted(rows, key=lambda r: (r["predicate"], r["since"] or "", r["counterpart"]))


def claims(store, *, limit: int = 100, offset: int = 0, source_type: str | None = None, hedged: bool | None = None, article_id: str | None = None) -> list[dict]:
    where, params = [], []
    if article_id:
        where.append("c.article_id = ?")
        params.append(article_id)
    if source_type:
        where.append("c.source_type = ?")
        params.append(source_type)
    if hedged is not None:
        where.append("c.hedged = ?")
        params.append(int(hedged))
    sql = (
        "SELECT c.*, a.title, a.outlet, a.published FROM claims c JOIN articles a ON a.id = c.article_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY a.published DESC, c.article_id, c.idx LIMIT ? OFFSET ?"
    )
    rows = store.conn.execute(sql, [*params, limit, offset]).fetchall()
    result = []
    for row in rows:
        claim = {
            "article": {"id": row["article_id"], "title": row["title"], "outlet": row["outlet"], "published": row["published"]},
            "idx": row["idx"], "source_type": row["source_type"], "hedged": bool(row["hedged"]), "opinion": bool(row["opinion"]),
            "via": json.loads(row["via"] or "[]"),
        }  # fmt: skip
        for part in ("source", "cue", "content"):
            start = row[f"{part}_start"]
            claim[part] = None if start is None else {"start": start, "end": row[f"{part}_end"], "text": row[f"{part}_text"]}
        claim["chain"] = source_chain(claim)
        result.append(claim)
    return result


def source_chain(claim: dict) -> list[str]:
    """"anonymous officials → New York Post → this outlet", as a list of hops."""
    first = (claim.get("source") or {}).get("text") or {"unattributed": "no source given"}.get(claim.get("source_type"), claim.get("source_type") or "?")
    if claim.get("source_type") == "anonymous":
        first = f"{first} (anonymous)"
    hops = [first] + [hop.get("name", "?") for hop in claim.get("via", [])]
    hops.append(claim["article"]["outlet"] or "this outlet")
    return hops


def claims_for_event(store, event: dict) -> list[dict]:
    """Claims of the event's articles whose content overlaps one of its report sentences."""
    found = []
    for report in event.get("reports", []):
        sentence = report.get("sentence")
        if not sentence:
            continue
        for claim in claims_in_article(store, report["article_id"]):
            content = claim.get("content") or {}
            if content and content["start"] < sentence["end"] and sentence["start"] < content["end"]:
                found.append(claim)
    return found


def claims_in_article(store, article_id: str) -> list[dict]:
    return claims(store, limit=10_000, article_id=article_id)
