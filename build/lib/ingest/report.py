"""What one `letters index` run did to every file it saw."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Failure:
    path: str  # a file, or one message of a mailbox ("box.mbox#12")
    error: str


@dataclass(frozen=True)
class Duplicate:
    path: str  # a file, or one message of a mailbox ("box.mbox#12")
    of: str  # the file or message indexed in its place


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    letters: int = 0
    passages: int = 0
    embedded: int = 0  # vectors computed by the model in this run (0 when nothing changed)
    ocr: list[str] = field(default_factory=list)  # files read (at least in part) by OCR in this run
    notes: list[str] = field(default_factory=list)  # things the admin should know about the run as a whole
    generation: str | None = None
    timings: dict[str, float] = field(default_factory=dict)

    def time(self, stage: str, seconds: float) -> None:
        """How long a stage took, to the millisecond (JSON readers want no float noise)."""
        self.timings[stage] = round(seconds, 3)

    @property
    def ok(self) -> bool:
        return not self.failed
