"""Briefing downloads: the answer recomputed from its question, so only verified quotes leave."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from web import forms
from web.auth import UserDep
from web.briefing import docx_bytes, markdown
from web.deps import GenerationDep, ServicesDep
from web.services import answer_letters

router = APIRouter()
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _filename(question: str, suffix: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", question).strip("-")[:60] or "briefing"
    return f"briefing-{slug}.{suffix}"


@router.get("/export/briefing.{fmt}", name="export")
def export(
    user: UserDep,
    services: ServicesDep,
    generation: GenerationDep,
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
    f = services.cleared(generation, user, forms.filters(sender, recipient, since, until))
    earlier = forms.turns(history)
    answer = services.assistant.ask(question, history=earlier, filters=f)
    services.audit.record(user.name, "export", format=fmt, question=question, letters=answer_letters(answer))
    disposition = {"Content-Disposition": f'attachment; filename="{_filename(answer.question, fmt)}"'}
    if fmt == "md":
        text = markdown(answer, generation.manifest, earlier)
        return Response(text, media_type="text/markdown; charset=utf-8", headers=disposition)
    return Response(docx_bytes(answer, generation.manifest, earlier), media_type=DOCX, headers=disposition)
