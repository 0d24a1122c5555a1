"""Word (.docx) letters: paragraphs, lists and tables in reading order; core properties as fallbacks.

Page headers and footers are kept apart from the body (`Document.header_text`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest.conventions.dates import date_line
from ingest.conventions.greetings import is_salutation, is_valediction
from ingest.conventions.markings import marking_of
from ingest.formats.document import Document, ReadError, ReadOptions, SourceFacts, author_party

# A short line without closing punctuation (an address or letterhead line typed as its own
# paragraph) stays in one block with its neighbours, as it would in a typed letter.
SHORT_LINE = 60
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_LEFT_OUT = {
    f"{{{_W}}}moveFrom",
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
}
_CLOSES = re.compile(r"[.!?:;]$")
_TEXT_NODES = tuple(f"{{{_W}}}{tag}" for tag in ("t", "tab", "br", "cr"))


def read_docx(path: Path, options: ReadOptions) -> Document:
    return docx_from_bytes(path.read_bytes())


def docx_from_bytes(data: bytes) -> Document:
    import docx  # python-docx, imported here so workers that never see Word files do not load it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        pieces = list(_pieces(document))
        facts = _facts(document)
        header = _header_text(document)
        markings = _markings(document)
    except KeyError as exc:
        if "officeDocument" in str(exc) and _strict(data):
            raise ReadError("a Strict Open XML document; save it as a standard .docx to index it") from exc
        raise ReadError(f"damaged Word file ({type(exc).__name__}: {exc})") from exc
    except (PackageNotFoundError, zipfile.BadZipFile) as exc:
        raise ReadError(f"damaged Word file ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # lxml and zipfile raise many types on broken files; none may stop the run
        if "encrypt" in str(exc).lower():
            raise ReadError("encrypted (a password is needed to open it)") from exc
        raise ReadError(f"damaged Word file ({type(exc).__name__}: {exc})") from exc
    text = _join(pieces)
    if not text.strip():
        raise ReadError("empty: the document has no text")
    return Document(
        text=text, page_starts=(0,), source_kind="letter", facts=facts, header_text=header, markings=markings
    )


def _strict(data: bytes) -> bool:
    """Whether a package is ISO 29500 Strict (python-docx reads only the Transitional form)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return b"purl.oclc.org/ooxml" in package.read("_rels/.rels")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False


def _header_text(document: Any) -> str:
    """Every distinct header and footer line of every section (first-page and even-page ones too)."""
    lines: list[str] = []
    for section in document.sections:
        for part in (
            "header",
            "footer",
            "first_page_header",
            "first_page_footer",
            "even_page_header",
            "even_page_footer",
        ):
            try:
                story = getattr(section, part)
                if story.is_linked_to_previous and part not in ("header", "footer"):
                    continue
                found = [p.text.strip() for p in story.paragraphs]
            except Exception:  # a header part missing from a damaged package: no header, still a letter
                continue
            lines += [x for x in found if x and x not in lines]
    return "\n".join(lines)


def paragraphs_text(raw: str) -> str:
    """Plain lines (one paragraph or table row each, from .doc/.rtf) joined the way .docx text is."""
    pieces: list[tuple[str, str]] = []
    for line in raw.split("\n"):
        line = " ".join(line.replace("\t", " ").split())
        if not line or set(line) <= {"|", " "}:
            pieces.append(("blank", ""))
        elif " | " in line or line.endswith(" |"):
            pieces.append(("row", line.strip(" |")))
        elif line[0] in "•\uf0b7\u25aa\u2013-*·o\ufffd" and len(line) > 2 and line[1] == " ":
            # \ufffd: a Symbol-font bullet that no code page decodes (RTF lists)
            pieces.append(("item", f"- {line[2:].strip()}"))
        else:
            pieces.append(("para", line))
    return _join(pieces) if any(k != "blank" for k, _ in pieces) else ""


def read_wordml(data: bytes) -> str:
    """The paragraphs of a Word 2003 XML file ("WordML", often named .doc); ReadError if none."""
    from lxml import etree

    try:
        root = etree.fromstring(data, parser=etree.XMLParser(recover=True, resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"damaged XML file ({exc})") from exc
    if root is None:
        raise ReadError("damaged XML file (no document element)")
    lines = []
    for para in root.iter("{*}p"):
        lines.append("".join(t.text or "" for t in para.iter("{*}t")))
    text = paragraphs_text("\n".join(lines))
    if not text.strip():
        raise ReadError("not a Word document (XML without Word paragraphs)")
    return text


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
            text = _paragraph_text(child, para.text).replace("\t", " ").strip()
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
        elif tag == "altChunk":
            yield from _alt_chunk(child, document)


def _paragraph_text(element: Any, shown: str) -> str:
    """python-docx's text of a paragraph, or, when longer, every run's text including tracked
    insertions, moved-to text and content controls (which python-docx leaves out); moved-from and
    deleted text stay out."""
    parts: list[str] = []
    for node in element.iter(f"{{{_W}}}t", f"{{{_W}}}tab", f"{{{_W}}}br"):
        # A drawing is stored twice (mc:Choice and the mc:Fallback for old Word): read it once.
        if any(a.tag in _LEFT_OUT for a in node.iterancestors()):
            continue
        name = node.tag.rsplit("}", 1)[-1]
        parts.append(node.text or "" if name == "t" else (" " if name == "tab" else "\n"))
    found = "".join(parts)
    return found if len(found.strip()) > len(shown.strip()) else shown


def _alt_chunk(element: Any, document: Any) -> Iterator[tuple[str, str]]:
    """A part imported whole (w:altChunk): HTML, or MHT (HTML inside a MIME message), as paragraphs."""
    import email
    from email import policy

    from ingest.formats.webpage import html_to_text

    rid = element.get(f"{{{_R}}}id")
    part = document.part.related_parts.get(rid) if rid else None
    if part is None:
        return
    blob: bytes = part.blob
    if b"MIME-Version" in blob[:2000] or "mht" in (part.content_type or "").lower():
        message = email.message_from_bytes(blob, policy=policy.default)
        html = next((p for p in message.walk() if p.get_content_type() == "text/html"), None)
        content = html.get_content() if html is not None else ""
        blob = content.encode("utf-8") if isinstance(content, str) else content
    for line in html_to_text(blob).split("\n"):
        yield ("para", line.strip()) if line.strip() else ("blank", "")


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
        for para in root.iter(f"{{{_W}}}p"):
            # A footer reads "OFFICIAL-SENSITIVE<tab>Page 1 of 3": each tab- or break-separated piece counts.
            text = "".join(
                node.text or "" if node.tag == f"{{{_W}}}t" else "\n" for node in para.iter(*_TEXT_NODES)
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
    # "Dear …," and "Yours sincerely," open and close the body: the segmenter wants them apart, and
    # a date line parts the letterhead from the recipient's address typed one paragraph a line.
    return (
        len(line) <= SHORT_LINE
        and not _CLOSES.search(line)
        and not is_salutation(line)
        and not is_valediction(line)
        and date_line(line) is None
    )


def _facts(document: Any) -> SourceFacts:
    props = document.core_properties
    author = (props.author or "").strip()
    created = props.created.date().isoformat() if props.created else None
    return SourceFacts(
        title=(props.title or "").strip(),
        date=created,
        sender=author_party(author),
    )
