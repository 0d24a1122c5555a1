"""A person's lines in an address or signature: name, then title lines, then organisation."""

from __future__ import annotations

from collections.abc import Sequence

from index.records import Person
from ingest.conventions.addresses import is_contact, is_postal
from ingest.conventions.markings import marking_of
from ingest.conventions.names import is_name_line, style_name
from ingest.conventions.organisations import councils_in, is_acronym, is_organisation, office_of
from ingest.conventions.roles import continues, is_role

# A longer line under a name is prose, not a job title.
MAX_TITLE_LINE_CHARS = 100


def person_from_lines(lines: Sequence[str], *, single_word: bool = False) -> tuple[Person | None, list[str]]:
    """The person the lines name (None if the first line is no name) and the organisations they list."""
    rest = [x for x in lines if not marking_of(x)]
    if not rest or not is_name_line(rest[0], single_word=single_word):
        # Without a name an acronym line ("FYI") is too weak a sign of an organisation.
        return None, [org for org in organisations_in(rest) if not is_acronym(org)]
    title, orgs = describe(rest[1:])
    return Person(style_name(rest[0]), title, orgs[0] if orgs else ""), orgs


def describe(lines: Sequence[str]) -> tuple[str, list[str]]:
    """The title at the head of `lines` (the lines under a name) and the organisations after it."""
    title: list[str] = []
    rest = list(lines)
    while rest and not is_contact(rest[0]):
        line = rest[0]
        # A title wrapped mid-phrase continues even onto a word that looks like a town ("Families").
        wrapped = bool(title) and continues(title[-1], line)
        first = not title and not is_postal(line) and not is_organisation(line)
        sentence = line.endswith(".") and len(line.split()) >= 8
        if len(line) > MAX_TITLE_LINE_CHARS or sentence or not (wrapped or is_role(line) or first):
            break
        title.append(line)
        rest = rest[1:]
    return _join(title), organisations_in(rest)


def organisations_in(lines: Sequence[str]) -> list[str]:
    """Organisation lines before the postal address starts, councils first."""
    found: list[str] = []
    for line in lines:
        if is_contact(line) or (is_postal(line) and not is_organisation(line)):
            break
        if is_organisation(line) and not office_of(line):
            found.append(line.strip(" ,."))
    return sorted(found, key=lambda org: not councils_in(org))


def _join(title: Sequence[str]) -> str:
    """Title lines joined: a wrapped line continues with a space, a new line adds ", "."""
    out = ""
    for line in title:
        if not out:
            out = line
        elif continues(out, line):
            out = f"{out} {line}"
        else:
            out = f"{out}, {line}"
    return out.strip(" ,")
