"""How a citation is written: the portable reference that survives copy-paste, its date and place."""

from __future__ import annotations

from datetime import date

from index.records import Letter, Passage


def human_date(iso: str | None) -> str:
    """2009-12-04 → 4 December 2009 (the form UK correspondence uses)."""
    if not iso:
        return "undated"
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def when(letter: Letter) -> str:
    """The letter's date; the meeting it follows, or the day a registry stamp says it was received,
    when only that is known."""
    if letter.date_kind == "event":
        return f"following the meeting of {human_date(letter.date)}"
    if letter.date_kind == "received":
        return f"received {human_date(letter.date)}"
    return human_date(letter.date)


def source_noun(letter: Letter) -> str:
    return {"email": "Email"}.get(letter.source_kind, "Letter")


def location(page: int, paragraph: int | None, kind: str, pages: int) -> str:
    """ "p. 2, para 5"; "sign-off" for blocks outside the numbered paragraphs."""
    spot = f"para {paragraph}" if paragraph else kind
    return f"p. {page}, {spot}" if pages > 1 else spot


def attachment_head(letter: Letter) -> str | None:
    """ "Attachment 'minister-letter.docx' to the email from Jane Doe to Nigel Richardson, 14 March 2011",
    or None for a letter that came with no email."""
    email = letter.attached_to
    if email is None:
        return None
    parts = [f"Attachment '{letter.attachment}' to the email"]
    if email.sender:
        parts.append(f"from {email.sender.short}")
    if email.recipient:
        parts.append(f"to {email.recipient.short}")
    if not email.sender and not email.recipient:
        parts.append(f"'{email.title}'")
    return f"{' '.join(parts)}, {human_date(email.date)}"


def quoted_head(writer: str | None, date: str | None) -> str:
    """ "Message from Jeffrey McMahon, 14 May 2001, quoted in" (its writer, not the quoting letter's)."""
    who = f"from {writer}" if writer else "(writer not named)"
    when = f", {human_date(date)}" if date else ""
    return f"Message {who}{when}, quoted in"


def portable_reference(
    letter: Letter,
    *,
    page: int,
    paragraph: int | None,
    kind: str,
    ocr: bool = False,
    quoted_writer: str | None = None,
    quoted_date: str | None = None,
) -> str:
    """e.g. Letter from Cllr A and Cllr B (Leeds City Council) to Rt Hon C MP, 4 December 2009, para 7.

    An attachment is named by its email: Attachment 'x.docx' to the email from A to B, 14 March 2011, para 2.
    Quoted history (`quoted_writer` not None) is named by its own writer first, so the quoting letter's
    sender is not taken for its author: Message from D, 13 March 2011, quoted in the email from A to
    B, 14 March 2011, quoted para 2.
    """
    spot = location(page, paragraph, kind, letter.pages) + (" (OCR)" if ocr else "")
    quoted = quoted_writer is not None
    if quoted:
        spot = f"quoted {spot}"
    head = attachment_head(letter)
    if head is not None:
        out = f"{head}, {spot}"
    else:
        parts = [source_noun(letter)]
        if letter.sender:
            parts.append(f"from {letter.sender.short}")
        if letter.recipient:
            parts.append(f"to {letter.recipient.short}")
        head = " ".join(parts)
        if not letter.sender and not letter.recipient:
            head = f"{head} '{letter.title}'"
        tail = [when(letter)]
        refs = dict(letter.references)
        if "Our ref" in refs:
            tail.append(f"ref {refs['Our ref']}")
        # Text read by OCR may hold misread words; the reader is told so next to the citation.
        out = ", ".join([head, *tail, spot])
    if quoted:
        out = f"{quoted_head(quoted_writer, quoted_date)} the {out[0].lower()}{out[1:]}"
    return f"{out} [{letter.marking}]" if letter.marking else out


def passage_reference(letter: Letter, passage: Passage) -> str:
    """The portable reference of a stored passage of `letter` (quoted history under its writer)."""
    return portable_reference(
        letter,
        page=passage.page,
        paragraph=passage.paragraph,
        kind=passage.kind,
        ocr=passage.ocr,
        quoted_writer=passage.quoted_writer,
        quoted_date=passage.quoted_date,
    )
