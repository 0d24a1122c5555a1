"""Typed records shared by every layer: who wrote, to whom, and the passages a reader cites.

Records that leave Letters as JSON (the CLI's `--json`, the API, its OpenAPI document) are pydantic
dataclasses: their fields ARE the JSON shape, written once; `to_json` renders any of them. Records
that stay inside ingest (`LetterMeta`, `Segment`) are plain dataclasses.
"""

from __future__ import annotations

import dataclasses
from dataclasses import field
from typing import Any, Literal

from pydantic import TypeAdapter, computed_field
from pydantic.dataclasses import dataclass

# "received": only a registry stamp dated it ("Registered, -5 JUN. 1916"), not the writer.
DateKind = Literal["letter", "event", "received"]
# Where the rest of a year written short ("25/4/16") came from: the collection's setting, the
# four-digit years the letter itself writes, the corpus being indexed, or (no evidence at all) the
# nearest to today.
CenturySource = Literal["setting", "letter", "corpus", "nearest"]

# Passage kinds in reading order of a conventional letter; "list" is a paragraph that introduces a
# list together with its items, kept whole so a quote never loses half of the list.
PASSAGE_KINDS = (
    "letterhead",
    "marking",
    "reference",
    "address",
    "date",
    "heading",
    "salutation",
    "body",
    "list",
    "sign-off",
)


@dataclass(frozen=True)
class Person:
    """One named person, styled as a reader would write them ("Cllr Andrew Carter")."""

    name: str
    title: str = ""
    organisation: str = ""
    email: str = ""  # an email's address for the person; searchable, not shown in labels

    @computed_field  # type: ignore[prop-decorator]
    @property
    def label(self) -> str:
        """ "Cllr Andrew Carter (Leader of the Council, Leeds City Council)"."""
        extra = ", ".join(x for x in (self.title, self.organisation) if x)
        return f"{self.name} ({extra})" if extra else self.name


SHORT_NAMES = 4  # a citation names this many people of a party, then "and N others"


@dataclass(frozen=True)
class Party:
    """A sender or recipient: the people named, their office and organisation.

    `display` lets a sidecar file state the party in its own words when structure is not wanted.
    """

    people: tuple[Person, ...] = ()
    organisation: str = ""
    office: str = ""
    display: str = ""

    def __bool__(self) -> bool:
        return bool(self.people or self.organisation or self.office or self.display)

    def names(self, limit: int = 0) -> str:
        """ "A and B" (or "A, B and C"), falling back to the office or organisation.

        With a `limit`, a longer list ends "… and N others" (a mass email's forty recipients).
        """
        names = [p.name for p in self.people]
        if not names:
            return self.display or self.office or self.organisation
        if limit and len(names) > limit + 1:
            names = [*names[:limit], f"{len(names) - limit} others"]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def short(self) -> str:
        """Names (at most four) with the organisation in brackets: the form of citation references."""
        if self.display:
            return self.display
        org = self.organisation or next((p.organisation for p in self.people if p.organisation), "")
        names = self.names(limit=SHORT_NAMES)
        return f"{names} ({org})" if org and names != org else names

    @computed_field  # type: ignore[prop-decorator]
    @property
    def label(self) -> str:
        """Every fact: each person with their title, then office and organisation."""
        if self.display:
            return self.display
        # A person's organisation is repeated only when it differs from the party's own.
        parts = [
            p.label if p.organisation != self.organisation else Person(p.name, p.title).label
            for p in self.people
        ]
        who = parts[0] if len(parts) == 1 else (", ".join(parts[:-1]) + " and " + parts[-1] if parts else "")
        where = ", ".join(x for x in (self.office, self.organisation) if x)
        if who and where:
            return f"{who}; {where}"
        return who or where

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Party:
        """A party stored as JSON (its computed labels, if present, are recomputed, not read)."""
        people = tuple(
            Person(p["name"], p.get("title", ""), p.get("organisation", ""), p.get("email", ""))
            for p in data.get("people", ())
        )
        return cls(
            people=people,
            organisation=data.get("organisation", ""),
            office=data.get("office", ""),
            display=data.get("display", ""),
        )


@dataclasses.dataclass(frozen=True)
class ShortYear:
    """A date's year written short: the digits ("16" in 25/4/16, "5" after a printed "191_") and
    where the rest of the year came from."""

    digits: str
    source: CenturySource
    weekday: int | None = None  # the weekday written beside a date with no year (0: Monday), if any


@dataclasses.dataclass(frozen=True)
class LetterMeta:
    """What the letter says about itself (heuristics, then the sidecar file on top)."""

    title: str
    date: str | None = None  # ISO 8601 (YYYY-MM-DD)
    date_kind: DateKind | None = None  # "event": a meeting's date; "received": a registry stamp's
    sender: Party = dataclasses.field(default_factory=Party)
    recipient: Party = dataclasses.field(default_factory=Party)
    marking: str | None = None
    references: tuple[tuple[str, str], ...] = ()  # (("Our ref", "AC/RB/123"), ...)
    date_year: ShortYear | None = None  # the date's year when written short; None: written in full


