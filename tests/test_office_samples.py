"""`letters index` over real office and mail files from parser projects' test suites (SOURCE.md of
office-mail-samples): every file read or reported with a one-line reason, no crash, no hang, no
passage of binary junk, and attachments read as letters of their own."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest

from index.embedding.fake import HashEmbedder
from index.generation import open_current
from index.records import Letter
from index.settings import Settings
from ingest.parse import MIN_PRINTABLE, printable_share
from ingest.pipeline import index_corpus
from ingest.report import IndexReport
from tests.conftest import SHARED

SAMPLES = SHARED / "data" / "office-mail-samples"
pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="office-mail-samples not present")


@dataclass
class Indexed:
    report: IndexReport
    seconds: float
    files: set[str]
    letters: list[Letter]
    junk: list[str]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Indexed:
    data = tmp_path_factory.mktemp("office") / "data"
    settings = Settings(data_dir=data, model="hash-test", parse_workers=2)
    started = time.perf_counter()
    report = index_corpus(settings, SAMPLES, embedder=lambda: HashEmbedder(dimension=32))
    seconds = time.perf_counter() - started
    generation = open_current(data)
    try:
        letters = generation.store.letters()
        junk = [
            f"{lt.path}#{lt.label}: {p.text[:60]!r}"
            for lt in letters
            for p in generation.store.letter_passages(lt.id)
            if printable_share(p.text) < MIN_PRINTABLE
        ]
    finally:
        generation.close()
    files = {p.relative_to(SAMPLES).as_posix() for p in SAMPLES.rglob("*") if p.is_file()}
    return Indexed(report, seconds, files, letters, junk)


def failures(indexed: Indexed) -> dict[str, str]:
    return {f.path: f.error for f in indexed.report.failed}


def attachments_of(indexed: Indexed, path: str) -> list[str]:
    return sorted(lt.label for lt in indexed.letters if lt.path == path and lt.parent_id)


def test_every_sample_file_is_read_or_reported_with_a_one_line_reason(indexed: Indexed) -> None:
    report = indexed.report
    seen = set(report.added) | {f.path for f in report.failed if f.path in indexed.files}
    assert seen == indexed.files
    assert set(report.added).isdisjoint(f.path for f in report.failed)
    for path, reason in failures(indexed).items():
        assert reason and "\n" not in reason and len(reason) < 300, path
        # A reader bug, a hang or a blown memory limit is not a reason a person can act on.
        assert not reason.startswith(("could not be parsed", "timed out", "out of memory")), (path, reason)


def test_no_passage_is_binary_junk_and_the_run_stays_quick(indexed: Indexed) -> None:
    assert indexed.junk == []
    assert indexed.seconds < 240  # about 35 s on 2 shared cores (BENCHMARKS.md, office samples)


def test_outlook_attachments_and_embedded_messages_become_letters(indexed: Indexed) -> None:
    assert attachments_of(indexed, "msg/attachment_test_msg.msg") == [
        "/pj1.txt",
        "/test-unicode.doc",
    ]
    nested = attachments_of(indexed, "msg/msgInMsgInMsg.msg")
    assert any(part.count("/") == 2 for part in nested)  # a message in a message in a message
    text_attachment = next(lt for lt in indexed.letters if lt.label == "/test-unicode.doc")
    assert text_attachment.attached_to is not None and text_attachment.source_kind == "letter"


def test_inline_images_are_neither_letters_nor_failures(indexed: Indexed) -> None:
    for path in ("msg/attachment_msg_inlineImg.msg", "eml/email-replace-mime-encodings-error-2.eml"):
        assert path in indexed.report.added
        assert attachments_of(indexed, path) == []
        assert not [f for f in failures(indexed) if f.startswith(path + "/")]


def test_an_email_with_many_attachments_indexes_each_and_duplicates_once(indexed: Indexed) -> None:
    parts = attachments_of(indexed, "eml/phpmmp-issue408.eml")
    duplicates = [d for d in indexed.report.duplicates if d.path.startswith("eml/phpmmp-issue408.eml/")]
    assert len(parts) + len(duplicates) == 328


def test_encrypted_and_misnamed_files_say_so(indexed: Indexed) -> None:
    reasons = failures(indexed)
    for path in (
        "doc/PasswordProtected.doc",
        "docx/bug53475-password-is-pass.docx",
        "odt/testODTEncrypted.odt",
        "msg/S_MIME_test_message_encrypted.msg",
        "eml/fake-encrypted.eml",
    ):
        assert reasons[path].startswith("encrypted"), (path, reasons[path])
    assert "WordPerfect" in reasons["doc/testWordPerfect_50.doc"]
    assert "doc/eng_spa_mult-actually-docx.doc" in indexed.report.added


def test_non_unicode_outlook_files_decode_in_their_own_code_page(indexed: Indexed) -> None:
    titles = {lt.path: lt.title for lt in indexed.letters if not lt.parent_id}
    assert titles["msg/nonUnicodeCP932.msg"] == "日本語 Non Unicode タイトル"
    assert "MSG 格式測試" in titles["msg/chinese-traditional.msg"]
    assert titles["msg/cyrillic_message.msg"].startswith("Автоматический ответ")


def test_a_word_file_whose_creation_date_was_never_set_has_no_date(indexed: Indexed) -> None:
    # Its summary information holds a zero FILETIME, which reads as 1 January 1601.
    [letter] = [lt for lt in indexed.letters if lt.path == "doc/innertable.doc"]
    assert letter.date is None and "1601" not in letter.title


def test_placeholder_accounts_and_logins_in_document_properties_are_no_senders(indexed: Indexed) -> None:
    senders = {lt.path: lt.sender.names() for lt in indexed.letters if not lt.parent_id}
    # "Windows User", "default", "User" and the login "pavel" would each stand as the letter's sender.
    for path in (
        "docx/testWORD_text_box.docx",
        "doc/saved-by-table.doc",
        "odt/Lebenslauf_DOC_LO4.0.5.1.odt",
        "docx/delins.docx",
    ):
        assert senders[path] == "", path
    assert senders["doc/testComment.doc"] == "Michael McCandless"  # a real name stays
