"""Email: headers become metadata, replies form threads, quotes and signatures are not passages,
the same message in several files is indexed once, and mailboxes change as a whole."""

from __future__ import annotations

import gzip
import json
from email.message import EmailMessage
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from index.embedding.fake import HashEmbedder
from index.generation import open_current
from index.records import Letter, to_json
from index.settings import Settings
from ingest.conventions.quotes import quoted_spans
from ingest.formats.document import ReadOptions
from ingest.formats.mail import message_document, parse_message, read_mbox
from ingest.pipeline import index_corpus
from ingest.report import IndexReport

ORIGINAL = "Please confirm the library will open on Saturdays from March.\n\nThanks,\nJane\n"
# The signature separator is "-- " with its trailing space (RFC 3676).
REPLY = """Yes, the library opens on Saturdays from 2 March, ten till four.

--\x20
Tom Brown
Library Manager, 01234 567890

On Mon, 5 Feb 2024 at 09:00, Jane Doe <jane.doe@council.example> wrote:
> Please confirm the library will open on Saturdays from March.
>
> Thanks,
> Jane
"""


def message(
    body: str,
    *,
    sender: str = "Jane Doe <jane.doe@council.example>",
    to: str = "Tom Brown <tom.brown@library.example>",
    cc: str | None = None,
    subject: str = "Saturday opening",
    date: str = "Mon, 05 Feb 2024 09:00:00 +0000",
    message_id: str = "<m1@council.example>",
    in_reply_to: str | None = None,
    references: str | None = None,
    html: str | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"], msg["Date"], msg["Message-ID"] = (
        sender,
        to,
        subject,
        date,
        message_id,
    )
    if cc:
        msg["Cc"] = cc
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    if references:
        msg["References"] = references
    if html is not None:
        msg.set_content(html, subtype="html")
    else:
        msg.set_content(body)
    return bytes(msg)


def reply(**kw: str) -> bytes:
    args = {
        "sender": "Tom Brown <tom.brown@library.example>",
        "to": "Jane Doe <jane.doe@council.example>",
        "subject": "Re: Saturday opening",
        "date": "Tue, 06 Feb 2024 10:30:00 +0000",
        "message_id": "<m2@library.example>",
        "in_reply_to": "<m1@council.example>",
        "references": "<m1@council.example>",
    }
    args.update(kw)
    return message(REPLY, **args)


def mbox(*messages: bytes) -> bytes:
    out = b""
    for raw in messages:
        body = raw.replace(b"\r\n", b"\n").replace(b"\nFrom ", b"\n>From ")
        out += b"From MAILER-DAEMON Mon Apr 18 14:20:59 2022\n" + body.rstrip(b"\n") + b"\n\n"
    return out


def index(settings: Settings, corpus: Path) -> IndexReport:
    return index_corpus(settings, corpus, embedder=HashEmbedder)


def letters_by_title(settings: Settings) -> dict[str, Letter]:
    return {lt.title: lt for lt in open_current(settings.data_dir).store.letters()}


def write(folder: Path, files: dict[str, bytes]) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def test_eml_headers_become_the_letters_metadata(settings: Settings, tmp_path: Path) -> None:
    corpus = write(
        tmp_path / "corpus",
        {"hours.eml": message(ORIGINAL, cc="Ann Lee <ann.lee@council.example>, ops@council.example")},
    )
    report = index(settings, corpus)
    assert report.ok and report.added == ["hours.eml"]
    letter = letters_by_title(settings)["Saturday opening"]
    assert letter.source_kind == "email"
    assert letter.date == "2024-02-05" and letter.date_kind == "letter"
    assert letter.sender.label == "Jane Doe"
    assert [p.name for p in letter.recipient.people] == ["Tom Brown", "Ann Lee", "ops@council.example"]
    assert [p.title for p in letter.recipient.people] == ["", "cc", "cc"]
    assert dict(letter.references)["Message-ID"] == "m1@council.example"
    assert letter.message_id == "m1@council.example" and letter.thread_id == "m1@council.example"
    data = to_json(letter)
    assert data["message_id"] == "m1@council.example" and data["thread_id"] == "m1@council.example"