@dataclass(frozen=True)
class EmailLink:
    """The email an attachment came with, as the attachment's citation names it."""

    id: str
    title: str
    date: str | None
    sender: Party = field(default_factory=Party)
    recipient: Party = field(default_factory=Party)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EmailLink:
        """A link stored as JSON (`dataclasses.asdict` of one)."""
        return cls(
            id=data["id"],
            title=data.get("title", ""),
            date=data.get("date"),
            sender=Party.from_dict(data.get("sender", {})),
            recipient=Party.from_dict(data.get("recipient", {})),
        )


@dataclass(frozen=True)
class Letter:
    """One indexed letter; `path` is relative to the corpus folder."""

    id: str
    path: str
    sha256: str
    title: str
    date: str | None
    date_kind: DateKind | None
    sender: Party
    recipient: Party
    marking: str | None
    references: tuple[tuple[str, str], ...]
    source_kind: str = "letter"
    pages: int = 1
    # Which letter of a file that holds several, as reports name it (the message number in an mbox:
    # "box.mbox#12"); "" for one-letter files.
    label: str = ""
    # Email threading: this message's Message-ID, the one it replies to, and the id of its thread's
    # first message (a letter that is no email has none of them).
    message_id: str | None = None
    in_reply_to: str | None = None
    thread_id: str | None = None
    # An email's attachment is a letter of its own: the email it came with (the first, when the
    # same file came with several; Store.carriers lists them all) and its file name there.
    parent_id: str | None = None
    attachment: str = ""
    attached_to: EmailLink | None = None

    @classmethod
    def from_meta(
        cls,
        meta: LetterMeta,
        *,
        id: str,
        path: str,
        sha256: str,
        source_kind: str,
        pages: int,
        label: str = "",
        message_id: str | None = None,
        in_reply_to: str | None = None,
        thread_id: str | None = None,
        attachment: str = "",
        attached_to: EmailLink | None = None,
    ) -> Letter:
        return cls(
            id=id,
            path=path,
            sha256=sha256,
            title=meta.title,
            date=meta.date,
            date_kind=meta.date_kind,
            sender=meta.sender,
            recipient=meta.recipient,
            marking=meta.marking,
            references=meta.references,
            source_kind=source_kind,
            pages=pages,
            label=label,
            message_id=message_id,
            in_reply_to=in_reply_to,
            thread_id=thread_id,
            parent_id=attached_to.id if attached_to else None,
            attachment=attachment,
            attached_to=attached_to,
        )


@dataclasses.dataclass(frozen=True)
class Segment:
    """A passage before it is stored: what ingest hands to the index."""

    kind: str
    start: int  # [start, end) in the letter's extracted text
    end: int
    paragraph: int | None  # body/list paragraphs are numbered 1..n; other kinds have none
    page: int  # 1-based; plain text is page 1


@dataclass(frozen=True)
class Passage:
    """A stored passage: `text` is exactly the letter's extracted text[start:end]."""

    id: int
    letter_id: str
    kind: str
    paragraph: int | None
    page: int
    start: int
    end: int
    text: str
    ocr: bool = False  # the text was read from a scanned image by OCR, so a word may be misread
    # May it be quoted as evidence? Mail furniture (forwarded headers, signatures, disclaimers) and bare
    # headings stay in the letter view and in search, but answer nothing (ingest.conventions.hygiene).
    quotable: bool = True
    # Text of an earlier message quoted in this letter (one no other letter holds): who wrote it and
    # when, as its quoted header says ("" when it names nobody). None: the letter's own words.
    quoted_writer: str | None = None
    quoted_date: str | None = None


@dataclass(frozen=True)
class Hit:
    """A search result: the passage, its letter, the fused score and each retriever's rank."""

    passage: Passage
    letter: Letter
    score: float
    ranks: dict[str, int] = field(default_factory=dict)  # {"keyword": 1, "dense": 3}


@dataclass(frozen=True)
class SearchFilters:
    """Filters applied before ranking, so k results come back whenever k passages match."""

    sender: str | None = None  # case-insensitive substring of the sender's names/office/org
    recipient: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None
    # The markings the reader is cleared for (None stands for unmarked); None means no restriction.
    markings: tuple[str | None, ...] | None = None


@dataclass(frozen=True)
class SearchResult:
    """`letters search --json` and `GET /api/search`."""

    query: str
    hits: tuple[Hit, ...]
    generation: str


@dataclass(frozen=True)
class LetterList:
    """`letters documents --json` and `GET /api/letters`; links name only letters of the list."""

    letters: tuple[Letter, ...]
    generation: str
    attachments: dict[str, tuple[str, ...]] = field(default_factory=dict)  # email id → its attachments
    carried_by: dict[str, tuple[str, ...]] = field(default_factory=dict)  # attachment id → its emails


@dataclass(frozen=True)
class LetterDetail:
    """`GET /api/letters/{id}`: the letter, its extracted text, and the passages that index into it."""

    letter: Letter
    text: str
    passages: tuple[Passage, ...]
    generation: str
    attachments: tuple[Letter, ...] = ()  # the letters this email carried (those the reader may see)
    carried_by: tuple[Letter, ...] = ()  # every email that carried this attachment


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def to_json(record: Any) -> dict[str, Any]:
    """A record as the JSON object every interface uses (one shape per record)."""
    kind = type(record)
    adapter = _ADAPTERS.get(kind) or _ADAPTERS.setdefault(kind, TypeAdapter(kind))
    data: dict[str, Any] = adapter.dump_python(record, mode="json")
    return data
