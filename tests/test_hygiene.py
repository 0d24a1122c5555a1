"""Mail furniture stays in the letter view and in search but is never quoted as evidence."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from index.embedding.fake import HashEmbedder
from index.generation import open_current
from index.settings import Settings
from ingest.conventions.hygiene import evidence_spans, furniture
from ingest.formats.mail import _clean_name
from ingest.pipeline import index_corpus
from tests.conftest import write_corpus

FORWARD = (
    "-----Original Message-----\n"
    "From: McMahon, Jeffrey\n"
    "Sent: Monday, November 20, 2000 1:11 PM\n"
    "To: Lay, Kenneth\n"
    "Subject: FW: Barrick Gold"
)
NOTES = (
    "---------------------- Forwarded by Joe Hillings/Corp/Enron on 09/20/2000 03:50 PM -----------\n"
    "Karen Denne@ENRON\n"
    "10/18/99 07:08 AM\n"
    "To: Steven J Kean/HOU/EES@EES, Mark Palmer/Corp/Enron@ENRON,\n"
    "Jeff Skilling/Corp/Enron@ENRON\n"
    "cc:\n"
    "Subject: Translation of articles"
)
SIGNATURE = "Don Sheron\nScience/Technology Writer\nSan Antonio Express-News\n(210) 250-3243, voice"
DISCLAIMER = (
    "This e-mail is confidential and intended solely for the use of the individual to whom it is "
    "addressed. If you have received this email in error please notify the sender."
)
MEETING = "Executive Committee Weekly Meeting\nDate:  Monday, June 26\nTime:  11:00 a.m.\nLocation: Boardroom"


def test_forwarded_header_blocks_notes_routing_signatures_and_disclaimers_are_furniture() -> None:
    for text in (FORWARD, NOTES, SIGNATURE, DISCLAIMER, "Subject: Jeff McMahon Named CFO", "- hagelesi.rtf"):
        assert evidence_spans(text) == [], text
    # Lotus Notes names who sent a mail for another on a line of its own.
    notice = "Rhonna Palmer\nSent by: Rhonna Palmer\n10/12/2000 09:15 AM\n\nYour cooperation is appreciated."
    kept = [notice[s:e] for s, e in evidence_spans(notice)]
    assert not any("Sent by" in k for k in kept) and any("cooperation" in k for k in kept)


def test_what_was_said_is_kept_around_the_furniture() -> None:
    said = "The board approved the Barrick Gold hedge on Friday at the agreed price."
    text = f"{FORWARD}\n{said}"
    (span,) = evidence_spans(text)
    assert text[span[0] : span[1]].strip() == said


def test_a_meeting_notice_with_date_and_time_lines_is_not_mistaken_for_a_header() -> None:
    assert furniture(MEETING) == []
    assert evidence_spans("Steve Hellman at 212-628-7191 or cell phone 917-623-9730.")  # one line: a fact


def test_furniture_passages_are_stored_unquotable_with_no_units(tmp_path: Path) -> None:
    letter = f"Dear Ken,\n\nThe hedge was approved on Friday at the agreed price.\n\n{FORWARD}\n\nThanks.\n"
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": letter})
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus, model="hash-test")
    assert index_corpus(settings, corpus, embedder=HashEmbedder).ok
    store = open_current(settings.data_dir).store
    (only,) = store.letters()
    passages = store.letter_passages(only.id)
    units = store.units([p.id for p in passages])
    furniture_passage = next(p for p in passages if "Original Message" in p.text)
    assert not furniture_passage.quotable and furniture_passage.id not in units
    said = next(p for p in passages if "hedge" in p.text)
    assert said.quotable and units[said.id]
    assert "Original Message" in (store.letter_text(only.id) or "")  # still in the letter view


def test_display_names_from_mail_headers_are_readable() -> None:
    assert _clean_name("'Jeffrey.McMahon@enron.com '") == "Jeffrey McMahon"
    assert _clean_name("s..muller@enron.com") == "S Muller"
    assert _clean_name("Ken Lay- Chairman of the Board@ENRON") == "Ken Lay"
    assert _clean_name("Kenneth Lay/HOU/ECT@ECT") == "Kenneth Lay"
    assert _clean_name("Lay, Kenneth") == "Kenneth Lay"
    assert _clean_name("Smith - Jones") == "Smith - Jones"
    # RFC 822's older form, the name as a comment after the address.
    assert _clean_name("rob_tom@freenet.carleton.ca (Robert W. Tom)") == "Robert W. Tom"
    assert _clean_name("GrenSheltr@aol.com") == "GrenSheltr@aol.com"  # no name to read: the address


def test_a_letter_without_a_subject_is_titled_from_its_parties_and_date_never_its_file_name(
    tmp_path: Path,
) -> None:
    letter = (
        "Rt Hon Dawn Primarolo MP\nMinister of State\n\n4 December 2009\n\nDear Minister,\n\n"
        "We write about the board.\n\nYours sincerely,\n\nCouncillor Andrew Carter\n"
    )
    corpus = write_corpus(tmp_path / "corpus", {"003_3342f1d31a3cf50b.txt": letter})
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus, model="hash-test")
    assert index_corpus(settings, corpus, embedder=HashEmbedder).ok
    (only,) = open_current(settings.data_dir).store.letters()
    assert only.title == "Letter to Rt Hon Dawn Primarolo MP, 4 December 2009"


def test_furniture_detection_is_fast_on_a_huge_line_without_addresses() -> None:
    text = "Subject: x\n" + "a" * 200_000 + "\nTo: " + "b" * 100_000
    started = time.perf_counter()
    furniture(text)
    assert time.perf_counter() - started < 1.0


# Found in the Enron dev mailboxes as quotes that answered nothing (issue 12, tenth round).
@pytest.mark.parametrize(
    "text",
    [
        "Dennis J. Buckley\nCounsel to the Chairman",  # a name with its title, no phone
        "Phillip Allen\nWest Gas Trading",
        "Chris Williams\nENA Staffing\nx39866",  # an extension is a contact line
        "From:  Ken Lay, Jeff Skilling & Joe Sutton @ ENRON",  # a memo's lone From: line
        "<<4v.6  revised rockets term sheet.DOC>>   <<v.6  revised rockets term",  # cut placeholders
    ],
)
def test_signatures_without_a_phone_lone_from_lines_and_attachment_placeholders_are_furniture(
    text: str,
) -> None:
    assert evidence_spans(text) == [], text


@pytest.mark.parametrize(
    "text",
    [
        "John Smith\nwill attend the meeting on Friday.",  # a sentence broken after its subject
        "Jeff Skilling\nAgreed, send it to George.",
        "Location: The St. Regis Hotel\n1919 Briar Oaks Lane\nHouston, Texas  77027\nPhone:  713-840-7600",
        "From the start of the contract we have paid on time and in full, and we expect the same of them.",
    ],
)
def test_what_only_looks_like_a_signature_or_header_is_kept(text: str) -> None:
    assert evidence_spans(text), text
