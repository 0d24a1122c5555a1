"""OpenDocument text (.odt) letters, read from the package's content.xml with lxml.

Paragraphs, headings, lists and tables come in reading order (text boxes and sections too);
notes, annotations and deleted tracked changes are left out; page headers and footers live in
styles.xml and are kept apart (`Document.header_text`).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest.formats.document import Document, ReadError, ReadOptions, SourceFacts, author_party
from ingest.formats.word import paragraphs_text

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
DC = "http://purl.org/dc/elements/1.1/"
META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
# Elements whose text is not the letter's: footnotes, comments, deleted text, change records.
_LEFT_OUT = {
    f"{{{TEXT}}}note",
    f"{{{OFFICE}}}annotation",
    f"{{{TEXT}}}tracked-changes",
    f"{{{TEXT}}}deletion",
    f"{{{OFFICE}}}annotation-end",
}
_MAX_XML = 200_000_000  # content.xml unpacked beyond this is a zip bomb, not a letter


def read_odt(path: Path, options: ReadOptions) -> Document:
    return odt_from_bytes(path.read_bytes())


def odt_from_bytes(data: bytes) -> Document:
    from lxml import etree

    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReadError("damaged OpenDocument file (not a ZIP package)") from exc
    with package:
        names = set(package.namelist())
        if "META-INF/manifest.xml" in names and b"encryption-data" in package.read("META-INF/manifest.xml"):
            raise ReadError("encrypted (a password is needed to open it)")
        if "content.xml" not in names:
            raise ReadError("damaged OpenDocument file (no content.xml in the package)")
        parser = etree.XMLParser(recover=True, resolve_entities=False, huge_tree=True)
        try:
            if package.getinfo("content.xml").file_size > _MAX_XML:
                raise ReadError("too large (content.xml unpacks to over 200 MB)")
            content = etree.fromstring(package.read("content.xml"), parser=parser)
            styles = (
                etree.fromstring(package.read("styles.xml"), parser=parser) if "styles.xml" in names else None
            )
            meta = etree.fromstring(package.read("meta.xml"), parser=parser) if "meta.xml" in names else None
        except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, EOFError, ValueError) as exc:
            raise ReadError(f"damaged OpenDocument file ({type(exc).__name__}: {exc})") from exc
    if content is None:
        raise ReadError("damaged OpenDocument file (content.xml is not XML)")
    body = content.find(f"{{{OFFICE}}}body")
    lines = list(_lines(body)) if body is not None else []
    text = paragraphs_text("\n".join(lines))
    if not text.strip():
        raise ReadError("empty: the document has no text")
    header = ""
    if styles is not None:
        stories = [e for e in styles.iter(f"{{{STYLE}}}header", f"{{{STYLE}}}footer")]
        header = paragraphs_text("\n".join(line for e in stories for line in _lines(e)))
    return Document(text=text, page_starts=(0,), source_kind="letter", facts=_facts(meta), header_text=header)


def _lines(element: Any) -> Iterator[str]:
    """One line per paragraph, heading, list item or table row, in document order."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _LEFT_OUT:
            continue
        if tag in (f"{{{TEXT}}}p", f"{{{TEXT}}}h"):
            yield from _paragraph(child)
        elif tag == f"{{{TEXT}}}list-item":
            inner = list(_lines(child))
            yield from ([f"- {inner[0]}", *inner[1:]] if inner and inner[0] else inner)
        elif tag == f"{{{TABLE}}}table-row":
            cells = [
                " ".join(" ".join(_lines(c)).split()) for c in child if c.tag == f"{{{TABLE}}}table-cell"
            ]
            cells = [c for c in cells if c]
            if cells:
                yield " | ".join(cells) + " |"
        elif tag == f"{{{TABLE}}}table":
            yield ""
            yield from _lines(child)
            yield ""
        else:  # office:text, text:list, text:section, table:table-rows, draw:frame, draw:text-box, …
            yield from _lines(child)


def _paragraph(para: Any) -> Iterator[str]:
    """A paragraph's text; a frame inside it (a text box) gives its own lines after it."""
    parts: list[str] = []
    boxes: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _LEFT_OUT:
                pass
            elif tag == f"{{{TEXT}}}s":
                parts.append(" " * int(child.get(f"{{{TEXT}}}c", "1") or 1))
            elif tag == f"{{{TEXT}}}tab":
                parts.append(" ")
            elif tag == f"{{{TEXT}}}line-break":
                parts.append("\n")
            elif tag == f"{{{DRAW}}}frame":
                boxes.extend(_lines(child))
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(para)
    yield "".join(parts)
    yield from boxes


def _facts(meta: Any) -> SourceFacts:
    if meta is None:
        return SourceFacts()
    title = (meta.findtext(f".//{{{DC}}}title") or "").strip()
    author = (
        meta.findtext(f".//{{{DC}}}creator") or meta.findtext(f".//{{{META}}}initial-creator") or ""
    ).strip()
    created = (meta.findtext(f".//{{{META}}}creation-date") or "")[:10] or None
    return SourceFacts(title=title, date=created, sender=author_party(author))
