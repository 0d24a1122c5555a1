"""How the FAISS index is chosen: flat while exact search is cheap, IVF of measured shape beyond."""

from __future__ import annotations

import faiss
import numpy as np

from bench.common import load_scifact
from index import vectors
from index.embedding.base import Embedder
from index.settings import Settings


def test_auto_keeps_flat_to_the_threshold_then_ivf_with_two_root_n_lists_and_six_root_lists_probes() -> None:
    settings = Settings()
    flat_max, probes = settings.flat_max_vectors, settings.ivf_probes
    assert vectors.choose("auto", flat_max, flat_max=flat_max, probes=probes).kind == "flat"
    # The shape measured on real vectors (BENCHMARKS.md, scale): 2√n lists, 6√lists probes.
    hundred_k = vectors.choose("auto", 100_000, flat_max=flat_max, probes=probes)
    assert hundred_k == vectors.VectorIndexChoice("ivf", 632, 151)
    assert vectors.choose("auto", 1_000_000, flat_max=flat_max, probes=probes) == vectors.VectorIndexChoice(
        "ivf", 2000, 269
    )
    # LETTERS_IVF_PROBES, when set, is the count itself.
    assert vectors.choose("auto", 100_000, flat_max=flat_max, probes=64).probes == 64


def test_small_ivf_indexes_keep_enough_training_points_a_list_and_never_probe_more_lists_than_exist() -> None:
    small = vectors.choose("ivf", 2000, flat_max=0, probes=128)
    assert small.lists == 2000 // 39  # FAISS wants at least 39 training points a list
    assert small.probes == small.lists
    assert vectors.choose("ivf", 2000, flat_max=0, probes=None).probes == 43  # ⌈6√51⌉
    assert vectors.choose("flat", 10_000_000, flat_max=0, probes=128).kind == "flat"


def test_ivf_index_holds_float16_vectors_finds_what_exact_search_finds_and_removes_and_filters() -> None:
    rng = np.random.default_rng(14)
    centres = rng.standard_normal((40, 64)).astype(np.float32)
    base = centres[rng.integers(0, 40, 4000)] + 0.3 * rng.standard_normal((4000, 64)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    ids = np.arange(1, len(base) + 1, dtype=np.int64) * 3
    index = vectors.ivf_index(64, 40)
    index.train(base)
    index.add_with_ids(base, ids)
    index.nprobe = 40  # every list: exact up to float16
    assert isinstance(index, faiss.IndexIVFScalarQuantizer)
    exact = faiss.IndexIDMap(faiss.IndexFlatIP(64))
    exact.add_with_ids(base, ids)
    for query in base[:5]:
        want, got = vectors.nearest(exact, query, 20), vectors.nearest(index, query, 20)
        assert len({p for p, _ in want} & {p for p, _ in got}) >= 19
    removed = [p for p, _ in vectors.nearest(index, base[0], 5)]
    index.remove_ids(faiss.IDSelectorBatch(np.asarray(removed, dtype=np.int64)))
    assert not set(removed) & {p for p, _ in vectors.nearest(index, base[0], 50)}
    allowed = vectors.Subset(ids[200:210].tolist())
    assert {p for p, _ in vectors.nearest(index, base[1], 10, allowed)} == set(allowed.ids.tolist())


def test_flat_float16_index_ranks_real_vectors_as_exact_search_does_and_still_removes_and_filters(
    real_embedder: Embedder,
) -> None:
    # The scale benchmark's 10k letters are SciFact abstracts; their sentences are real model material.
    docs = load_scifact().docs[:300]
    base = real_embedder.embed([f"{d.title}. {d.text[:400]}" for d in docs])
    ids = np.arange(1, len(base) + 1, dtype=np.int64) * 7
    exact = faiss.IndexIDMap(faiss.IndexFlatIP(base.shape[1]))
    exact.add_with_ids(base, ids)
    half = faiss.IndexIDMap(vectors.flat_index(base.shape[1]))
    half.add_with_ids(base, ids)
    assert isinstance(faiss.downcast_index(half.index), faiss.IndexScalarQuantizer)
    queries = real_embedder.embed(["vitamin D and bone fractures", "gene expression in tumour cells"])
    for query in queries:
        want = vectors.nearest(exact, query, 20)
        got = vectors.nearest(half, query, 20)
        assert len({p for p, _ in want} & {p for p, _ in got}) >= 19
        assert max(abs(a - b) for (_, a), (_, b) in zip(want, got, strict=True)) < 0.005
    removed = [p for p, _ in vectors.nearest(half, queries[0], 5)]
    half.remove_ids(faiss.IDSelectorBatch(np.asarray(removed, dtype=np.int64)))  # as update() does
    assert not set(removed) & {p for p, _ in vectors.nearest(half, queries[0], 50)}
    allowed = vectors.Subset([p for p in ids.tolist() if p not in removed][100:110])
    assert {p for p, _ in vectors.nearest(half, queries[1], 10, allowed)} == set(allowed.ids.tolist())
