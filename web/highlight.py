"""Marking up text for display: matched search terms, cited spans and answer markers, all escaped."""

from __future__ import annotations

import itertools
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


def link_markers(text: str, anchor: str, previews: dict[int, str] | None = None) -> Markup:
    """Answer text escaped: each quote wrapped to be set apart, each [n] outside a quote linked to its
    source line, with a preview of that source shown on hover and focus."""
    previews = previews or {}
    parts = _QUOTED.split(text)
    out = []
    for i, part in enumerate(parts):
        if i % 2:  # a quote: the letter's words exactly, never rewritten
            out.append(f'<span class="said">{escape(part)}</span>')
            continue
        pieces = _MARKER.split(part)
        for j, piece in enumerate(pieces):
            if not j % 2:
                out.append(str(escape(piece)))
                continue
            tip = f"tip-{anchor}-{piece}"
            preview = previews.get(int(piece))
            described = f' aria-describedby="{tip}"' if preview else ""
            out.append(
                f'<span class="marker-wrap"><a class="marker" href="#{anchor}-{piece}"{described}>'
                f'[{piece}]<span class="visually-hidden"> (source {piece})</span></a>'
            )
            if preview:
                out.append(f'<span class="preview" role="tooltip" id="{tip}">{escape(preview)}</span>')
            out.append("</span>")
    return Markup("".join(out))


@dataclass(frozen=True)
class Block:
    """One passage of a letter as shown: its pieces, each with the number of the cited span it is
    part of (1, 2, …) or 0 when not cited, and whether that piece starts the span."""

    passage: Passage
    pieces: tuple[tuple[str, int, bool], ...]
    new_page: bool


def letter_blocks(passages: Sequence[Passage], spans: Sequence[tuple[int, int]]) -> list[Block]:
    """Passages in order with the cited spans [start, end) cut out of them for highlighting."""
    spans = sorted((s, e) for s, e in spans if e > s)
    blocks = []
    page = 1
    for passage in passages:
        cuts = {0, len(passage.text)}
        for s, e in spans:
            if s < passage.end and e > passage.start:
                cuts |= {max(s, passage.start) - passage.start, min(e, passage.end) - passage.start}
        points = sorted(cuts)
        pieces = []
        for a, b in itertools.pairwise(points):
            at = passage.start + a
            number = next((i for i, (s, e) in enumerate(spans, 1) if s <= at < e), 0)
            starts = bool(number) and spans[number - 1][0] == at
            pieces.append((passage.text[a:b], number, starts))
        blocks.append(Block(passage, tuple(p for p in pieces if p[0]), new_page=passage.page != page))
        page = passage.page
    return blocks


_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def plain(text: str) -> str:
    """A passage of a Markdown letter as body text: `**bold**` markers dropped (for snippets)."""
    return _EMPHASIS.sub(r"\2", text)
