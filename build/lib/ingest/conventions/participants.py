"""Attendee and copy lists ("Attending: Nigel Richardson (Leeds CC), …") naming people with organisations."""

from __future__ import annotations

import re
from collections.abc import Sequence

from index.records import Segment
from ingest.conventions.markup import plain
from ingest.conventions.names import name_words, style_name
from ingest.conventions.organisations import expand

_LABEL = re.compile(
    r"^(?:attending|attendees|present|participants|in\s+attendance|invited|cc|copy\s+to|copies\s+to"
    r"|distribution)\s*:\s*",
    re.I,
)


def is_participant_list(line: str) -> bool:
    return bool(_LABEL.match(plain(line)))


def participants(text: str, segments: Sequence[Segment]) -> list[tuple[str, str]]:
    """(name, organisation) for each "Name (Org)" entry of every attendee or copy list."""
    out: list[tuple[str, str]] = []
    for seg in segments:
        lines = [x.strip() for x in text[seg.start : seg.end].split("\n") if x.strip()]
        for k, line in enumerate(lines):
            m = _LABEL.match(plain(line))
            if m:
                out += _entries(" ".join([plain(line)[m.end() :], *lines[k + 1 :]]))
                break
    return out


def find(people: Sequence[tuple[str, str]], name: str) -> tuple[str, str] | None:
    """The one listed person whose name contains every word of `name` ("Nigel"), else None."""
    wanted = {w.lower() for w in name_words(name)}
    hits = [p for p in people if wanted and wanted <= {w.lower() for w in name_words(p[0])}]
    return hits[0] if len(hits) == 1 else None


def _entries(text: str) -> list[tuple[str, str]]:
    """Entries "A (X), B (Y) and C" → [("A", "X"), ("B", "Y")]; those without an organisation are dropped."""
    out = []
    for part in _split_outside_brackets(re.sub(r"\)\s+(?:and|&)\s+", "), ", text)):
        part = re.sub(r"^(?:and|&)\s+", "", part.strip(" .")).strip()
        m = re.fullmatch(r"([^()]+?)\s*\(([^()]+)\)", part)
        if m:
            out.append((style_name(m.group(1)), expand(m.group(2))))
    return out


def _split_outside_brackets(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and ch in ",;":
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts
