"""A cache of the JSON API's answers, for as long as the store does not change.

Under many clients the same pages are asked for again and again (the first
pages of a list, the map of a state, the timeline); building one costs tens
of milliseconds of CPU, sending a kept copy well under one. An answer is
kept with the store's *version* when it was built and served again only
while the version is the same:

- SQLite: `PRAGMA data_version` on a connection of the cache's own, which
  changes whenever any other connection (a request's, an ingest in another
  process, an analyst's edit) commits: exact and immediate, ~20 µs to read;
- PostgreSQL: `change_marker` (the newest report, event, link decision and
  audit entry), one small query per request, in a worker thread (`refresh`
  seconds > 0 would reuse it that long, except after a write through this
  server; 0, the default, since another process's ingest must show at once).

Only anonymous GETs of the listed JSON paths are cached (a signed-in
analyst always gets a fresh answer), only 200s, each at most `max_body`
bytes, at most `max_bytes` in all (least recently used dropped first), each
for at most `ttl` seconds even when the version says nothing changed.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from sucesos.link.corroboration import event_ids
from sucesos.store import reads


@dataclass(frozen=True)
class Kept:
    version: object
    expires: float
    body: bytes
    media_type: str


class StoreVersion:
    """Something that changes whenever the store's content does (see module docstring)."""

    def __init__(self, db: str, *, marker: Callable[[], tuple] | None = None, refresh: float = 0.0, clock: Callable[[], float] = time.monotonic):
        db = str(db)
        self.db, self.refresh, self.clock = db, refresh, clock
        self.marker = marker
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._known: tuple[float, object] | None = None
        if not db.startswith(("postgresql://", "postgres://")):
            self._conn = sqlite3.connect(db, isolation_level=None, check_same_thread=False)

    @property
    def cheap(self) -> bool:
        """True when reading the version takes microseconds (it may be read on the event loop)."""
        return self._conn is not None

    def current(self) -> object:
        if self._conn is not None:
            with self._lock:
                return reads.data_version(self._conn)
        now = self.clock()
        known = self._known
        if known is not None and self.refresh > 0 and now - known[0] < self.refresh:
            return known[1]
        version = self.marker() if self.marker else now
        self._known = (now, version)
        return version

    def changed_here(self) -> None:
        """A write went through this server: the next read looks again."""
        self._known = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class ResponseCache:
    def __init__(self, *, max_bytes: int = 64 * 1024 * 1024, max_body: int = 4 * 1024 * 1024, ttl: float = 60.0, clock: Callable[[], float] = time.monotonic):
        self.max_bytes, self.max_body, self.ttl, self.clock = max_bytes, max_body, ttl, clock
        self._kept: OrderedDict[str, Kept] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: str, version: object) -> Kept | None:
        with self._lock:
            kept = self._kept.get(key)
            if kept is None or kept.version != version or kept.expires <= self.clock():
                self.misses += 1
                return None
            self._kept.move_to_end(key)
            self.hits += 1
            return kept

    def put(self, key: str, version: object, body: bytes, media_type: str) -> None:
        if len(body) > self.max_body:
            return
        with self._lock:
            old = self._kept.pop(key, None)
            if old is not None:
                self._size -= len(old.body)
            self._kept[key] = Kept(version, self.clock() + self.ttl, body, media_type)
            self._size += len(body)
            while self._size > self.max_bytes and self._kept:
                _, dropped = self._kept.popitem(last=False)
                self._size -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._kept)


class CandidateIds:
    """The ordered ids of a filtered event list, read once while the store is unchanged.

    A page of a state's list costs its SQL the same whatever the offset: the
    database gathers every report of the state, their events, and sorts them,
    to hand back 51. Paging through a list (offset 0, 50, 100, ...) and many
    clients asking for the same lists read those ids once per store version
    and slice them. Unfiltered lists read straight from the events' own table
    (already cheap) and are not kept; nor are lists over `max_ids` ids. Only
    where the version is cheap to read (SQLite); elsewhere every call asks the store.
    """

    def __init__(self, version: StoreVersion, *, max_lists: int = 512, max_ids: int = 200_000):
        self.version, self.max_lists, self.max_ids = version, max_lists, max_ids
        self._kept: OrderedDict[tuple, tuple[object, list[int]]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, store, *, limit: int | None = None, offset: int = 0, **filters) -> list[int]:
        wanted = {key: value for key, value in filters.items() if value not in (None, "", [], ())}
        if not wanted or not self.version.cheap:
            return event_ids(store, limit=limit, offset=offset, **filters)
        key = tuple(sorted((name, repr(value)) for name, value in wanted.items()))
        version = self.version.current()
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and kept[0] == version:
                self._kept.move_to_end(key)
                ids = kept[1]
            else:
                ids = None
        if ids is None:
            ids = event_ids(store, **filters)
            if len(ids) <= self.max_ids:
                with self._lock:
                    self._kept[key] = (version, ids)
                    self._kept.move_to_end(key)
                    while len(self._kept) > self.max_lists:
                        self._kept.popitem(last=False)
        return ids[offset:] if limit is None else ids[offset : offset + limit]
