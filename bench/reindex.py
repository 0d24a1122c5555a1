"""Benchmark: a no-op `letters index` over 10,000 small letters, then one changed letter (issue 7).

    .venv/bin/python bench/reindex.py                  # 10,000 letters
    .venv/bin/python bench/reindex.py --letters 200    # a smoke run

The first build only sets the stage, so it embeds with a stand-in (hashed words, the real model's
dimension) to save minutes of CPU; the two timed runs are the real `letters index` command in a
subprocess, model and all, against that index. A third run changes another letter with
`LETTERS_EMBEDDING_BACKEND=torch`: the same step on sentence-transformers, for comparison.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

from bench.common import WORK, load_scifact, machine, replace_block, timed_index
from index.embedding.fake import HashEmbedder
from index.settings import Settings
from ingest.pipeline import index_corpus

TARGETS = {"no-op": 5.0, "one changed letter": 3.0}
TORCH = "one changed letter, torch backend"  # the same step as before ONNX Runtime was the default


def write_corpus(folder: Path, count: int) -> Path:
    """`count` short letters, each a greeting, two SciFact sentences and a sign-off."""
    sentences = [s for doc in load_scifact().docs for s in re.split(r"(?<=\.) ", doc.text) if len(s) > 40]
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        body = f"{sentences[(2 * i) % len(sentences)]} {sentences[(2 * i + 1) % len(sentences)]}"
        text = f"Dear Dr Reviewer,\n\nLetter {i}. {body}\n\nYours sincerely,\nA. Researcher\n"
        (folder / f"letter-{i:05d}.txt").write_text(text, encoding="utf-8")
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--letters", type=int, default=10_000, help="How many letters (default 10,000).")
    parser.add_argument("--work", type=Path, default=WORK / "reindex", help="Folder for letters and index.")
    parser.add_argument("--write", action="store_true", help="Rewrite the re-index table in BENCHMARKS.md.")
    parser.add_argument("--repeats", type=int, default=3, help="Runs of each kind; the median is kept.")
    args = parser.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    corpus = write_corpus(args.work / "corpus", args.letters)
    data_dir = args.work / "data"
    setup = index_corpus(
        Settings(data_dir=data_dir),
        corpus,
        embedder=lambda: HashEmbedder(name="stand-in", dimension=384),
        rebuild=True,
    )

    # Each kind of run is repeated and the median kept: one run of a few seconds is at the mercy
    # of whatever else the machine does. Every changed letter gets new words, so each run has
    # text to embed (equal text is never embedded twice).
    kinds = [("no-op", None), ("one changed letter", {}), (TORCH, {"LETTERS_EMBEDDING_BACKEND": "torch"})]
    rows = []
    edits = 0
    for name, env in kinds:
        runs = []
        for _ in range(args.repeats):
            if env is not None:
                changed = corpus / f"letter-{edits:05d}.txt"
                edit = f"\nP.S. Edit number {edits} of this benchmark.\n"
                changed.write_text(changed.read_text(encoding="utf-8") + edit, encoding="utf-8")
                edits += 1
            seconds, report = timed_index(corpus, data_dir, env=env)
            if env is not None and (len(report["changed"]) != 1 or not report["embedded"]):
                raise SystemExit(f"{name}: expected one changed letter with new text, got {report}")
            runs.append((seconds, report))
        runs.sort(key=lambda run: run[0])
        seconds, report = runs[len(runs) // 2]
        rows.append((name, seconds, report, [s for s, _ in runs]))

    lines = [
        f"Run: {machine()}, {args.letters:,} letters, {setup.passages:,} passages; "
        f"{args.repeats} runs of each kind, the median shown (its timings in the columns on the right).",
        "",
        "| `letters index` run | wall time (median) | all runs | target | in-process total | scan | parse "
        "| embed | publish |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, seconds, report, times in rows:
        t = report["timings"]
        every = ", ".join(f"{x:.1f}" for x in times)
        lines.append(
            f"| {name} | {seconds:.1f} s | {every} | ≤ {TARGETS.get(name, 3):.0f} s | "
            f"{t.get('total', 0):.1f} s | "
            f"{t.get('scan', 0):.1f} s | {t.get('parse', 0):.1f} s | {t.get('embed', 0):.1f} s | "
            f"{t.get('publish', 0):.1f} s |"
        )
    text = "\n".join(lines)
    print(text)
    if args.write:
        replace_block("reindex", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
