"""One file → its letters with their passages: what a parse worker does (see ingest.isolation).

An email's attachments become letters of their own, read by the reader of their file name: their
metadata comes from their own text, the email's sender, recipient and date fill only what it does
not say, and their marking is the higher of their own and the email's.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from index.clearance import DEFAULT_LEVELS, UNMARKED, Levels
from index.records import EmailLink, Letter, LetterMeta, Party, Segment, ShortYear
from ingest.conventions.dates import DateReading
from ingest.conventions.markings import marking_of
from ingest.conventions.meta import extract_meta
from ingest.conventions.quotes import shingles
from ingest.conventions.segments import segment
from ingest.formats.document import Attachment, Document, QuotedText, ReadError, ReadOptions, SourceFacts
from ingest.formats.registry import file_type, read_documents, sniff_type, supported
from ingest.sidecar import SidecarError, apply_sidecar, sidecar_path

_NOT_NEWLINE = re.compile(r"[^\n]")
# Characters no letter holds: C0 controls (but tab, newline, form feed) and lone surrogates (from a
# broken \u escape in RTF). Each becomes a space, so every offset into the text stays valid.
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ud800-\udfff\ufeff\ufffe\uffff]")
# Below this share of printable characters (not counting spaces) a text is binary read as text
# (a mis-decoded file), and its passages would be junk in every search.
MIN_PRINTABLE = 0.9


@dataclass(frozen=True)
class ParseJob:
    path: Path
    rel: str  # relative to the corpus folder, with "/"
    sha256: str
    options: ReadOptions
    # The marking order (Settings.marking_levels), to give an attachment the higher of two markings.
    marking_levels: tuple[tuple[str, ...], ...] = DEFAULT_LEVELS
    default_marking: str = UNMARKED

    def levels(self) -> Levels:
        return Levels(self.marking_levels, default_marking=self.default_marking)


@dataclass(frozen=True)
class QuotedPart:
    """A passage of an earlier message in a letter's skipped quoted history: written only if no other
    letter of the index holds its text (ingest.pipeline)."""

    writer: str
    date: str | None
    segments: tuple[Segment, ...]
    shingles: frozenset[int]  # of its text (ingest.conventions.quotes.shingles)


@dataclass(frozen=True)
class ParsedLetter:
    letter: Letter
    text: str
    segments: tuple[Segment, ...]
    ocr_pages: frozenset[int]
    dedup_key: str
    thread_root: str | None
    header_text: str = field(default="", repr=False)
    original: bytes | None = None  # the message's own bytes when the file holds several (an mbox)
    # The date's year when written short ("nearest" today: a guess the corpus step may settle).
    date_year: ShortYear | None = None
    shingles: frozenset[int] = frozenset()  # of the letter's own (not skipped) text
    quoted: tuple[QuotedPart, ...] = ()

    @property
    def label(self) -> str:
        """How the report names it: the file, and which of its letters ("box.mbox#12", "a.eml/b.pdf")."""
        return part_label(self.letter.path, self.letter.label)


@dataclass(frozen=True)
class ParsedFile:
    rel: str
    letters: tuple[ParsedLetter, ...] = ()
    failures: tuple[tuple[str, str], ...] = ()  # (label, reason) of letters inside it that could not be read
    error: str | None = None  # the reason the file as a whole could not be read


def part_label(path: str, part: str) -> str:
    """ "box.mbox#12", "box.mbox#12/minister-letter.docx", "mail.eml/minister-letter.docx"."""
    if not part:
        return path
    return f"{path}{part}" if part.startswith("/") else f"{path}#{part}"


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
            item = parse_document(doc, job, sidecar=single)
        except (ReadError, SidecarError) as exc:
            failures.append((label, str(exc)))
            continue
        except (MemoryError, RecursionError):
            raise
        except Exception as exc:
            failures.append((label, f"could not be parsed ({type(exc).__name__}: {exc})"))
            continue
        letters.append(item)
        attached, refused = parse_attachments(doc, item, job, depth=1)
        letters += attached
        failures += refused
    if not letters and single and failures:
        return ParsedFile(job.rel, error=failures[0][1])
    if not letters and failures:
        return ParsedFile(job.rel, error=f"no message could be read (first: {failures[0][1]})")
    return ParsedFile(job.rel, letters=tuple(letters), failures=tuple(failures))


@dataclass(frozen=True)
class Carried:
    """Where an attachment sits: the email's parsed letter, and the attachment's id, label and name."""

    parent: ParsedLetter
    id: str
    label: str  # how reports name it: "12/minister.docx"
    name: str


def parse_document(
    doc: Document, job: ParseJob, *, sidecar: bool, carried: Carried | None = None
) -> ParsedLetter:
    """Passages and metadata of one document; the skipped spans are blanked so no passage covers them."""
    doc = dataclasses.replace(doc, text=_UNPRINTABLE.sub(" ", doc.text))
    visible = mask(doc.text, doc.skip)
    if printable_share(visible) < MIN_PRINTABLE:
        raise ReadError("binary content, not text (is the file named correctly?)")
    segments = segment(visible, doc.page_starts)
    if not segments and not doc.attachments:
        raise ReadError("no text to index")
    # An email with nothing to say but its attachments is still their parent: a letter with no
    # passages, so "attached to …" has somewhere to point.
    facts = doc.facts
    fallback = facts.title if facts.title and not facts.authoritative else ""
    dates = DateReading(job.options.date_order, job.options.two_digit_century)
    # The marking is the highest anywhere: the whole text (quoted history too), what the format
    # carries (page headers and footers, mail headers) and, for an attachment, its email's.
    header = (m for line in doc.header_text.splitlines() if (m := marking_of(line)))
    carried_markings = (*doc.markings, *header)
    own = extract_meta(
        visible,
        segments,
        fallback_title=fallback,
        dates=dates,
        whole_text=doc.text,
        carried_markings=carried_markings,
    )
    meta = merge(own, facts)
    levels = job.levels()
    if sidecar:
        meta = apply_sidecar(meta, sidecar_path(job.path))
    if carried is not None:
        meta = inherit(meta, carried.parent.letter, levels)
    if not meta.title.strip():
        # Never a file name: a title from the letter's own parties and date.
        meta = dataclasses.replace(meta, title=content_title(meta, visible, segments, doc.source_kind))
    letter = Letter.from_meta(
        meta,
        id=carried.id if carried else letter_id(job.rel, doc.part),
        path=job.rel,
        sha256=job.sha256,
        source_kind=doc.source_kind,
        pages=doc.pages,
        label=carried.label if carried else doc.label,
        message_id=facts.message_id,
        in_reply_to=facts.in_reply_to,
        thread_id=facts.thread_root or facts.in_reply_to or facts.message_id,
        attachment=carried.name if carried else "",
        attached_to=_link(carried.parent.letter) if carried else None,
    )
    return ParsedLetter(
        letter=letter,
        text=doc.text,
        segments=tuple(segments),
        ocr_pages=doc.ocr_pages,
        dedup_key=doc.dedup_key,
        thread_root=facts.thread_root,
        header_text=doc.header_text,
        original=doc.original,
        # A date from email headers, a sidecar or the email an attachment came with is written in full.
        date_year=own.date_year if meta.date == own.date else None,
        shingles=shingles(visible),
        quoted=tuple(part for q in doc.quoted for part in _quoted_parts(doc, q)),
    )


def _quoted_parts(doc: Document, quoted: QuotedText) -> list[QuotedPart]:
    """The passages of one earlier message, its text alone segmented as if it were a letter's body;
    each is a part of its own, so a passage another letter holds is skipped and the rest kept."""
    only = mask(doc.text, ((0, quoted.start), (quoted.end, len(doc.text))))
    # Line-start "> " marks are no words of the message (a reply to a reply quotes with them).
    only = _QUOTE_MARKS.sub(lambda m: " " * len(m.group()), only)
    return [
        QuotedPart(quoted.writer, quoted.date, (seg,), shingles(only[seg.start : seg.end]))
        for seg in segment(only, doc.page_starts)
    ]


_QUOTE_MARKS = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M)


def printable_share(text: str) -> float:
    """The share of non-space characters that are printable (1.0 for an empty text)."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 1.0
    return sum(1 for c in chars if c.isprintable() and c != "\ufffd") / len(chars)


