"""Dates as letters write them: "4th December 2009", "Feby 8th 1916", "25/4/16", "27-II.-16", "the 10th inst."

Numeric dates are read in the locale's day/month order (`order`, "DMY" in the UK, "MDY" in the
US); a part above 12 settles it either way. A two-digit year is the year nearest a pivot (`near`):
the middle of the collection's century when it is set, else the years the letter writes in full
(`usual_year`: "took my degree in 1893" makes "June 19th 16" 1916), else today. A match says when its
year was written short (`short_year`), so that a run over a whole corpus can put that last guess
right from the corpus's own years (`corpus_year`, `moved_near`: ingest.pipeline.settle_centuries).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ingest.conventions.markup import plain

DateOrder = Literal["DMY", "MDY"]

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    "mch": 3, "apl": 4, "jly": 7,
}  # fmt: skip
_ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
    "xi": 11,
}
_ROMAN["xii"] = 12
# Irish month names, with or without their accents ("Márta 2 1916", "2 Bealtaine 1916").
_IRISH = {
    "eanair": 1, "feabhra": 2, "marta": 3, "aibrean": 4, "bealtaine": 5, "meitheamh": 6, "iuil": 7,
    "lunasa": 8, "mean fomhair": 9, "deireadh fomhair": 10, "samhain": 11, "nollaig": 12,
    # the genitive, after "mí na" ("the month of"): "Mí na Samhna", "Mí na Nollag", "Mí Aibreáin"
    "samhna": 11, "nollag": 12, "aibreain": 4, "meithimh": 6,
    "iul": 7,  # "Iúl", as the older spelling writes July
}  # fmt: skip
_IRISH_MONTH = (
    r"(?:ean[aá]ir|feabhra|m[aá]rta|aibre[aá]n|bealtaine|meitheamh|i[uú]il|i[uú]l|l[uú]nasa|me[aá]n\s+f[oó]mhair"
    r"|deireadh\s+f[oó]mhair|samhain|nollaig|samhna|nollag|aibre[aá]in|meithimh)"
)
# Month words with the abbreviations of the time: "Jany", "Feby", "Febry", "Apl", "Augt", "Septr", "Octr".
_MONTH = (
    r"(?:jan(?:uary|ry|['’]?y)?|feb(?:ruary|ry|['’]?y|r)?|mar(?:ch)?|mch|apr(?:il|l)?|apl|may|june?|july?|jly"
    r"|aug(?:ust|st|t)?|sep(?:t(?:ember|r|br)?|r)?|oct(?:ober|obr|ob|o|r)?|nov(?:ember|r|br|b)?"
    rf"|dec(?:ember|r|br|b)?|{_IRISH_MONTH}"
    # "Ap." for April (with its stop: "ap" alone is no month), and the old "7ber"–"Xber" for
    # September to December (septem, octo, novem, decem: the seventh to tenth months of the old year).
    r"|ap(?=\.)|(?:7|8|9|10|x)ber)"
)
_OLD_MONTHS = {"ap": 4, "7ber": 9, "8ber": 10, "9ber": 11, "10ber": 12, "xber": 12}
_ROMAN_MONTH = r"(?:xii|xi|x|ix|viii|vii|vi|v|iv|iii|ii|i)"
_WEEKDAY_WORD = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
_WEEKDAY = rf"(?:{_WEEKDAY_WORD}\.?,?\s+(?:the\s+)?)?"
# An ordinal may be glued to the month after it: "12thNov", "3 rdJune".
# Irish writes "3adh", "1ú", "22mhadh".
_ORD = r"(?:\s?(?:st|nd|rd|th|d|adh|mhadh|ú|er|re)(?=(?-i:[A-Z])|[^a-z]|$)\.?)?"
# Between a day and its year: "October 2. 1916", "Dec 13/1915", "Feb 14 — 1916", "April 10th,16".
_TO_YEAR = r"[ \t]*[.,:/—–-]?[ \t]*"
# "1916", and "19 16" / "19.16" as the pen or the transcriber split it.
_YEAR = r"(?:1[89]\d\d|20\d\d|1[89][ \t.]\d\d(?!\d))"
# "'16" anywhere; a bare "16" only at the end of the line, after a separator ("Oct 10.16"), or before
# what follows on the line when a stop closes it or an addressee block opens there ("3rd March 18.
# Mrs. Doyle, …", "3rd MARCH 18 The Clerk …": a date line and the address under it run into one line).
_SHORT_YEAR = (
    r"(?:['’]\s?\d\d|(?<=[.,:/—–'’-])[ \t]*\d\d|\d\d(?=[ \t]*[.,;)]?[ \t]*$)|\d\d(?=\.[ \t]+[A-Z])"
    r"|\d\d(?=[ \t]+(?-i:The|To|Mr|Mrs|Miss|Messrs|Dr|Sir|Rev|Dear|My)\b))"
)
# One digit ending the line after a day and month: the last digit written on a form printed "191_"
# ("6th December 5.", "19th Novr. 5"); its decade comes from the letter's or the corpus's years.
_DIGIT_YEAR = r"(?<=[ \t])\d(?=[ \t]*\.?[ \t]*$)"

# Each pattern names its day, month and year groups; all are linear (no nested repetition).
_WORD_PATTERNS = (
    # 28th April, 1916 · 26th day of June, 1916 · 3 rdJune 1916 · 2 August 17 · 30th Novr. 1915 · 12-Dec-1915
    # · 3. März 1916
    re.compile(
        rf"\b{_WEEKDAY}(?P<d>[0-3]?\d){_ORD}[ \t]*[.,/-]?[ \t]*(?:day\s+of\s+|of\s+)?"
        rf"(?P<m>{_MONTH})(?:\b|(?={_YEAR}\b))\.?"
        rf"(?:{_TO_YEAR}|[ \t]+in[ \t]+the[ \t]+year[ \t]+(?:of[ \t]+our[ \t]+lord[ \t]+)?)"
        rf"(?P<y>{_YEAR}|{_SHORT_YEAR}|{_DIGIT_YEAR})\b",
        re.I,
    ),
    # April 25th 1916 · Feby 8th, 1916 · December 4, 2009 · Oct. 16 th, '16
    re.compile(
        rf"\b{_WEEKDAY}(?P<m>{_MONTH})\b\.?,?[ \t]*(?:the\s+)?(?<!\d)(?P<d>[0-3]?\d)(?!\d){_ORD}"
        rf"{_TO_YEAR}(?P<y>{_YEAR}|{_SHORT_YEAR})\b",
        re.I,
    ),
    # Registry stamps: 21FEB1916 · -5 JUN. 1916 (caught by the first pattern too)
    re.compile(rf"\b(?P<d>[0-3]?\d)(?P<m>{_MONTH})(?P<y>{_YEAR})\b", re.I),
)
# 25/4/16 · 7-11-15 · 24.2.16 · 12/03/2024 · 26.XI.15 · 27-II.-16 · 31/12/'15 · 4/25/16 (a hand from
# America writes the month first: a second part over 12 can only be the day)
_NUMERIC = re.compile(
    rf"(?<![\w/.-])(?P<a>[0-3]?\d)(?:st|nd|rd|th)?\s?(?P<sep>[/.—–-])\s?(?P<b>[0-3]?\d|{_ROMAN_MONTH})\.?\s?(?P=sep)\s?"
    rf"(?P<y>{_YEAR}|{_SHORT_YEAR})(?![\w/-]|\.\d)",
    re.I,
)
# "23.12 1915": the year set off by a space instead of the separator; four digits only.
_NUMERIC_SPACED = re.compile(
    rf"(?<![\w/.-])(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[01]?\d|{_ROMAN_MONTH})\.?[ \t]+"
    rf"(?P<y>{_YEAR})(?![\w/-]|\.\d)",
    re.I,
)
# "24 XII 1915", "6 VI 16": a Roman month set off by spaces, in capitals only (a lower-case "vi" or
# "i" between numbers is prose).
_ROMAN_SPACED = re.compile(
    rf"(?<![\w/.-])(?P<a>[0-3]?\d)[ \t]+(?P<b>(?-i:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I))\.?[ \t]+"
    rf"(?P<y>{_YEAR}|\d\d(?=[ \t]*[.,;)]?[ \t]*$))(?![\w/-]|\.\d)",
)
_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
# A day and month with no year: "21 June", "January 11th", "Sunday Jan 9".
_NO_YEAR = (
    re.compile(rf"\b{_WEEKDAY}(?P<d>[0-3]?\d){_ORD}\s*(?:day\s+of\s+|of\s+)?(?P<m>{_MONTH})\b\.?", re.I),
    re.compile(rf"\b{_WEEKDAY}(?P<m>{_MONTH})\b\.?,?\s*(?P<d>[0-3]?\d){_ORD}(?!\s*[:\d])", re.I),
)
_LABEL = re.compile(r"^(?:dated?|sent)\b\s*:?\s*", re.I)
_FOUR_DIGIT_YEAR = re.compile(r"(?<![\d/.-])(1[89]\d\d|20\d\d)(?![\d/])")
# "the 10th instant", "of the 26th ult.", "3rd prox.": a day of this, the last or the next month.
_RELATIVE = re.compile(
    r"\b(?:the\s+)?(?P<d>[0-3]?\d)(?:\s?(?:st|nd|rd|th|d))?\.?,?\s+(?P<rel>inst(?:ant)?|ult(?:imo|o)?|prox(?:imo)?)\b\.?",
    re.I,
)


@dataclass(frozen=True)
class DateReading:
    """How a collection writes numeric dates: day/month order, and the century of two-digit years."""

    order: DateOrder = "DMY"
    century: int | None = None  # None: near the letter's four-digit years, else the corpus's, else today

    @property
    def pivot(self) -> int | None:
        """The year two-digit years fall nearest to under the setting (1950 for 1900: 1900–1999)."""
        return None if self.century is None else self.century + 50


UK = DateReading()


@dataclass(frozen=True)
class DateMatch:
    start: int
    end: int
    iso: str
    short_year: str = ""  # the digits of a year written short ("16" in "25/4/16", "5" in "6th Dec. 5")
    weekday: int | None = None  # the weekday written before a date with no year ("Sunday 22nd July": 6)


def find_dates(text: str, *, order: DateOrder = "DMY", near: int | None = None) -> list[DateMatch]:
    """Every valid date in `text` in order; impossible ones (31/02/2024) are skipped. A two-digit
    year is the one nearest the year `near` (default: today)."""
    found: list[DateMatch] = []
    text = _ordinals_as_digits(respelled(text))
    for pattern in _WORD_PATTERNS:
        for m in pattern.finditer(text):
            iso = _iso(_year(m.group("y"), near), _month(m.group("m")), int(m.group("d")))
            if iso:
                found.append(DateMatch(m.start(), m.end(), iso, _short(m.group("y"))))
    for m in (*_NUMERIC.finditer(text), *_NUMERIC_SPACED.finditer(text), *_ROMAN_SPACED.finditer(text)):
        iso = _numeric(m.group("a"), m.group("b"), m.group("y"), order, near)
        if iso:
            found.append(DateMatch(m.start(), m.end(), iso, _short(m.group("y"))))
    for m in _ISO.finditer(text):
        iso = _iso(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if iso:
            found.append(DateMatch(m.start(), m.end(), iso))
    return _leftmost_longest(found)


_UNITS = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth",
]  # fmt: skip
# A day written in words before its month, as deeds, petitions and formal letters write it: "this
# tenth day of April, 1916", "Thirtieth September, 1920", "the twenty-first of March". Only before a
# month, so "the first time" or "a second letter" stay words.
_ORDINAL_DAY = re.compile(
    rf"\b(?:(?:(?P<tens>twenty|thirty)[ \t-]?)?(?P<unit>{'|'.join(_UNITS)})|(?P<round>twentieth|thirtieth))\b"
    rf"(?=[ \t]+(?:day[ \t]+of[ \t]+|of[ \t]+)?{_MONTH}\b)",
    re.I,
)


def _ordinals_as_digits(text: str) -> str:
    """`text` with each day written in words before a month as digits ("10th"), padded with spaces to
    the same length so that positions stay those of `text`."""

    def digits(m: re.Match[str]) -> str:
        if m.group("round"):
            day = 20 if m.group("round").lower() == "twentieth" else 30
        else:
            day = _UNITS.index(m.group("unit").lower()) + 1
            day += {"twenty": 20, "thirty": 30}.get((m.group("tens") or "").lower(), 0)
        return f"{day}th".ljust(len(m.group(0))) if day <= 31 else m.group(0)

    return _YEAR_IN_WORDS.sub(_year_digits, _ORDINAL_DAY.sub(digits, text))


_NUMBER_WORDS = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]  # fmt: skip
# A deed's or petition's year in words after its month: "July, One thousand nine hundred and sixteen".
_YEAR_IN_WORDS = re.compile(
    rf"(?P<lead>\b{_MONTH}\.?[ \t,]{{1,3}})"
    r"(?:one[ \t]+thousand[ \t]+nine[ \t]+hundred|nineteen[ \t]+hundred)[ \t]+(?:and[ \t]+)?"
    rf"(?:(?P<twenty>twenty)(?:[ \t-](?P<after>{'|'.join(_NUMBER_WORDS[:9])}))?"
    rf"|(?P<unit>{'|'.join(_NUMBER_WORDS)}))\b",
    re.I,
)


def _year_digits(m: re.Match[str]) -> str:
    if m.group("twenty"):
        year = 1920 + (_NUMBER_WORDS.index(m.group("after").lower()) + 1 if m.group("after") else 0)
    else:
        year = 1900 + _NUMBER_WORDS.index(m.group("unit").lower()) + 1
    return m.group("lead") + str(year).ljust(len(m.group(0)) - len(m.group("lead")))


# The Post Office's date stamp on a telegram form: "27 AP 16", "3 MY 16", "14 JY 17" (two capitals for
# the month, the year's last two digits); only in capitals, as the stamp prints it.
_POST_OFFICE_MONTHS = {
    "JA": 1, "FE": 2, "MR": 3, "AP": 4, "MY": 5, "JE": 6, "JY": 7, "AU": 8, "SE": 9, "SP": 9, "OC": 10,
    "NO": 11, "DE": 12,
}  # fmt: skip
_POST_OFFICE_DATE = re.compile(
    r"(?<![\w/.-])([0-3]?\d)\s?(JA|FE|MR|AP|MY|JE|JY|AU|SE|SP|OC|NO|DE)\s?(\d\d)(?![\w/])"
)


def post_office_dates(text: str, *, near: int | None = None) -> list[DateMatch]:
    """The dates of a telegram form's office stamps ("27 AP 16"), the year nearest `near` (or today)."""
    found = []
    for m in _POST_OFFICE_DATE.finditer(text):
        iso = _iso(_year(m.group(3), near), _POST_OFFICE_MONTHS[m.group(2)], int(m.group(1)))
        if iso:
            found.append(DateMatch(m.start(), m.end(), iso, m.group(3)))
    return found


