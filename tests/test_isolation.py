"""Parsing in isolation: a file that hangs, eats memory or crashes its reader costs only itself."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from index.embedding.fake import HashEmbedder
from ingest.formats import ocr
from ingest.isolation import IsolatedRunner, Limits, Lost
from ingest.pipeline import index_corpus
from tests.conftest import LETTER_A, SHARED, write_corpus
from tests.isolation_jobs import echo, misbehave

OCRMYPDF = SHARED / "data" / "pdf-ocrmypdf-resources"


def run(jobs: list[str], func=misbehave, timeout: float = 5.0) -> dict[str, str | Lost]:
    runner = IsolatedRunner(func, workers=2, limits=Limits(timeout=timeout, memory_mb=512))
    return dict(runner.run(jobs))


def test_every_job_comes_back_in_worker_processes() -> None:
    assert run(["a", "b", "c"], func=echo) == {"a": "A", "b": "B", "c": "C"}


def test_a_hanging_job_is_killed_and_the_others_finish() -> None:
    started = time.monotonic()
    results = run(["a", "hang", "b", "c"], timeout=3)
    assert time.monotonic() - started < 30
    assert isinstance(results["hang"], Lost) and results["hang"].reason.startswith("timed out")
    assert (results["a"], results["b"], results["c"]) == ("A", "B", "C")


def test_the_time_limit_counts_reading_not_the_workers_start_up() -> None:
    # Each fresh worker spends 2 s importing the job's module, past the 1 s limit; reading is instant.
    from tests.isolation_slow_start import quick

    assert run(["a", "b", "c"], func=quick, timeout=1.0) == {"a": "A", "b": "B", "c": "C"}


def test_a_job_past_the_memory_limit_is_reported_out_of_memory() -> None:
    results = run(["hog", "a"])
    assert isinstance(results["hog"], Lost) and results["hog"].reason.startswith("out of memory")
    assert results["a"] == "A"


def test_a_crashed_worker_is_replaced() -> None:
    results = run(["crash", "a", "b"])
    assert isinstance(results["crash"], Lost) and "crashed (SIGSEGV)" in results["crash"].reason
    assert (results["a"], results["b"]) == ("A", "B")


# Without Tesseract the scanned pages are not read, so the file is quick (`make test` installs it).
@pytest.mark.skipif(not ocr.available() and not os.environ.get("CI"), reason="tesseract-ocr is not installed")
def test_a_file_over_the_time_limit_is_reported_and_the_rest_indexed(settings, tmp_path: Path) -> None:
    # OCR of five scanned pages takes far longer than the three seconds allowed here.
    pdf = (OCRMYPDF / "multipage.pdf").read_bytes()
    corpus = write_corpus(tmp_path / "corpus", {"good.txt": LETTER_A, "slow.pdf": pdf})
    report = index_corpus(settings.model_copy(update={"parse_timeout": 3.0}), corpus, embedder=HashEmbedder)
    assert report.added == ["good.txt"]
    assert [(f.path, f.error.split(" (")[0]) for f in report.failed] == [("slow.pdf", "timed out")]
