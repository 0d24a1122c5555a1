"""Organisation names: lines that are one, councils named in prose, and "Leeds CC" expanded."""

from __future__ import annotations

import re
from collections import Counter

from ingest.conventions.addresses import is_contact
from ingest.conventions.roles import is_role

_ORG_WORD = re.compile(
    r"\b(?:council|department|ministry|authority|agency|trust|police|constabulary|commission|ltd|limited"
    r"|plc|llp|university|college|partnership|association|society|foundation|institute|nhs|government"
    r"|office|inspectorate|ofsted|directorate|corporation|corp|inc|llc|company|group|holdings|bank|committee"
    r"|board|services?|federation|union"
    # In Irish: the assembly, a ministry or department, a council, a society ("Dáil Éireann", "Aireacht
    # Gnóthaí Baile", "Roinn Talmhaíochta", "Comhairle Chontae", "Cumann").
    r"|d[aá]il|aireacht|roinn|comhairle|cumann)\b",
    re.I,
)
_OFFICE = re.compile(r"(?:['’]s\s+office|^private\s+office|^office\s+of\b.*)$", re.I)
_COUNCIL_KINDS = {"City", "County", "Borough", "District", "Metropolitan", "Town", "Parish", "Royal"}
_CONNECTORS = {"and", "&", "upon", "on", "of", "under"}
_NOT_PLACES = {"The", "This", "That", "Our", "Your", "My", "Their", "Its", "A", "An", "Each", "Council"}
_ABBREVIATIONS = (
    (re.compile(r"\bMBC\b"), "Metropolitan Borough Council"),
    (re.compile(r"\bCC\b"), "City Council"),
    (re.compile(r"\bBC\b"), "Borough Council"),
    (re.compile(r"\bDC\b"), "District Council"),
)


def office_of(line: str) -> str | None:
    """An office within an organisation: "Leader's Office", "Private Office"."""
    s = line.strip(" ,.")
    return s if _OFFICE.search(s) else None


# A copy's or a file's label in capitals heads the page; it names no one ("COPY" was the sender's
# organisation on 7 of 613 dev and invented letters).
_LABELS = frozenset({"COPY", "MEMO", "NOTE", "FILE", "SEEN", "SENT", "PAID", "READ", "OVER"})


def is_acronym(word: str) -> bool:
    """Short, several capitals, one word: "DfE", "DCSF", "NHS"; not a label such as "COPY"."""
    w = word.strip(" ,.")
    return (
        w.upper() not in _LABELS
        and 2 <= len(w) <= 6
        and " " not in w
        and w.isalpha()
        and sum(ch.isupper() for ch in w) >= 2
        and (len(w) <= 4 or not w.isupper())
    )


def is_organisation(line: str) -> bool:
    """A line naming an organisation ("Leeds City Council", "Department for Education", "DfE")."""
    s = line.strip(" ,.")
    if s.startswith("(") and s.endswith(")"):
        s = s[1:-1].strip(" ,.")  # a letterhead's gloss in brackets: "(Department of Home Affairs.)"
    if not s or not s[0].isupper() or len(s) > 100 or re.search(r"[:;!?]|\.\s", s):
        return False  # a sentence or a "Subject:" line is no organisation's name
    if office_of(s) or is_contact(s) or any(ch.isdigit() for ch in s):
        return False
    if councils_in(s):
        return True
    return is_acronym(s) or (bool(_ORG_WORD.search(s)) and not is_role(s))


def expand(org: str) -> str:
    """Council abbreviations written out: "Leeds CC" → "Leeds City Council"."""
    out = org.strip()
    for pattern, full in _ABBREVIATIONS:
        out = pattern.sub(full, out)
    return out


def councils_in(text: str) -> list[str]:
    """Every named council in `text` in order ("Leeds City Council"); "the Council" names none."""
    out = []
    for m in re.finditer(r"\bCouncil\b", text):
        words = text[max(0, m.start() - 80) : m.start()].split()
        name: list[str] = []
        for word in reversed(words[-6:]):
            connector = word in _CONNECTORS and bool(name)
            if connector or (re.fullmatch(r"[A-Z][\w'’-]*", word) and word not in _NOT_PLACES):
                name.insert(0, word)
            else:
                break
        while name and name[0] in _CONNECTORS:
            name.pop(0)
        if any(w not in _COUNCIL_KINDS for w in name):
            out.append(" ".join([*name, "Council"]))
    return out


def main_council(text: str, hints: str = "") -> str | None:
    """The council `text` names most, preferring one whose place appears in `hints` (a letterhead)."""
    counts = Counter(councils_in(text))
    if not counts:
        return None
    hint_words = set(re.findall(r"[a-z]+", hints.lower()))

    def score(name: str) -> tuple[int, int]:
        place = {w.lower() for w in name.split() if w not in _COUNCIL_KINDS and w != "Council"}
        return (int(bool(place & hint_words)), counts[name])

    return max(counts, key=score)


def place_in(council: str, hints: str) -> bool:
    """The council's place name appears in `hints` ("Leeds City Council" and "LEEDS LS1 1UR")."""
    place = {w.lower() for w in council.split() if w not in _COUNCIL_KINDS and w != "Council"}
    return bool(place & set(re.findall(r"[a-z]+", hints.lower())))
