"""Schema for feed watching, saved searches and alerts (versions 10-19).

Registered with `sucesos.store.migrations.migration`; imported by the store so
every database gets them. Stage-owned migration files keep parallel work on
separate files; versions are ranges, applied in order.
"""

from __future__ import annotations
