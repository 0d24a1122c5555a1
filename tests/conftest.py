"""Shared fixtures: tiny corpora written in tmp_path, a fake embedder for bookkeeping, the real model."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from index.embedding.base import Embedder
from index.embedding.factory import load_embedder
from index.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


def pdf_bytes(pages: Sequence[Sequence[str]]) -> bytes:
    """A minimal valid PDF with one text line per list entry (Helvetica), one list per page."""
    objects: list[bytes] = []
    n_pages = len(pages)
    font_id = 3 + 2 * n_pages
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 760 Td"]
        for line in lines:
            safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({safe}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


LETTER_A = """Children's Services
Town Hall, Exampleton EX1 2AB

Our ref: CS/2024/17

Ms Jane Doe
Director of Education
Exampleton Borough Council

12th March 2024

Dear Ms Doe,

Thank you for your letter about school transport for pupils with special needs.

We propose the following changes to the transport policy:

- a new eligibility review every term
- travel training for older pupils
- a named contact for each family

Please let me know if you have any questions about the budget.

Yours sincerely,

Alan Smith
Head of Transport
"""

LETTER_B = """Dear Mr Brown,

The library refurbishment will finish in the autumn and the reading room reopens in October.

Yours faithfully,

Carol White
Library Manager
"""


def write_corpus(folder: Path, letters: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in letters.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus", {"a.txt": LETTER_A, "b.md": LETTER_B})


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus", model="hash-test")


@pytest.fixture(scope="session")
def real_embedder() -> Embedder:
    """The bundled all-MiniLM-L6-v2 on the default backend (ONNX Runtime), loaded once per session.

    Its export is cached where `letters` keeps it (`model_cache_dir`), so the CLI run by other tests
    in subprocesses finds it too.
    """
    return load_embedder(Settings())


@pytest.fixture(scope="session")
def real_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the customer's two letters, so tests may add files beside them."""
    folder = tmp_path_factory.mktemp("real") / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder
