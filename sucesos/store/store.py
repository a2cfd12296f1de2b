"""The store: one SQLite file (WAL), opened with migrations applied.

Writes are one transaction per article: the article row, its extraction and
every entity row land together or not at all, so a crash or a bad article
never leaves half an article. Re-ingesting the same content is a no-op:
articles are keyed on the hash of their normalised text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sucesos.errors import ConfigError, Errors
from sucesos.model import Article, Extraction
from sucesos.taxonomy import LANGUAGES
from sucesos.store import migrations_distributed, migrations_watch, migrations_web  # noqa: F401 - they register their migrations
from sucesos.store.migrations import apply_migrations, latest_version, pending_migrations

BUSY_TIMEOUT_MS = 30_000


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True)
class SaveResult:
    article_id: str
    status: str  # "new", "updated", "unchanged", "reextracted"


EVENT_COLUMNS = (
    "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "country", "iso3", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "event_date", "time_precision", "date_phrase", "fatalities", "injuries", "modality", "confidence",
)  # fmt: skip

EVENT_FILTERS = {
    "event_type": "e.event_type = ?",
    "sub_event_type": "e.sub_event_type = ?",
    "admin1": "e.admin1 = ?",
    "admin2": "e.admin2 = ?",
    "country": "(e.country = ? OR e.iso3 = ?)",
    "actor": "(e.actor1 = ? OR e.actor2 = ? OR e.assoc_actor_1 = ? OR e.assoc_actor_2 = ?)",
    "modality": "e.modality = ?",
    "since": "e.event_date >= ?",
    "until": "e.event_date <= ?",
    "article_id": "e.article_id = ?",
    "tactic": "e.tactics LIKE ?",
}
# Filters naming one value of a field an analyst can edit: a report whose
# analyst's value is the one asked for matches too (the read model then checks
# every candidate against its edited values, so one edited away drops out).
# Overrides are few (analysts' edits), so the second arm is a small id list
# that the indexes answer beside the first.
EDITED_EXACT_FILTERS = ("event_type", "sub_event_type", "admin1", "admin2", "modality")
_EDITED_TO = (
    "e.id IN (SELECT oe.id FROM overrides o JOIN reports oe ON oe.article_id = o.article_id AND oe.idx = o.idx"
    " WHERE o.field = '{field}' AND o.value = ?)"
)


def event_filter_sql(filters: dict) -> tuple[str, list]:
    """SQL condition on `reports` rows aliased `e` (and its parameters) for EVENT_FILTERS keys.

    `bbox` is "min_lon,min_lat,max_lon,max_lat"; `tactic` matches one tag of
    the JSON list. Unknown keys are a ConfigError naming the known ones.
    """
    clauses, params = [], []
    for key, value in filters.items():
        if value is None or value == "":
            continue
        if key == "bbox":
            try:
                min_lon, min_lat, max_lon, max_lat = (float(part) for part in str(value).split(","))
            except ValueError as exc:
                raise ConfigError("bbox must be four numbers: min_lon,min_lat,max_lon,max_lat") from exc
            clauses.append("e.latitude BETWEEN ? AND ? AND e.longitude BETWEEN ? AND ?")
            params.extend([min_lat, max_lat, min_lon, max_lon])
            continue
        if key not in EVENT_FILTERS:
            raise ConfigError(f"unknown event filter {key!r}; known: {', '.join([*EVENT_FILTERS, 'bbox'])}")
        clause = EVENT_FILTERS[key]
        if key == "tactic":  # tactics are a JSON list of tags
            value = "%" + json.dumps(value) + "%"
        if key in EDITED_EXACT_FILTERS:  # stored as review.set_values writes them
            clauses.append(f"({clause} OR {_EDITED_TO.format(field=key)})")
            params.extend([value, json.dumps(value, ensure_ascii=False)])
            continue
        clauses.append(clause)
        params.extend([value] * clause.count("?"))
    return " AND ".join(clauses), params


def _check_and_migrate(conn, db: str, has_schema: bool) -> None:
    if has_schema:
        version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] or 0
        if version > latest_version():
            raise ConfigError(Errors.E031.format(db=db, found=version, known=latest_version()))
        if not pending_migrations(conn):
            # Up to date: open without the writers' lock, so a reader (a web
            # request, `sucesos events`) never waits on an ingest transaction.
            return
    apply_migrations(conn)


def _open_postgres(url: str):
    """A PostgreSQL connection behind the SQLite-shaped interface (see postgres.py)."""
    try:
        import psycopg
    except ImportError as exc:
        raise ConfigError(Errors.E032) from exc
    from sucesos.store.postgres import PgConnection

    shown = url.split("@")[-1]  # never echo a password back
    try:
        conn = PgConnection(url)
        found = conn.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'").fetchone()
        _check_and_migrate(conn, shown, found is not None)
    except psycopg.Error as exc:
        raise ConfigError(Errors.E030.format(db=shown, detail=str(exc).strip().splitlines()[0])) from exc
    return conn


def _sqlite_connection(db: str) -> sqlite3.Connection:
    """A connection with the settings every store connection uses (rows by name, the busy timeout, foreign keys)."""
    conn = sqlite3.connect(db, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def open_store(db: str | Path) -> "Store":
    """Open (creating if needed) the database at `db` and apply migrations."""
    db = str(db)
    if db.startswith(("postgresql://", "postgres://")):
        return Store(_open_postgres(db), db)
    path = Path(db)
    if path.exists() and path.is_dir():
        raise ConfigError(Errors.E030.format(db=db, detail="it is a folder"))
    if not path.parent.exists():
        raise ConfigError(Errors.E030.format(db=db, detail=f"folder {path.parent} does not exist"))
    try:
        conn = _sqlite_connection(db)
        conn.execute("PRAGMA journal_mode = WAL")  # persistent in the file: readers then never wait on a writer
        found = conn.execute("SELECT name FROM sqlite_master WHERE name = 'schema_migrations'").fetchone()
        _check_and_migrate(conn, db, found is not None)
    except sqlite3.DatabaseError as exc:
        raise ConfigError(Errors.E030.format(db=db, detail=str(exc))) from exc
    return Store(conn, db)


def open_reader(db: str | Path) -> "Store":
    """A connection to an existing, migrated store that takes no lock to open.

    For a server that ran `open_store` (and so the migrations) once when it
    started: each request then opens one of these. It can write too, in a
    transaction of its own; it only skips the migration check.
    """
    db = str(db)
    if db.startswith(("postgresql://", "postgres://")):
        import psycopg

        from sucesos.store.postgres import PgConnection

        try:
            return Store(PgConnection(db), db)
        except psycopg.Error as exc:
            raise ConfigError(Errors.E030.format(db=db.split("@")[-1], detail=str(exc).strip().splitlines()[0])) from exc
    try:
        conn = _sqlite_connection(db)
    except sqlite3.DatabaseError as exc:
        raise ConfigError(Errors.E030.format(db=db, detail=str(exc))) from exc
    return Store(conn, db)


class Store:
    def __init__(self, conn: sqlite3.Connection, location: str):
        self.conn = conn
        self.location = location
        self._keeps_summaries: bool | None = None

    def keeps_summaries(self) -> bool:
        """Whether this store has migration 24's event summaries (a store being migrated may not yet)."""
        if self._keeps_summaries is None:
            found = self.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'event_summary_stale'").fetchone()
            self._keeps_summaries = found is not None
        return self._keeps_summaries

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error (even KeyboardInterrupt).

        Before it commits, the summaries of the events its writes changed are
        rebuilt (migration 24's triggers noted them), so every writer keeps
        them in the same transaction without knowing they exist."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            if self.keeps_summaries():
                from sucesos.read_model import refresh_summaries  # the read model builds records; it imports this module

                refresh_summaries(self)
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- reading ---------------------------------------------------------
    def schema_version(self) -> int:
        return self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0] or 0

    def article_by_hash(self, content_hash: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()

    def article(self, article_id: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()

    def has_url(self, url: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE url = ? LIMIT 1", (url,)).fetchone() is not None

    def has_extraction(self, article_id: str, pipeline_version: str) -> bool:
        row = self.conn.execute(
            "SELECT 1 FROM extractions WHERE article_id = ? AND pipeline_version = ?", (article_id, pipeline_version)
        ).fetchone()
        return row is not None

    def needs_extraction(self, article: Article, pipeline_version: str) -> bool:
        """False when this exact text is stored and extracted by this pipeline version."""
        row = self.article_by_hash(article.content_hash)
        return row is None or not self.has_extraction(row["id"], pipeline_version)

    def counts(self) -> dict[str, int]:
        tables = ("articles", "extractions", "reports", "places", "claims", "relations", "statistics", "mentions", "failures")
        return {table: self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] for table in tables}  # noqa: S608 - fixed names

    def articles(self, *, limit: int = 100, offset: int = 0, latest_first: bool = False) -> list[dict]:
        """Stored articles in the order they came (`latest_first`: newest publication date first, undated last)."""
        order = "COALESCE(a.published, '') DESC, a.ingested_at DESC, a.id" if latest_first else "a.ingested_at, a.id"
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.url, a.outlet, a.published, a.lang, a.status, a.error, a.ingested_at,"
            " (SELECT COUNT(*) FROM reports e WHERE e.article_id = a.id) AS reports"
            f" FROM articles a ORDER BY {order} LIMIT ? OFFSET ?",  # noqa: S608 - one of two fixed orders
            (limit, offset),
        ).fetchall()
        return [dict(row) for row in rows]

    def reports(self, *, limit: int | None = 100, offset: int = 0, **filters) -> list[dict]:
        """Reports (one article's account of an event) as stored, with their article's provenance, filtered by EVENT_FILTERS keys.

        No analyst decision is applied here: read events and reports as the
        analysts left them through `sucesos.read_model`.
        """
        where_sql, params = event_filter_sql(filters)
        sql = (
            "SELECT e.*, a.title AS article_title, a.url AS article_url, a.outlet AS article_outlet,"
            " a.published AS article_published,"
            " substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence_text"
            " FROM reports e JOIN articles a ON a.id = e.article_id"
        )
        if where_sql:
            sql += " WHERE " + where_sql
        sql += " ORDER BY e.event_date IS NULL, e.event_date DESC, e.article_id, e.idx"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params.extend([limit, offset])
        reports = []
        for row in self.conn.execute(sql, params).fetchall():
            report = dict(row)
            report["tactics"] = json.loads(report["tactics"] or "[]")
            reports.append(report)
        if reports:
            ids = [report["id"] for report in reports]
            marks = ",".join("?" * len(ids))
            evidence: dict[int, list[dict]] = {}
            for row in self.conn.execute(
                f'SELECT report_id, field, start, "end", text FROM evidence WHERE report_id IN ({marks}) ORDER BY id', ids  # noqa: S608
            ):
                evidence.setdefault(row["report_id"], []).append({k: row[k] for k in ("field", "start", "end", "text")})
            for report in reports:
                report["evidence"] = evidence.get(report["id"], [])
        return reports

    def extraction_result(self, article_id: str) -> dict | None:
        row = self.conn.execute(
            "SELECT result FROM extractions WHERE article_id = ? ORDER BY created_at DESC LIMIT 1", (article_id,)
        ).fetchone()
        return json.loads(row["result"]) if row else None

    # -- writing ---------------------------------------------------------
    def record_failure(self, input_id: str, reason: str, command: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO failures (input_id, reason, command, at) VALUES (?, ?, ?, ?)", (input_id, reason, command, _now())
            )

    def save(self, article: Article, extraction: Extraction | None) -> SaveResult:
        """Store an article and (optionally) its extraction in one transaction.

        The same text again changes nothing (status "unchanged"), unless it
        carries an extraction from a pipeline version not yet stored
        ("reextracted"). The same id with new text replaces the old text and
        its entities ("updated").
        """
        with self.transaction() as conn:
            return self._save(conn, article, extraction)

    def save_many(self, items: list[tuple[Article, Extraction | None]]) -> list[SaveResult | Exception]:
        """Store several articles in one transaction, each inside its own savepoint.

        A failing article rolls back to its savepoint (nothing of it is
        written) and comes back as its exception; the others commit together.
        One commit for the batch instead of one per article is what makes
        bulk ingest into PostgreSQL fast; the all-or-nothing guarantee per
        article is the same as `save`'s.
        """
        results: list[SaveResult | Exception] = []
        with self.transaction() as conn:
            for article, extraction in items:
                conn.execute("SAVEPOINT article")
                try:
                    results.append(self._save(conn, article, extraction))
                except Exception as exc:  # noqa: BLE001 - reported per article by the caller
                    conn.execute("ROLLBACK TO SAVEPOINT article")
                    results.append(exc)
                conn.execute("RELEASE SAVEPOINT article")
        return results

    def _save(self, conn, article: Article, extraction: Extraction | None) -> SaveResult:
        text_hash = article.content_hash
        existing = conn.execute("SELECT id, content_hash FROM articles WHERE content_hash = ? OR id = ?", (text_hash, article.id)).fetchall()
        same_text = next((row for row in existing if row["content_hash"] == text_hash), None)
        if same_text is not None:
            article_id = same_text["id"]
            if extraction is None or self._has_extraction(conn, article_id, extraction.pipeline_version):
                return SaveResult(article_id, "unchanged")
            self._write_extraction(conn, article_id, extraction, fresh=False)
            return SaveResult(article_id, "reextracted")
        status = "new"
        if existing:  # same id, different text: the article was updated at its source
            conn.execute("DELETE FROM articles WHERE id = ?", (article.id,))
            status = "updated"
        conn.execute(
            "INSERT INTO articles (id, content_hash, text, url, outlet, title, author, published, lang, source,"
            " retrieved_at, ingested_at, status, error, warnings) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.id, text_hash, article.text, article.url, article.outlet, article.title, article.author,
                article.published, extraction.lang if extraction else article.lang, article.source,
                article.retrieved_at, _now(), extraction_status(extraction), extraction.error if extraction else None,
                json.dumps(article.warnings),
            ),
        )  # fmt: skip
        if extraction is not None:
            self._write_extraction(conn, article.id, extraction, fresh=True)
        return SaveResult(article.id, status)

    @staticmethod
    def _has_extraction(conn, article_id: str, version: str | None) -> bool:
        return conn.execute(
            "SELECT 1 FROM extractions WHERE article_id = ? AND pipeline_version = ?", (article_id, version)
        ).fetchone() is not None

    def _write_extraction(self, conn, article_id: str, extraction: Extraction, *, fresh: bool) -> None:
        """Replace the article's entities with this extraction's (inside the caller's transaction).

        `fresh`: the article row was just inserted (with its status), so there
        is nothing to clear or update. Rows go in with one statement per table
        where possible: on PostgreSQL each statement is a round trip.
        """
        result = extraction.to_dict()
        result["id"] = article_id
        conn.execute(
            "INSERT OR REPLACE INTO extractions (article_id, pipeline_version, created_at, error, result) VALUES (?,?,?,?,?)",
            (article_id, extraction.pipeline_version, _now(), extraction.error, json.dumps(result, ensure_ascii=False)),
        )
        if not fresh:
            conn.execute(
                "UPDATE articles SET status = ?, error = ?, lang = COALESCE(?, lang) WHERE id = ?",
                (extraction_status(extraction), extraction.error, extraction.lang, article_id),
            )
            for table in ("reports", "places", "claims", "relations", "statistics", "mentions"):
                conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))  # noqa: S608 - fixed names
        if extraction.events:
            row_marks = f"(?, ?, {', '.join('?' * len(EVENT_COLUMNS))}, ?, ?, ?)"
            values = []
            for idx, event in enumerate(extraction.events):
                values.extend(
                    (
                        article_id, idx, *[getattr(event, column) for column in EVENT_COLUMNS], json.dumps(event.tactics),
                        event.sentence.start if event.sentence else None, event.sentence.end if event.sentence else None,
                    )
                )  # fmt: skip
            conn.execute(
                f"INSERT INTO reports (article_id, idx, {', '.join(EVENT_COLUMNS)}, tactics, sentence_start, sentence_end)"
                f" VALUES {', '.join([row_marks] * len(extraction.events))}",
                values,
            )
            report_ids = dict(conn.execute("SELECT idx, id FROM reports WHERE article_id = ?", (article_id,)).fetchall())
            conn.executemany(
                'INSERT INTO evidence (report_id, field, start, "end", text) VALUES (?,?,?,?,?)',
                [(report_ids[idx], ev.field, ev.start, ev.end, ev.text) for idx, event in enumerate(extraction.events) for ev in event.evidence],
            )
        conn.executemany(
            'INSERT INTO places (article_id, start, "end", text, name, geonameid, latitude, longitude, country, iso3,'
            " admin1, admin2, feature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (article_id, p.start, p.end, p.text, p.name, p.geonameid, p.latitude, p.longitude, p.country, p.iso3, p.admin1, p.admin2, p.feature)
                for p in extraction.places
            ],
        )
        claim_rows = []
        for idx, claim in enumerate(extraction.claims):
            parts = []
            for span in (claim.source, claim.cue, claim.content):
                parts.extend([span.start, span.end, span.text] if span else [None, None, None])
            claim_rows.append((article_id, idx, *parts, claim.source_type, json.dumps(claim.via), int(claim.hedged), int(claim.opinion)))
        conn.executemany(
            "INSERT INTO claims (article_id, idx, source_start, source_end, source_text, cue_start, cue_end, cue_text,"
            " content_start, content_end, content_text, source_type, via, hedged, opinion) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            claim_rows,
        )
        conn.executemany(
            'INSERT INTO relations (article_id, subject, predicate, object, evidence_start, evidence_end, evidence_text,'
            " claim_idx, hedged) VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (
                    article_id, r.subject, r.predicate, r.object, r.evidence.start if r.evidence else None,
                    r.evidence.end if r.evidence else None, r.evidence.text if r.evidence else None, r.claim, int(r.hedged),
                )
                for r in extraction.relations
            ],
        )  # fmt: skip
        conn.executemany(
            'INSERT INTO statistics (article_id, quantity, unit, place, period, evidence_start, evidence_end, evidence_text)'
            " VALUES (?,?,?,?,?,?,?,?)",
            [
                (article_id, st.quantity, st.unit, st.place, st.period, st.evidence.start if st.evidence else None,
                 st.evidence.end if st.evidence else None, st.evidence.text if st.evidence else None)
                for st in extraction.statistics
            ],
        )  # fmt: skip
        known = [m for m in extraction.actors if m.actor_id]
        conn.executemany(
            "INSERT OR IGNORE INTO actors (id, name, type) VALUES (?, ?, ?)",
            sorted({(m.actor_id, m.canonical or m.text, m.label) for m in known}),
        )
        conn.executemany("INSERT OR IGNORE INTO actor_aliases (actor_id, alias) VALUES (?, ?)", sorted({(m.actor_id, m.text) for m in known}))
        conn.executemany(
            'INSERT INTO mentions (article_id, actor_id, start, "end", text, label) VALUES (?,?,?,?,?,?)',
            [(article_id, m.actor_id or None, m.start, m.end, m.text, m.label) for m in extraction.actors],
        )


def extraction_status(extraction: Extraction | None) -> str:
    """An article's status after this extraction (None: stored without extracting)."""
    if extraction is None:
        return "stored"
    if extraction.error is None:
        return "extracted"
    if extraction.lang is not None and extraction.lang not in LANGUAGES:
        return "unsupported"
    return "failed"
