"""Nothing unverified leaves the assistant: quotes are re-read from the letter, statements checked."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.records import Citation, Statement

_QUOTED = re.compile(r"“(.+?)”", re.S)
_MARKER = re.compile(r"\[(\d+)\]")


def quote_is_exact(citation: Citation, letter_text: str | None) -> bool:
    """The quote is exactly the letter's text between start and end."""
    return (
        letter_text is not None
        and 0 <= citation.start < citation.end <= len(letter_text)
        and letter_text[citation.start : citation.end] == citation.quote
    )


def statement_holds(statement: Statement, quotes: dict[int, str]) -> bool:
    """It cites only known citations, and every “quoted” stretch is inside one of them."""
    if not statement.cites or any(n not in quotes for n in statement.cites):
        return False
    unquoted = _QUOTED.sub("", statement.text)
    if {int(m) for m in _MARKER.findall(unquoted)} - set(statement.cites):
        return False
    cited = [quotes[n] for n in statement.cites]
    return all(any(part in q for q in cited) for part in _QUOTED.findall(statement.text))


def verify(
    statements: Sequence[Statement],
    citations: Sequence[Citation],
    letter_text: Callable[[str], str | None],
) -> tuple[list[Statement], list[Citation], list[Citation]]:
    """(statements kept, citations kept and renumbered 1..n, citations dropped)."""
    good = [c for c in citations if quote_is_exact(c, letter_text(c.letter.id))]
    dropped = [c for c in citations if c not in good]
    quotes = {c.n: c.quote for c in good}
    kept = [s for s in statements if statement_holds(s, quotes)]
    used = sorted({n for s in kept for n in s.cites})
    renumber = {old: new for new, old in enumerate(used, start=1)}

    def mark(match: re.Match[str]) -> str:
        return f"[{renumber[int(match.group(1))]}]"

    def outside_quotes(text: str) -> str:
        # Markers are rewritten only between quotes: a quote keeps its letter's exact text.
        parts = re.split(r"(“.+?”)", text, flags=re.S)
        return "".join(p if i % 2 else _MARKER.sub(mark, p) for i, p in enumerate(parts))

    kept = [Statement(outside_quotes(s.text), tuple(renumber[n] for n in s.cites)) for s in kept]
    final = [replace(c, n=renumber[c.n]) for c in good if c.n in renumber]
    return kept, sorted(final, key=lambda c: c.n), dropped
