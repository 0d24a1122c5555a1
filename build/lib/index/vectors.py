"""The FAISS index, derived from the vectors stored in SQLite: ids are passage rowids."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import faiss
import numpy as np

from index.store import Store


def build(store: Store, dimension: int) -> faiss.Index:
    """Exact inner-product search over every embedding window; a passage may have several."""
    index = faiss.IndexIDMap(faiss.IndexFlatIP(dimension))
    for ids, vectors in store.chunk_vectors():
        index.add_with_ids(vectors, ids)
    return index


def save(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load(path: Path) -> faiss.Index:
    # Searches come one query at a time, from many request threads at once: FAISS's OpenMP threads
    # only add start-up and contention (flat search over 100,000 vectors: 17.6 ms with 2 threads,
    # 8.2 ms with 1 on this 2-core machine; BENCHMARKS.md, issue 7).
    faiss.omp_set_num_threads(1)
    return faiss.read_index(str(path))


class Subset:
    """The passage ids a search may return, with FAISS's selector for them built once."""

    def __init__(self, ids: Sequence[int]) -> None:
        self.ids = np.asarray(ids, dtype=np.int64)
        self.selector = faiss.IDSelectorBatch(self.ids) if len(self.ids) else None

    def __len__(self) -> int:
        return len(self.ids)


def nearest(
    index: faiss.Index, query: np.ndarray, limit: int, allowed: Subset | None = None
) -> list[tuple[int, float]]:
    """(passage id, cosine) best first, one entry per passage; `allowed` restricts before ranking."""
    if index.ntotal == 0 or limit <= 0 or (allowed is not None and not len(allowed)):
        return []
    params = None
    if allowed is not None:
        params = faiss.SearchParameters(sel=allowed.selector)  # type: ignore[call-arg]  # SWIG kwargs
    # Long passages have several windows, so ask for more than `limit` and keep each passage's best.
    want = min(index.ntotal, limit * 4)
    scores, ids = index.search(np.asarray(query, dtype=np.float32).reshape(1, -1), want, params=params)
    best: dict[int, float] = {}
    for pid, score in zip(ids[0].tolist(), scores[0].tolist(), strict=True):
        if pid >= 0 and pid not in best:
            best[pid] = float(score)
    return list(best.items())[:limit]
