"""Email: `.eml`, `.mbox` (also gzipped, `.mbox.gz`: one letter per message) and Outlook `.msg`.

From, To, Cc, Date and Subject become who wrote to whom, when and about what; Message-ID,
In-Reply-To and References link replies into threads. The stored text is the message as a
person reads it (a short header, then the body); the header fields other than Subject, quoted
earlier messages and the signature are `skip` spans, so no passage repeats them (ingest.conventions.quotes).

Attachments are collected, not read, here (`Document.attachments`): ingest.parse reads each with the
reader of its name, so an attached letter becomes a letter of its own. Inline pictures (signature
logos, cid: images) and signature parts are not attachments; an Outlook embedded message is
read here, as it has no bytes of its own, down to `ReadOptions.attachment_depth` levels.
"""

from __future__ import annotations

import base64
import datetime as dt
import email
import gzip
import hashlib
import mimetypes
import quopri
import re
import zlib
from collections import Counter
from dataclasses import dataclass, replace
from email import policy
from email.message import EmailMessage, Message, MIMEPart
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from pathlib import Path
from typing import Any, cast

from index.records import Party, Person
from ingest.conventions.markings import header_marking, subject_markings
from ingest.conventions.quotes import quoted_blocks, quoted_spans
from ingest.formats.document import (
    Attachment,
    Document,
    QuotedText,
    ReadError,
    ReadOptions,
    SourceFacts,
    decode_text,
)
from ingest.formats.webpage import html_to_text

_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
_ANGLED = re.compile(r"<[^<>]*>")  # Lotus Notes' "</O=ENRON/OU=NA/CN=RECIPIENTS/CN=KLAY>"
_FIRST_LAST = re.compile(r"^([a-z][a-z'-]+)[._]([a-z]\.)?([a-z][a-z'-]+)$", re.I)
_SURNAME_FIRST = re.compile(r"^([^,]+),\s*([^,]+)$")
# Parts that only make the message work: signatures and the control part of PGP/MIME encryption.
_MACHINERY = {
    "application/pgp-signature",
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "application/pgp-encrypted",
    "application/pgp-keys",
    "message/delivery-status",
    "message/disposition-notification",
    "text/rfc822-headers",
    "message/feedback-report",
}
_ENCRYPTED = {"application/pkcs7-mime", "application/x-pkcs7-mime"}
ENCRYPTED_REASON = "encrypted (S/MIME or PGP: only the recipient's key can open it)"
# An Outlook file saved without Unicode stores its strings in the sender's ANSI code page, which
# extract-msg cannot guess; the message's internet code page (PR_INTERNET_CPID) names the script.
_ANSI_FOR_CPID = {
    **dict.fromkeys((932, 50220, 50221, 50222, 51932), "cp932"),
    **dict.fromkeys((936, 52936, 54936, 20936), "gbk"),
    950: "cp950",
    **dict.fromkeys((949, 51949, 50225), "cp949"),
    **dict.fromkeys((1251, 20866, 21866, 28595), "cp1251"),
    **dict.fromkeys((1250, 28592), "cp1250"),
    **dict.fromkeys((1253, 28597), "cp1253"),
    **dict.fromkeys((1255, 28598, 38598), "cp1255"),
    **dict.fromkeys((1256, 28596), "cp1256"),
    874: "cp874",
    1257: "cp1257",
}
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


@dataclass(frozen=True)
class Email:
    """The parts of one message a letter is made of, whatever file format it came in."""

    sender: str
    to: str
    cc: str
    date: dt.datetime | None
    date_text: str
    subject: str
    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    body: str
    x_from: str = ""  # Lotus Notes / Enron display names when the address header has none
    x_to: str = ""
    x_cc: str = ""
    attachments: tuple[Attachment, ...] = ()
    encrypted: bool = False  # S/MIME or PGP/MIME: the body can only be read with the recipient's key
    protective_marking: str = ""  # X-Protective-Marking, where UK government mail templates put it


# --- file formats ----------------------------------------------------------------------------
def read_eml(path: Path, options: ReadOptions) -> list[Document]:
    item = parse_message(_message_bytes(path.read_bytes()))
    if item.encrypted and not item.body.strip():
        raise ReadError(ENCRYPTED_REASON)
    return [message_document(item)]


