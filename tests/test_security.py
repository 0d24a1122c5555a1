"""Clearances, sign-in, CSRF, lock-out, SSO proxy header, local-mode binding, and the audit log."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from index.clearance import DEFAULT_LEVELS, Levels
from index.embedding.base import Embedder
from index.generation import open_current
from index.records import SearchFilters
from index.settings import Settings
from tests.conftest import ROOT
from tests.fixtures import PASSWORD, app_client, indexed_world, token_from
from web.app import create_app
from web.users import UserError, Users

L2009 = "003_3342f1d31a3cf50b.txt"
# Words found only in the CONFIDENTIAL 2009 letter (the 2011 letter names Bill McCarthy too).
SECRET_WORDS = ("Primarolo", "small strategic Board", "Civic Hall", "Sanctuary Buildings", "Richard Brett")


def levels() -> Levels:
    return Levels(DEFAULT_LEVELS)


# --- levels ------------------------------------------------------------------------------------
def test_markings_are_ordered_levels_covering_both_uk_schemes() -> None:
    lv = levels()
    order = ["UNMARKED", "OFFICIAL", "OFFICIAL-SENSITIVE", "CONFIDENTIAL", "SECRET", "TOP SECRET"]
    assert [lv.level(name) for name in order] == [0, 1, 2, 3, 4, 5]
    assert lv.level("PROTECT") == lv.level("official") and lv.level("RESTRICTED") == lv.level(
        "OFFICIAL SENSITIVE"
    )
    assert lv.of_marking(None) == 0 and lv.of_marking("PRIVATE AND CONFIDENTIAL") == 3
    assert lv.of_marking("OFFICIAL-SENSITIVE") == 2 and lv.of_marking("PROTECT – PERSONAL") == 1
    assert lv.of_marking("EYES ONLY") == 5  # unknown markings never widen access
    assert Levels(DEFAULT_LEVELS, default_marking="OFFICIAL").of_marking(None) == 1
    assert lv.allowed(["CONFIDENTIAL", None, "OFFICIAL"], "OFFICIAL-SENSITIVE") == (None, "OFFICIAL")
    with pytest.raises(ValueError, match="unknown clearance"):
        lv.level("MEDIUM")


# --- the app -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory, real_embedder: Embedder) -> Settings:
    users = [
        ("olive", "officer", "OFFICIAL-SENSITIVE"),
        ("adam", "admin", "CONFIDENTIAL"),
        ("lockme", "officer", "OFFICIAL"),
    ]
    return indexed_world(tmp_path_factory.mktemp("secure"), real_embedder, users=users, max_failed_logins=3)


@pytest.fixture(scope="module")
def app(settings: Settings, real_embedder: Embedder):
    return create_app(settings, embedder=real_embedder)


def signed_in(app, name: str) -> TestClient:
    return app_client(app, name)


@pytest.fixture(scope="module")
def officer(app) -> TestClient:
    return signed_in(app, "olive")


@pytest.fixture(scope="module")
def admin(app) -> TestClient:
    return signed_in(app, "adam")


def ids(client: TestClient) -> dict[str, str]:
    return {lt["path"]: lt["id"] for lt in client.get("/api/letters").json()["letters"]}


def test_without_a_session_pages_go_to_sign_in_and_the_api_answers_401(app) -> None:
    with TestClient(app) as anonymous:
        page = anonymous.get("/search?q=chair", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login?next=%2Fsearch%3Fq%3Dchair"
        for method, url in (("get", "/api/letters"), ("get", "/api/search?q=x"), ("post", "/api/ask")):
            response = getattr(anonymous, method)(
                url, **({"json": {"question": "x"}} if method == "post" else {})
            )
            assert response.status_code == 401
        login = anonymous.get("/login")
        assert 'name="username"' in login.text and 'name="password"' in login.text
        assert 'type="hidden" name="csrf_token"' in login.text


def test_sign_in_gives_an_httponly_samesite_cookie_and_sign_out_ends_it(app) -> None:
    client = signed_in(app, "olive")
    cookie = next(c for c in client.cookies.jar if c.name == "letters_session")
    assert (
        cookie.has_nonstandard_attr("HttpOnly") and cookie.get_nonstandard_attr("SameSite").lower() == "lax"
    )
    page = client.get("/")
    assert page.status_code == 200 and "olive · OFFICIAL-SENSITIVE" in page.text
    stolen = cookie.value
    out = client.post("/logout", data={"csrf_token": token_from(page.text)}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    with TestClient(app, cookies={"letters_session": stolen}) as replay:
        assert replay.get("/", follow_redirects=False).status_code == 303  # the session is gone


def test_forms_without_the_csrf_token_are_refused(app, officer) -> None:
    with TestClient(app) as anonymous:
        anonymous.get("/login")
        refused = anonymous.post("/login", data={"username": "olive", "password": PASSWORD})
        assert refused.status_code == 403 and "did not come from this site" in refused.text
    assert officer.post("/ask", data={"question": "Who chairs the Board?"}).status_code == 403
    assert officer.post("/ask", data={"question": "x", "csrf_token": "forged"}).status_code == 403
    assert officer.post("/logout").status_code == 403
    plain = officer.post("/api/ask", content='{"question": "x"}', headers={"content-type": "text/plain"})
    assert plain.status_code in (415, 422)  # FastAPI reads only JSON bodies; the route insists too


def test_repeated_failed_sign_ins_lock_the_account(app) -> None:
    with TestClient(app) as client:
        token = token_from(client.get("/login").text)
        for _ in range(3):
            failed = client.post(
                "/login", data={"username": "lockme", "password": "wrong!", "csrf_token": token}
            )
            assert failed.status_code == 401
        right = client.post("/login", data={"username": "lockme", "password": PASSWORD, "csrf_token": token})
        # Even the right password, for now, from this address; and with the message of any failure.
        assert right.status_code == 401 and right.text == failed.text


def test_an_officer_below_confidential_gets_no_text_of_the_2009_letter_anywhere(officer, admin) -> None:
    secret_id = ids(admin)[L2009]
    token = token_from(officer.get("/").text)
    board = "What was proposed for the Improvement Board membership?"
    responses = {
        "chat": officer.post("/ask", data={"question": board, "csrf_token": token}),
        "chat-follow-up": officer.post(
            "/ask", data={"question": "Who signed it?", "history": [board], "csrf_token": token}
        ),
        "search": officer.get(
            "/search", params={"q": "Leader of the Council independent chair Westminster", "k": 50}
        ),
        "letters": officer.get("/letters"),
        "letter": officer.get(f"/letters/{secret_id}"),
        "original": officer.get(f"/letters/{secret_id}/original"),
        "api-ask": officer.post("/api/ask", json={"question": board, "k": 50}),
        "api-search": officer.get("/api/search", params={"q": "Minister of State Westminster", "k": 100}),
        "api-letters": officer.get("/api/letters"),
        "api-letter": officer.get(f"/api/letters/{secret_id}"),
        "export-md": officer.get("/export/briefing.md", params={"question": board}),
        "export-docx": officer.get("/export/briefing.docx", params={"question": board}),
    }
    for name, response in responses.items():
        body = response.text if not name.endswith("docx") else response.content.decode("latin-1")
        for word in SECRET_WORDS:
            assert word not in body, f"{name} leaked {word!r}"
        assert secret_id not in body, name
    assert responses["letter"].status_code == 404 and responses["api-letter"].status_code == 404
    assert responses["original"].status_code == 404
    assert len(responses["api-letters"].json()["letters"]) == 1  # counts do not reveal it either
    assert responses["api-ask"].json()["answered"] is False or all(
        c["letter"]["id"] != secret_id for c in responses["api-ask"].json()["citations"]
    )
    hits = responses["api-search"].json()["hits"]
    assert hits and all(h["letter"]["id"] != secret_id for h in hits)


def test_an_admin_cleared_for_confidential_sees_it(admin) -> None:
    secret_id = ids(admin)[L2009]
    assert admin.get(f"/letters/{secret_id}").status_code == 200
    answer = admin.post(
        "/api/ask", json={"question": "What was proposed for the Improvement Board membership?"}
    )
    assert answer.json()["citations"][0]["letter"]["id"] == secret_id


def test_clearance_is_a_retrieval_filter_applied_before_ranking(settings: Settings) -> None:
    generation = open_current(settings.data_dir)
    store = generation.store
    allowed = settings.levels().allowed(store.markings(), "OFFICIAL")
    assert allowed == (None,)
    visible = store.passage_ids(SearchFilters(markings=allowed))
    total = store.passage_ids(SearchFilters())
    hidden = {p.id for lt in store.letters() if lt.marking for p in store.letter_passages(lt.id)}
    assert hidden and not set(visible) & hidden and set(visible) | hidden == set(total)
    assert store.passage_ids(SearchFilters(markings=())) == []


def test_proxy_header_counts_only_from_configured_addresses(settings, real_embedder) -> None:
    trusted = settings.model_copy(
        update={"trusted_proxy_header": "X-Remote-User", "trusted_proxies": ["testclient"]}
    )
    with TestClient(create_app(trusted, embedder=real_embedder)) as client:
        assert client.get("/api/letters", headers={"X-Remote-User": "olive"}).status_code == 200
        assert client.get("/api/letters", headers={"X-Remote-User": "nobody"}).status_code == 401
        assert client.get("/api/letters").status_code == 401
    elsewhere = settings.model_copy(
        update={"trusted_proxy_header": "X-Remote-User", "trusted_proxies": ["10.9.9.9"]}
    )
    with TestClient(create_app(elsewhere, embedder=real_embedder)) as client:
        assert client.get("/api/letters", headers={"X-Remote-User": "adam"}).status_code == 401


def test_every_sign_in_question_search_view_and_export_is_audited(app, settings) -> None:
    client = signed_in(app, "olive")
    token = token_from(client.get("/").text)
    client.post("/ask", data={"question": "How many advanced practitioners?", "csrf_token": token})
    client.get("/search", params={"q": "Ofsted"})
    visible = ids(client)["000_9ad1bc9b658695e5.txt"]
    client.get(f"/letters/{visible}")
    client.get("/export/briefing.md", params={"question": "How many advanced practitioners?"})
    entries = [json.loads(line) for line in settings.audit_path().read_text().splitlines()]
    mine = [e for e in entries if e["user"] == "olive"]
    events = [e["event"] for e in mine]
    for event in ("sign-in", "ask", "search", "view", "export"):
        assert event in events
    ask = next(e for e in reversed(mine) if e["event"] == "ask")
    assert ask["question"] == "How many advanced practitioners?" and visible in ask["letters"]
    assert all(e["time"] for e in mine)
    assert any(e["event"] == "sign-in failed" for e in entries)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli.main",
            "audit",
            "--user",
            "olive",
            "--json",
            "--data-dir",
            str(settings.data_dir),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert lines and {e["user"] for e in lines} == {"olive"} and "view" in {e["event"] for e in lines}


# --- the CLI -----------------------------------------------------------------------------------
def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.main", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=ROOT,
        timeout=240,
    )


def test_users_are_managed_from_the_command_line(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path)]
    added = run(
        "users",
        "add",
        "kim",
        "--role",
        "officer",
        "--clearance",
        "official",
        "--password-stdin",
        *data,
        stdin=PASSWORD + "\n",
    )
    assert added.returncode == 0 and "cleared to OFFICIAL" in added.stdout
    listed = json.loads(run("users", "list", "--json", *data).stdout)
    assert listed == {"users": [{"name": "kim", "role": "officer", "clearance": "OFFICIAL"}]}
    stored = (tmp_path / "users.db").read_bytes()
    assert PASSWORD.encode() not in stored and b"$argon2id$" in stored
    assert (
        run("users", "set-password", "kim", "--password-stdin", *data, stdin="another long one\n").returncode
        == 0
    )
    users = Users(tmp_path / "users.db", levels())
    assert users.sign_in("kim", "another long one").session is not None
    bad = run(
        "users",
        "add",
        "lee",
        "--role",
        "officer",
        "--clearance",
        "MEDIUM",
        "--password-stdin",
        *data,
        stdin=PASSWORD + "\n",
    )
    assert bad.returncode == 2 and "unknown clearance 'MEDIUM'" in bad.stderr
    short = run(
        "users",
        "add",
        "lee",
        "--role",
        "officer",
        "--clearance",
        "OFFICIAL",
        "--password-stdin",
        *data,
        stdin="short\n",
    )
    assert short.returncode == 2 and "at least 10 characters" in short.stderr
    assert run("users", "remove", "kim", *data).returncode == 0
    assert run("users", "remove", "kim", *data).returncode == 2
    with pytest.raises(UserError, match="already exists"):
        users.add("x", "admin", "SECRET", PASSWORD)
        users.add("x", "admin", "SECRET", PASSWORD)


def test_serve_with_no_users_refuses_to_bind_beyond_this_machine(settings, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(settings.data_dir, data, ignore=shutil.ignore_patterns("users.db*", "audit.jsonl"))
    refused = run("serve", "--host", "0.0.0.0", "--port", "8765", "--data-dir", str(data))
    assert refused.returncode == 2
    assert "no users are configured" in refused.stderr and "letters users add" in refused.stderr
