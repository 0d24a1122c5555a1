"""The common world of the web tests, built in one place (datasette's `make_app_client` pattern).

`indexed_world` copies the customer's letters (plus any extra files) into a folder, indexes them
with the real model and adds users; `app_client` builds the app and, given a user, signs in through
the real form with its CSRF token. `csrf` and `post_form` are the helpers forms need.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from index.embedding.base import Embedder
from index.settings import Settings
from ingest.pipeline import index_corpus
from tests.conftest import CORPUS, write_corpus
from web.app import create_app
from web.users import Users

PASSWORD = "correct horse battery"


def indexed_world(
    root: Path,
    embedder: Embedder,
    *,
    extra: dict[str, str | bytes] | None = None,
    users: Iterable[tuple[str, str, str]] = (),
    **settings: Any,
) -> Settings:
    """The bundled letters (and `extra` files) indexed into `root/data`.

    `users` are (name, role, clearance), each with the password PASSWORD.
    """
    corpus = root / "corpus"
    shutil.copytree(CORPUS, corpus)
    if extra:
        write_corpus(corpus, extra)
    world = Settings(data_dir=root / "data", corpus_dir=corpus, **settings)
    report = index_corpus(world, corpus, embedder=lambda: embedder)
    assert report.ok, report.failed
    store = Users.from_settings(world)
    for name, role, clearance in users:
        store.add(name, role, clearance, PASSWORD)
    return world


def app_client(app: FastAPI, user: str | None = None, *, password: str = PASSWORD) -> TestClient:
    """A started TestClient for `app`, signed in as `user` when one is given (close it when done)."""
    client = TestClient(app, base_url="http://127.0.0.1")  # single-user mode answers only loopback names
    client.__enter__()
    if user is not None:
        sign_in(client, user, password)
    return client


def make_app_client(settings: Settings, embedder: Embedder, user: str | None = None) -> TestClient:
    return app_client(create_app(settings, embedder=embedder), user)


def token_from(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, html[:500]
    return match.group(1)


def csrf(client: TestClient, page: str = "/") -> str:
    """The CSRF token a page hands its forms."""
    return token_from(client.get(page).text)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> None:
    form = client.get("/login")
    done = client.post(
        "/login",
        data={"username": name, "password": password, "csrf_token": token_from(form.text)},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text


def post_form(client: TestClient, path: str, data: dict[str, Any], *, page: str = "/") -> Any:
    """A form as a browser sends it: with the CSRF token of the page it sits on."""
    return client.post(path, data={"csrf_token": csrf(client, page), **data})