def test_an_email_without_a_subject_is_titled_from_its_parties_and_date(
    settings: Settings, tmp_path: Path
) -> None:
    # A mailbox's quick notes have no subject; "(no subject)" forty times over tells an officer nothing.
    corpus = write(tmp_path / "corpus", {"note.eml": message("Can you send the figures today?", subject="")})
    index(settings, corpus)
    (only,) = open_current(settings.data_dir).store.letters()
    assert only.title == "Email from Jane Doe to Tom Brown, 5 February 2024"


def test_replies_are_linked_into_one_thread_shown_by_letters_documents(
    settings: Settings, tmp_path: Path
) -> None:
    later = reply(
        sender="Jane Doe <jane.doe@council.example>",
        to="Tom Brown <tom.brown@library.example>",
        subject="Re: Re: Saturday opening",
        date="Wed, 07 Feb 2024 08:00:00 +0000",
        message_id="<m3@council.example>",
        in_reply_to="<m2@library.example>",
        references="",
    )
    other = message("Unrelated.", subject="Parking", message_id="<p1@council.example>")
    corpus = write(
        tmp_path / "corpus",
        {"a.eml": message(ORIGINAL), "b.eml": reply(), "c.eml": later, "d.eml": other},
    )
    index(settings, corpus)
    result = CliRunner().invoke(
        cli, ["documents", "--json", "--data-dir", str(settings.data_dir)], env={"LETTERS_MODEL": "hash-test"}
    )
    assert result.exit_code == 0, result.output
    found = {lt["path"]: lt for lt in json.loads(result.output)["letters"]}
    assert {found[p]["thread_id"] for p in ("a.eml", "b.eml", "c.eml")} == {"m1@council.example"}
    assert found["b.eml"]["in_reply_to"] == "m1@council.example"
    assert found["c.eml"]["in_reply_to"] == "m2@library.example"  # no References: followed up the chain
    assert found["d.eml"]["thread_id"] == "p1@council.example"
    plain = CliRunner().invoke(
        cli, ["documents", "--data-dir", str(settings.data_dir)], env={"LETTERS_MODEL": "hash-test"}
    )
    assert "thread: m1@council.example (3 messages)" in plain.output


def test_replies_without_threading_headers_join_by_subject_and_correspondent(
    settings: Settings, tmp_path: Path
) -> None:
    bare = reply(in_reply_to="", references="")  # Lotus Notes exports carry no In-Reply-To
    stranger = reply(
        sender="Zed <zed@elsewhere.example>",
        to="Yan <yan@elsewhere.example>",
        message_id="<z1@elsewhere.example>",
        in_reply_to="",
        references="",
    )
    corpus = write(tmp_path / "corpus", {"a.eml": message(ORIGINAL), "b.eml": bare, "z.eml": stranger})
    index(settings, corpus)
    by_path = {lt.path: lt for lt in open_current(settings.data_dir).store.letters()}
    assert by_path["b.eml"].thread_id == "m1@council.example"
    assert by_path["z.eml"].thread_id == "z1@elsewhere.example"  # same subject, no shared address


def test_quoted_message_and_signature_are_stored_but_not_indexed_as_passages(
    settings: Settings, tmp_path: Path
) -> None:
    corpus = write(tmp_path / "corpus", {"b.eml": reply()})
    index(settings, corpus)
    store = open_current(settings.data_dir).store
    letter = store.letters()[0]
    text = store.letter_text(letter.id) or ""
    assert "> Please confirm the library" in text and "01234 567890" in text
    passages = store.letter_passages(letter.id)
    joined = "\n".join(p.text for p in passages)
    assert "ten till four" in joined
    assert "Please confirm" not in joined and "01234" not in joined and "wrote:" not in joined
    assert "tom.brown@library.example" not in joined  # header fields are metadata, not passages
    assert passages[0].kind == "heading" and passages[0].text == "Subject: Re: Saturday opening"
    assert all(text[p.start : p.end] == p.text for p in passages)


