"""Who signed: the people (and organisation lines) in the blocks after "Yours sincerely"."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.records import Person, Segment
from ingest.conventions.addressees import HIS_STYLE
from ingest.conventions.addresses import is_contact
from ingest.conventions.dates import find_dates, is_stamp
from ingest.conventions.frame import Frame
from ingest.conventions.greetings import closing_at, is_valediction, opens_letter
from ingest.conventions.markup import plain
from ingest.conventions.names import (
    HONORIFICS,
    IRISH_TO,
    PER_PRO,
    is_given_name,
    is_name_line,
    is_pet_form,
    is_title,
    name_words,
    signed_name,
    surname,
)
from ingest.conventions.organisations import is_organisation
from ingest.conventions.people import describe, person_from_lines
from ingest.conventions.roles import SHORT_OFFICES, is_office, is_role

# Copy lists, enclosures, postscripts and a forwarded or quoted message end the signatures.
_AFTER = re.compile(
    r"^(?:(?:cc|bcc|copy\s+to|copies\s+to|enc|encs|encl|enclosures?|attachments?|p\.?s|annex|from|sent)\b"
    r"|-{2,}|_{3,}|={3,}|>|forwarded\b|original\s+message\b)",
    re.I,
)
# Placeholders and "signed on behalf" lines that stand where a signature was.
_SKIP = re.compile(
    r"^(?:\[.*\]|\(signed\)|signed|signature|sent\s+from\s+my\b.*|p\.?\s?p\.?|on\s+behalf\s+of\b.*)$", re.I
)


# A copy's mark before the name it stands for: "(Sgd) J. Walsh", "(Signed) P. Nolan", "Sd. T. Kelly".
_SIGNED_MARK = re.compile(r"^\(?(?:signed|sgd|sd)\.?\)?:?\s+(?=\S)", re.I)


@dataclass(frozen=True)
class Signatories:
    people: tuple[Person, ...]
    organisations: tuple[str, ...]  # organisation lines, including those under no name


def signatories(text: str, segments: Sequence[Segment]) -> Signatories:
    """Each signatory block after the valediction read as a person; no name, no person."""
    people: list[Person] = []
    orgs: list[str] = []
    for group in _groups(text, [s for s in segments if s.kind == "sign-off"]):
        for lines in _people_lines(group):
            person, found = person_from_lines(lines, single_word=True)
            orgs += found
            if person:
                _add(people, person)
            elif people and not people[-1].title and lines and is_role(lines[0]):
                # The title set apart from the name by a blank line ("GRAHAM ARCHER", blank, "Deputy …").
                people[-1] = _titled(people[-1], lines)
    return Signatories(tuple(people), tuple(orgs))


def _groups(text: str, segments: Sequence[Segment]) -> list[list[str]]:
    """Lines of each sign-off block, from just after the valediction to the first copy list."""
    groups: list[list[str]] = []
    for seg in segments:
        lines = [x for x in (plain(raw) for raw in text[seg.start : seg.end].split("\n")) if x]
        if not groups:
            valediction = next((k for k, x in enumerate(lines) if is_valediction(x)), -1)
            lines = lines[valediction + 1 :]
        group: list[str] = []
        for line in (_SIGNED_MARK.sub("", x) or x for x in lines):
            if _AFTER.match(line):
                groups.append(group)
                return groups
            if not _SKIP.match(line):
                group.append(line)
        groups.append(group)
    return groups


def _people_lines(group: Sequence[str]) -> list[list[str]]:
    """A block cut before each further name that carries an honorific ("Cllr …")."""
    out: list[list[str]] = []
    for line in group:
        titled = line.split()[0].lower().rstrip(".") in HONORIFICS
        if out and titled and is_name_line(line):
            out.append([line])
        elif out:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def _titled(person: Person, lines: Sequence[str]) -> Person:
    """`person` with the title (and organisation) given by lines that name no one."""
    title, found = describe(lines)
    organisation = person.organisation or (found[0] if found else "")
    return dataclasses.replace(person, title=title, organisation=organisation)


def _add(people: list[Person], person: Person) -> None:
    """Adds `person`, letting "Jane Smith" (with title) replace an earlier bare "Jane"."""
    words = [w.lower() for w in name_words(person.name)]
    for k, known in enumerate(people):
        known_words = [w.lower() for w in name_words(known.name)]
        if known_words and words[: len(known_words)] == known_words:
            people[k] = person if len(words) >= len(known_words) else known
            return
    people.append(person)


@dataclass(frozen=True)
class Signed:
    """Who signs below a letter's closing phrase, and the addressee block under them (if any)."""

    people: tuple[Person, ...]
    office: str
    organisation: str
    addressee: tuple[str, ...]  # lines of an addressee block at the foot ("The Under Secretary,", …)


