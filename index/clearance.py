"""Protective markings as ordered levels, and which markings a clearance may see.

The default order covers the current UK scheme and the older one (issue: "Markings as levels"):
unmarked < OFFICIAL / PROTECT < OFFICIAL-SENSITIVE / RESTRICTED < CONFIDENTIAL < SECRET < TOP SECRET.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from index.markings import UNMARKED, parse_value

DEFAULT_LEVELS: tuple[tuple[str, ...], ...] = (
    (UNMARKED,),
    ("OFFICIAL", "PROTECT"),
    ("OFFICIAL-SENSITIVE", "RESTRICTED"),
    ("CONFIDENTIAL",),
    ("SECRET",),
    ("TOP SECRET",),
)


def _normal(name: str) -> str:
    return re.sub(r"[\s_-]+", " ", name.strip().upper())


class ClearanceError(ValueError):
    """An unknown clearance name; the message lists the known ones."""


class Levels:
    """The configured order of markings; a letter is visible at or below the reader's clearance."""

    def __init__(self, levels: Sequence[Sequence[str]], *, default_marking: str = UNMARKED) -> None:
        self.names = [[_normal(n) for n in level] for level in levels]
        self._rank = {name: i for i, level in enumerate(self.names) for name in level}
        self.top = len(self.names) - 1
        self.default = self.level(default_marking)

    def level(self, clearance: str) -> int:
        """The rank of a clearance (or marking) name; ClearanceError if it is not configured."""
        rank = self._rank.get(_normal(clearance))
        if rank is None:
            known = ", ".join(level[0] for level in self.names)
            raise ClearanceError(f"unknown clearance '{clearance}'; use one of: {known}")
        return rank

    def of_marking(self, marking: str | None) -> int:
        """A letter's level. Unmarked letters take the default; a configured name its level; any
        other marking the level its parsed base level names ("OFFICIAL-SENSITIVE – COMMERCIAL" is
        OFFICIAL-SENSITIVE, "PRIVATE AND CONFIDENTIAL" CONFIDENTIAL). A marking the grammar does not
        fully understand, or whose level is not configured, is the top level: it never widens access."""
        if not marking or not marking.strip():
            return self.default
        named = self._rank.get(_normal(marking))
        if named is not None:
            return named
        parsed = parse_value(marking)
        if parsed is None or not parsed.understood:
            return self.top
        rank = self._rank.get(_normal(parsed.level))
        return self.top if rank is None else rank

    def highest(self, markings: Iterable[str | None]) -> str | None:
        """The marking of highest level among `markings` (the first of equals); None if there is none."""
        found = [m for m in markings if m and m.strip()]
        return max(found, key=self.of_marking) if found else None

    def allowed(self, markings: Iterable[str | None], clearance: str) -> tuple[str | None, ...]:
        """The markings (None = unmarked) among `markings` that `clearance` may see."""
        limit = self.level(clearance)
        return tuple(m for m in dict.fromkeys(markings) if self.of_marking(m) <= limit)

    def top_name(self) -> str:
        return self.names[-1][0]