def _message_bytes(raw: bytes) -> bytes:
    """A message saved as UTF-16 text, or with a UTF-8 byte order mark, as the bytes MIME expects."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (raw[1:2] == b"\x00" and raw[3:4] == b"\x00"):
        try:
            return raw.decode("utf-16" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-le").encode()
        except UnicodeDecodeError:
            return raw
    return raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw


def read_mbox(path: Path, options: ReadOptions) -> list[Document]:
    data = _load(path, options.max_bytes)
    raws = split_mbox(data)
    if not raws:
        raise ReadError("empty: no messages in the mailbox (is it an mbox file?)")
    emails = [parse_message(raw) for raw in raws]
    ids = Counter(e.message_id for e in emails)
    docs = []
    for n, (item, raw) in enumerate(zip(emails, raws, strict=True), start=1):
        # Message-ID keeps a letter's id stable when messages are added or removed before it.
        part = item.message_id if item.message_id and ids[item.message_id] == 1 else str(n)
        # The blank line before the next "From " line separates messages; it is not part of this one.
        original = raw[:-1] if raw.endswith(b"\n\n") else raw
        docs.append(replace(message_document(item, part=part, label=str(n)), original=original))
    return docs


def read_msg(path: Path, options: ReadOptions) -> list[Document]:
    import extract_msg  # imported here: only workers that meet an Outlook file load it

    try:
        msg: Any = extract_msg.openMsg(str(path), strict=False)
        encoding = _ansi_encoding(msg)
        if encoding:
            msg.close()
            msg = extract_msg.openMsg(str(path), strict=False, overrideEncoding=encoding)
    except Exception as exc:  # olefile and extract-msg raise many types on broken files
        if "encrypt" in str(exc).lower() or "smime" in str(exc).lower():
            raise ReadError(ENCRYPTED_REASON) from exc
        raise ReadError(f"damaged Outlook message ({type(exc).__name__}: {exc})") from exc
    if str(getattr(msg, "classType", "")).upper() == "IPM.NOTE.SMIME":  # not ".MultipartSigned"
        msg.close()
        raise ReadError(ENCRYPTED_REASON)
    try:
        return [message_document(outlook_email(msg, options, depth=1))]
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"damaged Outlook message ({type(exc).__name__}: {exc})") from exc
    finally:
        msg.close()


def _ansi_encoding(msg: Any) -> str | None:
    """The code page of a non-Unicode Outlook file's strings, when it is not a Western one."""
    if str(getattr(msg, "stringEncoding", "")).lower().startswith("utf"):
        return None
    for key in ("3FDE0003", "3FFD0003"):  # PR_INTERNET_CPID, PR_MESSAGE_CODEPAGE
        prop = msg.props.get(key)
        if prop is not None and prop.value in _ANSI_FOR_CPID:
            return _ANSI_FOR_CPID[prop.value]
    return None


def outlook_email(msg: Any, options: ReadOptions, *, depth: int) -> Email:
    """One Outlook item (a note, but also an appointment, task or contact) as an email."""
    body = _text_property(msg, "body")
    if not body.strip() and _text_property(msg, "htmlBody"):
        body = html_to_text(msg.htmlBody)
    date = getattr(msg, "date", None)
    return Email(
        sender=_text_property(msg, "sender"),
        to=_text_property(msg, "to"),
        cc=_text_property(msg, "cc"),
        date=date if isinstance(date, dt.datetime) else None,
        date_text=str(date or ""),
        subject=_text_property(msg, "subject"),
        message_id=_first_id(_text_property(msg, "messageId")),
        in_reply_to=_first_id(_text_property(msg, "inReplyTo")),
        references=(),
        body=body,
        attachments=tuple(_outlook_attachments(msg, options, depth)),
    )


def _text_property(msg: Any, name: str) -> str:
    """A string property of an Outlook item; "" when the item's class has none or it is unreadable."""
    try:
        value = getattr(msg, name, None)
    except Exception:  # extract-msg decodes lazily; a broken stream fails here, not at open
        return ""
    if isinstance(value, bytes):
        return decode_text(value)
    return value if isinstance(value, str) else ""


