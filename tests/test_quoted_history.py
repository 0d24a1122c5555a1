"""Quoted history no other letter holds is quotable, under its own writer's name (issue 12).

A forward of a message from outside the mailbox answers from the forwarded text; when the original
is indexed too, only the original is a passage, and this follows the original as it comes and goes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import Assistant
from assistant.reader import Identity, Reader
from index.embedding.base import Embedder
from index.embedding.fake import HashEmbedder
from index.generation import open_current
from index.records import Passage
from index.settings import Settings
from ingest.conventions.quotes import quoted_blocks
from ingest.formats.mail import message_document, parse_message
from ingest.pipeline import index_corpus
from tests.fixtures import indexed_world
from tests.test_email import message, write


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """conftest's settings, with quoted history quoted (the default since round 12, said here anyway)."""
    return Settings(
        data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus", model="hash-test", quoted_history=True
    )


HEDGE = (
    "The Barrick Gold hedge was closed at a profit of twelve million dollars last week, "
    "and the proceeds will go to the pension fund in June."
)
OUTSIDE = f"Ken,\n\n{HEDGE}\n\nThe auditors have signed off on the accounts for the quarter.\n\nJeff\n"
FORWARD = (
    "FYI, see below.\n\n"
    "-----Original Message-----\n"
    "From: McMahon, Jeffrey\n"
    "Sent: Monday, May 14, 2001 10:18 AM\n"
    "To: Lay, Kenneth;\n"
    "    Skilling, Jeff\n"
    "Subject: Barrick Gold\n\n" + OUTSIDE.replace("last week, ", "last week,\n")
    # Re-wrapped, as a quoted copy often is.
)


def email(body: str, sender: str, subject: str, date: str, message_id: str) -> bytes:
    to = (
        "Jeff Skilling <jeff.skilling@enron.com>"
        if "Lay" in sender
        else "Kenneth Lay <kenneth.lay@enron.com>"
    )
    return message(body, sender=sender, to=to, subject=subject, date=date, message_id=message_id)


def forward() -> bytes:
    return email(
        FORWARD,
        "Kenneth Lay <kenneth.lay@enron.com>",
        "FW: Barrick Gold",
        "Tue, 15 May 2001 09:00:00 -0500",
        "<fw1@enron.com>",
    )


def original() -> bytes:
    sender = "Jeffrey McMahon <jeffrey.mcmahon@enron.com>"
    return email(OUTSIDE, sender, "Barrick Gold", "Mon, 14 May 2001 10:18:00 -0500", "<orig1@enron.com>")


def passages_of(settings: Settings, path: str) -> list[Passage]:
    store = open_current(settings.data_dir).store
    (letter,) = [lt for lt in store.letters() if lt.path == path]
    return store.letter_passages(letter.id)


def holds_hedge(passages: list[Passage]) -> bool:
    return any("closed at a profit" in p.text for p in passages)


def test_quoted_blocks_name_their_writer_and_date() -> None:
    body = (
        "See below.\n\n-----Original Message-----\nFrom: McMahon, Jeffrey\nSent: Monday, May 14, 2001\n"
        "To: Lay, Kenneth\nSubject: Gold\n\nOutlook text.\n\n"
        "---------------------- Forwarded by Phillip K Allen/HOU/ECT on 10/02/2000 04:10 PM ---------\n\n"
        "Jane Doe@ECT on 10/02/2000 10:18:00 AM\nTo: Phillip K Allen/HOU/ECT@ECT\ncc:\nSubject: Gas\n\n"
        "Notes text.\n\n"
        "From: Steven J Kean@ENRON on 11/06/2000 08:24 AM\nSent by: Maureen McVicker@ENRON\nTo: Jeff\n"
        "Subject: Nomination\n\nNotes From text.\n\n"
        "-----Original Message-----\nFrom: Rosalee.Fleming@enron.com [mailto:Rosalee.Fleming@enron.com]On\n"
        "Behalf Of Kenneth.Lay@enron.com\nSent: Wednesday, May 16, 2001 11:59 AM\nTo: Sara\n\nWrapped text.\n"
    )
    blocks = quoted_blocks(body)
    assert [(b.writer, b.sent) for b in blocks] == [
        ("McMahon, Jeffrey", "Monday, May 14, 2001"),
        ("Jane Doe@ECT", "10/02/2000 10:18:00 AM"),
        ("Steven J Kean@ENRON", "11/06/2000 08:24 AM"),
        (
            "Rosalee.Fleming@enron.com [mailto:Rosalee.Fleming@enron.com]On",
            "Wednesday, May 16, 2001 11:59 AM",
        ),
    ]
    texts = ["Outlook text.", "Notes text.", "Notes From text.", "Wrapped text."]
    assert [body[b.start : b.end].strip() for b in blocks] == texts
    # As a letter's quoted history: writers as names, dates read (a numeric one nearest before the reply).
    doc = message_document(parse_message(message(body, date="Thu, 17 May 2001 09:00:00 -0500")))
    assert [(q.writer, q.date) for q in doc.quoted] == [
        ("Jeffrey McMahon", "2001-05-14"),
        ("Jane Doe", "2000-10-02"),
        ("Steven J Kean", "2000-11-06"),
        ("Rosalee Fleming", "2001-05-16"),
    ]


