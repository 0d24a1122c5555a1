"""Dates as letters write them ("4th December 2009", "12/03/2024"), read day-first as in the UK."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ingest.conventions.markup import plain

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"

# Each pattern names its day, month and year groups; all are linear (no nested repetition).
_PATTERNS = (
    re.compile(
        rf"\b{_WEEKDAY}(?:the\s+)?(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{_MONTH})\.?,?\s+(?P<y>\d{{4}})\b",
        re.I,
    ),
    re.compile(rf"\b{_WEEKDAY}(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<d>\d{1,2})(?P<sep>[/.])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})\b"),
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
)
_LABEL = re.compile(r"^(?:dated?|sent)\b\s*:?\s*", re.I)


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    iso: str


def find_dates(text: str) -> list[DateMatch]:
    """Every valid date in `text` in order; impossible ones (31/02/2024) are skipped."""
    found: list[DateMatch] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso(m.group("y"), m.group("m"), m.group("d"))
            if iso:
                found.append(DateMatch(m.start(), m.end(), iso))
    found.sort(key=lambda d: (d.start, -d.end))
    out: list[DateMatch] = []
    for d in found:
        if not out or d.start >= out[-1].end:
            out.append(d)
    return out


def date_line(line: str) -> str | None:
    """The ISO date when the line is only a date (optionally "Date:"), else None."""
    s = _LABEL.sub("", plain(line)).strip(" .,")
    dates = find_dates(s)
    return dates[0].iso if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(s) else None


def labelled_date(line: str) -> str | None:
    """The date of a "Date: …" or "Sent: …" line even with a time after it (email headers)."""
    s = plain(line)
    m = _LABEL.match(s)
    if not m or not m.group(0).strip():
        return None
    dates = find_dates(s[m.end() :])
    return dates[0].iso if dates and dates[0].start <= 12 else None


def parse_iso(value: str) -> str | None:
    """`value` when it is a real date written YYYY-MM-DD, else None."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    return _iso(m.group(1), m.group(2), m.group(3)) if m else None


def _iso(year: str, month: str, day: str) -> str | None:
    m = int(month) if month.isdigit() else _MONTHS[month[:3].lower()]
    try:
        d = dt.date(int(year), m, int(day))
    except ValueError:
        return None
    return d.isoformat() if 1800 <= d.year <= 2200 else None
