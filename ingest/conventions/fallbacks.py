"""General readings of who wrote a letter and to whom, for letters no specific rule reads: a name on a
line of its own at the foot, and a name styled as an addressee's at the top or the foot.

They read only the shape of a line (capitalised words, initials, a title or "Esq.", its length and
place), so they hold on letters whose forms no rule was written for, and they are asked only when
the rules give nothing. Scored alone on every letters-1916 dev letter (`bench.meta_fallbacks`), the
value they give is right for 0.967 (sender) and 0.965 (recipient) of the letters whose text states it.
Reading notes and reports with neither salutation nor closing too (round 17: only a name ending them,
or over its office) gave 4 more dev senders alone and 14 more invented ones, all right.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.records import Party, Person
from ingest.conventions.addressees import addressee_of, salutation_name, styled, without_reply_to
from ingest.conventions.dates import DateMatch, find_dates
from ingest.conventions.dating import is_date_line
from ingest.conventions.frame import Frame
from ingest.conventions.greetings import closing_at, opens_letter
from ingest.conventions.markup import plain
from ingest.conventions.names import is_title, name_words, signed_name, surname
from ingest.conventions.organisations import is_organisation
from ingest.conventions.roles import is_office, spelled_out
from ingest.conventions.signatories import (
    before_notes,
    greeted_by_first_name,
    is_esquire,
    is_sentence,
    name_and_office,
    starts_addressee,
)

# Lines at the foot searched for a signature, alone on dev (precision where stated / recall): 8 lines
# 0.954 / 0.728, 12 0.966 / 0.782, 20 0.976 / 0.805; past 12 a name is as likely a list's or an
# enclosed letter's on letters unlike dev's, so the window stays near a signature block's size.
SIGNER_LINES = 12
# A signature or an addressee's name is short: a line of more words is the body's.
MAX_NAME_WORDS = 7
# The foot's last lines searched for an addressee (under the signature, above office notes).
ADDRESSEE_FOOT_LINES = 6

# "Mr …", "Mrs …", "Messrs …" at the foot are the addressee's, never the signer's (signatories.py).
ADDRESSEE_STYLE = re.compile(r"^(?:to\s+)?(?:mr|mrs|miss|ms|messrs)\b\.?\s", re.I)
# The calling a priest or a religious signs with; an addressee is styled "Rev." or "Very Rev." instead.
_CALLING = re.compile(r"^\s*(?:fr|father|br|bro|brother)\.?\s+(?=[A-Z])", re.I)
_TO_NAME = re.compile(r"^to[,:]?\s+(?=[A-Z])", re.I)


def foot_signer(frame: Frame) -> Party:
    """The first whole name (two words or more) alone on one of the last lines that stands where a
    signature stands: under a closing, over an office or an addressee, or last of all. Lines under
    an addressee ("Mr J. Kelly," / "Main Street") are his address, not a signature. In a text with
    neither salutation nor closing (a note, a report), a name under another name alone is a list's."""
    framed = frame.opening is not None or frame.closing is not None
    lines = before_notes(frame.lines)
    start = max(len(lines) - SIGNER_LINES, frame.opening + 1 if frame.opening is not None else 0)
    tail = lines[start:]
    # A place and date under the signature ("Fr. Eamon Cusack" / "Ennistymon 2nd Nov. 1920.") leave it
    # last of all.
    while tail and is_date_line(tail[-1]):
        tail = tail[:-1]
    for k, line in enumerate(tail):
        # The name under a closing signs, however styled ("Yours faithfully," / "Capt. J. Kelly"), and
        # so does a cleric or religious by the calling ("Fr. Eamon Cusack", "Br. J. P. Kenny").
        under_closing = k > 0 and closing_at(tail[k - 1]) >= 0
        if _addressed(line) and not under_closing:
            break
        name = _signer_name(line, styled=under_closing or bool(_CALLING.match(plain(line))))
        if not name or (not framed and k > 0 and _signer_name(tail[k - 1], styled=False)):
            continue
        if greeted_by_first_name(frame, name):
            break  # "Dear Hugh," … "Bridie" / "Hugh McGinley": his name, as the addressee's at the foot
        over = tail[k + 1] if k + 1 < len(tail) else ""
        # A rank under the name ("R. S. Lorimer" / "Lt.-Col." / "for Major-General,") is his: the office
        # under it is read as if under the name.
        ranked = bool(over) and _rank_line(over)
        if ranked:
            over = tail[k + 2] if k + 2 < len(tail) else ""
        # The office under the name, or the office he signs for ("A. J. Hollingsworth" / "for I.G.").
        signs_for = _FOR_OFFICE.fullmatch(plain(over)) if over else None
        office_under = bool(over) and (is_office(over) or bool(signs_for and is_office(signs_for.group(1))))
        office_under = office_under and not is_sentence(over)
        # Without a frame a line opening "The …" is as likely the next paragraph as an addressee.
        over_office = office_under or (framed and bool(over) and starts_addressee(over))
        if k == len(tail) - 1 or under_closing or over_office or (ranked and k == len(tail) - 2):
            return Party(people=(Person(name),))
    return Party()


