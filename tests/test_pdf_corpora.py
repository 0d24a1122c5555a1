"""Scanned and broken PDFs: OCR where there is no text layer, and `letters index` over every shared
PDF corpus (encrypted, damaged, fuzzed, scanned, a 35000×35000 image) with no crash and no hang."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.citing import portable_reference
from index.embedding.fake import HashEmbedder
from index.generation import open_current
from index.records import to_json
from ingest.formats import ocr
from ingest.formats.document import ReadError, ReadOptions
from ingest.formats.registry import read_documents
from ingest.pipeline import index_corpus
from tests.conftest import SHARED

DATA = SHARED / "data"
OCRMYPDF = DATA / "pdf-ocrmypdf-resources"
LETTERS = Path(sys.executable).with_name("letters")
# Every reason a file may fail for, as the report's one line starts.
REASONS = ("damaged", "encrypted", "no text", "too large", "timed out", "unsupported type", "out of memory")

needs_data = pytest.mark.skipif(not OCRMYPDF.exists(), reason="../shared/data is not beside the project")
# In CI the OCR tests always run (make test installs Tesseract there); elsewhere they may skip.
needs_ocr = pytest.mark.skipif(
    not ocr.available() and not os.environ.get("CI"),
    reason="tesseract-ocr and poppler-utils are not installed",
)


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", text.lower()))


@needs_data
@needs_ocr
def test_a_scanned_page_is_read_by_ocr_close_to_its_ground_truth() -> None:
    doc = read_documents(OCRMYPDF / "linn.pdf", ReadOptions(max_bytes=10**8))[0]
    assert doc.ocr_pages == frozenset({1})
    truth = words((OCRMYPDF / "linn.txt").read_text(encoding="utf-8"))
    assert len(truth & words(doc.text)) / len(truth) > 0.9


@needs_data
@needs_ocr
def test_ocr_passages_say_so_and_their_citations_show_it(settings, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(OCRMYPDF / "linn.pdf", corpus / "scan.pdf")
    (corpus / "typed.txt").write_text("Dear Sir,\n\nThe sequencer arrived today.\n\nYours faithfully,\nAnn\n")
    report = index_corpus(settings, corpus, embedder=HashEmbedder)
    assert report.ok and report.ocr == ["scan.pdf"]
    store = open_current(settings.data_dir).store
    by_path = {lt.path: lt for lt in store.letters()}
    scanned = store.letter_passages(by_path["scan.pdf"].id)
    assert scanned and all(p.ocr for p in scanned) and to_json(scanned[0])["ocr"] is True
    assert not any(p.ocr for p in store.letter_passages(by_path["typed.txt"].id))
    p = scanned[0]
    reference = portable_reference(
        by_path["scan.pdf"], page=p.page, paragraph=p.paragraph, kind=p.kind, ocr=p.ocr
    )
    assert reference.endswith("(OCR)")


@needs_data
def test_without_tesseract_a_scan_is_reported_with_what_to_install(monkeypatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(ReadError, match=r"^no text layer; install tesseract-ocr to read it$"):
        read_documents(OCRMYPDF / "linn.pdf", ReadOptions(max_bytes=10**8))


@pytest.mark.slow
@pytest.mark.skipif(
    not (DATA / "pdf-qpdf-damaged").exists(), reason="../shared/data is not beside the project"
)
def test_letters_index_over_every_shared_pdf_corpus_reads_or_reports_every_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for folder in sorted(DATA.glob("pdf-*")):
        shutil.copytree(folder, corpus / folder.name)
    files = {p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file()}
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    started = time.monotonic()
    done = subprocess.run(
        [str(LETTERS), "index", str(corpus), "--data-dir", str(tmp_path / "data"), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    seconds = time.monotonic() - started
    assert done.returncode == 1, done.stderr  # some files failed; none stopped the run
    report = json.loads(done.stdout)
    failed = {f["path"]: f["error"] for f in report["failed"]}
    duplicates = {d["path"] for d in report["duplicates"]}
    assert set(report["added"]) | set(failed) | duplicates == files  # every file is accounted for
    assert not set(report["added"]) & set(failed)
    odd = {path: why for path, why in failed.items() if not why.startswith(REASONS)}
    assert not odd, odd
    assert all("\n" not in why for why in failed.values())
    assert report["letters"] == len(report["added"])
    assert "pdf-pypdf-resources/crazyones.pdf" in report["added"]
    assert failed["pdf-pypdf-resources/encryption/r4-aes-user-password.pdf"].startswith("encrypted")
    assert failed["pdf-qpdf-damaged/issue-100.pdf"].startswith("damaged")
    big = "pdf-ocrmypdf-resources/hugemono.pdf"  # the 35000×35000 image
    assert big in report["added"] or failed[big].startswith(REASONS)
    if ocr.available():
        assert "pdf-ocrmypdf-resources/linn.pdf" in report["ocr"]
    pdfs = [f for f in files if f.endswith(".pdf")]
    print(
        f"\n{len(pdfs)} PDFs: {sum(f in report['added'] for f in pdfs)} indexed, "
        f"{sum(f in failed for f in pdfs)} failed, {sum(f in duplicates for f in pdfs)} duplicates, "
        f"{len(report['ocr'])} OCR'd, {seconds:.0f}s"
    )
