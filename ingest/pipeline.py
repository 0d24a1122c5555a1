"""One `letters index` run as named steps: plan changes → parse → settle centuries → write → embed → publish.

Change detection is per file (content hash + sidecar + parser version); a file holds one letter or,
for a mailbox, many. Each file is parsed in an isolated worker process (ingest.isolation), and a
message found again in another file or folder is indexed once and reported as a duplicate.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from index.embedding.base import Embedder
from index.generation import Builder, IndexLock, Manifest, check_compatible, current_folder
from index.records import Segment, ShortYear
from index.settings import Settings
from index.store import NewPassage, Store, text_hash
from index.units import cut
from ingest.changes import SourceFile, file_hash, fingerprint, refusal, scan
from ingest.conventions.dates import (
    corpus_year,
    moved_near,
    usual_corpus_year,
    usual_month_years,
    weekday_year,
)
from ingest.conventions.hygiene import evidence_spans
from ingest.formats.document import ReadOptions
from ingest.formats.registry import supported
from ingest.isolation import IsolatedRunner, Limits, Lost
from ingest.parse import ParsedFile, ParsedLetter, ParseJob, QuotedPart, parse_file
from ingest.report import Duplicate, Failure, IndexReport
from ingest.threads import thread_ids
from ingest.windows import windows


class Progress(Protocol):
    def __call__(self, stage: str, done: int, total: int) -> None: ...


@dataclass
class Previous:
    """What the current generation knows of the corpus, read once at the start of a run."""

    folder: Path
    manifest: Manifest
    files: dict[str, tuple[str, str]]  # path → (fingerprint, sha256)
    keys: dict[str, tuple[str, str]]  # dedup key → (path, label) of an indexed letter
    holders: dict[str, set[str]]  # dedup key → files holding that message as a duplicate
    key_ids: dict[str, str] = field(default_factory=dict)  # dedup key → that letter's id


@dataclass
class Plan:
    """What this run will do to each file."""

    to_parse: list[SourceFile] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    reread: set[str] = field(default_factory=set)  # unchanged files read again for a duplicate's sake
    unchanged: dict[str, SourceFile] = field(default_factory=dict)  # path → file, of those not parsed


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
    with IndexLock(settings.data_dir, wait=settings.lock_wait):
        previous = None if rebuild else read_previous(settings, report)
        plan = plan_changes(corpus, previous, report, tick)
        report.time("scan", time.perf_counter() - started)
        same_engine = previous is not None and previous.manifest.keyword_engine == settings.keyword_engine
        if previous is not None and same_engine and not plan.to_parse and not plan.gone:
            report.letters, report.passages = previous.manifest.letters, previous.manifest.passages
            report.generation = previous.folder.name
            report.time("total", time.perf_counter() - started)
            return report

        t0 = time.perf_counter()
        parsed = parse(plan.to_parse, settings, tick)
        parsed = settle_centuries(parsed, lambda: indexed_dates(previous, plan))
        report.time("parse", time.perf_counter() - t0)

        builder = Builder(settings, fresh=previous is None)
        try:
            texts = write(
                builder.store,
                plan,
                parsed,
                previous,
                settings,
                report,
                reread=lambda more: settle_centuries(
                    parse(more, settings, tick), lambda: indexed_dates(previous, plan)
                ),
            )
            t0 = time.perf_counter()
            dimension = embed(builder.store, texts, previous, embedder, settings, tick, report)
            report.time("embed", time.perf_counter() - t0)
            t0 = time.perf_counter()
            published = builder.publish(
                model=settings.model,
                dimension=dimension,
                passage_settings=settings.passage_settings(),
                keep=settings.keep_generations,
                corpus_dir=corpus,
            )
            report.time("publish", time.perf_counter() - t0)
        except BaseException:
            builder.abandon()
            raise
    report.letters, report.passages = published.letters, published.passages
    report.generation = f"gen-{published.generation:06d}"
    report.time("total", time.perf_counter() - started)
    return report


def read_previous(settings: Settings, report: IndexReport) -> Previous | None:
    """The current generation's bookkeeping, or None when the run builds from scratch."""
    current = current_folder(settings.data_dir)
    if current is None:
        return None
    manifest = Manifest.read(current)
    check_compatible(manifest, settings)
    with Store(current / "letters.db", readonly=True) as old:
        if not old.has_files():
            # An index from before mailboxes (one letter per file, no files table): its tables cannot
            # take the new columns in place, so build afresh, as --rebuild would.
            report.notes.append(
                f"the index in {settings.data_dir} predates email support; rebuilt from scratch"
            )
            return None
        return Previous(
            current, manifest, old.files(), old.dedup_keys(), old.duplicate_holders(), old.dedup_ids()
        )