def _outlook_attachments(msg: Any, options: ReadOptions, depth: int) -> list[Attachment]:
    out: list[Attachment] = []
    for n, att in enumerate(getattr(msg, "attachments", None) or [], start=1):
        try:
            found = _outlook_attachment(att, n, options, depth)
        except Exception as exc:  # one unreadable attachment storage: report it, keep the message
            found = Attachment(_safe_name("", n), refused=f"damaged attachment ({type(exc).__name__}: {exc})")
        if found is not None:
            out.append(found)
    return out


def _outlook_attachment(att: Any, n: int, options: ReadOptions, depth: int) -> Attachment | None:
    """One attachment of an Outlook item; None for a picture shown in the body or a signature."""
    data = getattr(att, "data", None)
    name = _safe_name(getattr(att, "longFilename", None) or getattr(att, "shortFilename", None) or "", n)
    mime = (getattr(att, "mimetype", None) or "").lower()
    if isinstance(data, bytes):
        if getattr(att, "hidden", False) or (getattr(att, "cid", None) and mime.startswith("image/")):
            return None  # a picture shown in the body (a logo), not a document sent
        if mime in _MACHINERY or name.lower().endswith((".p7s", ".asc")):
            return None  # a signature: part of how the message was sent, not a document
        if mime in _ENCRYPTED or name.lower().endswith(".p7m"):
            return Attachment(name, refused=ENCRYPTED_REASON)
        return Attachment(_with_suffix(name, mime), data=data)
    if data is not None and hasattr(data, "attachments"):  # an embedded Outlook message
        subject = _text_property(data, "subject")
        name = name if "." in name else _safe_name(f"{subject or 'message'}.msg", n)
        if depth >= options.attachment_depth:
            return Attachment(name, refused=_too_deep(options))
        return Attachment(name, message=message_document(outlook_email(data, options, depth=depth + 1)))
    return Attachment(name, refused="unsupported attachment (a linked or OLE object, not a file)")


def _too_deep(options: ReadOptions) -> str:
    return (
        f"nested too deeply (messages attached more than {options.attachment_depth} levels down; "
        "raise LETTERS_ATTACHMENT_DEPTH)"
    )


def _msg_header(msg: Any, name: str) -> str:
    """A transport header of an Outlook message, when the file kept them ("" otherwise)."""
    try:
        header = getattr(msg, "header", None)
        value = header.get(name) if header is not None else None
    except Exception:  # extract-msg parses the stored headers lazily; a broken block has none
        return ""
    return " ".join(str(value).split()) if value else ""


def _load(path: Path, max_bytes: int) -> bytes:
    """The mailbox's bytes; a gzipped one is unpacked, but never past `max_bytes` (a zip bomb)."""
    if not path.name.lower().endswith(".gz"):
        return path.read_bytes()
    try:
        with gzip.open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise ReadError(f"damaged gzip file ({exc})") from exc
    if len(data) > max_bytes:
        raise ReadError(f"too large (over {max_bytes / 1e6:.0f} MB unpacked; raise LETTERS_MAX_FILE_MB)")
    return data


def split_mbox(data: bytes) -> list[bytes]:
    """Messages of an mbox: each starts at a "From " line at the top or after a blank line."""
    data = data.replace(b"\r\n", b"\n")
    starts = [m.start() for m in re.finditer(rb"^From [^\n]*\n", data, re.M)]
    starts = [s for s in starts if s == 0 or data[max(0, s - 2) : s] == b"\n\n"]
    out = []
    for a, b in zip(starts, [*starts[1:], len(data)], strict=True):
        body = data[data.index(b"\n", a) + 1 : b]
        # mboxrd escapes body lines beginning "From " as ">From "; undo one level.
        out.append(re.sub(rb"^>(>*From )", rb"\1", body, flags=re.M))
    return out


