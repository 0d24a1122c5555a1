"""Reading the pages' query strings and forms into records, with errors people can act on."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import HTTPException

from assistant.records import Turn
from index.records import SearchFilters
from web.models import MAX_HISTORY, MAX_NAME, MAX_QUESTION


def _date(value: str | date | None, field: str) -> str | None:
    if not value:
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise HTTPException(422, f"{field}: '{value[:40]}' is not a date like 2009-12-04") from None


def filters(
    sender: str | None, recipient: str | None, since: str | date | None, until: str | date | None
) -> SearchFilters:
    for name, value in (("sender", sender), ("recipient", recipient)):
        if value and len(value) > MAX_NAME:
            raise HTTPException(422, f"{name}: at most {MAX_NAME} characters")
    return SearchFilters(
        sender=(sender or "").strip() or None,
        recipient=(recipient or "").strip() or None,
        since=_date(since, "since"),
        until=_date(until, "until"),
    )


def turns(history: list[str]) -> list[Turn]:
    if len(history) > MAX_HISTORY:
        raise HTTPException(
            422, f"history: at most {MAX_HISTORY} earlier questions; start a new conversation"
        )
    if any(len(q) > MAX_QUESTION for q in history):
        raise HTTPException(422, f"history: each earlier question is at most {MAX_QUESTION} characters")
    return [Turn(q) for q in history if q.strip()]


def filter_query(f: SearchFilters) -> str:
    """The filters as a query string (for links that keep them, like the letters page's sort)."""
    pairs = (("sender", f.sender), ("recipient", f.recipient), ("since", f.since), ("until", f.until))
    return urlencode([(k, v) for k, v in pairs if v])


def export_query(question: str, history: list[Turn], f: SearchFilters) -> str:
    """The query string that reproduces an answer (exports recompute it, so only verified quotes leave)."""
    pairs: list[tuple[str, str]] = [("question", question)]
    pairs += [("history", t.question) for t in history]
    pairs += [
        (k, v)
        for k, v in (("sender", f.sender), ("recipient", f.recipient), ("since", f.since), ("until", f.until))
        if v
    ]
    return urlencode(pairs)