@pytest.mark.parametrize(
    "quoted",
    [
        "-----Original Message-----\nFrom: Jane Doe\nSent: 5 Feb 2024\nTo: Tom\nSubject: Hi\n\nOld text.",
        "________________________________\nFrom: Jane Doe\nSent: 5 February 2024\nTo: Tom\n\nOld text.",
        '"Doe, Jane" <jane.doe@council.example> on 02/05/2024 09:00:00 AM\nTo: Tom Brown\ncc:\n\nOld text.',
        "Jane Doe@ECT\n02/05/2024 09:00 AM\nTo: Tom Brown/HOU/ECT@ECT\nSubject: Hours\n\nOld text.",
        "---------------------- Forwarded by Tom Brown on 02/05/2024 -----------------------\n\nOld text.",
        "On Mon, 5 Feb 2024 at 09:00, Jane Doe <jane.doe@council.example>\nwrote:\n> Old text.",
    ],
)
def test_quoted_earlier_messages_are_recognised(quoted: str) -> None:
    body = f"New words here.\n\n{quoted}\n"
    spans = quoted_spans(body)
    kept = "".join(ch for i, ch in enumerate(body) if not any(a <= i < b for a, b in spans))
    assert "New words here." in kept
    assert "Old text" not in kept


def test_a_forward_without_comment_keeps_the_forwarded_text(settings: Settings, tmp_path: Path) -> None:
    body = "-----Original Message-----\nFrom: Jane Doe\nSent: Monday\nTo: Tom\n\nThe roof needs repair.\n"
    corpus = write(tmp_path / "corpus", {"fw.eml": message(body, subject="FW: roof")})
    assert index(settings, corpus).ok
    store = open_current(settings.data_dir).store
    joined = " ".join(p.text for p in store.letter_passages(store.letters()[0].id))
    assert "The roof needs repair." in joined


def test_html_only_body_is_converted_to_text(settings: Settings, tmp_path: Path) -> None:
    html = (
        "<html><head><style>p{color:red}</style></head><body><p>The <b>budget</b> is agreed.</p>"
        "<ul><li>roads</li><li>schools</li></ul><blockquote>Earlier: is the budget agreed?</blockquote>"
        "</body></html>"
    )
    corpus = write(tmp_path / "corpus", {"h.eml": message("", html=html)})
    assert index(settings, corpus).ok
    store = open_current(settings.data_dir).store
    letter = store.letters()[0]
    text = store.letter_text(letter.id) or ""
    assert "The budget is agreed." in text and "- roads\n- schools" in text and "color" not in text
    joined = " ".join(p.text for p in store.letter_passages(letter.id))
    assert "budget is agreed" in joined and "Earlier:" not in joined


def test_mbox_messages_become_letters_and_copies_elsewhere_are_duplicates(
    settings: Settings, tmp_path: Path
) -> None:
    first = message(ORIGINAL)
    second = reply()
    third = message("Bins are collected on Tuesdays.", subject="Bins", message_id="<b1@council.example>")
    corpus = write(
        tmp_path / "corpus",
        {
            "inbox/box.mbox": mbox(first, second, third),
            "sent/box.mbox.gz": gzip.compress(mbox(second)),
            "saved/hours.eml": first,
        },
    )
    report = index(settings, corpus)
    assert report.ok and sorted(report.added) == ["inbox/box.mbox", "saved/hours.eml", "sent/box.mbox.gz"]
    assert report.letters == 3
    dupes = {(d.path, d.of) for d in report.duplicates}
    assert dupes == {("sent/box.mbox.gz#1", "inbox/box.mbox#2"), ("saved/hours.eml", "inbox/box.mbox#1")}
    letters = letters_by_title(settings)
    assert letters["Bins"].path == "inbox/box.mbox" and letters["Bins"].label == "3"
    assert len({lt.id for lt in letters.values()}) == 3

    # The file a message was indexed from goes: its copy elsewhere takes its place.
    (corpus / "inbox" / "box.mbox").unlink()
    report = index(settings, corpus)
    assert report.deleted == ["inbox/box.mbox"]
    assert set(letters_by_title(settings)) == {"Saturday opening", "Re: Saturday opening"}
    paths = {lt.title: lt.path for lt in letters_by_title(settings).values()}
    assert paths == {"Saturday opening": "saved/hours.eml", "Re: Saturday opening": "sent/box.mbox.gz"}


