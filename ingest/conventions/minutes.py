"""Office minutes written under a letter after it arrived: a line to an official, a direction, the
initials of who wrote it and its date ("Under Secretary / Seen. / M. N. / 5.8.16 / Put by. / W. P. B.
9/8"). They are the office's, not the writer's: under them the letter's signature, addressee and
date are no longer its last lines, so the frame reads the letter without them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.conventions.dates import date_line, is_stamp
from ingest.conventions.markup import plain
from ingest.conventions.roles import by_initials, is_office

# A direction or a note of what was done, alone on its line: "Seen.", "Put by.", "B.U. 14 days",
# "For observations please.", "Returned with report.", "Inform him accordingly".
_DIRECTION = re.compile(
    r"^(?:seen|noted|forwarded|put\s+(?:by|away)|b\.?\s?/?\s?u\.?|bring\s+up|submitted|approved|sanctioned|agreed"
    r"|inform|reply|answer|returned|pass(?:ed)?|print|no\s+action|please\s+see|see\s+(?:above|below|within)"
    r"|for\s+(?:observations?|report|information|perusal|favour|necessary|disposal|your|the|approval|sanction)"
    r")\b",
    re.I,
)
MAX_DIRECTION_WORDS = 10
# Who wrote a minute, by initials, with its date or not: "M. N.", "W. P. B. 9/8", "J.B. 6/5/16"; or by
# name and the initials of his rank: "E. Vaughan D.I.", "J. Moran C.I. 4/1/17".
_DATE_AFTER = r"(?:\s*[,-]?\s*\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\.?)?$"
_INITIALS = re.compile(r"^(?:[A-Z]\.?\s?){2,4}\.?" + _DATE_AFTER)
_NAME_AND_RANK = re.compile(r"^(?:[A-Z]\.\s?){1,3}[A-Z][a-z'’]+\s+(?:[A-Z]\.){2,3}" + _DATE_AFTER)
# An official a minute is written to, by office or initials: "Under Secretary", "I.G.", "C.S."
MAX_OFFICE_WORDS = 4


def _direction(s: str) -> bool:
    return len(s.split()) <= MAX_DIRECTION_WORDS and bool(_DIRECTION.match(s))


def _kind(line: str) -> str:
    """What a line of a minute is: "direction", "initials", "date", "office", "stamp", or "" (none)."""
    s = plain(line).strip()
    if _direction(s):
        return "direction"
    if by_initials(s):
        return "office"  # "C.I.", "The D.I.": an office by its initials, as a minute is written to it
    if _INITIALS.match(s) or _NAME_AND_RANK.match(s):
        return "initials"
    if date_line(s):
        return "date"
    if is_stamp(s):
        return "stamp"
    if len(s.split()) <= MAX_OFFICE_WORDS and is_office(s) and not s.endswith(","):
        return "office"
    return ""


def minutes_start(lines: Sequence[str]) -> int:
    """Where the office minutes under a letter begin (`len(lines)` when there are none): the last lines
    that are all directions, initials, dates, stamps and offices, holding at least one direction and
    one set of initials (so a signature "J. T. Burns / Lieut & Adjt." or a letter ending on initials is
    no minute). The letter's own date line, initials and office above the first direction stay the
    letter's: the minutes begin at a direction, or at the office it is written to just above it."""
    kinds: list[str] = []
    start = len(lines)
    while start > 0 and (kind := _kind(lines[start - 1])):
        kinds.insert(0, kind)
        start -= 1
    if "direction" not in kinds or "initials" not in kinds:
        return len(lines)
    first = kinds.index("direction")
    # A minute is written to someone ("Under Secretary" / "Seen."); initials above the first direction
    # are the signer's ("EOF" / "Seen." / "M. N."), as a minute's initials stand under its direction.
    if first > 0 and kinds[first - 1] == "office":
        first -= 1
    if "initials" not in kinds[first:]:
        return len(lines)
    return start + first
