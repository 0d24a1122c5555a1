"""Reference lines: "Our ref: AC/RB/123", "Your ref: …", "Ref: …"."""

from __future__ import annotations

import re

from ingest.conventions.markup import plain

_LABEL = re.compile(
    r"\b(?:(our|my|your)\s+ref(?:erence)?|ref(?:erence)?)\b(?:\s*(?:no\.?|number))?\.?\s*[:.]?\s*",
    re.I,
)
_DATE_LABEL = re.compile(r"\s+date[d]?\s*:", re.I)


def is_reference(line: str) -> bool:
    return bool(references_in(line))


def normalise_label(label: str) -> str:
    """Labels in one form: "Our Reference" → "Our ref", "Reference" → "Ref"; others kept."""
    m = re.fullmatch(r"(?:(our|my|your)\s+)?ref(?:erence)?\.?(?:\s*(?:no\.?|number))?", label.strip(), re.I)
    if not m:
        return label.strip()
    return {"our": "Our ref", "my": "Our ref", "your": "Your ref"}.get((m.group(1) or "").lower(), "Ref")


def references_in(line: str) -> list[tuple[str, str]]:
    """(label, value) pairs of a line starting with a reference label; several may share the line."""
    s = plain(line)
    # A bare "Ref"/"Reference" is a label only with its colon: "Reference is made to …" is prose.
    marks = [m for m in _LABEL.finditer(s) if m.group(1) or re.search(r"[:.]", m.group(0))]
    if not marks or marks[0].start() != 0:
        return []
    out = []
    for k, m in enumerate(marks):
        stop = marks[k + 1].start() if k + 1 < len(marks) else len(s)
        value = _DATE_LABEL.split(s[m.end() : stop])[0].strip(" ,;\t")
        if value:
            out.append((normalise_label(m.group(0).rstrip(" :.")), value))
    return out
