"""Hybrid search: keyword BM25 (stemmed; index.keyword) and FAISS cosine, filtered first, then fused."""

from __future__ import annotations

from typing import Literal

from index import vectors
from index.embedding.base import Embedder
from index.generation import Generation
from index.keyword import fts5
from index.keyword.base import query_words
from index.records import Hit, SearchFilters

Fusion = Literal["rrf", "convex"]
Mode = Literal["hybrid", "keyword", "dense"]


def fts_query(text: str) -> str | None:
    """User words → an FTS5 query that cannot be a syntax error: quoted terms joined by OR."""
    return fts5.fts_query(query_words(text))


def _fuse(
    results: dict[str, list[tuple[int, float]]], fusion: Fusion, rrf_k: int, alpha: float
) -> dict[int, float]:
    """One score per passage from each retriever's (id, score) list, best first."""
    scores: dict[int, float] = {}
    if fusion == "rrf" or len(results) == 1:
        # Reciprocal rank fusion: uses ranks only, so the two score scales never meet.
        for items in results.values():
            for rank, (pid, _) in enumerate(items, start=1):
                scores[pid] = scores.get(pid, 0.0) + 1.0 / (rrf_k + rank)
        return scores
    # Convex combination of min-max normalised scores: alpha for dense, the rest for keywords.
    weights = {"dense": alpha, "keyword": 1.0 - alpha}
    for name, items in results.items():
        if not items:
            continue
        values = [s for _, s in items]
        low, span = min(values), (max(values) - min(values)) or 1.0
        for pid, score in items:
            scores[pid] = scores.get(pid, 0.0) + weights[name] * (score - low) / span
    return scores


def search(
    generation: Generation,
    embedder: Embedder,
    query: str,
    *,
    k: int = 10,
    filters: SearchFilters | None = None,
    candidates: int = 100,
    rrf_k: int = 60,
    fusion: Fusion = "rrf",
    alpha: float = 0.5,
    mode: Mode = "hybrid",
) -> list[Hit]:
    """The best k passages for `query`; every filter narrows the pool before either ranking.

    `mode` picks keyword only, dense only or both (the default); benchmarks compare the three.
    """
    filters = filters or SearchFilters()
    store = generation.store
    pool = max(candidates, k)
    allowed: vectors.Subset | None = None
    if filters != SearchFilters():  # any filter, clearance included, narrows the pool first
        allowed = generation.subset(filters)
        if not len(allowed):
            return []

    results: dict[str, list[tuple[int, float]]] = {}
    words = query_words(query)
    if words and mode != "dense":
        results["keyword"] = generation.keywords.search(words, filters, pool)
    if mode != "keyword":
        query_vector = embedder.embed_queries([query])[0]
        results["dense"] = vectors.nearest(generation.vectors, query_vector, pool, allowed)

    scores = _fuse(results, fusion, rrf_k, alpha)
    ranks: dict[int, dict[str, int]] = {}
    for name, items in results.items():
        for rank, (pid, _) in enumerate(items, start=1):
            ranks.setdefault(pid, {})[name] = rank
    best = sorted(scores, key=lambda pid: (-scores[pid], pid))[:k]
    found = store.passages(best)
    return [
        Hit(passage=found[pid][0], letter=found[pid][1], score=round(scores[pid], 6), ranks=ranks[pid])
        for pid in best
        if pid in found
    ]
