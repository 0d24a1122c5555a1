"""Conversations and officers' feedback: one small SQLite file of the data directory.

Index generations are rebuilt by `letters index`; this file is not, so a conversation outlives
re-indexing. Each turn keeps the answer as it was given (its JSON, `index.records.to_json`) and the
generation it came from; what is shown again is re-checked by the reader (`Reader.visible_answer`).
Every read and write names its owner: someone else's conversation is simply not found.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from assistant.records import Answer
from index.records import SearchFilters, to_json
from index.settings import Settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    title TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS conversations_owner ON conversations (owner, updated);
CREATE TABLE IF NOT EXISTS turns (
    id INTEGER PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    submit_key TEXT NOT NULL,       -- one per form shown: a second submit of it is the same turn
    question TEXT NOT NULL,
    filters TEXT NOT NULL,          -- JSON of the SearchFilters the officer chose
    answer TEXT NOT NULL,           -- JSON of the Answer as given
    generation TEXT NOT NULL,
    asked REAL NOT NULL,
    UNIQUE (conversation_id, n)
);
CREATE INDEX IF NOT EXISTS turns_key ON turns (submit_key);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY,
    turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    note TEXT NOT NULL,
    expect TEXT NOT NULL,           -- JSON list of phrases the answer should have quoted
    letter TEXT,                    -- the letter that answers it (path or Message-ID), set on review
    created REAL NOT NULL,
    reviewed_by TEXT,
    reviewed REAL
);
"""
TITLE_LENGTH = 80
_ANSWER = TypeAdapter(Answer)
_FILTERS = TypeAdapter(SearchFilters)


@dataclass(frozen=True)
class StoredTurn:
    """One question of a conversation and the answer given to it."""

    id: int
    n: int
    question: str
    filters: SearchFilters
    answer: Answer
    generation: str
    asked: float


@dataclass(frozen=True)
class Conversation:
    id: str
    owner: str
    title: str
    created: float
    updated: float
    turns: tuple[StoredTurn, ...] = ()


@dataclass(frozen=True)
class Summary:
    """A line of "My conversations"."""

    id: str
    title: str
    updated: float
    questions: int


@dataclass(frozen=True)
class Feedback:
    """An officer's "Wrong or incomplete?" note, with the turn it is about."""

    id: int
    author: str
    note: str
    expect: tuple[str, ...]
    letter: str | None
    created: float
    reviewed_by: str | None
    turn: StoredTurn
    history: tuple[str, ...]  # the conversation's earlier questions, for an eval line


def title_for(question: str) -> str:
    words = " ".join(question.split())
    return words if len(words) <= TITLE_LENGTH else words[: TITLE_LENGTH - 1].rstrip() + "…"


