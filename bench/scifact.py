"""Benchmark: retrieval quality on BEIR SciFact, ingest throughput and the int8 embedder (issue 7).

    .venv/bin/python bench/scifact.py            # 5,183 abstracts, 809 train + 300 test queries
    .venv/bin/python bench/scifact.py --smoke    # a few queries and the documents they judge
    .venv/bin/python bench/scifact.py --write    # also rewrite the tables in BENCHMARKS.md
    .venv/bin/python bench/scifact.py --keyword-engines --write   # keyword mode, tantivy vs FTS5 only

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

from bench.common import WORK, SciFact, load_scifact, machine, replace_block, subset, write_letters
from index.embedding.base import Embedder
from index.embedding.factory import load_embedder
from index.embedding.fake import HashEmbedder
from index.embedding.torch import SentenceEmbedder
from index.generation import Generation, open_current
from index.search import Fusion, Mode, search
from index.settings import Settings
from ingest.pipeline import index_corpus
from ingest.windows import windows

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

    def __init__(self, model: Embedder) -> None:
        self.model = model
        self.name, self.dimension = model.name, model.dimension
        self._cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self._cache]
        if missing:
            self._cache.update(zip(missing, self.model.embed_queries(missing), strict=True))
        return np.stack([self._cache[t] for t in texts])

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)


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
    owners: list[str]  # the abstract id of each window


def build(data: SciFact, corpus: Path, data_dir: Path, precision: str, model: Embedder) -> Build:
    """Index the letters from scratch with the real pipeline; the model is loaded before the clock."""
    shutil.rmtree(data_dir, ignore_errors=True)
    settings = Settings(data_dir=data_dir, corpus_dir=corpus, embedding_precision=precision)
    started = time.perf_counter()
    report = index_corpus(settings, corpus, embedder=lambda: model, rebuild=True)
    seconds = time.perf_counter() - started
    with open_current(data_dir).store as store:
        rows = store.db.execute(
            "SELECT p.text, l.path FROM passages p JOIN letters l ON l.id = p.letter_id ORDER BY p.id"
        ).fetchall()
    texts, owners = [], []
    for text, path in rows:
        parts = windows(text, settings.chunk_words, settings.chunk_overlap)
        texts += parts
        owners += [Path(path).stem] * len(parts)
    return Build(seconds, report.timings.get("embed", 0.0), report.passages, texts, owners)


def raw_encode(model: Embedder, texts: list[str]) -> tuple[float, np.ndarray]:
    """The encoder alone on the same texts and batch size: the floor of ingest. (seconds, vectors)"""
    started = time.perf_counter()
    if isinstance(model, SentenceEmbedder):  # sentence-transformers `encode` itself
        vectors = model._model.encode(
            texts, batch_size=model.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
    else:  # ONNX Runtime: tokenise, run, pool, normalise (its own batching by length)
        vectors = model.embed(texts)
    return time.perf_counter() - started, np.asarray(vectors, dtype=np.float32)


def direct_dense_ndcg(
    vectors: np.ndarray, owners: list[str], model: Embedder, data: SciFact, split: str = "test"
) -> float:
    """nDCG@10 of dense ranking done directly in NumPy (an abstract scores its best window).

    Used only to compare two encoders' vectors of the same windows, with no index in between.
    """
    ids = sorted(set(owners))
    column = {d: i for i, d in enumerate(ids)}
    which = np.array([column[o] for o in owners])
    qids = list(data.qrels[split])
    queries = model.embed([data.queries[q] for q in qids])
    scores = queries @ vectors.T
    best = np.full((len(qids), len(ids)), -np.inf, dtype=np.float32)
    np.maximum.at(best.T, which, scores.T)
    out = []
    for row, qid in zip(best, qids, strict=True):
        ranked = [ids[i] for i in np.argsort(-row)[:10]]
        out.append(ndcg_at(ranked, data.qrels[split][qid]))
    return float(np.mean(out))


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
    parser.add_argument(
        "--keyword-engines",
        action="store_true",
        help="Only keyword mode, once per keyword engine (vectors by the hashing stand-in: not used).",
    )
    args = parser.parse_args()
    if args.keyword_engines:
        data = subset(load_scifact(), 5) if args.smoke else load_scifact()
        text = keyword_engines(
            data, args.work, smoke=args.smoke, speed_passages=500 if args.smoke else 100_000
        )
        print(text)
        if args.write and not args.smoke:
            replace_block("scifact-keywords", text)
        return 0
    if args.quality_only:
        data = subset(load_scifact(), 5) if args.smoke else load_scifact()
        if args.train_queries:
            data.qrels["train"] = dict(list(data.qrels["train"].items())[: args.train_queries])
        model = load_embedder(Settings())
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
    settings = Settings()

    # 1. The default embedder (ONNX Runtime unless configured otherwise): index, then quality.
    model = load_embedder(settings)
    built = build(data, corpus, args.work / "data-fp32", "fp32", model)
    log(f"{model.backend} fp32 index: {built.passages} passages in {built.seconds:.0f} s")
    generation = open_current(args.work / "data-fp32")
    cached = CachedEmbedder(model)
    if args.docs:
        # A subset run measures throughput and int8 only: fusion as currently configured, test split.
        train, chosen = {}, Config("hybrid", settings.fusion, settings.rrf_k, settings.fusion_alpha)
        test = {c: evaluate(generation, cached, data, "test", c) for c in (Config("dense"), chosen)}
    else:
        train, chosen, test = quality(generation, cached, data)

    # 2. The raw encoders on the same windows, same batch size: sentence-transformers, and the
    # default backend's own (when that is not sentence-transformers already).
    torch_model = model if isinstance(model, SentenceEmbedder) else SentenceEmbedder(settings.model)
    models: dict[str, Embedder] = {"torch": torch_model, model.backend: model}
    raw = {backend: raw_encode(m, built.windows) for backend, m in models.items()}
    for backend, (seconds, _) in raw.items():
        log(f"raw {backend} encode: {seconds:.0f} s")
    direct = {b: direct_dense_ndcg(raw[b][1], built.owners, models[b], data) for b in models}

    # 3. int8 on the default backend: the whole index again, scored on test.
    int8 = load_embedder(Settings(embedding_precision="int8"))
    built8 = build(data, corpus, args.work / "data-int8", "int8", int8)
    cached8 = CachedEmbedder(int8)
    generation8 = open_current(args.work / "data-int8")
    test8 = {c: evaluate(generation8, cached8, data, "test", c) for c in (Config("dense"), chosen)}

    vectors = [v for _, v in raw.values()]
    results = {
        "train": train,
        "chosen": chosen,
        "test": test,
        "test8": test8,
        "built": built,
        "built8": built8,
        "backend": model.backend,
        "raw": {b: t for b, (t, _) in raw.items()},
        "direct": direct,
        "agreement": float((vectors[0] * vectors[-1]).sum(axis=1).min()),
        "docs": len(data.docs),
        "queries": {s: len(g) for s, g in data.qrels.items()},
    }
    text = render(results, smoke=args.smoke)
    print(text)
    if args.write and not args.smoke and not args.docs:
        replace_block("scifact", text)
    return 0


def engine_speed(passages: int, queries: list[str], work: Path) -> list[str]:
    """Rows: each engine's index over `passages` multi-sentence paragraphs, built and searched directly.

    The real engine classes (index.keyword), without the pipeline: the paragraphs of
    bench/letters_text.py, their letter's title as meta; each query asks for 100 passages, once
    unfiltered and once with a clearance filter (unmarked passages only: nine in ten here).
    """
    from bench.letters_text import letters
    from index.keyword.base import KeywordDoc, query_words
    from index.keyword.fts5 import Fts5Builder, Fts5Index
    from index.keyword.tantivy import TantivyBuilder, TantivyIndex
    from index.records import SearchFilters
    from index.store import Store

    docs = [
        KeywordDoc(0, text, title, "", "", None, None)
        for _, title, body in letters(passages)
        for text in body
    ]
    # One passage in ten is marked, so the clearance filter (unmarked only) has something to hide.
    docs = [
        KeywordDoc(i + 1, d.text, d.meta, "", "", None, "CONFIDENTIAL" if i % 10 == 0 else None)
        for i, d in enumerate(docs)
    ]
    shutil.rmtree(work / "speed", ignore_errors=True)
    (work / "speed").mkdir(parents=True)
    started = time.perf_counter()
    with Store(work / "speed" / "fts5.db") as store:
        fts5 = Fts5Builder(store)
        fts5.rebuild(docs)
        fts5.finish()
    fts5_seconds = time.perf_counter() - started
    started = time.perf_counter()
    tantivy = TantivyBuilder(work / "speed" / "tantivy", None)
    tantivy.rebuild(docs)
    tantivy.finish()
    tantivy_seconds = time.perf_counter() - started
    engines = {
        "fts5": (Fts5Index(Store(work / "speed" / "fts5.db", readonly=True)), fts5_seconds),
        "tantivy": (
            TantivyIndex(work / "speed" / "tantivy", lambda: [None, "CONFIDENTIAL"]),
            tantivy_seconds,
        ),
    }
    rows = []
    for name, (index, seconds) in engines.items():
        cells = []
        for filters in (SearchFilters(), SearchFilters(markings=(None,))):
            if name == "fts5" and filters != SearchFilters():
                cells.append("— (joins the letters table, not built here)")
                continue
            timings = []
            for query in queries:
                t0 = time.perf_counter()
                index.search(query_words(query), filters, 100)
                timings.append(time.perf_counter() - t0)
            p50, p95 = np.percentile(np.asarray(timings) * 1000, [50, 95])
            cells.append(f"{p50:.1f} / {p95:.1f}")
        rows.append(f"| {name} | {len(docs):,} | {seconds:.1f} | {cells[0]} | {cells[1]} |")
    return rows


def keyword_engines(data: SciFact, work: Path, *, smoke: bool, speed_passages: int = 100_000) -> str:
    """Keyword-only nDCG@10 / recall@100 on both splits and ms per query, for each keyword engine."""
    corpus = write_letters(data.docs, work / "corpus-keywords")
    rows = []
    for engine in ("fts5", "tantivy"):
        data_dir = work / f"data-keywords-{engine}"
        shutil.rmtree(data_dir, ignore_errors=True)
        settings = Settings(data_dir=data_dir, corpus_dir=corpus, model="hash-test", keyword_engine=engine)
        started = time.perf_counter()
        index_corpus(settings, corpus, embedder=lambda: HashEmbedder(dimension=8), rebuild=True)
        seconds = time.perf_counter() - started
        generation = open_current(data_dir)
        cached = CachedEmbedder(HashEmbedder(dimension=8))  # keyword mode never embeds
        scores = {split: evaluate(generation, cached, data, split, Config("keyword")) for split in data.qrels}
        timings = []
        for qid in data.qrels["test"]:
            t0 = time.perf_counter()
            search(generation, cached, data.queries[qid], k=DEPTH, candidates=DEPTH, mode="keyword")
            timings.append(time.perf_counter() - t0)
        rows.append((engine, scores, seconds, float(np.median(timings)) * 1000))
    lines = [
        f"Run: {'smoke' if smoke else 'full'}, {machine()}, {len(data.docs):,} abstracts "
        "(one letter each, as in the table above), keyword mode only.",
        "",
        "| keyword engine | nDCG@10 test | recall@100 test | nDCG@10 train | index_corpus s "
        "| ms per query (p50) |",
        "|---|---|---|---|---|---|",
    ]
    for engine, scores, seconds, ms in rows:
        (test, recall), (train, _) = scores["test"], scores["train"]
        lines.append(f"| {engine} | {test:.3f} | {recall:.3f} | {train:.3f} | {seconds:.1f} | {ms:.2f} |")
    change = rows[1][1]["test"][0] - rows[0][1]["test"][0]
    change_train = rows[1][1]["train"][0] - rows[0][1]["train"][0]
    lines += ["", f"tantivy − FTS5, nDCG@10: test {change:+.4f}, train {change_train:+.4f}."]
    queries = [data.queries[q] for q in data.qrels["test"]]
    lines += [
        "",
        "| keyword engine, built directly | passages | build s | ms p50 / p95, no filter "
        "| ms p50 / p95, clearance filter |",
        "|---|---|---|---|---|",
        *engine_speed(speed_passages, queries, work),
    ]
    return "\n".join(lines)


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
    backend = r["backend"]
    names = {"torch": "sentence-transformers `encode` (torch fp32)", "onnx": "ONNX Runtime encode (fp32)"}
    lines += [
        "",
        "| ingest (same run) | seconds | windows/s | `index_corpus` ÷ this |",
        "|---|---|---|---|",
    ]
    windows_count = len(built.windows)
    for name, seconds in r["raw"].items():
        lines.append(
            f"| raw {names[name]}, batch 32 | {seconds:.1f} | {windows_count / seconds:.1f} | "
            f"{seconds / built.seconds:.2f} |"
        )
    lines.append(
        f"| `index_corpus` ({backend} fp32, the default: scan, parse, embed, publish) | "
        f"{built.seconds:.1f} | {windows_count / built.seconds:.1f} | 1.00 |"
    )
    torch_seconds = r["raw"]["torch"]
    direct = r["direct"]
    lines += [
        "",
        "| embedder (same run) | embedding seconds | speed vs torch fp32 | nDCG@10 dense, direct | change |",
        "|---|---|---|---|---|",
    ]
    for name, seconds in r["raw"].items():
        change = direct[name] - direct["torch"]
        lines.append(
            f"| {names[name]} | {seconds:.1f} | ×{torch_seconds / seconds:.2f} | {direct[name]:.3f} | "
            f"{change:+.3f} |"
        )
    lines += [
        "",
        f"Smallest cosine between the two fp32 encoders' vectors of the same window: {r['agreement']:.6f}.",
    ]
    dense, dense8 = r["test"][Config("dense")][0], r["test8"][Config("dense")][0]
    hybrid, hybrid8 = r["test"][chosen][0], r["test8"][chosen][0]
    lines += [
        "",
        f"| int8 vs fp32 ({backend}, same run) | fp32 | int8 | change |",
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
