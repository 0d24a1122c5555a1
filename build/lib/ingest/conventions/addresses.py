"""Cues that a line is part of a postal address or a contact line (tel, fax, email, web)."""

from __future__ import annotations

import re

_CONTACT = re.compile(
    r"^(?:tel|telephone|phone|fax|facsimile|mobile|mob|e-?mail|web|website|minicom|textphone|dx|switchboard)\b"
    r"|@|\bwww\.|https?://",
    re.I,
)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_STREET = re.compile(
    r"\b(?:street|st|road|rd|lane|avenue|ave|way|place|square|sq|buildings?|house|hall|floor|court|drive"
    r"|close|terrace|crescent|row|walk|gardens|centre|center|parade|quay|wharf|mews|hill|green|gate|yard"
    r"|embankment|tower|chambers|po\s+box|estate)\b\.?",
    re.I,
)


def is_contact(line: str) -> bool:
    return bool(_CONTACT.search(line))


def is_postal(line: str) -> bool:
    """Street, building, floor, town-in-capitals or postcode: where, not who."""
    s = line.strip(" ,.")
    if not s:
        return False
    if _POSTCODE.search(s) or s[0].isdigit() or _STREET.search(s):
        return True
    # A town alone on its line, in capitals ("LEEDS") or not ("Westminster"); "DfE" is no place.
    return len(s.split()) == 1 and (s.isupper() or not _has_two_capitals(s))


def _has_two_capitals(word: str) -> bool:
    """Acronyms such as "DfE" or "DCSF" name organisations, not places."""
    return sum(ch.isupper() for ch in word) >= 2
