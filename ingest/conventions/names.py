"""People's names as a reader writes them: "Councillor Andrew Carter" → "Cllr Andrew Carter"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.conventions.addresses import is_contact, is_postal
from ingest.conventions.markings import marking_of
from ingest.conventions.markup import plain
from ingest.conventions.organisations import is_organisation, office_of
from ingest.conventions.roles import is_office, is_role

HONORIFICS = {
    "mr": "Mr", "mrs": "Mrs", "ms": "Ms", "miss": "Miss", "mx": "Mx", "dr": "Dr", "prof": "Prof",
    "professor": "Professor", "cllr": "Cllr", "councillor": "Cllr", "sir": "Sir", "dame": "Dame",
    "lord": "Lord", "lady": "Lady", "baroness": "Baroness", "baron": "Baron", "rev": "Rev",
    "revd": "Revd", "reverend": "Revd", "rt": "Rt", "hon": "Hon",
}  # fmt: skip
POSTNOMINALS = {
    "MP", "MEP", "MSP", "MS", "AM", "OBE", "MBE", "CBE", "KBE", "DBE", "CB", "KCB", "QC", "KC", "JP",
    "DL", "PhD", "FRS", "MA", "BA", "BSc", "MSc", "MBA", "FCA", "CVO", "LVO",
}  # fmt: skip
_PARTICLES = {"de", "des", "del", "van", "von", "der", "den", "la", "le", "du", "da", "di", "bin", "al", "ap"}
# "Rt. Hon.", and "R.T. Hon." as a transcriber writes it.
_RT_HON = re.compile(r"^(?:the\s+)?(?:r\.?\s?t\.?\s*hon\.?|right\s+hon(?:ou?rable)?\.?)\s+", re.I)
_PP = re.compile(r"^p\.?\s?p\.?\s+", re.I)


def style_name(raw: str) -> str:
    """Honorifics abbreviated as a reader writes them and capitals undone ("GRAHAM ARCHER")."""
    s = _PP.sub("", plain(raw).strip(" ,;"))
    s = _RT_HON.sub("Rt Hon ", s)
    words = [HONORIFICS.get(w.lower().rstrip("."), w) if _is_honorific(w) else w for w in s.split()]
    shouting = [w for w in words if w not in POSTNOMINALS and not _is_honorific(w)]
    if shouting and all(w.isupper() for w in shouting if any(c.isalpha() for c in w)):
        words = [w if w in POSTNOMINALS or _is_honorific(w) else _title_case(w) for w in words]
    return " ".join(words)


def name_words(name: str) -> list[str]:
    """The words of a name without honorifics and post-nominals: ["Dawn", "Primarolo"]."""
    words = plain(name).replace(",", " ").split()
    return [w for w in words if not _is_honorific(w) and w not in POSTNOMINALS]


def surname(name: str) -> str:
    """The last word of a name, lower-cased: "Rt Hon Dawn Primarolo MP" → "primarolo"."""
    words = name_words(name)
    return words[-1].lower().strip(".") if words else ""


def is_name_line(line: str, *, single_word: bool = False) -> bool:
    """A line holding only a person's name; one bare word counts only when `single_word` allows it."""
    s = _PP.sub("", plain(line).strip(" ,"))
    if not s or len(s) > 60 or re.search(r"[\d:@|/()]", s):
        return False
    if marking_of(s) or is_contact(s) or is_role(s) or office_of(s) or is_organisation(s):
        return False
    if _HIS_MAJESTYS.match(s):
        return False
    words = s.split()
    core = name_words(s)
    if not core or len(words) > 7 or any(not _name_word(w) for w in core):
        return False
    titled = len(core) < len(words)
    if len(core) == 1 and not titled:
        return single_word  # a bare "Jane" under "Thanks," is a name; elsewhere it may be a town
    return titled or not is_postal(s)


def _name_word(word: str) -> bool:
    # A capital of any alphabet: "Éamonn Furlan", "Ó Briain".
    return word in _PARTICLES or (word[:1].isupper() and bool(re.fullmatch(r"[\w'’.-]+", word)))


def _is_honorific(word: str) -> bool:
    return word.lower().rstrip(".") in HONORIFICS