def signed_for_office(frame: Frame) -> Party:
    """The office a letter ends by signing for, under a scrawl or nothing ("[illegible]" / "for I.G."),
    when no one signs in full: a circular or a minute with neither salutation nor closing."""
    for line in before_notes(frame.lines)[-OFFICE_FOOT:]:
        m = _FOR_OFFICE.fullmatch(plain(line))
        if m and is_office(m.group(1)):
            return Party(office=spelled_out(m.group(1).strip(" ,.;")))
    return Party()


OFFICE_FOOT = 3
_FOR_OFFICE = re.compile(r"(?i:for)\s+(?:the\s+)?([A-Z][\w.' -]{1,60}),?")


def _rank_line(line: str) -> bool:
    """A line holding a rank alone: "Lt.-Col.", "Capt", "Major,"."""
    words = plain(line).strip(" ,.;:").split()
    return 0 < len(words) <= 2 and all(is_title(w) for w in words)


def _signer_name(line: str, *, styled: bool) -> str | None:
    """The whole name a line holds alone; a title before it (`styled`) only where a signature stands."""
    s = plain(line).strip()
    if not s or len(s.split()) > MAX_NAME_WORDS or is_sentence(s) or is_esquire(s):
        return None
    if starts_addressee(s) and not styled:
        return None
    name = signed_name(s) or name_and_office(s, first=True)[0]
    return name if name and len(name_words(name)) >= 2 else None


def _addressed(line: str) -> bool:
    s = plain(line).strip()
    if len(s.split()) > MAX_NAME_WORDS:
        return False
    return is_esquire(s) or (bool(ADDRESSEE_STYLE.match(s)) and signed_name(s) is not None)


def styled_addressee(frame: Frame, writers: Sequence[Person] = ()) -> Party:
    """The person a salutation names, else the first name styled as an addressee's ("Mr J. Kelly",
    "Sir T. Walsh", "J. Kelly Esq.", "To John Kelly") on a short line of the header or of the last
    lines, never one of the `writers` nor the name under a closing (a signer styled "Capt. …")."""
    if frame.opening is not None and (greeted := salutation_name(frame.lines[frame.opening])):
        return Party(people=(Person(greeted),))
    signers = {surname(p.name) for p in writers}
    for zone in (without_reply_to(frame.header), before_notes(frame.lines)[-ADDRESSEE_FOOT_LINES:]):
        for k in range(len(zone)):
            # The name under a closing signs, however styled ("Yours faithfully," / "Capt. J. Kelly").
            if k > 0 and closing_at(zone[k - 1]) >= 0:
                continue
            person = _addressee_at(zone[k:])
            if person and surname(person.name) not in signers:
                return Party(people=(person,))
    return Party()


