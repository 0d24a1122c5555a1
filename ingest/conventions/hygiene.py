"""Text that is kept in the letter view but never quoted as evidence: mail furniture, not what was said.

Forwarded and quoted header blocks ("-----Original Message----- From: … Sent: … Subject: …"),
separators, Lotus Notes routing lines ("Joe Hillings/Corp/Enron on 09/20/2000 03:50 PM",
"To: … cc: … Subject:"), signatures and contact blocks, legal disclaimers and mailing-list footers.
They stay searchable; a quote of them answers nothing. Text in → spans out, no I/O.
"""

from __future__ import annotations

import itertools
import re

from ingest.conventions.lists import is_field
from ingest.conventions.names import is_name_line

# One line of mail furniture. Each alternative is anchored at the line start and has no nested
# repetition, so a line is read in linear time.
_SEPARATOR = re.compile(
    r"^\s*(?:-{2,}\s*(?:original message|forwarded by|forwarded message|begin forwarded)"
    r"|_{5,}\s*$|-{5,}\s*$|={5,}\s*$|\*{5,}\s*$|~{5,}\s*$"
    r"|(?:begin )?forwarded message\s*:?|>?\s*-+\s*original message\s*-+)",
    re.I,
)
_FIELD = re.compile(
    r"^\s*>?\s*(?:from|sent(?:\s+by)?|to|cc|bcc|subject|date|importance|reply-to|return-path|received|x-[\w-]+"
    r"|message-id|mime-version|content-type|content-transfer-encoding|sender|attachments?)\s*:",
    re.I,
)
# Fields that only a header block has; "Date:" and "Time:" alone also head meeting notices.
_HEADER_ONLY = re.compile(r"^\s*>?\s*(?:from|sent(?:\s+by)?|to|cc|bcc|subject|reply-to)\s*:", re.I)
# Outlook's attachment placeholders, several to a line, the last one often cut by the line's wrap:
# "<<4v.6  revised rockets term sheet.DOC>>   <<v.6  revised rockets term".
_PLACEHOLDERS = re.compile(r"^\s*(?:<<[^<>\n]{1,120}>>\s*)+(?:<<[^<>\n]{0,120})?$")
# An attachment's name on its own line ("- hagelesi.rtf", "<<Compaq AtHome.url>>").
_ATTACHMENT = re.compile(
    r"^\s*(?:[-*]\s*)?(?:<<)?[^<>\n]{1,120}\.(?:docx?|xlsx?|pptx?|pdf|rtf|gif|jpe?g|png|url|txt|zip|html?|wpd|tif)"
    r"(?:>>)?\s*$",
    re.I,
)
# Lotus Notes routing: "Name/OU/ORG@ORG", "Name@ECT on 10/02/2000 …", "… on 09/20/2000 03:50 PM".
_NOTES_ADDRESS = re.compile(r"[\w.'-]+/[\w.&-]+(?:/[\w.&-]+)*@[\w.-]+|@(?:ECT|ENRON|EES|EI)\b", re.I)
_ADDRESS = re.compile(r"[\w.'&-]+@[\w.-]+")
_ON_DATE = re.compile(r"\bon \d{1,2}/\d{1,2}/\d{2,4}(?: \d{1,2}:\d{2}(?::\d{2})? ?[AP]M)?\s*$", re.I)
_DATE_TIME_ONLY = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*[AP]M\s*$", re.I)
_CONTACT = re.compile(
    r"^\s*(?:tel|telephone|phone|ph|fax|facsimile|mobile|cell|pager|e-?mail|web|direct|office)\b\.?\s*[:.]?"
    r"|\(?\d{3}\)?[ ./-]\d{3}[ .-]\d{4}|@[\w-]+\.[\w.]+|https?://|\bwww\."
    r"|^\s*(?:x|ext\.?)\s?\d{3,6}\s*$",  # an extension: "x39866"
    re.I,
)
_DISCLAIMER = re.compile(
    r"intended (?:solely )?(?:only )?for the (?:use of the )?(?:individual|addressee|named|person|recipient)"
    r"|(?:privileged|confidential) (?:and|or|information|material)[^.]{0,80}(?:recipient|addressee)"
    r"|if you (?:are not|have received) (?:the intended|this (?:e-?mail|message|communication) in error)"
    r"|to unsubscribe|unsubscribe from|you are (?:currently )?subscribed|opt[- ]out of|remove you from"
    r"|this (?:e-?mail|message) (?:and any attachments? )?(?:is|may be) (?:confidential|privileged)"
    r"|all rights reserved|do you yahoo!?",
    re.I,
)
_WORD = re.compile(r"[A-Za-z]{2,}")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
# No header, routing or attachment line is longer than this; longer lines are what was said, and are
# never searched for addresses (a run of 100,000 letters with no "@" would cost quadratic time).
MAX_FURNITURE_LINE = 400
# A signature line is short; a run of at least this many short lines with a contact line is one.
MAX_SIGNATURE_LINE = 60
# A lone header field line ("From: …", "To: …") longer than this is taken for a sentence that opens so.
MAX_ROUTING_LINE = 160
# A name with at most this many short lines under it (title, department, extension) is a signature.
MAX_TITLE_LINES = 3
MAX_TITLE_WORDS = 6


def _lines(text: str) -> list[tuple[int, int]]:
    """[start, end) of every non-blank line of `text`."""
    out = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if line.strip():
            out.append((pos, end))
        pos = end + 1
    return out


