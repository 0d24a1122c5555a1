"""Which date a letter bears: its date line at the head (or foot), not a registry stamp or a date it cites.

A date line holds a date and little else: a place ("ATHLONE, 26th day of June, 1916."), a weekday
or a "Date:" label. A date inside a sentence ("your letter of the 3rd") is a reference; a stamp
("Registered, -5 JUN. 1916", "3482 - 21FEB1916") is when the letter was received.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.records import DateKind
from ingest.conventions.dates import UK, DateMatch, DateOrder, DateReading, century_of, find_dates, find_days
from ingest.conventions.frame import Frame
from ingest.conventions.markup import plain

_STAMP = re.compile(
    r"\b(?:regd?|registered|received|recd|rec['’]d|answered|ansd|ack(?:nowledged|d)?|filed|entered)\b"
    r"|\b\d{1,2}\s?(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\.?\s?\d{4}\b",
)
_FILLER = {
    "date",
    "dated",
    "the",
    "day",
    "of",
    "on",
    "this",
    "at",
    "and",
    "am",
    "pm",
    "a.m",
    "p.m",
    "nr",
    "near",
}
_WEEKDAYS = re.compile(r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?$", re.I)
_FOUR_DIGITS = re.compile(r"(?<![\d/.-])(1[89]\d\d|20\d\d)(?![\d/])")
_YEAR_ALONE = re.compile(r"^(1[89]\d\d|20\d\d)\.?$")
# A date line's place and label take a few words; more is a sentence that mentions a date.
MAX_OTHER_WORDS = 6
FOOT_LINES = 6


@dataclass(frozen=True)
class Dated:
    iso: str
    kind: DateKind


def letter_date(frame: Frame, reading: DateReading = UK) -> Dated | None:
    """The date line of the header, else of the foot; a received stamp only when there is no date line."""
    text = "\n".join(frame.lines)
    century = reading.century or century_of(text)
    order = reading.order
    tail = frame.lines[-FOOT_LINES:] if frame.closing is None else frame.foot
    # In the header, the date line nearest the salutation (office notes and stamps sit above it);
    # at the foot, the first one.
    for lines, pick in ((frame.header, -1), (tail, 0)):
        found = [d for d in (_date_line(x, order, century) for x in lines) if d]
        if found:
            return Dated(found[pick].iso, "letter")
    for k in range(len(frame.header)):
        iso = _without_year(frame.header, k, text)
        if iso:
            return Dated(iso, "letter")
    for line in (*frame.header, *tail):
        if _STAMP.search(line):
            dates = find_dates(line, order=order, century=century)
            if dates:
                return Dated(dates[0].iso, "received")
    return None


def _date_line(line: str, order: DateOrder, century: int | None) -> DateMatch | None:
    """The date of a line that is a date line, not a stamp, a reference number or prose."""
    s = plain(line)
    if _STAMP.search(s):
        return None
    dates = find_dates(s, order=order, century=century)
    if len(dates) != 1:
        return None
    d = dates[0]
    return d if _only_place_and_label(s[: d.start] + " " + s[d.end :]) else None


def _only_place_and_label(rest: str) -> bool:
    words = [w for w in re.split(r"[\s,.;:()\[\]'’\"—–-]+", rest) if w]
    other = [w for w in words if w.lower() not in _FILLER and not _WEEKDAYS.match(w)]
    lower = [w for w in other if w[:1].islower()]
    return (
        len(other) <= MAX_OTHER_WORDS and len(lower) <= 1 and not any(ch.isdigit() for w in other for ch in w)
    )


def _without_year(header: Sequence[str], k: int, text: str) -> str | None:
    """ "May 12" alone on its line, in the year written on the next (or previous) line, else the
    year the letter writes most ("1916" in a stamp or the body)."""
    line = plain(header[k])
    year = next(
        (
            int(m.group(1))
            for j in (k + 1, k - 1)
            if 0 <= j < len(header)
            for m in [_YEAR_ALONE.match(header[j])]
            if m
        ),
        None,
    ) or _usual_year(text)
    if year is None:
        return None
    days = find_days(line, year)
    if len(days) != 1 or not _only_place_and_label(line[: days[0].start] + " " + line[days[0].end :]):
        return None
    return days[0].iso


def _usual_year(text: str) -> int | None:
    years = [int(y) for y in _FOUR_DIGITS.findall(text)]
    return max(set(years), key=years.count) if years else None
