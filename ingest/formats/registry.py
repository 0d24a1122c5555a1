"""One reader per format: a file on disk → one or more documents (an mbox holds many), or a reason."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ingest.formats.doc import read_word
from ingest.formats.document import Document, ReadError, ReadOptions, decode_text
from ingest.formats.mail import read_eml, read_mbox, read_msg
from ingest.formats.odt import read_odt
from ingest.formats.pdf import read_pdf
from ingest.formats.rtf import read_rtf
from ingest.formats.webpage import read_html


def _looks_binary(data: bytes) -> bool:
    # NUL bytes never occur in text files; many other control bytes mean a binary format.
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)


def read_text(path: Path, options: ReadOptions) -> Document:
    data = path.read_bytes()
    if _looks_binary(data):
        raise ReadError("binary content, not text (is the file named correctly?)")
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError("empty: the file has no text")
    return Document(text=text, page_starts=(0,), source_kind="letter")


Reader = Callable[[Path, ReadOptions], "Document | list[Document]"]

# Keyed by the file name's ending; ".mbox.gz" is looked up before ".gz" would be.
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".md": read_text,
    ".pdf": read_pdf,
    ".docx": read_word,  # .doc and .docx by what the bytes are: Word files are often misnamed
    ".doc": read_word,
    ".rtf": read_rtf,
    ".odt": read_odt,
    ".html": read_html,
    ".htm": read_html,
    ".eml": read_eml,
    ".mbox": read_mbox,
    ".mbox.gz": read_mbox,
    ".msg": read_msg,
}


def file_type(path: Path) -> str:
    """The ending that picks the reader: ".pdf", or ".mbox.gz" for a gzipped mailbox."""
    name = path.name.lower()
    double = "".join(Path(name).suffixes[-2:])
    return double if double in READERS else path.suffix.lower()


def supported(path: Path) -> bool:
    return file_type(path) in READERS


def sniff_type(data: bytes) -> str | None:
    """The ending a file's bytes call for, when its name has none Letters reads (an email attachment
    named "attachment-1"): PDF, RTF, Word, OpenDocument, an email, or plain text."""
    head = data[:2048]
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return ".pdf"
    if head.lstrip().startswith(b"{\\rtf"):
        return ".rtf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ".msg" if "__substg1.0_".encode("utf-16-le") in data[:65536] else ".doc"
    if head.startswith(b"PK"):
        if b"word/" in data[:65536]:
            return ".docx"
        return ".odt" if b"application/vnd.oasis.opendocument.text" in head else None
    if _looks_binary(data):
        return None
    if re.match(rb"(?:[A-Za-z-]+:[^\n]*\r?\n){3}", head):
        return ".eml"  # header lines first: a message (a delivery report's returned mail)
    return ".txt"


def read_documents(path: Path, options: ReadOptions) -> list[Document]:
    """Every document in one file, or ReadError with the reason a person can act on."""
    reader = READERS.get(file_type(path))
    if reader is None:
        raise ReadError(f"unsupported type '{path.suffix or path.name}'")
    size = path.stat().st_size
    if size > options.max_bytes:
        limit = options.max_bytes / 1e6
        raise ReadError(
            f"too large ({size / 1e6:.1f} MB; the limit is {limit:.0f} MB, set by LETTERS_MAX_FILE_MB)"
        )
    if size == 0:
        raise ReadError("empty: the file has no content")
    found = reader(path, options)
    return found if isinstance(found, list) else [found]


def read_document(path: Path, *, max_bytes: int) -> Document:
    """The first document of a file (the only one, for every format but mailboxes)."""
    return read_documents(path, ReadOptions(max_bytes=max_bytes))[0]