# --- attachments -----------------------------------------------------------------------------
def parse_attachments(
    doc: Document, parent: ParsedLetter, job: ParseJob, *, depth: int
) -> tuple[list[ParsedLetter], list[tuple[str, str]]]:
    """Each attachment of `doc` as letters of their own (with theirs, `depth` levels down), and the
    (label, reason) of each that could not be read; the email itself is indexed either way."""
    letters: list[ParsedLetter] = []
    failures: list[tuple[str, str]] = []
    names: dict[str, int] = {}
    for n, att in enumerate(doc.attachments, start=1):
        names[att.name] = names.get(att.name, 0) + 1
        name = att.name if names[att.name] == 1 else f"{att.name} ({names[att.name]})"
        label = f"{parent.label}/{name}"
        try:
            found = _read_attachment(att, job.options)
        except ReadError as exc:
            failures.append((label, str(exc)))
            continue
        except (MemoryError, RecursionError):
            raise
        except Exception as exc:  # a reader bug on one odd attachment must not lose the email
            failures.append((label, f"could not be parsed ({type(exc).__name__}: {exc})"))
            continue
        for i, child in enumerate(found, start=1):
            suffix = f"#{i}" if len(found) > 1 else ""  # an attached mailbox holds several messages
            where = Carried(
                parent,
                id=letter_id(parent.letter.id, f"{n}:{name}{suffix}"),
                label=f"{parent.letter.label}/{name}{suffix}",  # "12/minister.docx"; "/x.pdf" in an .eml
                name=name,
            )
            try:
                item = parse_document(child, job, sidecar=False, carried=where)
            except ReadError as exc:
                failures.append((f"{label}{suffix}", str(exc)))
                continue
            if not item.dedup_key and len(found) == 1 and att.data:
                # The same file sent in many emails is one letter, linked to each (ingest.pipeline).
                item = dataclasses.replace(item, dedup_key="file:" + hashlib.sha256(att.data).hexdigest())
            letters.append(item)
            if not child.attachments:
                continue
            if depth >= job.options.attachment_depth:
                failures.append((f"{label}{suffix}", _too_deep(job.options, len(child.attachments))))
                continue
            more, bad = parse_attachments(child, item, job, depth=depth + 1)
            letters += more
            failures += bad
    return letters, failures


