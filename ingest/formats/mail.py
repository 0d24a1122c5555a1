"""Email: `.eml`, `.mbox` (also gzipped, `.mbox.gz`: one letter per message) and Outlook `.msg`.

From, To, Cc, Date and Subject become who wrote to whom, when and about what; Message-ID,
In-Reply-To and References link replies into threads. The stored text is the message as a
person reads it (a short header, then the body); the header fields other than Subject, quoted
earlier messages and the signature are `skip` spans, so no passage repeats them (ingest.conventions.quotes).
"""

from __future__ import annotations

import datetime as dt
import email
import gzip
import hashlib
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any, cast

from index.records import Party, Person
from ingest.conventions.quotes import quoted_spans
from ingest.formats.document import Document, ReadError, ReadOptions, SourceFacts, decode_text
from ingest.formats.webpage import html_to_text

_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
_ANGLED = re.compile(r"<[^<>]*>")  # Lotus Notes' "</O=ENRON/OU=NA/CN=RECIPIENTS/CN=KLAY>"
_FIRST_LAST = re.compile(r"^([a-z][a-z'-]+)[._]([a-z]\.)?([a-z][a-z'-]+)$", re.I)
_SURNAME_FIRST = re.compile(r"^([^,]+),\s*([^,]+)$")


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


# --- file formats ----------------------------------------------------------------------------
def read_eml(path: Path, options: ReadOptions) -> list[Document]:
    return [message_document(parse_message(path.read_bytes()))]


def read_mbox(path: Path, options: ReadOptions) -> list[Document]:
    data = _load(path, options.max_bytes)
    raws = split_mbox(data)
    if not raws:
        raise ReadError("empty: no messages in the mailbox (is it an mbox file?)")
    emails = [parse_message(raw) for raw in raws]
    ids = Counter(e.message_id for e in emails)
    docs = []
    for n, item in enumerate(emails, start=1):
        # Message-ID keeps a letter's id stable when messages are added or removed before it.
        part = item.message_id if item.message_id and ids[item.message_id] == 1 else str(n)
        docs.append(message_document(item, part=part, label=str(n)))
    return docs


def read_msg(path: Path, options: ReadOptions) -> list[Document]:
    import extract_msg  # imported here: only workers that meet an Outlook file load it

    try:
        msg: Any = extract_msg.openMsg(str(path))
    except Exception as exc:  # olefile and extract-msg raise many types on broken files
        raise ReadError(f"damaged Outlook message ({type(exc).__name__}: {exc})") from exc
    try:
        body = msg.body or ""
        if not body.strip() and getattr(msg, "htmlBody", None):
            body = html_to_text(msg.htmlBody)
        when = msg.date if isinstance(msg.date, dt.datetime) else None
        item = Email(
            sender=msg.sender or "",
            to=msg.to or "",
            cc=msg.cc or "",
            date=when,
            date_text=str(msg.date or ""),
            subject=msg.subject or "",
            message_id=_first_id(getattr(msg, "messageId", None) or ""),
            in_reply_to=_first_id(getattr(msg, "inReplyTo", None) or ""),
            references=(),
            body=body,
        )
    except Exception as exc:
        raise ReadError(f"damaged Outlook message ({type(exc).__name__}: {exc})") from exc
    finally:
        msg.close()
    return [message_document(item)]


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
        body=_body(msg),
        x_from=_header(msg, "X-From"),
        x_to=_header(msg, "X-To"),
        x_cc=_header(msg, "X-cc"),
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


def _body(msg: EmailMessage) -> str:
    """The plain-text body, or the HTML body converted to text when there is no plain one."""
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
    except Exception:
        part = None
    if part is None:
        if msg.is_multipart():
            return ""
        part = msg
    try:
        content = part.get_content()
    except Exception:  # an unknown charset or a broken transfer encoding
        payload = part.get_payload(decode=True)
        content = decode_text(payload) if isinstance(payload, bytes) else str(payload or "")
    if isinstance(content, bytes):
        content = decode_text(content)
    if part.get_content_type() == "text/html":
        content = html_to_text(content)
    return content.replace("\r\n", "\n").replace("\r", "\n")


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
    if _has_words_outside(body, quoted, body_at):
        skip += quoted
    # else: a forward with no words of its own; its quoted message is all there is, so keep it.
    references = [("Message-ID", item.message_id)] if item.message_id else []
    references += [("In-Reply-To", item.in_reply_to)] if item.in_reply_to else []
    facts = SourceFacts(
        title=item.subject or "(no subject)",
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
    )


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
_ADDRESS_ONLY = re.compile(r"^[\w.'+-]+@[\w-]+(?:\.[\w-]+)+$")
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