def plan_changes(corpus: Path, previous: Previous | None, report: IndexReport, tick: Progress) -> Plan:
    """Hash every file and sort it into added / changed / unchanged / deleted / duplicate."""
    known = previous.files if previous else {}
    paths = list(scan(corpus))
    # Already-indexed files claim their content first, so a new copy is the duplicate.
    rel = {p: p.relative_to(corpus).as_posix() for p in paths}
    ordered = [p for p in paths if rel[p] in known] + [p for p in paths if rel[p] not in known]
    plan = Plan()
    unchanged: dict[str, SourceFile] = {}
    by_content: dict[str, str] = {}
    present: set[str] = set()
    for i, path in enumerate(ordered, start=1):
        tick("hashing", i, len(ordered))
        name = rel[path]
        refused = refusal(path)
        if refused:  # and not `present`: what was indexed at this path before is deleted
            report.failed.append(Failure(name, refused))
            continue
        present.add(name)  # an unreadable or unsupported file keeps nothing stale either
        if not supported(path):
            report.failed.append(Failure(name, f"unsupported type '{path.suffix or path.name}'"))
            continue
        try:
            sha = file_hash(path)
            source = SourceFile(path, name, sha, fingerprint(path, sha))
        except OSError as exc:
            report.failed.append(Failure(name, f"cannot read ({exc.strerror or exc})"))
            continue
        if sha in by_content:
            report.duplicates.append(Duplicate(name, by_content[sha]))
            present.discard(name)
            continue
        by_content[sha] = name
        if name in known and known[name][0] == source.fingerprint:
            report.unchanged.append(name)
            unchanged[name] = source
        else:
            plan.to_parse.append(source)
    plan.gone = sorted(name for name in known if name not in present)
    plan.unchanged = unchanged
    if previous is not None:
        # A message skipped as a duplicate must come back when the file it was indexed from goes
        # or changes: the unchanged files holding it are read again.
        leaving = {s.rel for s in plan.to_parse} | set(plan.gone)
        plan.reread = {
            h
            for key, (path, _) in previous.keys.items()
            if path in leaving
            for h in previous.holders.get(key, ())
        } & set(unchanged)
        plan.to_parse += [unchanged[name] for name in sorted(plan.reread)]
    return plan


def read_options(settings: Settings) -> ReadOptions:
    return ReadOptions(
        max_bytes=int(settings.max_file_mb * 1_000_000),
        ocr=settings.ocr,
        ocr_language=settings.ocr_language,
        timeout=settings.parse_timeout,
        attachment_max_bytes=int(settings.attachment_max_mb * 1_000_000),
        attachment_depth=settings.attachment_depth,
        date_order=settings.date_order,
        two_digit_century=settings.two_digit_century,
    )


def parse(sources: list[SourceFile], settings: Settings, tick: Progress) -> dict[str, ParsedFile]:
    """Each new or changed file parsed in an isolated worker (in this process when `parse_workers` is 0)."""
    options = read_options(settings)
    levels = tuple(tuple(level) for level in settings.marking_levels)
    jobs = [ParseJob(s.path, s.rel, s.sha256, options, levels, settings.default_marking) for s in sources]
    return {job.rel: result for job, result in _parse_all(jobs, settings, tick)}


def _parse_all(
    jobs: list[ParseJob], settings: Settings, tick: Progress
) -> Iterator[tuple[ParseJob, ParsedFile]]:
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


def settle_centuries(
    parsed: dict[str, ParsedFile], known_dates: Callable[[], Iterable[str]] = tuple
) -> dict[str, ParsedFile]:
    """Dates whose two-digit year no setting and no four-digit year of their own letter placed
    ("7-11-15" alone) are put near the years of the corpus's dates written in full: this run's
    letters' and `known_dates` (the index's ISO dates, read only when needed); with none, or split
    between eras, they stay nearest to today."""
    if not any(
        item.date_year is not None and item.date_year.source == "nearest"
        for result in parsed.values()
        for item in result.letters
    ):
        return parsed
    written = [
        item.letter.date
        for result in parsed.values()
        for item in result.letters
        if item.letter.date and item.date_year is None
    ]
    dates = [*written, *known_dates()]
    years = [int(iso[:4]) for iso in dates]
    near = corpus_year(years)
    # A date written with no year ("January 11th"; digits "") takes the usual year of the corpus's
    # letters of its month, else the corpus's one usual year, or none.
    usual = usual_corpus_year(years)
    months = usual_month_years(dates) if usual is not None else {}
    span = (min(years), max(years)) if years else (0, 0)
    return {rel: _near_corpus(result, near, usual, months, span) for rel, result in parsed.items()}


