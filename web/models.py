"""The JSON API's request and response models; pages render from the same records."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from index.records import SearchFilters

MAX_HISTORY = 20
# A question and each earlier question of its history: longer text is refused, not searched.
MAX_QUESTION = 2000


class Filters(BaseModel):
    sender: str | None = Field(None, max_length=200, description="Substring of the sender's names/org.")
    recipient: str | None = Field(None, max_length=200, description="Substring of the recipient's names/org.")
    since: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO date, inclusive.")
    until: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO date, inclusive.")

    def records(self) -> SearchFilters:
        return SearchFilters(
            sender=self.sender or None, recipient=self.recipient or None, since=self.since, until=self.until
        )


class TurnIn(BaseModel):
    question: str = Field(..., max_length=MAX_QUESTION)
    answer: str = Field("", max_length=50_000)


class AskRequest(BaseModel):
    model_config = ConfigDict(json_schema_extra={"example": {"question": "Who was proposed to chair it?"}})

    question: str = Field(..., min_length=1, max_length=2000, description="The officer's question.")
    history: list[TurnIn] = Field(default_factory=list, max_length=MAX_HISTORY, description="Earlier turns.")
    filters: Filters = Field(default_factory=Filters)
    k: int | None = Field(None, ge=1, le=50, description="Passages read as evidence.")


class LetterOut(BaseModel):
    id: str
    path: str
    title: str
    date: str | None
    date_kind: str | None = None
    sender: str
    recipient: str
    marking: str | None
    references: dict[str, str] = Field(default_factory=dict)
    model_config = ConfigDict(extra="allow")


class PassageOut(BaseModel):
    id: int
    kind: str
    text: str
    page: int
    paragraph: int | None
    start: int
    end: int
    model_config = ConfigDict(extra="allow")


class HitOut(BaseModel):
    score: float
    retrievers: dict[str, int]
    letter: LetterOut
    passage: PassageOut


class CitationOut(BaseModel):
    n: int
    quote: str
    start: int
    end: int
    page: int
    paragraph: int | None
    kind: str
    passage_id: int
    reference: str
    letter: LetterOut


class StatementOut(BaseModel):
    text: str
    cites: list[int]


class AnswerOut(BaseModel):
    """The same object as `letters ask --json`."""

    question: str
    answered: bool
    answer: str
    statements: list[StatementOut]
    citations: list[CitationOut]
    related: list[HitOut]
    generation: str
    query: str


class SearchOut(BaseModel):
    query: str
    hits: list[HitOut]
    generation: str


class LettersOut(BaseModel):
    letters: list[LetterOut]
    generation: str


class LetterDetailOut(BaseModel):
    letter: LetterOut
    text: str
    passages: list[PassageOut]
    generation: str


def dump(obj: Any) -> dict[str, Any]:
    """A record's `to_dict()` (one source for CLI JSON, API and pages)."""
    result: dict[str, Any] = obj.to_dict()
    return result
