"""The assistant's records: citations, the statements that rely on them, and the answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from index.records import Hit, Letter, SearchFilters


@dataclass(frozen=True)
class Turn:
    """An earlier question of the conversation (and the answer it got, if any)."""

    question: str
    answer: str = ""


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

    def to_dict(self) -> dict[str, Any]:
        letter = self.letter.to_dict()
        return {
            "n": self.n,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "page": self.page,
            "paragraph": self.paragraph,
            "kind": self.kind,
            "passage_id": self.passage_id,
            "reference": self.reference,
            "letter": {
                k: letter[k]
                for k in (
                    "id",
                    "path",
                    "title",
                    "date",
                    "date_kind",
                    "sender",
                    "recipient",
                    "marking",
                    "references",
                )
            },
        }


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": self.text,
            "statements": [{"text": s.text, "cites": list(s.cites)} for s in self.statements],
            "citations": [c.to_dict() for c in self.citations],
            "related": [h.to_dict() for h in self.related],
            "generation": self.generation,
            "query": self.query,
        }
