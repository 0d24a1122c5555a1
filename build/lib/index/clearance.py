"""Protective markings as ordered levels, and which markings a clearance may see.

The default order covers the current UK scheme and the older one (issue: "Markings as levels"):
unmarked < OFFICIAL / PROTECT < OFFICIAL-SENSITIVE / RESTRICTED < CONFIDENTIAL < SECRET < TOP SECRET.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

UNMARKED = "UNMARKED"
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
        """A letter's level. Unmarked letters take the default; a marking that names several levels
        ("PRIVATE AND CONFIDENTIAL", "OFFICIAL-SENSITIVE") takes the highest it names; one that names
        none is treated as the top level, so an unexpected marking never widens access."""
        if not marking or not marking.strip():
            return self.default
        text = f" {_normal(marking)} "
        found = [rank for name, rank in self._rank.items() if f" {name} " in text]
        return max(found) if found else self.top

    def allowed(self, markings: Iterable[str | None], clearance: str) -> tuple[str | None, ...]:
        """The markings (None = unmarked) among `markings` that `clearance` may see."""
        limit = self.level(clearance)
        return tuple(m for m in dict.fromkeys(markings) if self.of_marking(m) <= limit)

    def top_name(self) -> str:
        return self.names[-1][0]
