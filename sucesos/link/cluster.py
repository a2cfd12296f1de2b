"""Link each stored report to exactly one event, incrementally or all at once.

`link_article` runs after an article is saved: each of its reports not yet
linked joins the best-matching existing event or starts a new one, looking
only at the candidates blocking finds (an indexed query), never at the
whole store. `recluster` rebuilds every link in memory (after changing the
matching rules, or to link a large store at once) and keeps event ids
where the events are the same. Both follow analyst decisions
(`sucesos.link.decisions`): reports an analyst put together stay together,
reports an analyst split apart stay apart.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sucesos.link.blocking import MAX_SLACK, day_window, index_keys, query_keys
from sucesos.link.reports import Report, load_reports
from sucesos.link.score import MATCH_THRESHOLD, pair_score
from sucesos.link.text import SentenceVectors, article_minhash, minhash_to_blob, sentence_encoder

log = logging.getLogger(__name__)

# Above this many unlinked reports, `link_pending` rebuilds in memory instead
# of linking article by article (same rules, far fewer queries).
REBUILD_ABOVE = 20_000
WEEK = 7


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass
class LinkResult:
    joined: list[tuple[int, int]] = field(default_factory=list)  # (report id, event id) joined an existing event
    started: list[tuple[int, int]] = field(default_factory=list)  # (report id, event id) started a new event

    @property
    def linked(self) -> int:
        return len(self.joined) + len(self.started)


_VECTORS: SentenceVectors | None = None


def default_vectors() -> SentenceVectors:
    """A process-wide, bounded cache of sentence embeddings."""
    global _VECTORS
    if _VECTORS is None:
        _VECTORS = SentenceVectors(sentence_encoder(), max_items=50_000)
    return _VECTORS


# -- constraints ---------------------------------------------------------
class Constraints:
    """Analyst decisions as must-link groups and cannot-link pairs of report keys."""

    def __init__(self, rows: Iterable = ()):
        self.parent: dict[tuple, tuple] = {}
        self.cannot: dict[tuple, set[tuple]] = defaultdict(set)
        for row in rows:
            a, b = (row["a_article"], row["a_idx"]), (row["b_article"], row["b_idx"])
            if row["kind"] == "must":
                self._union(a, b)
            else:
                self.cannot[a].add(b)
                self.cannot[b].add(a)

    def _find(self, key: tuple) -> tuple:
        root = key
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(key, key) != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def _union(self, a: tuple, b: tuple) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
        self.parent.setdefault(min(ra, rb), min(ra, rb))

    def group(self, key: tuple) -> tuple | None:
        """The must-link group a report belongs to (None: no decision about it)."""
        return self._find(key) if key in self.parent else None

    def forbids(self, key: tuple, other: tuple) -> bool:
        return other in self.cannot.get(key, ())

    def involves(self, key: tuple) -> bool:
        return key in self.parent or key in self.cannot


def load_constraints(conn, article_ids: Iterable[str] | None = None) -> Constraints:
    """All decisions, or (faster) only those about reports of `article_ids`."""
    if article_ids is None:
        return Constraints(conn.execute("SELECT * FROM link_constraints"))
    rows = []
    for article_id in set(article_ids):
        rows.extend(conn.execute("SELECT * FROM link_constraints WHERE a_article = ? OR b_article = ?", (article_id, article_id)))
    return Constraints(rows)


# -- the decision, shared by both paths -----------------------------------
def choose_event(report: Report, candidates: dict[int, list[Report]], constraints: Constraints, vectors) -> tuple[int | None, float | None]:
    """The event (id) the report should join, with its score; (None, None) to start a new one."""
    matches = matching_events(report, candidates, constraints, vectors)
    return matches[0] if matches else (None, None)


# Two events a new report matches become one only if their own reports come
# near matching each other too (a chain of weak links is how two killings in
# one town on one day would end up as one event). Scores are log-odds
# (sucesos.link.score): "near" is odds within about 1:30 of a match, as when
# one early report gives no toll and the other a week-vague date.
BRIDGE_SLACK = 3.5
# ... and only if the new report matches the event it joins clearly, not just past the threshold.
BRIDGE_MARGIN = 1.0


def bridgeable(first: list[Report], second: list[Report], constraints: Constraints) -> bool:
    """Whether two events may become one: no analyst split, no veto between any of their reports, and a near match."""
    best = float("-inf")
    for a in first:
        for b in second:
            if constraints.forbids(a.key, b.key):
                return False
            if a.article_id == b.article_id:
                return False  # an article's own events were told apart by the extractor
            verdict = pair_score(a, b, None, lazy=False)
            if verdict.veto:
                return False
            best = max(best, verdict.score)
    return best >= MATCH_THRESHOLD - BRIDGE_SLACK


def matching_events(report: Report, candidates: dict[int, list[Report]], constraints: Constraints, vectors) -> list[tuple[int, float]]:
    """Every candidate event the report matches (no veto, best pair score >= MATCH_THRESHOLD), best first.

    Two passes: first every pair without the sentence encoder; then the
    pairs that the text could still swing are encoded in one batch (the
    encoder costs a few ms a call, whatever the batch size up to dozens).
    """
    use_encoder = vectors is not None and vectors.encoder is not None
    structured: dict[int, list[tuple[Report, float, bool]]] = {}
    undecided: list[Report] = []
    for event_id, members in candidates.items():
        pairs, vetoed = [], False
        for member in members:
            if constraints.forbids(report.key, member.key):
                vetoed = True
                break
            verdict = pair_score(report, member, None)
            if verdict.veto:
                vetoed = True
                break
            pairs.append((member, verdict.score, verdict.undecided))
            if use_encoder and verdict.undecided:
                undecided.append(member)
        if not vetoed:
            structured[event_id] = pairs
    if undecided:
        vectors.prepare([report, *undecided])
    found = []
    for event_id, pairs in structured.items():
        top = float("-inf")
        for member, score, open_question in pairs:
            if use_encoder and open_question:
                score = pair_score(report, member, vectors, lazy=True).score
            top = max(top, score)
        if top >= MATCH_THRESHOLD:
            found.append((event_id, top))
    return sorted(found, key=lambda item: (-item[1], item[0]))


# -- incremental ---------------------------------------------------------
def _block_rows(report: Report) -> list[tuple]:
    window = day_window(report)
    lo, hi = window if window else (None, None)
    return [(key, lo, hi, report.id) for key in index_keys(report)]


def _candidate_report_ids(conn, report: Report) -> set[int]:
    keys = query_keys(report)
    marks = ",".join("?" * len(keys))
    window = day_window(report)
    if window is None:
        rows = conn.execute(f"SELECT report_id FROM link_blocks WHERE key IN ({marks})", keys)  # noqa: S608 - placeholders only
    else:
        lo, hi = window
        rows = conn.execute(
            f"SELECT report_id FROM link_blocks WHERE key IN ({marks}) AND day_lo BETWEEN ? AND ? AND day_hi >= ?",  # noqa: S608
            (*keys, lo - 2 * MAX_SLACK, hi, lo),
        )
    return {row[0] for row in rows}


def _events_of(conn, report_ids: set[int]) -> dict[int, list[Report]]:
    """The events (all their reports) that these reports are linked to."""
    if not report_ids:
        return {}
    ids = sorted(report_ids)
    event_ids: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        event_ids.update(row[0] for row in conn.execute(f"SELECT DISTINCT event_id FROM report_links WHERE report_id IN ({marks})", chunk))  # noqa: S608
    return _members(conn, event_ids)


def _members(conn, event_ids: Iterable[int]) -> dict[int, list[Report]]:
    event_ids = sorted(set(event_ids))
    members: dict[int, list[Report]] = {event_id: [] for event_id in event_ids}
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT report_id, event_id FROM report_links WHERE event_id IN ({marks})", chunk).fetchall()  # noqa: S608
        event_of = {row[0]: row[1] for row in rows}
        if not event_of:
            continue
        report_ids = list(event_of)
        for rstart in range(0, len(report_ids), 500):
            rchunk = report_ids[rstart : rstart + 500]
            for report in load_reports(conn, f"e.id IN ({','.join('?' * len(rchunk))})", rchunk):
                members[event_of[report.id]].append(report)
    return {event_id: sorted(reports, key=lambda r: r.order) for event_id, reports in members.items() if reports}


def _must_partner_event(conn, report: Report, constraints: Constraints) -> int | None:
    group = constraints.group(report.key)
    if group is None:
        return None
    keys = [key for key, _ in constraints.parent.items() if constraints.group(key) == group and key != report.key]
    for article_id, idx in keys:
        row = conn.execute(
            "SELECT l.event_id FROM reports e JOIN report_links l ON l.report_id = e.id WHERE e.article_id = ? AND e.idx = ?",
            (article_id, idx),
        ).fetchone()
        if row:
            return row[0]
    return None


def _link(conn, report: Report, event_id: int | None, score: float | None, method: str) -> int:
    now = _now()
    if event_id is None:
        event_id = conn.execute("INSERT INTO events (created_at) VALUES (?)", (now,)).lastrowid
    conn.execute(
        "INSERT INTO report_links (report_id, event_id, score, method, linked_at) VALUES (?, ?, ?, ?, ?)",
        (report.id, event_id, score, method, now),
    )
    conn.executemany("INSERT INTO link_blocks (key, day_lo, day_hi, report_id) VALUES (?, ?, ?, ?)", _block_rows(report))
    return event_id


def link_article(store, article_id: str, *, vectors: SentenceVectors | None = None) -> LinkResult:
    """Link the article's stored reports that are not linked yet; returns what joined and what started.

    Safe to call again: reports already linked are left as they are, so a
    re-ingest changes nothing. Runs in its own transaction.
    """
    vectors = vectors if vectors is not None else default_vectors()
    result = LinkResult()
    with store.transaction() as conn:
        _store_signature(conn, article_id)  # first: its reports carry it, and a copy of a stored article shows
        reports = load_reports(
            conn, "e.article_id = ? AND NOT EXISTS (SELECT 1 FROM report_links l WHERE l.report_id = e.id)", (article_id,)
        )
        if not reports:
            return result
        constraints = load_constraints(conn, [article_id])
        for report in sorted(reports, key=lambda r: r.idx):
            forced = _must_partner_event(conn, report, constraints)
            if forced is not None:
                _link(conn, report, forced, None, "manual")
                result.joined.append((report.id, forced))
                continue
            candidates = _events_of(conn, _candidate_report_ids(conn, report))
            matches = matching_events(report, candidates, constraints, vectors)
            event_id, score = matches[0] if matches else (None, None)
            method = "manual" if constraints.involves(report.key) else "auto"
            linked = _link(conn, report, event_id, score, method)
            (result.joined if event_id is not None else result.started).append((report.id, linked))
            strong = [other for other, _other_score in matches[1:]]
            if strong and score >= MATCH_THRESHOLD + BRIDGE_MARGIN:
                _bridge(conn, linked, [candidates[linked] + [report]] + [candidates[other] for other in strong], strong, constraints)
    return result


def _bridge(conn, kept: int, groups: list[list[Report]], others: list[int], constraints: Constraints) -> None:
    """Fold into `kept` the other events the new report also matched, where nothing vetoes it.

    Linking is incremental: two early reports of one incident that do not
    match each other start two events, and a later report that matches both
    shows they are one. Events with analyst decisions are left as they are.
    """
    members = list(groups[0])
    for other, other_members in zip(others, groups[1:]):
        if any(constraints.involves(r.key) for r in other_members):
            continue
        if not bridgeable(members, other_members, constraints):
            continue
        conn.execute("UPDATE report_links SET event_id = ? WHERE event_id = ?", (kept, other))
        conn.execute("DELETE FROM events WHERE id = ?", (other,))
        members.extend(other_members)


def _store_signature(conn, article_id: str) -> None:
    """The article's MinHash, kept for telling syndicated copies apart from independent sources."""
    row = conn.execute(
        "SELECT a.text, a.content_hash, s.content_hash AS signed FROM articles a"
        " LEFT JOIN article_signatures s ON s.article_id = a.id WHERE a.id = ?",
        (article_id,),
    ).fetchone()
    if row is None or row["signed"] == row["content_hash"]:
        return
    conn.execute(
        "INSERT OR REPLACE INTO article_signatures (article_id, content_hash, minhash) VALUES (?, ?, ?)",
        (article_id, row["content_hash"], minhash_to_blob(article_minhash(row["text"]))),
    )