def _read_attachment(att: Attachment, options: ReadOptions) -> list[Document]:
    """The documents in one attachment, read by the reader of its name; ReadError says why not."""
    if att.refused:
        raise ReadError(att.refused)
    if att.message is not None:
        return [att.message]
    if b"-----BEGIN PGP MESSAGE-----" in att.data[:1024]:
        raise ReadError("encrypted (PGP: only the recipient's key can open it)")
    if len(att.data) > options.attachment_max_bytes:
        raise ReadError(
            f"too large ({len(att.data) / 1e6:.1f} MB; the limit for attachments is "
            f"{options.attachment_max_bytes / 1e6:.0f} MB, set by LETTERS_ATTACHMENT_MAX_MB)"
        )
    name = Path(att.name)
    if not supported(name):
        # Only a name that says nothing is judged by its bytes: "notes.xml" stays unsupported.
        sniffed = sniff_type(att.data) if name.suffix.lower() in ("", ".bin") else None
        if sniffed is None:
            raise ReadError(f"unsupported type '{name.suffix or name.name}'")
        name = Path(f"{att.name}{sniffed}")
    with tempfile.TemporaryDirectory(prefix="letters-attachment-") as folder:
        # Readers take a path (pdftoppm and tesseract read files); the name keeps the file's ending.
        path = Path(folder) / f"attachment{file_type(name)}"
        path.write_bytes(att.data)
        return read_documents(path, dataclasses.replace(options, max_bytes=options.attachment_max_bytes))


def _too_deep(options: ReadOptions, count: int) -> str:
    return (
        f"nested too deeply: {count} attachment(s) not read, more than {options.attachment_depth} "
        "level(s) of attached messages down (raise LETTERS_ATTACHMENT_DEPTH)"
    )


def inherit(meta: LetterMeta, email: Letter, levels: Levels) -> LetterMeta:
    """An attachment's own metadata, with its email's sender, recipient and date where it names none,
    and the higher of the two markings (an attachment is never less protected than its email)."""
    date, kind = (meta.date, meta.date_kind) if meta.date else (email.date, email.date_kind)
    return dataclasses.replace(
        meta,
        sender=meta.sender or email.sender,
        recipient=meta.recipient or email.recipient,
        date=date,
        date_kind=kind,
        marking=higher(meta.marking, email.marking, levels),
    )


def higher(own: str | None, other: str | None, levels: Levels) -> str | None:
    """The more protective of two markings; a marking the levels do not know counts as the highest."""
    if not other:
        return own
    if not own:
        return other if levels.of_marking(other) >= levels.of_marking(None) else own
    return other if levels.of_marking(other) > levels.of_marking(own) else own


def _link(email: Letter) -> EmailLink:
    return EmailLink(
        id=email.id, title=email.title, date=email.date, sender=email.sender, recipient=email.recipient
    )


def content_title(meta: LetterMeta, text: str, segments: Sequence[Segment], source_kind: str = "") -> str:
    """A title for a letter with no subject or heading, from its parties and date, never its file name.

    "Letter to Rt Hon Dawn Primarolo MP, 4 December 2009"; an email, which always has both parties,
    "Email from Phillip K Allen to Jeff Smith, 6 February 2001" (not "(no subject)", which a list of
    a mailbox's notes would show forty times over); with no parties, its first words.
    """
    when = ""
    if meta.date:
        day = date.fromisoformat(meta.date)
        when = f", {day.day} {day:%B %Y}"
    if source_kind == "email" and meta.sender and meta.recipient:
        return f"Email from {meta.sender.short} to {meta.recipient.short}{when}"
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
