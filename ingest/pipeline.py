"""One `letters index` run: hash every file, decide added/changed/unchanged/deleted/failed, publish."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from index.embedder import Embedder
from index.generation import Builder, IndexLock, Manifest, check_compatible, current_folder
from index.records import Letter, Segment
from index.settings import Settings
from index.store import Store
from ingest.chunks import text_hash, windows
from ingest.letter import extract_meta
from ingest.readers import ReadError, read_document, supported
from ingest.report import Duplicate, Failure, IndexReport
from ingest.segments import segment
from ingest.sidecar import SidecarError, apply_sidecar, is_sidecar, sidecar_path

# Part of every file's fingerprint: bump it when parsing changes, and every letter is parsed again
# on the next run (vectors of unchanged passage text are still reused).
PARSER_VERSION = "1"


class Progress(Protocol):
    def __call__(self, stage: str, done: int, total: int) -> None: ...


@dataclass(frozen=True)
class SourceFile:
    path: Path
    rel: str
    sha256: str
    fingerprint: str


@dataclass(frozen=True)
class Parsed:
    source: SourceFile
    letter: Letter
    text: str
    segments: list[Segment]


def letter_id(rel: str) -> str:
    """Stable across re-indexing: a changed letter keeps its id (and so its links)."""
    return hashlib.sha1(rel.encode("utf-8")).hexdigest()[:16]


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


def parse(source: SourceFile, settings: Settings) -> Parsed:
    """File → letter and passages, or ReadError/SidecarError with the reason."""
    document = read_document(source.path, max_bytes=int(settings.max_file_mb * 1_000_000))
    segments = segment(document.text, document.page_starts)
    if not segments:
        raise ReadError("no text to index")
    meta = extract_meta(document.text, segments, fallback_title=source.path.stem)
    meta = apply_sidecar(meta, sidecar_path(source.path))
    letter = Letter.from_meta(
        meta,
        id=letter_id(source.rel),
        path=source.rel,
        sha256=source.sha256,
        source_kind=document.source_kind,
        pages=document.pages,
    )
    return Parsed(source=source, letter=letter, text=document.text, segments=segments)


def _batched(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def index_corpus(
    settings: Settings,
    corpus: Path,
    *,
    embedder: Callable[[], Embedder],
    rebuild: bool = False,
    progress: Progress | None = None,
) -> IndexReport:
    """Bring the index in `settings.data_dir` in line with `corpus`; the model loads only if needed."""
    report = IndexReport()
    tick = progress or (lambda stage, done, total: None)
    started = time.perf_counter()
    data_dir = settings.data_dir
    pset = settings.passage_settings()

    with IndexLock(data_dir, wait=settings.lock_wait):
        current = None if rebuild else current_folder(data_dir)
        known: dict[str, tuple[str, str, str]] = {}
        manifest: Manifest | None = None
        if current is not None:
            manifest = Manifest.read(current)
            check_compatible(manifest, model=settings.model, passage_settings=pset, where=data_dir)
            with Store(current / "letters.db", readonly=True) as old:
                known = old.fingerprints()

        # 1. Hash every file and sort it into added / changed / unchanged / duplicate.
        paths = list(scan(corpus))
        to_parse: list[SourceFile] = []
        by_content: dict[str, str] = {}
        # Already-indexed files claim their content first, so a new copy is the duplicate.
        seen = [p for p in paths if p.relative_to(corpus).as_posix() in known] + [
            p for p in paths if p.relative_to(corpus).as_posix() not in known
        ]
        present: set[str] = set()
        for i, path in enumerate(seen, start=1):
            tick("hashing", i, len(seen))
            rel = path.relative_to(corpus).as_posix()
            if not supported(path):
                report.failed.append(Failure(rel, f"unsupported type '{path.suffix or path.name}'"))
                present.add(rel)  # keep nothing stale, but an unsupported file was never indexed
                continue
            try:
                sha = file_hash(path)
                source = SourceFile(path, rel, sha, fingerprint(path, sha))
            except OSError as exc:
                report.failed.append(Failure(rel, f"cannot read ({exc.strerror or exc})"))
                present.add(rel)
                continue
            if sha in by_content:
                report.duplicates.append(Duplicate(rel, by_content[sha]))
                continue
            by_content[sha] = rel
            present.add(rel)
            if rel in known and known[rel][0] == source.fingerprint:
                report.unchanged.append(rel)
            else:
                to_parse.append(source)
        gone = sorted(rel for rel in known if rel not in present)
        report.timings["scan"] = time.perf_counter() - started

        if current is not None and not to_parse and not gone:
            letters_n, passages_n = manifest.letters, manifest.passages  # type: ignore[union-attr]
            report.letters, report.passages, report.generation = letters_n, passages_n, current.name
            report.timings["total"] = time.perf_counter() - started
            return report

        # 2. Parse what is new or changed; a file that fails keeps its previous version indexed.
        parsed: list[Parsed] = []
        t0 = time.perf_counter()
        for i, source in enumerate(to_parse, start=1):
            tick("parsing", i, len(to_parse))
            try:
                parsed.append(parse(source, settings))
            except (ReadError, SidecarError) as exc:
                report.failed.append(Failure(source.rel, str(exc)))
            except Exception as exc:  # a parser bug on one odd file must not stop the run
                report.failed.append(
                    Failure(source.rel, f"could not be parsed ({type(exc).__name__}: {exc})")
                )
        report.timings["parse"] = time.perf_counter() - t0

        # 3. Write the next generation beside the current one.
        builder = Builder(data_dir, fresh=current is None)
        try:
            store = builder.store
            for rel in gone:
                store.delete_letter(known[rel][2])
                report.deleted.append(rel)
            chunk_texts: dict[str, str] = {}
            for item in parsed:
                rel = item.source.rel
                if rel in known:
                    store.delete_letter(known[rel][2])
                    report.changed.append(rel)
                else:
                    report.added.append(rel)
                store.add_letter(item.letter, item.text, item.source.fingerprint)
                for seg in item.segments:
                    text = item.text[seg.start : seg.end]
                    pid = store.add_passage(
                        item.letter, seg.kind, seg.paragraph, seg.page, seg.start, seg.end, text
                    )
                    parts = windows(text, settings.chunk_tokens, settings.chunk_overlap)
                    hashes = [text_hash(p) for p in parts]
                    chunk_texts.update(zip(hashes, parts, strict=True))
                    store.add_chunks(pid, hashes)

            # 4. Embed only text never embedded before.
            t0 = time.perf_counter()
            missing = sorted(set(chunk_texts) - store.known_hashes(chunk_texts))
            dimension = manifest.dimension if manifest else 0
            if missing or not dimension:
                model = embedder()
                dimension = model.dimension
                batch = settings.batch_size * 8
                for i, hashes in enumerate(_batched(missing, batch), start=1):
                    tick("embedding", min(i * batch, len(missing)), len(missing))
                    vecs: np.ndarray = model.embed([chunk_texts[h] for h in hashes])
                    store.add_embeddings(zip(hashes, vecs, strict=True))
            report.embedded = len(missing)
            store.prune_embeddings()
            report.timings["embed"] = time.perf_counter() - t0

            t0 = time.perf_counter()
            published = builder.publish(
                model=settings.model,
                dimension=dimension,
                passage_settings=pset,
                keep=settings.keep_generations,
                corpus_dir=corpus,
            )
            report.timings["publish"] = time.perf_counter() - t0
        except BaseException:
            builder.abandon()
            raise
        report.letters, report.passages = published.letters, published.passages
        report.generation = f"gen-{published.generation:06d}"
        report.timings["total"] = time.perf_counter() - started
        return report
