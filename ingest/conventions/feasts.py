"""Dates written as the Church's calendar names them: "Feast of St Brigid 1917", "Easter Monday 1916".

Clergy and religious dated letters so. Only a line that is a feast and a four-digit year is read
(a feast in prose, "since Christmas", dates nothing); movable feasts are counted from Easter.
"""

from __future__ import annotations

import datetime as dt
import re

from ingest.conventions.dates import DateMatch

# Fixed feasts of the Irish and English calendar: (month, day).
_FIXED = {
    r"new\s+year['’]?s?\s+day": (1, 1),
    r"(?:the\s+)?epiphany|little\s+christmas": (1, 6),
    r"st\.?\s+brigid['’]?s?|st\.?\s+bridget['’]?s?|st\.?\s+bride['’]?s?": (2, 1),
    r"candlemas|(?:the\s+)?purification": (2, 2),
    r"st\.?\s+patrick['’]?s?": (3, 17),
    r"lady\s+day|(?:the\s+)?annunciation": (3, 25),
    r"midsummer(?:\s+day)?|st\.?\s+john\s+the\s+baptist|(?:the\s+)?nativity\s+of\s+st\.?\s+john": (6, 24),
    r"(?:ss?t?s?\.?\s+)?peter\s+(?:and|&)\s+paul": (6, 29),
    r"lammas": (8, 1),
    r"(?:the\s+)?assumption|lady\s+day\s+in\s+harvest": (8, 15),
    r"michaelmas|st\.?\s+michael['’]?s?": (9, 29),
    r"all\s+saints['’]?": (11, 1),
    r"all\s+souls['’]?": (11, 2),
    r"martinmas|st\.?\s+martin['’]?s?": (11, 11),
    r"(?:the\s+)?immaculate\s+conception": (12, 8),
    r"christmas(?:\s+day)?": (12, 25),
    r"st\.?\s+stephen['’]?s?": (12, 26),
}
# Movable feasts: days after Easter Sunday.
_MOVABLE = {
    r"ash\s+wednesday": -46,
    r"palm\s+sunday": -7,
    r"holy\s+thursday|maundy\s+thursday": -3,
    r"good\s+friday": -2,
    r"easter(?:\s+sunday)?": 0,
    r"easter\s+monday": 1,
    r"ascension(?:\s+thursday)?": 39,
    r"whit\s*sunday|pentecost": 49,
    r"whit\s*monday": 50,
    r"corpus\s+christi": 60,
}
_FEAST = r"(?:(?:the\s+)?feast\s+of\s+(?:the\s+)?)?(?P<name>{})(?:\s+day)?"
_YEAR = r",?\s*(?P<y>1[89]\d\d|20\d\d)"


def _whole(names: str) -> re.Pattern[str]:
    return re.compile(_FEAST.format(names) + _YEAR, re.I)


_FIXED_LINE = [(_whole(k), v) for k, v in _FIXED.items()]
_MOVABLE_LINE = [(_whole(k), v) for k, v in _MOVABLE.items()]


def easter(year: int) -> dt.date:
    """Easter Sunday of `year` in the Gregorian calendar (the anonymous computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the computus's own letters
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return dt.date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


def feast_line(line: str) -> DateMatch | None:
    """The date of a line that is a feast day and its year and nothing else, else None."""
    s = line.strip(" .,;:")
    for pattern, days in _MOVABLE_LINE:
        if m := pattern.fullmatch(s):
            day = easter(int(m.group("y"))) + dt.timedelta(days=days)
            return DateMatch(0, len(s), day.isoformat())
    for pattern, (month, day_of_month) in _FIXED_LINE:
        if m := pattern.fullmatch(s):
            return DateMatch(0, len(s), dt.date(int(m.group("y")), month, day_of_month).isoformat())
    return None
