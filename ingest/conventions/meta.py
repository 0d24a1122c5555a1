"""What a letter says about itself: title, date, sender, recipient, marking and references."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from index.records import LetterMeta, Party, Person, Segment
from ingest.conventions.blocks import block_at, lines_of
from ingest.conventions.dates import (
    UK,
    DateMatch,
    DateOrder,
    DateReading,
    date_line,
    find_dates,
    labelled_date,
)
from ingest.conventions.dating import Dated, letter_date, pivot_for, short_year
from ingest.conventions.fallbacks import (
    ADDRESSEE_STYLE,
    envelope_addressee,
    foot_signer,
    report_heading,
    signed_for_office,
    styled_addressee,
)
from ingest.conventions.frame import frame_of
from ingest.conventions.headings import heading_text
from ingest.conventions.markings import highest_marking
from ingest.conventions.parties import recipient, sender
from ingest.conventions.references import references_in
from ingest.conventions.signatories import is_esquire
from ingest.conventions.telegrams import telegram_of

_EVENT = re.compile(
    r"\b(?:meeting|visit|review|conference|event|call|discussion|workshop|summit|hearing|session"
    r"|inspection|interview|presentation)s?\b",
    re.I,
)
_EVENT_LEAD = re.compile(r"\b(?:on|of|held|dated)\s+(?:the\s+)?$", re.I)


def extract_meta(
    text: str,
    segments: Sequence[Segment],
    *,
    fallback_title: str,
    dates: DateReading = UK,
    whole_text: str | None = None,
    carried_markings: Sequence[str] = (),
) -> LetterMeta:
    """Metadata from the conventions of letters; `fallback_title` (the file name) when there is no heading.

    The marking is the highest in `whole_text` (the text before quoted history was blanked) and
    `carried_markings` (page headers, mail headers): an OFFICIAL letter with a SECRET annex is SECRET.
    """
    header = _header(segments)
    frame = frame_of(text)
    near, source = pivot_for(text, dates)
    telegram = telegram_of(frame.lines, near=near)
    stamped = (
        Dated(telegram.date.iso, "letter", short_year(telegram.date, source))
        if telegram and telegram.date
        else None
    )
    report = report_heading(frame)
    reported = (
        Dated(report.date.iso, "letter", short_year(report.date, source)) if report and report.date else None
    )
    dated = stamped or letter_date(frame, dates) or reported or _date(text, segments, header, dates)
    # The general readings only where the rules give nothing (fallbacks.py for their measure).
    wrote = (
        (telegram and telegram.sender)
        or sender(text, segments, frame)
        or foot_signer(frame)
        or (report.writer if report else Party())
        or signed_for_office(frame)
    )
    to = (
        (telegram and telegram.addressee)
        or _named(recipient(text, segments, frame))
        or (report.addressee if report else Party())
        or envelope_addressee(frame)
        or styled_addressee(frame, wrote.people)
    )
    # A letter is not written to its writer: a person both readings name whose line is styled as an
    # addressee's ("pp. Manager" / "Daniel Cronin, Esq.", "Mrs Hannah Buckley") is the recipient only.
    addressed = {p.name for p in to.people if _styled_as_addressee(p.name, frame.lines)}
    if any(p.name in addressed for p in wrote.people):
        wrote = _without_people(wrote, tuple(p for p in wrote.people if p.name not in addressed))
    return LetterMeta(
        title=_title(text, header) or fallback_title,
        date=dated.iso if dated else None,
        date_kind=dated.kind if dated else None,
        date_year=dated.year if dated else None,
        sender=wrote,
        recipient=to,
        marking=_marking(text if whole_text is None else whole_text, carried_markings),
        references=_references(text, header),
    )


# Words written small that a name, an office or a body may hold: "Clerk of the Union", "Eamon de Valera".
_NAME_PARTICLES = frozenset(
    (
        *("of", "the", "and", "for", "to", "in", "on", "at", "members", "i/c", "&"),
        *("de", "la", "le", "van", "von", "der", "den", "du", "des", "da", "di", "y"),
        *("ni", "nic", "na", "an", "ua", "mac", "o"),
    )
)
# What a signer signs for, under his name or rank ("Lieut." / "for Garrison Adjutant."): his, not whom he
# writes to.
_SIGNS_FOR = re.compile(r"^(?:[A-Z][\w.-]*\s+)?for\s+[A-Z]")
_SMALL_WORD = re.compile(r"(?<![\w.'’-])[a-z][a-z'’]*\b")


def _named(party: Party) -> Party:
    """A party as a name, not the prose or a list a line ran on into: "Dear Katie Having a grand" greets
    Katie; "The Under Secretary presents his compliments" and "Messrs. Egan, Clarke, Molloy, Daly, and
    Mrs. Rourke" (a meeting's members) name no one written to."""
    for value in (party.office, party.organisation):
        if value and (_prose(value) or value.count(",") >= 3 or _SIGNS_FOR.match(value)):
            return Party()
    people, changed = [], False
    for person in party.people:
        m = next((m for m in _SMALL_WORD.finditer(person.name) if m.group(0) not in _NAME_PARTICLES), None)
        if m is None:
            people.append(person)
            continue
        changed = True
        # The capitalised word before the prose opens its sentence ("Katie Having a grand").
        kept = person.name[: m.start()].split()[:-1]
        if kept:
            people.append(replace(person, name=" ".join(kept).rstrip(" ,.;:")))
    return _without_people(party, tuple(people)) if changed else party


