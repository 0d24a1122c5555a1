"""What the app holds once started: settings, the model, the current index, users and the audit log."""

from __future__ import annotations

from dataclasses import dataclass, replace

from fastapi import HTTPException

from assistant.assistant import Assistant
from assistant.records import Answer
from index.clearance import Levels
from index.embedding.base import Embedder
from index.generation import CurrentIndex, Generation
from index.records import Hit, Letter, SearchFilters
from index.search import search
from index.settings import Settings
from web.audit import Audit
from web.users import User, Users

NOT_FOUND = "There is no letter with that id in the index; it may have been removed."


@dataclass
class Services:
    settings: Settings
    embedder: Embedder
    index: CurrentIndex
    assistant: Assistant
    users: Users
    audit: Audit
    levels: Levels

    @classmethod
    def build(cls, settings: Settings, embedder: Embedder) -> Services:
        index = CurrentIndex(settings.data_dir)
        levels = settings.levels()
        users = Users(
            settings.users_path(),
            levels,
            session_hours=settings.session_hours,
            max_failed=settings.max_failed_logins,
            lockout_minutes=settings.lockout_minutes,
        )
        return cls(
            settings,
            embedder,
            index,
            Assistant(settings, embedder, index.get),
            users,
            Audit(settings.audit_path()),
            levels,
        )

    def generation(self) -> Generation:
        return self.index.get()

    def cleared(self, generation: Generation, user: User, filters: SearchFilters) -> SearchFilters:
        """`filters` narrowed to the markings `user` is cleared for, applied inside retrieval."""
        present = generation.markings()
        allowed = self.levels.allowed(present, user.clearance)
        # Cleared for every marking this index holds: nothing to narrow, and no id filter to apply.
        return replace(filters, markings=None if len(allowed) == len(set(present)) else allowed)

    def may_see(self, user: User, letter: Letter) -> bool:
        return self.levels.of_marking(letter.marking) <= self.levels.level(user.clearance)

    def visible_letter(self, generation: Generation, user: User, letter_id: str) -> Letter:
        """The letter, or 404 — also when it exists above the user's clearance, so as not to confirm it."""
        found = generation.store.letter(letter_id)
        if found is None or not self.may_see(user, found):
            raise HTTPException(404, NOT_FOUND)
        return found

    def search(self, generation: Generation, query: str, k: int, filters: SearchFilters) -> list[Hit]:
        return search(
            generation, self.embedder, query, k=k, filters=filters, **self.settings.search_options()
        )


def list_letters(generation: Generation, filters: SearchFilters, sort: str) -> list[Letter]:
    """Letters by date ("date" oldest first, "-date" newest first); undated ones last either way."""
    found = generation.store.letters(filters)
    dated = sorted((lt for lt in found if lt.date), key=lambda lt: lt.date or "", reverse=sort == "-date")
    return dated + [lt for lt in found if not lt.date]


def answer_letters(answer: Answer) -> list[str]:
    """Every letter an answer showed text from (cited or related), for the audit log."""
    return list(
        dict.fromkeys([c.letter.id for c in answer.citations] + [h.letter.id for h in answer.related])
    )