def pending_article_ids(store) -> list[str]:
    """Articles with at least one report not linked to an event, in ingest order."""
    rows = store.conn.execute(
        "SELECT a.id FROM articles a WHERE EXISTS (SELECT 1 FROM reports e WHERE e.article_id = a.id"
        " AND NOT EXISTS (SELECT 1 FROM report_links l WHERE l.report_id = e.id)) ORDER BY a.ingested_at, a.id"
    )
    return [row[0] for row in rows]


def link_pending(store, *, on_progress: Callable[[int], None] | None = None) -> int:
    """Link every report not yet linked (e.g. stored before linking was wired in); returns how many."""
    # Each link points at an existing report (cascade) and no report has two
    # links (primary key), so equal counts mean nothing is pending: two index
    # counts instead of an anti-join over the whole store.
    reports = store.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    links = store.conn.execute("SELECT COUNT(*) FROM report_links").fetchone()[0]
    if reports == links:
        return 0
    unlinked = store.conn.execute(
        "SELECT COUNT(*) FROM reports e WHERE NOT EXISTS (SELECT 1 FROM report_links l WHERE l.report_id = e.id)"
    ).fetchone()[0]
    if not unlinked:
        return 0
    if unlinked > REBUILD_ABOVE:
        recluster(store, on_progress=on_progress)
        return unlinked
    vectors = default_vectors()
    for article_id in pending_article_ids(store):
        linked = link_article(store, article_id, vectors=vectors).linked
        if on_progress:
            on_progress(linked)
    return unlinked


