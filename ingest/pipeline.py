"""One `letters index` run: hash every file, decide added/changed/unchanged/deleted/failed, publish.

Change detection is per file (content hash + sidecar + parser version); a file holds one letter or,
for a mailbox, many. Each file is parsed in an isolated worker process (ingest.isolation), and a
message found again in another file or folder is indexed once and reported as a duplicate.
"""

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
from index.settings import Settings
from index.store import Store
from ingest.chunks import text_hash, windows
from ingest.document import ReadOptions
from ingest.isolation import IsolatedRunner, Limits, Lost
from ingest.parse import ParsedFile, ParseJob, letter_id, parse_file
from ingest.readers import supported
from ingest.report import Duplicate, Failure, IndexReport
from ingest.sidecar import is_sidecar, sidecar_path
from ingest.threads import thread_ids

__all__ = ["index_corpus", "letter_id"]

# Part of every file's fingerprint: bump it when parsing changes, and every letter is parsed again
# on the next run (vectors of unchanged passage text are still reused).
PARSER_VERSION = "2"


class Progress(Protocol):
    def __call__(self, stage: str, done: int, total: int) -> None: ...


@dataclass(frozen=True)
class SourceFile:
    path: Path
    rel: str
    sha256: str
    fingerprint: str


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


def read_options(settings: Settings) -> ReadOptions:
    return ReadOptions(
        max_bytes=int(settings.max_file_mb * 1_000_000),
        ocr=settings.ocr,
        ocr_language=settings.ocr_language,
        timeout=settings.parse_timeout,
    )


def parse_all(
    jobs: list[ParseJob], settings: Settings, tick: Progress
) -> Iterator[tuple[ParseJob, ParsedFile]]:
    """Each file parsed in an isolated worker (or in this process when `parse_workers` is 0)."""
    if settings.parse_workers == 0:
        for i, job in enumerate(jobs, start=1):
            tick("parsing", i, len(jobs))
            yield job, parse_file(job)
        return
    runner = IsolatedRunner(
        parse_file,
        workers=min(settings.parse_workers, len(jobs)),
        limits=Limits(timeout=settings.parse_timeout, memory_mb=settings.parse_memory_mb),
    )
    for i, (job, outcome) in enumerate(runner.run(jobs), start=1):
        tick("parsing", i, len(jobs))
        yield job, (ParsedFile(job.rel, error=outcome.reason) if isinstance(outcome, Lost) else outcome)


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
        known: dict[str, tuple[str, str]] = {}  # path → (fingerprint, sha256)
        known_keys: dict[str, tuple[str, str]] = {}  # dedup key → (path, label) of an indexed letter
        holders: dict[str, set[str]] = {}  # dedup key → files holding that message as a duplicate
        manifest: Manifest | None = None
        if current is not None:
            manifest = Manifest.read(current)
            check_compatible(manifest, model=settings.model, passage_settings=pset, where=data_dir)
            with Store(current / "letters.db", readonly=True) as old:
                if old.has_files():
                    known = old.files()
                    known_keys = old.dedup_keys()
                    holders = old.duplicate_holders()
                else:
                    # An index from before mailboxes (one letter per file, no files table): its
                    # tables cannot take the new columns in place, so build afresh, as --rebuild would.
                    report.notes.append(
                        f"the index in {data_dir} predates email support; rebuilt from scratch"
                    )
                    current, manifest = None, None

        # 1. Hash every file and sort it into added / changed / unchanged / duplicate.
        paths = list(scan(corpus))
        to_parse: list[SourceFile] = []
        unchanged: dict[str, SourceFile] = {}
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
                unchanged[rel] = source
            else:
                to_parse.append(source)
        gone = sorted(rel for rel in known if rel not in present)
        # A message skipped as a duplicate must come back when the file it was indexed from goes
        # or changes: the unchanged files holding it are read again.
        leaving = {s.rel for s in to_parse} | set(gone)
        reread = sorted(
            {h for key, (path, _) in known_keys.items() if path in leaving for h in holders.get(key, ())}
            & set(unchanged)
        )
        to_parse += [unchanged[rel] for rel in reread]
        report.timings["scan"] = time.perf_counter() - started

        if current is not None and not to_parse and not gone:
            letters_n, passages_n = manifest.letters, manifest.passages  # type: ignore[union-attr]
            report.letters, report.passages, report.generation = letters_n, passages_n, current.name
            report.timings["total"] = time.perf_counter() - started
            return report

        # 2. Parse what is new or changed, each file in isolation; a file that fails keeps its
        # previous version indexed.
        t0 = time.perf_counter()
        options = read_options(settings)
        jobs = [ParseJob(s.path, s.rel, s.sha256, options) for s in to_parse]
        parsed = {job.rel: result for job, result in parse_all(jobs, settings, tick)}
        report.timings["parse"] = time.perf_counter() - t0

        # 3. Write the next generation beside the current one.
        builder = Builder(data_dir, fresh=current is None)
        try:
            store = builder.store
            for rel in gone:
                store.delete_file(rel)
                report.deleted.append(rel)
            replaced = {rel for rel, result in parsed.items() if result.error is None} | set(gone)
            claimed = {key: label for key, (path, label) in known_keys.items() if path not in replaced}
            chunk_texts: dict[str, str] = {}
            for source in to_parse:
                rel = source.rel
                result = parsed[rel]
                if result.error is not None:
                    report.failed.append(Failure(rel, result.error))
                    continue
                if rel in known:
                    store.delete_file(rel)
                    if rel not in reread:
                        report.changed.append(rel)
                else:
                    report.added.append(rel)
                store.add_file(rel, source.sha256, source.fingerprint)
                report.failed += [Failure(label, reason) for label, reason in result.failures]
                if any(item.ocr_pages for item in result.letters):
                    report.ocr.append(rel)
                for item in result.letters:
                    key = item.dedup_key
                    if key and key in claimed:
                        report.duplicates.append(Duplicate(item.label, claimed[key]))
                        store.add_duplicate(rel, key)
                        continue
                    if key:
                        claimed[key] = item.label
                    store.add_letter(item.letter, item.text, dedup_key=key, thread_root=item.thread_root)
                    for seg in item.segments:
                        text = item.text[seg.start : seg.end]
                        pid = store.add_passage(
                            item.letter,
                            seg.kind,
                            seg.paragraph,
                            seg.page,
                            seg.start,
                            seg.end,
                            text,
                            ocr=seg.page in item.ocr_pages,
                        )
                        parts = windows(text, settings.chunk_tokens, settings.chunk_overlap)
                        hashes = [text_hash(p) for p in parts]
                        chunk_texts.update(zip(hashes, parts, strict=True))
                        store.add_chunks(pid, hashes)
            emails = store.emails()
            threads = thread_ids(emails)
            store.set_thread_ids(
                {lt.id: threads[lt.id] for lt, _ in emails if lt.thread_id != threads[lt.id]}
            )

            # 4. Embed only text never embedded before.
            t0 = time.perf_counter()
            # Longest first, so each call's batches hold texts of similar length and pad little.
            missing = sorted(
                set(chunk_texts) - store.known_hashes(chunk_texts), key=lambda h: (-len(chunk_texts[h]), h)
            )
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
