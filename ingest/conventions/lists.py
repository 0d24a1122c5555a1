"""Lists in a letter's body: an introducing paragraph and its items, kept whole unless too long.

A list is one passage so a quote never loses half of it. A notice's fields ("Date: …", "Time: …",
"Location: …", "Topic: …", each often a paragraph of its own) are a list too: "when and where is the
meeting?" is answered by the fields together, and "Location: EB 3321" alone is too short to quote.

When a list's items are themselves full paragraphs (the 2011 DfE letter has eleven bullets of
200–900 characters) one passage would be too large to read or embed, so the items then stand alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.conventions.blocks import Block, cut
from ingest.conventions.markup import plain

# Split a list into its items when an item averages more than this many characters ...
MAX_MEAN_ITEM_CHARS = 300
# ... or when the whole list, introduction included, is longer than this.
MAX_LIST_CHARS = 2000

_ITEM = re.compile(r"(?:[-*•–·▪◦‣●○■□➢►]\s+|\(?(?:\d{1,2}|[a-z]|[ivx]{1,5})[.)]\s+)")
_INTRO = re.compile(r"(?::|\b(?:following|as follows|below)[.:]?)$", re.I)
# A field of a meeting notice, agenda or minutes, with its value on the same line. Mail header fields
# (From, To, Subject) are not among them: hygiene cuts those out of the evidence.
NOTICE_LABELS = (
    "date|dates|time|times|when|where|location|venue|place|room|topic|agenda|purpose|attendees|attending"
    "|present|apologies|chair|chaired by|host|hosted by|dial[- ]in|call[- ]in|conference call|bridge"
    "|participant code|passcode|cost|price|dress|rsvp"
)
_NOTICE_FIELD = re.compile(rf"\s*(?:{NOTICE_LABELS})\s*:\s*\S", re.I)
# An item that hands the sentence on to the next: "…services;", "…priorities, and".
_CONTINUES = re.compile(r"(?:;|;\s*(?:and|or)|,\s*(?:and|or)|\band/or)$", re.I)


def is_item(line: str) -> bool:
    """A line opening with a bullet or an item marker ("- ", "•", "1.", "(a)", "ii)"), or a notice field."""
    return bool(_ITEM.match(line)) or is_field(line)


def is_field(line: str) -> bool:
    """A notice's "Label: value" line ("Time:  10:30 am - 11:30 am", "Location: EB 3321")."""
    return bool(_NOTICE_FIELD.match(line))


def split_items(block: Block) -> list[Block]:
    """A block cut before each line that opens an item; lines without a marker stay with the item above."""
    return cut(block, [i for i, line in enumerate(block.lines) if is_item(line.text)])


def group(units: Sequence[Block]) -> list[tuple[str, int, int]]:
    """(kind, first, last) runs of `units`: "body" paragraphs and "list" passages."""
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(units):
        last = _list_end(units, i)
        if last is None:
            out.append(("body", i, i))
            i += 1
            continue
        intro = not is_item(units[i].first)
        out.extend(_shape(units, i, last, intro))
        i = last + 1
    return out


def _list_end(units: Sequence[Block], i: int) -> int | None:
    """Index of the last unit of a list starting at `i`, or None when `i` starts no list."""
    n = len(units)
    if is_item(units[i].first):
        j = i
        while j + 1 < n and is_item(units[j + 1].first):
            j += 1
        # One "Note: …" or "Date: …" paragraph alone is no notice; two fields together are.
        if j == i and is_field(units[i].first) and not _ITEM.match(units[i].first):
            return None
        return j
    if i + 1 >= n or not _INTRO.search(plain(units[i].last)):
        return None
    if is_item(units[i + 1].first):
        return _list_end(units, i + 1)
    # Items without markers: blocks continuing one sentence, then the block that ends it.
    j = i + 1
    while j < n and _CONTINUES.search(units[j].last) and not is_item(units[j].first):
        j += 1
    if j == i + 1:
        return None
    return j if j < n and not is_item(units[j].first) else j - 1


def _shape(units: Sequence[Block], first: int, last: int, intro: bool) -> list[tuple[str, int, int]]:
    """One list passage, or the introduction as body and each item as its own list passage."""
    items = units[first + 1 : last + 1] if intro else units[first : last + 1]
    mean = sum(len(u) for u in items) / max(1, len(items))
    if mean <= MAX_MEAN_ITEM_CHARS and units[last].end - units[first].start <= MAX_LIST_CHARS:
        return [("list", first, last)]
    head = [("body", first, first)] if intro else []
    return head + [("list", k, k) for k in range(first + 1 if intro else first, last + 1)]
