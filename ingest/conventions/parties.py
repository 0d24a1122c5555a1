"""Sender and recipient of a letter, from its letterhead, address, salutation and signatures."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from index.records import Party, Person, Segment
from ingest.conventions.addressees import (
    Addressee,
    addressee_of,
    brother_greeted,
    dated_first,
    family_greeted,
    family_signer,
    from_field,
    is_intimate,
    knight_greeted,
    office_block,
    office_greeted,
    reply_to_office,
    salutation_name,
    surname_greeted,
    top_addressee,
    without_reply_to,
)
from ingest.conventions.addresses import is_contact
from ingest.conventions.dates import is_stamp
from ingest.conventions.frame import Frame
from ingest.conventions.greetings import addressee, closing_at
from ingest.conventions.markup import plain
from ingest.conventions.names import name_words, signed_name, style_name, surname
from ingest.conventions.organisations import councils_in, is_organisation, main_council, office_of, place_in
from ingest.conventions.participants import find, is_participant_list, participants
from ingest.conventions.people import person_from_lines
from ingest.conventions.roles import is_office
from ingest.conventions.signatories import Signed, is_esquire, signatories, signed_at_foot, signed_by

_DIRECTED = re.compile(r"\bI\s+am\s+directed\s+by\s+(?:the\s+)?((?:[A-Z][\w'’-]*\s+|of\s+|for\s+){1,6}?)to\b")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_FAO = re.compile(r"^(?:fao|f\.a\.o\.|for\s+the\s+attention\s+of|attn|attention)\s*:?\s*", re.I)


def sender(text: str, segments: Sequence[Segment], frame: Frame | None = None) -> Party:
    """Signatories with the organisation from the letterhead, their lines, a list, or the body."""
    found = _sender_of_segments(text, segments)
    blocks = _has_blocks(text)
    if found.people and blocks and (frame is None or _reads_as_names(found, first_names=True)):
        # Blank lines set the signatures apart: the block reader sees titles and organisations.
        return dataclasses.replace(found, people=tuple(map(_as_signed, found.people)))
    # A transcription set out in blocks whose signature the block reader misreads ("Very Sincerely
    # Yours", a first name) is read line by line, as one without blank lines.
    blocks = blocks and not found.people
    signed = _signed(frame, blocks=blocks) if frame else None
    if frame is None or signed is None or not (signed.people or signed.office):
        # Names found by blocks alone must still read as names ("Fellow & Registrar" does not).
        people = tuple(p for p in found.people if signed_name(p.name) and not is_esquire(p.name))
        if (
            frame is not None
            and not people
            and (third := _third_person(frame) or _own_address(frame) or _soldier_heading(frame))
        ):
            people = (third,)
        if frame is not None and not people and signed is not None and (kin := _family_signer(frame, signed)):
            people = (kin,)
        if frame is None:
            return found
        if not people and signed is not None and signed.organisation:
            return Party(organisation=signed.organisation)  # a firm signs in its own name
        if not people and (writing_office := _third_person_office(frame)):
            return Party(office=writing_office)
        if not people and (writing_office := reply_to_office(frame.header)):
            # A scrawl signs under "should be addressed to — The Secretary, War Office".
            return Party(office=writing_office)
        if not people and frame.opening is not None and is_intimate(frame.lines[frame.opening]):
            return Party()  # a private letter on office paper: the letterhead's office does not write it
        if not people and (memo := from_field(frame.header)):
            return _party(memo)
        return dataclasses.replace(found, people=people)
    office = signed.office or _directed_by(frame.body) or found.office
    org = found.organisation or signed.organisation or _organisation(frame.header[:4])
    return Party(people=signed.people, organisation=org, office=office)


# A letter written in the third person names its writer first: "Mr. Kelly presents his compliments to
# …", "WM Pattison wishes to lay before the notice of …".
_WRITES_OF_ITSELF = (
    r"\s+(?:presents?\s+(?:his|her|their)\s+compliments|begs?\s+to|wish(?:es)?\s+to|has\s+the\s+honou?r)\b"
)
_THIRD_PERSON = re.compile(r"^(.{3,40}?)" + _WRITES_OF_ITSELF)


def _third_person(frame: Frame) -> Person | None:
    """The writer a third-person letter names in its first sentence, when no one signs it."""
    start = frame.opening + 1 if frame.opening is not None else 0
    for k in range(start, min(start + (1 if frame.opening is not None else 8), len(frame.lines))):
        m = _THIRD_PERSON.match(" ".join(plain(x) for x in frame.lines[k : k + 2]))
        name = signed_name(m.group(1)) if m else None
        if name and len(name_words(name)) >= 2:
            return Person(name)
    return None


# An office is named at more length than a person: "The Mother Superior of St. Columba's Hospital".
# "The Secretary of the Department of Agriculture and Technical Instruction for Ireland": the office
# before its "of" must read as one.
_THIRD_PERSON_OFFICE = re.compile(r"^(.{3,100}?)" + _WRITES_OF_ITSELF)


def _third_person_office(frame: Frame) -> str | None:
    """The office a third-person letter names as its writer ("The Under Secretary presents his
    compliments to …"), when no one signs it."""
    start = frame.opening + 1 if frame.opening is not None else 0
    for k in range(start, min(start + (1 if frame.opening is not None else 8), len(frame.lines))):
        m = _THIRD_PERSON_OFFICE.match(" ".join(plain(x) for x in frame.lines[k : k + 2]))
        office = m.group(1).strip(" ,") if m else ""
        head = re.split(r"\s+of\s+", office, maxsplit=1)[0]
        if office and re.match(r"(?i:the)\s+[A-Z]", office) and (is_office(office) or is_office(head)):
            return office
    return None


# A third-person letter names whom it addresses in its first sentence: "… presents his compliments to
# the Under Secretary and …", "… wishes to lay before the notice of the Home Office some …".
_THIRD_PERSON_TO = re.compile(
    r"\b(?:presents?\s+(?:his|her|their)\s+(?:best\s+|respectful\s+)?compliments\s+to"
    r"|(?:bring|lay)\s+(?:before|under)\s+the\s+notice\s+of)\s+(.{3,60}?)(?=\s+(?:and|a|an|that|some|certain|the)\b|[,;.]|$)"
)


def _third_person_addressee(frame: Frame) -> Addressee | None:
    """Whom a third-person letter (no salutation) addresses, as its first sentence names them."""
    if frame.opening is not None:
        return None
    m = _THIRD_PERSON_TO.search(" ".join(plain(x) for x in frame.lines[:THIRD_PERSON_LINES]))
    return addressee_of([m.group(1)]) if m else None


THIRD_PERSON_LINES = 10

# A soldier signs with his first name and gives his address for the reply: "Fred. / My address is : /
# Private A.G. Crampton. / 88th Coronation Fusiliers".
_MY_ADDRESS = re.compile(r"^(?:my\s+(?:address|full\s+address)\s+is|address)\s*[:;,.-]*\s*", re.I)


def _own_address(frame: Frame) -> Person | None:
    """The writer named by the address a letter asks the reply to go to, when no one signs in full."""
    lines = frame.foot or frame.lines[-FOOT_LINES:]
    for k, line in enumerate(lines):
        m = _MY_ADDRESS.match(plain(line))
        if not m:
            continue
        rest = plain(line)[m.end() :].strip()
        candidates = [rest] if rest else list(lines[k + 1 : k + 2])
        for candidate in candidates:
            name = signed_name(candidate.split(",")[0])
            if name and len(name_words(name)) >= 2:
                return Person(name)
    return None


# A soldier heads his letter with his number, rank and name for the reply ("No 4471 Pte J. Cassidy" /
# "C Coy 2nd Batt …") and signs with his first name ("Jack").
_RANKED = re.compile(
    r"^(?:no\.?\s*)?(?:\d{2,7}\s+)?(?:pte|private|cpl|corporal|l/cpl|sgt|sergt|sergeant|gunner|gnr|rfn|rifleman"
    r"|spr|sapper|dvr|driver|trooper|tpr|bombardier|bdr)\b\.?\s+(?=[A-Z])",
    re.I,
)
SOLDIER_HEADING_LINES = 3


def _soldier_heading(frame: Frame) -> Person | None:
    """The writer a soldier's heading names, when he signs with a first name of the same initial."""
    after = [x for x in (frame.after_closing, *frame.foot) if x and plain(x).strip(" .,")]
    signed = plain(after[0]).strip(" .,!") if frame.closing is not None and after else ""
    if not re.fullmatch(r"[A-Z][a-z'’]{1,12}", signed):
        return None
    for line in frame.header[:SOLDIER_HEADING_LINES]:
        m = _RANKED.match(plain(line))
        name = signed_name(plain(line)[m.end() :]) if m else None
        if name and len(name_words(name)) >= 2 and name_words(name)[0][:1] == signed[:1]:
            return Person(name)
    return None


def _signed(frame: Frame, *, blocks: bool) -> Signed:
    """The signature after the closing; with no closing, a name alone near the end of a transcription
    (a typed letter with blank lines that has no closing has no signature either)."""
    signed = signed_by(frame) if frame.closing is not None else Signed((), "", "", ())
    # A "closing" with most of the letter under it is the body's words ("… back to Ireland! Believe
    # me I was delighted …"): the name at the foot signs, blank lines or none.
    misread = frame.closing is not None and len(frame.lines) - frame.closing > MISREAD_CLOSING_LINES
    if signed.people or signed.office or signed.organisation or signed.addressee:
        return signed
    foot = signed_at_foot(frame)
    if blocks and not misread:
        # Unless a name over its office, then the addressee block, ends it: a police report ("J. A.
        # Hemsworth / D.I." / "The County Inspector, / Nenagh.") has no closing, typed or not.
        titled = len(foot.people) == 1 and foot.people[0].title and foot.addressee
        return foot if titled else signed
    return foot


# Lines under a closing phrase past which it is no closing but the body's words.
MISREAD_CLOSING_LINES = 15


def _as_signed(person: Person) -> Person:
    """`person` named as a signature reads the name, when that differs in more than honorifics and
    known post-nominals ("Cllr Mary O'Neill OBE" stays): letters the reader does not know after it
    dropped ("P. J. Nolan FRCSI", "M.O'Brien C.C." → "M. O'Brien")."""
    name = signed_name(person.name)
    if name is None or name_words(name) == name_words(person.name):
        return person
    return dataclasses.replace(person, name=name)


def _reads_as_names(party: Party, *, first_names: bool) -> bool:
    """Every person the block reader found reads as a person's name: no closing phrase, no stamp, no
    place, and (unless `first_names`, as an email's signer may be) no first name alone ("Very
    Sincerely Yours", "I Ack.", "Lord Edward St.", "Derrylea, Roscrea"; "Mickie", "MrsFitzharris"), and
    (unless `first_names`) reads as a signature's name ("Hon Sec., P. J. Nolan", an office and a name,
    does not: the lines are read one by one)."""
    return all(
        closing_at(p.name) < 0
        and not is_stamp(p.name)
        and not _STREET.search(p.name)
        and not _PLACE_PAIR.fullmatch(p.name)
        and (first_names or len(p.name.split()) >= 2)
        and (first_names or signed_name(p.name) is not None)
        for p in party.people
    )


# Narrower than `addresses.is_postal`, whose street words include surnames ("Tom Green", "Hall").
_STREET = re.compile(r"\b(?:st|street|road|rd|avenue|terrace|square|place|lane|quay)\.?$", re.I)
_PLACE_PAIR = re.compile(r"[A-Z][a-z]+,\s*[A-Z][a-z]+\.?")  # "Derrylea, Roscrea": a house and its town


def _has_blocks(text: str) -> bool:
    """Blank lines part the letter into blocks (typed letters); transcriptions often have none."""
    return bool(_BLANK_LINE.search(text.strip()))


def _directed_by(body: Sequence[str]) -> str:
    """The office a signer writes for: "I am directed by the Secretary of State to …"."""
    m = _DIRECTED.search(" ".join(body))
    return m.group(1).strip() if m else ""


def _sender_of_segments(text: str, segments: Sequence[Segment]) -> Party:
    signed = signatories(text, segments)
    letterhead = _lines(text, segments, "letterhead")
    office = next((o for o in map(office_of, letterhead) if o), "")
    listed = participants(text, segments)
    people = [_with_listed_org(p, listed) for p in signed.people]
    org = (
        _organisation(letterhead)
        or next((p.organisation for p in signed.people if p.organisation), "")
        or (signed.organisations[0] if signed.organisations else "")
        or next((c for p in people for c in councils_in(p.title)), "")
        or next((p.organisation for p in people if p.organisation), "")
        or _council_of_the_body(text, segments, people, letterhead)
    )
    return Party(people=tuple(people), organisation=org, office=office)


def recipient(text: str, segments: Sequence[Segment], frame: Frame | None = None) -> Party:
    """The addressed person and organisation, checked against the salutation and attendee lists."""
    found = _recipient_of_segments(text, segments)
    if frame is not None and _letterhead(frame, found.people[0].name if found.people else found.organisation):
        found = Party()  # the writer's letterhead, read as an address block
    if frame is not None and frame.opening is None and (foot := _to_at_foot(frame)):
        return _party(foot)  # a resolution or report sent on: "To" / "The Right Hon. the Chief Secretary …"
    blocks = _has_blocks(text)
    if frame is None or (found.people and blocks and _reads_as_names(found, first_names=False)):
        return found
    if found.people and blocks and _reads_as_names(found, first_names=True):
        # "Hi Tom,": a first name alone, unless the lines say more ("Dear Mickie" … "Your loving
        # sister / Nora Garrigan" greets Mickie Garrigan).
        by_lines = _recipient_of_frame(text, frame, found, blocks=False)
        return by_lines if by_lines.people else found
    return _recipient_of_frame(text, frame, found, blocks=blocks and not found.people)


def _recipient_of_frame(text: str, frame: Frame, found: Party, *, blocks: bool) -> Party:
    """The recipient read line by line: addressee blocks at the top or foot, the salutation, kin."""
    signed = _signed(frame, blocks=blocks)
    writers = [*signed.people, *filter(None, [_own_address(frame)])]
    # The signer's own name and address ("My address is: Pte M. Farrell, …"), or a report's signature
    # read as the top of a letter that has no salutation, is no addressee block.
    candidates = (top_addressee(frame.header), addressee_of(signed.addressee))
    if dated_first(frame.header):
        candidates = candidates[::-1]  # the foot's block before lines that may be the writer's letterhead
    block = next((b for b in candidates if b and not _writes(b, writers)), None)
    greeting = salutation_name(frame.lines[frame.opening]) if frame.opening is not None else None
    if greeting is None and frame.opening is not None and frame.closing is not None:
        greeting = surname_greeted(frame.lines[frame.opening], _formal_closing(frame))
    elif greeting is None and frame.opening is not None and _signs_with_surname(signed):
        greeting = surname_greeted(frame.lines[frame.opening], None)  # no closing phrase
    if greeting is None and frame.opening is not None:
        greeting = knight_greeted(frame.lines[frame.opening], text)
    if frame.opening is not None and frame.closing is not None and len(signed.people) == 1:
        salutation, closing = frame.lines[frame.opening], _formal_closing(frame)
        greeting = brother_greeted(salutation, closing, signed.people[0].name) or greeting
    if block and block.person and greeting and surname(block.person.name) != surname(greeting):
        block = None  # "Dear Mr Lally" knows better than a line that only looked like a name
    if block and block.person:
        return _party(block)
    if greeting:
        return Party(people=(Person(greeting),), organisation=block.organisation if block else "")
    if block:
        return _party(block)
    # A third-person letter names whom it addresses in its first sentence, letterhead or not.
    if not found.people and (third := _third_person_addressee(frame)):
        return _party(third)
    if blocks:
        return found
    # Without blocks the address reader cannot tell the sender's letterhead from the addressee's
    # address: only a person it names that reads as a name is kept.
    people = tuple(p for p in found.people if signed_name(p.name))
    if people:
        return Party(people=people)
    family = _family_greeted(frame, signed)
    if family:
        return Party(people=(Person(family),))
    foot = _esquire_at_foot(frame)
    if foot and foot.person:
        return _party(foot)
    block = _office_block(frame)
    if block:
        return _party(block)
    office = office_greeted(frame.lines[frame.opening]) if frame.opening is not None else None
    return Party(office=office) if office else Party()


def _to_at_foot(frame: Frame) -> Addressee | None:
    """The block a letter with no salutation ends with, opened by "To" ("To" / "The Right Hon. the Chief
    Secretary for Ireland," / "Dublin Castle."): whom a copied resolution or a report is sent to."""
    lines = frame.lines[-TO_FOOT_LINES:]
    k = next((k for k in range(len(lines) - 1, -1, -1) if _TO_LINE.match(plain(lines[k]))), None)
    return addressee_of(lines[k:]) if k is not None else None


TO_FOOT_LINES = 4
_TO_LINE = re.compile(r"^to\b(?:\s*[,:.]?\s*$|\s+(?:the|his|her|mr|mrs|miss|sir)\b)", re.I)


def _letterhead(frame: Frame, name: str) -> bool:
    """Whether `name` (a body's, or what read as a person's) is printed at the head of the letter, in
    capitals above its date line ("IRISH AGRICULTURAL ORGANISATION SOCIETY, LTD." / "THE PLUNKETT HOUSE
    …" / "Sept 19/19", "MILLTOWN PARK," / "DUBLIN." / "9th June, 1921."): the writer's letterhead, not
    the addressee's block."""
    first = plain(frame.header[0]).strip(" ,.") if frame.header else ""
    dated = any(dated_first(frame.header[k:]) for k in range(1, min(len(frame.header), LETTERHEAD_LINES + 1)))
    return bool(name) and first.isupper() and name.strip(" ,.").upper() in first and dated


LETTERHEAD_LINES = 4


def _signs_with_surname(signed: Signed) -> bool:
    """One signer, who writes a surname ("J. Smith", "John Smith"), not a first name alone."""
    return len(signed.people) == 1 and len(name_words(signed.people[0].name)) >= 2


def _writes(block: Addressee, writers: Sequence[Person]) -> bool:
    if block.person is None:
        return False
    name = _initial_and_surname(block.person.name)
    return any(name == _initial_and_surname(p.name) for p in writers)


def _party(addressee: Addressee) -> Party:
    """The party an addressee block names: its person (whose block has no office) or its office."""
    people = (addressee.person,) if addressee.person else ()
    return Party(people=people, organisation=addressee.organisation, office=addressee.office)


def _family_greeted(frame: Frame, signed: Signed) -> str | None:
    if frame.opening is None or frame.closing is None or len(signed.people) != 1:
        return None
    return family_greeted(frame.lines[frame.opening], _formal_closing(frame), signed.people[0].name)


_PAGE_NUMBER = re.compile(r"\W*\d{1,3}\W*")


def _family_signer(frame: Frame, signed: Signed) -> Person | None:
    """A son, husband or wife who signs a first name, named with the surname of the one written to."""
    if frame.closing is None:
        return None
    lines = [
        x
        for x in (frame.after_closing, *frame.foot)
        if x and not _PAGE_NUMBER.fullmatch(plain(x)) and not is_stamp(x)
    ]
    if not lines:
        return None
    block = addressee_of(signed.addressee) or addressee_of(lines[1:]) or top_addressee(frame.header)
    addressed = block.person.name if block and block.person else ""
    if not addressed and frame.opening is not None:
        addressed = salutation_name(frame.lines[frame.opening]) or ""
    name = family_signer(lines[0], _formal_closing(frame), addressed) if addressed else None
    return Person(name) if name else None


def _formal_closing(frame: Frame) -> str:
    """The closing's last line: "Believe me, / Yours very sincerely," closes as "Yours very sincerely"."""
    assert frame.closing is not None
    k = frame.closing
    while k + 1 < min(len(frame.lines), frame.closing + 3) and closing_at(frame.lines[k + 1]) >= 0:
        k += 1
    return frame.lines[k]


def _esquire_at_foot(frame: Frame) -> Addressee | None:
    """ "John Dinneen Esq. M.P." on one of the last lines, read as the addressee block it opens, when
    nothing else names the addressee: no one signs himself Esquire."""
    tail = frame.lines[-FOOT_LINES:]
    for k, line in enumerate(tail):
        if is_esquire(line) and signed_name(line):
            return addressee_of(tail[k:])
    return None


FOOT_LINES = 8

# An office's block on a letter's last lines, under office notes that ended the signature's reading
# ("… JM 18/4/16 / The Attorney General / Dublin Castle."), or on the lines above the salutation
# ("(Confidential)" / "The Under Secretary," / "Dublin Castle." / "Sir,"). letters-1916 dev: +4
# offices, all right (the truth knows only the person: unjudged).
END_BLOCK_LINES = 4


def _office_block(frame: Frame) -> Addressee | None:
    end = office_block(frame.foot[-END_BLOCK_LINES:]) if frame.closing is not None else None
    header = without_reply_to(frame.header)
    top = office_block(header[-END_BLOCK_LINES:]) if frame.opening is not None else None
    return end or top


def _recipient_of_segments(text: str, segments: Sequence[Segment]) -> Party:
    lines = [_FAO.sub("", x) for x in _lines(text, segments, "address")]
    person, orgs = person_from_lines(lines)
    org = orgs[0] if orgs else ""
    greeting = next((addressee(x) for x in _lines(text, segments, "salutation")), None)
    if greeting and person and not _same_person(person.name, greeting):
        person = None  # the salutation knows better than an address line that only looked like a name
    if greeting and not person:
        match = find(participants(text, segments), greeting)
        person = Person(match[0], organisation=match[1]) if match else Person(style_name(greeting))
    if person and not org:
        org = person.organisation
    return Party(people=(person,) if person else (), organisation=org)


def _lines(text: str, segments: Sequence[Segment], kind: str) -> list[str]:
    """Lines of the segments of `kind`; attendee lists are not postal addresses."""
    out: list[str] = []
    for seg in segments:
        lines = [x.strip() for x in text[seg.start : seg.end].split("\n") if x.strip()]
        if seg.kind == kind and not (kind == "address" and is_participant_list(lines[0])):
            out += lines
    return out


def _organisation(lines: Sequence[str]) -> str:
    """The organisation a letterhead names, a council first."""
    found = [x.strip(" ,.") for x in lines if is_organisation(x) and not is_contact(x)]
    councils = [c for x in found for c in councils_in(x)]
    return councils[0] if councils else (found[0] if found else "")


def _with_listed_org(person: Person, listed: Sequence[tuple[str, str]]) -> Person:
    """An attendee list naming "Graham Archer (DfE)" gives the signatory's organisation."""
    if person.organisation:
        return person
    match = find(listed, person.name)
    return dataclasses.replace(person, organisation=match[1]) if match else person


def _council_of_the_body(
    text: str, segments: Sequence[Segment], people: Sequence[Person], letterhead: Sequence[str]
) -> str:
    """The council the letter names most, when the sender is plainly writing for a council."""
    body = " ".join(text[s.start : s.end] for s in segments if s.kind in ("body", "list"))
    council = main_council(body or text, " ".join(letterhead))
    if not council:
        return ""
    head = " ".join(letterhead)
    councillor = any(p.name.startswith("Cllr") or "Council" in p.title for p in people)
    ours = bool(re.search(r"\b(?:our|my)\s+Council\b", body))
    hall = re.search(r"\b(?:Civic|Town|County|City|Guild)\s*hall\b", head, re.I)
    town_hall = bool(hall) and place_in(council, head)
    return council if councillor or ours or town_hall else ""


def _same_person(name: str, greeting: str) -> bool:
    """The greeting fits the name: "Ms Primarolo" greets "Rt Hon Dawn Primarolo MP"."""
    return {w.lower() for w in name_words(greeting)} <= {w.lower() for w in name_words(name)}


def _initial_and_surname(name: str) -> tuple[str, str]:
    """ "Pte Matthew J. Fennelly" and "M. Fennelly" → ("m", "fennelly"); a son and father differ in it."""
    words = name_words(name)
    return (words[0][:1].lower() if len(words) > 1 else "", surname(name))
