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


# --- served through the web: the reader decides ------------------------------------------------
def _world(tmp_path: Path, real_embedder, extra: dict) -> tuple:
    from tests.fixtures import app_client, indexed_world
    from web.app import create_app

    users = [("olive", "officer", "OFFICIAL-SENSITIVE"), ("adam", "admin", "TOP SECRET")]
    settings = indexed_world(tmp_path, real_embedder, extra=extra, users=users)
    app = create_app(settings, embedder=real_embedder)
    return settings, app_client(app, "olive"), app_client(app, "adam")


def _ids(client, path: str) -> dict[str, str]:
    return {
        lt["title"]: lt["id"] for lt in client.get("/api/letters").json()["letters"] if lt["path"] == path
    }


def test_the_original_of_one_mailbox_message_is_that_message_only(tmp_path: Path, real_embedder) -> None:
    # On 371a055 /letters/{id}/original served the whole mailbox: message 2 (TOP SECRET) too.
    _, officer, admin = _world(
        tmp_path, real_embedder, {"box.mbox": ENVELOPE + OPEN + b"\n" + ENVELOPE + HIDDEN}
    )
    open_id = _ids(officer, "box.mbox")["Library hours"]
    got = officer.get(f"/letters/{open_id}/original")
    assert got.status_code == 200 and got.content == OPEN and b"9931" not in got.content
    hidden_id = _ids(admin, "box.mbox")["[TOP SECRET] Vault"]
    assert officer.get(f"/letters/{hidden_id}/original").status_code == 404
    assert admin.get(f"/letters/{hidden_id}/original").content == HIDDEN


def test_a_file_changed_since_indexing_is_not_served_as_its_original(tmp_path: Path, real_embedder) -> None:
    # On 371a055 the file as it is NOW was served: re-marked TOP SECRET (and not yet re-indexed,
    # or failing to re-parse) its new bytes went to everyone who could see the old letter.
    settings, officer, _ = _world(tmp_path, real_embedder, {"notice.txt": LETTER_A})
    notice = _ids(officer, "notice.txt")
    (letter_id,) = notice.values()
    assert officer.get(f"/letters/{letter_id}/original").content == LETTER_A.encode()
    (settings.corpus_dir / "notice.txt").write_text("TOP SECRET\n\n" + LETTER_A, encoding="utf-8")
    refused = officer.get(f"/letters/{letter_id}/original")
    assert refused.status_code == 404 and "changed since it was indexed" in refused.text


def test_an_email_whose_attachment_is_above_the_readers_clearance_is_not_served_whole(
    tmp_path: Path, real_embedder
) -> None:
    mail = EmailMessage()
    mail["From"] = "Alan Smith <alan.smith@example.gov.uk>"
    mail["To"] = "Jane Doe <jane.doe@example.gov.uk>"
    mail["Date"] = "Tue, 12 Mar 2024 09:00:00 +0000"
    mail["Subject"] = "Papers for Thursday"
    mail.set_content("Dear Jane,\n\nThe papers for Thursday's meeting are attached.\n\nAlan\n")
    annex = "SECRET\n\nDear Jane,\n\nThe vault code is 9931, key in room 4.\n\nAlan\n"
    mail.add_attachment(annex.encode(), maintype="text", subtype="plain", filename="annex.txt")
    _, officer, admin = _world(tmp_path, real_embedder, {"papers.eml": bytes(mail)})
    email_id = _ids(officer, "papers.eml")["Papers for Thursday"]
    assert len(_ids(admin, "papers.eml")) == 2 and len(_ids(officer, "papers.eml")) == 1
    refused = officer.get(f"/letters/{email_id}/original")
    assert refused.status_code == 404 and b"9931" not in refused.content
    whole = admin.get(f"/letters/{email_id}/original")
    assert whole.status_code == 200 and b"annex.txt" in whole.content  # cleared for both: the whole email
