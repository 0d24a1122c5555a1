"""What every reader hands on: extracted text with page offsets, source facts and spans not to index."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from index.records import Party, Person
from ingest.conventions.organisations import is_organisation

# A page break between PDF pages; blank lines keep paragraphs from running across pages.
PAGE_JOIN = "\n\n"


class ReadError(Exception):
    """A file that cannot become a letter; the message is the one-line reason shown to admins."""


@dataclass(frozen=True)
class QuotedText:
    """An earlier message inside an email's skipped quoted history: [start, end) of its text (after
    its header) in the document's text, and its writer and date as that header names them."""

    start: int
    end: int
    writer: str = ""
    date: str | None = None  # ISO, when the header's date could be read


@dataclass(frozen=True)
class ReadOptions:
    """The settings a reader needs; plain values, so a worker process can receive them."""

    max_bytes: int
    ocr: bool = True
    ocr_language: str = "eng"
    timeout: float = 300.0  # a bound on each external program (pdftoppm, tesseract) a reader runs
    attachment_max_bytes: int = 25_000_000  # an email's attachment larger than this is reported, not read
    attachment_depth: int = 3  # attachments of attached messages are read this many levels down
    date_order: Literal["DMY", "MDY"] = "DMY"  # how numeric dates are read: "DMY" (UK) or "MDY" (US)
    two_digit_century: int | None = None  # "16" → 1916 with 1900; None: the letter's own, else nearest today


@dataclass(frozen=True)
class SourceFacts:
    """What the format itself says about a letter: email headers, or a Word file's properties.

    Email headers are `authoritative` and win over the letter conventions; document properties
    only fill in what the conventions did not find.
    """

    title: str = ""
    date: str | None = None  # ISO 8601
    sender: Party = field(default_factory=Party)
    recipient: Party = field(default_factory=Party)
    references: tuple[tuple[str, str], ...] = ()
    authoritative: bool = False
    message_id: str | None = None
    in_reply_to: str | None = None
    thread_root: str | None = None  # the first Message-ID of the References header


@dataclass(frozen=True)
class Attachment:
    """A file an email carries: its bytes to be read by the reader of its name, or an attached
    message already read (an Outlook embedded message), or the reason it is not read."""

    name: str  # the file name the email gives it (made safe: no folders)
    data: bytes = b""
    message: Document | None = None
    refused: str = ""  # one-line reason it is not read ("too large …"); reported per attachment


@dataclass(frozen=True)
class Document:
    """Extracted text, where each page starts in it, and what kind of source it came from.

    A file can hold several documents (an mbox holds one per message); `part` tells them apart
    and becomes part of the letter id, `label` is how the report names it ("12" → "box.mbox#12").
    `skip` spans (whole lines) stay in the stored text but no passage covers them: an email's
    header fields, quoted earlier messages and signature.
    """

    text: str
    page_starts: tuple[int, ...]
    source_kind: str
    facts: SourceFacts = field(default_factory=SourceFacts)
    part: str = ""
    label: str = ""
    skip: tuple[tuple[int, int], ...] = ()
    ocr_pages: frozenset[int] = frozenset()  # 1-based pages whose text came from OCR
    dedup_key: str = ""  # same key in another file → the same message, indexed once
    header_text: str = ""  # page headers and footers, kept out of `text` (markings are often there)
    attachments: tuple[Attachment, ...] = ()  # files an email carries; each becomes a letter of its own
    # Markings the format carries outside the text: page headers and footers, mail subject and headers.
    markings: tuple[str, ...] = ()
    # This document's own bytes when the file holds several (one message of an mbox); None when the
    # file is the document. "Original file" serves these, never the neighbouring messages.
    original: bytes | None = None
    # The earlier messages of skipped quoted history: quotable after all when no other letter holds
    # their text (ingest.pipeline decides, since only the whole index knows).
    quoted: tuple[QuotedText, ...] = ()

    @property
    def pages(self) -> int:
        return len(self.page_starts)


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), else cp1252, else latin-1, which decodes any byte."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def join_pages(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """Pages joined by PAGE_JOIN, and where each starts in the result."""
    starts: list[int] = []
    offset = 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + len(PAGE_JOIN)
    return PAGE_JOIN.join(pages), tuple(starts)


# The accounts word processors fill in when nobody set a name ("Windows User", "IBM User", "Admin",
# "default", "LibreOffice User", "This is the Author": all seen in office-mail-samples' properties).
_PLACEHOLDER_AUTHOR = re.compile(
    r"\b(?:users?|admin(?:istrator)?|default|owner|author|unknown|guest|test(?:er)?|editor|staff"
    r"|microsoft|windows|office|libreoffice|openoffice|ibm|ibmer|pc|computer|lab|customer|valued)\b",
    re.I,
)


def author_party(author: str) -> Party:
    """A document property's author as a party: a person only when it reads as a name of two words
    or more ("Nick Burch", "Allison, Timothy B."), an organisation when it names one; never a
    placeholder account or a login ("pavel", "RobCWeir"), which would stand as the letter's sender."""
    name = " ".join(author.split())
    if is_organisation(name):
        return Party(organisation=name)
    words = re.findall(r"[^\W\d_]+", name)
    if len(words) < 2 or _PLACEHOLDER_AUTHOR.search(name) or "@" in name:
        return Party()
    return Party(people=(Person(name),))