# Month names as the transcribers kept them ("Febuary", "Apirl", "Septmber", "Decmber") and as
# letters in French or German write them ("4 juillet 1916", "1er août", "3. März"). Misspellings are
# judged against the full English names of five letters or more ("May", "June", "July" are one slip
# from "Mary", "Jane", "Julu"), with the first letter and about the length kept.
_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)  # fmt: skip
_ABBREVIATIONS = tuple(name[:3] for name in _MONTH_NAMES)
_FULL_MONTHS = tuple((k, name) for k, name in enumerate(_MONTH_NAMES, 1) if len(name) >= 5)
_FOREIGN_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    "januar": 1, "februar": 2, "marz": 3, "maerz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
}  # fmt: skip
# English words one slip from a month's name.
_WORDS_NOT_MONTHS = {"match", "marsh", "marches", "augusta", "aprils"}
_WORD = re.compile(r"[^\W\d_]{3,12}")
_MONTH_WORD = re.compile(rf"{_MONTH}\.?", re.I)


# A month cut short with an apostrophe or colon: "Sept'r", "Aug't", "Nov'r", "Sept:".
_CUT_MONTH = re.compile(r"\b(?P<m>[A-Za-z]{3,4})(?:['’][a-z]{1,2}\b\.?|:)(?=[ \t]*\d)")
_SUPERSCRIPTS = str.maketrans("ᵗʰˢⁿᵈʳᵉ", "thsndre")


