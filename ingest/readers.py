"""One reader per format: bytes on disk → extracted text with page offsets, or a one-line reason."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

# A page break between PDF pages; blank lines keep paragraphs from running across pages.
PAGE_JOIN = "\n\n"


class ReadError(Exception):
    """A file that cannot become a letter; the message is the one-line reason shown to admins."""


@dataclass(frozen=True)
class Document:
    """Extracted text, where each page starts in it, and what kind of source it came from."""

    text: str
    page_starts: tuple[int, ...]
    source_kind: str

    @property
    def pages(self) -> int:
        return len(self.page_starts)


def _looks_binary(data: bytes) -> bool:
    # NUL bytes never occur in text files; many other control bytes mean a binary format.
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(8, len(sample) // 100)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1252, else latin-1, which decodes any byte."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_text(path: Path) -> Document:
    data = path.read_bytes()
    if _looks_binary(data):
        raise ReadError("binary content, not text (is the file named correctly?)")
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError("empty: the file has no text")
    return Document(text=text, page_starts=(0,), source_kind="letter")


def read_pdf(path: Path) -> Document:
    # pypdf logs every recoverable defect as a warning; the report carries what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # unsupported algorithms raise rather than return 0
                raise ReadError(f"encrypted (cannot open: {exc})") from exc
            if not opened:
                raise ReadError("encrypted (a password is needed to open it)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise ReadError(f"damaged PDF ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # pypdf raises many types on fuzzed input; none may stop the run
        raise ReadError(f"damaged PDF ({type(exc).__name__}: {exc})") from exc
    if not pages:
        raise ReadError("damaged PDF (no pages)")
    if not any(p.strip() for p in pages):
        raise ReadError("no text layer (scanned?)")
    starts: list[int] = []
    offset = 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + len(PAGE_JOIN)
    return Document(text=PAGE_JOIN.join(pages), page_starts=tuple(starts), source_kind="letter")


READERS: dict[str, Callable[[Path], Document]] = {
    ".txt": read_text,
    ".md": read_text,
    ".pdf": read_pdf,
}


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def read_document(path: Path, *, max_bytes: int) -> Document:
    """Read one file, or raise ReadError with the reason a person can act on."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(f"unsupported type '{path.suffix}'")
    size = path.stat().st_size
    if size > max_bytes:
        raise ReadError(f"too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
    if size == 0:
        raise ReadError("empty: the file has no content")
    return reader(path)
