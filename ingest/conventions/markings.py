"""Protective markings where letters carry them: a line of its own, a mail subject, a marking header.

The grammar itself is index.markings (index.clearance ranks by it); this module finds markings in
the ways letters are written and returns them in normal form ("OFFICIAL-SENSITIVE – COMMERCIAL").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.clearance import DEFAULT_LEVELS, Levels
from index.markings import normalise_text, parse_lead, parse_line, parse_value
from ingest.conventions.markup import plain

# What the grammar reads, for messages that ask for a marking (sidecars).
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
GRAMMAR_HINT = (
    f"one of {', '.join(KNOWN_MARKINGS)}, optionally with a national prefix (UK, NATO, EU) and "
    "descriptors or caveats such as COMMERCIAL, PERSONAL, UK EYES ONLY, STRAP 1"
)
# Which of a letter's markings is its own: the highest, in the default order of levels.
_ORDER = Levels(DEFAULT_LEVELS)
_REPLY_PREFIX = re.compile(r"^(?:(?:re|fwd?|aw|sv|tr)\s*(?:\[\d+\])?\s*:\s*)+", re.I)
_TAG = re.compile(r"\[([^\[\]]{1,80})\]|\(([^()]{1,80})\)")
_SUBJECT_SEPARATOR = re.compile(r":|\s-\s|//")
_SEC = re.compile(r"(?:^|[;,\s])SEC\s*=\s*([^;,]+)", re.I)


def marking_of(line: str) -> str | None:
    """The normalised marking when the whole line is one, else None ("not confidential" is not).

    A marking-like line the grammar does not understand ("SECRET – FOO") is returned too; it
    ranks as the highest level.
    """
    found = parse_line(plain(line))
    return str(found) if found else None


def normalise_marking(value: str) -> str | None:
    """A marking written any way ("official sensitive") in its standard form, or None if the
    grammar does not understand all of it."""
    found = parse_value(value)
    return str(found) if found and found.understood else None


def subject_markings(subject: str) -> list[str]:
    """Markings a mail subject carries: "[SECRET] Budget", "OFFICIAL-SENSITIVE: Budget", "Re: … (SECRET)"."""
    s = _REPLY_PREFIX.sub("", normalise_text(subject))
    parts = _SUBJECT_SEPARATOR.split(s)
    candidates = [a or b for a, b in _TAG.findall(s)]
    candidates += [parts[0], parts[-1]] if len(parts) > 1 else []
    found = [parse_line(c) for c in candidates] + [parse_lead(s)]
    return [str(m) for m in found if m]


def header_marking(value: str) -> str | None:
    """An X-Protective-Marking header ("VER=2012; NS=UK; SEC=SECRET; ORIGIN=…", or a bare marking)."""
    sec = _SEC.search(value)
    found = parse_value(sec.group(1) if sec else value)
    return str(found) if found else None


def highest_marking(text: str, carried: Iterable[str] = ()) -> str | None:
    """The letter's marking: the highest of every marking line in `text` and those its format carries."""
    lines = (marking_of(line) for line in text.split("\n") if line.strip())
    return _ORDER.highest([*carried, *lines])
