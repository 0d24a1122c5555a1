"""An embedder for one answer: each text it is handed is embedded once, and nothing is looked up.

Every unit an answer may quote was embedded at index time (index/units.py, stored under its text's
hash), so an answer embeds only its question (and an earlier turn's topic). The search embeds the
question and so does the scoring of quotes: this keeps the second call free.

It never looks a question up among the stored vectors: that lookup was unfiltered, and asking the
exact text of a hidden passage came back about twice as fast, which confirmed a guessed hidden text
(issue 17; tests/security/test_reuse_timing.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.embedding.base import Embedder


class OnceEmbedder:
    """Wraps an embedder for one answer; texts are whitespace-normalised as index windows are."""

    def __init__(self, embedder: Embedder) -> None:
        self.name, self.dimension = embedder.name, embedder.dimension
        self._embedder = embedder
        self._seen: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        plain = [" ".join(t.split()) for t in texts]
        missing = [t for t in dict.fromkeys(plain) if t not in self._seen]
        if missing:
            vectors = self._embedder.embed(missing)
            self._seen.update(zip(missing, np.asarray(vectors, dtype=np.float32), strict=True))
        if not plain:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._seen[t] for t in plain])

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        # An answer embeds its question as a stored text is embedded (fp32), never by the faster int8
        # query graph: on the Enron dev questions int8 lost 4 hits@3 and gained 1, in the search and
        # in the choice of quotes alike (BENCHMARKS.md, scale). The search and the quotes share it.
        return self.embed(texts)