# --- one message -----------------------------------------------------------------------------
def parse_message(raw: bytes) -> Email:
    msg = cast(EmailMessage, email.message_from_bytes(raw, policy=policy.default))
    date_text = _header(msg, "Date")
    try:
        when: dt.datetime | None = parsedate_to_datetime(date_text) if date_text else None
    except (TypeError, ValueError, IndexError):
        when = None
    refs = tuple(_MESSAGE_ID.findall(_header(msg, "References")))
    body_part = _body_part(msg)
    return Email(
        sender=_header(msg, "From"),
        to=_header(msg, "To"),
        cc=_header(msg, "Cc"),
        date=when,
        date_text=date_text,
        subject=_header(msg, "Subject"),
        message_id=_first_id(_header(msg, "Message-ID")),
        in_reply_to=_first_id(_header(msg, "In-Reply-To")) or (refs[-1] if refs else None),
        references=refs,
        body=_body(body_part),
        x_from=_header(msg, "X-From"),
        x_to=_header(msg, "X-To"),
        x_cc=_header(msg, "X-cc"),
        attachments=tuple(_mime_attachments(msg, body_part)),
        encrypted=msg.get_content_type() in ("multipart/encrypted", *_ENCRYPTED),
        protective_marking=_header(msg, "X-Protective-Marking"),
    )


def _header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:  # a header the modern parser cannot decode: take it as it was written
        value = next((v for k, v in msg.raw_items() if k.lower() == name.lower()), None)
    return " ".join(str(value).split()) if value is not None else ""


def _first_id(value: str) -> str | None:
    found = _MESSAGE_ID.search(value)
    if found:
        return found.group(1)
    return value.strip() or None


def _body_part(msg: EmailMessage) -> MIMEPart | None:
    """The part a person reads: plain text, else HTML; None when the message is only attachments."""
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
    except Exception:
        part = None
    if part is None and not msg.is_multipart() and msg.get_content_maintype() == "text":
        part = msg
    if part is None:  # a multipart/related whose first part is a picture (MHTML)
        texts = (p for p in _leaves(msg) if p.get_content_type() in ("text/plain", "text/html"))
        found = next((p for p in texts if not p.get_filename()), None)
        part = found if isinstance(found, MIMEPart) else None
    return part


# Mail declared Latin-1 (or ASCII) is very often Windows-1252: Outlook's curly quotes and dashes came
# out as C1 control characters ("we\x92re interested"). Browsers read the label as Windows-1252 for
# this reason (WHATWG Encoding Standard); so do we. The five bytes 1252 leaves undefined stay as read.
_LATIN_1 = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819"})
_C1_AS_WINDOWS_1252 = {c: bytes([c]).decode("cp1252", errors="ignore") or chr(c) for c in range(0x80, 0xA0)}


def _body(part: MIMEPart | None) -> str:
    """The plain-text body, or the HTML body converted to text when there is no plain one."""
    if part is None:
        return ""
    try:
        content = part.get_content()
    except Exception:  # an unknown charset or a broken transfer encoding
        payload = part.get_payload(decode=True)
        content = decode_text(payload) if isinstance(payload, bytes) else str(payload or "")
    if isinstance(content, bytes):
        content = decode_text(content)
    if (part.get_content_charset() or "us-ascii").lower() in _LATIN_1:
        content = content.translate(_C1_AS_WINDOWS_1252)
    if part.get_content_type() == "text/html":
        content = html_to_text(content)
    return content.replace("\r\n", "\n").replace("\r", "\n")


def _leaves(part: Message) -> list[Message]:
    """The message's parts that are not containers; an attached message is a leaf, not opened."""
    if part.get_content_type() == "message/rfc822":
        return [part]
    if part.is_multipart():
        payload = part.get_payload()
        subs = payload if isinstance(payload, list) else []
        return [leaf for sub in subs if isinstance(sub, Message) for leaf in _leaves(sub)]
    return [part]


def _mime_attachments(msg: EmailMessage, body: Message | None) -> list[Attachment]:
    """Every file the message carries, in order; pictures shown in the body and signatures left out."""
    leaves = [msg] if msg.get_content_type() == "message/rfc822" else _leaves(msg)
    out: list[Attachment] = []
    for n, part in enumerate(leaves, start=1):
        if part is body:
            continue
        try:
            found = _mime_attachment(part, n)
        except Exception as exc:  # a broken transfer encoding or header: report it, read the rest
            found = Attachment(_safe_name("", n), refused=f"damaged attachment ({type(exc).__name__}: {exc})")
        if found is not None:
            out.append(found)
    return out


