"""Addressee blocks of letters of any period, at the top or the foot ("The Under Secretary, Dublin Castle.").

A block names a person ("The Rt. Hon. Sir Edward Corliss, K.C., M.P."), or an office ("The Under
Secretary") with its organisation; the street and town lines after it are where, not who.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.records import Person
from ingest.conventions.addresses import is_contact, is_postal
from ingest.conventions.dates import find_dates, is_stamp
from ingest.conventions.frame import is_file_number
from ingest.conventions.greetings import addressee as greeted
from ingest.conventions.markup import plain
from ingest.conventions.names import (
    IRISH_TO,
    is_given_name,
    is_pet_form,
    is_title,
    name_before_address,
    name_words,
    signed_name,
)
from ingest.conventions.organisations import is_organisation
from ingest.conventions.roles import by_initials, is_office, spelled_out

_TO = re.compile(rf"^(?:to\b|{IRISH_TO})[\s,./:]*", re.I)
# An office as an addressee line writes it: "The Under Secretary,", "The Inspectors of Lunatics".
_THE_OFFICE = re.compile(
    r"^(?:the|his\s+(?:excellency|grace|lordship)(?:\s+the)?)\s+(?:(?:rt\.?|right)\s+hon(?:ou?rable|ble)?\.?\s+)?(?=[A-Z])",
    re.I,
)
# The style of the one an office is held by, before the office: "His Excellency the Lord Lieutenant".
HIS_STYLE = re.compile(
    r"^(?:his\s+(?:excellency|grace|lordship)(?:\s+the)?|the\s+(?:rt\.?|right)\s+hon(?:ou?rable|ble)?\.?\s+the)\s+(?=[A-Z])",
    re.I,
)
# Salutations with only a first name after "Sir" or "Dame" ("Dear Sir Rupert") name no one findable.
_FIRST_NAME_TITLES = {"sir", "dame"}
# "Dear Sir Edward Corliss", "My dear Lord Glenarden": a titled name after the salutation's opening words.
_DEAR = re.compile(
    r"^(?:my\s+)?dear(?:est)?\s+((?:sir|dame|lady|lord)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)+)\W*$", re.I
)
MAX_BLOCK_LINES = 4
# The body itself addressed, not one office of it ("The Clerk of the Council" is the Clerk).
_MEMBERS_OF = re.compile(
    r"^(?:the\s+)?(?:(?:chairman|president)(?:\s*(?:,|and|&)\s*(?:the\s+)?(?:vice-?chairman|members|guardians"
    r"|councillors))+|members|guardians|councillors)\s+(?:of\s+)?(?:the\s+)?(?P<org>[A-Z].+)$",
    re.I,
)
# The body's members addressed, the body on the next line: "To the Chairman and Members" / "… Board".
_MEMBERS = re.compile(r"(?:the\s+)?(?:chairman|president)\s*(?:,|and|&)\s*(?:the\s+)?members", re.I)
_HONOURABLE = re.compile(
    r"(?:the\s+)?(?:rt\.?|right|most|very)?\s*(?:hon(?:ou?rable|ble)?|rev(?:erend|d)?)\.?", re.I
)
MAX_OFFICE_WORDS = 8
# A style the line broke before the name or the rest of the style: "The Right" / "Honourable …",
# "The Lady" / "Kenmore".
_STYLE_BROKEN = re.compile(r"(?:the\s+)?(?:right|rt\.?|most|very|lady|lord|countess|earl)", re.I)
_MESSRS = re.compile(r"^messrs\.?\s", re.I)
# An honorific run onto the name in a transcription: "Dear Mrs.Fitzharris", "Dear MrsSkeffington".
_GLUED_HONORIFIC = re.compile(r"\b(Mrs|Miss|Mr|Ms|Dr|Revd|Rev)\.?(?=[A-Z])")
# Words of a sentence, not of an office; a letter of an abbreviation ("R.I.C.", "I.G.") is none.
_PROSE = re.compile(r"(?<!\.)\b(?:I|we|you|am|is|are|was|were|have|has|be|re)\b(?!\.\w)|[—:]", re.I)


@dataclass(frozen=True)
class Addressee:
    person: Person | None
    office: str
    organisation: str


# An office's title the line broke before its head word: "The Under" / "Secretary", "The Chief" / "Crown
# Solicitor" (no comma: the title goes on).
_OFFICE_BROKEN = re.compile(
    r"^(?:to\s+)?the\s+(?:\w+\s+)?(?:under|chief|deputy|assistant|vice|principal|private|acting|joint"
    r"|hon\.?|honorary|inspector|local|crown|resident|county|town|city)$",
    re.I,
)


def addressee_of(lines: Sequence[str]) -> Addressee | None:
    """The person or office the first lines of an addressee block name; None when they name neither."""
    rest = [plain(x) for x in lines[:MAX_BLOCK_LINES] if plain(x)]
    if rest and _TO.fullmatch(rest[0]):
        rest = rest[1:]
    if not rest:
        return None
    found = _addressee_at(rest)
    if found is None and len(rest) > 1 and not signed_name(rest[0]):
        # A line of the signer's left above the block ("Hon. Sec. No. 2." / "R.T. Hon. Lord Castlegarde,").
        found = _addressee_at(rest[1:])
    return found


def _addressee_at(rest: Sequence[str]) -> Addressee | None:
    """The person or office the first of `rest` names (with the lines after it), else None."""
    first = _TO.sub("", rest[0]).strip(" ,.;—-")
    # "To the Under Secretary": the office as it would stand on its own line.
    first = re.sub(r"^the\b", "The", HIS_STYLE.sub("The ", first))
    while _STYLE_BROKEN.fullmatch(first) and len(rest) > 1:
        first, rest = (
            f"{first} {rest[1].strip()}",
            rest[1:],
        )  # "The Right" / "Honourable", "The Lady" / "Kenmore"
    if _HONOURABLE.fullmatch(first) and len(rest) > 1:
        first, rest = f"{first} {rest[1]}", rest[1:]  # "The Right Honble —" / "Sir Edward Corliss"
    elif len(rest) > 1 and (
        re.match(r"(?:of|for)\s", rest[1]) or _MEMBERS.fullmatch(first) or re.search(r"\s(?:of|for)$", first)
    ):
        # "The Chairman and Members" / "of the …", or / "Clonmel Board of Guardians" with no "of"; "To the
        # Guardians of" / "the Granard Union"
        first, rest = f"{first} {rest[1].strip(' ,.;')}", rest[1:]
    elif len(rest) > 1 and _OFFICE_BROKEN.search(rest[0]) and is_office(f"{first} {rest[1].strip(' ,.;—-')}"):
        first, rest = f"{first} {rest[1].strip(' ,.;—-')}", rest[1:]  # "The Under" / "Secretary,"
    alone = by_initials(first) and "," not in spelled_out(first)  # "O.C." with no unit after it
    if alone and len(rest) > 1 and by_initials(f"{first} {rest[1].strip(' ,.;')}"):
        first, rest = f"{first} {rest[1].strip(' ,.;')}", rest[1:]  # "To O.C." / "2nd Battalion"
    org = next(
        (x.strip(" ,.;") for x in rest[1:3] if is_organisation(x) and not is_contact(x) and _short(x)), ""
    )
    more = _NAME_GOES_ON.match(rest[1]) if len(rest) > 1 and first[-1:].isalpha() else None
    if more and signed_name(first) and not _placed(more.group(1)):
        # A long styled name broken over two lines: "… Sir JOHN DENHAM" / "PICKERING FENTON, Viscount …":
        # the whole, or with the middle name dropped ("Sir JOHN FENTON").
        words = first.split()
        first = next(
            (
                x
                for x in (f"{first} {more.group(1)}", f"{' '.join(words[:-1])} {more.group(1).split()[-1]}")
                if signed_name(x)
            ),
            first,
        )
    # "Sir Matthew Norbury, Under Secretary": the name before the office on its line.
    # "Sir T. Walsh Dublin Castle", "Mrs. Doyle, Dalkey": a block run into one line, name then address.
    # "Messrs. Harkin Bros" is a firm, however much its name reads as a person's.
    name = not _MESSRS.match(first) and (
        name_before_address(first)
        or signed_name(first)
        or (signed_name(first.split(",")[0]) if "," in first else None)
    )
    if name:
        return Addressee(Person(name), "", org)
    body = _MEMBERS_OF.match(first)
    if body and is_organisation(body.group("org")) and not _PROSE.search(first):
        # "To the Chairman and Members of the Longford Urban District Council": the body addressed.
        return Addressee(None, "", body.group("org").strip(" ,.;"))
    if len(first.split()) > MAX_OFFICE_WORDS and " and " in first and is_office(first.split(" and ")[0]):
        first = first.split(" and ")[0]  # "The Lord Lieutenant General and General Governor of Ireland"
    # The Viceroy's style, "Lord Lieutenant General", names the office called "the Lord Lieutenant".
    first = re.sub(r"\b(Lord\s+Lieutenant)\s+General\b", r"\1", first, flags=re.I)
    prose = len(first.split()) > MAX_OFFICE_WORDS or _PROSE.search(first)
    office = first if (_THE_OFFICE.match(first) or is_office(first)) and not prose else ""
    run_on = _office_run_into_body(office) if office and "," not in office else None
    if run_on:
        return Addressee(None, run_on[0], run_on[1])
    if office and is_office(office) and not is_postal(office) and not find_dates(office):
        # The block run into one line: "The Governor, Mountjoy Prison, Dublin" names the office, then
        # its town, which is no part of it ("R.I.C." in "The Inspector General, R.I.C." is).
        parts = [x.strip() for x in office.split(",")]
        while len(parts) > 1 and is_postal(parts[-1]) and any(ch.islower() for ch in parts[-1]):
            parts.pop()
        return Addressee(None, spelled_out(", ".join(parts)), org)
    # "Messrs" addresses a firm whatever its name ("Messrs. Lavelle", "Messrs Hanly Ltd").
    if (_MESSRS.match(first) or (_THE_OFFICE.match(first) and is_organisation(first))) and not prose:
        return Addressee(None, "", first)  # "The Local Government Board", "Messrs Hanlys Ltd"
    return None


def _office_run_into_body(line: str) -> tuple[str, str] | None:
    """ "The Secretary Local Government Board Dublin": an office and its body typed as one line without
    commas, split where the body starts (its town dropped), else None."""
    words = line.split()
    for k in range(2, len(words)):
        office, body = " ".join(words[:k]), words[k:]
        while len(body) > 1 and not is_organisation(body[-1]):
            body = body[:-1]  # the town after the body's last word ("Board", "Council", "Union")
        # The office ends in its head word and the body starts capitalised: never "The Clerk of the" /
        # "Council", "O.C. "B"" / "Company".
        head = is_office(words[k - 1]) and body[0][:1].isupper()
        if head and is_office(office) and is_organisation(" ".join(body)) and not is_office(" ".join(body)):
            return spelled_out(office), " ".join(body)
    return None


# A memorandum's or telegram's fields: "To: Under Secretary, Dublin Castle.", "From: Chief Secretary".
_FIELD = re.compile(r"^(?:to|from)\s*:\s*\S", re.I)
_FROM_FIELD = re.compile(r"^from\s*:\s*", re.I)
_FROM_OPENING = re.compile(r"^From\s+(?=[A-Z])")
FROM_LINES = 2


def from_field(header: Sequence[str]) -> Addressee | None:
    """Who a memorandum or telegram says it is from, in a "From:" line of its header."""
    for k, line in enumerate(header):
        # With no colon only opening the letter: "From Dr. Patrick Lynam," / "Medical Officer of Health,".
        m = _FROM_FIELD.match(plain(line)) or (_FROM_OPENING.match(plain(line)) if k < FROM_LINES else None)
        if m:
            return addressee_of([plain(line)[m.end() :], *header[k + 1 : k + 2]])
    return None


_NAME_GOES_ON = re.compile(r"^((?:[A-Z][A-Z'’-]+\s+){0,2}[A-Z][A-Z'’-]+),")


def _placed(words: str) -> bool:
    """A place, an office or a body: what follows a whole name in a block, not the rest of it."""
    return is_postal(words) or is_office(words) or is_organisation(words) or is_contact(words)


def _short(line: str) -> bool:
    """A line short and plain enough to be a name or an office, not a sentence of the body."""
    return len(line.split()) <= MAX_OFFICE_WORDS and not _PROSE.search(line)


# A printed form's instruction where to write back: "Any further communication on this subject should be
# addressed to:-" / "The Under Secretary of State," / "Home Office, London, S.W." / "and the following
# number quoted:-" / "321,448/93". The office it names is the writer's, never the addressee.
_REPLY_TO = re.compile(
    r"\baddressed\s+to\b|\baddress\s+(?:all\s+|your\s+)?(?:letters|communications|replies)\b", re.I
)
_REPLY_TO_ENDS = re.compile(r"\baddressed\s+to\b[\s:.,;—–-]*$", re.I)
_QUOTED = re.compile(r"\bquoted\b", re.I)
REPLY_TO_LINES = 4


def without_reply_to(header: Sequence[str]) -> list[str]:
    """The header without a printed instruction where to write back and the office it names."""
    out: list[str] = []
    k = 0
    while k < len(header):
        s = plain(header[k])
        if not _REPLY_TO.search(s):
            out.append(header[k])
            k += 1
            continue
        end = k + 1
        if _REPLY_TO_ENDS.search(s):
            ahead = header[k + 1 : k + 1 + REPLY_TO_LINES]
            # Through "… number quoted:-" and the number under it, else the office and its address.
            quoted = next((j for j, x in enumerate(ahead) if _QUOTED.search(plain(x))), None)
            end = k + 1 + (quoted + 1 if quoted is not None else min(2, len(ahead)))
            if quoted is not None and end < len(header) and is_file_number(header[end].replace(",", "")):
                end += 1
        k = end
    return out


def reply_to_office(header: Sequence[str]) -> str | None:
    """The office a printed "should be addressed to" instruction names ("The Secretary, / War Office,"):
    the writing office, for a letter whose signature names no one."""
    for k, line in enumerate(header):
        s = plain(line)
        m = _REPLY_TO.search(s)
        if not m:
            continue
        after = re.sub(r"^[\s:.,;—–-]+", "", s[m.end() :])
        lines = [after] if after else []
        ahead = [x for x in header[k + 1 : k + 1 + REPLY_TO_LINES] if not _QUOTED.search(plain(x))]
        lines += ahead[: 2 - len(lines)]
        found = addressee_of(lines) if lines else None
        if not found or not found.office or found.person:
            return None
        return f"{found.office}, {found.organisation}" if found.organisation else found.office
    return None


def top_addressee(header: Sequence[str]) -> Addressee | None:
    """An addressee block in the header: after the date line, or opened by "To"."""
    header = _split_after_dates(without_reply_to(header))
    for k, line in enumerate(header):
        s = plain(line)
        rest = _TO.sub("", s)
        # "To Mr. Peter Foley,": a name styled as an addressee's after "To" (a notice, a summons).
        named = styled(rest) and signed_name(rest) is not None
        if _TO.match(s) and (
            len(s) <= 4 or _THE_OFFICE.match(rest) or _FIELD.match(s) or named or by_initials(rest)
        ):
            return addressee_of(header[k:])
    # After the last date line: a stamp or an office note may carry a date above the letterhead.
    dated = next(
        (k for k in range(len(header) - 1, -1, -1) if find_dates(header[k]) and not is_stamp(header[k])), None
    )
    if dated is None:
        # No date line to divide the sender's letterhead from the addressee: only a name plainly
        # styled as an addressee's ("Alderman T. Kinsella,", "John Smith Esq.") is taken.
        names = (a for k, x in enumerate(header) if styled(x) and (a := addressee_of(header[k:])))
        return next(names, None) or _office_of_a_body(header)
    if dated == 0 and (last := _last_block(header)):
        return last
    for k in range(dated + 1, len(header)):
        if _LETTERHEAD.search(plain(header[k])):
            continue  # "CHIEF SECRETARY'S OFFICE", "The Town Clerk's Office", "Treasury Chambers"
        if dated == 0 and not _opens_block(header[k]):
            continue  # a date on the first line: the writer's letterhead and address follow it
        found = addressee_of(header[k:])
        if found:
            # A name in the writer's letterhead under the date ("P.F. QUINLAN LL.B.," / "solicitor"),
            # then the addressee's styled block nearest the salutation ("Very Rev. T.B. Nolan S.J."):
            # the later block is the one written to.
            later = (addressee_of(header[j:]) for j in range(k + 1, len(header)) if styled(header[j]))
            nearer = next((a for a in later if a and a.person), None) if found.person else None
            return nearer or found
    # Above the date line only a name plainly styled as an addressee's ("Sir Matthew Norbury,"), or an
    # office of a body opening the letter ("The Secretary," / "Irish National Aid Association,").
    return next(
        (a for k, x in enumerate(header[:dated]) if styled(x) and (a := addressee_of(header[k:dated]))), None
    ) or _office_of_a_body(header[:dated])


def dated_first(header: Sequence[str]) -> bool:
    """The header's last date (not a stamp's) is on its first line: the writer's letterhead and
    address may follow it, read as easily as an addressee block."""
    dated = [k for k, x in enumerate(header) if find_dates(x) and not is_stamp(x)]
    return dated[-1:] == [0]


def _last_block(header: Sequence[str]) -> Addressee | None:
    """Under a date on the first line, the writer's block and address, then the addressee's: of two
    blocks, each opening under the date or an address line ("16 Quay Street." / "Athy," / "Sir T.
    Walsh,"), the last."""
    starts = [k for k in range(2, len(header)) if is_postal(plain(header[k - 1])) and _opens_block(header[k])]
    for k in reversed(starts):
        if _opens_block(header[1]) and not _LETTERHEAD.search(plain(header[k])):
            found = addressee_of(header[k:])
            if found:
                return found
    return None


def _opens_block(line: str) -> bool:
    """A line that opens an addressee block by its form: a styled name, "To …", "The …", an office."""
    s = plain(line)
    office = is_office(s) and not is_organisation(s) and not is_postal(s)
    return styled(line) or bool(_THE_OFFICE.match(s) or _TO.match(s) or _MESSRS.match(s)) or office


_LETTERHEAD = re.compile(r"['’]s\s+(?:office|department|chambers)\b|\bchambers\b|['’]s[,.]?$", re.I)


def _office_of_a_body(lines: Sequence[str]) -> Addressee | None:
    """ "The Secretary," then the body's name, as the first lines: a letterhead never opens so."""
    if len(lines) < 2 or not _THE_OFFICE.match(plain(lines[0])):
        return None
    office = plain(lines[0]).strip(" ,")
    # Without its comma only with an institution under it: "The Matron" / "Richmond Hospital".
    body = is_organisation(lines[1]) if plain(lines[0]).endswith(",") else bool(_INSTITUTION.search(lines[1]))
    if "'" in office or "’" in office or not is_office(office) or not body:
        return None  # "The Chief Secretary's Office" is a letterhead
    return Addressee(None, office, plain(lines[1]).strip(" ,.;"))


_INSTITUTION = re.compile(
    r"^[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,3}\s+(?:Hospital|Infirmary|Asylum|Workhouse|Prison|Gaol|Barracks|Union"
    r"|Council|Board|Bank|Society|Association|College|School)\b[,.]?$"
)


# "The Under Secretary," written capitalised: an office addressed, never a sentence's "the chief …".
_THE_OFFICE_LINE = re.compile(r"^(?:to\s+)?the\s+(?=(?-i:[A-Z]))", re.I)


def office_block(lines: Sequence[str]) -> Addressee | None:
    """The first office's block among `lines` ("The Under Secretary," / "Dublin Castle."), for the
    lines just above a salutation or the last of a letter, whatever stands around them (office notes,
    "(Confidential)"); a letterhead names its office in the possessive ("The Chief Secretary's Office")."""
    for k, line in enumerate(lines):
        s = plain(line)
        office = _THE_OFFICE_LINE.sub("", s)
        if _THE_OFFICE_LINE.match(s) and "'" not in s and "’" not in s and is_office(office):
            found = addressee_of(lines[k:])
            if found and found.person is None:
                return found
    return None


def _split_after_dates(header: Sequence[str]) -> list[str]:
    """The header's lines, a line that runs on past its date ("… June 20th 1916 Sir David Harland Dublin
    Castle") split after the date: what follows it is where the addressee block starts."""
    out: list[str] = []
    for line in header:
        s = plain(line)
        dates = find_dates(s)
        rest = s[dates[-1].end :].strip(" .,;:") if dates else ""
        if rest[:1].isupper() and len(rest.split()) >= 2 and not is_stamp(s):
            out += [s[: dates[-1].end], rest]
        else:
            out.append(line)
    return out


def styled(line: str) -> bool:
    """A name styled as an addressee's: "Esq." after it, or a title before it ("Mr", "Sir", "Alderman")."""
    s = plain(line)
    return bool(re.search(r"\besq", s, re.I)) or (
        bool(signed_name(s) or name_before_address(s)) and _ADDRESSEE_TITLE.match(s) is not None
    )


_ADDRESSEE_TITLE = re.compile(
    # A rank may stand before the title: "Lieutenant-Colonel Sir Thomas Walsh", "General Sir T. Walsh".
    r"(?:the\s+)?(?:(?:lieut(?:enant)?|lt|brig(?:adier)?|general|gen)\.?(?:[\s-]*(?:general|genl|colonel|col)\.?)?\s+)?"
    r"(?:mr|mrs|miss|ms|dr|rev|revd|sir|lady|lord|alderman|ald|capt|col|major|messrs|very\s+rev)\b\.?\s",
    re.I,
)


# "My dear Corliss," … "Yours very sincerely": between men of affairs a bare surname. A first name
# is as often bare ("Dear Jim", "My dear Kitty"): the word must be long, no pet form, and the
# closing formal. Unconstrained this gained 13 and lost 17 on the letters-1916 dev part; so, 10 and 1.
_BARE_NAME = re.compile(r"^(?i:my\s+)?(?i:dear)\s+([A-Z][a-z'’]{4,})\s*[,.:;!—-]*$")
_FORMAL_CLOSING = re.compile(
    r"^(?:i\s+(?:am|remain),?\s+)?(?:(?:ever\s+)?(?:yours|yrs)\b|(?:very|most)\s+(?:sincerely|truly|faithfully)\b)"
    r"(?!.*\b(?:loving|affec|love|fond))",
    re.I,
)


# Words a salutation greets with that are no one's name: kin, fellowship, a calling ("Dear Friend").
_NOT_FIRST_NAMES = {
    "sir", "sirs", "madam", "friend", "friends", "mother", "father", "brother", "brothers", "sister",
    "sisters", "son", "daughter", "cousin", "cousins", "uncle", "aunt", "auntie", "nephew", "niece",
    "grandmother", "grandfather", "granny", "godfather", "godmother", "parents", "children", "comrade",
    "comrades", "colleague", "colleagues", "countrymen", "ladies", "gentlemen", "brethren", "padre",
    "doctor", "chief", "chum", "boys", "girls", "folks",
    "husband", "wife", "dad", "daddy", "mam", "mammy", "mum", "mama", "papa", "child", "boy", "girl",
    "love", "darling", "sweetheart", "pet", "dearest", "old", "grandma", "grandpa",
    "all", "everybody", "everyone", "dada", "mumsie", "mummy", "nana", "pal",
    # callings greeted alone ("Dear Senator,", "My dear Bishop,")
    "senator", "bishop", "canon", "professor", "judge", "commandant", "general", "colonel", "captain",
    "major", "president", "chairman", "mayor", "editor", "secretary", "inspector", "governor",
}  # fmt: skip


# "Dear Lord Mayor,", "Dear Mr. Chairman,", "A Chara Commandant": the office greeted.
_OFFICE_GREETED = re.compile(
    r"^(?i:my\s+)?(?i:dear)\s+(?:(?i:mr|madam)\.?\s+)?((?-i:[A-Z])[\w .'’-]{2,40}?)\s*[,.:;!—-]*$"
)


def office_greeted(salutation: str) -> str | None:
    """The office a salutation greets ("Dear Lord Mayor," → "The Lord Mayor"), not a person's name."""
    m = _OFFICE_GREETED.match(plain(salutation))
    office = (
        re.sub(r"(?:\s+(?:[A-Z]\.?){1,3})+$", "", m.group(1)) if m else ""
    )  # "… Provincial P.C." (Pax Christi)
    if not office or not is_office(office) or signed_name(office):
        return None
    return office if re.match(r"(?i)the\b|rev", office) else f"The {office}"


def surname_greeted(salutation: str, closing: str | None) -> str | None:
    """The surname a salutation greets alone ("My dear Corliss,"), when the closing is formal; with
    no closing phrase at all (None: a note, a draft), when the signer writes his surname (the
    caller's check): kin and friends greeted by a first name sign one ("Dear Harold" … "Tom")."""
    m = _BARE_NAME.match(plain(salutation))
    if not m or (closing is not None and not _FORMAL_CLOSING.match(plain(closing))):
        return None
    word = m.group(1)
    # Pet forms are short ("Kitty", "Mickie", "Willie"); "Mountford" is a surname.
    if is_pet_form(word) or is_given_name(word) or is_office(word) or is_organisation(word):
        return None
    if not signed_name(f"Mr {word}"):
        return None
    return None if word.lower() in _NOT_FIRST_NAMES else word


def salutation_name(line: str) -> str | None:
    """The person a salutation names with a surname ("Dear Mrs. Skeffington"); None for "Dear Sir Rupert"."""
    s = _GLUED_HONORIFIC.sub(r"\1 ", plain(line))
    m = _DEAR.match(s)
    rest = m.group(1).strip(" ,.;:—-") if m else greeted(s)
    if not rest:
        return None
    words = rest.split()
    if len(words) == 2 and words[0].lower().rstrip(".") in _FIRST_NAME_TITLES:
        return None
    name = signed_name(rest)
    return name if name and len(words) >= 2 else None


# "Dearest Dora" … "Your loving father / Adam Duncanson": within a family the one greeted shares the
# signer's surname (a wife her husband's); a cousin, a friend or an aunt may well not.
_FIRST_NAME_GREETED = re.compile(
    r"^(?i:my\s+)?(?i:own\s+)?(?i:dear(?:est)?|darling)\s+([A-Z][a-z'’]{2,})\s*[,.:;!—-]*$"
)
_FIRST_NAME_LAST = re.compile(r"^([A-Z][a-z'’]{2,})\s+(?i:dear(?:est)?)\s*[,.:;!—-]*$")  # "James Dearest,"
_FAMILY_CLOSING = re.compile(
    r"\b(?:father|mother|son|daughter|brother|broth|bro|br|sister|sis|husband|wife|dad|mammy|mam|papa|mama)\b",
    re.I,
)


_KIN_GREETED = re.compile(
    r"^(?i:my\s+)?(?i:own\s+)?(?i:dear(?:est)?|darling|beloved)\s+(?i:old\s+)?(?i:father|mother|son|daughter"
    r"|brother|sister|husband|wife|dad|daddy|mammy|mam|mum|papa|mama|girl|boy|love|heart)\b"
    r"|^(?i:my\s+)?(?i:own\s+)?(?i:darling|beloved)\b"
)


def is_intimate(salutation: str) -> bool:
    """A salutation of the family or of lovers: "My darling May", "Dearest Mother", "Jim dear"."""
    s = plain(salutation)
    return bool(_FIRST_NAME_GREETED.match(s) or _FIRST_NAME_LAST.match(s) or _KIN_GREETED.match(s))


def family_greeted(salutation: str, closing: str, signer: str) -> str | None:
    """ "Dora Duncanson" from "Dearest Dora" and a closing "Your loving father" signed "Adam Duncanson"."""
    s = plain(salutation)
    m = _FIRST_NAME_GREETED.match(s) or _FIRST_NAME_LAST.match(s)
    words = [w for w in signer.split() if w[:1].isupper()]
    if not m or not _FAMILY_CLOSING.search(plain(closing)) or len(words) < 2 or words[-1].endswith("."):
        return None
    first = m.group(1)
    if is_office(first) or is_organisation(first) or first.lower() in _NOT_FIRST_NAMES:
        return None
    return signed_name(f"{first} {words[-1]}")


# "Dear Brother Stephen" … "Your loving Brother / Patrick Joyce": a brother greeted by his first name
# in a letter a brother or sister closes as such is kin, not a religious brother, and shares the
# signer's surname (a sister greeted so may have married out of it).
_BROTHER_GREETED = re.compile(
    r"^(?i:my\s+)?(?i:dear(?:est)?)\s+(?i:brother)\s+([A-Z][a-z'’]{2,})\s*[,.:;!—-]*$"
)
_SIBLING_CLOSING = re.compile(r"\b(?:brother|broth|bro|br|sister|sis)\b", re.I)


def brother_greeted(salutation: str, closing: str, signer: str) -> str | None:
    """ "Stephen Joyce" from "Dear Brother Stephen" and "your loving Brother" signed "Patrick Joyce"."""
    m = _BROTHER_GREETED.match(plain(salutation))
    words = [w for w in signer.split() if w[:1].isupper()]
    if not m or not _SIBLING_CLOSING.search(plain(closing)) or len(words) < 2 or words[-1].endswith("."):
        return None
    return signed_name(f"{m.group(1)} {words[-1]}")


# "Your loving son / Joe / Mrs. Mary Lynch, 14 Dorset Street": a son, husband or wife shares the
# surname of the parent or spouse written to; a brother that of a "Mr" or "Miss". A daughter or
# sister may have married out of it, so is never given one.
_SHARES_SURNAME = re.compile(r"\b(?:son|husband|wife)\b", re.I)
_SHARES_UNLESS_MRS = re.compile(r"\b(?:brother|broth|bro)\b", re.I)
_FIRST_NAME_SIGNED = re.compile(r"^([A-Z][a-z'’]{2,})[\s,.!]*$")


def family_signer(signature: str, closing: str, addressed: str) -> str | None:
    """ "Joe Lynch" from a closing "Your loving son" signed "Joe" to "Mrs. Mary Lynch"."""
    m = _FIRST_NAME_SIGNED.match(plain(signature))
    words = name_words(addressed)
    if not m or len(words) < 2 or words[-1].endswith("."):
        return None
    close = plain(closing)
    mrs = re.match(r"(?i)mrs\b", addressed.strip())
    if not (_SHARES_SURNAME.search(close) or (_SHARES_UNLESS_MRS.search(close) and not mrs)):
        return None
    first = m.group(1)
    if is_office(first) or is_organisation(first) or first.lower() in _NOT_FIRST_NAMES or is_title(first):
        return None
    return signed_name(f"{first} {words[-1]}")


# "Dear Sir Edward" names a knight by his first name; the letter often writes him in full elsewhere
# ("Given to me by Sir James Dorrian"): that one, when it is the only such name.
_SIR_FIRST = re.compile(r"^(?i:my\s+)?(?i:dear)\s+((?:Sir|Dame|Lady)\s+[A-Z][a-z]+)\b\W*$")


def knight_greeted(salutation: str, text: str) -> str | None:
    """ "Sir James Dorrian" for "My dear Sir James." when the letter writes "Sir James Dorrian"."""
    m = _SIR_FIRST.match(plain(salutation))
    if not m:
        return None
    head = re.escape(m.group(1)).replace("\\ ", r"[ \t]+")
    full = {f"{m.group(1)} {x}" for x in re.findall(rf"\b{head}[ \t]+([A-Z][\w'’-]{{2,}})", text)}
    return signed_name(full.pop()) if len(full) == 1 else None
