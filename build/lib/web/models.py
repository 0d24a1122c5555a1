"""What the JSON API accepts (requests and query parameters) and its one error shape.

Responses are the records themselves (`index.records`, `assistant.records`): one JSON shape each.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Query
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema

from index.records import SearchFilters

MAX_HISTORY = 20
MAX_QUESTION = 2000
MAX_NAME = 200


def _real_date(value: str) -> str:
    dt.date.fromisoformat(value)  # ValueError ("month must be in 1..12") → 422 naming the field
    return value


# A date as the API takes it: only YYYY-MM-DD (pydantic's own date type would also take 0 or 1.5 as
# Unix times, which the OpenAPI document does not promise).
IsoDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"),
    AfterValidator(_real_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]

NameQuery = Annotated[
    str | None,
    Query(max_length=MAX_NAME, description="Case-insensitive part of a name, title or organisation."),
]
DateQuery = Annotated[IsoDate | None, Query(description="ISO date (YYYY-MM-DD), inclusive.")]


class ErrorOut(BaseModel):
    """Every error the API answers: one sentence saying what is wrong and what to do."""

    detail: str


class Filters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sender: str | None = Field(None, max_length=MAX_NAME, description="Part of the sender's names/org.")
    recipient: str | None = Field(None, max_length=MAX_NAME, description="Part of the recipient's names/org.")
    since: IsoDate | None = Field(None, description="ISO date, inclusive.")
    until: IsoDate | None = Field(None, description="ISO date, inclusive.")

    def records(self) -> SearchFilters:
        return SearchFilters(
            sender=(self.sender or "").strip() or None,
            recipient=(self.recipient or "").strip() or None,
            since=self.since,
            until=self.until,
        )


class TurnIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    question: str = Field(
        ..., max_length=MAX_QUESTION, description="An earlier question of the conversation."
    )


class AskRequest(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"example": {"question": "Who was proposed to chair it?"}}
    )

    question: str = Field(..., min_length=1, max_length=MAX_QUESTION, description="The officer's question.")
    history: list[TurnIn] = Field(default_factory=list, max_length=MAX_HISTORY, description="Earlier turns.")
    filters: Filters = Field(default_factory=Filters)
    k: int | None = Field(None, ge=1, le=50, description="Passages read as evidence.")
