"""Index generations: each build is written beside the current one and made current by one rename.

Layout of the data directory:
    CURRENT                  name of the current generation (replaced atomically)
    index.lock               held by the one `letters index` run allowed at a time
    generations/gen-000007/  manifest.json, letters.db, vectors.faiss, keywords/ (tantivy)
    generations/.building-000008/   an unfinished build; removed by the next run
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import faiss
from filelock import FileLock, Timeout

from index import vectors
from index.keyword.base import KeywordIndex, keyword_docs
from index.keyword.factory import keyword_engine
from index.private import FILE_MODE, FOLDER_MODE, narrow_tree, open_private, private_file, private_folder
from index.records import SearchFilters
from index.settings import Settings
from index.store import Store

FORMAT_VERSION = 1
CURRENT = "CURRENT"
DB_NAME = "letters.db"
FAISS_NAME = "vectors.faiss"
SUBSETS_KEPT = 16  # distinct filters whose allowed passages a generation keeps (clearances, mostly)
MANIFEST_NAME = "manifest.json"


class IndexProblem(Exception):
    """Base of the index errors people see; messages say what to do next."""


class IndexMissing(IndexProblem):
    pass


class IndexMismatch(IndexProblem):
    pass


class IndexBusy(IndexProblem):
    pass


@dataclass(frozen=True)
class Manifest:
    format_version: int
    model: str
    dimension: int
    passage_settings: dict[str, Any]
    built_at: str
    generation: int
    letters: int
    passages: int
    vectors: int
    corpus_dir: str = ""  # absolute folder the letters' paths are relative to (for the original files)
    keyword_engine: str = "fts5"  # which engine holds the keywords (indexes from before it: FTS5)
    vector_index: str = "flat"  # FAISS: "flat" (every vector, float16) or "ivf" (vector_lists, probes)
    vector_lists: int = 0
    vector_probes: int = 0

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        return cls(**json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8")))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with os.fdopen(open_private(tmp, os.O_WRONLY | os.O_TRUNC), "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def current_folder(data_dir: Path) -> Path | None:
    pointer = data_dir / CURRENT
    if not pointer.exists():
        return None
    folder = data_dir / "generations" / pointer.read_text(encoding="utf-8").strip()
    return folder if (folder / MANIFEST_NAME).exists() else None


def check_compatible(manifest: Manifest, settings: Settings) -> None:
    """An index is only usable with the model and passage settings that built it."""
    model, passage_settings, where = settings.model, settings.passage_settings(), settings.data_dir
    if manifest.format_version != FORMAT_VERSION:
        raise IndexMismatch(
            f"the index in {where} has format version {manifest.format_version}, this Letters reads "
            f"version {FORMAT_VERSION}; run `letters index --rebuild`"
        )
    if manifest.model != model:
        raise IndexMismatch(
            f"the index in {where} was built with model '{manifest.model}' but the settings name "
            f"'{model}'; run `letters index --rebuild` to rebuild it with the new model"
        )
    if manifest.passage_settings != passage_settings:
        raise IndexMismatch(
            f"the index in {where} was built with passage settings {manifest.passage_settings}, "
            f"now {passage_settings}; run `letters index --rebuild`"
        )


class Generation:
    """A complete generation opened read-only: manifest, SQLite store and FAISS index."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.manifest = Manifest.read(folder)
        self.store = Store(folder / DB_NAME, readonly=True)
        self.vectors: faiss.Index = vectors.load(folder / FAISS_NAME, self.manifest.vector_probes)
        # The engine that built this generation reads it, whatever the settings say now.
        self.keywords: KeywordIndex = keyword_engine(self.manifest.keyword_engine).open(folder, self.store)
        # A generation never changes, so what a filter allows is computed once per filter: every
        # web search of a reader not cleared for everything carries the same clearance filter,
        # and at 100,000 passages listing and hashing the ids cost more than the search itself.
        self._subsets: OrderedDict[SearchFilters, vectors.Subset] = OrderedDict()
        self._subsets_lock = threading.Lock()
        self._markings: list[str | None] | None = None

    @property
    def name(self) -> str:
        return self.folder.name

    def markings(self) -> list[str | None]:
        """Every distinct marking of its letters (None for unmarked)."""
        if self._markings is None:
            self._markings = self.store.markings()
        return self._markings

    def subset(self, filters: SearchFilters) -> vectors.Subset:
        """The passages `filters` allows, cached (the last SUBSETS_KEPT distinct filters)."""
        with self._subsets_lock:
            found = self._subsets.get(filters)
            if found is not None:
                self._subsets.move_to_end(filters)
                return found
        found = vectors.Subset(self.store.passage_ids(filters))
        with self._subsets_lock:
            self._subsets[filters] = found
            while len(self._subsets) > SUBSETS_KEPT:
                self._subsets.popitem(last=False)
        return found

    def close(self) -> None:
        self.keywords.close()
        self.store.close()


