"""The assistant's records: citations, the statements that rely on them, and the answer.

Pydantic dataclasses like those of index.records: their fields are the JSON of `letters ask --json`
and `POST /api/ask` (rendered by `index.records.to_json`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import field

from pydantic.dataclasses import dataclass

from index.records import Hit, Letter, SearchFilters


@dataclasses.dataclass(frozen=True)
class Turn:
    """An earlier question of the conversation."""

    question: str


@dataclass(frozen=True)
class Citation:
    """A verbatim quote: exactly `letter text[start:end]`, with where a reader finds it."""

    n: int
    letter: Letter
    passage_id: int
    quote: str
    start: int
    end: int
    page: int
    paragraph: int | None
    kind: str
    reference: str  # portable: survives copy-paste into a briefing


@dataclass(frozen=True)
class Statement:
    """One sentence of the answer and the citations it rests on.

    Every quoted stretch ("…") in `text` must be found verbatim in one of the cited quotes; the
    extractive composer builds statements that way, and text from a language model is held to it too.
    """

    text: str
    cites: tuple[int, ...]


@dataclass(frozen=True)
class Answer:
    question: str
    answered: bool
    text: str
    statements: tuple[Statement, ...] = ()
    citations: tuple[Citation, ...] = ()
    related: tuple[Hit, ...] = ()
    generation: str = ""
    query: str = ""  # what was searched: the question, resolved against earlier turns
    filters: SearchFilters = field(default_factory=SearchFilters)
