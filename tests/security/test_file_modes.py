"""Everything Letters writes under the data folder is its owner's alone: files 0600, folders 0700."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from index.audit import Audit
from index.embedding.fake import HashEmbedder
from index.settings import Settings
from ingest.pipeline import index_corpus
from tests.conftest import LETTER_A, LETTER_B, write_corpus
from web.users import Users


@pytest.fixture
def open_umask() -> Iterator[None]:
    """A umask that hides nothing, so only explicit modes can keep the files private."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def readable_by_others(folder: Path) -> list[str]:
    found = []
    for root, dirs, files in os.walk(folder):
        for name in [*dirs, *files]:
            path = Path(root) / name
            mode = stat.S_IMODE(path.lstat().st_mode)
            if mode & 0o077:
                found.append(f"{path.relative_to(folder)} {mode:o}")
    if stat.S_IMODE(folder.stat().st_mode) & 0o077:
        found.append(f". {stat.S_IMODE(folder.stat().st_mode):o}")
    return found


def test_index_users_and_audit_files_are_private(
    open_umask: None, settings: Settings, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": LETTER_A})
    model = HashEmbedder()
    index_corpus(settings, corpus, embedder=lambda: model)
    write_corpus(corpus, {"b.md": LETTER_B})
    index_corpus(settings, corpus, embedder=lambda: model)  # a second generation, copied from the first
    added = CliRunner().invoke(
        cli,
        ["users", "add", "olive", "--role", "officer", "--clearance", "OFFICIAL", "--password-stdin"],
        input="correct horse battery\n",
        env={"LETTERS_DATA_DIR": str(settings.data_dir)},
    )
    assert added.exit_code == 0, added.output
    Audit(settings.audit_path()).record("olive", "sign-in")
    names = {p.name for p in settings.data_dir.rglob("*")}
    assert {"letters.db", "vectors.faiss", "manifest.json", "CURRENT", "users.db", "audit.jsonl"} <= names
    assert readable_by_others(settings.data_dir) == []


def test_files_written_world_readable_before_are_narrowed(open_umask: None, settings: Settings) -> None:
    private = Users(settings.users_path(), settings.levels())
    private.add("olive", "officer", "OFFICIAL", "correct horse battery")
    Audit(settings.audit_path()).record("olive", "sign-in")
    for path in (settings.users_path(), settings.audit_path()):
        path.chmod(0o644)  # as the previous release left them
    Users(settings.users_path(), settings.levels())
    Audit(settings.audit_path())
    assert [stat.S_IMODE(p.stat().st_mode) for p in (settings.users_path(), settings.audit_path())] == [
        0o600,
        0o600,
    ]