def test_a_changed_mailbox_replaces_all_its_letters_and_a_deleted_one_removes_them(
    settings: Settings, tmp_path: Path
) -> None:
    corpus = write(tmp_path / "corpus", {"box.mbox": mbox(message(ORIGINAL), reply())})
    assert index(settings, corpus).letters == 2
    third = message("Bins are collected on Tuesdays.", subject="Bins", message_id="<b1@council.example>")
    (corpus / "box.mbox").write_bytes(mbox(message(ORIGINAL), third))
    report = index(settings, corpus)
    assert report.changed == ["box.mbox"] and report.letters == 2
    assert set(letters_by_title(settings)) == {"Saturday opening", "Bins"}
    (corpus / "box.mbox").unlink()
    report = index(settings, corpus)
    assert report.deleted == ["box.mbox"] and report.letters == 0


def test_mailbox_letter_ids_follow_message_ids_so_they_survive_insertions(tmp_path: Path) -> None:
    path = tmp_path / "box.mbox"
    options = ReadOptions(max_bytes=10**7)
    path.write_bytes(mbox(message(ORIGINAL), reply()))
    before = {d.facts.message_id: d.part for d in read_mbox(path, options)}
    new = message("Earlier news.", subject="News", message_id="<n0@council.example>")
    path.write_bytes(mbox(new, message(ORIGINAL), reply()))
    after = {d.facts.message_id: d.part for d in read_mbox(path, options)}
    assert before["m2@library.example"] == after["m2@library.example"]


def test_sender_filter_finds_an_emails_sender_by_name_or_address(settings: Settings, tmp_path: Path) -> None:
    corpus = write(tmp_path / "corpus", {"a.eml": message(ORIGINAL), "b.eml": reply()})
    index(settings, corpus)
    from index.records import SearchFilters

    store = open_current(settings.data_dir).store
    assert [lt.path for lt in store.letters(SearchFilters(sender="Tom Brown"))] == ["b.eml"]
    assert [lt.path for lt in store.letters(SearchFilters(sender="jane.doe@council"))] == ["a.eml"]


def test_a_damaged_outlook_message_is_reported(settings: Settings, tmp_path: Path) -> None:
    corpus = write(tmp_path / "corpus", {"broken.msg": b"\xd0\xcf\x11\xe0 not really OLE" * 20})
    report = index(settings, corpus)
    assert [f.path for f in report.failed] == ["broken.msg"]
    assert report.failed[0].error.startswith("damaged Outlook message")


def test_mail_declared_latin_1_reads_windows_1252_quotes() -> None:
    # Outlook's curly quotes, sent as Windows-1252 bytes under a Latin-1 label, as a browser reads them.
    raw = (
        b"From: Jane Doe <jane.doe@council.example>\r\nTo: tom@library.example\r\nSubject: Reply\r\n"
        b"Date: Mon, 05 Feb 2024 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: text/plain; charset="iso-8859-1"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
        b"Reply as \x93Yes we\x92re interested\x94 \x96 by Friday.\r\n"
    )
    doc = message_document(parse_message(raw))
    assert "Reply as \u201cYes we\u2019re interested\u201d \u2013 by Friday." in doc.text
