"""Schema for distributed runs: partitions done per run (versions 30-39).

Registered with `sucesos.store.migrations.migration`; imported by the store.
"""

from __future__ import annotations
