"""SQLite, the source of truth: letters, passages, embedding windows, vectors (FTS5: index.keyword)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index.private import private_file
from index.records import EmailLink, Letter, Party, Passage, SearchFilters

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,         -- relative to the corpus folder
    sha256 TEXT NOT NULL,          -- of the file's bytes
    fingerprint TEXT NOT NULL      -- file + sidecar + parser version: what decides "changed"
);
CREATE TABLE IF NOT EXISTS letters (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,            -- the file; one file (an mbox) can hold many letters
    part TEXT NOT NULL,            -- which of them ("" for one-letter files)
    sha256 TEXT NOT NULL,          -- of the file's bytes
    dedup_key TEXT NOT NULL,       -- the same message found in another file is indexed once ("" = none)
    title TEXT NOT NULL,
    date TEXT,
    date_kind TEXT,
    sender TEXT NOT NULL,          -- JSON of Party
    recipient TEXT NOT NULL,
    sender_text TEXT NOT NULL,     -- every name/title/office/org, for filters and keywords
    recipient_text TEXT NOT NULL,
    marking TEXT,
    refs TEXT NOT NULL,            -- JSON [[label, value], ...]
    source_kind TEXT NOT NULL,
    pages INTEGER NOT NULL,
    message_id TEXT,               -- email threading (see link_threads)
    in_reply_to TEXT,
    thread_root TEXT,              -- the first Message-ID of the References header, if any
    thread_id TEXT,
    text TEXT NOT NULL,            -- extracted text; passages and quotes index into it
    parent_id TEXT,                -- an attachment: the email it came with (the first of its carriers)
    attachment TEXT NOT NULL DEFAULT '',  -- its file name in that email
    attached_to TEXT               -- JSON of EmailLink: that email as the attachment's citation names it
);
CREATE INDEX IF NOT EXISTS letters_path ON letters(path);
CREATE INDEX IF NOT EXISTS letters_dedup ON letters(dedup_key);
CREATE INDEX IF NOT EXISTS letters_date ON letters(date);
CREATE INDEX IF NOT EXISTS letters_parent ON letters(parent_id);
CREATE TABLE IF NOT EXISTS passages (
    id INTEGER PRIMARY KEY,        -- also the FAISS id
    letter_id TEXT NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    paragraph INTEGER,
    page INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    ocr INTEGER NOT NULL DEFAULT 0, -- read from a scanned page by OCR
    quotable INTEGER NOT NULL DEFAULT 1, -- may be quoted as evidence (not mail furniture or a heading)
    quoted_writer TEXT,            -- quoted history no other letter holds: its writer ("" unnamed)
    quoted_date TEXT               -- and the date its header gives
);
CREATE INDEX IF NOT EXISTS passages_letter ON passages(letter_id);
-- Messages a file holds that were indexed from another file: when that file goes, this one is
-- read again so the message stays in the index.
CREATE TABLE IF NOT EXISTS duplicates (
    path TEXT NOT NULL,
    dedup_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS duplicates_key ON duplicates(dedup_key);
-- Every email that carried an attachment: the same file sent in many emails is one letter, linked
-- to each of them.
CREATE TABLE IF NOT EXISTS carriers (
    attachment_id TEXT NOT NULL,   -- the attachment's letter
    email_id TEXT NOT NULL,        -- an email (or attached message) that carried it
    name TEXT NOT NULL,            -- the attachment's file name in that email
    PRIMARY KEY (attachment_id, email_id)
);
CREATE INDEX IF NOT EXISTS carriers_email ON carriers(email_id);
-- Embedding windows of a passage (long passages have several); vectors are shared by text hash
-- so text that did not change is never embedded again, even inside a changed letter.
CREATE TABLE IF NOT EXISTS chunks (
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    text_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_passage ON chunks(passage_id);
-- The units an answer may quote (sentences, a list with its introduction, a header block), cut at
-- index time; their vectors share the embeddings table, so an answer embeds only the question.
CREATE TABLE IF NOT EXISTS units (
    passage_id INTEGER NOT NULL REFERENCES passages(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS units_passage ON units(passage_id);
CREATE TABLE IF NOT EXISTS embeddings (
    text_hash TEXT PRIMARY KEY,
    vector BLOB NOT NULL
);
-- The letter's own bytes when it is one message of a file holding many (an mbox), so "Original
-- file" can serve just that message, never its neighbours. Apart from `letters` so that listing
-- letters does not read every message's bytes.
CREATE TABLE IF NOT EXISTS originals (
    letter_id TEXT PRIMARY KEY REFERENCES letters(id) ON DELETE CASCADE,
    data BLOB NOT NULL
);
-- Fingerprints of text (ingest.conventions.quotes.shingles): block -1 is the letter's own text, 0..n
-- the passages of its quoted history. A quoted message whose text another letter holds is
-- not a passage (`held`); when that letter comes or goes, the quoting letter is read again.
CREATE TABLE IF NOT EXISTS shingles (
    hash INTEGER NOT NULL,
    letter_id TEXT NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
    block INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS shingles_hash ON shingles(hash);
CREATE INDEX IF NOT EXISTS shingles_letter ON shingles(letter_id);
CREATE TABLE IF NOT EXISTS quoted_blocks (
    letter_id TEXT NOT NULL REFERENCES letters(id) ON DELETE CASCADE,
    block INTEGER NOT NULL,
    held INTEGER NOT NULL,         -- 0 a passage; 1 another letter's own text holds it; 2 an earlier copy
    PRIMARY KEY (letter_id, block)
);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    text, meta, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""
# Columns added to `letters` after indexes were built without them: added in place on open for
# writing (a new build copies the previous generation), read as their defaults when read-only.
_ADDED_COLUMNS = {
    "parent_id": "TEXT",
    "attachment": "TEXT NOT NULL DEFAULT ''",
    "attached_to": "TEXT",
}


@dataclass(frozen=True)
class NewPassage:
    """A passage to store: where it lies in its letter's text, and the hashes of its embedding windows."""

    kind: str
    paragraph: int | None
    page: int
    start: int
    end: int
    ocr: bool
    windows: tuple[str, ...]
    quotable: bool = True
    units: tuple[tuple[int, int, str], ...] = ()  # (start, end, text hash) of each quotable unit
    quoted_writer: str | None = None  # quoted history: its writer ("" unnamed); None: the letter's own
    quoted_date: str | None = None


