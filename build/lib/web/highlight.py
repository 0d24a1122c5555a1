"""Marking up text for display: matched search terms, cited spans and answer markers, all escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from index.records import Passage
from index.words import STOPWORDS, stem

_WORD = re.compile(r"\w+")
_MARKER = re.compile(r"\[(\d+)\]")
_QUOTED = re.compile(r"(“.+?”)", re.S)


def query_stems(query: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(query) if w.lower() not in STOPWORDS}


def highlight_terms(text: str, query: str) -> Markup:
    """`text` escaped, with words sharing a stem with the query's words in <mark>."""
    wanted = query_stems(query)
    out: list[str] = []
    cursor = 0
    for match in _WORD.finditer(text):
        if stem(match.group()) in wanted:
            out.append(str(escape(text[cursor : match.start()])))
            out.append(f"<mark>{escape(match.group())}</mark>")
            cursor = match.end()
    out.append(str(escape(text[cursor:])))
    return Markup("".join(out))


def link_markers(text: str, anchor: str) -> Markup:
    """Answer text escaped, with each [n] outside a quote linked to its citation card."""
    parts = _QUOTED.split(text)
    out = []
    for i, part in enumerate(parts):
        if i % 2:  # a quote: the letter's words exactly, never rewritten
            out.append(str(escape(part)))
            continue
        pieces = _MARKER.split(part)
        for j, piece in enumerate(pieces):
            if j % 2:
                out.append(
                    f'<a class="marker" href="#{anchor}-{piece}" aria-label="citation {piece}">[{piece}]</a>'
                )
            else:
                out.append(str(escape(piece)))
    return Markup("".join(out))


@dataclass(frozen=True)
class Block:
    """One passage of a letter as shown: its pieces, each marked as cited or not."""

    passage: Passage
    pieces: tuple[tuple[str, bool], ...]
    new_page: bool


def letter_blocks(passages: Sequence[Passage], start: int | None, end: int | None) -> list[Block]:
    """Passages in order with the cited span [start, end) cut out of them for highlighting."""
    blocks = []
    page = 1
    for passage in passages:
        pieces: list[tuple[str, bool]] = []
        if start is not None and end is not None and start < passage.end and end > passage.start:
            a = max(start, passage.start) - passage.start
            b = min(end, passage.end) - passage.start
            pieces = [(passage.text[:a], False), (passage.text[a:b], True), (passage.text[b:], False)]
            pieces = [(t, c) for t, c in pieces if t]
        else:
            pieces = [(passage.text, False)]
        blocks.append(Block(passage, tuple(pieces), new_page=passage.page != page))
        page = passage.page
    return blocks
