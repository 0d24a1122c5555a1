"""Benchmark: `letters ask` on a 10,000-letter index, units embedded per answer (before) or stored (after).

    .venv/bin/python -m bench.ask_speed                  # 10,000 SciFact abstracts as letters, 40 questions
    .venv/bin/python -m bench.ask_speed --letters 200 --questions 5 --write   # smoke

The letters are SciFact abstracts as written (one multi-sentence paragraph each; past its 5,183
abstracts each is written again under another name). The index is built
with the hashed embedder at the real model's dimension, which costs no model time at build; the
question is embedded by the real model, as `letters ask` does. Each question is answered twice, in
turn: "before" cuts and embeds the units of every retrieved paragraph during the answer (what
answers did until units were stored, issue 14), "after" reads the stored units' vectors and embeds
only the question. The ranking is meaningless on hashed vectors; the work per answer is not.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from unittest import mock

from bench.common import WORK, Doc, load_scifact, percentiles, replace_block, write_letters


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--letters", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--work", type=Path, default=WORK / "ask-speed")
    parser.add_argument("--write", action="store_true", help="Rewrite the table in BENCHMARKS.md.")
    args = parser.parse_args()

    import assistant.assistant as assistant_module
    from assistant.assistant import Assistant
    from assistant.evidence import unit_stems
    from index.embedding.factory import load_embedder
    from index.embedding.fake import HashEmbedder
    from index.generation import open_checked
    from index.settings import Settings
    from index.store import Store
    from ingest.pipeline import index_corpus

    data = load_scifact()
    corpus = args.work / f"corpus-{args.letters}"
    if not corpus.exists():
        # SciFact has 5,183 abstracts; beyond that each is written again under a new name, with a line
        # that makes it another file (an identical file would be indexed once, as a duplicate).
        docs = [
            Doc(f"{d.id}-{n}", d.title, f"{d.text}\n\nCopy {n}.") if (n := i // len(data.docs)) else d
            for i, d in ((i, data.docs[i % len(data.docs)]) for i in range(args.letters))
        ]
        write_letters(docs, corpus)
    settings = Settings(data_dir=args.work / f"data-{args.letters}", parse_workers=2)
    real = load_embedder(settings)
    index_corpus(
        settings, corpus, embedder=lambda: HashEmbedder(name=settings.model, dimension=real.dimension)
    )
    generation = open_checked(settings)
    assistant = Assistant(settings, real)
    questions = list(data.queries.values())[: args.questions]
    assistant.ask(generation, questions[0])  # warm: model, FAISS, SQLite pages
    # The evidence of round 2 (8 passages, no other paragraphs of the best letters), in the same loop.
    narrow = Assistant(settings.model_copy(update={"evidence_passages": 8, "quote_margin": 0.15}), real)
    before: list[float] = []
    eight: list[float] = []
    after: list[float] = []
    for question in questions:
        # Each answer starts with no unit's stems remembered, so the three are timed alike.
        unit_stems.cache_clear()
        with mock.patch.object(Store, "units", lambda self, ids: {}):
            t0 = time.perf_counter()
            assistant.ask(generation, question)
            before.append(time.perf_counter() - t0)
        unit_stems.cache_clear()
        with mock.patch.object(assistant_module, "WHOLE_LETTERS", 0):
            t0 = time.perf_counter()
            narrow.ask(generation, question)
            eight.append(time.perf_counter() - t0)
        unit_stems.cache_clear()
        t0 = time.perf_counter()
        assistant.ask(generation, question)
        after.append(time.perf_counter() - t0)
    letters, passages = generation.store.counts()
    rows = [
        "| answer | letters | passages | questions | p50 ms | p95 ms |",
        "|---|---|---|---|---|---|",
    ]
    runs = (
        ("before: units embedded per answer", before),
        ("only the question, 8 passages (round 2)", eight),
        ("only the question, 12 passages + the best letters' other paragraphs", after),
    )
    for name, samples in runs:
        p50, p95, _ = percentiles(samples)
        rows.append(f"| {name} | {letters:,} | {passages:,} | {len(samples)} | {p50:.0f} | {p95:.0f} |")
    table = "\n".join(rows)
    print(table)
    if args.write:
        replace_block("ask-speed", table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
