"""Briefing downloads by question: the answer recomputed, so only verified quotes leave.

A conversation's own briefings (stored answers, checked again) are in web/routes/conversations.py.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from web import forms
from web.briefing import Part, docx_bytes, markdown, quoted_letters
from web.deps import ReaderDep

router = APIRouter(include_in_schema=False)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _filename(question: str, suffix: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", question).strip("-")[:60] or "briefing"
    return f"briefing-{slug}.{suffix}"


@router.get("/export/briefing.{fmt}", name="export")
def export(
    reader: ReaderDep,
    fmt: str,
    question: Annotated[str, Query(min_length=1, max_length=2000)],
    history: Annotated[list[str], Query()] = [],  # noqa: B006 (read, never mutated)
    sender: str | None = None,
    recipient: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> Response:
    if fmt not in ("md", "docx"):
        return Response("Briefings come as .md or .docx.", status_code=404, media_type="text/plain")
    f = forms.filters(sender, recipient, since, until)
    earlier = forms.turns(history)
    answer = reader.ask(question, history=earlier, filters=f, event="export", format=fmt)
    disposition = {"Content-Disposition": f'attachment; filename="{_filename(answer.question, fmt)}"'}
    parts = [Part(answer, tuple(earlier))]
    marking = reader.highest_marking(quoted_letters([answer]))
    if fmt == "md":
        text = markdown(parts, reader.manifest, marking=marking)
        return Response(text, media_type="text/markdown; charset=utf-8", headers=disposition)
    return Response(docx_bytes(parts, reader.manifest, marking=marking), media_type=DOCX, headers=disposition)
