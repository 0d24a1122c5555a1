"""What decides "changed": every file of the corpus, its content hash and its fingerprint."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ingest.sidecar import is_sidecar, sidecar_path

# Part of every file's fingerprint: bump it when parsing changes, and every letter is parsed again
# on the next run (vectors of unchanged passage text are still reused).
PARSER_VERSION = "4"


@dataclass(frozen=True)
class SourceFile:
    path: Path
    rel: str  # relative to the corpus folder, with "/"
    sha256: str  # of the file's bytes
    fingerprint: str  # bytes + sidecar + parser version


def scan(corpus: Path) -> Iterator[Path]:
    """Every file under the corpus except hidden ones and sidecars, in a stable order."""
    for path in sorted(corpus.rglob("*")):
        rel = path.relative_to(corpus)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file() or is_sidecar(path):
            continue
        yield path


def fingerprint(path: Path, data_hash: str) -> str:
    digest = hashlib.sha256(f"{PARSER_VERSION}:{data_hash}".encode())
    side = sidecar_path(path)
    if side.exists():
        digest.update(side.read_bytes())
    return digest.hexdigest()


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
