"""HTML pages: letters list, letter view (with the cited spans), search, administration.

The chat and its conversations are in web/routes/conversations.py.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from assistant.reader import NotAvailable, NotVisible, Reader
from assistant.records import Citation
from index.audit import read as read_audit
from web import forms
from web.auth import csrf_token
from web.briefing import filter_chips
from web.conversations import Conversations
from web.deps import AdminDep, ConversationsDep, ReaderDep, ServicesDep, UserDep
from web.highlight import highlight_terms, letter_blocks, plain

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
AUDIT_SHOWN = 200  # the newest entries on the administration page


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """A page: every template also gets the CSRF token, and the reader's user and generation."""
    templates = request.app.state.templates
    reader: Reader | None = getattr(request.state, "reader", None)
    base = {"csrf_token": csrf_token(request), "generation": reader.generation if reader else None}
    response: Response = templates.TemplateResponse(request, name, {**base, **context}, status_code=status)
    return response


@router.get("/letters", name="letters")
def letters(
    request: Request,
    reader: ReaderDep,
    sort: Annotated[str, Query(pattern="^-?date$")] = "-date",
    sender: str | None = None,
    recipient: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    """Every letter the reader may see, newest first unless asked otherwise, with the chat's filters."""
    f = forms.filters(sender, recipient, since, until)
    found = reader.letters(f, sort=sort).letters
    senders, recipients = reader.parties()
    query = forms.filter_query(f)
    context = {"letters": found, "sort": sort, "filters": f, "chips": filter_chips(f), "query": query}
    return render(request, "letters.html", {**context, "senders": senders, "recipients": recipients})


@router.get("/letters/{letter_id}", name="letter")
def letter(
    request: Request,
    reader: ReaderDep,
    user: UserDep,
    conversations: ConversationsDep,
    letter_id: str,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
    c: Annotated[str | None, Query(max_length=64, description="The conversation it was opened from.")] = None,
    t: Annotated[int | None, Query(ge=1, description="The turn of that conversation.")] = None,
) -> Response:
    """A letter; opened from an answer, every span that answer quotes from it is highlighted."""
    try:
        detail = reader.detail(letter_id)
    except NotVisible as exc:
        raise HTTPException(404, str(exc)) from None
    cited = cited_spans(reader, conversations, user.name, letter_id, c, t)
    spans = sorted({(cite.start, cite.end) for cite in cited})
    if not spans and start is not None and end is not None and end > start:
        spans = [(start, end)]
    by_span = {(x.start, x.end): x.reference for x in cited}
    refs = {i: by_span[span] for i, span in enumerate(spans, 1) if span in by_span}
    back = f"/c/{c}#turn-{t}" if cited else None
    blocks = letter_blocks(detail.passages, spans)
    context = {
        "letter": detail.letter,
        "attachments": detail.attachments,
        "carried_by": detail.carried_by,
        "blocks": blocks,
        "spans": len(spans),
        "refs": refs,
        "back": back,
    }
    return render(request, "letter.html", context)


def cited_spans(
    reader: Reader, conversations: Conversations, user: str, letter_id: str, cid: str | None, n: int | None
) -> list[Citation]:
    """The citations of the user's own turn n of conversation `cid` that quote this letter."""
    found = conversations.get(user, cid) if cid and n else None
    turn = next((x for x in found.turns if x.n == n), None) if found else None
    if turn is None:
        return []
    answer = reader.visible_answer(turn.answer, event="reopen")
    return [cite for cite in answer.citations if cite.letter.id == letter_id]


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
    results = [{"hit": h, "html": highlight_terms(plain(h.passage.text), q)} for h in hits]
    senders, recipients = reader.parties()
    context = {"q": q, "k": k, "results": results, "filters": f, "chips": filter_chips(f)}
    return render(request, "search.html", {**context, "senders": senders, "recipients": recipients})


@router.get("/admin", name="admin")
def admin(
    request: Request,
    admin: AdminDep,
    services: ServicesDep,
    reader: ReaderDep,
    conversations: ConversationsDep,
) -> Response:
    """Users, officers' feedback on answers, and the newest audit entries: what the admin role is for."""
    entries = list(read_audit(services.settings.audit_path()))[-AUDIT_SHOWN:][::-1]
    # The admin sees the cited letters of a note only as far as their own clearance reaches.
    notes = [
        {"item": item, "answer": reader.visible_answer(item.turn.answer, event="review")}
        for item in conversations.feedback()
    ]
    context = {"users": services.users.all(), "entries": entries, "notes": notes}
    return render(request, "admin.html", context)
