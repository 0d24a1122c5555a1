"""One reader per format: a file on disk → one or more documents (an mbox holds many), or a reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ingest.formats.document import Document, ReadError, ReadOptions, decode_text
from ingest.formats.mail import read_eml, read_mbox, read_msg
from ingest.formats.pdf import read_pdf
from ingest.formats.webpage import read_html
from ingest.formats.word import read_docx


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
    ".docx": read_docx,
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
