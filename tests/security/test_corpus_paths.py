"""`letters index` reads only the corpus's own files: symbolic links are reported, never followed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from index.embedding.fake import HashEmbedder
from index.generation import open_current
from index.settings import Settings
from ingest.changes import SYMLINK, file_hash
from ingest.pipeline import index_corpus
from ingest.report import IndexReport
from tests.conftest import LETTER_A, LETTER_B, write_corpus

OUTSIDE = "Dear Sir,\n\nThe root password is hunter2 and the vault code is 9931.\n\nYours,\n\nMallory\n"


def run(settings: Settings, corpus: Path) -> IndexReport:
    model = HashEmbedder()
    return index_corpus(settings, corpus, embedder=lambda: model)


def indexed_texts(settings: Settings) -> dict[str, str]:
    store = open_current(settings.data_dir).store
    return {lt.path: store.letter_text(lt.id) or "" for lt in store.letters()}


def failures(report: IndexReport) -> dict[str, str]:
    return {f.path: f.error for f in report.failed}


def test_links_to_files_outside_the_corpus_are_reported_and_not_read(
    settings: Settings, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": LETTER_A})
    outside = write_corpus(tmp_path / "outside", {"passwd.txt": OUTSIDE})
    (corpus / "passwd.txt").symlink_to(outside / "passwd.txt")
    (corpus / "etc.txt").symlink_to("/etc/passwd")
    run(settings, corpus)
    # The audit log lives in the data folder: a link to it must not make it a letter either.
    audit = settings.data_dir / "audit.jsonl"
    audit.write_text(json.dumps({"user": "adam", "action": "search", "query": "hunter2"}) + "\n")
    (corpus / "audit.txt").symlink_to(audit)
    report = run(settings, corpus)
    texts = indexed_texts(settings)
    assert sorted(texts) == ["a.txt"]
    assert not any("hunter2" in t or "root:" in t for t in texts.values())
    assert failures(report) == {"audit.txt": SYMLINK, "etc.txt": SYMLINK, "passwd.txt": SYMLINK}


def test_a_linked_folder_is_not_descended(settings: Settings, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": LETTER_A})
    outside = write_corpus(tmp_path / "outside", {"secret/plan.txt": OUTSIDE})
    (corpus / "shared").symlink_to(outside / "secret", target_is_directory=True)
    report = run(settings, corpus)
    assert sorted(indexed_texts(settings)) == ["a.txt"]
    assert failures(report) == {"shared": SYMLINK}


def test_a_link_inside_the_corpus_is_not_read_twice(settings: Settings, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": LETTER_A, "b.md": LETTER_B})
    (corpus / "copy-of-b.md").symlink_to(corpus / "b.md")
    report = run(settings, corpus)
    assert sorted(indexed_texts(settings)) == ["a.txt", "b.md"]
    assert failures(report) == {"copy-of-b.md": SYMLINK}


def test_a_letter_replaced_by_a_link_leaves_the_index(settings: Settings, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": LETTER_A, "b.md": LETTER_B})
    outside = write_corpus(tmp_path / "outside", {"passwd.txt": OUTSIDE})
    run(settings, corpus)
    (corpus / "b.md").unlink()
    (corpus / "b.md").symlink_to(outside / "passwd.txt")
    report = run(settings, corpus)
    assert sorted(indexed_texts(settings)) == ["a.txt"]
    assert report.deleted == ["b.md"] and failures(report) == {"b.md": SYMLINK}


def test_a_linked_sidecar_is_not_read(settings: Settings, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": LETTER_A})
    outside = write_corpus(tmp_path / "outside", {"x.json": json.dumps({"title": "hunter2"})})
    (corpus / "a.meta.json").symlink_to(outside / "x.json")
    report = run(settings, corpus)
    assert "a.txt" in failures(report) and "symbolic link" in failures(report)["a.txt"]
    assert "hunter2" not in json.dumps([lt.title for lt in open_current(settings.data_dir).store.letters()])


def test_hashing_does_not_follow_a_file_swapped_for_a_link(tmp_path: Path) -> None:
    target = write_corpus(tmp_path / "outside", {"passwd.txt": OUTSIDE}) / "passwd.txt"
    link = tmp_path / "letter.txt"
    link.symlink_to(target)
    try:
        file_hash(link)
    except OSError as exc:
        assert exc.errno is not None and exc.errno in (getattr(os, "ELOOP", 40), 40)
    else:
        raise AssertionError("file_hash read through a symbolic link")
