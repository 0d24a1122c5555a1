"""One file → its letters with their passages: what a parse worker does (see ingest.isolation)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from index.records import Letter, LetterMeta, Party, Segment
from ingest.conventions.meta import extract_meta
from ingest.conventions.segments import segment
from ingest.formats.document import Document, ReadError, ReadOptions, SourceFacts
from ingest.formats.registry import read_documents
from ingest.sidecar import SidecarError, apply_sidecar, sidecar_path

_NOT_NEWLINE = re.compile(r"[^\n]")


@dataclass(frozen=True)
class ParseJob:
    path: Path
    rel: str  # relative to the corpus folder, with "/"
    sha256: str
    options: ReadOptions


@dataclass(frozen=True)
class ParsedLetter:
    letter: Letter
    text: str
    segments: tuple[Segment, ...]
    ocr_pages: frozenset[int]
    dedup_key: str
    thread_root: str | None

    @property
    def label(self) -> str:
        """How the report names it: the file, and which of its letters ("box.mbox#12")."""
        return f"{self.letter.path}#{self.letter.label}" if self.letter.label else self.letter.path


@dataclass(frozen=True)
class ParsedFile:
    rel: str
    letters: tuple[ParsedLetter, ...] = ()
    failures: tuple[tuple[str, str], ...] = ()  # (label, reason) of letters inside it that could not be read
    error: str | None = None  # the reason the file as a whole could not be read


def letter_id(rel: str, part: str = "") -> str:
    """Stable across re-indexing: a changed letter keeps its id (and so its links)."""
    key = f"{rel}#{part}" if part else rel
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def parse_file(job: ParseJob) -> ParsedFile:
    """Every letter of one file, or the one-line reason it could not be read. Never raises ReadError."""
    try:
        documents = read_documents(job.path, job.options)
    except (ReadError, SidecarError) as exc:
        return ParsedFile(job.rel, error=str(exc))
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # a reader bug on one odd file must not stop the run
        return ParsedFile(job.rel, error=f"could not be parsed ({type(exc).__name__}: {exc})")
    # A sidecar describes a one-letter file; it would be wrong for every message of a mailbox.
    single = len(documents) == 1 and not documents[0].part
    letters: list[ParsedLetter] = []
    failures: list[tuple[str, str]] = []
    for doc in documents:
        label = f"{job.rel}#{doc.label}" if doc.label else job.rel
        try:
            letters.append(parse_document(doc, job, sidecar=single))
        except (ReadError, SidecarError) as exc:
            failures.append((label, str(exc)))
        except (MemoryError, RecursionError):
            raise
        except Exception as exc:
            failures.append((label, f"could not be parsed ({type(exc).__name__}: {exc})"))
    if not letters and single and failures:
        return ParsedFile(job.rel, error=failures[0][1])
    if not letters and failures:
        return ParsedFile(job.rel, error=f"no message could be read (first: {failures[0][1]})")
    return ParsedFile(job.rel, letters=tuple(letters), failures=tuple(failures))


def parse_document(doc: Document, job: ParseJob, *, sidecar: bool) -> ParsedLetter:
    """Passages and metadata of one document; the skipped spans are blanked so no passage covers them."""
    visible = mask(doc.text, doc.skip)
    segments = segment(visible, doc.page_starts)
    if not segments:
        raise ReadError("no text to index")
    facts = doc.facts
    fallback = facts.title if facts.title and not facts.authoritative else ""
    meta = merge(extract_meta(visible, segments, fallback_title=fallback), facts)
    if sidecar:
        meta = apply_sidecar(meta, sidecar_path(job.path))
    if not meta.title.strip():
        meta = dataclasses.replace(meta, title=content_title(meta, visible, segments))
    letter = Letter.from_meta(
        meta,
        id=letter_id(job.rel, doc.part),
        path=job.rel,
        sha256=job.sha256,
        source_kind=doc.source_kind,
        pages=doc.pages,
        label=doc.label,
        message_id=facts.message_id,
        in_reply_to=facts.in_reply_to,
        thread_id=facts.thread_root or facts.in_reply_to or facts.message_id,
    )
    return ParsedLetter(
        letter=letter,
        text=doc.text,
        segments=tuple(segments),
        ocr_pages=doc.ocr_pages,
        dedup_key=doc.dedup_key,
        thread_root=facts.thread_root,
    )


def content_title(meta: LetterMeta, text: str, segments: Sequence[Segment]) -> str:
    """A title for a letter with no subject or heading, from its parties and date, never its file name.

    "Letter to Rt Hon Dawn Primarolo MP, 4 December 2009"; with no parties, its first words.
    """
    when = ""
    if meta.date:
        day = date.fromisoformat(meta.date)
        when = f", {day.day} {day:%B %Y}"
    if meta.recipient:
        return f"Letter to {meta.recipient.short}{when}"
    if meta.sender:
        return f"Letter from {meta.sender.short}{when}"
    body = next((s for s in segments if s.kind in ("body", "list")), None)
    if body is not None:
        words = text[body.start : body.end].split()
        opening = " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")
        return f"{opening}{when.replace(',', ' —', 1) if when else ''}"
    return f"Untitled letter{when}"


TITLE_WORDS = 10


def mask(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """`text` with the spans blanked (line breaks kept), so offsets into it index `text` too."""
    if not spans:
        return text
    out = []
    pos = 0
    for start, end in sorted(spans):
        start = max(start, pos)
        out.append(text[pos:start])
        out.append(_NOT_NEWLINE.sub(" ", text[start:end]))
        pos = max(pos, end)
    out.append(text[pos:])
    return "".join(out)


def merge(meta: LetterMeta, facts: SourceFacts) -> LetterMeta:
    """Email headers win over the letter conventions; document properties only fill gaps."""
    if facts.authoritative:
        labels = {label for label, _ in facts.references}
        return dataclasses.replace(
            meta,
            title=facts.title or meta.title,
            date=facts.date or meta.date,
            date_kind="letter" if facts.date else meta.date_kind,
            sender=facts.sender or meta.sender,
            recipient=facts.recipient or meta.recipient,
            references=facts.references + tuple(r for r in meta.references if r[0] not in labels),
        )
    if meta.date is None and facts.date:
        meta = dataclasses.replace(meta, date=facts.date, date_kind="letter")
    return dataclasses.replace(
        meta, sender=_fill(meta.sender, facts.sender), recipient=_fill(meta.recipient, facts.recipient)
    )


def _fill(found: Party, fallback: Party) -> Party:
    """The people of `fallback` (a document's author) when the letter names only an office or nobody."""
    if found.people or not fallback.people:
        return found
    return dataclasses.replace(found, people=fallback.people)
