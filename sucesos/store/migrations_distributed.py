"""Schema for distributed runs: partitions done per run (versions 30-39).

Registered with `sucesos.store.migrations.migration`; imported by the store.
Plain SQL only (TEXT/INTEGER, composite keys): the PostgreSQL backend runs
the same script.
"""

from __future__ import annotations

from sucesos.store.migrations import execute_script, migration


@migration(30, "distributed: partitions of an archive ingested, so a re-run skips them")
def distributed_schema(conn) -> None:
    # A partition is the unit of retry: its row is written only after every
    # article of it is stored, so a crashed run re-does at most the
    # partitions in flight (their articles are then "unchanged", by content
    # hash). `run_key` covers what changes the output (pipeline version,
    # extract or not, lexicon files); `fingerprint` the partition's bytes as
    # its file system reports them (size and modification time or ETag), so
    # an edited file is read again.
    execute_script(
        conn,
        """
        CREATE TABLE partitions_done (
            run_key TEXT NOT NULL,
            partition_name TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            articles INTEGER NOT NULL,
            failures INTEGER NOT NULL,
            events INTEGER NOT NULL,
            worker TEXT,
            finished_at TEXT NOT NULL,
            PRIMARY KEY (run_key, partition_name, fingerprint)
        );
        """,
    )
