"""An install from the wheel serves pages with their CSS and scripts (the templates travel with it)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT

SERVE_FROM_WHEEL = """
import sys, web
from fastapi.testclient import TestClient
from index.embedding.fake import HashEmbedder
from index.settings import Settings
from web.app import create_app
assert web.__file__.startswith(sys.argv[1]), web.__file__  # the wheel's copy, not the work tree's
settings = Settings(data_dir=sys.argv[2], model="hash-test")
with TestClient(create_app(settings, embedder=HashEmbedder()), base_url="http://127.0.0.1") as client:
    page = client.get("/")
    css = client.get("/static/app.css")
    js = client.get("/static/app.js")
print(page.status_code, css.status_code, js.status_code, "stylesheet" in page.text)
"""


def test_the_wheel_carries_templates_and_static_files_and_serves_pages(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("letters-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert (
        "web/templates/base.html" in names and "web/static/app.css" in names and "web/static/app.js" in names
    )
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # The wheel's packages first on the path, run from elsewhere, so the work tree cannot stand in.
    done = subprocess.run(
        [sys.executable, "-c", SERVE_FROM_WHEEL, str(site), str(tmp_path / "data")],
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["503", "200", "200", "True"]  # no index yet, but a styled page