def _styled_as_addressee(name: str, lines: Sequence[str]) -> bool:
    """Whether a line holding `name` styles it as an addressee's: "…, Esq.", "Mrs …"."""
    return any(name in line and (is_esquire(line) or ADDRESSEE_STYLE.match(line.lstrip())) for line in lines)


def _without_people(party: Party, people: tuple[Person, ...]) -> Party:
    """`party` with only `people`; nothing when no one and no office or body is left."""
    if not (people or party.office or party.organisation):
        return Party()
    return replace(party, people=people, display="")


def _prose(value: str) -> bool:
    return any(m.group(0) not in _NAME_PARTICLES for m in _SMALL_WORD.finditer(value))


def _header(segments: Sequence[Segment]) -> list[Segment]:
    """Segments before the first paragraph: where a letter states its date, subject and references."""
    out = []
    for seg in segments:
        if seg.kind in ("body", "list", "sign-off"):
            break
        out.append(seg)
    return out


def _title(text: str, header: Sequence[Segment]) -> str:
    heading = next((s for s in header if s.kind == "heading"), None)
    return heading_text(block_at(text, heading.start, heading.end)) if heading else ""


def _date(
    text: str, segments: Sequence[Segment], header: Sequence[Segment], reading: DateReading
) -> Dated | None:
    """The letter's own date line; else a meeting's date from a heading or "the meeting on …"."""
    near, source = pivot_for(text, reading)
    order = reading.order

    def dated(found: DateMatch, kind: Literal["letter", "event"]) -> Dated:
        return Dated(found.iso, kind, short_year(found, source))

    for seg in [*header, *(s for s in segments if s.kind == "sign-off")]:
        for line in lines_of(text, seg.start, seg.end):
            found = (
                date_line(line, order=order, near=near)
                or labelled_date(line, order=order, near=near)
                or _date_in_references(line, order, near)
            )
            if found:
                return dated(found, "letter")
    for seg in header:
        if seg.kind == "heading":
            in_heading = find_dates(text[seg.start : seg.end], order=order, near=near)
            if in_heading:
                return dated(in_heading[0], "event")
    for seg in segments:
        if seg.kind in ("body", "list"):
            held = _event_date(text[seg.start : seg.end], order, near)
            if held:
                return dated(held, "event")
    return None


def _date_in_references(line: str, order: DateOrder, near: int | None) -> DateMatch | None:
    """A date labelled inside a reference line: "Our ref: AB/1   Date: 4 March 2024"."""
    m = re.search(r"\bdated?\s*:\s*", line, re.I) if references_in(line) else None
    found = find_dates(line[m.end() :], order=order, near=near) if m else []
    return found[0] if found and found[0].start == 0 else None


def _event_date(paragraph: str, order: DateOrder, near: int | None) -> DateMatch | None:
    """A date a meeting or visit was held on: "the Review meeting on 20 May 2011"."""
    for found in find_dates(paragraph, order=order, near=near):
        before = paragraph[max(0, found.start - 60) : found.start]
        if _EVENT_LEAD.search(before) and _EVENT.search(before):
            return found
    return None


def _marking(text: str, carried: Sequence[str]) -> str | None:
    return highest_marking(text, carried)


def _references(text: str, header: Sequence[Segment]) -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    for seg in header:
        for line in lines_of(text, seg.start, seg.end):
            for label, value in references_in(line):
                out.setdefault(label, value)
    return tuple(out.items())
