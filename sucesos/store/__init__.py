"""Storage: articles, extractions and what was extracted, in SQLite (WAL)."""

from sucesos.store.store import Store, open_store

__all__ = ["Store", "open_store"]
