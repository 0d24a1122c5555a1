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
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from index.clearance import Levels
from index.private import private_file, private_folder

Role = Literal["officer", "admin"]
ROLES: tuple[Role, ...] = ("officer", "admin")

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    clearance TEXT NOT NULL,
    password TEXT NOT NULL,
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
"""


class UserError(ValueError):
    """A user-management request that cannot be done; the message says why."""


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    clearance: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


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


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Users:
    def __init__(
        self,
        path: Path,
        levels: Levels,
        *,
        session_hours: float = 8.0,
        max_failed: int = 5,
        lockout_minutes: float = 15.0,
    ) -> None:
        private_folder(path.parent)
        self.path = private_file(path)  # password hashes and sessions: 0600
        self.levels = levels
        self.session_seconds = session_hours * 3600
        self.max_failed = max_failed
        self.lockout_seconds = lockout_minutes * 60
        self._hasher = PasswordHasher()
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.executescript(SCHEMA)
        # A password check against a dummy hash, so an unknown name costs as much as a wrong password.
        self._dummy = self._hasher.hash(secrets.token_hex(8))

    # --- administration (the CLI) ---------------------------------------------------------
    def add(self, name: str, role: str, clearance: str, password: str) -> User:
        name = name.strip()
        if not name or len(name) > 64 or any(c.isspace() for c in name):
            raise UserError("a user name is 1 to 64 characters with no spaces")
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
        with self._lock:
            if self._db.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount == 0:
                raise UserError(f"there is no user '{name}'")

    def set_password(self, name: str, password: str) -> None:
        self._check_password(password)
        with self._lock:
            done = self._db.execute(
                "UPDATE users SET password = ?, failed = 0, locked_until = 0 WHERE name = ?",
                (self._hasher.hash(password), name),
            )
            if done.rowcount == 0:
                raise UserError(f"there is no user '{name}'")
            self._db.execute("DELETE FROM sessions WHERE name = ?", (name,))  # sign out everywhere

    def all(self) -> list[User]:
        rows = self._db.execute("SELECT name, role, clearance FROM users ORDER BY name").fetchall()
        return [User(n, r, c) for n, r, c in rows]

    def get(self, name: str) -> User | None:
        row = self._db.execute("SELECT name, role, clearance FROM users WHERE name = ?", (name,)).fetchone()
        return User(*row) if row else None

    def any(self) -> bool:
        return self._db.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None

    # --- sign-in and sessions -------------------------------------------------------------
    def sign_in(self, name: str, password: str) -> SignIn:
        row = self._db.execute(
            "SELECT password, failed, locked_until FROM users WHERE name = ?", (name,)
        ).fetchone()
        now = time.time()
        if row is None:
            self._verify(self._dummy, password)
            return SignIn(None)
        stored, failed, locked_until = row
        if locked_until > now:
            return SignIn(None, locked=True)
        if not self._verify(stored, password):
            failed += 1
            lock = now + self.lockout_seconds if failed >= self.max_failed else 0
            with self._lock:
                self._db.execute(
                    "UPDATE users SET failed = ?, locked_until = ? WHERE name = ?",
                    (0 if lock else failed, lock, name),
                )
            return SignIn(None, locked=bool(lock))
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        with self._lock:
            self._db.execute("UPDATE users SET failed = 0, locked_until = 0 WHERE name = ?", (name,))
            self._db.execute("DELETE FROM sessions WHERE expires < ?", (now,))
            self._db.execute(
                "INSERT INTO sessions (token_hash, name, csrf, expires) VALUES (?, ?, ?, ?)",
                (_hash_token(token), name, csrf, now + self.session_seconds),
            )
        user = self.get(name)
        assert user is not None
        return SignIn(Session(token, user, csrf))

    def session(self, token: str) -> Session | None:
        row = self._db.execute(
            "SELECT name, csrf, expires FROM sessions WHERE token_hash = ?", (_hash_token(token),)
        ).fetchone()
        if row is None or row[2] < time.time():
            return None
        user = self.get(row[0])
        return Session(token, user, row[1]) if user else None

    def sign_out(self, token: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM sessions WHERE token_hash = ?", (_hash_token(token),))

    # --- helpers --------------------------------------------------------------------------
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