def _near_corpus(
    result: ParsedFile, near: int | None, usual: int | None, months: dict[int, int], span: tuple[int, int]
) -> ParsedFile:
    letters = []
    for item in result.letters:
        short = item.date_year
        if short is not None and short.source == "nearest" and item.letter.date:
            year = months.get(int(item.letter.date[5:7]), usual) if not short.digits else near
            # "Sunday 22nd July" near 1916 is of 1917, the one year near whose 22nd July was a Sunday.
            if year is not None and not short.digits and short.weekday is not None:
                year = weekday_year(item.letter.date, short.weekday, year, span) or year
            elif year is None and near is not None and not short.digits and short.weekday is not None:
                # No usual year (letters of many years): "Thurs. 11th Nov." in the one year of the
                # corpus's span whose 11th November was a Thursday.
                year = weekday_year(item.letter.date, short.weekday, near, span, window=span[1] - span[0])
            if year is None and short.digits:
                letters.append(item)  # split between eras: the short year stays nearest today
                continue
            iso = moved_near(item.letter.date, short.digits, year) if year is not None else None
            letter = dataclasses.replace(
                item.letter, date=iso, date_kind=item.letter.date_kind if iso else None
            )
            item = dataclasses.replace(item, letter=letter, date_year=ShortYear(short.digits, "corpus"))
        letters.append(item)
    return dataclasses.replace(result, letters=tuple(letters))


def indexed_dates(previous: Previous | None, plan: Plan) -> list[str]:
    """The ISO dates of the dated letters already indexed that this run keeps as they are."""
    if previous is None:
        return []
    leaving = {s.rel for s in plan.to_parse} | set(plan.gone)
    with Store(previous.folder / "letters.db", readonly=True) as old:
        return [date for path, date in old.letter_dates() if path not in leaving]


def write(
    store: Store,
    plan: Plan,
    parsed: dict[str, ParsedFile],
    previous: Previous | None,
    settings: Settings,
    report: IndexReport,
    reread: Callable[[list[SourceFile]], dict[str, ParsedFile]] | None = None,
) -> dict[str, str]:
    """The next generation's letters and passages; returns the text of every embedding window.

    Files leaving the index (deleted, or read again) are deleted first, so that what the store holds
    plus this run's letters is the next generation: whether another letter holds a quoted message's
    text is decided against it (`_held`), and unchanged files whose quoted messages it decides
    differently now are read again (`reread`)."""
    known = previous.files if previous else {}
    replacing = [s.rel for s in plan.to_parse if parsed[s.rel].error is None and s.rel in known]
    changed = store.file_shingles([*plan.gone, *replacing])
    for rel in plan.gone:
        store.delete_file(rel)
        report.deleted.append(rel)
    for rel in replacing:
        store.delete_file(rel)
    holders = _own_texts(parsed.values())
    copies = _copies(store, parsed.values(), holders)
    if reread is not None and (changed or holders or copies):
        more = _to_reread(store, changed | set(holders) | set(copies), holders, copies, plan, parsed)
        if more:
            again = reread([plan.unchanged[rel] for rel in more])
            for rel in more:
                if again[rel].error is None:
                    store.delete_file(rel)
            parsed.update(again)
            plan.to_parse += [plan.unchanged[rel] for rel in more]
            plan.reread |= set(more)
            holders = _own_texts(parsed.values())
            copies = _copies(store, parsed.values(), holders)
    # A file that fails keeps its previous version indexed, and so keeps its claim on its messages.
    replaced = {rel for rel, result in parsed.items() if result.error is None} | set(plan.gone)
    keys = previous.keys if previous else {}
    claimed = {key: label for key, (path, label) in keys.items() if path not in replaced}
    claimed_ids = {key: lid for key, lid in (previous.key_ids if previous else {}).items() if key in claimed}
    window_texts: dict[str, str] = {}
    for source in plan.to_parse:
        rel, result = source.rel, parsed[source.rel]
        if result.error is not None:
            report.failed.append(Failure(rel, result.error))
            continue
        if rel in known:
            if rel not in plan.reread:
                report.changed.append(rel)
        else:
            report.added.append(rel)
        store.add_file(rel, source.sha256, source.fingerprint)
        report.failed += [Failure(label, reason) for label, reason in result.failures]
        if any(item.ocr_pages for item in result.letters):
            report.ocr.append(rel)
        _write_letters(
            store,
            rel,
            result.letters,
            claimed,
            claimed_ids,
            settings,
            window_texts,
            report,
            (holders, copies),
        )
    emails = store.emails()
    threads = thread_ids(emails)
    store.set_thread_ids({lt.id: threads[lt.id] for lt, _ in emails if lt.thread_id != threads[lt.id]})
    return window_texts


