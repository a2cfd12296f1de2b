"""Users, passwords, sessions and API tokens, as stored (the web signs in through these; `sucesos user` manages them).

Passwords are hashed with scrypt (stdlib; memory-hard), compared in constant
time. Session cookies and API tokens are random 256-bit values; only their
SHA-256 is stored, so a copy of the database lets no one sign in. Nothing
here logs a password, token or cookie.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass

from sucesos.errors import ConfigError
from sucesos.store.audit import audit

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SESSION_HOURS = 12
MIN_PASSWORD_LENGTH = 10
ROLES = ("analyst", "admin")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        candidate = hashlib.scrypt(
            password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(candidate, base64.b64decode(digest))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# A fixed hash to compare against when the user does not exist, so a failed
# login takes as long for an unknown name as for a wrong password.
_DUMMY_HASH = hash_password("not a real password", salt=b"\x00" * 16)


@dataclass(frozen=True)
class User:
    id: int
    username: str
    role: str


def create_user(store, username: str, password: str, *, role: str = "analyst", actor: str) -> User:
    """A new user; `actor` is who the audit log names for it (an administrator, or `cli:` and the login name)."""
    if not username or not username.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise ConfigError("a username is letters, digits, '-', '_' or '.'")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ConfigError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if role not in ROLES:
        raise ConfigError(f"role must be one of {', '.join(ROLES)}")
    with store.transaction() as conn:
        if conn.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
            raise ConfigError(f"user {username!r} already exists")
        cursor = conn.execute(
            "INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
            (username, hash_password(password), role, _now().isoformat()),
        )
        audit(conn, actor, "user.create", f"user:{username}", None, {"role": role})
    return User(cursor.lastrowid, username, role)


def set_disabled(store, username: str, disabled: bool, *, actor: str) -> None:
    """Disable (or enable) `username` and end their sessions; `actor` is who the audit log names."""
    with store.transaction() as conn:
        cursor = conn.execute("UPDATE users SET disabled = ? WHERE username = ?", (int(disabled), username))
        if cursor.rowcount == 0:
            raise ConfigError(f"no user {username!r}")
        conn.execute("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = ?)", (username,))
        audit(conn, actor, "user.disable" if disabled else "user.enable", f"user:{username}", None, None)


def list_users(store) -> list[dict]:
    rows = store.conn.execute("SELECT username, role, disabled, created_at FROM users ORDER BY username").fetchall()
    return [dict(row) for row in rows]


def authenticate(store, username: str, password: str) -> User | None:
    row = store.conn.execute("SELECT id, username, role, password_hash, disabled FROM users WHERE username = ?", (username,)).fetchone()
    if row is None:
        verify_password(password, _DUMMY_HASH)
        return None
    if not verify_password(password, row["password_hash"]) or row["disabled"]:
        return None
    return User(row["id"], row["username"], row["role"])


def start_session(store, user: User, *, hours: float = SESSION_HOURS) -> tuple[str, str]:
    """(cookie value, CSRF token) of a new session."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = _now()
    with store.transaction() as conn:
        conn.execute("DELETE FROM sessions WHERE expires_at < ?", (now.isoformat(),))
        conn.execute(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
            (token_hash(token), user.id, csrf, now.isoformat(), (now + dt.timedelta(hours=hours)).isoformat()),
        )
        audit(conn, user.username, "login", f"user:{user.username}", None, None)
    return token, csrf


def session_user(store, token: str | None) -> tuple[User, str] | None:
    """(user, CSRF token) for a live session cookie, else None."""
    if not token:
        return None
    row = store.conn.execute(
        "SELECT u.id, u.username, u.role, u.disabled, s.csrf_token, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.token_hash = ?",
        (token_hash(token),),
    ).fetchone()
    if row is None or row["disabled"] or row["expires_at"] < _now().isoformat():
        return None
    return User(row["id"], row["username"], row["role"]), row["csrf_token"]


def end_session(store, token: str | None) -> None:
    """Sign out: the session ends, and the audit log records who left (as it records who signed in)."""
    if token:
        with store.transaction() as conn:
            row = conn.execute(
                "SELECT u.username FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?", (token_hash(token),)
            ).fetchone()
            conn.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash(token),))
            if row is not None:
                audit(conn, row["username"], "logout", f"user:{row['username']}", None, None)


def create_token(store, username: str, name: str) -> str:
    """A new API token for `username`; shown once, stored only as a hash."""
    token = "suc_" + secrets.token_urlsafe(32)
    with store.transaction() as conn:
        row = conn.execute("SELECT id FROM users WHERE username = ? AND disabled = 0", (username,)).fetchone()
        if row is None:
            raise ConfigError(f"no active user {username!r}")
        conn.execute(
            "INSERT INTO api_tokens (token_hash, user_id, name, created_at) VALUES (?, ?, ?, ?)",
            (token_hash(token), row["id"], name, _now().isoformat()),
        )
        audit(conn, username, "token.create", f"user:{username}", None, {"name": name})
    return token


def token_user(store, token: str | None) -> User | None:
    if not token:
        return None
    row = store.conn.execute(
        "SELECT u.id, u.username, u.role, u.disabled, t.revoked FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?",
        (token_hash(token),),
    ).fetchone()
    if row is None or row["revoked"] or row["disabled"]:
        return None
    return User(row["id"], row["username"], row["role"])


def login_failure_counts(store, buckets: list[tuple[str, str, str]], since: float) -> dict[tuple[str, str, str], int]:
    """How many failed sign-ins each bucket holds since `since` (epoch seconds)."""
    counts = {}
    for bucket in buckets:
        row = store.conn.execute("SELECT COUNT(*) FROM login_failures WHERE bucket = ? AND at >= ?", (json.dumps(bucket), since)).fetchone()
        counts[bucket] = row[0]
    return counts


def record_login_failure(store, buckets: list[tuple[str, str, str]], at: float, *, forget_before: float) -> None:
    """One failed sign-in in each bucket; failures older than `forget_before` are dropped (the table stays small)."""
    with store.transaction() as conn:
        conn.execute("DELETE FROM login_failures WHERE at < ?", (forget_before,))
        conn.executemany("INSERT INTO login_failures (bucket, at) VALUES (?, ?)", [(json.dumps(bucket), at) for bucket in buckets])


def clear_login_failures(store, bucket: tuple[str, str, str]) -> None:
    with store.transaction() as conn:
        conn.execute("DELETE FROM login_failures WHERE bucket = ?", (json.dumps(bucket),))
