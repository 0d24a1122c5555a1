"""What decides "changed": every file of the corpus, its content hash and its fingerprint."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.sidecar import is_sidecar, sidecar_path

# Part of every file's fingerprint: bump it when parsing changes, and every letter is parsed again
# on the next run (vectors of unchanged passage text are still reused).
# "5": attachments are letters (.doc, .rtf, .odt read); markings by a grammar, the highest anywhere;
# mbox originals kept (issues 13 and 17); quote units cut at index time, mail furniture marked (12).
# "6": dates without a year, more date-line and signature forms, addressee blocks (issue 15, round 3).
# "7": addressee blocks at the foot read more broadly, family greetings, glued closings (issue 15, round 4).
# "8": salutation, signature and date-line forms of the period, offices with initials (issue 15, r4-meta).
# "9": quoted history no other letter holds is quotable, with its writer; text fingerprints (issue 12).
# "10": closings as hands spelled them ("Yours faithfuly", "Is mise", "We are, Sir,"), "Ap." and
# "7ber"-"Xber" months (issue 15, sixth round).
# "11": lines run together (salutation and first sentence, last sentence and closing, closing and
# name, letterhead and date), stamps in any case, offices broken over two lines (issue 15, seventh).
# "14": a notice's fields ("Date:", "Time:", "Location:") are one list passage; a name with its title
# lines, a lone "From:" line and Outlook's "<<file.doc>>" placeholders are never evidence (issue 12).
# "15": a firm's block ("Messrs. …") under a first-line date is the addressee (issue 15).
# "16": quoted history no other letter holds is a passage by default; "addr (Name)" senders read as
# the name; mail labelled Latin-1 read as Windows-1252 (issue 12). A name the transcriber broke
# inside a word ("S t. Ledger", "Aug us tine") is joined; an office's addressee block under office
# notes at the foot, or just above the salutation, is read; petitions' closings and slips ("Gratefully
# yours", "Your faithfully") close; "My Lord Bishop,", "Revd. Father,", "Mr. Chairman and Gentlemen,"
# open; two signers on a line with a comma, and "Hon. Secs." under them is their office; offices
# shortened after a name ("Solr.", "Supt.") are titles (issue 15). Both round 12.
# "17": an email with no subject is titled from its parties and date, not "(no subject)"; a message
# forwarded under its sender's sign-off is framed on its own (its text was all sign-off) (issue 12).
# Dates, addressees and signatures run together or broken apart by another transcriber (issue 15).
# "20": where no specific rule names a sender or recipient, the general fallbacks do: a whole name alone
# where a signature stands at the foot signs; a salutation's name, or a name styled as an addressee's
# at the top or foot, is the addressee (issue 15, round 15b). "21": a copy's "COPY" heading is no
# organisation (issue 15). "22": Lotus Notes' "Sent by:" line is mail furniture (issue 12). "23": an
# office minute's date under the letter no longer beats the head's day and month (issue 15). "24":
# office minutes under a letter ("Under Secretary / Seen. / M. N. / 5.8.16") are cut from its frame.
# "27": a month's short form before its day ("On Feb. 27, 2001 …") ends no sentence (issue 12); the
# writer's name heading a letter signed with a first name, columns kept by a transcriber, a form filled in
# by hand, a report's heading, an envelope the transcriber noted, a run-on letterhead's year-less date, a
# closing broken before its kin word, a letter written down for its sender (issue 15, round 19).
PARSER_VERSION = "28"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    rel: str  # relative to the corpus folder, with "/"
    sha256: str  # of the file's bytes
    fingerprint: str  # bytes + sidecar + parser version


SYMLINK = "symbolic link (not followed; index the file where it lives, inside the corpus)"


def scan(corpus: Path) -> Iterator[Path]:
    """Every file under the corpus except hidden ones and sidecars, in a stable order.

    Symbolic links (to files or folders) are yielded too, never followed: `refusal` says why
    they are not read. The links inside the corpus are never descended into.
    """
    for path in sorted(corpus.rglob("*")):
        rel = path.relative_to(corpus)
        if any(part.startswith(".") for part in rel.parts) or is_sidecar(path):
            continue
        if path.is_symlink() or path.is_file():
            yield path


def refusal(path: Path) -> str | None:
    """Why a scanned path is not read, or None.

    Every symbolic link is refused, wherever it points: one to /etc/passwd or to the data folder's
    audit log made them letters every user could read, and a link whose target is checked to lie
    inside the corpus can be re-pointed between the check and the read. A target inside the
    corpus is indexed under its own path anyway.
    """
    return SYMLINK if path.is_symlink() else None


def fingerprint(path: Path, data_hash: str) -> str:
    digest = hashlib.sha256(f"{PARSER_VERSION}:{data_hash}".encode())
    side = sidecar_path(path)
    if side.exists():
        digest.update(side.read_bytes())
    return digest.hexdigest()


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    # O_NOFOLLOW: a file swapped for a link after the scan is not read through it (OSError ELOOP).
    with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)), "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