def respelled(text: str) -> str:
    """`text` with each misspelt, foreign or cut month name replaced by its English abbreviation,
    padded with spaces to the same length, so that the positions of what is found stay those of
    `text`; superscript ordinals ("4ᵗʰ") as letters."""
    text = _CUT_MONTH.sub(_uncut, text.translate(_SUPERSCRIPTS))
    out = []
    last = 0
    for m in _WORD.finditer(text):
        month = _month_spelt(m.group(0))
        if month:
            out += [text[last : m.start()], _ABBREVIATIONS[month - 1].ljust(m.end() - m.start())]
            last = m.end()
    return "".join(out) + text[last:] if out else text


def _uncut(m: re.Match[str]) -> str:
    w = m.group("m").lower()
    month = next((k for k, name in enumerate(_MONTH_NAMES) if name.startswith(w)), None)
    return m.group(0) if month is None else _ABBREVIATIONS[month].ljust(len(m.group(0)))


@functools.lru_cache(maxsize=4096)
def _month_spelt(word: str) -> int | None:
    """The month a word not written as one names, misspelt or in French or German; else None."""
    if _MONTH_WORD.fullmatch(word):
        return None  # read as written
    w = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if c.isalpha() and c.isascii())
    if w in _FOREIGN_MONTHS:
        return _FOREIGN_MONTHS[w]
    if len(w) < 4:
        return None
    for month, name in _FULL_MONTHS:
        if w[0] != name[0] or abs(len(w) - len(name)) > 1 or w in _WORDS_NOT_MONTHS:
            continue
        if len(name) == 5 and Counter(name) - Counter(w):
            continue  # "March", "April": letters swapped or one added ("Apirl"), never one lost ("Marc")
        # Two slips only when the name starts as the month's does ("Feburary", "Septmber"; not
        # "Jaguars", "Nonmember").
        slips = 2 if len(name) > 6 and w[:3] == name[:3] else 1
        if _edits(w, name, slips) <= slips:
            return month
    return None


