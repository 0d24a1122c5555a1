"""A letter's text cut into the passages a reader would cite, each with its kind, paragraph and page.

Blocks are runs of non-blank lines. The salutation and the valediction divide a letter into the
header (letterhead, marking, references, address, date, heading), the body and the sign-off.
Offsets always index the original text, so a quote can be checked as `text[start:end]`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

from index.records import Segment
from ingest.conventions.addresses import is_contact, is_postal
from ingest.conventions.blocks import Block, cut, split_blocks
from ingest.conventions.dates import date_line
from ingest.conventions.greetings import addressee, is_salutation, is_valediction
from ingest.conventions.headings import is_email_header, is_marked_heading
from ingest.conventions.lists import group, is_item, split_items
from ingest.conventions.markings import marking_of
from ingest.conventions.markup import plain
from ingest.conventions.names import is_name_line, name_words
from ingest.conventions.organisations import is_organisation, office_of
from ingest.conventions.references import is_reference

# A sender's address set flush right (each line indented at least this far) is a letterhead.
RIGHT_ALIGNED_INDENT = 20
# A one-line block this short, just before or after the salutation, is taken for a subject line.
MAX_SHORT_HEADING_CHARS = 120

Piece = tuple[str, Block]


def segment(text: str, page_starts: Sequence[int] = (0,)) -> list[Segment]:
    """Passages in reading order covering every non-blank character of `text` exactly once."""
    blocks = split_blocks(text)
    if not blocks:
        return []
    return _number([piece for message in _messages(blocks) for piece in _pieces(message)], page_starts)


# Where an earlier message starts inside an email: a forward's or a reply's separator line.
_MESSAGE_START = re.compile(
    r"^\s*(?:-{2,}\s*original message\s*-{2,}|-{3,}\s*forwarded (?:by|message)\b"
    r"|begin forwarded message\s*:)",
    re.I,
)


def _messages(blocks: Sequence[Block]) -> list[list[Block]]:
    """The blocks cut where an earlier message starts, so each message is framed on its own: the text
    forwarded under a sender's "Regards / Dave" is the earlier writer's body, not the sign-off (Enron:
    a forward's whole message was a sign-off block, never quoted for a question on what it says)."""
    out: list[list[Block]] = [[]]
    for block in blocks:
        starts = [k for k, line in enumerate(block.lines) if _MESSAGE_START.match(line.text)]
        for part in cut(block, starts):
            if _MESSAGE_START.match(part.first) and out[-1]:
                out.append([])
            out[-1].append(part)
    return out


def _pieces(blocks: list[Block]) -> list[Piece]:
    """One message's blocks as header, salutation, body and sign-off pieces."""
    blocks, opening, closing = _frame(blocks)
    if opening is not None:
        pieces = _header(blocks[:opening], greeting=blocks[opening].first)
        pieces.append(("salutation", blocks[opening]))
        pieces += _body(blocks[opening + 1 : closing], after_salutation=True)
    else:
        end = _header_end(blocks[:closing])
        pieces = _header(blocks[:end], greeting=None)
        pieces += _body(blocks[end:closing], after_salutation=False)
    pieces += [("sign-off", b) for b in blocks[closing:]]
    return pieces


def _frame(blocks: list[Block]) -> tuple[list[Block], int | None, int]:
    """Blocks re-cut so the salutation and valediction open their own; their indices (or None / n)."""
    opening = _find(blocks, 0, _salutation_at)
    if opening is not None:
        b, k = opening
        blocks = blocks[:b] + cut(blocks[b], [k, k + 1]) + blocks[b + 1 :]
        opening_index = b + (1 if k > 0 else 0)
    else:
        opening_index = None
    start = 0 if opening_index is None else opening_index + 1
    closing = _find(blocks, start, lambda blk, k: is_valediction(blk.lines[k].text))
    if closing is None:
        return blocks, opening_index, len(blocks)
    b, k = closing
    blocks = blocks[:b] + cut(blocks[b], [k]) + blocks[b + 1 :]
    return blocks, opening_index, b + (1 if k > 0 else 0)


def _find(blocks: Sequence[Block], start: int, test: Callable[[Block, int], bool]) -> tuple[int, int] | None:
    """(block, line) of the first line from block `start` on passing `test(block, line_index)`."""
    for b in range(start, len(blocks)):
        for k in range(len(blocks[b].lines)):
            if test(blocks[b], k):
                return b, k
    return None


def _salutation_at(block: Block, k: int) -> bool:
    # Inside a paragraph "Dear …" is wrapped prose; after short address lines it opens the letter.
    return is_salutation(block.lines[k].text) and (k == 0 or len(block.lines[k - 1].text) < 60)


def _header_end(blocks: Sequence[Block]) -> int:
    """Without a salutation the header is the leading blocks that are plainly header material."""
    for i, b in enumerate(blocks):
        if _header_kind(b) is None and not _short_heading(b):
            return i
    return len(blocks)


def _header(blocks: Sequence[Block], *, greeting: str | None) -> list[Piece]:
    """Header kinds; blocks that look like addresses are told apart by position and the salutation."""
    kinds = [_header_kind(b) for b in blocks]
    if greeting is None:
        # Without a salutation the header holds only blocks of plain kind or short subject lines.
        return [(k or "heading", b) for k, b in zip(kinds, blocks, strict=True)]
    if blocks and kinds[-1] is None and _short_heading(blocks[-1]):
        kinds[-1] = "heading"
    open_ = [i for i, k in enumerate(kinds) if k is None]
    for i in open_:
        # The recipient's address is the last address-like block before "Dear …"; any earlier
        # one is the sender's letterhead, as is a lone top block the salutation disowns.
        recipient = i == open_[-1] and not (i == 0 and _senders_block(blocks[i], greeting))
        kinds[i] = "address" if recipient else "letterhead"
    return [(k or "letterhead", b) for k, b in zip(kinds, blocks, strict=True)]


def _header_kind(block: Block) -> str | None:
    """The kind a header block shows by itself, or None for address-like blocks decided by position."""
    lines = [plain(line.text) for line in block.lines]
    if all(marking_of(x) for x in lines):
        return "marking"
    refs = [is_reference(x) for x in lines]
    dates = [bool(date_line(x)) for x in lines]
    if all(r or d or marking_of(x) for x, r, d in zip(lines, refs, dates, strict=True)):
        return "reference" if any(refs) else "date"
    if is_email_header(block) or is_marked_heading(block):
        return "heading"
    if any(is_contact(x) for x in lines) or min(x.indent for x in block.lines) >= RIGHT_ALIGNED_INDENT:
        return "letterhead"
    return None


def _senders_block(block: Block, greeting: str) -> bool:
    """An office line, or a block not naming the person "Dear …" greets, belongs to the sender."""
    if any(office_of(line.text) for line in block.lines):
        return True
    name = addressee(greeting)
    wanted = [w.lower() for w in name_words(name)] if name else []
    if not wanted:
        return False
    words = set(re.findall(r"[\w'’]+", block.joined.lower()))
    return not (set(wanted) & words or wanted[0][0] in words)


def _short_heading(block: Block) -> bool:
    """A one-line subject without sentence punctuation that is neither a name nor an address line."""
    s = plain(block.first)
    return (
        len(block.lines) == 1
        and s[:1].isalnum()
        and not re.match(r"[\w-]+\s*:", s)
        and len(s) <= MAX_SHORT_HEADING_CHARS
        and len(re.findall(r"[^\W\d_]{2,}", s)) >= 2
        and not re.search(r"[.,;:?!]$", s)
        and not re.match(r"(?:by|via|sent\s+by)\s+(?:e-?mail|post|hand|fax)\b", s, re.I)
        and not is_item(s)
        and not is_name_line(s)
        and not is_postal(s)
        and not is_contact(s)
        and not is_organisation(s)
    )


def _body(blocks: Sequence[Block], *, after_salutation: bool) -> list[Piece]:
    """Body paragraphs and lists; headings and markings standing between them keep their kind."""
    pieces: list[Piece] = []
    units: list[Block] = []
    for i, b in enumerate(blocks):
        if all(marking_of(x.text) for x in b.lines):
            kind = "marking"
        elif is_marked_heading(b, prefixed=i == 0) or (
            after_salutation and i == 0 and len(blocks) > 1 and _short_heading(b)
        ):
            kind = "heading"
        else:
            units += split_items(b)
            continue
        pieces += _lists(units)
        units = []
        pieces.append((kind, b))
    return pieces + _lists(units)


def _lists(units: Sequence[Block]) -> list[Piece]:
    return [(kind, Block(tuple(x for u in units[a : b + 1] for x in u.lines))) for kind, a, b in group(units)]


def _number(pieces: Sequence[Piece], page_starts: Sequence[int]) -> list[Segment]:
    out = []
    paragraph = 0
    starts = sorted(page_starts) or [0]
    for kind, block in pieces:
        number = None
        if kind in ("body", "list"):
            paragraph += 1
            number = paragraph
        page = max(1, bisect.bisect_right(starts, block.start))
        out.append(Segment(kind, block.start, block.end, number, page))
    return out