def _mime_attachment(part: Message, n: int) -> Attachment | None:
    ctype = part.get_content_type()
    filename = part.get_filename() or ""
    disposition = part.get_content_disposition()
    if ctype == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        if not isinstance(inner, Message):
            return None
        encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
        if encoding in ("base64", "quoted-printable"):
            # Sent encoded, which RFC 2046 forbids and some mailers do: the parser saw no headers.
            encoded = inner.as_bytes(policy=policy.compat32).lstrip(b"\r\n")
            data = base64.b64decode(encoded) if encoding == "base64" else quopri.decodestring(encoded)
            subject = _header(email.message_from_bytes(data, policy=policy.default), "Subject")
        else:
            data = inner.as_bytes(policy=policy.compat32)
            subject = _header(inner, "Subject")
        return Attachment(
            _with_suffix(_safe_name(filename or f"{subject or 'message'}.eml", n), ctype), data=data
        )
    if ctype in _MACHINERY or part.get_content_maintype() == "multipart":
        return None
    if ctype in _ENCRYPTED or (ctype == "application/octet-stream" and filename.endswith(".p7m")):
        return Attachment(_safe_name(filename or "smime.p7m", n), refused=ENCRYPTED_REASON)
    if part.get_content_maintype() == "text" and not filename and disposition != "attachment":
        return None  # the other rendering of the body (HTML beside plain text), or a list footer
    if part.get_content_maintype() == "image" and (disposition != "attachment" or part.get("Content-ID")):
        return None  # a picture shown in the body: a logo or a pasted image, not a document sent
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload:
        return None
    return Attachment(_with_suffix(_safe_name(filename, n), ctype), data=payload)


def _safe_name(name: str, n: int) -> str:
    """The file name without folders or characters a file system refuses ("1234/../../x.txt" → "x.txt")."""
    name = _UNSAFE_NAME.sub("", name.replace("\\", "/")).rsplit("/", 1)[-1].strip(" .")
    return name[-120:] if name else f"attachment-{n}"


def _with_suffix(name: str, ctype: str) -> str:
    """A name without an ending gets the one its content type implies, so its reader can be chosen."""
    if Path(name).suffix:
        return name
    guessed = {"message/rfc822": ".eml", "text/plain": ".txt"}.get(ctype) or mimetypes.guess_extension(ctype)
    return name + (guessed or "")


def message_document(item: Email, *, part: str = "", label: str = "") -> Document:
    """The letter of one message: header + body text, facts from the headers, quotes skipped."""
    sender = _party(item.sender, item.x_from, single=True)
    recipient = Party(
        people=_party(item.to, item.x_to).people + tuple(_cc(p) for p in _party(item.cc, item.x_cc).people)
    )
    head = [f"From: {item.sender}"] if item.sender else []
    head += [f"To: {item.to}"] if item.to else []
    head += [f"Cc: {item.cc}"] if item.cc else []
    head += [f"Date: {item.date_text}"] if item.date_text else []
    fields = "\n".join(head)
    subject = f"Subject: {item.subject}" if item.subject else ""
    top = "\n".join(x for x in (fields, subject) if x)
    body = item.body.strip("\n")
    text = f"{top}\n\n{body}\n" if top else f"{body}\n"
    body_at = len(top) + 2 if top else 0
    skip = [(0, len(fields))] if fields else []
    quoted = [(a + body_at, b + body_at) for a, b in quoted_spans(body)]
    history: tuple[QuotedText, ...] = ()
    if _has_words_outside(body, quoted, body_at):
        skip += quoted
        history = _history(body, body_at, item.date)
    # else: a forward with no words of its own; its quoted message is all there is, so keep it.
    references = [("Message-ID", item.message_id)] if item.message_id else []
    references += [("In-Reply-To", item.in_reply_to)] if item.in_reply_to else []
    facts = SourceFacts(
        title=item.subject,  # none: a title from the parties and date (ingest.parse.content_title)
        date=item.date.date().isoformat() if item.date else None,
        sender=sender,
        recipient=recipient,
        references=tuple(references),
        authoritative=True,
        message_id=item.message_id,
        in_reply_to=item.in_reply_to,
        thread_root=item.references[0] if item.references else None,
    )
    return Document(
        text=text,
        page_starts=(0,),
        source_kind="email",
        facts=facts,
        part=part,
        label=label,
        skip=tuple(skip),
        dedup_key=_dedup_key(item, sender),
        attachments=item.attachments,
        markings=_markings(item),
        quoted=history,
    )