def text_hash(text: str) -> str:
    """The key of a text's vector in `embeddings`: equal text is embedded once, whoever asks."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def party_text(party: Party) -> str:
    """Every word that names a party: the display form plus each person's name and title."""
    bits = [party.display, party.office, party.organisation]
    for person in party.people:
        bits += [person.name, person.title, person.organisation, person.email]
    return " | ".join(b for b in bits if b)


def _column(row: sqlite3.Row, name: str, default: Any) -> Any:
    """A column added after the first release; an index built before it reads as the default."""
    return row[name] if name in row.keys() else default  # noqa: SIM118 (`in row` tests the values)


def _letter(row: sqlite3.Row) -> Letter:
    return Letter(
        id=row["id"],
        path=row["path"],
        sha256=row["sha256"],
        title=row["title"],
        date=row["date"],
        date_kind=row["date_kind"],
        sender=Party.from_dict(json.loads(row["sender"])),
        recipient=Party.from_dict(json.loads(row["recipient"])),
        marking=row["marking"],
        references=tuple((k, v) for k, v in json.loads(row["refs"])),
        source_kind=row["source_kind"],
        pages=row["pages"],
        label=_column(row, "part", ""),
        message_id=_column(row, "message_id", None),
        in_reply_to=_column(row, "in_reply_to", None),
        thread_id=_column(row, "thread_id", None),
        parent_id=_column(row, "parent_id", None),
        attachment=_column(row, "attachment", "") or "",
        attached_to=EmailLink.from_dict(json.loads(link))
        if (link := _column(row, "attached_to", None))
        else None,
    )


