"""Subject and title lines: "Re: …", "Subject: …", bold, underlined or markdown headings."""

from __future__ import annotations

import re

from ingest.conventions.blocks import Block
from ingest.conventions.markings import marking_of
from ingest.conventions.markup import is_emphasised, is_underline, plain

MAX_HEADING_CHARS = 250
_SUBJECT = re.compile(r"^(?:re|subject|subj)\s*:\s*", re.I)
_REPLY = re.compile(r"^(?:(?:re|fw|fwd|subject|subj)\s*:\s*)+", re.I)
_EMAIL_FIELD = re.compile(r"^(?:from|to|sent|date|cc|bcc|subject|importance|attachments?)\s*:", re.I)


def is_marked_heading(block: Block, *, prefixed: bool = True) -> bool:
    """A block that announces itself as a heading by its markup or (when `prefixed`) a "Re:" prefix."""
    if len(block.lines) > 3 or len(block) > MAX_HEADING_CHARS or marking_of(block.joined):
        return False
    if (prefixed and _SUBJECT.match(plain(block.first))) or is_emphasised(block.joined):
        return True
    return len(block.lines) == 2 and is_underline(block.last)


def is_email_header(block: Block) -> bool:
    """Lines "From: / Sent: / To: / Subject:" heading an email."""
    return len(block.lines) >= 2 and all(_EMAIL_FIELD.match(line.text) for line in block.lines)


def heading_text(block: Block) -> str:
    """The words of a heading: markup, underline and a "Re:"/"Subject:" prefix removed."""
    lines = [line.text for line in block.lines if not is_underline(line.text)]
    if is_email_header(block):
        lines = [x for x in lines if re.match(r"subject\s*:", x, re.I)]
    text = " ".join(plain(x) for x in lines)
    return " ".join(_REPLY.sub("", plain(text)).split())
