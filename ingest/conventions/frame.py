"""The frame of a letter read line by line: header, salutation, body, closing, signature and foot.

Transcribed and OCR'd letters often have no blank lines between their parts, so the frame is
found from the lines themselves: the first salutation near the top ("Sir,", "Dear Mrs. Smith"),
then the first closing after it ("I am, Sir, Your obedient Servant,").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.conventions.greetings import closing_at, opens_letter
from ingest.conventions.markup import plain

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
        end = self.opening if self.opening is not None else min(DEFAULT_HEADER_LINES, len(self.lines))
        return self.lines[:end]

    @property
    def foot(self) -> tuple[str, ...]:
        """Lines after the closing phrase: signatures, then often the addressee block."""
        return self.lines[self.closing + 1 :] if self.closing is not None else ()

    @property
    def body(self) -> tuple[str, ...]:
        start = self.opening + 1 if self.opening is not None else len(self.header)
        end = self.closing if self.closing is not None else len(self.lines)
        return self.lines[start:end]


def frame_of(text: str) -> Frame:
    """The frame of `text`: each part may be missing (a note with no salutation, a fragment)."""
    lines = tuple(x.strip() for x in text.splitlines() if x.strip())
    opening = next((k for k, x in enumerate(lines[:MAX_HEADER_LINES]) if opens_letter(x)), None)
    start = opening + 1 if opening is not None else 0
    # The first closing: preferring a later one when a long text follows the first ("… to Ireland!
    # Believe me" in the body) gained 1 sender and lost 2 to enclosed letters on the dev part.
    closing, rest = _closing(lines, start)
    if closing is None and start:
        # No closing after the salutation: the pages were transcribed out of order ("… your old
        # friend / Jim Ellis / My Dear Jim,"), so the closing stands above the salutation.
        closing, rest = _closing(lines[:opening], 0)
    return Frame(lines, opening, closing, rest)


def _closing(lines: tuple[str, ...], start: int) -> tuple[int | None, str]:
    """The first closing phrase from line `start`: its line and what follows it there."""
    for k in range(start, len(lines)):
        end = closing_at(lines[k])
        if end >= 0:
            return k, plain(lines[k])[end:].strip(" ,.;:-—")
        if k + 1 < len(lines) and _BROKEN_CLOSING.search(lines[k]):
            # "I remain your" / "Fond Cousin": a closing phrase the transcription broke over two lines.
            first = plain(lines[k])
            joined = f"{first} {plain(lines[k + 1])}"
            end = closing_at(joined)
            if end > len(first):
                return k + 1, joined[end:].strip(" ,.;:-—")
    return None, ""


_BROKEN_CLOSING = re.compile(
    r"^(?:i\s+(?:am|remain)\b.*|.*\b(?:your|yours|yr|yrs|ever|very|most))[,.]?$", re.I
)
