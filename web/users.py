"""Users, their clearances, and sign-in sessions: one small SQLite file beside the index.

Passwords are stored as Argon2id hashes (argon2-cffi, the reference implementation's binding):
salted and deliberately slow, so a stolen file does not give the passwords away.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from index.clearance import Levels
from index.private import private_file, private_folder
from index.settings import Settings

Role = Literal["officer", "admin"]
ROLES: tuple[Role, ...] = ("officer", "admin")

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    clearance TEXT NOT NULL,
    password TEXT NOT NULL,
    -- failed and locked_until are no longer read (lock-outs are per address, in attempts below);
    -- kept so that users.db files from before open unchanged.
    failed INTEGER NOT NULL DEFAULT 0,
    locked_until REAL NOT NULL DEFAULT 0,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY,   -- the cookie holds the token; only its hash is stored
    name TEXT NOT NULL REFERENCES users(name) ON DELETE CASCADE,
    csrf TEXT NOT NULL,
    expires REAL NOT NULL
);
-- Failed sign-ins per (name, source address), for names that exist and names that do not alike:
-- a stranger who fails five times locks out only their own address, never the account's owner.
CREATE TABLE IF NOT EXISTS attempts (
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    failed INTEGER NOT NULL,
    locked_until REAL NOT NULL,
    PRIMARY KEY (name, address)
);
"""
# Characters a user name may not hold: controls, format characters (zero-width space, bidi marks),
# private-use and unassigned code points, separators. Names are NFKC-normalised and case-folded,
# so "Olive", "ｏｌｉｖｅ" and "olive" are one user.
REFUSED_CATEGORIES = {"Cc", "Cf", "Co", "Cn", "Cs", "Zs", "Zl", "Zp"}
NAME_RULE = "a user name is 1 to 64 visible characters, with no spaces, control or invisible characters"


class UserError(ValueError):
    """A user-management request that cannot be done; the message says why."""


@dataclass(frozen=True)
class User:
    """A person who may sign in; an admin also sees the administration page (users and audit log)."""

    name: str
    role: Role
    clearance: str


@dataclass(frozen=True)
class Session:
    token: str
    user: User
    csrf: str


@dataclass(frozen=True)
class SignIn:
    """The outcome of a sign-in attempt: a session, or why not."""

    session: Session | None
    locked: bool = False


