"""Keyword retrieval (BM25, stemmed): the protocol every engine follows, its records and errors.

A keyword index is derived from the SQLite store (the source of truth) and lives in a generation's
folder; `Store.keyword_docs` gives the rows to index, `KeywordBuilder` writes them beside the
current generation, and `KeywordIndex` reads a published one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from index.records import SearchFilters
from index.store import Store
from index.words import STOPWORDS

# The title and parties of a letter are keywords of every passage, weighed a fifth of the text.
META_WEIGHT = 0.2


class KeywordProblem(Exception):
    """A keyword index that cannot be opened or written; the message says what to do next."""


@dataclass(frozen=True)
class KeywordDoc:
    """One passage as a keyword engine indexes it: its words, its letter's words, and its filters."""

    passage_id: int
    text: str
    meta: str  # title | sender | recipient, weighed META_WEIGHT
    sender: str  # every name/title/office/org of the sender (substring filter)
    recipient: str
    date: str | None  # ISO 8601 (range filter)
    marking: str | None  # clearance filter (None: unmarked)


def query_words(text: str) -> list[str]:
    """The words of a query that count: lower-cased, stopwords dropped (unless nothing else is left)."""
    words = [w for w in re.findall(r"\w+", text.lower()) if w not in STOPWORDS]
    if not words:
        words = re.findall(r"\w+", text.lower())
    return list(dict.fromkeys(words))


class KeywordIndex(Protocol):
    """A published keyword index, read-only; safe to search from many threads at once."""

    def search(self, words: Sequence[str], filters: SearchFilters, limit: int) -> list[tuple[int, float]]:
        """(passage id, BM25 score) best first, at most `limit`; every filter applies before ranking."""
        ...

    def doc_freqs(
        self, groups: Sequence[str], markings: Sequence[str | None] | None = None
    ) -> tuple[int, list[int]]:
        """How many passages there are, and for each group of words how many passages hold them all.

        What a question's words are worth as evidence of an answer: a word few passages hold names
        the particular thing asked about (issue 12's calibrated refusal). With `markings` (a reader's
        clearance) only the passages of letters so marked count: what a reader may not see must not
        change how their question is weighed.
        """
        ...

    def close(self) -> None: ...


class KeywordBuilder(Protocol):
    """Writes the keyword index of a generation being built; nothing is visible until it is published."""

    def rebuild(self, docs: Iterable[KeywordDoc]) -> None:
        """Index exactly `docs` (a fresh build, or one from another engine)."""
        ...

    def apply(self, deleted: Sequence[int], added: Iterable[KeywordDoc]) -> None:
        """The previous generation's index, less the deleted passages, plus the added ones."""
        ...

    def finish(self) -> None:
        """Everything written and synced to disk; called once, before the generation is published."""
        ...


class KeywordEngine(Protocol):
    """One keyword engine: how it opens a generation's index and builds the next one."""

    name: str

    def open(self, folder: Path, store: Store) -> KeywordIndex:
        """The index of the published generation in `folder` (`store`: its SQLite store, read-only)."""
        ...

    def updatable(self, base: Path) -> bool:
        """True when the index in generation folder `base` (this engine's) has the layout this code
        writes, so it can be updated in place; otherwise the next generation builds it afresh."""
        ...

    def builder(self, folder: Path, store: Store, base: Path | None) -> KeywordBuilder:
        """A builder in `folder`; `base` is the previous generation's folder when it has this engine."""
        ...


def keyword_docs(store: Store, ids: Sequence[int] | None = None) -> Iterable[KeywordDoc]:
    """The passages `ids` (all: None) as a keyword engine indexes them, read from the store."""
    for pid, text, title, sender, recipient, date, marking in store.keyword_rows(ids):
        meta = " | ".join(x for x in (title, sender, recipient) if x)
        yield KeywordDoc(pid, text, meta, sender, recipient, date, marking)