def _history(body: str, offset: int, sent: dt.datetime | None) -> tuple[QuotedText, ...]:
    """The earlier messages of the body's quoted history, with their writers' names cleaned."""
    out = []
    for block in quoted_blocks(body):
        writer = _quoted_writer(block.writer)
        out.append(
            QuotedText(block.start + offset, block.end + offset, writer, _quoted_date(block.sent, sent))
        )
    return tuple(out)


def _quoted_writer(value: str) -> str:
    """ "Rosalee.Fleming@enron.com [mailto:…]On", "<Kenneth.Lay@enron.com>", "Lay, Kenneth" as a name."""
    value = _MAILTO.sub("", value).strip()
    if "<" in value:
        name, address = parseaddr(value)
        value = name or address
    return _clean_name(value) if value else ""


_MAILTO = re.compile(r"\s*\[mailto:[^\]]*\].*$", re.I)
_LONG_DATE = re.compile(
    r"\b([A-Z][a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b|\b(\d{1,2})\s+([A-Z][a-z]+)\.?,?\s+(\d{4})\b"
)
_SLASH_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\b")
_MONTHS = {
    m.lower(): n
    for n, m in enumerate(
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        start=1,
    )
}


def _quoted_date(text: str, reply: dt.datetime | None) -> str | None:
    """The ISO date of a quoted header's "Sent:" or Notes stamp. A numeric date is read in the order
    that puts it nearest before the reply (day/month and month/day both occur); None if unreadable."""
    if not text:
        return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    found = _LONG_DATE.search(text)
    if found:
        month_name, day, year = (
            (found.group(1), found.group(2), found.group(3))
            if found.group(1)
            else (found.group(5), found.group(4), found.group(6))
        )
        month = _MONTHS.get(month_name.lower()) or next(
            (n for name, n in _MONTHS.items() if name.startswith(month_name.lower()[:3])), None
        )
        return _iso(int(year), month, int(day)) if month else None
    found = _SLASH_DATE.search(text)
    if not found:
        return None
    a, b, y = int(found.group(1)), int(found.group(2)), int(found.group(3))
    year = y if y > 99 else (2000 + y if reply is None or 2000 + y <= reply.year else 1900 + y)
    options = [d for d in (_iso(year, a, b), _iso(year, b, a)) if d]
    if reply is not None:
        before = [d for d in options if d <= reply.date().isoformat()]
        options = sorted(before, reverse=True) or options
    return options[0] if options else None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _markings(item: Email) -> tuple[str, ...]:
    """Markings of the subject ("[SECRET] …", "OFFICIAL-SENSITIVE: …") and the X-Protective-Marking header."""
    found = subject_markings(item.subject) if item.subject else []
    header = header_marking(item.protective_marking) if item.protective_marking else None
    return tuple(found + ([header] if header else []))


def _has_words_outside(body: str, spans: list[tuple[int, int]], offset: int) -> bool:
    keep = list(body)
    for a, b in spans:
        keep[a - offset : b - offset] = " " * (b - a)
    return bool("".join(keep).strip())


def _dedup_key(item: Email, sender: Party) -> str:
    """Same sender, date, subject and body: the same message, whichever folder or file holds it."""
    who = next((p.email for p in sender.people if p.email), item.sender).lower()
    when = item.date.isoformat() if item.date else item.date_text
    words = " ".join(item.body.split())
    return hashlib.sha256(f"{who}\n{when}\n{item.subject}\n{words}".encode()).hexdigest()