def _write_letters(
    store: Store,
    rel: str,
    letters: Iterable[ParsedLetter],
    claimed: dict[str, str],
    claimed_ids: dict[str, str],
    settings: Settings,
    window_texts: dict[str, str],
    report: IndexReport,
    texts: tuple[dict[int, set[str]], dict[int, set[str]]],
) -> None:
    """A file's letters (emails before their attachments); a message or attachment already indexed is a
    duplicate, and an attachment is linked to every email that carried it."""
    skipped: set[str] = set()  # letters not written (duplicates): their attachments go with them
    for item in letters:
        letter = item.letter
        if letter.parent_id in skipped:
            skipped.add(letter.id)
            continue
        key = item.dedup_key
        if key and key in claimed:
            report.duplicates.append(Duplicate(item.label, claimed[key]))
            store.add_duplicate(rel, key)
            if letter.parent_id and key in claimed_ids:
                store.add_carrier(claimed_ids[key], letter.parent_id, letter.attachment)
            skipped.add(letter.id)
            continue
        if key:
            claimed[key], claimed_ids[key] = item.label, letter.id
        held = [_held(store, part.shingles, letter.id, *texts) for part in item.quoted]
        passages = _passages(item, settings, window_texts, held)
        store.add_letter(
            letter, item.text, passages, dedup_key=key, thread_root=item.thread_root, original=item.original
        )
        store.add_shingles(
            letter.id, item.shingles, [(part.shingles, h) for part, h in zip(item.quoted, held, strict=True)]
        )
        if letter.parent_id:
            store.add_carrier(letter.id, letter.parent_id, letter.attachment)


def _passages(
    item: ParsedLetter, settings: Settings, window_texts: dict[str, str], held: Sequence[int] = ()
) -> list[NewPassage]:
    """The letter's segments as passages to store, with the hashes of their embedding windows and units;
    then those of each quoted earlier message no other letter holds, marked with its writer and date."""
    sources: list[tuple[Segment, QuotedPart | None]] = [(seg, None) for seg in item.segments]
    for quoted, is_held in zip(item.quoted, held, strict=True):
        # Off by the setting, the decision is still stored, so that turning it on needs no other data.
        if not is_held and settings.quoted_history:
            sources += [(seg, quoted) for seg in quoted.segments]
    out = []
    for seg, part in sources:
        parts = windows(item.text[seg.start : seg.end], settings.chunk_words, settings.chunk_overlap)
        hashes = tuple(text_hash(p) for p in parts)
        window_texts.update(zip(hashes, parts, strict=True))
        ocr = seg.page in item.ocr_pages
        units = _units(item.text, seg.kind, seg.start, seg.end, window_texts)
        out.append(
            NewPassage(
                seg.kind,
                seg.paragraph,
                seg.page,
                seg.start,
                seg.end,
                ocr,
                hashes,
                bool(units),
                units,
                quoted_writer=part.writer if part else None,
                quoted_date=part.date if part else None,
            )
        )
    return out


# A quoted earlier message is held by another letter when this share of its text's fingerprints is in
# that letter's (or those letters') own text: a copy re-wrapped, with a line cut or a word changed,
# still counts, and a reply that repeats a sentence of it does not.
HELD_SHARE = 0.5


