"""Benchmark: `letters index` over the real office and mail samples (issue 13).

    .venv/bin/python -m bench.office            # print the table
    .venv/bin/python -m bench.office --write    # and rewrite it in BENCHMARKS.md

Every file of ../shared/data/office-mail-samples/ (real .msg, .eml, .doc, .rtf, .odt, odd .docx and
PDFs from parser projects' test suites) must be read or reported with a one-line reason. Vectors
come from the hashed stand-in: this measures reading, not the model.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench.common import ROOT, machine, replace_block
from index.embedding.fake import HashEmbedder
from index.generation import open_current
from index.settings import Settings
from ingest.pipeline import index_corpus
from ingest.report import IndexReport

SAMPLES = ROOT.parent / "shared" / "data" / "office-mail-samples"


@dataclass
class Run:
    report: IndexReport
    seconds: float
    files: Counter[str]  # folder → files
    letters: Counter[str]  # folder → letters indexed from its files (attachments included)
    attachments: Counter[str]  # folder → attachment letters
    junk: int  # passages less than 90% printable (must be 0)
    paths: set[str]  # every file, relative to the samples folder
    load: float = 0.0  # the machine's 1-minute load average when the run ended (shared machines)


def reason_kind(reason: str) -> str:
    """ "unsupported type '.gif'" → "unsupported type"; "damaged Word file (…)" → "damaged Word file"."""
    if reason.startswith("unsupported type"):
        return "unsupported type"
    return re.split(r" \(|: |; ", reason, maxsplit=1)[0]


def run(samples: Path = SAMPLES, *, workers: int = 2, data_dir: Path | None = None) -> Run:
    """Index every sample into a fresh data directory; count what was read and why the rest was not."""
    from ingest.parse import printable_share

    own = data_dir is None
    folder = data_dir or Path(tempfile.mkdtemp(prefix="letters-office-"))
    try:
        settings = Settings(data_dir=folder, model="hash-test", parse_workers=workers)
        started = time.perf_counter()
        report = index_corpus(settings, samples, embedder=lambda: HashEmbedder(dimension=64))
        seconds = time.perf_counter() - started
        paths = [p.relative_to(samples) for p in samples.rglob("*") if p.is_file()]
        files = Counter(p.parts[0] if len(p.parts) > 1 else "." for p in paths)
        letters: Counter[str] = Counter()
        attachments: Counter[str] = Counter()
        junk = 0
        generation = open_current(folder)
        try:
            for letter in generation.store.letters():
                top = letter.path.split("/", 1)[0] if "/" in letter.path else "."
                letters[top] += 1
                attachments[top] += bool(letter.parent_id)
                for passage in generation.store.letter_passages(letter.id):
                    if printable_share(passage.text) < 0.9:
                        junk += 1
                        print(
                            f"binary junk in {letter.path}#{letter.label}: {passage.text[:80]!r}",
                            file=sys.stderr,
                        )
        finally:
            generation.close()
        load = os.getloadavg()[0]
        return Run(report, seconds, files, letters, attachments, junk, {p.as_posix() for p in paths}, load)
    finally:
        if own:
            shutil.rmtree(folder, ignore_errors=True)


def table(result: Run) -> str:
    report = result.report
    failed_files: Counter[str] = Counter()
    failed_parts: Counter[str] = Counter()
    by_reason: Counter[tuple[str, str]] = Counter()
    for failure in report.failed:
        top = failure.path.split("/", 1)[0] if "/" in failure.path else "."
        is_file = failure.path in result.paths
        (failed_files if is_file else failed_parts)[top] += 1
        by_reason[(reason_kind(failure.error), "files" if is_file else "parts")] += 1
    duplicates = Counter(d.path.split("/", 1)[0] if "/" in d.path else "." for d in report.duplicates)
    lines = [
        f"`letters index` over `office-mail-samples/` ({sum(result.files.values())} files), "
        f"{machine()} (load average {result.load:.1f} from other work), 2 parse workers: "
        f"**{result.seconds:.1f} s** in all "
        f"(parse {report.timings.get('parse', 0):.1f} s), {report.letters} letters, "
        f"{report.passages} passages, {result.junk} passages of binary junk.",
        "",
        "| folder | files | read | failed | letters | of which attachments | attachments and messages "
        "not read | duplicates |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for top in sorted(result.files):
        n = result.files[top]
        name = f"{top}/" if top != "." else "(top level)"
        cells = [n, n - failed_files[top], failed_files[top], result.letters[top], result.attachments[top]]
        cells += [failed_parts[top], duplicates[top]]
        lines.append(f"| {name} | " + " | ".join(str(c) for c in cells) + " |")
    lines += ["", "| reason | files | attachments or messages |", "| --- | ---: | ---: |"]
    for reason in sorted(
        {r for r, _ in by_reason}, key=lambda r: -(by_reason[(r, "files")] + by_reason[(r, "parts")])
    ):
        lines.append(f"| {reason} | {by_reason[(reason, 'files')]} | {by_reason[(reason, 'parts')]} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the table in BENCHMARKS.md")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--failures", action="store_true", help="also print every failure")
    args = parser.parse_args()
    if not SAMPLES.is_dir():
        print(f"no samples at {SAMPLES}", file=sys.stderr)
        return 2
    result = run(workers=args.workers)
    body = table(result)
    print(body)
    if args.failures:
        for failure in result.report.failed:
            print(f"  {failure.path}: {failure.error}")
    if args.write:
        replace_block("office", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