def open_current(data_dir: Path) -> Generation:
    folder = current_folder(data_dir)
    if folder is None:
        raise IndexMissing(f"there is no index in {data_dir} yet; run `letters index` first")
    return Generation(folder)


def open_checked(settings: Settings) -> Generation:
    """The current generation, checked against the settings (IndexMissing / IndexMismatch if not usable)."""
    generation = open_current(settings.data_dir)
    try:
        check_compatible(generation.manifest, settings)
    except IndexMismatch:
        generation.close()
        raise
    return generation


class CurrentIndex:
    """The current generation for a long-running reader (the web app), following `letters index`.

    Each `get()` reads the small CURRENT pointer; when a run has published a new generation it is
    opened and used from then on. Requests already holding the old generation finish on it: its
    folder is kept (see `keep_generations`) and its open files stay readable.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lock = threading.Lock()
        self._generation: Generation | None = None

    def get(self) -> Generation:
        folder = current_folder(self.data_dir)
        current = self._generation
        if folder is None:
            if current is not None:
                return current
            raise IndexMissing(f"there is no index in {self.data_dir} yet; run `letters index` first")
        if current is not None and current.folder == folder:
            return current
        with self._lock:
            if self._generation is None or self._generation.folder != folder:
                try:
                    self._generation = Generation(folder)
                except (OSError, sqlite3.Error, RuntimeError, ValueError):
                    # A generation pruned between the pointer read and the open: keep the one we have.
                    if self._generation is None:
                        raise
            return self._generation


class IndexLock:
    """One writer per data directory; the OS frees the lock if the holder is killed."""

    def __init__(self, data_dir: Path, *, wait: float) -> None:
        private_folder(data_dir)
        self.data_dir = data_dir
        self.wait = wait
        self._lock = FileLock(str(data_dir / "index.lock"), mode=FILE_MODE)
        self._owner = data_dir / "index.lock.owner"

    def __enter__(self) -> IndexLock:
        try:
            self._lock.acquire(timeout=self.wait)
        except Timeout:
            owner = self._owner.read_text(encoding="utf-8").strip() if self._owner.exists() else "?"
            raise IndexBusy(
                f"another `letters index` run ({owner}) is updating {self.data_dir}; wait for it to "
                "finish, or pass --wait SECONDS to queue behind it"
            ) from None
        with os.fdopen(open_private(self._owner, os.O_WRONLY | os.O_TRUNC), "w", encoding="utf-8") as fh:
            fh.write(f"pid {os.getpid()}")
        return self

    def __exit__(self, *exc: object) -> None:
        self._owner.unlink(missing_ok=True)
        self._lock.release()


class Builder:
    """Writes the next generation; `publish()` makes it current in one rename. Hold the lock."""

    def __init__(self, settings: Settings, *, fresh: bool) -> None:
        """A new generation in `settings.data_dir`, its keywords and vectors as the settings choose."""
        data_dir = settings.data_dir
        self.data_dir = data_dir
        self.keyword_engine = keyword_engine(settings.keyword_engine)
        self.vector_options = (settings.vector_index, settings.flat_max_vectors, settings.ivf_probes)
        self.root = private_folder(private_folder(data_dir) / "generations")
        self._remove_unfinished()
        base = None if fresh else current_folder(data_dir)
        self.base = base
        self.number = self._last_number() + 1
        self.folder = self.root / f".building-{self.number:06d}"
        self.folder.mkdir(mode=FOLDER_MODE)
        if base is not None:
            # SQLite's backup API copies a consistent snapshot even if a reader has it open.
            src = sqlite3.connect(f"file:{base / DB_NAME}?mode=ro", uri=True)
            dst = sqlite3.connect(private_file(self.folder / DB_NAME))
            with dst:
                src.backup(dst)
            src.close()
            dst.close()
        self.store = Store(self.folder / DB_NAME)

    def _last_number(self) -> int:
        numbers = [int(p.name.rsplit("-", 1)[1]) for p in self.root.iterdir() if p.name.startswith("gen-")]
        return max(numbers, default=0)

    def _remove_unfinished(self) -> None:
        # A run killed mid-build leaves a .building folder; nobody reads it, so it can go.
        for path in self.root.iterdir():
            if path.name.startswith(".building-"):
                shutil.rmtree(path, ignore_errors=True)

    def publish(
        self, *, model: str, dimension: int, passage_settings: dict[str, Any], keep: int, corpus_dir: Path
    ) -> Manifest:
        self.store.db.commit()
        self._write_keywords()
        self._vacuum_if_sparse()
        letters, passages = self.store.counts()
        index, choice = self._vectors(dimension)
        self.store.close()
        vectors.save(index, private_file(self.folder / FAISS_NAME))
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            model=model,
            dimension=dimension,
            passage_settings=passage_settings,
            built_at=datetime.now(UTC).isoformat(timespec="seconds"),
            generation=self.number,
            letters=letters,
            passages=passages,
            vectors=int(index.ntotal),
            corpus_dir=str(corpus_dir.resolve()),
            keyword_engine=self.keyword_engine.name,
            vector_index=choice.kind,
            vector_lists=choice.lists,
            vector_probes=choice.probes,
        )
        _write_atomic(self.folder / MANIFEST_NAME, json.dumps(manifest.to_dict(), indent=2))
        for name in (DB_NAME, FAISS_NAME):  # the keyword engine syncs its own files (finish())
            with open(self.folder / name, "rb") as fh:
                os.fsync(fh.fileno())
        final = self.root / f"gen-{self.number:06d}"
        os.rename(self.folder, final)
        _fsync_dir(self.root)
        _write_atomic(self.data_dir / CURRENT, final.name + "\n")
        self._prune(keep)
        return manifest

    def _vectors(self, dimension: int) -> tuple[faiss.Index, vectors.VectorIndexChoice]:
        """The FAISS index the settings choose; an IVF one is the previous one updated when it can be."""
        kind, flat_max, probes = self.vector_options
        count = self.store.db.execute("SELECT count(*) FROM chunks").fetchone()[0]
        choice = vectors.choose(kind, count, flat_max=flat_max, probes=probes)
        base = Manifest.read(self.base) if self.base is not None else None
        if (
            choice.kind == "ivf"
            and base is not None
            and base.vector_index == "ivf"
            and base.dimension == dimension
            and choice.lists / 2 <= base.vector_lists <= choice.lists * 2
        ):
            # Its trained lists still fit (within 2x of 2√n): remove and add instead of training again.
            lists = base.vector_lists
            choice = vectors.VectorIndexChoice("ivf", lists, vectors.probes_for(lists, probes))
            assert self.base is not None
            index = vectors.load(self.base / FAISS_NAME, choice.probes)
            updated = vectors.update(
                index, self.store, self.store.deleted_passages, self.store.added_passages
            )
            return updated, choice
        return vectors.build(self.store, dimension, choice), choice

    def _write_keywords(self) -> None:
        """The keyword index: the previous one plus this run's changes, or built afresh from SQLite."""
        engine = self.keyword_engine
        same = (
            self.base is not None
            and Manifest.read(self.base).keyword_engine == engine.name
            and engine.updatable(self.base)
        )
        writer = engine.builder(self.folder, self.store, self.base if same else None)
        if same:
            added = keyword_docs(self.store, self.store.added_passages)
            writer.apply(self.store.deleted_passages, added)
        else:
            writer.rebuild(keyword_docs(self.store))
        if engine.name != "fts5" and self.store.db.execute("SELECT 1 FROM passages_fts LIMIT 1").fetchone():
            # An index that had FTS5 keywords: they would go stale, so they go (a switch back rebuilds them).
            self.store.db.execute("DELETE FROM passages_fts")
        writer.finish()
        self.store.db.commit()
        narrow_tree(self.folder)  # the keyword engine writes its files with the umask's modes

    def _vacuum_if_sparse(self) -> None:
        # VACUUM rewrites the whole file (about a second per 50 MB here), which a run that changed
        # one letter should not pay; SQLite reuses free pages, so only reclaim them once deletions
        # have left a quarter of the file empty (BENCHMARKS.md, re-index; issue 7).
        db = self.store.db
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        free = db.execute("PRAGMA freelist_count").fetchone()[0]
        if free * 4 > pages:
            db.execute("VACUUM")

    def abandon(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _prune(self, keep: int) -> None:
        # Older generations stay a while so a reader that opened one just before the swap finishes.
        done = sorted(p for p in self.root.iterdir() if p.name.startswith("gen-"))
        for old in done[:-keep]:
            shutil.rmtree(old, ignore_errors=True)
