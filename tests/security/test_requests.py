"""What one request may do: another site's link reads nothing in your name, a failure still carries
the security headers, and every audited request names where it came from."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from index.settings import Settings
from tests.fixtures import app_client
from tests.security.world import hash_app, hash_world

L2009 = "003_3342f1d31a3cf50b.txt"  # CONFIDENTIAL: above olive's OFFICIAL-SENSITIVE
QUESTION = "Who chairs the Improvement Board?"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return hash_world(tmp_path_factory.mktemp("requests"))


@pytest.fixture(scope="module")
def ids(world: Settings) -> dict[str, str]:
    admin = app_client(hash_app(world), "adam")
    try:
        return {lt["path"]: lt["id"] for lt in admin.get("/api/letters").json()["letters"]}
    finally:
        admin.__exit__(None, None, None)


def audit(world: Settings) -> list[dict]:
    return [json.loads(line) for line in world.audit_path().read_text().splitlines()]


def audited_gets(ids: dict[str, str]) -> list[str]:
    visible = next(i for path, i in ids.items() if path != L2009)
    return [
        "/search?q=Board",
        f"/letters/{visible}",
        f"/letters/{ids[L2009]}",  # hidden from olive: would be a "view denied" line
        f"/letters/{visible}/original",
        f"/export/briefing.md?question={QUESTION}",
        f"/export/briefing.docx?question={QUESTION}",
        "/api/search?q=Board",
        f"/api/letters/{visible}",
    ]


def test_audited_reads_started_by_another_site_are_refused_and_write_nothing(world, ids) -> None:
    # A page elsewhere could link or <img src> these with the victim's cookie (SameSite=Lax lets
    # top-level navigations through) and write searches and views into the audit log in their name.
    officer = app_client(hash_app(world), "olive")
    try:
        before = len(audit(world))
        for url in audited_gets(ids):
            refused = officer.get(url, headers={"Sec-Fetch-Site": "cross-site"})
            assert refused.status_code == 403, url
        assert len(audit(world)) == before
        for url in audited_gets(ids):  # the same links from the app itself, or typed, are read
            for site in ("same-origin", "none"):
                seen = officer.get(url, headers={"Sec-Fetch-Site": site})
                assert seen.status_code == (404 if ids[L2009] in url else 200), (url, site)
        assert len(audit(world)) == before + 2 * len(audited_gets(ids))
        # Pages that audit nothing still open from a link in an email.
        for url in ("/", "/letters", "/api/letters"):
            assert officer.get(url, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 200
    finally:
        officer.__exit__(None, None, None)


def test_a_server_error_carries_the_security_headers_and_no_traceback(world) -> None:
    app = hash_app(world)

    @app.get("/api/boom")
    def boom() -> None:
        raise RuntimeError("secret detail of the failure")

    @app.get("/boom-page")
    def boom_page() -> None:
        raise RuntimeError("secret detail of the failure")

    with TestClient(app, raise_server_exceptions=False, base_url="http://127.0.0.1") as client:
        for url in ("/api/boom", "/boom-page"):
            failed = client.get(url, headers={"X-Remote-User": "adam"})
            assert failed.status_code == 500, url
            assert failed.headers["content-security-policy"].startswith("default-src 'self'")
            assert failed.headers["x-frame-options"] == "DENY" and failed.headers["x-content-type-options"]
            assert "secret detail" not in failed.text and "Traceback" not in failed.text


def test_every_audited_request_names_its_source_address_and_how_it_came_in(world, ids) -> None:
    officer = app_client(hash_app(world), "olive")
    try:
        start = len(audit(world))
        officer.get(f"/letters/{ids[L2009]}")
        officer.get(f"/export/briefing.md?question={QUESTION}&history=Who+wrote+in+2011%3F")
        officer.post("/api/ask", json={"question": QUESTION, "history": [{"question": "Who wrote in 2011?"}]})
        officer.get("/search?q=Board")
    finally:
        officer.__exit__(None, None, None)
    sso = world.model_copy(
        update={"trusted_proxy_header": "X-Remote-User", "trusted_proxies": ["testclient"]}
    )
    with TestClient(hash_app(sso)) as proxy:
        proxy.get("/api/search?q=Board", headers={"X-Remote-User": "adam"})
    entries = audit(world)[start - 1 :]  # the officer's sign-in, then each request
    assert entries[0]["event"] == "sign-in" and entries[0]["address"] == "testclient"
    events = {e["event"]: e for e in entries[1:]}
    assert events["view denied"]["letter"] == ids[L2009] and events["view denied"]["letters"] == []
    assert events["export"]["history"] == ["Who wrote in 2011?"]
    assert events["ask"]["history"] == ["Who wrote in 2011?"] and events["ask"]["via"] == "api"
    assert events["search"]["user"] == "adam" and events["search"]["via"] == "sso"
    assert all(e["address"] == "testclient" for e in entries), entries