# Lines that carry on the closing phrase ("Sir,", "&c.") or stand for a signature ("(Signed)"), and
# a page's "Over", "P.T.O." or number ("2", "-3-") left between the closing and the name.
_CARRY_ON = re.compile(
    r"^(?:&c\.?,?\s*)+$|^\(?(?:signed|sgd)\.?\)?$|^[-—–_.,' ]*$|^\(?(?:over|turn\s+over|p\.\s?t\.\s?o)\W*$"
    r"|^[-—–(\[]?\s?\d{1,2}\s?[-—–)\]]?\.?$",
    re.I,
)
# The last word of a closing broken over two lines, with the name run on after it: "I remain Sir
# your humble" / "servant Honoria Barry", "Yours" / "faithfully J. Kelly".
_CLOSING_TAIL = re.compile(
    r"^(?:(?:humble|obedient|obedt|obt)\.?\s+)?servants?\b[.,]?\s*"
    r"|^(?:faithfully|truly|sincerely|respectfully|obediently)\b[.,]?\s*(?=[A-Z]|$)",
    re.I,
)
# The addressee block at the foot opens with "To", "The …" or a name with "Esq.".
_TO = re.compile(rf"^(?:to\b[\s,./:]*|{IRISH_TO}\s+|the\s+)", re.I)
MAX_SIGNATURE_LINES = 8
# A stamp however its words read: "[stamp:] …", "PASSED H.M.P. LEWES" (a prison's censor).
_STAMPED = re.compile(r"^\W*(?:\[\s*(?i:stamp)\b|PASSED\b)")
# A transcriber's note of three words or more on a line of its own ("[struck through by censor: two
# lines illegible]"): no scrawl, name or office of the signer's (a short "[illegible]" stands for one).
_NOTE = re.compile(r"\s*\[[^\]\s]+(?:\s+[^\]\s]+){2,}\]\s*")
# Whoever wrote a letter down for its sender, in brackets under the signature: "(per M. Graham, Sister)",
# "(written by Nurse Kelly)".
_WRITTEN_FOR = re.compile(r"\(\s*(?i:per|written\s+by|dictated\s+to)\s+[^)]{2,60}\)")
_FIRST_NAME_ONLY = re.compile(r"[A-Z][a-z'’]{2,}[.,!]*")


def signed_by(frame: Frame) -> Signed:
    """The signers (name, then title lines), or the office that signs, and the addressee block after them."""
    signed = _signed_by(frame)
    if frame.closing is None or signed.office or signed.organisation or len(signed.people) > 1:
        return signed
    lines = [
        x for x in (frame.after_closing, *frame.foot) if x and not is_stamp(x) and not _CARRY_ON.match(x)
    ]
    signature = signed.people[0].name if signed.people else (lines[0] if lines else "")
    full = _named_in_service(frame, signature)
    return dataclasses.replace(signed, people=(Person(full),)) if full else signed