def test_a_forward_of_an_outside_message_answers_under_the_writers_name(
    tmp_path: Path, real_embedder: Embedder
) -> None:
    world = indexed_world(tmp_path, real_embedder, extra={"fw.eml": forward()}, quoted_history=True)
    quoted = [p for p in passages_of(world, "fw.eml") if p.quoted_writer is not None]
    assert quoted and all(
        p.quoted_writer == "Jeffrey McMahon" and p.quoted_date == "2001-05-14" for p in quoted
    )
    assert not any("From:" in p.text or "Sent:" in p.text for p in quoted if p.quotable)  # header: no passage
    identity = Identity("test", world.levels().top_name(), "cli")
    reader = Reader(
        open_current(world.data_dir),
        identity,
        assistant=Assistant(world, real_embedder),
        levels=world.levels(),
        audit=None,
    )
    answer = reader.ask("What happened to the Barrick Gold hedge?")
    assert answer.answered
    first = answer.citations[0]
    assert "closed at a profit" in first.quote
    assert first.reference.startswith(
        "Message from Jeffrey McMahon, 14 May 2001, quoted in the email from Kenneth Lay to Jeff Skilling, "
        "15 May 2001, quoted para"
    )
    # The forwarder is never presented as the writer of the quoted words.
    assert answer.text.startswith(
        "Jeffrey McMahon, in a message of 14 May 2001 quoted in the email from Kenneth Lay"
    )
    assert "Kenneth Lay, writing" not in answer.text


def test_with_the_original_indexed_the_copy_is_no_passage(settings: Settings, tmp_path: Path) -> None:
    corpus = write(tmp_path / "corpus", {"fw.eml": forward(), "orig.eml": original()})
    assert index_corpus(settings, corpus, embedder=HashEmbedder).ok
    assert holds_hedge(passages_of(settings, "orig.eml"))
    assert not holds_hedge(passages_of(settings, "fw.eml"))
    assert any("FYI" in p.text for p in passages_of(settings, "fw.eml"))  # its own words still are


def test_the_copy_follows_its_original_in_and_out_of_the_index(settings: Settings, tmp_path: Path) -> None:
    corpus = write(tmp_path / "corpus", {"fw.eml": forward()})
    assert index_corpus(settings, corpus, embedder=HashEmbedder).ok
    assert holds_hedge(passages_of(settings, "fw.eml"))

    write(corpus, {"orig.eml": original()})  # the original arrives later: the copy goes back to skipped
    report = index_corpus(settings, corpus, embedder=HashEmbedder)
    assert report.added == ["orig.eml"] and report.changed == []
    assert not holds_hedge(passages_of(settings, "fw.eml"))
    assert holds_hedge(passages_of(settings, "orig.eml"))

    (corpus / "orig.eml").unlink()  # and when it goes, the copy is quotable again
    report = index_corpus(settings, corpus, embedder=HashEmbedder)
    assert report.deleted == ["orig.eml"]
    assert holds_hedge(passages_of(settings, "fw.eml"))

    # A change elsewhere that holds none of the quoted text reads nothing again.
    write(corpus, {"other.eml": message("The library opens on Saturdays.", message_id="<o1@x.example>")})
    report = index_corpus(settings, corpus, embedder=HashEmbedder)
    assert report.added == ["other.eml"] and report.unchanged == ["fw.eml"]
    assert holds_hedge(passages_of(settings, "fw.eml"))


def test_off_by_the_setting_quoted_history_stays_skipped(tmp_path: Path) -> None:
    off = Settings(data_dir=tmp_path / "data", model="hash-test", quoted_history=False)
    corpus = write(tmp_path / "corpus", {"fw.eml": forward()})
    assert index_corpus(off, corpus, embedder=HashEmbedder).ok
    assert not holds_hedge(passages_of(off, "fw.eml"))


@pytest.mark.parametrize("marking", ["OFFICIAL-SENSITIVE"])
def test_a_marking_inside_the_quoted_message_marks_the_forward(
    settings: Settings, tmp_path: Path, marking: str
) -> None:
    marked = FORWARD.replace("Ken,\n", f"{marking}\n\nKen,\n")
    corpus = write(tmp_path / "corpus", {"fw.eml": message(marked, subject="FW: Barrick Gold")})
    assert index_corpus(settings, corpus, embedder=HashEmbedder).ok
    (letter,) = open_current(settings.data_dir).store.letters()
    assert letter.marking == marking
    assert holds_hedge(passages_of(settings, "fw.eml"))


def test_an_outside_message_quoted_in_two_forwards_is_a_passage_once(
    settings: Settings, tmp_path: Path
) -> None:
    second = email(
        FORWARD.replace("FYI, see below.", "Please read the note below before Friday's board."),
        "Kenneth Lay <kenneth.lay@enron.com>",
        "FW: Barrick Gold",
        "Wed, 16 May 2001 09:00:00 -0500",
        "<fw2@enron.com>",
    )
    corpus = write(tmp_path / "corpus", {"fw.eml": forward(), "fw2.eml": second})
    assert index_corpus(settings, corpus, embedder=HashEmbedder).ok
    holding = [path for path in ("fw.eml", "fw2.eml") if holds_hedge(passages_of(settings, path))]
    assert len(holding) == 1

    (corpus / holding[0]).unlink()  # the copy kept goes: the other one is quoted now
    assert index_corpus(settings, corpus, embedder=HashEmbedder).ok
    (left,) = {"fw.eml", "fw2.eml"} - set(holding)
    assert holds_hedge(passages_of(settings, left))
