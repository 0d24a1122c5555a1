"""An embedder for one question: vectors the index already holds, and the question's own, are reused."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.embedding.base import Embedder
from index.store import Store, text_hash


class ReusingEmbedder:
    """Embeds only what neither the index nor this question has embedded yet.

    A sentence that is a whole paragraph (common in letters) was embedded at index time under the
    hash of its whitespace-normalised text, and the question is embedded by the search and again for
    scoring quotes; under load these were most of an answer's encoder time (BENCHMARKS.md, issue 7).
    """

    def __init__(self, embedder: Embedder, store: Store) -> None:
        self.name, self.dimension = embedder.name, embedder.dimension
        self._embedder = embedder
        self._store = store
        self._seen: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        # Index windows are whitespace-normalised (ingest.windows.windows); the tokenizer reads
        # them the same either way, so normalising here loses nothing and finds more.
        plain = [" ".join(t.split()) for t in texts]
        hashes = [text_hash(t) for t in plain]
        wanted = [h for h in dict.fromkeys(hashes) if h not in self._seen]
        if wanted:
            self._seen.update(self._store.vectors_for(wanted))
        missing = {h: t for h, t in zip(hashes, plain, strict=True) if h not in self._seen}
        if missing:
            vectors = self._embedder.embed(list(missing.values()))
            self._seen.update(zip(missing, np.asarray(vectors, dtype=np.float32), strict=True))
        if not hashes:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._seen[h] for h in hashes])
