"""Schema for the web workspace: users, sessions, tokens, reviews, audit (versions 20-29).

Registered with `sucesos.store.migrations.migration`; imported by the store.
"""

from __future__ import annotations
