"""Protective markings ("CONFIDENTIAL", "OFFICIAL-SENSITIVE") standing on a line of their own."""

from __future__ import annotations

import re

from ingest.conventions.markup import plain

KNOWN_MARKINGS = (
    "TOP SECRET",
    "SECRET",
    "OFFICIAL-SENSITIVE",
    "OFFICIAL",
    "PRIVATE AND CONFIDENTIAL",
    "CONFIDENTIAL",
    "RESTRICTED",
    "PROTECT",
)

# A qualifier such as "PROTECT – PERSONAL" or "OFFICIAL-SENSITIVE: COMMERCIAL" may follow the marking.
_MARKING = re.compile(
    r"(top\s+secret|secret|official[\s-]+sensitive|official|private\s*(?:and|&)\s*confidential"
    r"|confidential|restricted|protect)"
    r"(?:\s*[-–—:]\s*([a-z][a-z /&-]{0,40}))?",
    re.IGNORECASE,
)


def marking_of(line: str) -> str | None:
    """The normalised marking when the whole line is one, else None ("not confidential" is not)."""
    s = plain(line).strip(" .[]()*")
    m = _MARKING.fullmatch(s)
    return _normalise(m.group(1), m.group(2)) if m else None


def normalise_marking(value: str) -> str | None:
    """A marking written any way ("official sensitive") in its standard form, or None if unknown."""
    return marking_of(value)


def _normalise(base: str, qualifier: str | None) -> str:
    name = " ".join(base.upper().replace("&", " AND ").split())
    name = re.sub(r"OFFICIAL[\s-]+SENSITIVE", "OFFICIAL-SENSITIVE", name)
    if qualifier and qualifier.strip():
        return f"{name} – {' '.join(qualifier.upper().split())}"
    return name
