"""What of an email body is not the sender's new words: quoted earlier messages and the signature.

A reply carries the message it answers ("> " lines, "On … wrote:", Outlook's "-----Original
Message-----", Lotus Notes' "Name on 05/14/2001 10:18 AM / To: …" header) and a signature after
"-- ". Those spans stay in the stored text, so the whole message can be read, but are skipped as
passages: the earlier message is indexed as its own letter, not again inside every reply.

An earlier message that came from outside the mailbox is indexed nowhere else, though: `quoted_blocks`
splits the quoted history into its messages with the writer and date their header names, and
`shingles` fingerprints text so the index can tell whether another letter holds it (ingest.pipeline).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

Span = tuple[int, int]

_QUOTED = re.compile(r"^\s*>")
_WROTE = re.compile(r"\b(?:wrote|writes|schrieb|a écrit|escribió)\s*:\s*$", re.I)
_ON = re.compile(r"^\s*(?:On|Am|Le|El)\s", re.I)
# Markers after which everything is an earlier message (or a signature).
_REST = [
    re.compile(r"^\s*-{2,}\s*Original Message\s*-{2,}", re.I),
    re.compile(r"^\s*-{3,}\s*Forwarded (?:by|message)\b", re.I),
    re.compile(r"^\s*Begin forwarded message\s*:", re.I),
    re.compile(r"^-- ?$"),  # the signature separator of RFC 3676
]
_UNDERLINE = re.compile(r"^\s*_{10,}\s*$")
_FROM = re.compile(r"^\s*\*?From:\*?\s", re.I)
_HEADER = re.compile(r"^\s*\*?(?:Sent|Date|To|Subject|Cc):\*?\s", re.I)
_TO = re.compile(r"^\s*To:", re.I)
# Lotus Notes: "Jane Doe@ECT on 10/02/2000 10:18:00 AM" or a bare "10/02/2000 10:18 AM" line.
_NOTES_STAMP = re.compile(r"\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?\s*$", re.I)


def _lines(body: str) -> list[tuple[int, int, str]]:
    out = []
    pos = 0
    for raw in body.split("\n"):
        out.append((pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def quoted_spans(body: str) -> list[Span]:
    """Line spans of `body` that quote earlier messages or hold the signature."""
    lines = _lines(body)
    texts = [raw for _, _, raw in lines]
    cut = _rest_start(texts)
    spans: list[Span] = []
    for i, (start, end, raw) in enumerate(lines[:cut]):
        if _QUOTED.match(raw) or _attribution(texts, i):
            spans.append((start, end))
    if cut < len(lines):
        spans.append((lines[cut][0], len(body)))
    return spans


def _attribution(texts: list[str], i: int) -> bool:
    """ "On Tue, 3 May 2024, Jane Doe wrote:" — on one line or wrapped over two."""
    line = texts[i]
    if _WROTE.search(line) and (_ON.match(line) or (i > 0 and _ON.match(texts[i - 1]))):
        return True
    return bool(_ON.match(line) and i + 1 < len(texts) and _WROTE.search(texts[i + 1]) and len(line) < 120)


def _rest_start(texts: list[str]) -> int:
    """Index of the first line from which the rest of the body is an earlier message or signature."""
    for i in range(len(texts)):
        found = _opens(texts, i)
        if found is not None:
            return found
    return len(texts)


def _opens(texts: list[str], i: int) -> int | None:
    """The line at which an earlier message (or the signature) begins, when line `i` opens one."""
    line = texts[i]
    if any(p.match(line) for p in _REST):
        return i
    if _UNDERLINE.match(line) and _outlook_header(texts, i + 1):
        return i
    if _FROM.match(line) and _outlook_header(texts, i):
        return i
    if _NOTES_STAMP.search(line) and any(_TO.match(x) for x in texts[i + 1 : i + 4]):
        # The sender's name often sits on the line above a bare date stamp.
        above = i - 1
        bare = _NOTES_STAMP.match(line.strip()) is not None
        if bare and above >= 0 and texts[above].strip() and len(texts[above]) < 80:
            return above
        return i
    return None


def _outlook_header(texts: list[str], i: int) -> bool:
    """ "From: …" followed by at least two of "Sent:/Date:/To:/Subject:/Cc:" lines."""
    if i >= len(texts) or not _FROM.match(texts[i]):
        return False
    return sum(1 for x in texts[i + 1 : i + 6] if _HEADER.match(x)) >= 2


# --- the earlier messages of a reply's history ------------------------------------------------
@dataclass(frozen=True)
class QuotedBlock:
    """One earlier message inside a reply or forward: its text after its header, and who sent it when.

    `start`/`end` are offsets into the body; `writer` and `sent` are as its header writes them
    ("" when it names none)."""

    start: int
    end: int
    writer: str
    sent: str


_SIGNATURE = re.compile(r"^-- ?$")
_FORWARDED_BY = re.compile(r"^\s*-{3,}\s*Forwarded by\b", re.I)
_FIELD = re.compile(r"^\s*\*?(From|Sent|Date|To|Subject|Cc|Bcc)\*?:\s*(.*)$", re.I)
_NOTES_WRITER = re.compile(
    r"^\s*(.+?)\s+on\s+(\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?)\s*$", re.I
)
_STAMPED = re.compile(
    r"^\s*(.+?)\s{2,}(\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM)?)\s*$", re.I
)
# The end of a separator line wrapped by the mail export ("… on 10/17/2000 08:08 \nAM -------"), or
# an underline.
_SEPARATOR_END = re.compile(r"^\s*(?:(?:AM|PM|\d{1,2}:\d{2}(?:\s*[AP]M)?)\s*)?-{3,}\s*$|^\s*_{10,}\s*$", re.I)
# A header's own lines are short; a wrapped "To:" list continues on lines with no field name.
_HEADER_LINES = 16


def quoted_blocks(body: str) -> list[QuotedBlock]:
    """The earlier messages after the first "Original Message"/"From:"/Lotus Notes header, each with
    the writer and date its header names. The signature and "> " lines are not among them."""
    lines = _lines(body)
    texts = [raw for _, _, raw in lines]
    starts: list[int] = []
    i = _rest_start(texts)
    while i < len(texts):
        found = _opens(texts, i)
        if found is not None and (not starts or found > starts[-1]):
            starts.append(found)
        i += 1
    out = []
    for n, first in enumerate(starts):
        last = starts[n + 1] if n + 1 < len(starts) else len(texts)
        if _SIGNATURE.match(texts[first]):
            continue
        text_at, writer, sent = _header(texts, first, last)
        if text_at >= last or not any(x.strip() for x in texts[text_at:last]):
            continue  # a "Forwarded by" line right above the forwarded message's own header
        out.append(QuotedBlock(lines[text_at][0], lines[last - 1][1], writer, sent))
    return out


def _header(texts: list[str], first: int, last: int) -> tuple[int, str, str]:
    """(first line of the text, writer, date) of the earlier message whose header starts at `first`."""
    writer = sent = ""
    text_at = first + 1
    seen_field = False
    for i in range(first, min(last, first + _HEADER_LINES)):
        line = texts[i]
        field = _FIELD.match(line)
        notes = _NOTES_WRITER.match(line)
        if field:
            name, value = field.group(1).lower(), field.group(2).strip()
            if name == "from" and not writer:
                # Notes writes "From: Jane Doe on 05/14/2001 10:18 AM" or the stamp after spaces.
                stamped = _NOTES_WRITER.match(value) or _STAMPED.match(value)
                writer, sent = (stamped.group(1), sent or stamped.group(2)) if stamped else (value, sent)
            elif name in ("sent", "date") and not sent:
                sent = value
            seen_field = True
            text_at = i + 1
        elif _FORWARDED_BY.match(line) or any(p.match(line) for p in _REST) or _SEPARATOR_END.match(line):
            text_at = i + 1
        elif notes and not seen_field:
            writer, sent = notes.group(1), notes.group(2)
            text_at = i + 1
        elif _NOTES_STAMP.match(line.strip()) and not seen_field:
            sent = line.strip()
            writer = writer or (texts[i - 1].strip() if i > first else "")
            text_at = i + 1
        elif not line.strip():
            if seen_field:
                break  # the blank line after the header
        elif seen_field and (
            line[:1].isspace() or any(_FIELD.match(x) for x in texts[i + 1 : min(i + 3, last)])
        ):
            text_at = i + 1  # a wrapped "To:" list, or "From: … On" wrapped before "Behalf Of …"
        elif i == first:
            text_at = i + 1  # the name above a bare Notes stamp
        elif seen_field:
            break
    return text_at, writer.strip(), sent.strip()


# --- fingerprints of text, to tell whether another letter holds a quoted message ---------------
SHINGLE_WORDS = 5
# One shingle in SAMPLE is kept (by its hash, so every letter keeps the same ones): a quarter of the
# rows, and the share of a block's kept shingles found elsewhere still estimates the share of all.
SAMPLE = 4
_WORD = re.compile(r"[^\W_]+")


def shingles(text: str) -> frozenset[int]:
    """Hashes of the runs of SHINGLE_WORDS words of `text`, lower-cased and without punctuation, so a
    re-wrapped or "> "-prefixed copy has the same ones as its original; one in SAMPLE kept."""
    words = _WORD.findall(text.lower())
    out = set()
    for i in range(max(0, len(words) - SHINGLE_WORDS + 1)):
        digest = hashlib.blake2b(" ".join(words[i : i + SHINGLE_WORDS]).encode(), digest_size=8).digest()
        value = int.from_bytes(digest, "big", signed=True)
        if value % SAMPLE == 0:
            out.add(value)
    return frozenset(out)
