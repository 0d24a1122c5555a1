"""Benchmark: retrieval quality on BEIR SciFact, ingest throughput and the int8 embedder (issue 7).

    .venv/bin/python bench/scifact.py            # 5,183 abstracts, 809 train + 300 test queries
    .venv/bin/python bench/scifact.py --smoke    # a few queries and the documents they judge
    .venv/bin/python bench/scifact.py --write    # also rewrite the tables in BENCHMARKS.md

Every abstract is written as a letter and indexed by `ingest.pipeline.index_corpus` with the real
bundled model, then ranked by `index.search.search` in keyword, dense and hybrid mode. The fusion
(reciprocal rank or convex, and its parameter) is chosen on the train split and reported on test.
The same run times the raw encoder on the same passages, and builds the index again at int8.
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import WORK, SciFact, load_scifact, machine, replace_block, subset, write_letters
from index.embedder import SentenceEmbedder
from index.generation import Generation, open_current
from index.search import Fusion, Mode, search
from index.settings import Settings
from ingest.chunks import windows
from ingest.pipeline import index_corpus

RRF_KS = (10, 30, 60)
ALPHAS = (0.3, 0.5, 0.6, 0.7)
DEPTH = 300  # passages asked for: enough for 100 distinct abstracts (an abstract may have several)


@dataclass(frozen=True)
class Config:
    mode: Mode
    fusion: Fusion = "rrf"
    rrf_k: int = 60
    alpha: float = 0.5

    def label(self) -> str:
        if self.mode != "hybrid":
            return f"{self.mode} only"
        return f"hybrid, rrf k={self.rrf_k}" if self.fusion == "rrf" else f"hybrid, convex α={self.alpha}"


class CachedEmbedder:
    """The real model, with each query embedded once however many configurations rank it."""

    def __init__(self, model: SentenceEmbedder) -> None:
        self.model = model
        self.name, self.dimension = model.name, model.dimension
        self._cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self._cache]
        if missing:
            self._cache.update(zip(missing, self.model.embed(missing), strict=True))
        return np.stack([self._cache[t] for t in texts])


def ndcg_at(ranked: Sequence[str], grades: dict[str, int], k: int = 10) -> float:
    dcg = sum(grades.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(sorted(grades.values(), reverse=True)[:k]))
    return dcg / ideal if ideal else 0.0


def recall_at(ranked: Sequence[str], grades: dict[str, int], k: int = 100) -> float:
    relevant = {d for d, g in grades.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def rank_docs(
    generation: Generation, embedder: CachedEmbedder, query: str, config: Config, depth: int
) -> list[str]:
    """Abstract ids best first: each passage maps to its letter file `{id}.txt`, first occurrence wins.

    Each retriever always contributes DEPTH candidates, so the fused order does not depend on
    `depth`, only how much of it is fetched (30 passages are plenty for the top 10 abstracts).
    """
    hits = search(
        generation,
        embedder,
        query,
        k=depth,
        candidates=DEPTH,
        mode=config.mode,
        fusion=config.fusion,
        rrf_k=config.rrf_k,
        alpha=config.alpha,
    )
    return list(dict.fromkeys(Path(h.letter.path).stem for h in hits))


def evaluate(
    generation: Generation,
    embedder: CachedEmbedder,
    data: SciFact,
    split: str,
    config: Config,
    depth: int = DEPTH,
) -> tuple[float, float]:
    """Mean nDCG@10 and recall@100 (only meaningful at the full depth) over the split's queries."""
    grades = data.qrels[split]
    ndcg, recall = [], []
    for qid, judged in grades.items():
        ranked = rank_docs(generation, embedder, data.queries[qid], config, depth)
        ndcg.append(ndcg_at(ranked, judged))
        recall.append(recall_at(ranked, judged))
    return float(np.mean(ndcg)), float(np.mean(recall))


def grid() -> list[Config]:
    return [Config("hybrid", "rrf", rrf_k=k) for k in RRF_KS] + [
        Config("hybrid", "convex", alpha=a) for a in ALPHAS
    ]


@dataclass(frozen=True)
class Build:
    seconds: float
    embed_seconds: float
    passages: int
    windows: list[str]


