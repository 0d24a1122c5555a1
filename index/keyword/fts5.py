"""SQLite FTS5 keywords (Porter stemming, `bm25()`), in the generation's own letters.db.

Kept as an option (`LETTERS_KEYWORD_ENGINE=fts5`): no other file, but `bm25()` scores every passage
a query matches (32 ms a query at 100,000 passages, BENCHMARKS.md issue 7), so it does not scale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from index.keyword.base import META_WEIGHT, KeywordDoc, KeywordIndex
from index.records import SearchFilters
from index.store import Store, filter_sql


def fts_query(words: Sequence[str]) -> str | None:
    """Query words → an FTS5 query that cannot be a syntax error: quoted terms joined by OR."""
    return " OR ".join(f'"{w}"' for w in words) if words else None


class Fts5Index:
    """Reads a generation's FTS5 table through its read-only store (a connection per thread)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def search(self, words: Sequence[str], filters: SearchFilters, limit: int) -> list[tuple[int, float]]:
        match = fts_query(words)
        if match is None:
            return []
        if filters == SearchFilters():
            # No filter: the full-text index alone, no join per match (a long question can match a
            # fifth of 100,000 passages; the joins doubled the time).
            rows = self.store.db.execute(
                f"""SELECT rowid, bm25(passages_fts, 1.0, {META_WEIGHT}) AS rank FROM passages_fts
                   WHERE passages_fts MATCH ? ORDER BY rank LIMIT ?""",
                [match, limit],
            )
        else:
            where, params = filter_sql(filters)
            rows = self.store.db.execute(
                f"""SELECT p.id, bm25(passages_fts, 1.0, {META_WEIGHT}) AS rank FROM passages_fts f
                JOIN passages p ON p.id = f.rowid JOIN letters l ON l.id = p.letter_id
                WHERE passages_fts MATCH ? AND {where}
                ORDER BY rank LIMIT ?""",
                [match, *params, limit],
            )
        # FTS5's bm25() is negated so that smaller sorts first; flip it back to "higher is better".
        return [(r[0], -float(r[1])) for r in rows]

    def doc_freqs(
        self, groups: Sequence[str], markings: Sequence[str | None] | None = None
    ) -> tuple[int, list[int]]:
        db = self.store.db
        if markings is None:
            # No clearance: the full-text table alone, no join per match (as in `search`).
            joined, where, params = "FROM passages_fts", "1", list[str]()
        else:
            joined = (
                "FROM passages_fts f JOIN passages p ON p.id = f.rowid JOIN letters l ON l.id = p.letter_id"
            )
            where, params = filter_sql(SearchFilters(markings=tuple(markings)))
        total = db.execute(f"SELECT count(*) {joined} WHERE {where}", params).fetchone()[0]
        counts = []
        for group in groups:
            words = re.findall(r"\w+", group.lower())
            if not words:
                counts.append(0)
                continue
            match = " AND ".join(f'"{w}"' for w in words)
            row = db.execute(
                f"SELECT count(*) {joined} WHERE passages_fts MATCH ? AND {where}", [match, *params]
            ).fetchone()
            counts.append(row[0])
        return total, counts

    def close(self) -> None:
        pass  # the store's connections are the generation's to close


class Fts5Builder:
    """Writes the FTS5 table of the letters.db being built, on the builder's own connection."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def rebuild(self, docs: Iterable[KeywordDoc]) -> None:
        self.store.db.execute("DELETE FROM passages_fts")
        self._insert(docs)

    def apply(self, deleted: Sequence[int], added: Iterable[KeywordDoc]) -> None:
        self.store.db.executemany("DELETE FROM passages_fts WHERE rowid = ?", [(i,) for i in deleted])
        self._insert(added)

    def _insert(self, docs: Iterable[KeywordDoc]) -> None:
        self.store.db.executemany(
            "INSERT INTO passages_fts (rowid, text, meta) VALUES (?, ?, ?)",
            ((d.passage_id, d.text, d.meta) for d in docs),
        )

    def finish(self) -> None:
        self.store.db.commit()


class Fts5Engine:
    name = "fts5"

    def open(self, folder: Path, store: Store) -> KeywordIndex:
        return Fts5Index(store)

    def updatable(self, base: Path) -> bool:
        return True  # the table has one layout

    def builder(self, folder: Path, store: Store, base: Path | None) -> Fts5Builder:
        # letters.db is copied from the previous generation with its FTS5 table, so `base` needs no copy.
        return Fts5Builder(store)
