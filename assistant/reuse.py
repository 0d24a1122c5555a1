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
        # Texts and questions apart: a question may be embedded by the faster query graph.
        self._seen: dict[tuple[bool, str], np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._once(texts, query=False)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._once(texts, query=True)

    def _once(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        plain = [(query, " ".join(t.split())) for t in texts]
        missing = [key for key in dict.fromkeys(plain) if key not in self._seen]
        if missing:
            run = self._embedder.embed_queries if query else self._embedder.embed
            vectors = run([t for _, t in missing])
            self._seen.update(zip(missing, np.asarray(vectors, dtype=np.float32), strict=True))
        if not plain:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._seen[key] for key in plain])