def build(data: SciFact, corpus: Path, data_dir: Path, precision: str, model: SentenceEmbedder) -> Build:
    """Index the letters from scratch with the real pipeline; the model is loaded before the clock."""
    shutil.rmtree(data_dir, ignore_errors=True)
    settings = Settings(data_dir=data_dir, corpus_dir=corpus, embedding_precision=precision)
    started = time.perf_counter()
    report = index_corpus(settings, corpus, embedder=lambda: model, rebuild=True)
    seconds = time.perf_counter() - started
    with open_current(data_dir).store as store:
        rows = store.db.execute("SELECT text FROM passages ORDER BY id").fetchall()
    texts = [w for (text,) in rows for w in windows(text, settings.chunk_tokens, settings.chunk_overlap)]
    return Build(seconds, report.timings.get("embed", 0.0), report.passages, texts)


def raw_encode_seconds(model: SentenceEmbedder, texts: list[str]) -> float:
    """sentence-transformers `encode` alone on the same texts and batch size: the floor of ingest."""
    started = time.perf_counter()
    model._model.encode(
        texts, batch_size=model.batch_size, normalize_embeddings=True, show_progress_bar=False
    )
    return time.perf_counter() - started


def quality(
    generation: Generation, cached: CachedEmbedder, data: SciFact
) -> tuple[dict[Config, tuple[float, float]], Config, dict[Config, tuple[float, float]]]:
    """Every fusion scored on train, the best (ties: the old default) and the single modes on test."""
    train = {}
    for config in grid():
        train[config] = evaluate(generation, cached, data, "train", config, depth=30)
        log(f"train {config.label()}: nDCG@10 {train[config][0]:.4f}")
    chosen = max(train, key=lambda c: (train[c][0], c == Config("hybrid")))
    tested = [Config("keyword"), Config("dense"), Config("hybrid"), chosen]
    test = {c: evaluate(generation, cached, data, "test", c) for c in dict.fromkeys(tested)}
    for config, (ndcg, recall) in test.items():
        log(f"test {config.label()}: nDCG@10 {ndcg:.4f} recall@100 {recall:.4f}")
    return train, chosen, test


def first_docs(data: SciFact, count: int) -> SciFact:
    """The first `count` abstracts, with the judgments (and queries) that stay inside them."""
    docs = data.docs[:count]
    ids = {d.id for d in docs}
    qrels = {}
    for split, grades in data.qrels.items():
        kept = {q: {d: g for d, g in judged.items() if d in ids} for q, judged in grades.items()}
        qrels[split] = {q: judged for q, judged in kept.items() if judged}
    return SciFact(docs, data.queries, qrels)


