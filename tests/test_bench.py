"""The Enron benchmark script runs end to end on a handful of messages (the full run is not a test)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT, SHARED


@pytest.mark.slow
@pytest.mark.skipif(
    not (SHARED / "data" / "enron-mbox").exists(), reason="../shared/data is not beside the project"
)
def test_enron_benchmark_smoke_run_indexes_and_reports_duplicates() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "enron.py"), "--messages", "5"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    row = done.stdout.strip().splitlines()[-1].split("|")
    cells = [c.strip() for c in row[1:-1]]
    assert cells[0] == "smoke 5"
    messages, letters, duplicates, failed = (int(c.replace(",", "")) for c in cells[3:7])
    assert messages == 10 and failed == 0 and duplicates >= 1 and letters + duplicates == messages
