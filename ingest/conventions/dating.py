"""Which date a letter bears: its date line at the head (or foot), not a registry stamp or a date it cites.

A date line holds a date and little else: a place ("KILBRACK, 26th day of June, 1916."), a weekday
or a "Date:" label. A date inside a sentence ("your letter of the 3rd") is a reference; a stamp
("Registered, -5 JUN. 1916", "3482 - 21FEB1916") is when the letter was received.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.records import CenturySource, DateKind, ShortYear
from ingest.conventions.dates import (
    UK,
    DateMatch,
    DateOrder,
    DateReading,
    find_dates,
    find_days,
    is_stamp,
    names_month,
    stamp_start,
    usual_year,
    written_years,
    year_first,
)
from ingest.conventions.feasts import feast_line
from ingest.conventions.frame import Frame
from ingest.conventions.markup import plain

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
_YEAR_ALONE = re.compile(r"^(1[89]\d\d|20\d\d)\.?$")
# A date line's place and label take a few words; more is a sentence that mentions a date.
MAX_OTHER_WORDS = 6
FOOT_LINES = 6
UNDER_SALUTATION = 2
# A piece of a date written over several lines: "November", "20th", "1919."
_DATE_PIECE = re.compile(r"[A-Za-z0-9]{1,10}[.,]?")


@dataclass(frozen=True)
class Dated:
    iso: str
    kind: DateKind
    year: ShortYear | None = None  # the year when written short, and where the rest came from


def pivot_for(text: str, reading: DateReading) -> tuple[int | None, CenturySource]:
    """The year the two-digit years of `text` fall nearest to, and where it comes from: the setting,
    else the four-digit years the text writes, else none ("nearest" today: the corpus may settle it)."""
    if reading.pivot is not None:
        return reading.pivot, "setting"
    own = usual_year(text)
    return (own, "letter") if own is not None else (None, "nearest")


def letter_date(frame: Frame, reading: DateReading = UK) -> Dated | None:
    """The date line of the header, else of the foot, else one alone anywhere; never a received stamp."""
    text = "\n".join(frame.lines)
    near, source = pivot_for(text, reading)
    order = reading.order
    tail = frame.lines[-FOOT_LINES:] if frame.closing is None else frame.foot
    # Typed or transcribed beside the salutation, the date line may fall just under it ("Sir," /
    # "26th April, 1916.").
    under = frame.body[:UNDER_SALUTATION] if frame.opening is not None else ()
    # In the header, the date line nearest the salutation (office notes and stamps sit above it);
    # then just under the salutation; then a letterhead, address and date run into one line ("HOME
    # OFFICE, WHITEHALL. 28th April, 1916.", "4 Holborn Buildings, Lincoln's Inn. W. C. 3rd August 1916.
    # The Under Secretary …"), before the office notes at the foot date it; at the foot, the first one.
    for lines, pick in ((_split_dates_joined(frame.header), -1), (under, 0)):
        found = [d for d in (_date_line(x, order, near) for x in lines) if d]
        if found:
            return _dated(found[pick], "letter", source)
    last = len(frame.header) - 1
    run_on = next(
        (d for k, x in enumerate(frame.header) if (d := _date_in_letterhead(x, order, near, k == last))), None
    )
    if run_on:
        return _dated(run_on, "letter", source)
    dated = [(x, d) for x, d in ((x, _date_line(x, order, near)) for x in tail) if d]
    # A day and month at the head ("July 31", "10 Aug") date the letter before a full date at the
    # foot, which is an office minute's ("Seen. / M. N. / 5.5.16") unless it is that same day (then
    # its year) or is labelled the letter's ("Date 22nd Aug 1916" on a form).
    day = next(
        (d for d in (_without_year(frame.header, k, text) for k in range(len(frame.header))) if d), None
    )
    if day:
        own = next((d for x, d in dated if d.iso[4:] == day[0][4:] or _LABELLED.match(plain(x))), None)
        return _dated(own, "letter", source) if own else Dated(day[0], "letter", day[1])
    if dated:
        return _dated(dated[0][1], "letter", source)
    # A line that is a date and nothing else, anywhere: pages transcribed out of order put the
    # date line mid-text (letters-1916 dev: +1 right, +1 whose truth contradicts its text, before the
    # frame read closings above the salutation; no change after). A stamp is no date line, and the
    # letter's own date beats when it was received.
    alone = next((d for d in (_date_line(x, order, near) for x in frame.lines) if d), None)
    # A registry stamp alone dates no letter: on letters-1916 dev, of the 5 letters with a dated
    # stamp, none was stamped the day it was written (1 to 4 days after, or a stamp of another
    # paper); a date kind "received" is left to a sidecar file that knows it.
    if alone:
        return _dated(alone, "letter", source)
    # Else a place and a day at the foot, with no year ("Rathgar Jan 24"): as at the head, but for a
    # sentence running on to its line ("we return to Ireland the" / "14 of July.").
    at_foot = next(
        (
            day_at_foot
            for k in range(len(tail))
            if not _RUNS_ON.search(tail[k - 1] if k else "") and (day_at_foot := _without_year(tail, k, text))
        ),
        None,
    )
    return Dated(at_foot[0], "letter", at_foot[1]) if at_foot else None


def _date_in_letterhead(line: str, order: DateOrder, near: int | None, nearest: bool) -> DateMatch | None:
    """The letter's date in a run-on header line (`_run_on_date`); a stamp run on after it ("…
    London August 9th 1918 Received 12AUG1918", "… 9th May, 1916. I. Ack. …") is cut off first."""
    found = _run_on_date(line, order, near, nearest)
    start = stamp_start(line)
    if found is None and start:
        found = _run_on_date(plain(line)[:start], order, near, nearest)
    return found


