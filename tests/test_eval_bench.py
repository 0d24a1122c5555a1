"""The answer benchmarks run end to end on a few Enron messages and letters (full runs are not tests)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED


def run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=ROOT, timeout=900, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def rows(text: str) -> dict[str, list[str]]:
    """First cell → the row's cells, for every row of the Markdown table in `text`."""
    lines = [x for x in text.splitlines() if x.startswith("|") and not x.startswith("|---")]
    return {cells[0]: cells for cells in ([c.strip() for c in x.split("|")[1:-1]] for x in lines[1:])}


@pytest.mark.slow
@pytest.mark.skipif(
    not (SHARED / "data" / "enron-mbox").exists(), reason="../shared/data is not beside the project"
)
def test_answer_benchmark_smoke_run_scores_enron_questions_on_a_few_messages(tmp_path: Path) -> None:
    out = run("bench.answers", "--messages", "12", "--parts", "dev,bundled", "--work", str(tmp_path))
    table = rows(out)
    assert set(table) == {"dev", "bundled"}
    questions, answerable = int(table["dev"][1]), int(table["dev"][2])
    assert questions > answerable >= 1  # questions on the kept messages, and some no email answers
    assert table["dev"][7] == table["bundled"][7] == "100%"  # every cited quote is the letter's text
    assert float(table["bundled"][4]) >= 0.9


@pytest.mark.slow
@pytest.mark.skipif(
    not (SHARED / "data" / "beir-scifact").exists(), reason="../shared/data is not beside the project"
)
def test_ask_speed_smoke_run_times_answers_before_and_after_stored_units(tmp_path: Path) -> None:
    out = run("bench.ask_speed", "--letters", "60", "--questions", "3", "--work", str(tmp_path))
    table = rows(out)
    before = next(v for k, v in table.items() if k.startswith("before"))
    # Round 2's evidence and today's (12 passages and the best letters' other paragraphs).
    only_question = [v for k, v in table.items() if k.startswith("only the question")]
    assert int(before[1]) == 60 and len(only_question) == 2
    for after in only_question:
        assert int(after[3]) == 3
        assert float(after[4]) < float(before[4])  # the answer that embeds only its question is faster
