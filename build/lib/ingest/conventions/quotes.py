"""What of an email body is not the sender's new words: quoted earlier messages and the signature.

A reply carries the message it answers ("> " lines, "On … wrote:", Outlook's "-----Original
Message-----", Lotus Notes' "Name on 05/14/2001 10:18 AM / To: …" header) and a signature after
"-- ". Those spans stay in the stored text, so the whole message can be read, but are skipped as
passages: the earlier message is indexed as its own letter, not again inside every reply.
"""

from __future__ import annotations

import re

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
    for i, line in enumerate(texts):
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
    return len(texts)


def _outlook_header(texts: list[str], i: int) -> bool:
    """ "From: …" followed by at least two of "Sent:/Date:/To:/Subject:/Cc:" lines."""
    if i >= len(texts) or not _FROM.match(texts[i]):
        return False
    return sum(1 for x in texts[i + 1 : i + 6] if _HEADER.match(x)) >= 2