def _run_on_date(line: str, order: DateOrder, near: int | None, nearest: bool) -> DateMatch | None:
    """The one full date of a header line that runs several lines into one, when the words before it
    are a letterhead's, not prose ("your letter of 4th May 1916"); never a stamp's. An office note's
    date written above the letterhead ("Ackd 8 July 1916 J. Smith, Solicitor, Naas 4th July 1916")
    leaves the letter's own: the date ending the line, nearest the salutation. On the line right
    above the salutation, the date ending it may follow one word written small ("… Stafford etc June 1.
    1916.")."""
    s = plain(line)
    dates = find_dates(s, order=order, near=near)
    if not dates or _SUBJECT.match(s):
        return None
    # A date written twice over ("3rd MARCH 18. 3rd MARCH 18.") is one.
    if len({d.iso for d in dates}) == 1:
        if is_stamp(s):
            return None
        small = 1 if nearest and not s[dates[-1].end :].strip(" .,;") else 0
        return dates[0] if _letterhead_words(s[: dates[0].start], small=small) else None
    last, before = dates[-1], dates[-2]
    ends_line = not s[last.end :].strip(" .,;")
    between = s[before.end : last.start]
    return last if ends_line and not is_stamp(s[before.end :]) and _letterhead_words(between) else None


def _letterhead_words(lead: str, *, small: int = 0, window: int | None = None) -> bool:
    """Whether the last `window` words before a date read as a letterhead's (capitalised, numbers, street
    words written small: "21 Mill street Carlow"), not prose; `small` other words written small are let
    through."""
    before = [w for w in re.split(r"[\s,.;:()\"—–-]+", lead) if w][-(window or LEAD_WORDS) :]
    return len([w for w in before if w[:1].islower() and w.lower() not in _FILLER | _STREET_WORDS]) <= small


def _ends_letterhead(line: str, found: DateMatch, last: bool) -> bool:
    """Whether the date `found` ends a run-on header line after a letterhead's words: one word written
    small ("… Stafford etc June 1. 1916.") only on the line right above the salutation."""
    s = plain(line)
    return (
        not s[found.end :].strip(" .,;")
        and not is_stamp(s)
        and not _SUBJECT.match(s)
        and bool(s[: found.start].strip())
        # A day without its year is the more often a sentence's ("… held … on Monday, 14th June,"):
        # every word before it must read as a letterhead's.
        and _letterhead_words(s[: found.start], small=1 if last else 0, window=len(s))
    )