class Conversations:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            # Questions can be as telling as the letters: only the app's own user may read the file.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.executescript(SCHEMA)

    @classmethod
    def from_settings(cls, settings: Settings) -> Conversations:
        return cls(settings.data_dir / "conversations.db")

    def close(self) -> None:
        self._db.close()

    # --- conversations --------------------------------------------------------------------
    def create(self, owner: str, title: str) -> str:
        cid = secrets.token_urlsafe(12)
        now = time.time()
        with self._lock:
            self._db.execute(
                "INSERT INTO conversations (id, owner, title, created, updated) VALUES (?, ?, ?, ?, ?)",
                (cid, owner, title_for(title) or "New conversation", now, now),
            )
        return cid

    def get(self, owner: str, cid: str) -> Conversation | None:
        row = self._db.execute(
            "SELECT * FROM conversations WHERE id = ? AND owner = ?", (cid, owner)
        ).fetchone()
        if row is None:
            return None
        rows = self._db.execute("SELECT * FROM turns WHERE conversation_id = ? ORDER BY n", (cid,))
        turns = tuple(_turn(r) for r in rows)
        return Conversation(row["id"], row["owner"], row["title"], row["created"], row["updated"], turns)

    def summaries(self, owner: str) -> list[Summary]:
        rows = self._db.execute(
            "SELECT c.id, c.title, c.updated, count(t.id) AS questions FROM conversations c "
            "LEFT JOIN turns t ON t.conversation_id = c.id WHERE c.owner = ? "
            "GROUP BY c.id ORDER BY c.updated DESC",
            (owner,),
        )
        return [Summary(r["id"], r["title"], r["updated"], r["questions"]) for r in rows]

    def rename(self, owner: str, cid: str, title: str) -> bool:
        with self._lock:
            done = self._db.execute(
                "UPDATE conversations SET title = ? WHERE id = ? AND owner = ?",
                (title_for(title) or "Untitled conversation", cid, owner),
            )
        return done.rowcount == 1

    def delete(self, owner: str, cid: str) -> bool:
        with self._lock:
            done = self._db.execute("DELETE FROM conversations WHERE id = ? AND owner = ?", (cid, owner))
        return done.rowcount == 1

    # --- turns ----------------------------------------------------------------------------
    def turn_by_key(self, owner: str, key: str) -> tuple[str, int] | None:
        """(conversation id, turn number) of a form already answered, so a second submit adds nothing."""
        row = self._db.execute(
            "SELECT t.conversation_id, t.n FROM turns t JOIN conversations c ON c.id = t.conversation_id "
            "WHERE t.submit_key = ? AND c.owner = ?",
            (key, owner),
        ).fetchone()
        return (row[0], row[1]) if row else None

    def add_turn(self, owner: str, cid: str, key: str, answer: Answer, filters: SearchFilters) -> int:
        """Append the answer as turn n+1 of the owner's conversation; returns n+1."""
        with self._lock:
            if not self._db.execute(
                "SELECT 1 FROM conversations WHERE id = ? AND owner = ?", (cid, owner)
            ).fetchone():
                raise LookupError(cid)
            n = self._db.execute(
                "SELECT coalesce(max(n), 0) + 1 FROM turns WHERE conversation_id = ?", (cid,)
            ).fetchone()[0]
            now = time.time()
            self._db.execute(
                "INSERT INTO turns (conversation_id, n, submit_key, question, filters, answer, generation,"
                " asked) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    cid,
                    n,
                    key,
                    answer.question,
                    json.dumps(to_json(filters)),
                    json.dumps(to_json(answer), ensure_ascii=False),
                    answer.generation,
                    now,
                ),
            )
            self._db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, cid))
        return int(n)

    # --- feedback -------------------------------------------------------------------------
    def add_feedback(self, owner: str, cid: str, n: int, note: str, expect: list[str]) -> bool:
        row = self._db.execute(
            "SELECT t.id FROM turns t JOIN conversations c ON c.id = t.conversation_id "
            "WHERE c.id = ? AND c.owner = ? AND t.n = ?",
            (cid, owner, n),
        ).fetchone()
        if row is None:
            return False
        with self._lock:
            self._db.execute(
                "INSERT INTO feedback (turn_id, author, note, expect, created) VALUES (?, ?, ?, ?, ?)",
                (row[0], owner, note, json.dumps(expect), time.time()),
            )
        return True

    def feedback(self, *, reviewed: bool | None = None) -> list[Feedback]:
        """Every note (for administrators), newest first; `reviewed` narrows to reviewed or open ones."""
        where = {None: "", True: " WHERE f.reviewed IS NOT NULL", False: " WHERE f.reviewed IS NULL"}

        rows = self._db.execute(
            "SELECT f.*, t.id AS t_id, t.n, t.question, t.filters, t.answer, t.generation, t.asked, "
            "t.conversation_id FROM feedback f JOIN turns t ON t.id = f.turn_id"
            f"{where[reviewed]} ORDER BY f.created DESC"
        ).fetchall()
        return [self._feedback(r) for r in rows]

    def review(self, feedback_id: int, by: str, letter: str | None, expect: list[str]) -> bool:
        with self._lock:
            done = self._db.execute(
                "UPDATE feedback SET reviewed = ?, reviewed_by = ?, letter = ?, expect = ? WHERE id = ?",
                (time.time(), by, letter or None, json.dumps(expect), feedback_id),
            )
        return done.rowcount == 1

    def _feedback(self, row: sqlite3.Row) -> Feedback:
        turn = _turn(row, prefix="t_")
        earlier = self._db.execute(
            "SELECT question FROM turns WHERE conversation_id = ? AND n < ? ORDER BY n",
            (row["conversation_id"], row["n"]),
        )
        return Feedback(
            id=row["id"],
            author=row["author"],
            note=row["note"],
            expect=tuple(json.loads(row["expect"])),
            letter=row["letter"],
            created=row["created"],
            reviewed_by=row["reviewed_by"],
            turn=turn,
            history=tuple(r[0] for r in earlier),
        )


def _turn(row: sqlite3.Row, prefix: str = "") -> StoredTurn:
    answer: Answer = _ANSWER.validate_python(json.loads(row["answer"]))
    filters: SearchFilters = _FILTERS.validate_python(json.loads(row["filters"]))
    return StoredTurn(
        id=row[prefix + "id"],
        n=row["n"],
        question=row["question"],
        filters=filters,
        answer=answer,
        generation=row["generation"],
        asked=row["asked"],
    )


def gold_line(item: Feedback) -> dict[str, Any]:
    """A reviewed note as a `letters eval` gold line: question, the letter that answers it, phrases."""
    line: dict[str, Any] = {"question": item.turn.question, "letter": item.letter}
    line["expect"] = list(item.expect)
    if item.history:
        line["history"] = list(item.history)
    return line
