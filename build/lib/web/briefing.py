"""Briefings: an answer as plain text/Markdown to paste, or as a .docx to attach."""

from __future__ import annotations

import io
from datetime import datetime

from docx import Document
from docx.shared import Pt

from assistant.records import Answer, Turn
from index.generation import Manifest


def index_date(manifest: Manifest) -> str:
    built = datetime.fromisoformat(manifest.built_at)
    return f"{built.day} {built:%B %Y, %H:%M} UTC"


def markdown(answer: Answer, manifest: Manifest, history: list[Turn] | None = None) -> str:
    """The question, the answer with its quotes, numbered portable references, and the index date."""
    lines = [f"# {answer.question}", ""]
    if history:
        lines += ["Follow-up to: " + " / ".join(t.question for t in history), ""]
    lines += [answer.text, ""]
    if answer.citations:
        lines += ["## References", ""]
        lines += [f"[{c.n}] {c.reference}" for c in answer.citations]
        lines.append("")
    elif answer.related:
        lines += ["## Related passages (not an answer)", ""]
        for hit in answer.related[:5]:
            where = f"para {hit.passage.paragraph}" if hit.passage.paragraph else hit.passage.kind
            lines.append(f"- {hit.letter.title}, {hit.letter.date or 'undated'}, {where}")
        lines.append("")
    lines.append(
        f"Source: Letters index {answer.generation}, built {index_date(manifest)}. "
        "Every quote was checked against the letter's text."
    )
    return "\n".join(lines) + "\n"


def docx_bytes(answer: Answer, manifest: Manifest, history: list[Turn] | None = None) -> bytes:
    """The same briefing as a Word document."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(answer.question, level=1)
    if history:
        doc.add_paragraph().add_run("Follow-up to: " + " / ".join(t.question for t in history)).italic = True
    if answer.answered:
        for statement in answer.statements:
            doc.add_paragraph(statement.text)
    else:
        doc.add_paragraph(answer.text)
    if answer.citations:
        doc.add_heading("References", level=2)
        for c in answer.citations:
            doc.add_paragraph(f"[{c.n}] {c.reference}")
    foot = doc.add_paragraph(
        f"Source: Letters index {answer.generation}, built {index_date(manifest)}. "
        "Every quote was checked against the letter's text."
    )
    foot.runs[0].font.size = Pt(9)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