# A soldier's or prisoner's name after his rank or a form's "Name", anywhere on a line: the service
# address under a first-name signature ("P.S. my address is No. 4721 Pte. M. Cullinane, …"), the head
# of a letter from the front ("No. 17741 Cpl. J. J. Madigan"), a prison form's "Name W. Tierney".
_RANKED_NAME = re.compile(
    r"\b(?:(?i:pte|private|cpl|corpl|corporal|sergt|sgt|sergeant|gunner|gnr|rfn|rifleman|spr|sapper|dvr"
    r"|driver|trooper|tpr|bdr|bombardier)\.?|(?i:l|lce|lance)\s?/\s?(?i:cpl|corpl|sgt|sergt)\.?|Name\s*[:.-]?)"
    r"\s+(?P<name>(?:[A-Z](?:\.\s?|\s)){1,3}[A-Z][A-Za-z'’-]*[a-z]|[A-Z][a-z]+\s+(?:[A-Z]\.\s?)?[A-Z][A-Za-z'’-]*[a-z])"
)


# First names whose written initial is another letter's: Irish forms ("Liam" for William, "Seán" for
# John) and the pet forms of the time ("Ned" for Edward, "Bob" for Robert, "Nell" for Ellen or Helen).
_INITIALS_OF = {
    "liam": "LW", "sean": "SJ", "seán": "SJ", "séamus": "SJ", "seamus": "SJ", "shamus": "SJ", "jack": "J",
    "ned": "NE", "ted": "TE", "bob": "BR", "dick": "DR", "bill": "BW", "billy": "BW", "harry": "H",
    "peg": "PM", "peggy": "PM", "polly": "PM", "molly": "M", "nell": "NEH", "nellie": "NEH", "tadhg": "T",
    "eamon": "E", "éamon": "E", "peadar": "P", "pádraig": "P", "padraig": "P", "con": "C",
}  # fmt: skip


def _named_in_service(frame: Frame, signature: str) -> str | None:
    """The one name with a rank (or a prison form's "Name") in a letter signed with first names alone
    ("Mick", "John Joe"), whose initials are those of the first names; else None."""
    given = plain(signature).strip(" ,.!").split()
    if not 1 <= len(given) <= 2 or not all(_FIRST_NAME_ONLY.fullmatch(w) for w in given):
        return None
    found = set()
    ranked = [
        signed_name(m.group("name")) for line in frame.lines for m in _RANKED_NAME.finditer(plain(line))
    ]
    for name in [*ranked, _head_name(frame)]:
        words = [w for w in name_words(name) if not _CALLING.fullmatch(w)] if name else []
        if words:
            if words[-1].lower() == given[-1].lower():
                return None  # "Con Gavigan" / "Pte. C. Gavigan": he signed his surname
            if len(words) > len(given) and all(
                w[:1].upper() in _INITIALS_OF.get(g.lower(), g[:1].upper())
                for w, g in zip(words, given, strict=False)
            ):
                found.add(" ".join(words))
    return found.pop() if len(found) == 1 else None


def _head_name(frame: Frame) -> str | None:
    """The name heading a letter as its writer's return address ("J. Donnelan  No. 412" / "Hut 7 South
    Camp", "Nurse A. Geoghegan" / "St. Thomas's Hospital"): the first line of the header, when it is a
    name and the salutation is not to that name."""
    if not frame.opening:
        return None
    first = next((x for x in frame.header if x.strip() and not is_stamp(x) and not _STAMPED.match(x)), "")
    name = signed_name(first)
    salutation = plain(frame.lines[frame.opening])
    return name if name and surname(name) not in salutation.lower() else None


# A calling written before the name at the head of a letter: a nurse's, a religious brother's or sister's.
_CALLING = re.compile(r"(?i:nurse|sister|sr|brother|br|bro)\.?")


