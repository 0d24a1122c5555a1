"""HTML pages: chat, letters list, letter view (with the cited span), search."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from assistant.records import Turn
from index.generation import Generation
from index.records import SearchFilters
from web import forms
from web.auth import UserDep, check_csrf, csrf_token
from web.briefing import markdown
from web.deps import GenerationDep, ServicesDep
from web.highlight import highlight_terms, letter_blocks, link_markers
from web.services import Services, answer_letters, list_letters

router = APIRouter(default_response_class=HTMLResponse)
QuestionField = Annotated[str, Form(max_length=2000)]


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    templates = request.app.state.templates
    context = {"csrf_token": csrf_token(request), **context}
    response: Response = templates.TemplateResponse(request, name, context, status_code=status)
    return response


def turn_context(
    services: Services,
    generation: Generation,
    question: str,
    history: list[Turn],
    f: SearchFilters,
    number: int,
) -> dict[str, Any]:
    answer = services.assistant.ask(question, history=history, filters=f)
    return {
        "n": number,
        "answer": answer,
        "answer_html": [link_markers(s.text, f"cite-{number}") for s in answer.statements],
        "briefing": markdown(answer, generation.manifest, history),
        "export": forms.export_query(question, history, f),
    }


@router.get("/", name="chat")
def chat(
    request: Request,
    user: UserDep,
    generation: GenerationDep,
    sender: str | None = None,
    recipient: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    f = forms.filters(sender, recipient, since, until)
    context = {"turns": [], "history": [], "filters": f, "generation": generation, "user": user}
    return render(request, "chat.html", context)


@router.post("/ask", name="ask")
def ask(
    request: Request,
    user: UserDep,
    services: ServicesDep,
    generation: GenerationDep,
    question: QuestionField,
    csrf_token: Annotated[str | None, Form()] = None,
    history: Annotated[list[str], Form()] = [],  # noqa: B006 (FastAPI reads the default, never mutates it)
    sender: Annotated[str | None, Form()] = None,
    recipient: Annotated[str | None, Form()] = None,
    since: Annotated[str | None, Form()] = None,
    until: Annotated[str | None, Form()] = None,
    partial: bool = False,
) -> Response:
    """One turn; without JavaScript the whole conversation is shown again (earlier turns recomputed)."""
    check_csrf(request, csrf_token)
    shown = forms.filters(sender, recipient, since, until)
    f = services.cleared(generation, user, shown)
    earlier = forms.turns(history)
    turn = turn_context(services, generation, question, earlier, f, len(earlier) + 1)
    services.audit.record(
        user.name,
        "ask",
        question=question,
        history=[t.question for t in earlier],
        letters=answer_letters(turn["answer"]),
    )
    if partial:
        return render(request, "_turn.html", {"turn": turn})
    turns = [
        turn_context(services, generation, t.question, earlier[:i], f, i + 1) for i, t in enumerate(earlier)
    ]
    turns.append(turn)
    asked = [t.question for t in earlier] + [turn["answer"].question]
    context = {"turns": turns, "history": asked, "filters": shown, "generation": generation, "user": user}
    return render(request, "chat.html", context)


@router.get("/letters", name="letters")
def letters(
    request: Request,
    user: UserDep,
    services: ServicesDep,
    generation: GenerationDep,
    sort: Annotated[str, Query(pattern="^-?date$")] = "date",
    sender: str | None = None,
    recipient: str | None = None,
) -> Response:
    shown = forms.filters(sender, recipient, None, None)
    found = list_letters(generation, services.cleared(generation, user, shown), sort)
    context = {"letters": found, "sort": sort, "filters": shown, "generation": generation, "user": user}
    return render(request, "letters.html", context)


@router.get("/letters/{letter_id}", name="letter")
def letter(
    request: Request,
    user: UserDep,
    services: ServicesDep,
    generation: GenerationDep,
    letter_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    found = services.visible_letter(generation, user, letter_id)
    passages = generation.store.letter_passages(letter_id)
    if start is not None and end is not None and end <= start:
        start = end = None
    services.audit.record(user.name, "view", letters=[letter_id])
    context = {
        "letter": found,
        "blocks": letter_blocks(passages, start, end),
        "generation": generation,
        "user": user,
    }
    return render(request, "letter.html", context)


@router.get("/letters/{letter_id}/original", name="original", response_class=FileResponse)
def original(user: UserDep, services: ServicesDep, generation: GenerationDep, letter_id: str) -> Response:
    """The file the letter was read from; only ever a file inside the indexed corpus folder."""
    found = services.visible_letter(generation, user, letter_id)
    root = generation.manifest.corpus_dir
    base = Path(root).resolve() if root else None
    path = (base / found.path).resolve() if base else None
    if base is None or path is None or not path.is_relative_to(base) or not path.is_file():
        raise HTTPException(404, "The original file is no longer in the corpus folder.")
    services.audit.record(user.name, "download", letters=[letter_id])
    return FileResponse(path, filename=path.name)


@router.get("/search", name="search")
def search_page(
    request: Request,
    user: UserDep,
    services: ServicesDep,
    generation: GenerationDep,
    q: Annotated[str, Query(max_length=500)] = "",
    k: Annotated[int, Query(ge=1, le=100)] = 10,
    sender: str | None = None,
    recipient: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    shown = forms.filters(sender, recipient, since, until)
    hits = []
    if q.strip():
        hits = services.search(generation, q, k, services.cleared(generation, user, shown))
        services.audit.record(
            user.name, "search", query=q, letters=list(dict.fromkeys(h.letter.id for h in hits))
        )
    results = [{"hit": h, "html": highlight_terms(h.passage.text, q)} for h in hits]
    context = {"q": q, "k": k, "results": results, "filters": shown, "generation": generation, "user": user}
    return render(request, "search.html", context)