# -- rebuild -------------------------------------------------------------
class MemoryIndex:
    """Blocking keys in memory: key -> week -> reports (a report sits in each week its window touches)."""

    def __init__(self):
        self.buckets: dict[str, dict[int | None, list[Report]]] = defaultdict(lambda: defaultdict(list))

    def add(self, report: Report) -> None:
        window = day_window(report)
        weeks = [None] if window is None else range(window[0] // WEEK, window[1] // WEEK + 1)
        for key in index_keys(report):
            bucket = self.buckets[key]
            for week in weeks:
                bucket[week].append(report)

    def candidates(self, report: Report) -> dict[int, Report]:
        window = day_window(report)
        found: dict[int, Report] = {}
        weeks = [None] if window is None else range(window[0] // WEEK, window[1] // WEEK + 1)
        for key in query_keys(report):
            bucket = self.buckets.get(key)
            if not bucket:
                continue
            for week in weeks:
                for other in bucket.get(week, ()):
                    if window is not None:
                        other_window = other.window
                        if other_window[1] < window[0] or other_window[0] > window[1]:
                            continue
                    found[other.id] = other
        return found


def cluster_reports(
    reports: list[Report],
    constraints: Constraints | None = None,
    *,
    vectors: SentenceVectors | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[dict[int, int], dict[int, float | None]]:
    """Cluster reports in memory, in first-seen order; returns report id -> cluster number, and each join's score."""
    constraints = constraints or Constraints()
    index = MemoryIndex()
    cluster_of: dict[int, int] = {}
    members: dict[int, list[Report]] = {}
    group_cluster: dict[tuple, int] = {}
    scores: dict[int, float | None] = {}
    next_cluster = 0
    for count, report in enumerate(sorted(reports, key=lambda r: r.order), 1):
        group = constraints.group(report.key)
        chosen, score = (group_cluster.get(group), None) if group is not None else (None, None)
        if chosen is None:
            found = index.candidates(report)
            candidate_events: dict[int, list[Report]] = {}
            for cluster in {cluster_of[other_id] for other_id in found}:
                candidate_events[cluster] = members[cluster]
            matches = matching_events(report, candidate_events, constraints, vectors)
            chosen, score = matches[0] if matches else (None, None)
            for other, other_score in matches[1:]:
                if score < MATCH_THRESHOLD + BRIDGE_MARGIN:
                    continue
                if other in members and chosen in members and not any(constraints.involves(r.key) for r in members[other]):
                    if bridgeable(members[chosen] + [report], members[other], constraints):
                        for moved in members.pop(other):
                            cluster_of[moved.id] = chosen
                            members[chosen].append(moved)
        if chosen is None:
            chosen = next_cluster
            next_cluster += 1
            members[chosen] = []
        members[chosen].append(report)
        cluster_of[report.id] = chosen
        scores[report.id] = score
        if group is not None:
            group_cluster.setdefault(group, chosen)
        index.add(report)
        if on_progress and count % 10_000 == 0:
            on_progress(10_000)
    return cluster_of, scores


def _keep_ids(cluster_of: dict[int, int], old_event_of: dict[int, int], first_free: int) -> dict[int, int]:
    """New cluster number -> event id, keeping an old id where most of its reports stayed together."""
    overlap: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for report_id, cluster in cluster_of.items():
        old = old_event_of.get(report_id)
        if old is not None:
            overlap[cluster][old] += 1
    pairs = sorted(
        ((count, cluster, old) for cluster, olds in overlap.items() for old, count in olds.items()),
        key=lambda item: (-item[0], item[2]),
    )
    assigned: dict[int, int] = {}
    taken: set[int] = set()
    for _count, cluster, old in pairs:
        if cluster not in assigned and old not in taken:
            assigned[cluster] = old
            taken.add(old)
    next_id = first_free
    for cluster in sorted(set(cluster_of.values())):
        if cluster not in assigned:
            assigned[cluster] = next_id
            next_id += 1
    return assigned


def recluster(store, *, vectors: SentenceVectors | None = None, on_progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Re-link every report from scratch (analyst decisions still hold); returns counts."""
    vectors = vectors if vectors is not None else SentenceVectors(sentence_encoder())
    conn = store.conn
    reports = load_reports(conn)
    constraints = load_constraints(conn)
    cluster_of, scores = cluster_reports(reports, constraints, vectors=vectors, on_progress=on_progress)
    with store.transaction() as conn:
        old_event_of = dict(conn.execute("SELECT report_id, event_id FROM report_links").fetchall())
        first_free = (conn.execute("SELECT MAX(id) FROM events").fetchone()[0] or 0) + 1
        event_ids = _keep_ids(cluster_of, old_event_of, first_free)
        # Every link is rewritten: clear the old ones (the trigger that drops
        # emptied events would run a million times here, so bypass it).
        conn.execute("DELETE FROM link_blocks")
        conn.execute("DROP TRIGGER IF EXISTS report_links_drop_empty_event")
        conn.execute("DELETE FROM report_links")
        conn.execute("DELETE FROM events")
        now = _now()
        conn.executemany("INSERT INTO events (id, created_at) VALUES (?, ?)", ((event_id, now) for event_id in sorted(set(event_ids.values()))))
        conn.executemany(
            "INSERT INTO report_links (report_id, event_id, score, method, linked_at) VALUES (?, ?, ?, ?, ?)",
            (
                (r.id, event_ids[cluster_of[r.id]], scores[r.id], "manual" if constraints.involves(r.key) else "auto", now)
                for r in reports
            ),
        )
        conn.executemany(
            "INSERT INTO link_blocks (key, day_lo, day_hi, report_id) VALUES (?, ?, ?, ?)",
            (row for r in reports for row in _block_rows(r)),
        )
        _restore_trigger(conn)
    return {"reports": len(reports), "events": len(set(cluster_of.values()))}


def _restore_trigger(conn) -> None:
    # The same trigger as migration 23 creates.
    conn.execute(
        "CREATE TRIGGER report_links_drop_empty_event AFTER DELETE ON report_links"
        " WHEN NOT EXISTS (SELECT 1 FROM report_links WHERE event_id = OLD.event_id)"
        " BEGIN DELETE FROM events WHERE id = OLD.event_id; END"
    )