def _signed_by(frame: Frame) -> Signed:
    lines = [y for x in (frame.after_closing, *frame.foot) if x for y in _unjoined(x)]
    people: list[Person] = []
    office = organisation = ""
    unknown = 0  # lines read as neither name, office nor organisation since the last signer
    seen = 0  # lines of the signature read so far (an unreadable scrawl counts)
    firm = ""  # a firm that signs in its own name, no partner's under it
    closing = frame.lines[frame.closing] if frame.closing is not None and frame.closing >= 0 else ""
    for k, line in enumerate(lines[:MAX_SIGNATURE_LINES]):
        if (is_stamp(line) and not signed_name(line)) or _STAMPED.match(line) or _NOTE.fullmatch(plain(line)):
            continue  # "PASSED BY CENSOR", "Registered 5 JUN 1916": stamped on the page, signed by no one
        if _WRITTEN_FOR.fullmatch(plain(line)):
            continue  # "(per M. Graham, Sister)": the nurse who wrote it for him, no signer
        if closing_at(line) >= 0 and not people:
            # "Believe me / Yours sincerely / Glenarden": the last closing line is the formal one.
            closing = line
        tail = _CLOSING_TAIL.match(plain(line)) if not people and not office else None
        if tail or _CARRY_ON.match(line) or opens_letter(line) or (closing_at(line) >= 0 and not people):
            at = tail.end() if tail else closing_at(line)
            rest = plain(line)[at:].strip(" ,.") if at >= 0 else ""
            if rest and (name := signed_name(rest)):
                people.append(Person(name))
            continue
        # "Yours truly / The Governor / Richmond Barracks": with no one signed yet, "The" + an office
        # opens the addressee block (an office signs without "The": "Clerk of Union.").
        the_office = not people and not office and _THE.match(plain(line)) and is_office(line)
        addressed = ((people or office or firm) and starts_addressee(line)) or the_office
        in_full = k > 0 and _signed_in_full(lines[k - 1], line)
        if addressed or (seen and _titled_addressee(line) and not in_full) or is_esquire(line):
            return Signed(tuple(people), office, organisation, tuple(lines[k:]))
        # The closing's own words ("… in Xth") are no scrawl; a first name after it ("Your Loving Son
        # Sammie") is a signature, so a titled name under it is the addressee's.
        seen += not (k == 0 and frame.after_closing) or bool(_FIRST_NAME_ONLY.fullmatch(plain(line)))
        on_behalf = _FOR.match(plain(line))
        if on_behalf:
            # "for Provost Marshal.", "for / Brig.Genl.": the signer signs for an office.
            role = plain(line)[on_behalf.end() :].strip(" ,.;:")
            if not office and not people and is_office(role):
                office = role
            continue
        line = _PER_PRO.sub(
            "", _undated(_name_column(line))
        )  # "p.p. Hegarty & Considine": the firm signs, by a clerk
        firm_line = (_FIRM.fullmatch(plain(line)) or _letterhead_firm(frame, line)) and not is_office(line)
        firm_line = firm_line and not is_role(line)
        # Under a formal closing, and of surnames: "Tom & Mary", "Mr & Mrs Quill" sign a family's letter.
        firm_line = firm_line and not _KIN_CLOSING.search(closing) and not _given_or_titled(plain(line))
        if not people and not office and not organisation and firm_line:
            organisation = firm = plain(line).strip(" ,.;:")  # "Corkery & Dalton": the firm signs
            continue
        pair = _two_signers(line)
        if pair and unknown == 0:
            people += pair  # "John Walsh and Patrick Byrne": two sign on one line
            continue
        # The office or rank on the name's line first ("W. J. Dwyer, Sergt."): the name alone drops it.
        name, title = name_and_office(line, first=not people)
        if not name:
            name, title = signed_name(line), ""
        first = seen == 1 or (k == 0 and bool(frame.after_closing))  # "Yours sincerely Gowran" too
        if not name and not people and not office and first and frame.closing is not None:
            name = _peer_signature(line, closing)
        if name and people == [] and seen > 1 and greeted_by_first_name(frame, name):
            # "Dear Hugh," … "Bridie" / "Hugh McGinley": the name under a first name is the one greeted.
            return Signed((), office, organisation, tuple(lines[k:]))
        if name and unknown == 0:
            people.append(Person(name, title))
        elif is_office(line) and not is_contact(line):
            role = line.strip(" ,.;:")
            if people and people[-1].title and _office_then_town(lines[k:]):
                # "James Ryan / Head Constable / District Inspector, / Naas.": the signer has his
                # rank; a second office with its town under it is the one written to.
                return Signed(tuple(people), office, organisation, tuple(lines[k:]))
            if people and not people[-1].title:
                people[-1] = dataclasses.replace(people[-1], title=role)
            elif not people and not office:
                office = role
            elif not organisation and is_organisation(line):
                organisation = role
        elif is_organisation(line) and not organisation and (people or office):
            organisation = line.strip(" ,.;:")
        elif people or office:
            # A short line under the signature ("Bp of Ossory", "APM", a date) may still be
            # followed by the addressee block; a third such line, or prose, ends the search.
            unknown += 1
            if unknown > MAX_UNKNOWN_LINES or len(line.split()) > MAX_UNKNOWN_WORDS:
                break
    return Signed(tuple(people), office, organisation, ())


