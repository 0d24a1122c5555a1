"""One message of a mailbox is its own original: the index keeps its bytes, never its neighbours'."""

from __future__ import annotations

import hashlib
from email.message import EmailMessage
from pathlib import Path

from index.embedding.fake import HashEmbedder
from index.generation import open_current
from index.settings import Settings
from ingest.pipeline import index_corpus
from tests.conftest import LETTER_A, write_corpus

ENVELOPE = b"From alan.smith@example.gov.uk Tue Mar 12 09:00:00 2024\n"


def message(subject: str, body: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Alan Smith <alan.smith@example.gov.uk>"
    msg["To"] = "Jane Doe <jane.doe@example.gov.uk>"
    msg["Date"] = "Tue, 12 Mar 2024 09:00:00 +0000"
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{hashlib.sha1(subject.encode()).hexdigest()}@example.gov.uk>"
    msg.set_content(body)
    return bytes(msg).replace(b"\r\n", b"\n")


OPEN = message("Library hours", "Dear Jane,\n\nThe library opens at nine from Monday.\n\nAlan\n")
HIDDEN = message("[TOP SECRET] Vault", "Dear Jane,\n\nThe vault code is 9931, key in room 4.\n\nAlan\n")


def index(settings: Settings, corpus: Path) -> None:
    model = HashEmbedder()
    index_corpus(settings, corpus, embedder=lambda: model)


def test_each_mailbox_message_keeps_only_its_own_bytes(settings: Settings, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"box.mbox": ENVELOPE + OPEN + b"\n" + ENVELOPE + HIDDEN})
    write_corpus(corpus, {"a.txt": LETTER_A, "one.eml": OPEN})
    index(settings, corpus)
    store = open_current(settings.data_dir).store
    by_title = {(lt.path, lt.title): lt for lt in store.letters()}
    first, second = by_title[("box.mbox", "Library hours")], by_title[("box.mbox", "[TOP SECRET] Vault")]
    assert second.marking == "TOP SECRET"
    assert store.original(first.id) == OPEN
    assert b"9931" not in (store.original(first.id) or b"")
    assert store.original(second.id) == HIDDEN
    # A letter that is its whole file has no separate original: the file is it.
    assert all(store.original(lt.id) is None for lt in store.letters() if lt.path != "box.mbox")


def test_originals_survive_a_run_that_leaves_the_mailbox_alone_and_go_with_it(
    settings: Settings, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"box.mbox": ENVELOPE + OPEN + b"\n" + ENVELOPE + HIDDEN})
    index(settings, corpus)
    ids = [lt.id for lt in open_current(settings.data_dir).store.letters()]
    write_corpus(corpus, {"a.txt": LETTER_A})
    index(settings, corpus)
    store = open_current(settings.data_dir).store
    assert sorted(store.original(i) or b"" for i in ids) == sorted([OPEN, HIDDEN])
    (corpus / "box.mbox").unlink()
    index(settings, corpus)
    store = open_current(settings.data_dir).store
    assert [store.original(i) for i in ids] == [None, None]
    assert store.db.execute("SELECT count(*) FROM originals").fetchone()[0] == 0
