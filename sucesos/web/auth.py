"""Signing in to the web UI: the stored users, sessions and tokens (`sucesos.store.users`) and a limiter of failed sign-ins."""

from __future__ import annotations

import time

from sucesos.store.users import (  # noqa: F401 - the web's names for them
    MIN_PASSWORD_LENGTH,
    ROLES,
    SESSION_HOURS,
    User,
    authenticate,
    clear_login_failures,
    create_token,
    create_user,
    end_session,
    hash_password,
    list_users,
    login_failure_counts,
    record_login_failure,
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
    bucket blocks the attempt; a success clears only its own (address, name).

    The counts live in the store (`login_failures`), so every process of
    `serve --workers N` and a restarted server see the same ones."""

    def __init__(self, attempts: int = 5, window: float = 300.0, *, per_address: int = 20, per_account: int = 20, clock=time.time):
        self.attempts, self.window, self.clock = attempts, window, clock
        self.limits = {"pair": attempts, "address": per_address, "account": per_account}

    @staticmethod
    def _buckets(key: tuple[str, str]) -> list[tuple[str, str, str]]:
        address, username = key
        return [("pair", address, username), ("address", address, ""), ("account", "", username)]

    def blocked(self, store, key: tuple[str, str]) -> bool:
        counts = login_failure_counts(store, self._buckets(key), self.clock() - self.window)
        return any(count >= self.limits[bucket[0]] for bucket, count in counts.items())

    def failed(self, store, key: tuple[str, str]) -> None:
        now = self.clock()
        record_login_failure(store, self._buckets(key), now, forget_before=now - self.window)

    def succeeded(self, store, key: tuple[str, str]) -> None:
        clear_login_failures(store, self._buckets(key)[0])
