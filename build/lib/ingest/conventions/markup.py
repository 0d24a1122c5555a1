"""Plain-text and markdown emphasis that hides the words of a line."""

from __future__ import annotations

import re

_WRAPPERS = re.compile(r"^(?:\*\*|__|\*|_)(.+?)(?:\*\*|__|\*|_)$")
_HASHES = re.compile(r"^#{1,6}\s+")
_UNDERLINE = re.compile(r"^(?:-{3,}|={3,})$")


def plain(line: str) -> str:
    """The words of a line without markdown heading hashes or emphasis around it."""
    s = _HASHES.sub("", line.strip())
    for _ in range(2):  # "**__x__**" nests at most twice in practice
        m = _WRAPPERS.match(s)
        if not m:
            break
        s = m.group(1).strip()
    return s.replace("**", "").replace("__", "").strip()


def is_emphasised(text: str) -> bool:
    """Whole text in bold/underline markup or a markdown heading."""
    s = text.strip()
    return bool(_HASHES.match(s)) or (len(s) > 4 and s[:2] in ("**", "__") and s[-2:] == s[:2])


def is_underline(line: str) -> bool:
    """A line of dashes or equals signs: an underlined (setext) heading's second line."""
    return bool(_UNDERLINE.match(line.strip()))
