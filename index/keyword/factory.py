"""The keyword engine a setting names (`LETTERS_KEYWORD_ENGINE`, recorded in each manifest)."""

from __future__ import annotations

from typing import Literal

from index.keyword.base import KeywordEngine
from index.keyword.fts5 import Fts5Engine
from index.keyword.tantivy import TantivyEngine

EngineName = Literal["tantivy", "fts5"]
ENGINES: dict[str, type[KeywordEngine]] = {"tantivy": TantivyEngine, "fts5": Fts5Engine}


def keyword_engine(name: str) -> KeywordEngine:
    """The engine called `name`; an unknown one says which exist."""
    try:
        return ENGINES[name]()
    except KeyError:
        raise ValueError(
            f"unknown keyword engine '{name}' (LETTERS_KEYWORD_ENGINE); use one of {', '.join(ENGINES)}"
        ) from None