@dataclass(frozen=True)
class Report:
    """What a report's heading says of it: "Report of Wm. Gorman, Master, to the Board of Guardians for
    the week ending 12th Feby. 1916.", "Master's Report for fortnight ending 20th March 1920."."""

    writer: Party
    addressee: Party
    date: DateMatch | None


def report_heading(frame: Frame) -> Report | None:
    """The writer, addressee and date a report's heading names, in its first lines (no salutation)."""
    if frame.opening is not None:
        return None
    head = " ".join(plain(x) for x in frame.lines[:REPORT_LINES])
    of = _REPORT_OF.search(head)
    by = _REPORT_BY.search(head) if not of else None
    if not of and not by:
        return None
    writer = Party()
    if of:
        name, office = name_and_office(of.group("who").strip(" ,."), first=True)
        person = name or signed_name(of.group("who").split(",")[0])
        if person:
            writer = Party(people=(Person(person, office),))
        elif is_office(of.group("who")):
            writer = Party(office=of.group("who").strip(" ,."))
    elif by and is_office(by.group("who")):
        writer = Party(office=by.group("who").strip())
    to = of.group("to") if of and of.group("to") else None
    if to is None and (
        line := next((x for x in frame.lines[:REPORT_LINES] if _TO_THE.match(plain(x))), None)
    ):
        to = _TO_THE.sub("", plain(line))
    to = re.sub(r"^(?i:the)\s+", "", (to or "").strip(" ,."))
    addressee = Party(organisation=to) if is_organisation(to) else Party(office=to if is_office(to) else "")
    ending = _ENDING.search(head)
    found = find_dates(head[ending.end() :]) if ending else []
    return Report(writer, addressee, found[0] if found and found[0].start < 3 else None)


REPORT_LINES = 4
# "Report of Wm. Gorman, Master, to the Board of Guardians for the week ending …"
_REPORT_OF = re.compile(
    r"\b(?i:report)\s+of\s+(?P<who>[A-Z].{2,60}?),?\s+"
    r"(?:to\s+(?P<to>the\s+.{3,80}?)(?=\s+for\b|\.\s|\.?$|;)|for\b|on\b|upon\b)"
)
# "Master's Report …", "County Inspector's Monthly Confidential Report …": an office's.
_REPORT_BY = re.compile(r"^(?P<who>[A-Z][\w ]{2,40}?)['’]s\s+(?:[\w-]+\s+){0,3}report\b", re.I)
_TO_THE = re.compile(r"^to\s+the\s+", re.I)
# The day a report runs to: "for the week ending 12th Feby. 1916", "fortnight ended 20th March".
_ENDING = re.compile(r"\b(?:week|fortnight|month|quarter|period)\s+end(?:ing|ed)\s*:?\s*", re.I)


def envelope_addressee(frame: Frame) -> Party:
    """The person an envelope kept with the letter is addressed to, as its transcriber notes it
    ("[envelope: Mr. J. Mahony, / Market Square, / Mallow.]"); the address is cut at its strokes."""
    for line in frame.lines:
        m = _ENVELOPE.match(plain(line))
        found = addressee_of([x.strip(" ,.;") for x in m.group("rest").split("/")]) if m else None
        if found and found.person:
            return Party(people=(found.person,))
    return Party()


# A transcriber's note of the envelope: "[envelope: …]", "[envelope kept with letter: "…"]", "Envelope: …".
_ENVELOPE = re.compile(r"^\W*\[?\s*envelope\b[^:\]]{0,30}:\s*[\"“']?(?P<rest>[^\]\"”]+)", re.I)


def _addressee_at(lines: Sequence[str]) -> Person | None:
    s = plain(lines[0]).strip()
    if len(s.split()) > MAX_NAME_WORDS or is_sentence(s) or opens_letter(s) or closing_at(s) >= 0:
        return None
    if styled(s):
        found = addressee_of(lines)
        return found.person if found else None
    name = signed_name(_TO_NAME.sub("", s)) if _TO_NAME.match(s) else None
    return Person(name) if name and len(name_words(name)) >= 2 else None
