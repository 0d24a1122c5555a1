"""The FAISS index, derived from the vectors stored in SQLite: ids are passage rowids.

Flat (every vector scanned, held as float16) while it is cheap; IVF beyond `flat_max_vectors`
(setting `LETTERS_VECTOR_INDEX`), its lists and probes chosen by measured recall on real vectors
(≥ 0.98 of the exact top 100; `bench.scale --real-sweep` reports it).
Which index a generation holds, and its probes, are in its manifest.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from index.store import Store

TRAIN_PER_LIST = 40  # k-means sample: FAISS asks for 39-256 points a list; the measured 4,096 lists had 39


@dataclass(frozen=True)
class VectorIndexChoice:
    """What a generation's FAISS index is: "flat", or "ivf" with its list count and probes."""

    kind: str = "flat"
    lists: int = 0
    probes: int = 0


def choose(kind: str, vectors: int, *, flat_max: int, probes: int | None) -> VectorIndexChoice:
    """The index for `vectors` vectors: `kind` "auto" is flat up to `flat_max`, IVF beyond."""
    if kind == "flat" or (kind == "auto" and vectors <= flat_max):
        return VectorIndexChoice()
    # 2√n lists, never fewer than 39 training points a list (FAISS's floor). Chosen on real vectors
    # (Enron and SciFact texts embedded by the model, 10k-100k; BENCHMARKS.md, scale, issue 14): the
    # recall of a list count depends on the share probed, which 4√n lists make larger to no gain.
    lists = max(1, min(2 * int(math.sqrt(vectors)), vectors // 39))
    return VectorIndexChoice("ivf", lists, probes_for(lists, probes))


def probes_for(lists: int, probes: int | None = None) -> int:
    """Lists searched per query: `probes` when set, else 6√lists, never more lists than exist.

    Measured on real vectors (same table): 6√lists found 0.982-0.992 of the exact top 100 at 316,
    632 and 1,264 lists over 100,000 vectors, 0.988 at 446 over 50,000 and 0.994 at 200 over 10,000
    (a third to a sixth of the lists: the share a given recall needs falls as lists grow). Synthetic
    vectors cluster more tightly and need far fewer (48 of 4,000 at a million), so they did not set it.
    """
    wanted = probes if probes is not None else math.ceil(6 * math.sqrt(lists))
    return max(1, min(wanted, lists))


def build(store: Store, dimension: int, choice: VectorIndexChoice = VectorIndexChoice()) -> faiss.Index:
    """Every embedding window's vector (a passage may have several), in the index `choice` names."""
    index: faiss.Index
    if choice.kind == "flat":
        index = faiss.IndexIDMap(flat_index(dimension))
    else:
        ivf = ivf_index(dimension, choice.lists)
        ivf.train(training_sample(store, choice.lists * TRAIN_PER_LIST))
        ivf.nprobe = choice.probes
        index = ivf
    for ids, vectors in store.chunk_vectors():
        index.add_with_ids(vectors, ids)
    return index


def flat_index(dimension: int) -> faiss.Index:
    """An exhaustive inner-product index of float16 vectors: half the bytes each search scans.

    Measured at 100,000 vectors, one thread, 400 asked (BENCHMARKS.md, scale; issue 14): 4.4 ms a
    search against 8.2 ms for float32, finding 0.9998 of the exact top 100 (cosines to ~1e-3). Unlike
    HNSW it still removes vectors and takes an id selector, so updates and filters work as before.
    """
    return faiss.IndexScalarQuantizer(dimension, faiss.ScalarQuantizer.QT_fp16, faiss.METRIC_INNER_PRODUCT)


def ivf_index(dimension: int, lists: int) -> faiss.IndexIVF:
    """Inverted lists of float16 vectors (half the bytes of IVFFlat, as flat_index holds them).

    The codes are the vectors themselves, not residuals to their list's centroid: inner products
    need no per-list correction, and float16 keeps cosines to ~1e-3 (BENCHMARKS.md, scale).
    """
    # FAISS's wrapper keeps the quantizer alive with the index (add_ref_in_constructor).
    return faiss.IndexIVFScalarQuantizer(
        faiss.IndexFlatIP(dimension),
        dimension,
        lists,
        faiss.ScalarQuantizer.QT_fp16,
        faiss.METRIC_INNER_PRODUCT,
        False,
    )


def training_sample(store: Store, size: int) -> np.ndarray:
    """About `size` stored vectors spread over the whole index (every n-th batch row)."""
    total = store.db.execute("SELECT count(*) FROM chunks").fetchone()[0]
    step = max(1, total // max(size, 1))
    parts = [vectors[::step] for _, vectors in store.chunk_vectors()]
    return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)


def update(index: faiss.Index, store: Store, deleted: Sequence[int], added: Sequence[int]) -> faiss.Index:
    """The previous generation's index less the deleted passages, plus the added ones' windows."""
    if deleted:
        index.remove_ids(faiss.IDSelectorBatch(np.asarray(sorted(set(deleted)), dtype=np.int64)))
    for ids, vectors in store.chunk_vectors(added):
        index.add_with_ids(vectors, ids)
    return index


def save(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load(path: Path, probes: int = 0) -> faiss.Index:
    # Searches come one query at a time, from many request threads at once: FAISS's OpenMP threads
    # only add start-up and contention (flat search over 100,000 vectors: 17.6 ms with 2 threads,
    # 8.2 ms with 1 on this 2-core machine; BENCHMARKS.md, issue 7).
    faiss.omp_set_num_threads(1)
    index = faiss.read_index(str(path))
    if probes and isinstance(index, faiss.IndexIVF):
        index.nprobe = probes
    return index


class Subset:
    """The passage ids a search may return, with FAISS's selector for them built once."""

    def __init__(self, ids: Sequence[int]) -> None:
        self.ids = np.asarray(ids, dtype=np.int64)
        self.selector = faiss.IDSelectorBatch(self.ids) if len(self.ids) else None

    def __len__(self) -> int:
        return len(self.ids)


def _parameters(index: faiss.Index, allowed: Subset | None) -> faiss.SearchParameters | None:
    if isinstance(index, faiss.IndexIVF):
        probes = index.nprobe
        if allowed is not None:
            # A filter leaves a share of each list: probe more lists so that about as many allowed
            # vectors are scanned as without it (all of them for a narrow filter).
            probes = min(index.nlist, math.ceil(probes * index.ntotal / max(1, len(allowed))))
        sel = allowed.selector if allowed is not None else None
        return faiss.SearchParametersIVF(sel=sel, nprobe=probes)  # type: ignore[call-arg]  # SWIG kwargs
    if allowed is not None:
        return faiss.SearchParameters(sel=allowed.selector)  # type: ignore[call-arg]  # SWIG kwargs
    return None


def nearest(
    index: faiss.Index, query: np.ndarray, limit: int, allowed: Subset | None = None
) -> list[tuple[int, float]]:
    """(passage id, cosine) best first, one entry per passage; `allowed` restricts before ranking."""
    if index.ntotal == 0 or limit <= 0 or (allowed is not None and not len(allowed)):
        return []
    # OpenMP's thread count is a per-thread setting: the one made at load() holds only in the thread
    # that loaded, and a web request's worker thread would search on every core and spin on the
    # rest (flat search of 92,707 vectors from a worker thread: 79 ms; with this, 17 ms; issue 14).
    faiss.omp_set_num_threads(1)
    params = _parameters(index, allowed)
    # Long passages have several windows, so ask for more than `limit` and keep each passage's best.
    want = min(index.ntotal, limit * 4)
    scores, ids = index.search(np.asarray(query, dtype=np.float32).reshape(1, -1), want, params=params)
    best: dict[int, float] = {}
    for pid, score in zip(ids[0].tolist(), scores[0].tolist(), strict=True):
        if pid >= 0 and pid not in best:
            best[pid] = float(score)
    return list(best.items())[:limit]
