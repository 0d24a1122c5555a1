"""Files only the account running Letters may read: the index, users and audit log hold letter text,
password hashes and who asked what. Files are created 0600 and the folders Letters creates 0700,
by explicit modes rather than a process umask, so a library call or a test runner cannot widen them."""

from __future__ import annotations

import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700


def private_folder(path: Path) -> Path:
    """`path` as a folder; created 0700 when missing (an existing folder is the admin's to set)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.mkdir(mode=FOLDER_MODE, exist_ok=True)
    return path


def private_file(path: Path) -> Path:
    """`path` as a file only its owner may read or write: created 0600 (empty) if missing, and an
    existing one of ours narrowed to 0600 (an index written before this release was 0644)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), FILE_MODE)
    try:
        if os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
    return path


def open_private(path: Path, flags: int) -> int:
    """os.open of a file created 0600 (O_CREAT is added), e.g. an append-only log or a temp file."""
    return os.open(path, flags | os.O_CREAT, FILE_MODE)


def narrow_tree(folder: Path) -> None:
    """Everything under `folder` (written by a library with its own modes, e.g. Tantivy) made private."""
    for path in [folder, *folder.rglob("*")]:
        if path.is_symlink():
            continue
        wanted = FOLDER_MODE if path.is_dir() else FILE_MODE
        if path.stat().st_mode & 0o777 != wanted:
            path.chmod(wanted)
