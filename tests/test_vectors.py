"""How the FAISS index is chosen: flat while exact search is cheap, IVF of measured shape beyond."""

from __future__ import annotations

from index import vectors
from index.settings import Settings


def test_auto_keeps_flat_to_the_threshold_then_ivf_with_four_root_n_lists() -> None:
    settings = Settings()
    flat_max, probes = settings.flat_max_vectors, settings.ivf_probes
    assert vectors.choose("auto", flat_max, flat_max=flat_max, probes=probes).kind == "flat"
    # The measured shape (BENCHMARKS.md, scale): 4√n lists, so 4,000 at a million, 128 probes.
    million = vectors.choose("auto", 1_000_000, flat_max=flat_max, probes=probes)
    assert million == vectors.VectorIndexChoice("ivf", 4000, 128)
    assert vectors.choose("auto", 250_001, flat_max=flat_max, probes=probes).lists == 2000


def test_small_ivf_indexes_keep_enough_training_points_a_list_and_never_probe_more_lists_than_exist() -> None:
    small = vectors.choose("ivf", 2000, flat_max=0, probes=128)
    assert small.lists == 2000 // 39  # FAISS wants at least 39 training points a list
    assert small.probes == small.lists
    assert vectors.choose("flat", 10_000_000, flat_max=0, probes=128).kind == "flat"
