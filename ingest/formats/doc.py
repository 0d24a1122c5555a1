"""Word 97–2003 (.doc) letters, read natively from the compound file's piece table (olefile).

The main story (the first `ccpText` characters) is the body; headers and footers are a later story
of the same text, so they never run into the body and are kept apart for marking look-ups.
Fields show their result, not their code; table cells are joined with " | ", one row a line.
Files named .doc that are something else (a DOCX, Word 2003 XML, WordPerfect, Word 2.0) are read
or refused by what their bytes are, not by their name.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

from ingest.formats.document import Document, ReadError, ReadOptions, SourceFacts, author_party
from ingest.formats.word import docx_from_bytes, paragraphs_text, read_wordml

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
WORD_IDENTS = (0xA5EC, 0xA5DC)  # Word 97–2003, Word 6/95
FIRST_WORD97_FIB = 193  # Word 97 and later; Word 6 and 95 used 101–105
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200
_F_COMPLEX = 0x0004
# Language id → code page of 8-bit text in Word 6/95 files (the FIB's lid).
_LID_CODEPAGE = {
    0x0419: "cp1251",
    0x0422: "cp1251",
    0x0402: "cp1251",
    0x0408: "cp1253",
    0x041F: "cp1254",
    0x040D: "cp1255",
    0x0401: "cp1256",
    0x0405: "cp1250",
    0x0415: "cp1250",
    0x040E: "cp1250",
}
_SPECIAL = str.maketrans(
    {
        "\x0b": "\n",
        "\x0c": "\n\n",
        "\x1e": "-",
        "\x1f": None,
        "\xa0": " ",
        "\x01": None,
        "\x08": None,
        "\x02": None,
        "\x05": None,
        "\x03": None,
        "\x04": None,
        "\x00": None,
    }
)
_FIELD = re.compile(r"\x13[^\x13\x14\x15]*(?:\x14([^\x13\x14\x15]*))?\x15")


def read_word(path: Path, options: ReadOptions) -> Document:
    """A .doc or .docx file's letter, by what its bytes are: people rename Word files freely."""
    return word_from_bytes(path.read_bytes())


def word_from_bytes(data: bytes) -> Document:
    """ReadError names what the file is when it is not a Word document Letters reads."""
    if data.startswith(b"PK"):
        return docx_from_bytes(data)  # a .docx, perhaps saved with the old name
    if data[:64].lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"<"):
        return Document(text=read_wordml(data), page_starts=(0,), source_kind="letter")
    if not data.startswith(OLE_MAGIC):
        raise ReadError(_not_word(data))
    import olefile  # imported here: only workers that meet an old Word file load it

    try:
        ole = olefile.OleFileIO(data)
    except Exception as exc:  # olefile raises many types on broken compound files
        raise ReadError(f"damaged Word file ({type(exc).__name__}: {exc})") from exc
    try:
        if ole.exists("EncryptedPackage") or ole.exists("\x06DataSpaces"):
            raise ReadError("encrypted (a password or rights-management licence is needed to open it)")
        if not ole.exists("WordDocument"):  # e.g. an Excel or Outlook file named .doc
            raise ReadError("not a Word document (a compound file without a WordDocument stream)")
        word = ole.openstream("WordDocument").read()
        body, header = _stories(ole, word)
        facts = _facts(ole)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"damaged Word file ({type(exc).__name__}: {exc})") from exc
    finally:
        ole.close()
    text = paragraphs_text(body)
    if not text.strip():
        raise ReadError("empty: the document has no text")
    return Document(
        text=text, page_starts=(0,), source_kind="letter", facts=facts, header_text=paragraphs_text(header)
    )


def _not_word(data: bytes) -> str:
    head = data[:16]
    if head.startswith(b"\xffWPC"):
        return "a WordPerfect file named .doc; save it as .docx or .pdf to index it"
    if head.startswith((b"\xdb\xa5", b"\x9b\xa5")):
        return "a Word for Windows 1.x/2.0 file; save it again in a newer Word (.docx) to index it"
    if head.startswith(b"{\\rtf"):
        return "an RTF file named .doc; rename it .rtf to index it"
    return "not a Word document (unknown format named .doc; save it as .docx or .pdf to index it)"


