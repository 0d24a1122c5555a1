"""Clearance by construction: every route the app registers, asked by an officer below CONFIDENTIAL
about the CONFIDENTIAL 2009 letter, returns no text, id or count of it.

The routes are read from the app itself (not a hand-kept list), so a new route is walked too; a
route with a required parameter this test cannot fill fails the test until it learns it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import docx
import pytest
from fastapi.routing import APIRoute, iter_route_contexts

from index.embedding.base import Embedder
from tests.fixtures import app_client, csrf, indexed_world
from web.app import create_app

BOARD = "What was proposed for the Improvement Board membership?"
L2009 = "003_3342f1d31a3cf50b.txt"
# Words found only in the CONFIDENTIAL 2009 letter (the 2011 letter names Bill McCarthy too).
SECRET_WORDS = ("Primarolo", "small strategic Board", "Civic Hall", "Sanctuary Buildings", "Richard Brett")
VALUES = {
    "q": "Improvement Board membership independent chair",
    "question": BOARD,
    "history": BOARD,
    "fmt": "md",
    "username": "olive",
    "password": "not the password",
    "next": "/",
    # Conversations and feedback: ids that are not the officer's (the walk must find nothing there).
    "conversation_id": "not-a-conversation-of-hers",
    "n": "1",
    "feedback_id": "1",
    "title": "renamed",
    "note": "wrong",
    "turn": 1,
}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder):
    users = [("olive", "officer", "OFFICIAL-SENSITIVE"), ("adam", "admin", "CONFIDENTIAL")]
    settings = indexed_world(tmp_path_factory.mktemp("routes"), real_embedder, users=users)
    app = create_app(settings, embedder=real_embedder)
    admin = app_client(app, "adam")
    secret_id = next(lt["id"] for lt in admin.get("/api/letters").json()["letters"] if lt["path"] == L2009)
    officer = app_client(app, "olive")
    yield app, officer, secret_id
    admin.__exit__(None, None, None)
    officer.__exit__(None, None, None)


@dataclass
class Params:
    path_params: list = field(default_factory=list)
    query_params: list = field(default_factory=list)
    body_params: list = field(default_factory=list)


def flat_params(dependant) -> Params:
    """A route's parameters, its dependencies' included (FastAPI's `Dependant` tree, walked)."""
    out = Params()
    todo = [dependant]
    while todo:
        current = todo.pop()
        out.path_params += current.path_params
        out.query_params += current.query_params
        out.body_params += current.body_params
        todo += current.dependencies
    return out


def registered_routes(app) -> list:
    """Every API route the app serves, with its router's prefix (FastAPI's own walk, as OpenAPI uses)."""
    return [c for c in iter_route_contexts(app.routes) if isinstance(c.original_route, APIRoute)]


def requests_for(route, secret_id: str) -> list[tuple[str, str, dict]]:
    """(method, url, httpx keyword arguments) that exercise `route` against the secret letter."""
    flat = flat_params(route.dependant)
    path = route.path_format
    for param in flat.path_params:
        value = secret_id if param.name == "letter_id" else VALUES.get(param.name)
        assert value is not None, f"{path}: teach this test a value for path parameter {param.name}"
        path = path.replace("{" + param.name + "}", value)
    query = {p.name: VALUES[p.name] for p in flat.query_params if p.name in VALUES}
    missing = [p.name for p in flat.query_params if p.field_info.is_required() and p.name not in VALUES]
    assert not missing, f"{path}: teach this test values for {missing}"
    if "start" in {p.name for p in flat.query_params}:
        query.update(start=0, end=400)
    out = []
    for method in sorted(route.methods - {"HEAD"}):
        kwargs: dict = {"params": query}
        if method == "POST" and path.startswith("/api/"):
            kwargs["json"] = {"question": BOARD}
        elif method == "POST":
            kwargs["data"] = {p.name: VALUES.get(p.name, "") for p in flat.body_params}
        out.append((method, path, kwargs))
        if "fmt" in {p.name for p in flat.path_params}:
            out.append((method, path.replace("/briefing.md", "/briefing.docx"), kwargs))
    return out


def body_text(response) -> str:
    if response.headers.get("content-type", "").startswith("application/vnd.openxmlformats"):
        document = docx.Document(io.BytesIO(response.content))
        return "\n".join(p.text for p in document.paragraphs)
    return response.text


def test_no_route_returns_text_id_or_count_of_a_letter_above_the_readers_clearance(world) -> None:
    app, officer, secret_id = world
    # Signing out ends the officer's session, so that route is walked last.
    routes = sorted(registered_routes(app), key=lambda r: r.path_format == "/logout")
    assert len(routes) >= 12  # pages, API, exports, session, admin, OpenAPI
    # Counts do not reveal it either: the officer's world holds one letter.
    assert len(officer.get("/api/letters").json()["letters"]) == 1
    assert officer.get("/letters").text.count("<tr>") == 2  # the header and the one letter
    walked = []
    for route in routes:
        for method, url, kwargs in requests_for(route, secret_id):
            if method == "POST" and "data" in kwargs:
                kwargs["data"]["csrf_token"] = csrf(officer)
            response = officer.request(method, url, follow_redirects=False, **kwargs)
            assert response.status_code < 500, (method, url, response.text[:300])
            text = body_text(response)
            assert secret_id not in text, (method, url)
            leaked = [w for w in SECRET_WORDS if w in text]
            assert not leaked, (method, url, leaked)
            walked.append((method, url, response.status_code))
    statuses = {url.split("?")[0]: status for _, url, status in walked}
    assert statuses[f"/letters/{secret_id}"] == 404 and statuses[f"/api/letters/{secret_id}"] == 404
    assert statuses[f"/letters/{secret_id}/original"] == 404
    assert statuses["/admin"] == 403  # an officer is no admin


def test_the_same_walk_as_an_admin_does_see_the_letter(world) -> None:
    """The walk above is not vacuous: cleared for it, the same requests do show the letter."""
    app, _, secret_id = world
    admin = app_client(app, "adam")
    try:
        seen = admin.get(f"/api/letters/{secret_id}")
        assert seen.status_code == 200 and "Primarolo" in seen.text
        answer = admin.post("/api/ask", json={"question": BOARD}).json()
        assert any(c["letter"]["id"] == secret_id for c in answer["citations"])
    finally:
        admin.__exit__(None, None, None)
