"""Lines and blank-line blocks of a text, kept as offsets into the original string."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    """One non-blank line: `text` is the line stripped, `start`/`end` index the original string."""

    text: str
    start: int
    end: int
    indent: int


@dataclass(frozen=True)
class Block:
    """Consecutive non-blank lines; a block can also be a run of lines cut from a larger block."""

    lines: tuple[Line, ...]

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def first(self) -> str:
        return self.lines[0].text

    @property
    def last(self) -> str:
        return self.lines[-1].text

    @property
    def joined(self) -> str:
        """The lines joined by spaces: what a reader sees once wrapping is undone."""
        return " ".join(line.text for line in self.lines)

    def __len__(self) -> int:
        return self.end - self.start


def iter_lines(text: str) -> Iterator[Line | None]:
    """Each line of `text`, or None for a blank (empty or whitespace-only) line."""
    pos = 0
    for raw in text.split("\n"):
        body = raw.strip()
        if body:
            lead = len(raw) - len(raw.lstrip())
            yield Line(body, pos + lead, pos + len(raw.rstrip()), lead)
        else:
            yield None
        pos += len(raw) + 1


def split_blocks(text: str) -> list[Block]:
    """Blocks separated by blank lines, in order."""
    out: list[Block] = []
    run: list[Line] = []
    for line in iter_lines(text):
        if line is None:
            if run:
                out.append(Block(tuple(run)))
                run = []
        else:
            run.append(line)
    if run:
        out.append(Block(tuple(run)))
    return out


def cut(block: Block, at: Sequence[int]) -> list[Block]:
    """`block` cut before each line index in `at` (indices outside 1..n-1 are ignored)."""
    edges = [0, *sorted(i for i in set(at) if 0 < i < len(block.lines)), len(block.lines)]
    return [Block(block.lines[a:b]) for a, b in itertools.pairwise(edges)]


def lines_of(text: str, start: int, end: int) -> list[str]:
    """The stripped non-blank lines of text[start:end]."""
    return [line.strip() for line in text[start:end].split("\n") if line.strip()]


def block_at(text: str, start: int, end: int) -> Block:
    """The lines of text[start:end] as a block whose offsets index `text` itself."""
    found = (x for x in iter_lines(text[start:end]) if x is not None)
    lines = tuple(Line(x.text, x.start + start, x.end + start, x.indent) for x in found)
    return Block(lines or (Line("", start, start, 0),))