def _held(
    store: Store,
    hashes: frozenset[int],
    letter_id: str,
    holders: dict[int, set[str]],
    copies: dict[int, set[str]] | None = None,
) -> int:
    """Whether a quoted passage is held elsewhere in the next generation (the store's letters and this
    run's): 1 when another letter's own text holds it (`holders`: this run's), 2 when a letter ordered
    before `letter_id` quotes it too and no own text holds it (`copies`: this run's), so an outside
    message quoted in many replies is a passage once; 0 when it is to be a passage. Text too short
    to fingerprint counts as held: it stays skipped, as quoted history always was."""
    if not hashes:
        return 1
    run = {h for h in hashes if holders.get(h, set()) - {letter_id}}
    found = run | store.held_elsewhere(hashes - run, letter_id)
    if len(found) >= HELD_SHARE * len(hashes):
        return 1
    if copies is None:
        return 0
    run = {h for h in hashes if any(other < letter_id for other in copies.get(h, ()))}
    found = run | store.copies_before(hashes - run, letter_id)
    return 2 if len(found) >= HELD_SHARE * len(hashes) else 0


def _copies(store: Store, results: Iterable[ParsedFile], holders: dict[int, set[str]]) -> dict[int, set[str]]:
    """fingerprint → the letters of this run quoting it in a passage no letter's own text holds."""
    out: dict[int, set[str]] = {}
    for result in results:
        for item in result.letters:
            for part in item.quoted:
                if _held(store, part.shingles, item.letter.id, holders) == 0:
                    for h in part.shingles:
                        out.setdefault(h, set()).add(item.letter.id)
    return out


def _own_texts(results: Iterable[ParsedFile]) -> dict[int, set[str]]:
    """fingerprint → the letters of this run whose own text has it."""
    out: dict[int, set[str]] = {}
    for result in results:
        for item in result.letters:
            for h in item.shingles:
                out.setdefault(h, set()).add(item.letter.id)
    return out


def _to_reread(
    store: Store,
    changed: set[int],
    holders: dict[int, set[str]],
    copies: dict[int, set[str]],
    plan: Plan,
    parsed: dict[str, ParsedFile],
) -> list[str]:
    """Unchanged files with a quoted passage whose held/quotable decision the run's changes flip: its
    text's holder (or an earlier copy) came with a new or changed letter, or went with a deleted or
    changed one. Only quoted passages sharing a fingerprint with the changed text are looked at."""
    out: set[str] = set()
    for (letter_id, block), was_held in store.quoting(changed).items():
        path = store.letter_path(letter_id)
        if path is None or path in parsed or path in out or path not in plan.unchanged:
            continue
        now = _held(store, frozenset(store.block_shingles(letter_id, block)), letter_id, holders, copies)
        if bool(now) != bool(was_held):
            out.add(path)
    return sorted(out)


# Kinds that never answer a question: a bare heading or subject line, and a letterhead (in email, the
# forwarded "-----Original Message----- From: … Subject: …" block lands there).
NEVER_QUOTED = frozenset({"heading", "letterhead"})


def _units(
    text: str, kind: str, start: int, end: int, window_texts: dict[str, str]
) -> tuple[tuple[int, int, str], ...]:
    """The units an answer may quote from one passage, each with the hash its vector is stored under.

    Cut here, once, so an answer embeds only its question (issue 14): the text is whitespace-normalised
    as windows are, and the embed step embeds each new text once.
    """
    if kind in NEVER_QUOTED:
        return ()
    body = kind in ("body", "list")
    out = []
    # Fewer than three words of body text is no statement: "Thanks.", "Rosie", "Dr. Lay:".
    for s, e in evidence_spans(text, start, end, signatures=body, min_words=3 if body else 0):
        for us, ue in cut(text, kind, s, e):
            plain = " ".join(text[us:ue].split())
            digest = text_hash(plain)
            window_texts[digest] = plain
            out.append((us, ue, digest))
    return tuple(out)


def embed(
    store: Store,
    window_texts: dict[str, str],
    previous: Previous | None,
    embedder: Callable[[], Embedder],
    settings: Settings,
    tick: Progress,
    report: IndexReport,
) -> int:
    """Vectors for text never embedded before; returns the vectors' dimension."""
    # Longest first, so each call's batches hold texts of similar length and pad little.
    missing = sorted(
        set(window_texts) - store.known_hashes(window_texts), key=lambda h: (-len(window_texts[h]), h)
    )
    dimension = previous.manifest.dimension if previous else 0
    if missing or not dimension:
        model = embedder()
        dimension = model.dimension
        batch = settings.batch_size * 8
        for i, hashes in enumerate(_batched(missing, batch), start=1):
            tick("embedding", min(i * batch, len(missing)), len(missing))
            vectors = model.embed([window_texts[h] for h in hashes])
            store.add_embeddings(zip(hashes, vectors, strict=True))
    report.embedded = len(missing)
    store.prune_embeddings()
    return dimension


def _batched(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