def log(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--smoke", action="store_true", help="5 queries per split and their documents.")
    parser.add_argument("--work", type=Path, default=WORK / "scifact", help="Folder for letters and indexes.")
    parser.add_argument("--write", action="store_true", help="Rewrite the SciFact tables in BENCHMARKS.md.")
    parser.add_argument(
        "--docs", type=int, default=0, help="Only the first N abstracts: throughput and int8 on a subset."
    )
    parser.add_argument(
        "--train-queries", type=int, default=0, help="Choose the fusion on the first N train queries."
    )
    parser.add_argument(
        "--quality-only", action="store_true", help="Only score the fp32 index already in --work (no builds)."
    )
    args = parser.parse_args()
    if args.quality_only:
        data = subset(load_scifact(), 5) if args.smoke else load_scifact()
        if args.train_queries:
            data.qrels["train"] = dict(list(data.qrels["train"].items())[: args.train_queries])
        model = SentenceEmbedder(Settings().model)
        train, chosen, test = quality(open_current(args.work / "data-fp32"), CachedEmbedder(model), data)
        print(render_quality(train, chosen, test))
        return 0

    data = load_scifact()
    if args.smoke:
        data = subset(data, 5)
    elif args.docs:
        data = first_docs(data, args.docs)
    shutil.rmtree(args.work / "corpus", ignore_errors=True)
    corpus = write_letters(data.docs, args.work / "corpus")
    name = Settings().model
    results: dict[str, Any] = {}

    fp32 = SentenceEmbedder(name)
    built = build(data, corpus, args.work / "data-fp32", "fp32", fp32)
    raw = raw_encode_seconds(fp32, built.windows)
    generation = open_current(args.work / "data-fp32")
    cached = CachedEmbedder(fp32)

    log(f"fp32 index: {built.passages} passages in {built.seconds:.0f} s; raw encode {raw:.0f} s")
    if args.docs:
        # A subset run measures throughput and int8 only: fusion as currently configured, test split.
        current = Settings()
        train, chosen = {}, Config("hybrid", current.fusion, current.rrf_k, current.fusion_alpha)
        test = {c: evaluate(generation, cached, data, "test", c) for c in (Config("dense"), chosen)}
    else:
        train, chosen, test = quality(generation, cached, data)
    int8 = SentenceEmbedder(name, precision="int8")
    built8 = build(data, corpus, args.work / "data-int8", "int8", int8)
    generation8 = open_current(args.work / "data-int8")
    cached8 = CachedEmbedder(int8)
    test8 = {c: evaluate(generation8, cached8, data, "test", c) for c in (Config("dense"), chosen)}

    results = {
        "train": train,
        "chosen": chosen,
        "test": test,
        "test8": test8,
        "built": built,
        "built8": built8,
        "raw": raw,
        "docs": len(data.docs),
        "queries": {s: len(g) for s, g in data.qrels.items()},
    }
    text = render(results, smoke=args.smoke)
    print(text)
    if args.write and not args.smoke and not args.docs:
        replace_block("scifact", text)
    return 0


def render_quality(
    train: dict[Config, tuple[float, float]], chosen: Config, test: dict[Config, tuple[float, float]]
) -> str:
    lines = ["| retrieval (test split) | nDCG@10 | recall@100 |", "|---|---|---|"]
    for config, (ndcg, recall) in test.items():
        old = config == Config("hybrid")
        mark = " (chosen on train)" if config == chosen else " (old default)" if old else ""
        lines.append(f"| {config.label()}{mark} | {ndcg:.3f} | {recall:.3f} |")
    lines += ["", "| fusion (train split) | nDCG@10 |", "|---|---|"]
    for config, (ndcg, _) in train.items():
        lines.append(f"| {config.label()} | {ndcg:.3f} |")
    return "\n".join(lines)


def render(r: dict[str, Any], *, smoke: bool) -> str:
    """The Markdown tables for BENCHMARKS.md (and the smoke test, which reads the first table)."""
    chosen: Config = r["chosen"]
    built: Build = r["built"]
    built8: Build = r["built8"]
    lines = [
        f"Run: {'smoke' if smoke else 'full'}, {machine()}, {r['docs']:,} abstracts, "
        f"{r['queries']['train']} train and {r['queries']['test']} test queries, "
        f"{built.passages:,} passages.",
        "",
    ]
    lines += render_quality(r["train"], chosen, r["test"]).splitlines()
    pipeline_rate = built.passages / built.seconds
    raw_rate = built.passages / r["raw"]
    lines += [
        "",
        "| ingest (same run) | seconds | passages/s | ratio to raw encoder |",
        "|---|---|---|---|",
        f"| raw `encode` (fp32, batch 32) | {r['raw']:.1f} | {raw_rate:.1f} | 1.00 |",
        f"| `index_corpus` (fp32) | {built.seconds:.1f} | {pipeline_rate:.1f} | "
        f"{pipeline_rate / raw_rate:.2f} |",
    ]
    dense, dense8 = r["test"][Config("dense")][0], r["test8"][Config("dense")][0]
    hybrid, hybrid8 = r["test"][chosen][0], r["test8"][chosen][0]
    lines += [
        "",
        "| int8 vs fp32 (same run) | fp32 | int8 | change |",
        "|---|---|---|---|",
        f"| embedding phase seconds | {built.embed_seconds:.1f} | {built8.embed_seconds:.1f} | "
        f"×{built.embed_seconds / built8.embed_seconds:.2f} faster |",
        f"| `index_corpus` seconds | {built.seconds:.1f} | {built8.seconds:.1f} | "
        f"×{built.seconds / built8.seconds:.2f} faster |",
        f"| nDCG@10 dense only | {dense:.3f} | {dense8:.3f} | {dense8 - dense:+.3f} |",
        f"| nDCG@10 {chosen.label()} | {hybrid:.3f} | {hybrid8:.3f} | {hybrid8 - hybrid:+.3f} |",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
