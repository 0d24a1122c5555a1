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
        or re.search(r"[\d()]", s)
    ):
        return False
    return is_role(s) or bool(_OFFICE_WORD.search(s))


MAX_OFFICE_WORDS = 9