# A line that a sentence runs on from: it ends in a word written small, with no stop.
_RUNS_ON = re.compile(r"[a-z]\s*$")
# A date line labelled as the letter's own: "Date 22nd Aug 1916", "Dated this …".
_LABELLED = re.compile(r"^\s*dated?\b", re.I)
# Words before a date in a run-on letterhead that must read as a letterhead's (capitalised, numbers).
LEAD_WORDS = 4
# Street words a hand writes small in an address ("21 Mill street", "Co. Kildare" as "co Kildare").
_STREET_WORDS = {"street", "st", "road", "rd", "terrace", "square", "place", "avenue", "lane", "quay", "co"}
# A subject or reference line dates what it is about, not the letter: "Re Meeting of 5th May 1916".
_SUBJECT = re.compile(r"^\W*(?:re|ref|reference|subject|subj|in\s+re|your|our|meeting|minutes)\b", re.I)


def _dated(found: DateMatch, kind: DateKind, source: CenturySource) -> Dated:
    return Dated(found.iso, kind, short_year(found, source))


def short_year(found: DateMatch, source: CenturySource) -> ShortYear | None:
    """How `found`'s year was written short; a century setting says nothing of a one-digit year's
    decade, so that one stays a guess ("nearest") for the corpus to settle."""
    if not found.short_year:
        return None
    one_digit = len(found.short_year) == 1 and source == "setting"
    return ShortYear(found.short_year, "nearest" if one_digit else source)


def _split_dates_joined(lines: Sequence[str]) -> list[str]:
    """The lines, with a date written over short lines of its own ("November" / "20th" / "1919")
    also joined into one."""
    out = []
    for k, line in enumerate(lines):
        out.append(line)
        # The page's columns kept by the transcriber: "Our Ref. JH/23/7          9th Feb. 1923."
        if len(columns := _COLUMNS.split(line.strip())) > 1:
            out += columns
        run = list(lines[k : k + 3])
        for n in (2, 3):
            if len(run) >= n and all(_DATE_PIECE.fullmatch(x) for x in run[:n]):
                out.append(" ".join(run[:n]))
        # Two short lines that are a date line together and nothing alone: "Friday 28th." / "April 1916".
        # The month on one line only: "Aug /17" / "aug 1917" is a month written twice, no day.
        pair = run[:2]
        short = len(pair) == 2 and all(len(x.split()) <= MAX_PIECE_WORDS and not find_dates(x) for x in pair)
        months = [bool(names_month(x)) for x in pair]
        if short and sum(months) == 1 and _DAY_OR_YEAR.fullmatch(plain(pair[months.index(False)])):
            out.append(" ".join(pair))
    return out


MAX_PIECE_WORDS = 3
# A gap of six spaces or more inside a line: two columns of the page, kept by the transcriber.
_COLUMNS = re.compile(r"(?<=\S)[ \t]{6,}(?=\S)")
# The line of such a pair without the month: a day (and weekday), or the year: "Friday 28th.", "1916".
_DAY_OR_YEAR = re.compile(
    r"(?:(?i:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?[.,]?\s+)?(?:the\s+)?[0-3]?\d"
    r"(?:st|nd|rd|th|d)?[.,]?|(?:1[89]\d\d)[.,]?"
)


def is_date_line(line: str) -> bool:
    """Whether a line is a date line: a date with a place or a label at most ("Ennis 2nd Nov. 1920.")."""
    return _date_line(line, UK.order, None) is not None


def _date_line(line: str, order: DateOrder, near: int | None) -> DateMatch | None:
    """The date of a line that is a date line, not a stamp, a reference number or prose."""
    # A reference number before the date is no subject ("Ref. No. 1234/16 4th May 1916"); a
    # transcriber's mark inside the date is no word of it ("14th [?] May 1916").
    s = _REFERENCE_FIRST.sub(lambda m: " " * len(m.group(0)), _MARKS.sub(" ", plain(line)))
    if is_stamp(s) or _SUBJECT.match(s):
        return None
    if first := year_first(s) or feast_line(s):
        return first
    # "27 8 16", "4,3,16": numbers set apart by spaces or commas read as a date only as a line's whole.
    spaced = _SPACED_NUMBERS.fullmatch(s.strip(" ."))
    dates = find_dates(_spaced_as_slashes(spaced) if spaced else s, order=order, near=near)
    if len(dates) != 1:
        return None
    d = dates[0]
    if spaced:
        return d
    before = _HOUSE_NUMBER.sub("", s[: d.start])
    return d if _only_place_and_label(_TIME.sub(" ", before + " " + s[d.end :])) else None