def _edits(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance of `a` and `b` (a swap of neighbours is one slip), capped past `limit`."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], prev2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        prev2, prev = prev, row
    return prev[-1]


def find_days(text: str, year: int) -> list[DateMatch]:
    """Dates written without a year ("21 June", "January 11th"), given the `year` they fall in."""
    found = []
    text = respelled(text)
    for pattern in _NO_YEAR:
        for m in pattern.finditer(text):
            iso = _iso(year, _month(m.group("m")), int(m.group("d")))
            if iso:
                found.append(DateMatch(m.start(), m.end(), iso, weekday=_weekday(m.group(0))))
    return _leftmost_longest(found)


_WEEKDAY_OPENING = re.compile(_WEEKDAY_WORD + r"\b", re.I)


def _weekday(written: str) -> int | None:
    """The weekday a date opens with ("Sunday 22nd July": 6, Monday being 0), else None."""
    m = _WEEKDAY_OPENING.match(written)
    return ("mon", "tue", "wed", "thu", "fri", "sat", "sun").index(m.group(0)[:3].lower()) if m else None


# Years either side of the year a date with no year would take, among which its weekday picks: a
# day's weekday moves on one or two days a year (five over any four years), so within five years it
# falls on a given weekday at most once.
WEEKDAY_YEARS = 2


def weekday_year(
    iso: str, weekday: int, around: int, span: tuple[int, int], window: int = WEEKDAY_YEARS
) -> int | None:
    """The one year within `window` years of `around`, and within the corpus's `span` of years, in
    which the day of `iso` falls on `weekday` ("Sunday 22nd July" near 1916: 1917); None if none."""
    d = dt.date.fromisoformat(iso)
    years = [
        y
        for y in range(max(around - window, span[0]), min(around + window, span[1]) + 1)
        if (day := _iso(y, d.month, d.day)) and dt.date.fromisoformat(day).weekday() == weekday
    ]
    return years[0] if len(years) == 1 else None


def relative_dates(text: str, letter_date: str) -> list[DateMatch]:
    """ "The 10th instant" / "26th ult." / "3rd prox." resolved against the letter's own date."""
    base = dt.date.fromisoformat(letter_date)
    out = []
    for m in _RELATIVE.finditer(text):
        shift = {"i": 0, "u": -1, "p": 1}[m.group("rel")[0].lower()]
        month = base.month + shift
        year = base.year + (month - 1) // 12
        iso = _iso(year, (month - 1) % 12 + 1, int(m.group("d")))
        if iso:
            out.append(DateMatch(m.start(), m.end(), iso))
    return out


# A letterhead's founding year is no year the letter is written near: "Established 1832", "Estd. 1820".
_FOUNDED = re.compile(
    r"\b(?:established|estab|estd|est|founded|incorporated)\b\.?,?\s*(?:in\s+)?(?:1[89]\d\d|20\d\d)\b", re.I
)


def written_years(text: str) -> list[int]:
    """The four-digit years `text` writes, but a letterhead's founding year and a number ("Prisoner of
    War No. 1880", "Hut No 1916")."""
    return [int(y) for y in _FOUR_DIGIT_YEAR.findall(_NUMBERED.sub(" ", _FOUNDED.sub(" ", text)))]


_NUMBERED = re.compile(r"\b(?:no|nos|number)\b\.?\s*(?:1[89]\d\d|20\d\d)\b|#\s*\d+", re.I)


def usual_year(text: str) -> int | None:
    """The middle (median) of the four-digit years a text writes, None if it writes none."""
    years = sorted(written_years(text))
    return years[(len(years) - 1) // 2] if years else None


def corpus_year(years: Iterable[int]) -> int | None:
    """The middle of a corpus's four-digit years when most of them lie within 50 years of it (1917
    for letters of 1915–1923, about 2015 for a council's mail); None when there are none or they
    are split between eras."""
    ordered = sorted(years)
    if not ordered:
        return None
    middle = ordered[(len(ordered) - 1) // 2]
    near = sum(1 for y in ordered if abs(y - middle) <= 50)
    return middle if 2 * near > len(ordered) else None


# Dated letters a corpus needs before its usual year stands in for a year a letter did not write.
_USUAL_YEAR_MIN_LETTERS = 10


def usual_corpus_year(years: Iterable[int]) -> int | None:
    """The one year most of a corpus's dated letters bear (1916 for letters-1916: 71% of them), the
    year a date written without one ("10 Aug") most likely falls in; None when no year holds most."""
    counts = Counter(years)
    if sum(counts.values()) < _USUAL_YEAR_MIN_LETTERS:
        return None  # two or three dated letters say nothing about a year nobody wrote
    year, n = counts.most_common(1)[0]
    return year if 2 * n > sum(counts.values()) else None


# Dated letters of one month a corpus needs before their usual year stands in for that month's.
_USUAL_MONTH_MIN_LETTERS = 3


def usual_month_years(dates: Iterable[str]) -> dict[int, int]:
    """For each month, the one year most of a corpus's dated letters of that month bear: a corpus
    has its seasons (letters-1916 runs from late 1915, so its Novembers are mostly 1915 while 1916
    holds most of the year). A month with too few letters, or no year holding most, is left out
    (the corpus's usual year stands in). On letters-1916 dev, for the 21 dates written with no year:
    19 right, 2 wrong, against 16 and 5 with the one usual year."""
    by_month: dict[int, Counter[int]] = {}
    for iso in dates:
        if len(iso) >= 7:  # a date of a year alone has no month
            by_month.setdefault(int(iso[5:7]), Counter())[int(iso[:4])] += 1
    out = {}
    for month, counts in by_month.items():
        year, n = counts.most_common(1)[0]
        if sum(counts.values()) >= _USUAL_MONTH_MIN_LETTERS and 2 * n > sum(counts.values()):
            out[month] = year
    return out


def moved_near(iso: str, digits: str, near: int) -> str | None:
    """The date `iso`, whose year was written as `digits`, in the year ending so nearest `near`
    ("2016-04-25", "16", near 1917 → "1916-04-25"); None when that day does not exist then (29/2/1900)."""
    d = dt.date.fromisoformat(iso)
    # No digits: a date written with no year at all ("January 11th") takes the year `near` itself.
    return _iso(_nearest(digits, near) if digits else near, d.month, d.day)


def date_line(line: str, *, order: DateOrder = "DMY", near: int | None = None) -> DateMatch | None:
    """The date when the line is only a date (optionally "Date:"), else None."""
    s = _LABEL.sub("", plain(line)).strip(" .,")
    dates = find_dates(s, order=order, near=near)
    return dates[0] if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(s) else None


# The year first, on a line of its own: "1916 Jan 4", "1916, March 4th." (an office's or a diary's
# order). Only as the whole line: a stamp's "Regd 1914. July 30" is no date line, and in prose the
# year may close a sentence the next date opens.
_YEAR_FIRST = re.compile(
    rf"(?P<y>{_YEAR})[ \t]*[.,]?[ \t]+(?P<m>{_MONTH})\b\.?,?[ \t]*(?P<d>[0-3]?\d){_ORD}\.?", re.I
)


def names_month(text: str) -> bool:
    """Whether `text` writes a month's name, as written or misspelt ("Feby", "Apirl")."""
    return re.search(rf"\b{_MONTH}\b", respelled(text), re.I) is not None


def year_first(line: str) -> DateMatch | None:
    """The date of a line that is a date written year first and nothing else, else None."""
    s = respelled(plain(line).strip(" ,"))
    m = _YEAR_FIRST.fullmatch(s)
    iso = _iso(_year(m.group("y"), None), _month(m.group("m")), int(m.group("d"))) if m else None
    return DateMatch(0, len(s), iso) if m and iso else None


def labelled_date(line: str, *, order: DateOrder = "DMY", near: int | None = None) -> DateMatch | None:
    """The date of a "Date: …" or "Sent: …" line even with a time after it (email headers)."""
    s = plain(line)
    m = _LABEL.match(s)
    if not m or not m.group(0).strip():
        return None
    dates = find_dates(s[m.end() :], order=order, near=near)
    return dates[0] if dates and dates[0].start <= 12 else None


def parse_iso(value: str) -> str | None:
    """`value` when it is a real date written YYYY-MM-DD, else None."""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _leftmost_longest(found: list[DateMatch]) -> list[DateMatch]:
    found.sort(key=lambda d: (d.start, -d.end))
    out: list[DateMatch] = []
    for d in found:
        if not out or d.start >= out[-1].end:
            out.append(d)
    return out


def _numeric(a: str, b: str, year: str, order: DateOrder, near: int | None) -> str | None:
    """Day and month of "7-11-15" in the locale's order; a Roman month or a part over 12 settles it."""
    if not b.isdigit():
        return _iso(_year(year, near), _ROMAN[b.lower()], int(a))
    first, second = int(a), int(b)
    day, month = (first, second) if order == "DMY" else (second, first)
    if month > 12 >= day:
        day, month = month, day
    return _iso(_year(year, near), month, day)


def _short(written: str) -> str:
    digits = re.sub(r"\D", "", written)
    return "" if len(digits) == 4 else digits


def _month(word: str) -> int:
    w = word.lower().rstrip(".")
    if w in _OLD_MONTHS:
        return _OLD_MONTHS[w]
    if w[:3] in _MONTHS:
        return _MONTHS[w[:3]]
    folded = " ".join("".join(c for c in unicodedata.normalize("NFKD", w) if c.isalpha() or c == " ").split())
    return _IRISH[folded]


def _year(written: str, near: int | None) -> int:
    """A four-digit year as written; "'16" or "16" the year with those digits nearest `near` (or today)."""
    digits = re.sub(r"\D", "", written)
    if len(digits) == 4:
        return int(digits)
    return _nearest(digits, dt.date.today().year if near is None else near)


def _nearest(digits: str, near: int) -> int:
    """The year ending in `digits` nearest `near`; a tie (half a period either way) goes to the earlier."""
    period = 10 ** len(digits)
    base = near // period * period + int(digits)
    return min((base - period, base, base + period), key=lambda y: (abs(y - near), y))


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    return d.isoformat() if 1800 <= d.year <= 2200 else None


# A received or registry stamp, or an office note of when a letter was dealt with ("Registered,
# -5 JUN. 1916", "Ack WML 5/16", "3482 - 21FEB1916"): its date is not the letter's.
_STAMP = re.compile(
    r"(?i:\b(?:regd?|registered|received|recd|rec['’]d|answered|ansd|ack(?:nowledged|d)?|filed|entered)\b"
    r"|\bpassed\s+(?:by\s+)?(?:the\s+)?censor\b|\bcensored\b|\[\s*stamp\b)"
    # A censor's or prison's stamp in capitals: "PASSED FIELD CENSOR", "PASSED H.M.P. LEWES".
    r"|\bPASSED\b"
    r"|\b\d{1,2}\s?(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\.?\s?\d{4}\b",
)


def is_stamp(line: str) -> bool:
    """Whether `line` holds a stamp's or office note's words or a stamp's date."""
    return _STAMP.search(plain(line)) is not None


def stamp_start(line: str) -> int | None:
    """Where in `line` (as `plain` gives it) the first stamp's or office note's words begin, if any."""
    m = _STAMP.search(plain(line))
    return m.start() if m else None
