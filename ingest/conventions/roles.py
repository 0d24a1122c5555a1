"""Job titles ("Leader of the Council", "Deputy Director: …") as opposed to names and organisations."""

from __future__ import annotations

import re

_ROLE = re.compile(
    r"\b(?:director|leader|head|chief|manager|officer|minister|secretary|chair|chairman|chairwoman"
    r"|chairperson|president|deputy|assistant|adviser|advisor|lead|member|mayor|clerk|commissioner"
    r"|co-?ordinator|administrator|principal|headteacher|consultant|governor|inspector|solicitor"
    r"|controller|treasurer|superintendent|constable|spokesperson|portfolio|analyst|specialist"
    r"|executive|vice|under-secretary|registrar|ombudsman|editor|partner|founder|trustee|representative)\b",
    re.I,
)
# Words that end a wrapped line mid-phrase ("Minister of State for Children, Young People and").
_WRAPPED = re.compile(r"(?:\b(?:and|of|for|the|to|in|on|with|&)|[,:–-])$", re.I)


def is_role(line: str) -> bool:
    return bool(_ROLE.search(line))


def continues(line: str, following: str) -> bool:
    """`following` is the rest of a phrase that `line` wrapped."""
    return bool(_WRAPPED.search(line.strip())) or following[:1].islower()


# Offices as they are shortened after a name: "John Kelly, Solr.", "T. Byrne, Supt.".
SHORT_OFFICES = r"solrs?|treas|supt|clk|insp|asst|commr|regr"
# Offices that sign or receive letters of any period ("Clerk of Union", "Hon. Sec.", "The Commandant").
_OFFICE_WORD = re.compile(
    r"\b(?:secretary|secretaries|secs?|secys?|undersecretary|clerk|registrar|inspectors?|governor|commandant"
    r"|superintendent|solicitor|sheriff|chairman|matron|master|engineer|surveyor|agent|accountant|treasurer"
    r"|commissioners?|president|director|manager|officer|controller|guardians|lieutenant|commander"
    r"|general|provost|provincial|mayor|chief|assistant|deputy|adjutant|paymaster|postmaster|magistrate|crown"
    r"|quartermaster|coroner|auditor|bursar|collector|archdeacon|censor|warden|comptroller|recorder"
    r"|mother\s+superior|superioress|prioress|abbess"
    # In Irish: minister, secretary, chairman, president, treasurer, head ("Ceann Briogáide").
    r"|aire|rúnaí|runai|rúnaidhe|cathaoirleach|uachtarán|uachtaran|cisteoir|ceann"
    rf"|{SHORT_OFFICES})\b",
    re.I,
)


def is_office(line: str) -> bool:
    """A line naming an office rather than a person: "Clerk of Union.", "Hon. Sec.", "Surgeon General"."""
    s = line.strip(" ,.;:")
    if (
        not s
        or len(s) > 70
        or len(s.split()) > MAX_OFFICE_WORDS
        or s[:1].islower()
        or (re.search(r"[\d()]", s) and not by_initials(s))
    ):
        return False
    return is_role(s) or bool(_OFFICE_WORD.search(s)) or by_initials(s)


def spelled_out(office: str) -> str:
    """An office written by its initials, spelled out: "The D.I." → "The District Inspector", "O.C. 4th
    Battalion" → "The Officer Commanding, 4th Battalion"."""
    s = office.strip(" ,.;:")
    m = _OFFICE_INITIALS.match(s) or (_UNIT_OF_INITIALS.match(s) if _UNIT.search(s) else None)
    if not m:
        return office
    key = re.sub(r"[^A-Z]", "", m.group(0).upper().removeprefix("THE"))
    rest = s[m.end() :].strip(" ,.")
    return f"The {_INITIALS_SPELLED[key]}" + (f", {rest}" if rest else "")


def by_initials(line: str) -> bool:
    """An office written by its initials, alone or with its unit: "O.C.", "The D.I.", "O/C 3rd Battalion",
    "O.C. Brigade" (never "O/C Tierney", a man)."""
    s = line.strip(" ,.;:")
    return bool(_OFFICE_INITIALS.match(s) or (_UNIT_OF_INITIALS.match(s) and _UNIT.search(s)))


# The units an officer commands or an inspector's district: "O.C. 2nd Battalion", "O/C "B" Company".
_UNIT = re.compile(
    r"\b(?:battalion|batt|bn|brigade|bde|company|coy|division|div|regiment|regt|column|squadron|battery"
    r"|depot|platoon|section|district|area)\b\.?",
    re.I,
)
_UNIT_OF_INITIALS = re.compile(r"^(?:the\s+)?(?:D\.I|C\.I|O\.C|O/C|I\.G)\.?(?=[\s,]|$)", re.I)


_INITIALS_SPELLED = {
    "DI": "District Inspector", "CI": "County Inspector", "OC": "Officer Commanding",
    "IG": "Inspector General",
}  # fmt: skip
# Offices the police and the army write by their initials: "The D.I.", "C.I.", "O.C. 2nd Battalion",
# "O/C"; never before a surname alone ("O/C Tierney" is a man).
_OFFICE_INITIALS = re.compile(
    r"^(?:the\s+)?(?:D\.I|C\.I|O\.C|O/C|I\.G)\.?(?=[\s,]|$)(?!\s+[A-Z][a-z'’]+\s*$)", re.I
)


MAX_OFFICE_WORDS = 9
