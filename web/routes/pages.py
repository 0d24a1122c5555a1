"""HTML pages: chat, letters list, letter view (with the cited span), search, administration."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from assistant.reader import NotAvailable, NotVisible, Reader
from assistant.records import Turn
from index.audit import read as read_audit
from index.records import SearchFilters
from web import forms
from web.auth import check_csrf, csrf_token
from web.briefing import markdown
from web.deps import AdminDep, ReaderDep, ServicesDep
from web.highlight import highlight_terms, letter_blocks, link_markers

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
QuestionField = Annotated[str, Form(max_length=2000)]
AUDIT_SHOWN = 200  # the newest entries on the administration page


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """A page: every template also gets the CSRF token, and the reader's user and generation."""
    templates = request.app.state.templates
    reader: Reader | None = getattr(request.state, "reader", None)
    base = {"csrf_token": csrf_token(request), "generation": reader.generation if reader else None}
    response: Response = templates.TemplateResponse(request, name, {**base, **context}, status_code=status)
    return response


def turn_context(
    reader: Reader, question: str, history: list[Turn], f: SearchFilters, number: int
) -> dict[str, Any]:
    answer = reader.ask(question, history=history, filters=f)
    return {
        "n": number,
        "answer": answer,
        "answer_html": [link_markers(s.text, f"cite-{number}") for s in answer.statements],
        "briefing": markdown(answer, reader.manifest, history),
        "export": forms.export_query(question, history, f),
    }


@router.get("/", name="chat")
def chat(
    request: Request,
    reader: ReaderDep,
    sender: str | None = None,
    recipient: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    f = forms.filters(sender, recipient, since, until)
    return render(request, "chat.html", {"turns": [], "history": [], "filters": f})


@router.post("/ask", name="ask")
def ask(
    request: Request,
    reader: ReaderDep,
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
    f = forms.filters(sender, recipient, since, until)
    earlier = forms.turns(history)
    turn = turn_context(reader, question, earlier, f, len(earlier) + 1)
    if partial:
        return render(request, "_turn.html", {"turn": turn})
    turns = [turn_context(reader, t.question, earlier[:i], f, i + 1) for i, t in enumerate(earlier)]
    asked = [t.question for t in earlier] + [turn["answer"].question]
    return render(request, "chat.html", {"turns": [*turns, turn], "history": asked, "filters": f})


@router.get("/letters", name="letters")
def letters(
    request: Request,
    reader: ReaderDep,
    sort: Annotated[str, Query(pattern="^-?date$")] = "date",
    sender: str | None = None,
    recipient: str | None = None,
) -> Response:
    f = forms.filters(sender, recipient, None, None)
    found = reader.letters(f, sort=sort).letters
    return render(request, "letters.html", {"letters": found, "sort": sort, "filters": f})


@router.get("/letters/{letter_id}", name="letter")
def letter(
    request: Request,
    reader: ReaderDep,
    letter_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
) -> Response:
    try:
        detail = reader.detail(letter_id)
    except NotVisible as exc:
        raise HTTPException(404, str(exc)) from None
    if start is not None and end is not None and end <= start:
        start = end = None
    blocks = letter_blocks(detail.passages, start, end)
    return render(request, "letter.html", {"letter": detail.letter, "blocks": blocks})


@router.get("/letters/{letter_id}/original", name="original")
def original(reader: ReaderDep, letter_id: str) -> Response:
    """The bytes the letter was read from, as indexed: one message of a mailbox, never the whole box."""
    try:
        found = reader.original(letter_id)
    except (NotVisible, NotAvailable) as exc:
        raise HTTPException(404, str(exc)) from None
    disposition = {"Content-Disposition": f'attachment; filename="{_safe_name(found.name)}"'}
    return Response(found.data, media_type=found.media_type, headers=disposition)


def _safe_name(name: str) -> str:
    """A file name that cannot break out of its header: printable ASCII, no quotes or backslashes."""
    return "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name) or "letter"


@router.get("/search", name="search")
def search_page(
    request: Request,
    reader: ReaderDep,
    q: Annotated[str, Query(max_length=500)] = "",
    k: Annotated[int, Query(ge=1, le=100)] = 10,
    sender: str | None = None,
    recipient: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    f = forms.filters(sender, recipient, since, until)
    hits = reader.search(q, k=k, filters=f).hits if q.strip() else ()
    results = [{"hit": h, "html": highlight_terms(h.passage.text, q)} for h in hits]
    return render(request, "search.html", {"q": q, "k": k, "results": results, "filters": f})


@router.get("/admin", name="admin")
def admin(request: Request, admin: AdminDep, services: ServicesDep, reader: ReaderDep) -> Response:
    """Users and the newest audit entries: what the admin role is for."""
    entries = list(read_audit(services.settings.audit_path()))[-AUDIT_SHOWN:][::-1]
    return render(request, "admin.html", {"users": services.users.all(), "entries": entries})
