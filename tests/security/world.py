"""The security tests' world: the bundled letters indexed with the hash embedder (fast), and users.

The tests here pin web, session and server behaviour; what a model makes of the words does not
matter to them, so the one fake embedder builds their index in seconds.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from index.embedding.fake import HashEmbedder
from index.settings import Settings
from tests.fixtures import indexed_world
from web.app import create_app

USERS = (("olive", "officer", "OFFICIAL-SENSITIVE"), ("adam", "admin", "TOP SECRET"))


def hash_world(root: Path, *, users: Any = USERS, **settings: Any) -> Settings:
    return indexed_world(root, HashEmbedder(), users=users, model="hash-test", **settings)


def hash_app(settings: Settings) -> FastAPI:
    return create_app(settings, embedder=HashEmbedder())


def alert(html: str) -> str:
    """The error message a page shows (the login form's `role="alert"` paragraph)."""
    match = re.search(r'role="alert">([^<]*)<', html)
    assert match, html[:500]
    return match.group(1)
