"""The JSON API (OpenAPI at /docs): the same records the pages render, within the user's clearance."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from assistant.records import Turn
from web import forms
from web.auth import UserDep
from web.deps import GenerationDep, ServicesDep
from web.models import AnswerOut, AskRequest, LetterDetailOut, LettersOut, SearchOut
from web.services import answer_letters, list_letters

router = APIRouter(prefix="/api", tags=["api"])


@router.post("/ask", response_model=AnswerOut)
def api_ask(
    request: Request, body: AskRequest, user: UserDep, services: ServicesDep, generation: GenerationDep
) -> AnswerOut:
    """Answer a question (with earlier turns and filters): the same object as `letters ask --json`."""
    # Only JSON: a cross-site form cannot send it without the browser asking first (CORS), so a
    # signed-in officer's cookie cannot be used from another site.
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        raise HTTPException(415, "send the question as JSON (Content-Type: application/json)")
    answer = services.assistant.ask(
        body.question,
        history=[Turn(t.question, t.answer) for t in body.history],
        filters=services.cleared(generation, user, body.filters.records()),
        k=body.k,
    )
    services.audit.record(user.name, "ask", question=body.question, via="api", letters=answer_letters(answer))
    return AnswerOut.model_validate(answer.to_dict())


@router.get("/search", response_model=SearchOut)
def api_search(
    user: UserDep,
    services: ServicesDep,
    generation: GenerationDep,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    k: Annotated[int, Query(ge=1, le=100)] = 10,
    sender: str | None = None,
    recipient: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> SearchOut:
    f = services.cleared(generation, user, forms.filters(sender, recipient, since, until))
    hits = services.search(generation, q, k, f)
    services.audit.record(
        user.name, "search", query=q, via="api", letters=list(dict.fromkeys(h.letter.id for h in hits))
    )
    return SearchOut.model_validate(
        {"query": q, "hits": [h.to_dict() for h in hits], "generation": generation.name}
    )


@router.get("/letters", response_model=LettersOut)
def api_letters(
    user: UserDep,
    services: ServicesDep,
    generation: GenerationDep,
    sort: Annotated[str, Query(pattern="^-?date$")] = "date",
    sender: str | None = None,
    recipient: str | None = None,
) -> LettersOut:
    found = list_letters(
        generation, services.cleared(generation, user, forms.filters(sender, recipient, None, None)), sort
    )
    return LettersOut.model_validate(
        {"letters": [lt.to_dict() for lt in found], "generation": generation.name}
    )


@router.get("/letters/{letter_id}", response_model=LetterDetailOut)
def api_letter(
    user: UserDep, services: ServicesDep, generation: GenerationDep, letter_id: str
) -> LetterDetailOut:
    found = services.visible_letter(generation, user, letter_id)
    services.audit.record(user.name, "view", via="api", letters=[letter_id])
    return LetterDetailOut.model_validate(
        {
            "letter": found.to_dict(),
            "text": generation.store.letter_text(letter_id) or "",
            "passages": [p.to_dict() for p in generation.store.letter_passages(letter_id)],
            "generation": generation.name,
        }
    )
