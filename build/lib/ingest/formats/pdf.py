"""PDF letters: the text layer page by page (pypdf), and OCR for scanned pages that have none."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from pypdf import PageObject, PdfReader

from ingest.formats import ocr
from ingest.formats.document import Document, ReadError, ReadOptions, join_pages

# How deep to look through nested form XObjects for an image; real scans nest one level at most.
MAX_XOBJECT_DEPTH = 4
_INLINE_IMAGE = re.compile(rb"(?:^|\s)BI\s")


def read_pdf(path: Path, options: ReadOptions) -> Document:
    # pypdf logs every recoverable defect as a warning; the report carries what matters.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
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
        if not pages:
            raise ReadError("damaged PDF (no pages)")
        scanned = [i for i, text in enumerate(pages) if not text.strip() and _has_image(reader.pages[i])]
        sizes = {i: _size(reader.pages[i]) for i in scanned}
    except ReadError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # pypdf raises many types on fuzzed input; none may stop the run
        raise ReadError(f"damaged PDF ({type(exc).__name__}: {exc})") from exc
    ocr_pages: set[int] = set()
    if scanned and options.ocr and ocr.available():
        for i in scanned:
            text = ocr.page_text(
                path,
                i + 1,
                dpi=ocr.dpi_for(*sizes[i]),
                language=options.ocr_language,
                timeout=options.timeout,
            )
            if text.strip():
                pages[i] = text
                ocr_pages.add(i + 1)
    if not any(p.strip() for p in pages):
        if not scanned:
            raise ReadError("no text layer (scanned?)")
        if not options.ocr:
            raise ReadError("no text layer; OCR is turned off (set LETTERS_OCR=true to read scanned pages)")
        if not ocr.available():
            raise ReadError(f"no text layer; {ocr.INSTALL_HINT}")
        raise ReadError("no text: OCR found no words on the scanned pages")
    text, starts = join_pages(pages)
    return Document(text=text, page_starts=starts, source_kind="letter", ocr_pages=frozenset(ocr_pages))


def _size(page: PageObject) -> tuple[float, float]:
    box = page.mediabox
    return abs(float(box.width)), abs(float(box.height))


def _has_image(page: PageObject) -> bool:
    """Whether the page draws an image (a scan) without decoding one: hugemono.pdf is 35000² pixels."""
    try:
        if _images_in(page.get("/Resources"), 0):
            return True
        contents = page.get_contents()
        # Inline images ("BI … ID … EI") live in the content stream itself.
        return contents is not None and _INLINE_IMAGE.search(contents.get_data()) is not None
    except Exception:  # a damaged resource dictionary: treat the page as having no image
        return False


def _images_in(resources: Any, depth: int) -> bool:
    if resources is None or depth > MAX_XOBJECT_DEPTH:
        return False
    resources = resources.get_object()
    xobjects = resources.get("/XObject")
    if xobjects is None:
        return False
    for ref in xobjects.get_object().values():
        xobject = ref.get_object()
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            return True
        if subtype == "/Form" and _images_in(xobject.get("/Resources"), depth + 1):
            return True
    return False