# --- people ----------------------------------------------------------------------------------
def _party(value: str, x_names: str, *, single: bool = False) -> Party:
    """People of an address header; names from the X- header (Lotus Notes exports) when missing."""
    pairs = [(n, a) for n, a in getaddresses([value]) if n or a] if value else []
    names = [_clean_name(x_names)] if single and x_names else []
    if not single and x_names:
        listed = _split_names(_ANGLED.sub("", x_names))
        names = [_clean_name(x) for x in listed] if len(listed) == len(pairs) else []
    people = []
    for i, (name, address) in enumerate(pairs):
        name = _clean_name(name) or (names[i] if i < len(names) else "") or _name_from_address(address)
        people.append(Person(name=name, email=address if "@" in address else ""))
    if not people and value:
        people.append(Person(name=_clean_name(value)))
    return Party(people=tuple(people))


def _split_names(value: str) -> list[str]:
    """ "Jeff Skilling, \"Telle, Michael S.\"" → the two names: commas inside quotes do not split."""
    out, current, quoted = [], "", False
    for ch in value:
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            out.append(current)
            current = ""
            continue
        current += ch
    out.append(current)
    return [x.strip() for x in out if x.strip()]


def _cc(person: Person) -> Person:
    return Person(person.name, title="cc", organisation=person.organisation, email=person.email)


def _clean_name(name: str) -> str:
    """A display name people can read: "Lay, Kenneth </O=ENRON/…>" → "Kenneth Lay".

    Quotes and stray brackets go; an address given as the name ("'Jeffrey.McMahon@enron.com '")
    is spelt as a name; Lotus Notes forms lose their routing ("Kenneth Lay/HOU/ECT@ECT",
    "Ken Lay- Chairman of the Board@ENRON" → "Kenneth Lay", "Ken Lay").
    """
    name = " ".join(_ANGLED.sub("", name).replace('"', "").replace("’", "'").split())
    name = name.strip(" ,'`")
    # RFC 822's older form puts the name in a comment after the address: "rob@x.ca (Robert W. Tom)".
    commented = _ADDRESS_THEN_NAME.match(name)
    if commented:
        name = commented.group(1).strip(" ,'`")
    if _ADDRESS_ONLY.match(name):
        return _name_from_address(name)
    notes = _NOTES_NAME.match(name)
    if notes:
        name = (notes.group(1) or notes.group(2)).strip()
    name = _TITLE_AFTER_DASH.sub("", name).strip(" ,'-")
    m = _SURNAME_FIRST.match(name)
    if m and "@" not in name:
        name = f"{m.group(2).strip()} {m.group(1).strip()}"
    return name


# "Name/OU/ORG@ORG", "Name@ECT", "Name/Corp/Enron": what comes before the Notes routing.
_NOTES_NAME = re.compile(r"^([^/@]+?)\s*(?:/[^@]*)?@[A-Za-z_ .-]+$|^([^/@]+?)/[\w /&.-]+$")
_ADDRESS = r"[\w.'+-]+@[\w-]+(?:\.[\w-]+)+"
_ADDRESS_ONLY = re.compile(rf"^{_ADDRESS}$")
_ADDRESS_THEN_NAME = re.compile(rf"^{_ADDRESS}\s*\(([^()]*[A-Za-z][^()]*)\)$")
_TITLE_AFTER_DASH = re.compile(r"(?<=[a-z])-\s+[A-Z][\w ,&.]*$")


def _name_from_address(address: str) -> str:
    """kenneth.lay@enron.com → Kenneth Lay, s..muller@enron.com → S Muller; other addresses stay."""
    local = address.split("@", 1)[0]
    m = _FIRST_LAST.match(local)
    if m:
        middle = f" {m.group(2).upper()}" if m.group(2) else ""
        return f"{_capital(m.group(1))}{middle} {_capital(m.group(3))}"
    parts = [x for x in re.split(r"[._]+", local) if x]
    if 2 <= len(parts) <= 3 and all(x.isalpha() for x in parts) and len(parts[-1]) > 1:
        return " ".join(_capital(x) for x in parts)
    return address


def _capital(word: str) -> str:
    """ "mcmahon" → "Mcmahon", "McMahon" stays: a name already in mixed case keeps its case."""
    return word.capitalize() if word.islower() or word.isupper() else word[0].upper() + word[1:]
