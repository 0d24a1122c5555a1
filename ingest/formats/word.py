"""Word (.docx) letters: paragraphs, lists and tables in reading order; core properties as fallbacks."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from index.records import Party, Person
from ingest.conventions.greetings import is_salutation, is_valediction
from ingest.conventions.markings import marking_of
from ingest.formats.document import Document, ReadError, ReadOptions, SourceFacts

# A short line without closing punctuation (an address or letterhead line typed as its own
# paragraph) stays in one block with its neighbours, as it would in a typed letter.
SHORT_LINE = 60
_CLOSES = re.compile(r"[.!?:;]$")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_NODES = tuple(_W + tag for tag in ("t", "tab", "br", "cr"))


def read_docx(path: Path, options: ReadOptions) -> Document:
    import docx  # python-docx, imported here so workers that never see Word files do not load it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
        pieces = list(_pieces(document))
        facts = _facts(document)
        markings = _markings(document)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as exc:
        raise ReadError(f"damaged Word file ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # lxml and zipfile raise many types on broken files; none may stop the run
        if "encrypt" in str(exc).lower():
            raise ReadError("encrypted (a password is needed to open it)") from exc
        raise ReadError(f"damaged Word file ({type(exc).__name__}: {exc})") from exc
    text = _join(pieces)
    if not text.strip():
        raise ReadError("empty: the document has no text")
    return Document(text=text, page_starts=(0,), source_kind="letter", facts=facts, markings=markings)


def _pieces(document: Any) -> Iterator[tuple[str, str]]:
    """(kind, text) in reading order; kind is "para", "item", "row" or "blank"."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    body = document.element.body
    numbers: dict[str, int] = {}
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = para.text.replace("\t", " ").strip()
            if not text:
                yield "blank", ""
                continue
            style = (para.style.name if para.style is not None else "") or ""
            numbered = child.pPr is not None and child.pPr.numPr is not None
            if numbered or style.lower().startswith("list"):
                if "number" in style.lower():
                    numbers[style] = numbers.get(style, 0) + 1
                    yield "item", f"{numbers[style]}. {text}"
                else:
                    yield "item", f"- {text}"
                continue
            numbers.clear()
            yield "para", text
        elif tag == "tbl":
            table = Table(child, document)
            yield "blank", ""
            for row in table.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if value and (not cells or cells[-1] != value):  # merged cells repeat their text
                        cells.append(value)
                if cells:
                    yield "row", " | ".join(cells)
            yield "blank", ""


def _markings(document: Any) -> tuple[str, ...]:
    """Marking lines outside the body text: page headers and footers (every section's, first-page and
    even-page ones too) and text boxes, where templates print "OFFICIAL-SENSITIVE"."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    roots = [document.element.body]
    roots += [
        rel.target_part.element
        for rel in document.part.rels.values()
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external
    ]
    found = []
    for root in roots:
        for para in root.iter(_W + "p"):
            # A footer reads "OFFICIAL-SENSITIVE<tab>Page 1 of 3": each tab- or break-separated piece counts.
            text = "".join(
                node.text or "" if node.tag == _W + "t" else "\n" for node in para.iter(*_TEXT_NODES)
            )
            found += [m for piece in text.split("\n") if piece.strip() and (m := marking_of(piece))]
    return tuple(dict.fromkeys(found))


def _join(pieces: list[tuple[str, str]]) -> str:
    """Paragraphs apart by a blank line; list items, table rows and short address lines kept together."""
    out: list[str] = []
    prev_kind, prev_text = "blank", ""
    for kind, text in pieces:
        if kind == "blank":
            if out and out[-1] != "":
                out.append("")
            prev_kind, prev_text = kind, text
            continue
        together = (kind == prev_kind and kind in ("item", "row")) or (
            kind == prev_kind == "para" and _short(prev_text) and _short(text)
        )
        if out and out[-1] != "" and not together:
            out.append("")
        out.append(text)
        prev_kind, prev_text = kind, text
    return "\n".join(out).strip("\n") + "\n"


def _short(line: str) -> bool:
    # "Dear …," and "Yours sincerely," open and close the body: the segmenter wants them apart.
    return (
        len(line) <= SHORT_LINE
        and not _CLOSES.search(line)
        and not is_salutation(line)
        and not is_valediction(line)
    )


def _facts(document: Any) -> SourceFacts:
    props = document.core_properties
    author = (props.author or "").strip()
    created = props.created.date().isoformat() if props.created else None
    return SourceFacts(
        title=(props.title or "").strip(),
        date=created,
        sender=Party(people=(Person(author),)) if author else Party(),
    )