def _is_routing(line: str) -> bool:
    """A Notes or Outlook routing line: who sent it when, or a list of addresses."""
    if _DATE_TIME_ONLY.match(line) or (_ON_DATE.search(line) and len(line) < 160):
        return True
    if len(_ADDRESS.findall(line)) >= 2:
        return True
    return len(_NOTES_ADDRESS.findall(line)) >= 2 or bool(
        _NOTES_ADDRESS.search(line) and len(_WORD.findall(line)) <= 6
    )


def _header_block(lines: list[str]) -> set[int]:
    """Indexes of the lines of each forwarded/quoted header block, with their continuation lines.

    A block starts at a field only a header has ("From:", "To:", "Subject:" …) when a second such
    field follows within a few lines; lines between fields (wrapped address lists) belong to it.
    """
    junk: set[int] = set()
    fields = [i for i, line in enumerate(lines) if _FIELD.match(line)]
    only = [i for i in fields if _HEADER_ONLY.match(lines[i])]
    for a, b in itertools.pairwise(only):
        if b - a <= 6:
            junk.update(range(a, b + 1))
    # A lone "Subject: …" or "To: … cc:" is a header too (Notes puts them on lines of their own), and
    # so is a memo's lone "From:  Ken Lay, Jeff Skilling & Joe Sutton @ ENRON": who wrote is the
    # letter's sender, not a statement.
    junk.update(
        i
        for i in only
        if len(lines[i]) <= MAX_ROUTING_LINE or re.match(r"\s*>?\s*(?:subject|cc|bcc)\s*:", lines[i], re.I)
    )
    # "To: A/HOU/ECT@ECT, B/Corp/Enron@ENRON, …" wraps over lines that each hold a name or two.
    for i in only:
        if len(lines[i]) > MAX_FURNITURE_LINE:
            continue
        if _ADDRESS.search(lines[i]) or _NOTES_ADDRESS.search(lines[i]):
            junk.add(i)
            j = i + 1
            while j < len(lines) and lines[j - 1].rstrip().endswith(",") and "@" in lines[j]:
                junk.add(j)
                j += 1
    return junk


def _signature(lines: list[str]) -> bool:
    """A block of short lines (name, title, address) with a phone, fax or address line among them, or
    a name with its title and department under it ("Dennis J. Buckley / Counsel to the Chairman").

    A notice's fields ("Location: The St. Regis Hotel / 1919 Briar Oaks Lane / Phone: …") are no
    signature: they say where the meeting is.
    """
    if len(lines) < 2 or any(len(x.strip()) > MAX_SIGNATURE_LINE for x in lines):
        return False
    if any(is_field(x) for x in lines):
        return False
    ended = sum(bool(_SENTENCE_END.search(x)) and len(_WORD.findall(x)) > 4 for x in lines)
    if ended:
        return False
    if any(_CONTACT.search(x) for x in lines):
        return True
    return (
        len(lines) <= MAX_TITLE_LINES + 1
        and is_name_line(lines[0])
        and all(_titled_line(x) for x in lines[1:])
    )


def _titled_line(line: str) -> bool:
    """A title, department or company line under a name: short, capitalised, no sentence."""
    s = line.strip()
    if not s or not (s[0].isupper() or s[0].isdigit()) or len(s.split()) > MAX_TITLE_WORDS:
        return False
    # "Enron Capital & Trade Resources Corp." ends in a full stop; "Agreed, send it to George." is said.
    said = s.endswith(("?", "!")) or bool(re.search(r"[a-z]{3,}\.$", s))
    return not said or bool(re.search(r"\b(?:Inc|Corp|Ltd|Co)\.$", s))


def furniture(text: str, *, signatures: bool = True) -> list[tuple[int, int]]:
    """Spans of `text` (one passage) that are mail furniture, not what the letter says.

    Without `signatures`, a contact block is kept: a sign-off block answers "who wrote it?".
    """
    spans = _lines(text)
    lines = [text[s:e] for s, e in spans]
    junk = _header_block(lines)
    for i, line in enumerate(lines):
        if len(line) > MAX_FURNITURE_LINE:
            junk.discard(i)
            continue
        if (
            _SEPARATOR.match(line)
            or _ATTACHMENT.match(line)
            or _PLACEHOLDERS.match(line)
            or _is_routing(line)
            or _DISCLAIMER.search(line)
        ):
            junk.add(i)
    if (signatures and _signature(lines)) or _DISCLAIMER.search(" ".join(lines)):
        junk.update(range(len(lines)))
    return [spans[i] for i in sorted(junk)]


def evidence_spans(
    text: str, start: int = 0, end: int | None = None, *, signatures: bool = True, min_words: int = 3
) -> list[tuple[int, int]]:
    """The stretches of text[start:end] that may be quoted: what is left once furniture is cut out.

    A stretch of body text needs a few words of its own ("Thanks." or a lone name answers nothing);
    a header block ("4 December 2009") only needs something that is not blank.
    """
    end = len(text) if end is None else end
    piece = text[start:end]
    out: list[tuple[int, int]] = []
    cursor = 0
    for s, e in [*furniture(piece, signatures=signatures), (len(piece), len(piece))]:
        stretch = piece[cursor:s]
        if stretch.strip() and len(_WORD.findall(stretch)) >= min_words:
            out.append((start + cursor, start + s))
        cursor = max(cursor, e)
    return out