class HashersBusy(RuntimeError):
    """Every password hasher stayed busy for the whole wait: the caller answers 503, try again."""


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def canonical_name(name: str) -> str:
    """The one spelling of a user name: NFKC, case-folded, trimmed; UserError if it is not a name."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold()).strip()
    if not folded or len(folded) > 64 or any(unicodedata.category(c) in REFUSED_CATEGORIES for c in folded):
        raise UserError(NAME_RULE)
    if any(c.isspace() for c in folded):
        raise UserError(NAME_RULE)
    return folded


class Users:
    def __init__(
        self,
        path: Path,
        levels: Levels,
        *,
        session_hours: float = 8.0,
        session_idle_minutes: float = 30.0,
        max_failed: int = 5,
        lockout_minutes: float = 15.0,
        hashers: int = 2,
        hasher_wait: float = 5.0,
    ) -> None:
        private_folder(path.parent)
        self.path = private_file(path)  # password hashes and sessions: 0600
        self.levels = levels
        self.session_seconds = session_hours * 3600
        self.idle_seconds = session_idle_minutes * 60
        self.max_failed = max_failed
        self.lockout_seconds = lockout_minutes * 60
        self._hasher = PasswordHasher()
        # Argon2id takes 64 MiB per hash: 100 parallel sign-ins took the server from 353 MB to 2.9 GB.
        # At most `hashers` run at once; the others wait up to `hasher_wait` seconds, then get a 503.
        self._hashers = threading.BoundedSemaphore(hashers)
        self.hasher_wait = hasher_wait
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.executescript(SCHEMA)
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(sessions)")}
        if "last_seen" not in columns:  # a users.db from before the idle timeout: its sessions end
            self._db.execute("ALTER TABLE sessions ADD COLUMN last_seen REAL NOT NULL DEFAULT 0")
        # A password check against a dummy hash, so an unknown name costs as much as a wrong password.
        self._dummy = self._hasher.hash(secrets.token_hex(8))

    @classmethod
    def from_settings(cls, settings: Settings) -> Users:
        return cls(
            settings.users_path(),
            settings.levels(),
            session_hours=settings.session_hours,
            session_idle_minutes=settings.session_idle_minutes,
            max_failed=settings.max_failed_logins,
            lockout_minutes=settings.lockout_minutes,
            hashers=settings.password_hashers,
            hasher_wait=settings.password_hasher_wait,
        )

    # --- administration (the CLI) ---------------------------------------------------------
    def add(self, name: str, role: str, clearance: str, password: str) -> User:
        name = canonical_name(name)
        user = User(name, self._role(role), self._clearance(clearance))
        self._check_password(password)
        with self._lock:
            try:
                self._db.execute(
                    "INSERT INTO users (name, role, clearance, password, created) VALUES (?, ?, ?, ?, ?)",
                    (user.name, user.role, user.clearance, self._hasher.hash(password), time.time()),
                )
            except sqlite3.IntegrityError:
                raise UserError(f"user '{name}' already exists; use `letters users set-password`") from None
        return user

    def remove(self, name: str) -> None:
        name = self._lookup_name(name)
        with self._lock:
            if self._db.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount == 0:
                raise UserError(f"there is no user '{name}'")

    def set_password(self, name: str, password: str) -> None:
        name = self._lookup_name(name)
        self._check_password(password)
        with self._lock:
            done = self._db.execute(
                "UPDATE users SET password = ?, failed = 0, locked_until = 0 WHERE name = ?",
                (self._hasher.hash(password), name),
            )
            if done.rowcount == 0:
                raise UserError(f"there is no user '{name}'")
            self._db.execute("DELETE FROM sessions WHERE name = ?", (name,))  # sign out everywhere
            self._db.execute("DELETE FROM attempts WHERE name = ?", (name,))

    def all(self) -> list[User]:
        rows = self._db.execute("SELECT name, role, clearance FROM users ORDER BY name").fetchall()
        return [User(n, r, c) for n, r, c in rows]

    def get(self, name: str) -> User | None:
        try:
            name = canonical_name(name)
        except UserError:
            return None
        row = self._db.execute("SELECT name, role, clearance FROM users WHERE name = ?", (name,)).fetchone()
        return User(*row) if row else None

    def any(self) -> bool:
        return self._db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    # --- sign-in and sessions -------------------------------------------------------------
    def sign_in(self, name: str, password: str, *, address: str = "", ends: str | None = None) -> SignIn:
        """A session for the right password; `ends` is the browser's earlier session token, ended.

        Raises HashersBusy when no password hasher came free within the wait.
        """
        try:
            name = canonical_name(name)
        except UserError:
            name = ""  # not a name anyone can have: counted and answered like a wrong password
        if not self._hashers.acquire(timeout=self.hasher_wait):
            raise HashersBusy("every password check is busy; try again in a moment")
        try:
            if not self._reserve_attempt(name, address):
                return SignIn(None, locked=True)
            row = self._db.execute("SELECT password FROM users WHERE name = ?", (name,)).fetchone()
            right = self._verify(row[0] if row else self._dummy, password) and row is not None
        finally:
            self._hashers.release()
        if not right:
            return SignIn(None)
        return SignIn(self._open_session(name, address, ends))

    def _reserve_attempt(self, name: str, address: str) -> bool:
        """Count this attempt as failed BEFORE its password is checked; False while locked.

        Reading, checking and writing the count in one IMMEDIATE transaction makes the decision
        atomic: 100 parallel guesses get `max_failed` password checks between them, not 100.
        """
        now = time.time()
        with self._lock, self._transaction():
            row = self._db.execute(
                "SELECT failed, locked_until FROM attempts WHERE name = ? AND address = ?", (name, address)
            ).fetchone()
            failed, locked_until = row or (0, 0.0)
            if locked_until > now:
                return False
            if locked_until:  # an expired lock: a fresh start
                failed = 0
            failed += 1
            lock = now + self.lockout_seconds if failed >= self.max_failed else 0.0
            self._db.execute(
                "INSERT OR REPLACE INTO attempts (name, address, failed, locked_until) VALUES (?, ?, ?, ?)",
                (name, address, failed, lock),
            )
        return True

    def _open_session(self, name: str, address: str, ends: str | None) -> Session:
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = time.time()
        with self._lock, self._transaction():
            self._db.execute("DELETE FROM attempts WHERE name = ? AND address = ?", (name, address))
            self._db.execute("DELETE FROM attempts WHERE locked_until != 0 AND locked_until < ?", (now,))
            self._db.execute("DELETE FROM sessions WHERE expires < ?", (now,))
            if ends:  # signing in again ends the session this browser held (fixation, a shared desk)
                self._db.execute("DELETE FROM sessions WHERE token_hash = ?", (_hash_token(ends),))
            self._db.execute(
                "INSERT INTO sessions (token_hash, name, csrf, expires, last_seen) VALUES (?, ?, ?, ?, ?)",
                (_hash_token(token), name, csrf, now + self.session_seconds, now),
            )
        user = self.get(name)
        assert user is not None
        return Session(token, user, csrf)

    def session(self, token: str) -> Session | None:
        """The live session of `token`; one unused for the idle timeout has ended."""
        key = _hash_token(token)
        row = self._db.execute(
            "SELECT name, csrf, expires, last_seen FROM sessions WHERE token_hash = ?", (key,)
        ).fetchone()
        now = time.time()
        if row is None or row[2] < now or row[3] + self.idle_seconds < now:
            if row is not None:
                self.sign_out(token)
            return None
        if now - row[3] > min(60.0, self.idle_seconds / 10):  # one write a minute, not one a request
            with self._lock:
                self._db.execute("UPDATE sessions SET last_seen = ? WHERE token_hash = ?", (now, key))
        user = self.get(row[0])
        return Session(token, user, row[1]) if user else None

    def sign_out(self, token: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM sessions WHERE token_hash = ?", (_hash_token(token),))

    # --- helpers --------------------------------------------------------------------------
    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE takes SQLite's write lock at BEGIN, so another process (the CLI) cannot
        # interleave between this transaction's read and its write.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _lookup_name(self, name: str) -> str:
        try:
            return canonical_name(name)
        except UserError:
            raise UserError(f"there is no user '{name}'") from None

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    @staticmethod
    def _role(role: str) -> Role:
        if role not in ROLES:
            raise UserError(f"role must be one of: {', '.join(ROLES)}")
        return role

    def _clearance(self, clearance: str) -> str:
        try:
            self.levels.level(clearance)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        return clearance.strip().upper()

    @staticmethod
    def _check_password(password: str) -> None:
        if len(password) < 10:
            raise UserError("a password needs at least 10 characters")


def single_user_mode(settings: Settings, users: Users) -> bool:
    """No users and no single sign-on: the one person at this machine is everyone, unasked.

    With single sign-on configured and no users, nobody is let in (the proxy's names must be users).
    """
    return not settings.trusted_proxy_header and not users.any()