def _passage(row: sqlite3.Row) -> Passage:
    return Passage(
        id=row["id"],
        letter_id=row["letter_id"],
        kind=row["kind"],
        paragraph=row["paragraph"],
        page=row["page"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        ocr=bool(_column(row, "ocr", 0)),
        quotable=bool(_column(row, "quotable", 1)),
        quoted_writer=_column(row, "quoted_writer", None),
        quoted_date=_column(row, "quoted_date", None),
    )


def filter_sql(filters: SearchFilters) -> tuple[str, list[str]]:
    """A WHERE fragment over alias `l` (letters) and its parameters."""
    clauses: list[str] = []
    params: list[str] = []
    if filters.sender:
        clauses.append("l.sender_text LIKE ? ESCAPE '\\'")
        params.append(f"%{_like(filters.sender)}%")
    if filters.recipient:
        clauses.append("l.recipient_text LIKE ? ESCAPE '\\'")
        params.append(f"%{_like(filters.recipient)}%")
    if filters.since:
        clauses.append("l.date >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append("l.date <= ?")
        params.append(filters.until)
    if filters.markings is not None:
        # Clearance is a filter like any other: applied before ranking, so nothing above it can
        # surface in a snippet, a count or a "related" list.
        named = [m for m in filters.markings if m is not None]
        either = [f"l.marking IN ({','.join('?' * len(named))})"] if named else []
        if None in filters.markings:
            either.append("l.marking IS NULL")
        clauses.append(f"({' OR '.join(either)})" if either else "0")
        params.extend(named)
    return (" AND ".join(clauses) or "1"), params


def _label(path: str, part: str) -> str:
    """How a report names a letter: the file, and which of its letters ("box.mbox#12", "a.eml/b.pdf")."""
    if not part:
        return path
    return f"{path}{part}" if part.startswith("/") else f"{path}#{part}"


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class Store:
    """One SQLite database of a generation: one writer connection, or read-only ones per thread.

    The web server answers requests on a thread pool; a connection per thread keeps SQLite's
    cursors from interleaving between requests.
    """

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        # Passages deleted and added through this store: what the keyword (and vector) indexes of the
        # next generation change from the previous one's (index.generation.Builder.publish).
        self.deleted_passages: list[int] = []
        self.added_passages: list[int] = []
        if not readonly:
            private_file(path)  # letter text: 0600 before SQLite creates it (its journal takes the same mode)
            self._add_columns()
            self.db.executescript(SCHEMA)
        else:
            self.db  # noqa: B018  # open now, so a missing or corrupt file fails here, not mid-request

    def _add_columns(self) -> None:
        """Columns added after a release, on a copy of an older generation (CREATE IF NOT EXISTS skips)."""
        have = {r[1] for r in self.db.execute("PRAGMA table_info(letters)")}
        if have:  # a new database has none: SCHEMA creates the tables whole
            for name, kind in _ADDED_COLUMNS.items():
                if name not in have:
                    self.db.execute(f"ALTER TABLE letters ADD COLUMN {name} {kind}")
        passages = {r[1] for r in self.db.execute("PRAGMA table_info(passages)")}
        if passages and "quotable" not in passages:
            self.db.execute("ALTER TABLE passages ADD COLUMN quotable INTEGER NOT NULL DEFAULT 1")
        for name in ("quoted_writer", "quoted_date"):
            if passages and name not in passages:
                self.db.execute(f"ALTER TABLE passages ADD COLUMN {name} TEXT")

    @property
    def db(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if self.readonly:
                conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            else:
                conn = sqlite3.connect(self.path, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading -------------------------------------------------------------------------
    def letters(self, filters: SearchFilters | None = None) -> list[Letter]:
        where, params = filter_sql(filters or SearchFilters())
        rows = self.db.execute(
            f"SELECT * FROM letters l WHERE {where} ORDER BY l.date IS NULL, l.date, l.path", params
        )
        return [_letter(r) for r in rows]

    def letter_dates(self) -> list[tuple[str, str]]:
        """(path, date) of every dated letter, without loading the letters."""
        return [
            (r[0], r[1]) for r in self.db.execute("SELECT path, date FROM letters WHERE date IS NOT NULL")
        ]

    def markings(self) -> list[str | None]:
        """Every distinct marking in the index (None for unmarked letters)."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT marking FROM letters")]

    def letter(self, letter_id: str) -> Letter | None:
        row = self.db.execute("SELECT * FROM letters WHERE id = ?", (letter_id,)).fetchone()
        return _letter(row) if row else None

    def letter_text(self, letter_id: str) -> str | None:
        row = self.db.execute("SELECT text FROM letters WHERE id = ?", (letter_id,)).fetchone()
        return row["text"] if row else None

    def file_letters(self, path: str) -> list[Letter]:
        """Every letter read from one file: its messages, and their attachments."""
        return [_letter(r) for r in self.db.execute("SELECT * FROM letters WHERE path = ?", (path,))]

    def original(self, letter_id: str) -> bytes | None:
        """The letter's own bytes when it is one message of a mailbox; None for a whole-file letter."""
        try:
            row = self.db.execute("SELECT data FROM originals WHERE letter_id = ?", (letter_id,)).fetchone()
        except sqlite3.OperationalError:  # an index built before the table: every letter was whole-file
            return None
        return bytes(row["data"]) if row else None

    def has_files(self) -> bool:
        """Whether the index records files apart from letters (the schema since mailboxes and email)."""
        found = self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'files'")
        return found.fetchone() is not None

    def files(self) -> dict[str, tuple[str, str]]:
        """path → (fingerprint, sha256) of every file indexed (even one whose letters were all duplicates)."""
        rows = self.db.execute("SELECT path, fingerprint, sha256 FROM files")
        return {r["path"]: (r["fingerprint"], r["sha256"]) for r in rows}

    def dedup_keys(self) -> dict[str, tuple[str, str]]:
        """dedup key → (file path, how the report names the letter) of every letter that has one."""
        rows = self.db.execute("SELECT dedup_key, path, part FROM letters WHERE dedup_key != ''")
        return {r["dedup_key"]: (r["path"], _label(r["path"], r["part"])) for r in rows}

    def duplicate_holders(self) -> dict[str, set[str]]:
        """dedup key → the files holding that message as a duplicate of a letter indexed elsewhere."""
        out: dict[str, set[str]] = {}
        for r in self.db.execute("SELECT path, dedup_key FROM duplicates"):
            out.setdefault(r["dedup_key"], set()).add(r["path"])
        return out

    def dedup_ids(self) -> dict[str, str]:
        """dedup key → id of the letter indexed under it (what a later duplicate attachment links to)."""
        rows = self.db.execute("SELECT dedup_key, id FROM letters WHERE dedup_key != ''")
        return {r["dedup_key"]: r["id"] for r in rows}

    def _has_carriers(self) -> bool:
        found = self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'carriers'")
        return found.fetchone() is not None

    def attachments(self, letter_id: str, filters: SearchFilters | None = None) -> list[tuple[Letter, str]]:
        """(attachment letter, its file name in this email) of every attachment the email carried,
        in the email's order; `filters` (a reader's clearance) hides those it does not allow."""
        if not self._has_carriers():
            return []
        where, params = filter_sql(filters or SearchFilters())
        rows = self.db.execute(
            f"""SELECT l.*, c.name AS carried_name FROM carriers c JOIN letters l ON l.id = c.attachment_id
                WHERE c.email_id = ? AND {where} ORDER BY c.rowid""",
            [letter_id, *params],
        )
        return [(_letter(r), r["carried_name"]) for r in rows]

    def carriers(self, letter_id: str, filters: SearchFilters | None = None) -> list[Letter]:
        """Every email that carried this attachment (the first one first); [] for a letter that is none."""
        if not self._has_carriers():
            return []
        where, params = filter_sql(filters or SearchFilters())
        rows = self.db.execute(
            f"""SELECT l.* FROM carriers c JOIN letters l ON l.id = c.email_id
                WHERE c.attachment_id = ? AND {where} ORDER BY c.rowid""",
            [letter_id, *params],
        )
        return [_letter(r) for r in rows]

    def carrier_pairs(self) -> list[tuple[str, str, str]]:
        """Every (attachment id, email id, file name) link, in the order they were indexed."""
        if not self._has_carriers():
            return []
        rows = self.db.execute("SELECT attachment_id, email_id, name FROM carriers ORDER BY rowid")
        return [(r[0], r[1], r[2]) for r in rows]

    def passages(self, ids: Sequence[int]) -> dict[int, tuple[Passage, Letter]]:
        out: dict[int, tuple[Passage, Letter]] = {}
        letters: dict[str, Letter] = {}
        for start in range(0, len(ids), 500):
            batch = list(ids[start : start + 500])
            marks = ",".join("?" * len(batch))
            for row in self.db.execute(f"SELECT * FROM passages WHERE id IN ({marks})", batch):
                passage = _passage(row)
                if passage.letter_id not in letters:
                    found = self.letter(passage.letter_id)
                    assert found is not None  # foreign key guarantees it
                    letters[passage.letter_id] = found
                out[passage.id] = (passage, letters[passage.letter_id])
        return out

    def letter_passages(self, letter_id: str) -> list[Passage]:
        rows = self.db.execute("SELECT * FROM passages WHERE letter_id = ? ORDER BY start", (letter_id,))
        return [_passage(r) for r in rows]

    def counts(self) -> tuple[int, int]:
        letters = self.db.execute("SELECT count(*) FROM letters").fetchone()[0]
        passages = self.db.execute("SELECT count(*) FROM passages").fetchone()[0]
        return int(letters), int(passages)

    def passage_ids(self, filters: SearchFilters) -> list[int]:
        where, params = filter_sql(filters)
        rows = self.db.execute(
            f"SELECT p.id FROM passages p JOIN letters l ON l.id = p.letter_id WHERE {where}", params
        )
        return [r[0] for r in rows]

    def keyword_rows(self, ids: Sequence[int] | None = None) -> Iterator[tuple[Any, ...]]:
        """(passage id, text, title, sender, recipient, date, marking) of those passages (all: None).

        What a keyword engine indexes (index.keyword.base.keyword_docs); rows of ids no longer stored
        are skipped.
        """
        sql = """SELECT p.id, p.text, l.title, l.sender_text, l.recipient_text, l.date, l.marking
                 FROM passages p JOIN letters l ON l.id = p.letter_id"""
        if ids is None:
            yield from self.db.execute(sql + " ORDER BY p.id")
            return
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            yield from self.db.execute(sql + f" WHERE p.id IN ({','.join('?' * len(batch))})", batch)

    def chunk_vectors(
        self, passage_ids: Sequence[int] | None = None
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(passage ids, vectors) in batches, for building the FAISS index (only those passages: ids)."""
        sql = "SELECT c.passage_id, e.vector FROM chunks c JOIN embeddings e ON e.text_hash = c.text_hash"
        if passage_ids is None:
            batches = [self.db.execute(sql)]
        else:
            wanted = sorted(set(passage_ids))
            batches = [
                self.db.execute(sql + f" WHERE c.passage_id IN ({','.join('?' * len(b))})", b)
                for b in (wanted[i : i + 500] for i in range(0, len(wanted), 500))
            ]
        for cursor in batches:
            while rows := cursor.fetchmany(4096):
                ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
                vectors = np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
                yield ids, vectors

    def vectors_for(self, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those text hashes the index holds."""
        wanted = list(set(hashes))
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(
                f"SELECT text_hash, vector FROM embeddings WHERE text_hash IN ({marks})", batch
            )
            found.update((h, np.frombuffer(v, dtype=np.float32)) for h, v in rows)
        return found

    def units(self, passage_ids: Sequence[int]) -> dict[int, list[tuple[int, int, str]]]:
        """passage id → its quotable units (start, end, text hash) in reading order; {} on older indexes."""
        out: dict[int, list[tuple[int, int, str]]] = {}
        if not self._has_units():
            return out
        ids = list(dict.fromkeys(passage_ids))
        for i in range(0, len(ids), 500):
            batch = ids[i : i + 500]
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(
                f'SELECT passage_id, start, "end", text_hash FROM units WHERE passage_id IN ({marks})'
                " ORDER BY passage_id, start",
                batch,
            )
            for pid, s, e, h in rows:
                out.setdefault(pid, []).append((s, e, h))
        return out

    def _has_units(self) -> bool:
        found = self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'units'")
        return found.fetchone() is not None

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        wanted = list(set(hashes))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(f"SELECT text_hash FROM embeddings WHERE text_hash IN ({marks})", batch)
            found.update(r[0] for r in rows)
        return found

    # --- writing (inside one transaction, see ingest.pipeline) -----------------------------
    def delete_file(self, path: str) -> None:
        """The file's letters (with their passages and windows), its duplicates and the file itself."""
        gone = self.db.execute(
            "SELECT p.id FROM passages p JOIN letters l ON l.id = p.letter_id WHERE l.path = ?", (path,)
        )
        self.deleted_passages.extend(r[0] for r in gone)
        self.db.execute(
            """DELETE FROM carriers WHERE email_id IN (SELECT id FROM letters WHERE path = ?)
                   OR attachment_id IN (SELECT id FROM letters WHERE path = ?)""",
            (path, path),
        )
        self.db.execute("DELETE FROM letters WHERE path = ?", (path,))  # cascades to passages, chunks
        self.db.execute("DELETE FROM duplicates WHERE path = ?", (path,))
        self.db.execute("DELETE FROM files WHERE path = ?", (path,))

    def add_file(self, path: str, sha256: str, fingerprint: str) -> None:
        self.db.execute(
            "INSERT INTO files (path, sha256, fingerprint) VALUES (?, ?, ?)", (path, sha256, fingerprint)
        )

    def add_carrier(self, attachment_id: str, email_id: str, name: str) -> None:
        """Record that `email_id` carried the attachment letter `attachment_id` as file `name`."""
        self.db.execute(
            "INSERT OR IGNORE INTO carriers (attachment_id, email_id, name) VALUES (?, ?, ?)",
            (attachment_id, email_id, name),
        )

    def add_duplicate(self, path: str, dedup_key: str) -> None:
        self.db.execute("INSERT INTO duplicates (path, dedup_key) VALUES (?, ?)", (path, dedup_key))

    def add_letter(
        self,
        letter: Letter,
        text: str,
        passages: Sequence[NewPassage],
        *,
        dedup_key: str = "",
        thread_root: str | None = None,
        original: bytes | None = None,
    ) -> None:
        """One letter with its passages and their embedding windows, in one go.

        `original`: the letter's own bytes when the file holds several letters (see `original()`)."""
        self.db.execute(
            """INSERT INTO letters (id, path, part, sha256, dedup_key, title, date, date_kind, sender,
                   recipient, sender_text, recipient_text, marking, refs, source_kind, pages, message_id,
                   in_reply_to, thread_root, thread_id, text, parent_id, attachment, attached_to)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                letter.id,
                letter.path,
                letter.label,
                letter.sha256,
                dedup_key,
                letter.title,
                letter.date,
                letter.date_kind,
                json.dumps(dataclasses.asdict(letter.sender)),
                json.dumps(dataclasses.asdict(letter.recipient)),
                party_text(letter.sender),
                party_text(letter.recipient),
                letter.marking,
                json.dumps([list(r) for r in letter.references]),
                letter.source_kind,
                letter.pages,
                letter.message_id,
                letter.in_reply_to,
                thread_root,
                letter.thread_id,
                text,
                letter.parent_id,
                letter.attachment,
                json.dumps(dataclasses.asdict(letter.attached_to)) if letter.attached_to else None,
            ),
        )
        if original is not None:
            self.db.execute("INSERT INTO originals (letter_id, data) VALUES (?, ?)", (letter.id, original))
        for passage in passages:
            body = text[passage.start : passage.end]
            cur = self.db.execute(
                """INSERT INTO passages (letter_id, kind, paragraph, page, start, "end", text, ocr, quotable,
                       quoted_writer, quoted_date)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    letter.id,
                    passage.kind,
                    passage.paragraph,
                    passage.page,
                    passage.start,
                    passage.end,
                    body,
                    int(passage.ocr),
                    int(passage.quotable),
                    passage.quoted_writer,
                    passage.quoted_date,
                ),
            )
            pid = cur.lastrowid
            assert pid is not None
            self.added_passages.append(pid)
            self.db.executemany(
                "INSERT INTO chunks (passage_id, text_hash) VALUES (?, ?)",
                [(pid, h) for h in passage.windows],
            )
            self.db.executemany(
                'INSERT INTO units (passage_id, start, "end", text_hash) VALUES (?, ?, ?, ?)',
                [(pid, s, e, h) for s, e, h in passage.units],
            )

    def add_shingles(
        self, letter_id: str, own: Iterable[int], quoted: Sequence[tuple[Iterable[int], int]]
    ) -> None:
        """Fingerprints of a letter's own text and of each quoted passage, and whether it is held: 0 no
        (it is a passage), 1 by another letter's own text, 2 by an earlier letter's copy."""
        rows = [(h, letter_id, -1) for h in own]
        rows += [(h, letter_id, n) for n, (hashes, _) in enumerate(quoted) for h in hashes]
        self.db.executemany("INSERT INTO shingles (hash, letter_id, block) VALUES (?, ?, ?)", rows)
        self.db.executemany(
            "INSERT INTO quoted_blocks (letter_id, block, held) VALUES (?, ?, ?)",
            [(letter_id, n, int(held)) for n, (_, held) in enumerate(quoted)],
        )

    def file_shingles(self, paths: Iterable[str]) -> set[int]:
        """The fingerprints (own text and quoted) of every letter of these files."""
        out: set[int] = set()
        for batch in _batches(list(paths)):
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(
                f"""SELECT s.hash FROM shingles s JOIN letters l ON l.id = s.letter_id
                    WHERE l.path IN ({marks})""",
                batch,
            )
            out.update(r[0] for r in rows)
        return out

    def held_elsewhere(self, hashes: Iterable[int], letter_id: str) -> set[int]:
        """Which of `hashes` the own text of a letter other than `letter_id` holds."""
        out: set[int] = set()
        for batch in _batches(list(hashes)):
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(
                f"""SELECT DISTINCT hash FROM shingles
                    WHERE block = -1 AND letter_id != ? AND hash IN ({marks})""",
                [letter_id, *batch],
            )
            out.update(r[0] for r in rows)
        return out

    def copies_before(self, hashes: Iterable[int], letter_id: str) -> set[int]:
        """Which of `hashes` quoted text of a letter ordered before `letter_id` holds, where no letter's
        own text holds it (`held` 0 or 2): the first copy of an outside message is the one quoted."""
        out: set[int] = set()
        for batch in _batches(list(hashes)):
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(
                f"""SELECT DISTINCT s.hash FROM shingles s
                    JOIN quoted_blocks q ON q.letter_id = s.letter_id AND q.block = s.block
                    WHERE s.block >= 0 AND q.held != 1 AND s.letter_id < ? AND s.hash IN ({marks})""",
                [letter_id, *batch],
            )
            out.update(r[0] for r in rows)
        return out

    def quoting(self, hashes: Iterable[int]) -> dict[tuple[str, int], int]:
        """(letter id, block) → held, for each quoted passage sharing a fingerprint with `hashes`."""
        found: set[tuple[str, int]] = set()
        for batch in _batches(list(hashes)):
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(
                f"SELECT DISTINCT letter_id, block FROM shingles WHERE block >= 0 AND hash IN ({marks})",
                batch,
            )
            found.update((r[0], r[1]) for r in rows)
        out: dict[tuple[str, int], int] = {}
        for letter_id, block in sorted(found):
            row = self.db.execute(
                "SELECT held FROM quoted_blocks WHERE letter_id = ? AND block = ?", (letter_id, block)
            ).fetchone()
            out[(letter_id, block)] = int(row[0]) if row else 1
        return out

    def block_shingles(self, letter_id: str, block: int) -> set[int]:
        rows = self.db.execute(
            "SELECT hash FROM shingles WHERE letter_id = ? AND block = ?", (letter_id, block)
        )
        return {r[0] for r in rows}

    def letter_path(self, letter_id: str) -> str | None:
        row = self.db.execute("SELECT path FROM letters WHERE id = ?", (letter_id,)).fetchone()
        return row[0] if row else None

    def emails(self) -> list[tuple[Letter, str | None]]:
        """Every letter with a Message-ID and the root its References header names, for threading."""
        rows = self.db.execute("SELECT * FROM letters WHERE message_id IS NOT NULL ORDER BY id")
        return [(_letter(r), r["thread_root"]) for r in rows]

    def set_thread_ids(self, thread_ids: dict[str, str | None]) -> None:
        """letter id → thread id."""
        self.db.executemany(
            "UPDATE letters SET thread_id = ? WHERE id = ?", [(t, lid) for lid, t in thread_ids.items()]
        )

    def add_embeddings(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        self.db.executemany(
            "INSERT OR IGNORE INTO embeddings (text_hash, vector) VALUES (?, ?)",
            [(h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items],
        )

    def prune_embeddings(self) -> None:
        """Drop vectors no passage uses any more (deleted or changed text)."""
        self.db.execute(
            "DELETE FROM embeddings WHERE text_hash NOT IN (SELECT DISTINCT text_hash FROM chunks)"
            " AND text_hash NOT IN (SELECT DISTINCT text_hash FROM units)"
        )


def _batches(items: list[Any], size: int = 500) -> Iterator[list[Any]]:
    """SQLite takes at most a few hundred parameters in one IN list."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
