"""The JSON API: the same records as the CLI's `--json`, read through the caller's reader."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from assistant.reader import NotVisible
from assistant.records import Answer, Turn
from index.records import LetterDetail, LetterList, SearchResult
from web import forms
from web.deps import ReaderDep
from web.models import AskRequest, DateQuery, ErrorOut, NameQuery

# What every route may answer besides 200, each with the one error shape.
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "No session: sign in first."},
    422: {"model": ErrorOut, "description": "A parameter is not valid; the detail says which and why."},
    503: {"model": ErrorOut, "description": "There is no usable index yet."},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such letter (or not one this user may see)."}
}
ASK_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The body could not be read (not UTF-8 JSON)."},
    413: {"model": ErrorOut, "description": "The request body is too large."},
    415: {"model": ErrorOut, "description": "The body is not JSON."},
}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


@router.post("/ask", response_model=Answer, responses=ASK_ERRORS)
def api_ask(request: Request, body: AskRequest, reader: ReaderDep) -> Answer:
    """Answer a question (with earlier turns and filters): the same object as `letters ask --json`."""
    # Only JSON: a cross-site form cannot send it without the browser asking first (CORS), so a
    # signed-in officer's cookie cannot be used from another site.
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise HTTPException(415, "send the question as JSON (Content-Type: application/json)")
    return reader.ask(
        body.question,
        history=[Turn(t.question) for t in body.history],
        filters=body.filters.records(),
        k=body.k,
    )


@router.get("/search", response_model=SearchResult)
def api_search(
    reader: ReaderDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    k: Annotated[int, Query(ge=1, le=100)] = 10,
    sender: NameQuery = None,
    recipient: NameQuery = None,
    since: DateQuery = None,
    until: DateQuery = None,
) -> SearchResult:
    """Hybrid keyword + meaning search: the same object as `letters search --json`."""
    return reader.search(q, k=k, filters=forms.filters(sender, recipient, since, until))


@router.get("/letters", response_model=LetterList)
def api_letters(
    reader: ReaderDep,
    sort: Annotated[str, Query(pattern="^-?date$")] = "date",
    sender: NameQuery = None,
    recipient: NameQuery = None,
    since: DateQuery = None,
    until: DateQuery = None,
) -> LetterList:
    """The letters this user may see: the same object as `letters documents --json`."""
    return reader.letters(forms.filters(sender, recipient, since, until), sort=sort)


@router.get("/letters/{letter_id}", response_model=LetterDetail, responses=NOT_FOUND)
def api_letter(reader: ReaderDep, letter_id: str) -> LetterDetail:
    """One letter with its text and passages."""
    try:
        return reader.detail(letter_id)
    except NotVisible as exc:
        raise HTTPException(404, str(exc)) from None