def _title_case(word: str) -> str:
    """A word in capitals as a name is written: "MCCARTHY" → "McCarthy", "O'NEILL" → "O'Neill"."""
    out = re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), word.lower())
    return re.sub(r"^(Mc|O['’])([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)


# Titles a letter of any period puts before a name ("Capt", "Fr", "Canon"), besides HONORIFICS.
_OLD_TITLES = {
    "capt": "Capt", "captain": "Captain", "col": "Col", "colonel": "Colonel", "major": "Major",
    "maj": "Major", "lieut": "Lieut", "lt": "Lt", "gen": "Gen", "general": "General", "sergt": "Sergt",
    "sgt": "Sgt", "pte": "Pte", "cpl": "Cpl", "fr": "Fr", "father": "Father", "canon": "Canon",
    "bishop": "Bishop", "count": "Count", "countess": "Countess", "madame": "Madame", "mme": "Mme",
    "mlle": "Mlle", "madam": "Madam", "monsieur": "Monsieur", "mons": "Mons",
    "very": "Very", "sister": "Sister", "mother": "Mother", "brother": "Brother",
    "messrs": "Messrs", "the": "The", "right": "Right", "honble": "Hon", "hon.": "Hon", "most": "Most",
    "dean": "Dean", "monsignor": "Monsignor", "mgr": "Mgr", "alderman": "Alderman", "ald": "Ald",
    "honourable": "Hon", "honorable": "Hon", "brigadier": "Brigadier", "archbishop": "Archbishop",
    "cardinal": "Cardinal", "surgeon": "Surgeon", "admiral": "Admiral", "private": "Private",
    "corporal": "Corporal", "sapper": "Sapper", "trooper": "Trooper", "rifleman": "Rifleman",
    "bombardier": "Bombardier",
}  # fmt: skip
# Letters after a name: "Esq.", "K.C., M.P.", "G.C.M.G.", "C.C." (a curate), "PC.MP.".
_AFTER_NAME = re.compile(
    r"(?:[,\s]+(?:(?i:esq(?:re|uire|e)?|uasal|bart|junr?|senr?|junior|senior|jnr|snr)|(?:[A-Z]\.\s?){1,5}[A-Z]?|PC\.?\s?MP"
    # Degrees with small letters too, written without spaces: "M.B., B.Ch.", "Ph.D.", "LL.D.", "B.Sc."
    r"|(?:[A-Z]{1,2}[a-z]{0,2}\.){1,3}[A-Z]{1,2}[a-z]{0,2}"
    r"|(?:MP|KC|QC|JP|MD|PC|CC|DL|RM|BL|CE|PP|SJ|LLD|RN|CB|KCB|RAMC|OFM|OSB|RIC|FRCPI|FRCSI)\b)\.?)+$"
)
_AND_SON = re.compile(r"\s*&\s*sons?\.?$", re.I)
# "To" as Irish writes it before a name or an office: "Do Liam Ó Maoláin", "Do'n Rúnaí", "Do Mhuiris …";
# never the closing "Do chara" ("your friend") nor an English "Do you …".
IRISH_TO = r"do(?:['’]?n)?(?=\s+(?-i:[A-ZÁÉÍÓÚ]))(?!\s+(?:ch?ara|chairde)\b)"
_BEFORE_NAME = re.compile(
    r"^(?:\+\s*|\(?\s*(?:signed|sgd|sd)\.?\s*\)?\s*[:'‘’\"]*\s*|per\s+|p\.?\s?p\.?\s+|to[,/]?\s+"
    rf"|{IRISH_TO}\s+|the\s+(?=[A-Z]))",
    re.I,
)
# A firm or a principal signed for after the signer's name: ", per pro. Kilbride & Sons", " p.p. Hynes & Co.".
# "per pro.", "per procuratione", "p.p.": signed for a firm or a principal.
PER_PRO = r"(?:per\s+pro(?:c(?:uratione|\.))?|p\.\s?p)\.?"
_FOR_FIRM = re.compile(rf"(?<=\w)\.?[,\s]+{PER_PRO}\s+\S.*$", re.I)
# "RCrowther", "WBSpenlow", "JMcGuinness".
_GLUED = re.compile(r"^([A-Z]{1,3})((?:Mc|Mac|O')?[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ]+)?)$")
_INITIALS = re.compile(r"^(?:[A-ZÀ-ÞÉÓÚÍÁ]\.?){1,3}$")
# A word that can only be a surname, so it names someone even alone: "O'Mahony", "McCann".
_CLAN_SURNAME = re.compile(r"(?:Mc|Mac|O['’]|Fitz)[A-Z][a-z]{2,}")
# "McCann", "O'Brien", "Smith-Barry", and a double surname of prefixed ones ("O'Connor-Glynn").
_PREFIX = r"(?:Mc|Mac|O['’]|D['’]|Fitz)"
_PREFIXED_SURNAME = re.compile(
    rf"(?:{_PREFIX}?[A-Z][a-z]+-)?{_PREFIX}[A-Z][a-z]+|(?:{_PREFIX}?[A-Z][a-z]+-)+[A-Z][a-z]+"
)
_NOT_NAME_WORDS = {
    "royal", "fusiliers", "rangers", "regiment", "battalion", "brigade", "division", "mission", "infirmary",
    "asylum", "workhouse", "convent", "contractor", "deceased", "society", "league", "association",
    "sir", "madam", "dear", "yours", "your", "servant", "obedient", "faithfully", "truly", "sincerely",
    "love", "from", "and", "with", "for", "the", "of", "to", "in", "at", "on", "by", "ireland", "england",
    "london", "dublin", "castle", "street", "road", "square", "place", "house", "office", "lodge", "park",
    "hall", "prison", "barracks", "camp", "hospital", "union", "council", "board", "secretary", "clerk",
    "chairman", "county", "co", "city", "town", "esq", "god", "bless", "good", "bye", "kind", "regards",
    "best", "thanks", "p.s", "ps", "copy", "enclosure", "private", "confidential", "immediate", "telephone",
    "telegrams", "dept", "department", "no", "ref", "re", "subject", "gentlemen", "lord", "lady",
    "excellency", "lordship", "messrs", "ltd", "limited", "company", "bank", "church", "chapel",
    "registered", "received", "answered", "commandant", "governor", "inspector", "hon", "sec", "secy",
    "dearest", "darling", "cousin", "cara", "chara", "press", "tax", "hut", "democratic", "prosecutions",
    "hotel", "school", "st", "college", "committee", "fund", "club", "court", "terrace", "villas", "gardens",
    "avenue", "crescent", "lane", "quay", "parade", "mansions", "buildings", "address", "same", "branch",
    "section", "depot", "command", "corps", "headquarters", "offices", "ward", "coy", "bn", "courts",
    "presbytery", "rectory", "vicarage", "manse", "gaol",
    # kin and friends greeted or signing by what they are to the writer: "Uncle Ned", "Old Pal"
    "uncle", "aunt", "auntie", "pal", "granny", "grandma", "grandpa", "dada", "daddy", "mammy",
    "mumsie", "superior",
    "govt", "government", "local", "medical", "resident", "district", "urban", "rural", "national",
    "africa", "india", "egypt", "france", "belgium", "america", "canada", "australia", "scotland", "wales",
}  # fmt: skip
# Words of that list that are also common surnames of these islands.
# "Street", "Park", "Court" and "House" are left out: "S. Street", "N. Park" are places, not people.
_SURNAME_WORDS = {
    "ward", "hall", "lane", "love", "best", "church", "castle", "good", "kind", "bank", "chapel", "press",
}  # fmt: skip


_PERSONAL_SURNAME_WORDS = {"ward", "hall", "love", "best", "good", "kind"}
_SHORT_GIVEN_NAMES = {
    "john", "mary", "ann", "anne", "kate", "jane", "hugh", "owen", "paul", "mark", "luke", "neil",
}  # fmt: skip


def signed_name(line: str) -> str | None:
    """The person's name a signature or addressee line holds ("(Signed) J. F. Henderson", "RCrowther.",
    "T. Percy Kilmurry, Esq., M.D."), styled; None for a first name alone, a role or a place."""
    name = _name_of(line)
    if name is None and (rejoined := _rejoined(line)) != line:
        name = _name_of(rejoined)
    return name


def name_before_address(line: str) -> str | None:
    """The name opening an addressee block run into one line, before its address: "Sir T. Walsh
    Dublin Castle", "Mrs. Doyle, Dalkey", "John Daly Esq. 12 Quay Road, Athy". The address starts at
    a number, a word of places ("Dublin", "Castle", "Street"), or, after a comma, a town alone. The
    name must be styled as a person's (a title, an initial, "Esq."): "Under Secty Dublin Castle" is none."""
    s = plain(line).strip(" ,.;")
    head, _, after = s.partition(",")
    if after and is_postal(after.strip(" ,.;")) and " " not in after.strip(" ,.;") and _styled(head):
        return signed_name(head)  # "Mrs. Doyle, Dalkey"
    words = head.split()
    cut = next((a for k in range(2, len(words)) if (a := _address_from(words, k)) is not None), 0)
    name = " ".join(words[:cut])
    return signed_name(name) if len(name.split()) >= 2 and _styled(name) else None


def address_start(words: Sequence[str]) -> int | None:
    """Where an address run on after a name or an office begins among `words` (after two words at
    least): "Chief Secretary's Office Dublin Castle" → 3."""
    return next(
        (a for k in range(2, len(words)) if (a := _address_from(words, k)) is not None and a >= 2), None
    )


def _address_from(words: Sequence[str], k: int) -> int | None:
    """Where the address starts when the `k`th word is one of an address's: at a house number or a
    town ("Dublin"), one word earlier at a kind of place ("Richmond Barracks", "Mount Street")."""
    word = words[k].lower().strip(".,")
    if _ADDRESS_STARTS.match(words[k]) or word in _PLACE_NAMES:
        return k
    return k - 1 if word in _PLACE_KINDS and words[k - 1][:1].isupper() else None


def _styled(name: str) -> bool:
    """A person's name by its style: a title first, an initial, or "Esq." after it."""
    words = name.split()
    if not words:
        return False
    first = words[0].rstrip(".").lower()
    titled = _is_honorific(words[0]) or first in _OLD_TITLES
    return titled or any(_INITIALS.fullmatch(w) for w in words[:-1]) or words[-1].lower().startswith("esq")


# What an address starts with after a name on the same line: a house number ("12", "No. 4").
_ADDRESS_STARTS = re.compile(r"^(?:\d|no\.?$)", re.I)
# Places named alone ("Dublin Castle" starts at "Dublin"), and kinds of places that follow the
# place's own name ("Richmond Barracks", "Mount Street").
_PLACE_NAMES = {"ireland", "england", "london", "dublin", "belfast", "cork", "co", "county"}
_PLACE_KINDS = {
    "castle", "street", "road", "square", "place", "house", "lodge", "park", "hall", "prison", "barracks",
    "camp", "hospital", "st", "terrace", "villas", "gardens", "avenue", "crescent", "lane", "quay",
    "parade", "mansions", "buildings", "rectory", "presbytery", "vicarage", "gaol", "hotel", "college",
}  # fmt: skip


# A transcriber's space inside a word of a name: "T. S t. Ledger-Mahon", "Rt Hon Aug us tine Burrell". A
# name's words start with a capital, so a short lower-case piece after a capitalised word goes on
# with it; only on a short line that opens as a name does (an initial or a style) and ends with one.
_PIECE = re.compile(r"[a-z]{1,4}[.,]?")
_CAPITALISED = re.compile(r"[A-Z][a-z]*")
_NOT_PIECES = {"of", "and", "the", "per", "for", "to", "is", "was", "at", "in", "on", "by", "a", "an", "or"}
_INITIAL_FIRST = re.compile(r"^[A-Z]\.\s")
MAX_REJOINED_WORDS = 8


def _rejoined(line: str) -> str:
    s = plain(line)
    words = s.split()
    opens = bool(_INITIAL_FIRST.match(s) or _RT_HON.match(s)) or bool(words and _is_honorific(words[0]))
    if not opens or len(words) > MAX_REJOINED_WORDS or not words[-1][:1].isupper():
        return line
    out: list[str] = []
    for word in words:
        piece = _PIECE.fullmatch(word) and word.strip(".,") not in _NOT_PIECES | _PARTICLES
        if out and piece and _CAPITALISED.fullmatch(out[-1]):
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


_TOWNLAND_AFTER = re.compile(
    r"((?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]*[a-z]),\s+([A-Z][a-z]{3,}(?:[ -][A-Z][a-z]+)?)"
)
_HIS_MAJESTYS = re.compile(
    r"h\.?\s?m\.?\s?(?:s\.?\s?)?(?:prison|stationery|customs|office|treasury|inspector|board|works|forces"
    r"|navy|army|ship|dockyard|government|consul|ambassador)",
    re.I,
)


def _name_of(line: str) -> str | None:
    s = re.sub(r"\s*\[[^\]]*\]", "", plain(line))  # an editor's "[illegible]"
    s = re.sub(r"['‘’\"]([A-Z]\.?)['‘’\"]", r"\1", s)  # an initial in quotes: "Henry 'H.' Hanlon"
    s = re.sub(r"^\(([^()]+)\)$", r"\1", s.strip())  # a typed copy's "(K.Bradish)"
    s = _BEFORE_NAME.sub("", s.strip(" ,;:'‘’\"")).strip(" ,.;:'‘’\"")
    s = _FOR_FIRM.sub("", s)  # "J. Dowd, per pro. Kilbride & Sons Ltd.": the clerk signs for the firm
    s = re.sub(r"^\((mrs|miss|ms|mr|dr|rev)\.?\)\s*", r"\1 ", s, flags=re.I)
    s = _NUMBER_AFTER.sub("", _SERVICE_NUMBER.sub("", _SECOND_LIEUTENANT.sub("", _LANCE_RANK.sub("", s))))
    s = _UNIT_AFTER.sub("", s)
    s = _AFTER_NAME.sub("", _TITLE_IN_BRACKETS.sub("", s)).strip(" ,.")
    s = _post_nominals_dropped(s)
    s = _AND_SON.sub("", s)  # a family firm signs with its head's name: "Barry C. Garvan & Son."
    if not s or len(s) > 50 or re.search(r"[\d:@/()&£]", s) or s[:1].islower() or is_organisation(s):
        return None
    if _HIS_MAJESTYS.match(s):
        return None  # "H.M. PRISON, LEWES", "H.M. Stationery Office": the King's, no one's initials
    # A petitioner signs with his townland after a comma: "Patrick Reilly, Drumlahan".
    if (townland := _TOWNLAND_AFTER.fullmatch(s)) and len(townland.group(1).split()) >= 2:
        place = townland.group(2)
        s = s if is_title(place) or is_office(place) or is_role(place) else townland.group(1)
    words = [_unglued(w) for w in re.sub(r"(?<=[A-Z])\.(?=[A-Z])", ". ", s).replace(",", " ").split()]
    words = " ".join(words).split()
    # Capital initials run together before the surname: "WB Spenlow", "HE Sheridan". In a name written
    # all in capitals a title or particle stays one ("REV J O'FENLON", "MARY MC ELROY"), and so does a
    # short first name ("ANN", "TOM": initials have no vowel then).
    shouting = all(w.isupper() for w in words if any(c.isalpha() for c in w))
    words = [
        ". ".join(w) + "." if _run_of_initials(w, shouting) and k < len(words) - 1 else w
        for k, w in enumerate(words)
    ]
    words = " ".join(words).split()
    # A rank written after the name: "Thomas Kelly 2nd Lieut.", "T. Kelly, Major", "T. Kelly Surgeon General".
    ranked = len(words)
    while len(words) > 2 and (is_title(words[-1]) or _ORDINAL.fullmatch(words[-1])):
        words.pop()
    if len(words) < ranked and words[-1].endswith("."):
        return None  # "Ex Det.. Sergt.", "H. Ecc. Lieut.": abbreviations before the rank, no surname
    titles = [w for w in words if is_title(w)]
    core = [w for w in words if w not in titles]
    if not core or len(core) > 5 or words[-1] in titles:
        return None
    # "of" only after a whole name or a title: "Francis Lyle of Ardmore", not "Prisoner of War".
    of = core.index("of") if "of" in core else -1
    if of == 0 or of == len(core) - 1 or (of > 0 and of < 2 and not titles) or core.count("of") > 1:
        return None
    core = [w for w in core if w != "of"]
    # "St" inside a name is a part of it ("J. St Leo Stratton", "Stephen St. Leger Kearns").
    inner_st = {k for k in range(1, len(core) - 1) if core[k].rstrip(".") == "St"}
    # After initials a word of places or closings is the surname it also is: "M. Hall", "P. J. Ward".
    initials = len(core) > 1 and all(_INITIALS.match(w) for w in core[:-1])
    # … and after initials and the first word of a double surname: "C. J. Harrowby Lane".
    initials = initials or (
        len(core) > 2
        and all(_INITIALS.match(w) for w in core[:-2])
        and not _INITIALS.match(core[-2])
        and core[-2].lower().strip(".") not in _NOT_NAME_WORDS
    )
    # After a given name too, for the surnames that name no place ("John Ward", "Thomas Hall"; "Mary
    # Lane" and "Church" may be a street's and a building's).
    given = len(core) == 2 and core[0].lower() in _GIVEN_NAMES | _SHORT_GIVEN_NAMES
    surname_word = (initials and core[-1].lower() in _SURNAME_WORDS) or (
        given and core[-1].lower() in _PERSONAL_SURNAME_WORDS
    )
    not_name = any(
        w.lower().strip(".") in _NOT_NAME_WORDS
        for k, w in enumerate(core)
        if k not in inner_st and not (surname_word and k == len(core) - 1)
    )
    if not_name or is_office(" ".join(core)):
        return None
    if not all(
        _name_word(w) or _INITIALS.match(w) or w.lower() in ("ní", "ni", "ó", "o", "mac", "nic") for w in core
    ):
        return None
    surname = core[-1].strip(".")
    odd = _INITIALS.match(core[-1]) or len(surname) < 2 or not (surname[1:].islower() or surname.isupper())
    if odd and not _PREFIXED_SURNAME.fullmatch(surname):
        return None
    if len(core) == 1 and not titles and not _CLAN_SURNAME.fullmatch(surname):
        return None  # "Terry", "Willie": a first name alone names no one a reader could find
    return style_name(" ".join(words))


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
# A soldier's unit or number after his name and a comma: ", 2nd R.D.F.", ", Sergt. 1234", ", No. 4432".
_UNIT_AFTER = re.compile(r",\s*(?:[A-Z][A-Za-z]*\.?\s+)?(?:No\.?\s*)?\d.*$")
# Letters after a written surname beyond the known ones ("Burrell QC MS", "Kelly CSSR", "Walsh LLB"):
# two or three capitals, or four or five with no vowel; a surname in capitals has vowels ("DALY").
_CAPS_AFTER = re.compile(r"(?<=[a-z'’])(?:[,\s]+(?:[A-Z]{2,3}|[B-DF-HJ-NP-TV-Z]{4,5})\.?)+[,.]*$")


def _post_nominals_dropped(s: str) -> str:
    """`s` without post-nominal letters after a mixed-case name of two words or more."""
    m = _CAPS_AFTER.search(s)
    if not m or len(s[: m.start()].split()) < 2:
        return s
    return s[: m.start()]


# "2nd Lieut.", "1st Lt", and as the Army Lists write it, "2/Lieut.".
_SECOND_LIEUTENANT = re.compile(r",?\s+\d(?:(?:st|nd)\.?\s+|/\s?)(?:lieut|lt|lieutenant)\b\.?,?$", re.I)
# "(Capt.)", "(Mrs)", "(Junior)" after a name; a prisoner's number: "(Prisoner 314)", "(No. 42)".
_TITLE_IN_BRACKETS = re.compile(
    r"\s*\((?:mrs|miss|ms|mr|dr|rev|capt|captain|lieut|lt|major|col|sergt|sgt|pte|junior|senior|junr|senr|jnr|snr)\.?\)$"
    r"|\s*\((?:(?:prisoner|convict|internee)\s+)?(?:no\.?\s*)?[A-Z]?\s?\d{1,6}\)$"
    # who the signer is or for whom he signs, written small: "Mary Dunne (widow)", "(for self and others)"
    r"|\s*\((?-i:[a-z][a-z ,.]{2,40})\)$",
    re.I,
)
# A lance rank written with a stroke, which no title list holds: "L/Cpl S. McIlwaine", "L/Sergt. Byrne".
_LANCE_RANK = re.compile(
    r"^(?:l|lce|lance)\s?[/.-]\s?(?:cpl|corpl|corporal|sgt|sergt|sergeant|bdr)\.?\s+", re.I
)
# A soldier's number after his name: "S. McIlwaine 14/2219", "T. Kelly No. 4471".
_NUMBER_AFTER = re.compile(
    r"(?<=[a-z'’.])[,\s]+(?:no\.?\s*)?\d{3,7}(?:/\d{1,6})?\.?$|(?<=[a-z'’])[,\s]+\d{1,3}/\d{3,6}\.?$", re.I
)
# A soldier's number before his rank: "No. 1234 Pte T. Kelly", "4471 Sergt. Byrne".
_SERVICE_NUMBER = re.compile(
    r"^(?:no\.?\s*)?\d{2,7}\s+(?=(?:pte|private|cpl|corporal|l/cpl|sgt|sergt|sergeant|gunner|gnr|rfn|spr|dvr|trooper|tpr)\b)"
    # A prisoner's or internee's number before his name: "No. 42 Michael Colgan", "Q 1023 J. Ryan".
    r"|^(?:(?:convict|prisoner)\s+)?(?:no\.?|q\.?)\s*\d{1,6}[,.]?\s+(?=[A-Z])",
    re.I,
)


PET_FORM_MAX = 8
_PET_FORM = re.compile(r"(?:ie|y|ey|een|ín)$")


def is_pet_form(word: str) -> bool:
    """ "Kitty", "Mickie", "Willie", "Maureen": short first names of the family ("Mountford" is none).
    A pet form ending "-ey" is short ("Joey"); past four letters the ending is a surname's ("Mulvey",
    "Dempsey", "Kearney", "Hickey")."""
    if len(word) > SHORT_PET_FORM and word.lower().endswith("ey"):
        return False
    return bool(_PET_FORM.search(word)) and len(word) < PET_FORM_MAX


SHORT_PET_FORM = 4


# Given names common in Ireland and Britain in the letters' period, of five letters or more (shorter
# ones a bare-surname salutation never takes): "Dear James" greets kin or a friend, never a surname.
_GIVEN_NAMES = {
    "james", "william", "patrick", "thomas", "michael", "joseph", "edward", "george", "charles", "henry",
    "robert", "richard", "daniel", "peter", "francis", "frank", "arthur", "albert", "alfred", "frederick",
    "walter", "harold", "ernest", "herbert", "stephen", "matthew", "martin", "andrew", "denis", "dennis",
    "timothy", "jeremiah", "cornelius", "eamon", "eamonn", "seamus", "padraig", "eugene", "laurence",
    "lawrence", "christopher", "anthony", "philip", "vincent", "gerald", "maurice", "nicholas", "bernard",
    "kevin", "brendan", "terence", "desmond", "david", "samuel", "benjamin", "diarmuid", "dermot",
    "margaret", "catherine", "kathleen", "bridget", "annie", "elizabeth", "ellen", "helen", "julia",
    "johanna", "hannah", "sarah", "agnes", "alice", "teresa", "josephine", "winifred", "dorothy", "edith",
    "florence", "grace", "louisa", "norah", "eileen", "emily", "ethel", "frances", "gertrude",
    "harriet", "isabel", "lilian", "mabel", "marion", "muriel", "violet", "sheila", "honor", "bessie",
}  # fmt: skip


def is_given_name(word: str) -> bool:
    """A common given name of the period ("James", "Kathleen"), never greeted alone as a surname."""
    return word.lower() in _GIVEN_NAMES


def _unglued(word: str) -> str:
    """Initials written onto the surname: "RCrowther" → "R. Crowther", "BSpenlow" → "B. Spenlow"."""
    m = _GLUED.match(word)
    return f"{'. '.join(m.group(1))}. {m.group(2)}" if m else word


def _run_of_initials(word: str, shouting: bool) -> bool:
    if not re.fullmatch(r"[A-Z]{2,3}", word):
        return False
    if not shouting:
        return True
    lower = word.lower()
    titled = is_title(word) or lower in _PARTICLES or lower in ("mc", "mac", "st")
    # Two capitals before the surname are initials even with a vowel ("EA BURKE", "OJ NOLAN"): no
    # name of two letters signs a letter, but a small word of a style may stand there ("OF").
    two = len(word) == 2 and lower not in _SMALL_WORDS
    return not titled and (two or not re.search(r"[AEIOUY]", word))


_SMALL_WORDS = {"of", "on", "to", "at", "by", "in", "an", "or", "is", "my", "no", "do", "so", "am", "be"}


def is_title(word: str) -> bool:
    """ "Capt.", "Sir", and joined ranks such as "Lieutenant-Colonel" or "Lt.-Col."."""
    parts = [x for x in word.lower().split("-") if x]
    return bool(parts) and all(
        x.rstrip(".") in HONORIFICS or x.rstrip(".") in _OLD_TITLES or x.rstrip(".") in _RANKS for x in parts
    )


_RANKS = {
    "brig",
    "lieutenant",
    "colonel",
    "major",
    "general",
    "col",
    "lt",
    "gen",
    "brigadier",
    "vice",
    "rear",
    "admiral",
}
