"""OCR of one PDF page: poppler's `pdftoppm` renders it, Tesseract reads the image.

Both are Debian packages (`apt-get install tesseract-ocr poppler-utils`); without them a scanned
page cannot be read and the file is reported, never silently indexed as empty.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ingest.formats.document import ReadError

INSTALL_HINT = "install tesseract-ocr to read it"
# Render at most this many pixels along a page's longer side: 300 dpi for an A4 letter, less for a
# poster-sized page, so one enormous page cannot take gigabytes of memory.
MAX_SIDE_PX = 3600
BEST_DPI = 300
MIN_DPI = 20


def available() -> bool:
    return shutil.which("tesseract") is not None and shutil.which("pdftoppm") is not None


def dpi_for(width_pt: float, height_pt: float) -> int:
    """Resolution that renders a page of this size (in points) within MAX_SIDE_PX."""
    side_inches = max(width_pt, height_pt, 1.0) / 72
    return max(MIN_DPI, min(BEST_DPI, int(MAX_SIDE_PX / side_inches)))


def page_text(pdf: Path, page: int, *, dpi: int, language: str, timeout: float) -> str:
    """The text Tesseract reads on page `page` (1-based); ReadError with the tool's reason on failure."""
    # Tesseract's OpenMP threads would fight the other parse worker for the two cores.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory(prefix="letters-ocr-") as tmp:
        prefix = Path(tmp) / "page"
        render = ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-gray", "-png"]
        _run([*render, str(pdf), str(prefix)], timeout, "rendering the page for OCR", env)
        images = sorted(Path(tmp).glob("page*.png"))
        if not images:
            return ""
        out = _run(["tesseract", str(images[0]), "stdout", "-l", language], timeout, "OCR", env)
    return out.replace("\f", "").strip("\n")


def _run(cmd: list[str], timeout: float, doing: str, env: dict[str, str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise ReadError(f"timed out ({doing} took over {timeout:.0f}s)") from None
    except OSError as exc:
        raise ReadError(f"no text layer; {INSTALL_HINT} ({exc.strerror})") from exc
    if done.returncode != 0:
        err = done.stderr.decode("utf-8", "replace").strip().splitlines()
        last = err[-1] if err else f"exit status {done.returncode}"
        # Under the worker's memory limit a failed allocation aborts the C++ tools (SIGABRT).
        if done.returncode == -signal.SIGABRT or "alloc" in last.lower() or "memory" in last.lower():
            raise ReadError(f"out of memory ({doing}: {last})")
        raise ReadError(f"damaged: {doing} failed ({last})")
    return done.stdout.decode("utf-8", "replace")
