"""sentence-transformers on torch: the reference backend, and the fallback when ONNX cannot run a model."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from index.embedding.base import ModelError, resolve_model

if TYPE_CHECKING:
    import torch


def quantise(model: torch.nn.Module) -> None:
    """Swap the model's Linear layers for dynamically quantised int8 ones, in place (CPU only).

    Weights are int8, activations are quantised per batch; on a CPU without a GPU this is the
    cheapest speed-up that needs no export step (measured in BENCHMARKS.md, issue 7).
    """
    import torch

    torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)


class SentenceEmbedder:
    """sentence-transformers on the CPU; nothing is fetched from a hub at run time."""

    backend = "torch"

    def __init__(self, name: str, *, batch_size: int = 32, precision: str = "fp32") -> None:
        # Offline first: a missing model must fail here, not try the network.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        # The per-load "Loading weights" bar is noise in an admin's report and in JSON pipelines.
        hf_logging.disable_progress_bar()

        self.name = name
        self.batch_size = batch_size
        try:
            self._model = SentenceTransformer(resolve_model(name), device="cpu")
        except ModelError:
            raise
        except Exception as exc:
            raise ModelError(
                f"cannot load embedding model '{name}' offline ({exc}); set LETTERS_MODEL to an "
                "installed sentence-transformers model folder"
            ) from exc
        if precision == "int8":
            quantise(self._model)
        # sentence-transformers 6 renamed the accessor; keep both so older installs still work.
        model = self._model
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        dimension = getter()
        if dimension is None:
            raise ModelError(f"model '{name}' does not report its embedding dimension")
        self.dimension = int(dimension)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        # encode() batches by length (it sorts texts longest first internally, then restores order),
        # so padding stays small; normalised vectors make inner product equal cosine.
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)  # the fallback backend: the same model for queries
