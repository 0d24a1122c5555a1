"""What the app holds once started: settings, the model, the current index, users and the audit log."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.assistant import Assistant
from assistant.reader import Identity, Reader
from index.audit import Audit
from index.clearance import Levels
from index.embedding.base import Embedder
from index.generation import CurrentIndex
from index.settings import Settings
from web.users import Users


@dataclass
class Services:
    settings: Settings
    index: CurrentIndex
    assistant: Assistant
    users: Users
    audit: Audit
    levels: Levels

    @classmethod
    def build(cls, settings: Settings, embedder: Embedder) -> Services:
        return cls(
            settings,
            CurrentIndex(settings.data_dir),
            Assistant(settings, embedder),
            Users.from_settings(settings),
            Audit(settings.audit_path()),
            settings.levels(),
        )

    def reader(self, identity: Identity) -> Reader:
        """A reader on the current generation: every read of one request goes through it."""
        return Reader(
            self.index.get(), identity, assistant=self.assistant, levels=self.levels, audit=self.audit
        )
