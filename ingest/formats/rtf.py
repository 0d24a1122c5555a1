"""RTF letters (striprtf): paragraphs and table rows in reading order, headers and footers apart.

striprtf drops header, footer, footnote, picture and embedded-object groups from the text and
decodes per-font code pages (\\fcharset) and \\ansicpg; the header and footer groups are read on
their own so a marking printed there is not lost.
"""

from __future__ import annotations

import re
from pathlib import Path

from ingest.formats.document import Document, ReadError, ReadOptions
from ingest.formats.word import paragraphs_text

_HEADER_GROUP = re.compile(r"\{\\(?:header|footer)[lrf]?(?![a-z])")
_ROW_END = re.compile(r"\|[ \t]*$", re.M)


def read_rtf(path: Path, options: ReadOptions) -> Document:
    return rtf_from_bytes(path.read_bytes())


def rtf_from_bytes(data: bytes) -> Document:
    from striprtf.striprtf import rtf_to_text  # imported here: only workers that meet RTF load it

    if not data.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{\\rtf"):
        raise ReadError("not an RTF file (it does not start with {\\rtf; is the file named correctly?)")
    # RTF is 7-bit text; latin-1 keeps any stray byte as one character for the parser to skip.
    source = data.decode("latin-1")
    try:
        body = rtf_to_text(source, errors="replace")
        header = "\n".join(rtf_to_text(_wrap(source, g), errors="replace") for g in _groups(source))
    except (ValueError, LookupError, IndexError) as exc:  # a broken \'hh escape or code page
        raise ReadError(f"damaged RTF file ({type(exc).__name__}: {exc})") from exc
    text = paragraphs_text(_rows(body))
    if not text.strip():
        raise ReadError("empty: the document has no text")
    return Document(text=text, page_starts=(0,), source_kind="letter", header_text=paragraphs_text(header))


def _rows(text: str) -> str:
    """striprtf ends each cell with "|" and each row with a line break: "a|b|" → "a | b |"."""
    lines = text.replace("\r", "").split("\n")
    return "\n".join(line.replace("|", " | ") if _ROW_END.search(line) else line for line in lines)


def _groups(source: str) -> list[str]:
    """The header and footer groups, each with its braces (at most 40: enough for any letter)."""
    out: list[str] = []
    for m in _HEADER_GROUP.finditer(source):
        depth, i = 0, m.start()
        while i < len(source):
            ch = source[i]
            if ch == "\\":
                i += 2
                continue
            depth += ch == "{"
            depth -= ch == "}"
            if depth == 0:
                break
            i += 1
        inner = re.sub(r"^\\(?:header|footer)[lrf]? ?", "", source[m.start() + 1 : i])
        out.append("{" + inner + "}")
        if len(out) >= 40:
            break
    return [g for g in out if g]


def _wrap(source: str, group: str) -> str:
    """A header group as a document of its own, with the file's font table for its code pages."""
    fonts = re.search(r"\{\\fonttbl", source)
    table = ""
    if fonts:
        depth, i = 0, fonts.start()
        while i < len(source):
            depth += source[i] == "{"
            depth -= source[i] == "}"
            if depth == 0:
                break
            i += 1
        table = source[fonts.start() : i + 1]
    cpg = re.search(r"\\ansicpg\d+", source[:2000])
    return "{\\rtf1" + (cpg.group(0) if cpg else "") + table + group + "}"
