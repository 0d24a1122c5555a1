"""The units an answer may quote: sentence and list spans inside a passage, as offsets into the letter's text.

Cut at index time (ingest stores each unit with its vector) and read by the assistant, so both
import it from here.
"""

from __future__ import annotations

import re

from index.records import Passage

# Words whose full stop does not end a sentence.
_ABBREVIATION_TEXT = (
    "mr mrs ms dr cllr st rt hon prof rev no nos vs etc eg ie e.g i.e cf approx dept govt para ref"
)
ABBREVIATIONS = frozenset(_ABBREVIATION_TEXT.split())
_END = re.compile(r"[.!?]['\"’”)\]]*(?=\s+['\"‘“(\[]?[A-Z0-9])")
_BULLET = re.compile(r"[ \t]*(?:[-*•–·]|\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\([ivx]+\))[ \t]+")
# A month written short ("Feb. 27", "Sept. 3rd"): its full stop goes on when a day follows.
_SHORT_MONTHS = frozenset(
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
_DAY_NEXT = re.compile(r"[ \t]+\d{1,2}(?:st|nd|rd|th)?\b(?![.:]\d)")
_INTRO_END = re.compile(r":[ \t]*\n")
_WORD_TAIL = re.compile(r"[\w.]+\Z")
# Longer than any abbreviation: the word before a full stop is read from this many characters back,
# so a run of 12,000 "Mr. " costs 12,000 short looks instead of rescanning the text each time (8-14 s).
_WORD_LOOKBACK = 32


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _continues(text: str, start: int, stop: int) -> bool:
    """True when the word ending at `stop` is an abbreviation or an initial, so its full stop goes on."""
    word = _WORD_TAIL.search(text, start, stop)
    if word is None:
        return False
    return word[0].lower().rstrip(".") in ABBREVIATIONS or re.fullmatch(r"[A-Z]", word[0]) is not None


def _month_before_day(text: str, start: int, stop: int, after: int) -> bool:
    word = _WORD_TAIL.search(text, start, stop)
    return word is not None and word[0].lower() in _SHORT_MONTHS and _DAY_NEXT.match(text, after) is not None


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """[start, end) of each sentence of text[start:end]; a leading bullet marker is left out."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _END.finditer(text, start, end):
        if _continues(text, max(cursor, match.start() - _WORD_LOOKBACK), match.start()):
            continue
        if _month_before_day(text, max(cursor, match.start() - _WORD_LOOKBACK), match.start(), match.end()):
            continue  # "On Feb. 27, 2001 RFF Board member …": a month's full stop before its day
        spans.append((cursor, match.end()))
        cursor = match.end()
    spans.append((cursor, end))
    out = []
    for s, e in spans:
        s, e = _trim(text, s, e)
        bullet = _BULLET.match(text, s, e)
        if bullet:
            s = bullet.end()
        if e > s:
            out.append((s, e))
    return out


def units(letter_text: str, passage: Passage) -> list[tuple[int, int]]:
    """The pieces of a passage that can be quoted on their own (see `cut`)."""
    return cut(letter_text, passage.kind, passage.start, passage.end)


def cut(letter_text: str, kind: str, start: int, end: int) -> list[tuple[int, int]]:
    """The quotable pieces of letter_text[start:end], a stretch of a passage of `kind`.

    A list stays whole with its introducing sentence; header and sign-off blocks are one unit
    (they answer "who wrote?"); body text is cut into sentences.
    """
    if kind == "list":
        found = _INTRO_END.search(letter_text, start, end)
        if found is not None:
            intro = sentence_spans(letter_text, start, found.start() + 1)
            first = intro[-1][0] if intro else start
            before = sentence_spans(letter_text, start, first) if first > start else []
            return [*before, (first, end)]
    if kind not in ("body", "list"):
        s, e = _trim(letter_text, start, end)
        return [(s, e)] if e > s else []
    return sentence_spans(letter_text, start, end)
