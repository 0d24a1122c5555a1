"""Briefings: answers as plain text/Markdown to paste, or as a .docx to attach.

Each carries the highest protective marking of the letters it quotes at its top and bottom (the
header and footer of a .docx), the filters used and the index date. Letter text is data: in the
Markdown every character a viewer would read as markup is escaped, and characters XML cannot hold
are dropped from the .docx (issue 17).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Pt

from assistant.citing import human_date
from assistant.records import Answer, Turn
from index.generation import Manifest
from index.records import Letter, SearchFilters

# CommonMark reads these as markup anywhere in a line (emphasis, code, links, images, raw HTML,
# tables); a backslash before any ASCII punctuation makes it a literal character (spec §2.4).
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"(?m)^(\s*)([#=+])")  # headings and setext underlines
# XML 1.0 allows tab, newline and carriage return below 0x20, and no surrogates or U+FFFE/U+FFFF.
_MARKER = re.compile(r"\\\[(\d+)\\\](?!:)")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
CHECKED = "Every quote was checked against the letter's text."


@dataclass(frozen=True)
class Part:
    """One answer of a briefing, with the questions before it."""

    answer: Answer
    history: tuple[Turn, ...] = ()


def inert(text: str) -> str:
    """Text a Markdown viewer shows as written: no link, image, HTML or emphasis can come of it.

    Citation markers stay readable ("[1]"): with every other bracket escaped no link definition can
    exist for them, and one followed by ":" (which would start a definition) stays escaped.
    """
    escaped = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), _INLINE.sub(r"\\\1", text))
    return _MARKER.sub(r"[\1]", escaped)


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def index_date(manifest: Manifest) -> str:
    built = datetime.fromisoformat(manifest.built_at)
    return f"{built.day} {built:%B %Y, %H:%M} UTC"


def filter_chips(f: SearchFilters) -> list[str]:
    """The filters an answer was asked with, in words ("Only letters from 'Archer'")."""
    chips = []
    if f.sender:
        chips.append(f"Only letters from '{f.sender}'")
    if f.recipient:
        chips.append(f"Only letters to '{f.recipient}'")
    if f.since and f.until:
        chips.append(f"Dated {human_date(f.since)} to {human_date(f.until)}")
    elif f.since:
        chips.append(f"Dated from {human_date(f.since)}")
    elif f.until:
        chips.append(f"Dated until {human_date(f.until)}")
    return chips


def quoted_letters(answers: Sequence[Answer]) -> list[Letter]:
    """Every letter the answers show text of: cited, or a closest passage under a refusal."""
    return [c.letter for a in answers for c in a.citations] + [
        h.letter for a in answers for h in a.related[:5]
    ]


def _source(answer: Answer, manifest: Manifest) -> str:
    return f"Source: Letters index {answer.generation}, built {index_date(manifest)}. {CHECKED}"


def _body(part: Part) -> list[str]:
    """The lines of one answer after its heading: follow-up, filters, text, references."""
    answer = part.answer
    lines = []
    if part.history:
        lines += ["Follow-up to: " + inert(" / ".join(t.question for t in part.history)), ""]
    if chips := filter_chips(answer.filters):
        lines += ["Filters: " + inert("; ".join(chips)), ""]
    lines += [inert(answer.text), ""]
    if answer.citations:
        lines += ["References:", ""]
        lines += [f"[{c.n}] {inert(c.reference)}" for c in answer.citations]
        lines.append("")
    elif answer.related:
        lines += ["Related passages (not an answer):", ""]
        for hit in answer.related[:5]:
            where = f"para {hit.passage.paragraph}" if hit.passage.paragraph else hit.passage.kind
            lines.append(f"- {inert(hit.letter.title)}, {hit.letter.date or 'undated'}, {where}")
        lines.append("")
    return lines


def marking_line(marking: str | None) -> str:
    return marking.upper() if marking else "No protective marking on the letters quoted"


def markdown(
    parts: Sequence[Part], manifest: Manifest, *, marking: str | None, title: str | None = None
) -> str:
    """One answer (`title` None) or a whole conversation, marked at the top and at the bottom."""
    lines = [marking_line(marking), ""]
    if title is None:
        lines += [f"# {inert(parts[0].answer.question)}", ""]
        lines += _body(parts[0])
    else:
        lines += [f"# {inert(title)}", ""]
        for i, part in enumerate(parts, 1):
            lines += [f"## {i}. {inert(part.answer.question)}", ""]
            lines += _body(Part(part.answer))
    if parts:
        lines += [_source(parts[-1].answer, manifest), ""]
    lines.append(marking_line(marking))
    return "\n".join(lines) + "\n"


def docx_bytes(
    parts: Sequence[Part], manifest: Manifest, *, marking: str | None, title: str | None = None
) -> bytes:
    """The same briefing as a Word document, the marking in its header and footer."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(11)
    section = doc.sections[0]
    for where in (section.header, section.footer):
        run = where.paragraphs[0].add_run(marking_line(marking))
        run.bold = bool(marking)
    if title is not None:
        doc.add_heading(xml_safe(title), level=1)
    for part in parts:
        _docx_part(doc, part, level=1 if title is None else 2)
    if parts:
        foot = doc.add_paragraph(_source(parts[-1].answer, manifest))
        foot.runs[0].font.size = Pt(9)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _docx_part(doc: DocxDocument, part: Part, *, level: int) -> None:
    answer = part.answer
    doc.add_heading(xml_safe(answer.question), level=level)
    if part.history:
        follow = "Follow-up to: " + " / ".join(t.question for t in part.history)
        doc.add_paragraph().add_run(xml_safe(follow)).italic = True
    if chips := filter_chips(answer.filters):
        doc.add_paragraph().add_run(xml_safe("Filters: " + "; ".join(chips))).italic = True
    texts = [s.text for s in answer.statements] if answer.answered else [answer.text]
    for text in texts:
        doc.add_paragraph(xml_safe(text))
    if answer.citations:
        doc.add_heading("References", level=level + 1)
        for c in answer.citations:
            doc.add_paragraph(xml_safe(f"[{c.n}] {c.reference}"))
