"""A hashed bag-of-words embedder: vectors without meaning, for bookkeeping tests and benchmark set-up.

Deterministic, instant and counting what it embedded, so a test can check that unchanged text is
never embedded twice, and a benchmark can build a large index without paying for the real model.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np


class HashEmbedder:
    """Each word adds 1 to one of `dimension` slots chosen by its hash; rows are L2-normalised."""

    def __init__(self, *, name: str = "hash-test", dimension: int = 64) -> None:
        self.name = name
        self.dimension = dimension
        self.embedded: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded.extend(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.embed(texts)
