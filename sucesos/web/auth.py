"""Signing in to the web UI: the stored users, sessions and tokens (`sucesos.store.users`) and a limiter of failed sign-ins."""

from __future__ import annotations

import threading
import time
from collections import deque

from sucesos.store.users import (  # noqa: F401 - the web's names for them
    MIN_PASSWORD_LENGTH,
    ROLES,
    SESSION_HOURS,
    User,
    authenticate,
    create_token,
    create_user,
    end_session,
    hash_password,
    list_users,
    session_user,
    set_disabled,
    start_session,
    token_hash,
    token_user,
    verify_password,
)


class LoginLimiter:
    """Failed sign-ins counted in three buckets over `window` seconds: per
    (address, username) (`attempts`), per address across all names
    (`per_address`: a password spray from one place) and per username across
    all addresses (`per_account`: a guess at one account from many). Any full
    bucket blocks the attempt; a success clears only its own (address, name)."""

    def __init__(self, attempts: int = 5, window: float = 300.0, *, per_address: int = 20, per_account: int = 20):
        self.attempts, self.window = attempts, window
        self.limits = {"pair": attempts, "address": per_address, "account": per_account}
        self._failures: dict[tuple[str, str, str], deque] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _buckets(key: tuple[str, str]) -> list[tuple[str, str, str]]:
        address, username = key
        return [("pair", address, username), ("address", address, ""), ("account", "", username)]

    def blocked(self, key: tuple[str, str]) -> bool:
        cutoff = time.monotonic() - self.window
        with self._lock:
            for bucket in self._buckets(key):
                times = self._failures.get(bucket)
                while times and times[0] < cutoff:
                    times.popleft()
                if times and len(times) >= self.limits[bucket[0]]:
                    return True
            return False

    def failed(self, key: tuple[str, str]) -> None:
        now = time.monotonic()
        with self._lock:
            for bucket in self._buckets(key):
                self._failures.setdefault(bucket, deque()).append(now)

    def succeeded(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._failures.pop(self._buckets(key)[0], None)
