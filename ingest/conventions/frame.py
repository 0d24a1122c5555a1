"""The frame of a letter read line by line: header, salutation, body, closing, signature and foot.

Transcribed and OCR'd letters often have no blank lines between their parts, so the frame is
found from the lines themselves: the first salutation near the top ("Sir,", "Dear Mrs. Smith"),
then the first closing after it ("I am, Sir, Your obedient Servant,").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.conventions.dates import find_dates, is_stamp
from ingest.conventions.greetings import closing_at, opens_letter
from ingest.conventions.markup import plain
from ingest.conventions.minutes import minutes_start

# A salutation further down than this many lines is a quoted letter's, not this letter's.
MAX_HEADER_LINES = 25
# Without a salutation, the first lines stand for the header.
DEFAULT_HEADER_LINES = 8


@dataclass(frozen=True)
class Frame:
    lines: tuple[str, ...]
    opening: int | None  # index of the salutation line
    closing: int | None  # index of the line holding the closing phrase
    after_closing: str  # what follows the closing phrase on its own line ("J. Smith")

    @property
    def header(self) -> tuple[str, ...]:
        """Lines before the salutation (the letterhead, address, references and date)."""
        if self.opening is not None:
            return self.lines[: self.opening]
        # Registry stamps and file numbers above the letterhead take none of the header's lines.
        stamps = next((k for k, x in enumerate(self.lines) if not _stamp_or_number(x)), len(self.lines))
        end = min(stamps + DEFAULT_HEADER_LINES, len(self.lines))
        # A short letter's closing and foot (its addressee block) are no part of its header.
        return self.lines[: self.closing if self.closing is not None and self.closing > stamps else end][:end]

    @property
    def foot(self) -> tuple[str, ...]:
        """Lines after the closing phrase: signatures, then often the addressee block."""
        return self.lines[self.closing + 1 :] if self.closing is not None else ()

    @property
    def body(self) -> tuple[str, ...]:
        start = self.opening + 1 if self.opening is not None else len(self.header)
        end = self.closing if self.closing is not None else len(self.lines)
        return self.lines[start:end]


# A file or registry number alone on its line: "No. 4417", "3482", "C.S.O. 1234/16".
_FILE_NUMBER = re.compile(r"^(?:no\.?\s*|[A-Z.]{2,8}\s*)?\d[\d/.-]*\.?$", re.I)


def is_file_number(line: str) -> bool:
    """A file or registry number alone on its line ("No. 4417", "C.S.O. 1234/16")."""
    return bool(_FILE_NUMBER.match(plain(line).strip()))


def _stamp_or_number(line: str) -> bool:
    return is_stamp(plain(line).strip()) or is_file_number(line)


# A closing typed onto the signature without a space: "Yours faithfullyJas. McArdle".
_GLUED_CLOSING = re.compile(
    r"\b((?i:faithfully|sincerely|truly|obediently|respectfully|affectionately|servant))(?=[A-Z][a-z.])"
)


def _filled_in(line: str) -> str:
    """A form's blanks filled in by hand, as a transcriber marks them, read as the words written:
    "[handwritten: 23rd] day of [handwritten: March] 1917." A line that is only such a note stays one."""
    filled = _FILLED_IN.sub(lambda m: m.group(1).strip(), line)
    return filled if _FILLED_IN.sub("", line).strip(" .,") else line


# A transcriber's mark for words written into a printed form: "[handwritten: Granard]", "[in ink: 4th]".
_FILLED_IN = re.compile(
    r"\[(?:handwritten|hand-written|in\s+(?:ink|pencil|manuscript|ms\.?)|filled\s+in|inserted)\s*:\s*([^\]]*)\]",
    re.I,
)


def frame_of(text: str) -> Frame:
    """The frame of `text`: each part may be missing (a note with no salutation, a fragment)."""
    lines = tuple(_GLUED_CLOSING.sub(r"\1 ", _filled_in(x.strip())) for x in text.splitlines() if x.strip())
    # Office minutes under the letter are the office's, and would stand where its signature stands.
    lines = lines[: minutes_start(lines)]
    opening = next(
        (k for k, x in enumerate(lines[:MAX_HEADER_LINES]) if opens_letter(x) or _salutation_run_on(x)), None
    )
    if opening is None:
        opening, lines = _salutation_after_date(lines)
    run_on = _salutation_run_on(lines[opening]) if opening is not None else None
    if opening is not None and run_on:
        # A transcription that ran the salutation into the first sentence: "Sir, I have the honour …".
        lines = (*lines[:opening], *run_on, *lines[opening + 1 :])
    start = opening + 1 if opening is not None else 0
    # The first closing: preferring a later one when a long text follows the first ("… to Ireland!
    # Believe me" in the body) gained 1 sender and lost 2 to enclosed letters on the dev part.
    closing, rest = _closing(lines, start)
    if start and closing == start and (later := _closing(lines, start + 1))[0] is not None:
        # The line under the salutation opens the body, whatever it starts with ("Your husband, Mr.
        # Kelly, is in …"): a closing further down is the letter's.
        closing, rest = later
    # A transcription that ran the closing into the last sentence: "… receiving attention. Yours
    # faithfully," / "J. Smith". An earlier closing than the first closing line is the letter's.
    for k in range(start, len(lines) if closing is None else closing):
        cut = _closing_run_on(lines[k])
        if cut:
            lines = _split_line(lines, k, cut)
            closing, rest = _closing(lines, k + 1)
            break
    cut = _prose_before_closing(lines[closing]) if closing is not None else None
    if closing is not None and cut:
        # The last words of the body before the closing on its line: "… worked so hard. Yours very
        # sincerely": the closing phrase is read from where it starts.
        lines = _split_line(lines, closing, cut)
        closing, rest = _closing(lines, closing + 1)
    if closing is None and start:
        # No closing after the salutation: the pages were transcribed out of order ("… your old
        # friend / Jim Elliston / My Dear Jim,"), so the closing stands above the salutation.
        closing, rest = _closing(lines[:opening], 0)
    return Frame(lines, opening, closing, rest)


def _split_line(lines: tuple[str, ...], k: int, cut: int) -> tuple[str, ...]:
    """`lines` with line `k` broken in two at `cut` (the body's last words, then the closing)."""
    return (*lines[:k], lines[k][:cut].rstrip(), lines[k][cut:], *lines[k + 1 :])


# A salutation and its punctuation opening a line of prose: "Sir, — I have …", "Dear Mr. Kelly, I …";
# without the punctuation, up to a word that opens a sentence ("My dear Mrs Skeffington It was …"), or
# "I" and a word written small, however short the rest ("Dear Lady Kenmore I now" / "send …").
_RUN_ON = re.compile(r"^(.{3,60}?[,:;—–]+)\s*[—–-]?\s+(?=[A-Z])(.{12,})$")
_RUN_ON_BARE = re.compile(
    r"^(.{3,60}?)\s+(?=(?:I|It|We|You|Your|In|With|Allow|Although|As|The|This|Thank|Thanks|Many|Enclosed"
    r"|Herewith|Referring|Replying|On|At|Please|Since|Having|Kindly|May|Will|Just)\b)(.{12,}|I\s+[a-z].*)$"
)


def _salutation_run_on(line: str) -> tuple[str, str] | None:
    """The salutation and the prose of a line that starts with one, else None."""
    s = plain(line)
    for pattern in (_RUN_ON, _RUN_ON_BARE):
        m = pattern.match(s)
        if m and opens_letter(m.group(1)) and opens_letter(m.group(1).rstrip(",:;—– ")):
            return m.group(1), m.group(2)
    return None


# Where a salutation may start inside a header line run on past its date: "… Ballymore 14th March 1917
# The Secretary … Dublin Sir I am directed …", "Kilkenny 2nd Decr 1915 Dear Dr Moran I am …".
_SALUTATION_START = re.compile(
    r"\s(?=(?:(?:my|very|rev\.?|revd\.?|hon\.?|dear)\s+)*(?:dear|sir|madam|gentlemen|a\s+chara|my\s+lord)\b)",
    re.I,
)
RUN_ON_HEADER_LINES = 6


def _salutation_after_date(lines: tuple[str, ...]) -> tuple[int | None, tuple[str, ...]]:
    """With no line opening with a salutation, one run on after a date on one of the first lines (the
    letterhead, date, addressee and salutation typed as one line): that line split before it."""
    for k, line in enumerate(lines[:RUN_ON_HEADER_LINES]):
        s = plain(line)
        dates = [d for d in find_dates(s) if not is_stamp(s[: d.end])]
        for m in _SALUTATION_START.finditer(s, dates[0].end if dates else len(s)):
            tail = s[m.end() :]
            if opens_letter(tail) or _salutation_run_on(tail):
                return k + 1, (*lines[:k], s[: m.start()].strip(), tail, *lines[k + 1 :])
    return None, lines


# Where a closing may begin inside a line: after a sentence, or at the words that open one.
_CLOSING_START = re.compile(
    r"(?<=[.!?;])\s+(?=\S)|\s(?=(?:I\s+(?:am|remain|have)|Believe|Yours|Your|Yrs|Ever)\b)"
)


# A word every closing phrase holds: lines without one are not tried (a long email has hundreds).
_CLOSING_WORD = re.compile(
    r"\b(?:yours?|yrs?|believe|remain|sincerely|faithfully|truly|regards|servant|love|affec\w*|obed\w*)\b",
    re.I,
)


def _closing_run_on(line: str) -> int | None:
    """Where in a line of prose a closing phrase begins that ends the line, else None."""
    if not _CLOSING_WORD.search(line) or closing_at(line) >= 0:
        return None
    return next((m.end() for m in _CLOSING_START.finditer(line) if closing_at(line[m.end() :]) >= 0), None)


def _prose_before_closing(line: str) -> int | None:
    """Where the closing phrase starts in a closing line that opens with the body's last words,
    which hold no word of a closing ("I am, Sir, Your obedient Servant" and "Yours v. sincerely"
    are one closing each); else None."""
    for m in _CLOSING_START.finditer(line):
        head = plain(line[: m.end()]).strip()
        if head and closing_at(line[m.end() :]) >= 0:
            words_of_closing = _CLOSING_WORD.search(head) or closing_at(head) >= 0
            return m.end() if not words_of_closing and not opens_letter(head) else None
    return None


def _closing(lines: tuple[str, ...], start: int) -> tuple[int | None, str]:
    """The first closing phrase from line `start`: its line and what follows it there."""
    for k in range(start, len(lines)):
        end = closing_at(lines[k])
        if end >= 0:
            rest = plain(lines[k])[end:].strip(" ,.;:-—")
            if not rest and k + 1 < len(lines) and _KIN_TAIL.fullmatch(plain(lines[k + 1])):
                return k + 1, ""  # "I remain your loving" / "son": the kin word ends the closing
            return k, rest
        # ("I am well." / "your affec. son": the next line closes by itself.)
        if k + 1 < len(lines) and _BROKEN_CLOSING.search(lines[k]) and closing_at(lines[k + 1]) < 0:
            # "I remain your" / "Fond Cousin": a closing phrase the transcription broke over two lines.
            first = plain(lines[k])
            joined = f"{first} {plain(lines[k + 1])}"
            end = closing_at(joined)
            if end > len(first):
                return k + 1, joined[end:].strip(" ,.;:-—")
    return None, ""


# The kin word a closing broken over two lines leaves alone on the next: "son", "fond daughter,".
_KIN_TAIL = re.compile(
    r"(?i:(?:fond|loving|affectionate|dutiful|devoted)\s+)?(?i:son|daughter|brother|sister|wife|husband|child"
    r"|nephew|niece|cousin|friend)\s*[,.!]?"
)


# A firm closes in the plural: "We are," / "Sir,", "We remain," / "Yours faithfully,".
_BROKEN_CLOSING = re.compile(
    r"^(?:(?:i\s+(?:am|remain)|we\s+(?:are|remain))\b.*|.*\b(?:your|yours|yr|yrs|ever|very|most))[,.]?$", re.I
)
