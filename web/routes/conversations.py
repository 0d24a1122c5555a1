"""The chat as conversations that last: asking, a URL per conversation, "My conversations", feedback.

Every turn is kept (web.conversations); a page rebuilds a conversation from its URL and shows each
stored answer through the reader again (`Reader.visible_answer`), so clearance applies on reopen.
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant.citing import human_date
from assistant.reader import Reader
from assistant.records import Answer, Turn
from index.records import SearchFilters
from web import forms
from web.auth import check_csrf
from web.briefing import Part, docx_bytes, filter_chips, markdown, quoted_letters
from web.conversations import Conversation, gold_line
from web.deps import AdminDep, ConversationsDep, ReaderDep, UserDep
from web.highlight import link_markers, plain
from web.models import MAX_HISTORY, MAX_NAME, MAX_QUESTION
from web.routes.pages import render

router = APIRouter(default_response_class=HTMLResponse, include_in_schema=False)
MAX_TURNS = MAX_HISTORY + 1  # the assistant reads at most MAX_HISTORY earlier questions
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NoteField = Annotated[str, Form(min_length=1, max_length=MAX_QUESTION)]
OptionalText = Annotated[str | None, Form(max_length=MAX_QUESTION)]
NameField = Annotated[str | None, Form(max_length=MAX_NAME)]
DateField = Annotated[str | None, Form(max_length=10)]
CONVERSATION_GONE = "There is no such conversation (it may have been deleted); start a new one."


# --- what a turn shows ---------------------------------------------------------------------------
def source_line(answer: Answer, n: int) -> str:
    """The preview of citation n: marking, who to whom, date and paragraph, in words."""
    c = next(c for c in answer.citations if c.n == n)
    where = f"paragraph {c.paragraph}" if c.paragraph else c.kind
    who = f"{c.letter.sender.short or 'Unknown sender'} to {c.letter.recipient.short or 'unknown recipient'}"
    mark = f"{c.letter.marking} · " if c.letter.marking else ""
    return f"{mark}{who} · {human_date(c.letter.date)} · {where}"


def announcement(answer: Answer) -> str:
    """The one sentence a screen reader hears when an answer arrives."""
    if not answer.answered:
        return "No answer in the letters" + ("; the closest passages are listed." if answer.related else ".")
    senders = list(dict.fromkeys(c.letter.sender.short or "an unknown sender" for c in answer.citations))
    count = len(answer.citations)
    quotes = "one quotation" if count == 1 else f"{count} quotations"
    who = senders[0] if len(senders) == 1 else ", ".join(senders[:-1]) + " and " + senders[-1]
    return f"Answer ready: {quotes} from {who}."


def anchors(answer: Answer) -> dict[int, str]:
    """Where "Open in the letter" lands for each citation: the letter view numbers the cited spans
    of one letter in reading order ("cited", "cited-2", …), the same spans the answer quotes."""
    out = {}
    for c in answer.citations:
        spans = sorted({(x.start, x.end) for x in answer.citations if x.letter.id == c.letter.id})
        i = spans.index((c.start, c.end)) + 1
        out[c.n] = "cited" if i == 1 else f"cited-{i}"
    return out


def turn_view(
    reader: Reader, cid: str, n: int, answer: Answer, history: list[Turn], notice: str = ""
) -> dict[str, Any]:
    """Everything _turn.html shows of one answer."""
    previews = {c.n: source_line(answer, c.n) for c in answer.citations}
    passages = reader.passages_of(answer)
    related = [h for h in answer.related if h.passage.kind in ("body", "list", "heading")][:5]
    briefing = markdown(
        [Part(answer, tuple(history))],
        reader.manifest,
        marking=reader.highest_marking(quoted_letters([answer])),
    )
    return {
        "n": n,
        "cid": cid,
        "anchors": anchors(answer),
        "answer": answer,
        "answer_html": [link_markers(s.text, f"cite-{n}", previews) for s in answer.statements],
        "passages": passages,
        "related": [{"hit": h, "text": plain(h.passage.text)} for h in related],
        "chips": filter_chips(answer.filters),
        "briefing": briefing,
        "announce": announcement(answer),
        "notice": notice,
        "search_query": answer.question,
    }


def stored_views(reader: Reader, conversation: Conversation) -> list[dict[str, Any]]:
    answers = reader.visible_answers([t.answer for t in conversation.turns])  # one audit line
    views = []
    for i, (turn, answer) in enumerate(zip(conversation.turns, answers, strict=True)):
        history = [Turn(t.question) for t in conversation.turns[:i]]
        views.append(turn_view(reader, conversation.id, turn.n, answer, history))
    return views


def chat_context(
    reader: Reader, conversation: Conversation | None, filters: SearchFilters, **extra: Any
) -> dict[str, Any]:
    senders, recipients = reader.parties()
    turns = stored_views(reader, conversation) if conversation else []
    return {
        "conversation": conversation,
        "turns": turns,
        "full": conversation is not None and len(conversation.turns) >= MAX_TURNS,
        "max_turns": MAX_TURNS,
        "filters": filters,
        "chips": filter_chips(filters),
        "senders": senders,
        "recipients": recipients,
        "submit_key": secrets.token_urlsafe(16),
        **extra,
    }


def owned(conversations: Any, user: str, cid: str) -> Conversation:
    found: Conversation | None = conversations.get(user, cid)
    if found is None:
        raise HTTPException(404, CONVERSATION_GONE)
    return found


# --- the chat ------------------------------------------------------------------------------------
@router.get("/", name="chat")
def chat(
    request: Request,
    reader: ReaderDep,
    sender: str | None = None,
    recipient: str | None = None,
    since: str | None = None,
    until: str | None = None,
    question: Annotated[str, Query(max_length=MAX_QUESTION)] = "",
) -> Response:
    """A new conversation: nothing is stored until the first question is asked."""
    f = forms.filters(sender, recipient, since, until)
    return render(request, "chat.html", chat_context(reader, None, f, draft=question))


@router.post("/ask", name="ask")
def ask(
    request: Request,
    reader: ReaderDep,
    user: UserDep,
    conversations: ConversationsDep,
    question: Annotated[str, Form(max_length=MAX_QUESTION)],
    csrf_token: Annotated[str | None, Form()] = None,
    conversation: Annotated[str | None, Form(max_length=64)] = None,
    submit_key: Annotated[str | None, Form(max_length=64)] = None,
    sender: NameField = None,
    recipient: NameField = None,
    since: DateField = None,
    until: DateField = None,
    partial: bool = False,
) -> Response:
    """One turn, kept in the conversation; the same form submitted twice is answered once."""
    check_csrf(request, csrf_token)
    f = forms.filters(sender, recipient, since, until)
    key = submit_key or secrets.token_urlsafe(16)
    done = conversations.turn_by_key(user.name, key)
    if done is not None:
        cid, n = done
        if not partial:
            return RedirectResponse(f"/c/{cid}#turn-{n}", status_code=303)
        stored = owned(conversations, user.name, cid)
        view = stored_views(reader, stored)[n - 1]
        return _partial(request, view, cid)
    current = owned(conversations, user.name, conversation) if conversation else None
    notice = ""
    if current is not None and len(current.turns) >= MAX_TURNS:
        current = None  # the limit ends gently: the question goes on in a new conversation
        notice = f"The last conversation had reached {MAX_TURNS} questions, so this one starts afresh."
    history = [Turn(t.question) for t in current.turns] if current else []
    answer = reader.ask(question, history=history, filters=f)
    cid = current.id if current else conversations.create(user.name, question)
    n = conversations.add_turn(user.name, cid, key, answer, f)
    if partial:
        return _partial(request, turn_view(reader, cid, n, answer, history, notice), cid)
    return RedirectResponse(f"/c/{cid}{'?continued=1' if notice else ''}#turn-{n}", status_code=303)


def _partial(request: Request, view: dict[str, Any], cid: str) -> Response:
    response = render(request, "_turn.html", {"turn": view})
    response.headers["X-Conversation"] = f"/c/{cid}"
    return response


@router.get("/c", name="conversations")
def my_conversations(
    request: Request, reader: ReaderDep, user: UserDep, conversations: ConversationsDep
) -> Response:
    """ "My conversations": reopen, rename, delete, export."""
    return render(request, "conversations.html", {"items": conversations.summaries(user.name)})


@router.get("/c/{conversation_id}", name="conversation")
def conversation_page(
    request: Request,
    reader: ReaderDep,
    user: UserDep,
    conversations: ConversationsDep,
    conversation_id: str,
    clear: bool = False,
    continued: bool = False,
    thanks: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    found = owned(conversations, user.name, conversation_id)
    f = SearchFilters() if clear or not found.turns else found.turns[-1].filters
    extra = {"continued": continued, "thanks": thanks}
    return render(request, "chat.html", chat_context(reader, found, f, **extra))


@router.post("/c/{conversation_id}/rename", name="rename")
def rename(
    request: Request,
    user: UserDep,
    conversations: ConversationsDep,
    conversation_id: str,
    title: Annotated[str, Form(min_length=1, max_length=MAX_NAME)],
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    check_csrf(request, csrf_token)
    if not conversations.rename(user.name, conversation_id, title):
        raise HTTPException(404, CONVERSATION_GONE)
    return RedirectResponse("/c", status_code=303)


@router.post("/c/{conversation_id}/delete", name="delete")
def delete(
    request: Request,
    user: UserDep,
    conversations: ConversationsDep,
    conversation_id: str,
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    check_csrf(request, csrf_token)
    if not conversations.delete(user.name, conversation_id):
        raise HTTPException(404, CONVERSATION_GONE)
    return RedirectResponse("/c", status_code=303)


@router.get("/c/{conversation_id}/briefing.{fmt}", name="conversation_export")
def conversation_export(
    reader: ReaderDep,
    user: UserDep,
    conversations: ConversationsDep,
    conversation_id: str,
    fmt: str,
    turn: Annotated[int | None, Query(ge=1)] = None,
) -> Response:
    """The conversation (or one turn of it) as a marked briefing, every quote checked again."""
    if fmt not in ("md", "docx"):
        return Response("Briefings come as .md or .docx.", status_code=404, media_type="text/plain")
    found = owned(conversations, user.name, conversation_id)
    picked = [(i, t) for i, t in enumerate(found.turns) if turn is None or t.n == turn]
    answers = reader.visible_answers([t.answer for _, t in picked], event="export")  # one audit line
    parts = [
        Part(answer, tuple(Turn(e.question) for e in found.turns[:i]))
        for (i, _), answer in zip(picked, answers, strict=True)
    ]
    if not parts:
        raise HTTPException(404, "That conversation has no such question.")
    marking = reader.highest_marking(quoted_letters([p.answer for p in parts]))
    title = None if turn is not None else found.title
    name = re.sub(r"[^A-Za-z0-9]+", "-", parts[0].answer.question if turn else found.title).strip("-")[:60]
    disposition = {"Content-Disposition": f'attachment; filename="briefing-{name or "letters"}.{fmt}"'}
    if fmt == "md":
        text = markdown(parts, reader.manifest, marking=marking, title=title)
        return Response(text, media_type="text/markdown; charset=utf-8", headers=disposition)
    body = docx_bytes(parts, reader.manifest, marking=marking, title=title)
    return Response(body, media_type=DOCX, headers=disposition)


# --- "Wrong or incomplete?" ---------------------------------------------------------------------
def phrases(text: str | None) -> list[str]:
    """Phrases typed one a line (or separated by semicolons)."""
    return [p.strip() for p in re.split(r"[\n;]", text or "") if p.strip()][:20]


@router.post("/c/{conversation_id}/turns/{n}/feedback", name="feedback")
def feedback(
    request: Request,
    user: UserDep,
    conversations: ConversationsDep,
    conversation_id: str,
    n: int,
    note: NoteField,
    expect: OptionalText = None,
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    check_csrf(request, csrf_token)
    if not conversations.add_feedback(user.name, conversation_id, n, note.strip(), phrases(expect)):
        raise HTTPException(404, CONVERSATION_GONE)
    return RedirectResponse(f"/c/{conversation_id}?thanks={n}#turn-{n}", status_code=303)


@router.post("/admin/feedback/{feedback_id}/review", name="review")
def review(
    request: Request,
    admin: AdminDep,
    conversations: ConversationsDep,
    feedback_id: int,
    letter: Annotated[str | None, Form(max_length=1000)] = None,
    expect: OptionalText = None,
    csrf_token: Annotated[str | None, Form()] = None,
) -> Response:
    """Marks a note reviewed, with the letter that answers the question and the phrases it holds."""
    check_csrf(request, csrf_token)
    wanted = phrases(expect)
    if (letter or "").strip() and not wanted:
        raise HTTPException(422, "expect: give at least one phrase the answer should quote from that letter")
    if not conversations.review(feedback_id, admin.name, (letter or "").strip() or None, wanted):
        raise HTTPException(404, "There is no such feedback.")
    return RedirectResponse("/admin#feedback", status_code=303)


@router.get("/admin/feedback.jsonl", name="gold")
def gold(admin: AdminDep, conversations: ConversationsDep) -> Response:
    """Reviewed notes as `letters eval` gold lines, so the evaluation set grows from real use."""
    lines = [
        json.dumps(gold_line(item), ensure_ascii=False) for item in conversations.feedback(reviewed=True)
    ]
    body = "".join(line + "\n" for line in lines)
    disposition = {"Content-Disposition": 'attachment; filename="letters-feedback-gold.jsonl"'}
    return Response(body, media_type="application/jsonl; charset=utf-8", headers=disposition)