# A transcriber's mark for a word unread or doubted: "[?]", "[illegible]", "[unclear]", "[sic]".
# Any note of the transcriber's without a figure in it: "[struck out: October] November 23rd 1917".
_MARKS = re.compile(r"\s*\[(?:\?|illegible|unclear|sic|indecipherable|[^\]\d\n]{1,40})\]\s*", re.I)
_REFERENCE_FIRST = re.compile(
    r"^\W*(?:our\s+|my\s+|your\s+)?ref(?:erence)?\.?\s*(?:no\.?\s*)?:?\s*(?:[A-Z]\.?){0,5}\s*\d[\w./-]*\.?\s+(?=\S)",
    re.I,
)
# An address and its date on one line: "33 Victoria Terrace, Leeds, 10th March 1916", "No. 3 Camp, …".
_HOUSE_NUMBER = re.compile(r"^\s*(?:no\.?\s*)?\d{1,4}[a-z]?,?\s+(?=[A-Z])", re.I)
_SPACED_NUMBERS = re.compile(r"([0-3]?\d)\s*[\s,]\s*([01]?\d)\s*[\s,]\s*(\d\d|1[89]\d\d)")
# A time on the date line: "10 a.m.", "3.30 p.m.", "11 o'clock", "10.15 pm".
_TIME = re.compile(r"\b\d{1,2}(?:[.:]\d\d)?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?|o['’]?\s?clock\b)", re.I)


def _spaced_as_slashes(m: re.Match[str]) -> str:
    return "/".join(m.groups())


def _only_place_and_label(rest: str, *, reference: bool = True) -> bool:
    words = [w for w in re.split(r"[\s,.;:()\[\]'’\"—–-]+", rest) if w]
    other = [w for w in words if w.lower() not in _FILLER and not _WEEKDAYS.match(w)]
    lower = [w for w in other if w[:1].islower()]
    # A registry or file number beside the date ("4th May 1916 3482", "C.S.O. 1234/16"): one, in capitals.
    numbers = [w for w in other if any(ch.isdigit() for ch in w)]
    one_reference = reference and len(numbers) == 1 and _REFERENCE.fullmatch(numbers[0]) is not None
    return len(other) <= MAX_OTHER_WORDS and len(lower) <= 1 and (not numbers or one_reference)


_REFERENCE = re.compile(r"[A-Z]{0,4}\d{2,6}(?:/\d{1,6})*[A-Z]?")


def _without_year(header: Sequence[str], k: int, text: str) -> tuple[str, ShortYear | None] | None:
    """ "May 12" alone on its line, in the year written on the next (or previous) line, else the
    year the letter writes most ("1916" in a stamp or the body), else (no year anywhere in the
    letter) the corpus's year: a year "written" with no digits, settled as a short year is."""
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
    # Today's year stands in until the corpus's years settle it (ingest.pipeline.settle_centuries).
    days = find_days(line, year or dt.date.today().year)
    # No number beside a date without a year ("-5 JUN. 1916" is a stamp's day and year), but for a
    # house number opening the address ("8 Seafield Lane, Rush, Aug 9th"). A letterhead run into its
    # date line ("3rd London General SW March 15th") has more words, a letterhead's, and the day ends it.
    rest = _HOUSE_NUMBER.sub("", line[: days[0].start]) + " " + line[days[0].end :] if days else ""
    if len(days) != 1 or not (
        _only_place_and_label(rest, reference=False) or _ends_letterhead(line, days[0], k == len(header) - 1)
    ):
        return None
    return days[0].iso, None if year else ShortYear("", "nearest", days[0].weekday)


def _usual_year(text: str) -> int | None:
    years = written_years(text)
    return max(set(years), key=years.count) if years else None
