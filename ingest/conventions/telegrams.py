"""Telegram forms ("POST OFFICE TELEGRAPHS."): the office's date stamp, the "To" line, and the sender
alone on the last line, with no salutation or closing and few stops."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from index.records import Party, Person
from ingest.conventions.dates import DateMatch, find_dates, is_stamp, post_office_dates
from ingest.conventions.markup import plain
from ingest.conventions.names import (
    address_start,
    is_given_name,
    is_pet_form,
    is_title,
    name_before_address,
    signed_name,
)
from ingest.conventions.organisations import is_organisation
from ingest.conventions.roles import is_office, spelled_out

# The form's printed heading, alone on one of its first lines ("Telegrams: Deeds, Ennismore." is a
# letterhead's telegraphic address, not a form).
_FORM = re.compile(r"(?:post\s+office\s+)?(?:telegraphs?|telegram)\.?", re.I)
_TO = re.compile(r"^to\b[\s,.:]*", re.I)
_FIELD = re.compile(r"^(?:to|from)\s*:", re.I)
# Words that open an office's title, never a surname: "Under Secretary Dublin Castle".
_QUALIFIERS = {
    "under", "chief", "deputy", "assistant", "vice", "principal", "private", "acting", "joint", "local",
    "crown", "resident", "county", "town", "city", "district", "general", "head", "high", "lord",
}  # fmt: skip
FORM_LINES = 8
MAX_SIGNER_WORDS = 4


@dataclass(frozen=True)
class Telegram:
    date: DateMatch | None
    addressee: Party
    sender: Party


def telegram_of(lines: Sequence[str], *, near: int | None = None) -> Telegram | None:
    """The date, addressee and sender of a telegram form, None when `lines` are no telegram."""
    if not any(_FORM.fullmatch(plain(x).strip()) for x in lines[:2]):
        return None
    if any(_FIELD.match(plain(x)) for x in lines[:FORM_LINES]):
        return None  # "To:" and "From:" fields: read as a memorandum's (addressees.from_field)
    to = next((k for k, x in enumerate(lines[:FORM_LINES]) if _TO.match(plain(x))), None)
    head = [plain(x) for x in lines[: FORM_LINES if to is None else to + 1]]
    stamped = [d for x in head for d in post_office_dates(x, near=near)]
    # Else a date written out on the form's lines, never a "Received here" stamp's.
    written = [d for x in head if not is_stamp(x) for d in find_dates(x, near=near)]
    addressee = Party()
    if to is not None:
        rest = _TO.sub("", plain(lines[to])).strip(" ,.")
        if not rest and to + 1 < len(lines):
            rest = plain(lines[to + 1]).strip(" ,.")
        addressee = _addressed(rest)
    # Else the office's stamp wherever the transcriber put it (under the message, "[stamp: DUBLIN 27 JY 20]").
    found = stamped or written or (d for x in lines for d in post_office_dates(plain(x), near=near))
    date = next(iter(found), None)
    last = plain(lines[-1])
    # The Post Office's marks: "= COME DUBLIN MONDAY … ROW = KEARNEY +": the sender after the last "=".
    if marked := _SIGNED_MARK.search(last):
        last = marked.group(1).title() if marked.group(1).isupper() else marked.group(1)
    return Telegram(date, addressee, _signer(last.strip(" ,.")))


_SIGNED_MARK = re.compile(r"=\s*([^=+]+?)\s*\+?\s*$")


def _addressed(words: str) -> Party:
    """The addressee of a telegram's run-on "To" line: a surname before an office or an address
    ("Bermingham Solicitor Castlebar"), a styled name, or an office ("Secretary County Council Ennis")."""
    first = words.split()[0] if words.split() else ""
    if not first:
        return Party()
    if is_title(first) and (named := name_before_address(words) or signed_name(words)):
        return Party(people=(Person(named),))
    if _surname(first) and not is_office(first) and not is_organisation(first) and len(words.split()) > 1:
        return Party(people=(Person(first),))
    if is_office(words):
        # Its address run on after it: "Chief Secretary's Office Dublin Castle".
        cut = address_start(words.split())
        return Party(office=spelled_out(" ".join(words.split()[:cut])))
    return Party(organisation=words) if is_organisation(words) else Party()


def _signer(line: str) -> Party:
    """The office, body or person alone on a telegram's last line ("County Inspector Limerick", "Walshe")."""
    if not line or len(line.split()) > MAX_SIGNER_WORDS or re.search(r"\d", line):
        return Party()
    if is_office(line):
        return Party(office=spelled_out(line))
    if is_organisation(line):
        return Party(organisation=line)
    if named := signed_name(line):
        return Party(people=(Person(named),))
    return Party(people=(Person(line),)) if _surname(line) else Party()


def _surname(word: str) -> bool:
    """One capitalised word that is no common given name nor a pet form: how a telegram signs and
    addresses ("Walshe"; "Nellie" or "Frank" alone name no one findable)."""
    surname = re.fullmatch(r"(?:O['’]|Mc|Mac)?[A-Z][a-z'’]+(?:-[A-Z][a-z]+)?", word)
    common = is_given_name(word) or is_pet_form(word) or word.lower() in _QUALIFIERS
    return bool(surname) and not common
