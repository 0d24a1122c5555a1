"""The embedder the settings ask for: ONNX Runtime by default, sentence-transformers on torch as fallback."""

from __future__ import annotations

import logging

from index.embedding.base import Embedder, resolve_model
from index.embedding.onnx import OnnxEmbedder, UnsupportedModel, model_folder
from index.embedding.torch import SentenceEmbedder
from index.settings import Settings

log = logging.getLogger(__name__)


def load_embedder(settings: Settings) -> Embedder:
    """The configured model on the configured backend.

    ONNX falls back to torch, with a warning, when this model cannot be exported (an unusual layout,
    a read-only cache): slower to start, same vectors.
    """
    if settings.embedding_backend == "onnx":
        try:
            return OnnxEmbedder(
                settings.model,
                model_folder(resolve_model(settings.model)),
                settings.model_cache_dir,
                batch_size=settings.batch_size,
                precision=settings.embedding_precision,
                threads=settings.embedding_threads,
                query_threads=settings.query_threads,
                query_precision=settings.query_precision,
            )
        except (UnsupportedModel, OSError) as exc:
            log.warning("embedding with torch instead of ONNX Runtime: %s", exc)
    return SentenceEmbedder(
        settings.model, batch_size=settings.batch_size, precision=settings.embedding_precision
    )
