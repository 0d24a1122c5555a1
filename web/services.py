"""What the app holds once started: settings, the model, the current index and the assistant."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.assistant import Assistant
from index.embedder import Embedder
from index.generation import CurrentIndex, Generation
from index.records import Hit, Letter, SearchFilters
from index.search import search
from index.settings import Settings


@dataclass
class Services:
    settings: Settings
    embedder: Embedder
    index: CurrentIndex
    assistant: Assistant

    @classmethod
    def build(cls, settings: Settings, embedder: Embedder) -> Services:
        index = CurrentIndex(settings.data_dir)
        return cls(settings, embedder, index, Assistant(settings, embedder, index.get))

    def generation(self) -> Generation:
        return self.index.get()

    def search(self, generation: Generation, query: str, k: int, filters: SearchFilters) -> list[Hit]:
        s = self.settings
        return search(
            generation, self.embedder, query, k=k, filters=filters, candidates=s.candidates, rrf_k=s.rrf_k
        )


def list_letters(generation: Generation, filters: SearchFilters, sort: str) -> list[Letter]:
    """Letters by date ("date" oldest first, "-date" newest first); undated ones last either way."""
    found = generation.store.letters(filters)
    dated = sorted((lt for lt in found if lt.date), key=lambda lt: lt.date or "", reverse=sort == "-date")
    return dated + [lt for lt in found if not lt.date]
