"""The OpenAPI document is exact: schemathesis, with its default checks, finds no difference between
what the document declares and what the server answers (status codes, content types, bodies)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from index.embedding.base import Embedder
from tests.fixtures import indexed_world
from tests.live_server import LiveServer
from web.app import create_app

# Enough examples per operation to hit every documented error, few enough for 2 cores (~1 min).
EXAMPLES = 25


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder):
    settings = indexed_world(tmp_path_factory.mktemp("openapi"), real_embedder)
    with LiveServer(create_app(settings, embedder=real_embedder)) as live:
        yield live


def test_schemathesis_finds_no_failure_against_the_running_server(server, tmp_path: Path) -> None:
    schemathesis = Path(sys.executable).with_name("schemathesis")
    done = subprocess.run(
        [
            str(schemathesis),
            "run",
            f"{server.url}/openapi.json",
            "--max-examples",
            str(EXAMPLES),
            "--seed",
            "1916",
            "--workers",
            "1",
            "--request-timeout",
            "60",
            "--report-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "No issues found" in done.stdout or "passed" in done.stdout.lower(), done.stdout[-3000:]