def _name_column(line: str) -> str:
    """A signer's name when the transcriber kept the page's columns ("Richard Bourke J.P.     Kilteely
    House", "Wm. Heffernan           Farmer, Ballyneety"): the name, not his address or calling."""
    left = _COLUMNS.split(line.strip(), maxsplit=1)
    return left[0] if len(left) > 1 and signed_name(left[0]) else line


# A gap of three spaces or more inside a line: the page's columns, kept by the transcriber.
_COLUMNS = re.compile(r"(?<=\S)[ \t]{3,}(?=\S)")


def greeted_by_first_name(frame: Frame, name: str) -> bool:
    """Whether the salutation greets `name` by the first name alone ("Dear Hugh," for Hugh McGinley)."""
    words = name_words(name)
    if frame.opening is None or len(words) < 2 or len(words[0].strip(".")) < 2:
        return False
    greeting = [w.strip(",.!:;").lower() for w in plain(frame.lines[frame.opening]).split()]
    return words[0].lower() in greeting and words[-1].lower() not in greeting


def _office_then_town(lines: Sequence[str]) -> bool:
    """An office line ending in a comma, then a town alone ending the letter ("Naas."), or a date."""
    if len(lines) < 2 or not plain(lines[0]).endswith(",") or not all(find_dates(x) for x in lines[2:]):
        return False
    town = plain(lines[1]).strip(" .")
    return bool(re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?", town)) and not is_office(town)


# A transcription may run the signature and the addressee block into one line: "Barry C. Garvan &
# Son. The Under Secretary".
_JOINED_ADDRESSEE = re.compile(r"(?<=[a-z]{2}[.,])\s+(?=(?:The|To)\s+[A-Z])")


def _unjoined(line: str) -> list[str]:
    """`line`, split where an addressee block ("The Under Secretary") starts inside it."""
    parts = _JOINED_ADDRESSEE.split(line)
    return parts if len(parts) > 1 and signed_name(parts[0]) else [line]


MAX_UNKNOWN_LINES = 2


def _undated(line: str) -> str:
    """A signature line without the date written after the name ("P. Kinsella 14/3/16")."""
    s = plain(line)
    dated = find_dates(s)
    if dated and dated[-1].start > 0 and dated[-1].end >= len(s.rstrip(" .,")):
        return s[: dated[-1].start].rstrip(" ,.;—–-") or line
    return line


# A firm signs with its partners' surnames ("Corkery & Dalton", "Lynch and Powell, Solicitors", "Boyd &
# Co., Ltd."), a word each: "John Walsh and Patrick Byrne" are two signers.
_FIRM = re.compile(
    r"(?:Messrs\.?\s+)?[A-Z][\w'’-]+(?:,\s*[A-Z][\w'’-]+)*\s+(?:&|and)\s+(?:[A-Z][\w'’-]+|Co\b\.?|Sons?\b)"
    r"(?:,?\s*(?:Ltd|Limited|Solicitors)\b\.?)?[.,]?"
)


def _letterhead_firm(frame: Frame, line: str) -> bool:
    """The firm's name as its letterhead prints it, signed without the commas: "Galvin Sheehy & Galvin"
    under "GALVIN, SHEEHY & GALVIN,"."""
    words = re.findall(r"[a-z'’&]+", plain(line).lower())
    return len(words) >= 3 and any(
        _FIRM.fullmatch(plain(x)) and re.findall(r"[a-z'’&]+", plain(x).lower()) == words
        for x in frame.header
    )


_KIN_CLOSING = re.compile(
    r"\b(?:lov\w*|affec\w*|fond\w*|son|daughter|brother|sister|father|mother|husband|wife|friend)\b", re.I
)


def _given_or_titled(line: str) -> bool:
    """A word of the line is a title or a given name ("Mr & Mrs Quill", "Tom & Mary", "Patrick and James")."""
    words = [w.strip(",.") for w in re.split(r"\s+(?:and|&)\s+|\s+", line)]
    words = [w for w in words if w and w.lower() not in _FIRM_WORDS]
    # A pet form by its "-ie" ("Nellie"): "-y" ends surnames too ("Corkery & Daly").
    return any(
        is_title(w) or is_given_name(w) or len(w) <= 3 or (is_pet_form(w) and w.endswith("ie")) for w in words
    )


_FIRM_WORDS = {"messrs", "co", "son", "sons", "ltd", "limited", "solicitors"}


_AND = re.compile(r"\s+(?:and|&)\s+")
_COMMA = re.compile(r"\s*,\s+")


def _two_signers(line: str) -> list[Person]:
    """Two names joined by "and" or "&", each a name on its own ("Walsh & Byrne" is a firm), or by a
    comma, each a whole name ("Michael Tuohy, Patrick Lenane"; "J. Smith, Hon. Sec." is one signer)."""
    s = plain(line).strip(" ,.;")
    parts, whole = _AND.split(s), False
    if len(parts) != 2:
        parts, whole = _COMMA.split(s), True
    names = [signed_name(x) for x in parts] if len(parts) == 2 else []
    if not names or not all(names) or (whole and any(len(name_words(n or "")) < 2 for n in names)):
        return []
    return [Person(n) for n in names if n]


_THE = re.compile(r"^(?i:the)\s+[A-Z]")
MAX_UNKNOWN_WORDS = 5
_FOR = re.compile(r"^for\b\s*", re.I)
_PER_PRO = re.compile(rf"^{PER_PRO}\s+(?=\S)", re.I)
_ESQ = re.compile(r"\besq(?:re|uire|e)?\b|\buasal\b", re.I)  # "Uasal": the Irish "Esq."


def is_esquire(line: str) -> bool:
    """No one signs himself "Esq.": such a line under a closing is the addressee ("John Rafferty, Esq.")."""
    return bool(_ESQ.search(line))


def _signed_in_full(above: str, line: str) -> bool:
    """A soldier's name in full under the first name he signed with ("Joe" / "Pte J. McCabe 11672"):
    his own, not an addressee's."""
    first = plain(above).strip(" ,.")
    ranked = _FIRST_NAME_ONLY.fullmatch(first) and _RANK.match(plain(line))
    name = signed_name(_RANK.sub("", plain(line))) if ranked else None
    words = name_words(name) if name else []
    return len(words) >= 2 and words[0][:1].upper() == first[:1].upper()


_RT_HON = re.compile(r"^(?:the\s+)?r\.?\s?t\.?\s+hon", re.I)


def _titled_addressee(line: str) -> bool:
    """A titled name under a signature that could not be read ("MD", "Henry 'H.' Hanlon"): the
    addressee ("Mrs. Fitzharris,", "R.T. Hon. Lord Castlegarde,"), not a second signer."""
    s = plain(line)
    first = s.split()[0] if s.split() else ""
    return bool(is_title(first.rstrip(",")) and signed_name(s))


def signed_at_foot(frame: Frame) -> Signed:
    """A letter with no closing phrase (or none followed by a signature): a name alone on one of its
    last lines ("Thanking you in advance / M. Dowd"), with the lines under it read as a signature."""
    further = OFFICE_FOOT_LINES if frame.closing is None else 0
    lines = before_notes(frame.lines)
    tail = lines[max(0, len(lines) - FOOT_LINES - further) :]
    far = len(tail) - FOOT_LINES  # lines above the last FOOT_LINES
    for k, line in enumerate(tail):
        soldier = bool(_RANK.match(plain(line)))
        # Further up, a name counts only with an office on the next line ("J.T. Bourke / Lieut & Adjt.").
        titled = k + 1 < len(tail) and _office_line(tail[k + 1])
        # The line under "To the Commandant," goes on with the addressee ("Four Courts."), never signs.
        addressed = k > 0 and bool(_TO.match(plain(tail[k - 1]))) and plain(tail[k - 1]).endswith(",")
        # A name with its office on one line signs too ("P. Ryan Manager", "J. Kelly, Hon. Sec."), when
        # no sentence of the body goes on under it.
        ranked = (k + 1 >= len(tail) or not is_sentence(tail[k + 1])) and bool(
            name_and_office(line, first=True)[0]
        )
        named = (k >= far or titled) and not addressed and (bool(signed_name(line)) or ranked)
        named = named and not _signed_under_prose(tail[k + 1 :])
        if named and (not starts_addressee(line) or soldier):
            return signed_by(Frame(tail[k:], None, -1, ""))  # closing -1: every line is foot
        # A letter-book copy: the office signs ("Clerk of Union.", without "To" or "The"), the
        # addressee block (no sentence) under it; under the body, not inside a block above it
        # ("Commanding-in-Chief," / "The Forces in Ireland.").
        signs = far <= k < len(tail) - 1 and not plain(line).endswith(",") and not _TO.match(plain(line))
        signs = signs and len(plain(tail[k + 1]).split()) <= MAX_OFFICE_SIGN_WORDS
        signs = signs and is_office(line) and not signed_name(line) and not is_contact(line)
        if signs and len(plain(line).split()) <= MAX_OFFICE_SIGN_WORDS and starts_addressee(tail[k + 1]):
            return signed_by(Frame(tail[k:], None, -1, ""))
        if is_esquire(line) and signed_name(line):
            break  # "M.J. Garrigan Esq / Hartfield Agricultural / College": the lines under are his address
    return Signed((), "", "", ())


def before_notes(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The letter's lines without what others added under it, or the writer after signing: registry
    stamps and office notes ("Registered", "-5 JUN. 1916", "Ack. JM 5/6/16"), archive references
    ("CSO/RP/1916/1234"), and a postscript among the last lines."""
    end = len(lines)
    while end > 0 and (
        is_stamp(lines[end - 1]) or _ARCHIVE_REFERENCE.fullmatch(plain(lines[end - 1]).strip())
    ):
        end -= 1
    postscript = next(
        (k for k in range(end - 1, max(0, end - FOOT_LINES) - 1, -1) if _POSTSCRIPT.match(plain(lines[k]))),
        None,
    )
    return lines[: end if postscript is None else postscript]


# A reference an archive or registry writes under a letter: "CSO/RP/1916/1234", "D1234/A/16/5".
_ARCHIVE_REFERENCE = re.compile(r"[A-Z0-9][\w.-]*(?:/[\w.-]+){2,}")


def _signed_under_prose(lines: Sequence[str]) -> bool:
    """A sentence under a name, then another name, before any postscript: the first name is the
    body's ("… won another seat in / N. Kildare. / I shall write again soon. / P. Nolan"), the
    second signs. With no name under the sentence, that is a postscript with no "P.S.", and the
    first name signs."""
    for k, line in enumerate(lines):
        s = plain(line)
        if _POSTSCRIPT.match(s):
            return False
        if is_sentence(s):
            return any(signed_name(x) for x in lines[k + 1 :])
    return False


def is_sentence(line: str) -> bool:
    """A line of the body's prose: several words, half of them or more written small."""
    words = plain(line).split()
    return len(words) >= MIN_SENTENCE_WORDS and 2 * sum(w[:1].islower() for w in words) >= len(words)


_POSTSCRIPT = re.compile(r"^p\.?\s?s\b", re.I)
MIN_SENTENCE_WORDS = 5
FOOT_LINES = 6
MAX_OFFICE_SIGN_WORDS = 6
OFFICE_FOOT_LINES = 4


def _office_line(line: str) -> bool:
    """An office or a rank under a name: "Clerk of the Union", "Lieut & Adjt."."""
    words = plain(line).split()
    return not is_contact(line) and (is_office(line) or bool(words and is_title(words[0].strip(",.&"))))


# Soldiers sign with their rank ("Pte Patrick Fahey"); "Mr", "Mrs" and "Esq." at the foot are the
# addressee's. Clergy too ("Rev", "Fr") gained 0 and lost 1 ("kindest regards to / Father Ronan.").
_RANK = re.compile(
    r"^(?:pte|private|cpl|corporal|sergt|sgt|sergeant|l/cpl|lieut|lt|capt|captain|major|col|colonel)\b\.?\s",
    re.I,
)


def starts_addressee(line: str) -> bool:
    """ "To …", "The …", "… Esq." or a titled name under the signature open the addressee block.

    A bare name there is taken for a co-signer: read as an addressee when the closing is singular,
    it gained 2 recipients and lost 4 to wrong ones on the letters-1916 dev part."""
    s = plain(line)
    first = s.split()[0] if s.split() else ""
    # A title opens a titled name ("Mrs. Fitzharris,"), not an office ("General Officer Commanding").
    titled = is_title(first) and (signed_name(s) is not None or not is_office(s))
    return bool(
        _TO.match(s) or re.search(r"\besq", s, re.I) or titled or _RT_HON.match(s) or HIS_STYLE.match(s)
    )


def name_and_office(line: str, *, first: bool) -> tuple[str | None, str]:
    """ "J. Smith, Hon. Sec.", "W. J. Dwyer, Sergt.", "Patrick Carey Clerk of Union": a name and the
    office or rank after it on one line; without a comma only as the `first` signer (under a name,
    "Resident Medical Superintendent" is that signer's title)."""
    if "," in line:
        left, right = line.split(",", 1)
        rank = right.strip(" ,.;:")
        if (is_office(right) or (is_title(rank) and " " not in rank)) and (name := signed_name(left)):
            return name, rank
    words = plain(line).split() if first else []
    for k in range(2, min(len(words), 5)):
        right = " ".join(words[k:])
        if _OFFICE_HEAD.match(right) and is_office(right) and (name := signed_name(" ".join(words[:k]))):
            return name, right.strip(" ,.;:")
    return None, ""


# An office written straight after a name opens with its head word: "Clerk of Union", "Hon. Sec.".
_OFFICE_HEAD = re.compile(
    r"(?:clerk|secretary|hon\.?\s+sec|sec(?:y|retary)?\b|registrar|chairman|solicitor|inspector|treasurer"
    r"|president|governor|commandant|superintendent|master|matron|surveyor|engineer|director|manager"
    rf"|{SHORT_OFFICES})\b",
    re.I,
)


# Peers sign with their title alone under a formal closing ("Yours sincerely / Glenarden",
# "Yrs obediently / Courtown"); a first name alone ("Yours / Diarmuid", "Your loving / Willie") is
# no one a reader could find. letters-1916 dev: +5 right, +1 scored wrong (the Earl of Leitrim,
# catalogued as Charles Clements).
_VERY_FORMAL = re.compile(
    r"^(?:(?:i\s+(?:am|remain)|believe\s+me(?:\s+to\s+be)?),?\s+)?(?:yours|yrs)\.?\s*(?:very\s+)?"
    r"(?:sincerely|faithfully|truly|obediently|respectfully)\b"
    r"|^(?:very\s+)?(?:sincerely|faithfully|respectfully)\b",
    re.I,
)
_TITLE_WORD = re.compile(r"[A-Z][a-z]{3,}")


def _peer_signature(line: str, closing: str) -> str | None:
    word = plain(line).strip(" ,.;")
    if not _TITLE_WORD.fullmatch(word) or not _VERY_FORMAL.match(plain(closing)):
        return None
    if (
        is_pet_form(word)
        or is_title(word)
        or is_office(word)
        or is_organisation(word)
        or signed_name(f"Mr {word}") is None
    ):
        return None
    return word