def _stories(ole: object, word: bytes) -> tuple[str, str]:
    """(main text, headers and footers) of a Word 6–2003 document."""
    ident, nfib = struct.unpack_from("<HH", word, 0)
    if ident not in WORD_IDENTS:
        raise ReadError("damaged Word file (the WordDocument stream has no Word header)")
    flags = struct.unpack_from("<H", word, 0x0A)[0]
    if flags & _F_ENCRYPTED:
        raise ReadError("encrypted (a password is needed to open it)")
    if nfib < FIRST_WORD97_FIB:
        return _word95(word, flags), ""
    ccp = struct.unpack_from("<8i", word, 0x4C)  # ccpText, ccpFtn, ccpHdd, ccpMcr, ccpAtn, ccpEdn, ...
    fc_clx, lcb_clx = struct.unpack_from("<II", word, 154 + 33 * 8)
    table_name = "1Table" if flags & _F_WHICH_TABLE else "0Table"
    table = ole.openstream(table_name).read()  # type: ignore[attr-defined]
    text = _piece_text(word, table[fc_clx : fc_clx + lcb_clx])
    body_end = ccp[0]
    hdd_start = ccp[0] + ccp[1]
    return _clean(text[:body_end]), _clean(text[hdd_start : hdd_start + ccp[2]])


def _piece_text(word: bytes, clx: bytes) -> str:
    """Every character of the document, in CP order, from the piece table (Clx → Pcdt → PlcPcd)."""
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
        pos += 3 + struct.unpack_from("<h", clx, pos + 1)[0]
    if pos >= len(clx) or clx[pos] != 0x02:
        raise ReadError("damaged Word file (no piece table)")
    lcb = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5 : pos + 5 + lcb]
    n = (len(plc) - 4) // 12
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    out: list[str] = []
    for i in range(n):
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)[0]
        count = cps[i + 1] - cps[i]
        if count <= 0 or count > len(word):
            continue
        if fc & 0x40000000:  # compressed: one cp1252 byte per character
            start = (fc & ~0x40000000) // 2
            out.append(word[start : start + count].decode("cp1252", errors="replace"))
        else:
            out.append(word[fc : fc + 2 * count].decode("utf-16-le", errors="replace"))
    return "".join(out)


def _word95(word: bytes, flags: int) -> str:
    """Word 6/95: the text is one run of 8-bit characters between fcMin and fcMac."""
    if flags & _F_COMPLEX:
        raise ReadError("a Word 6/95 file saved with fast save; save it again in a newer Word to index it")
    lid = struct.unpack_from("<H", word, 0x06)[0]
    fc_min = struct.unpack_from("<I", word, 0x18)[0]
    ccp_text = struct.unpack_from("<i", word, 0x34)[0]
    raw = word[fc_min : fc_min + max(0, ccp_text)]
    codepage = _LID_CODEPAGE.get(lid, "cp1252")
    # The code page really lives in the font table; a text whose letters are mostly bytes 0xC0–0xFF
    # is Cyrillic (Bug49933.doc, tagged English), as no Western text is.
    high = sum(1 for b in raw if b >= 0xC0)
    if codepage == "cp1252" and high > 0.5 * sum(1 for b in raw if b >= 0x41):
        codepage = "cp1251"
    return _clean(raw.decode(codepage, errors="replace"))


def _clean(text: str) -> str:
    """Word's control characters → plain text: paragraphs on lines, table rows as "a | b"."""
    for _ in range(3):  # nested fields: innermost first
        text = _FIELD.sub(lambda m: m.group(1) or "", text)
    text = re.sub(r"[\x13\x14\x15]", "", text).translate(_SPECIAL)
    # A table row is its cells, each ended by \x07, then the row's own end mark \x07.
    text = re.sub(r"\x07\r?\x07", "\n", text.replace("\r\x07", "\x07"))
    text = text.replace("\x07", " | ")
    return text.replace("\r", "\n")


EARLIEST_CREATED = "1980"  # before any word processor that wrote these files


def _facts(ole: object) -> SourceFacts:
    """Title, author and creation date from the summary information, as fallbacks."""
    try:
        meta = ole.get_metadata()  # type: ignore[attr-defined]
    except Exception:
        return SourceFacts()
    title = _meta_text(meta.title)
    author = _meta_text(meta.author)
    created = meta.create_time.date().isoformat() if getattr(meta, "create_time", None) else None
    if created and created < EARLIEST_CREATED:
        created = None  # a zero FILETIME reads as 1 January 1601: the date was never set
    return SourceFacts(title=title, date=created, sender=author_party(author))


def _meta_text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("cp1252", errors="replace").strip("\x00 ").strip()
    return str(value or "").strip()
