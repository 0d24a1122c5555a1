"""The JSON API (OpenAPI at /docs): the same records the pages render."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from assistant.records import Turn
from web import forms
from web.deps import GenerationDep, ServicesDep
from web.models import AnswerOut, AskRequest, LetterDetailOut, LettersOut, SearchOut
from web.services import list_letters

router = APIRouter(prefix="/api", tags=["api"])


@router.post("/ask", response_model=AnswerOut)
def api_ask(body: AskRequest, services: ServicesDep) -> AnswerOut:
    """Answer a question (with earlier turns and filters): the same object as `letters ask --json`."""
    answer = services.assistant.ask(
        body.question,
        history=[Turn(t.question, t.answer) for t in body.history],
        filters=body.filters.records(),
        k=body.k,
    )
    return AnswerOut.model_validate(answer.to_dict())


@router.get("/search", response_model=SearchOut)
def api_search(
    services: ServicesDep,
    generation: GenerationDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    k: Annotated[int, Query(ge=1, le=100)] = 10,
    sender: str | None = None,
    recipient: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> SearchOut:
    f = forms.filters(sender, recipient, since, until)
    hits = services.search(generation, q, k, f)
    return SearchOut.model_validate(
        {"query": q, "hits": [h.to_dict() for h in hits], "generation": generation.name}
    )


@router.get("/letters", response_model=LettersOut)
def api_letters(
    generation: GenerationDep,
    sort: Annotated[str, Query(pattern="^-?date$")] = "date",
    sender: str | None = None,
    recipient: str | None = None,
) -> LettersOut:
    found = list_letters(generation, forms.filters(sender, recipient, None, None), sort)
    return LettersOut.model_validate(
        {"letters": [lt.to_dict() for lt in found], "generation": generation.name}
    )


@router.get("/letters/{letter_id}", response_model=LetterDetailOut)
def api_letter(generation: GenerationDep, letter_id: str) -> LetterDetailOut:
    found = generation.store.letter(letter_id)
    if found is None:
        raise HTTPException(404, f"no letter with id '{letter_id[:40]}' in the index")
    return LetterDetailOut.model_validate(
        {
            "letter": found.to_dict(),
            "text": generation.store.letter_text(letter_id) or "",
            "passages": [p.to_dict() for p in generation.store.letter_passages(letter_id)],
            "generation": generation.name,
        }
    )
