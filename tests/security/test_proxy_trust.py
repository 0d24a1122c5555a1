"""The SSO header counts only from the proxy's own socket, through the server `letters serve` runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from fastapi.testclient import TestClient

from index.settings import Settings
from tests.fixtures import PASSWORD, token_from
from tests.live_server import LiveServer
from tests.security.world import hash_app, hash_world

IMPERSONATE = {"X-Remote-User": "adam", "X-Forwarded-For": "10.9.9.9"}


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """The app on loopback, configured exactly as `letters serve` configures it (web.server.config)."""
    with LiveServer(hash_app(settings)) as live:
        yield live.url


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return hash_world(tmp_path_factory.mktemp("proxy"), trusted_proxy_header="X-Remote-User")


def test_a_forwarded_for_header_naming_the_proxy_does_not_make_a_client_the_proxy(world: Settings) -> None:
    # uvicorn's default rewrote request.client from X-Forwarded-For for loopback peers: this request
    # was answered as the TOP SECRET admin.
    with serving(world.model_copy(update={"trusted_proxies": ["10.9.9.9"]})) as url:
        answer = httpx.get(f"{url}/api/letters", headers=IMPERSONATE)
        assert answer.status_code == 401
        page = httpx.get(f"{url}/", headers=IMPERSONATE)
        assert page.status_code == 303 and page.headers["location"].startswith("/login")


def test_the_header_works_from_the_real_proxy_address(world: Settings) -> None:
    with serving(world.model_copy(update={"trusted_proxies": ["127.0.0.1"]})) as url:
        answer = httpx.get(f"{url}/api/letters", headers=IMPERSONATE)
        assert answer.status_code == 200 and len(answer.json()["letters"]) == 2  # adam sees both
        assert httpx.get(f"{url}/api/letters", headers={"X-Remote-User": "nobody"}).status_code == 401


def test_cookies_are_secure_when_the_trusted_proxy_says_the_browser_used_https(world: Settings) -> None:
    behind = world.model_copy(update={"trusted_proxy_header": "", "trusted_proxies": ["testclient"]})
    for proxies, secure in ((["testclient"], True), ([], False)):  # from anyone else the header is ignored
        settings = behind.model_copy(update={"trusted_proxies": proxies})
        with TestClient(hash_app(settings), headers={"X-Forwarded-Proto": "https"}) as client:
            form = client.get("/login")
            # A Secure cookie is not sent back over the test's plain HTTP: hand it over as the proxy would.
            nonce = form.cookies["letters_csrf"]
            client.cookies.clear()
            done = client.post(
                "/login",
                data={"username": "olive", "password": PASSWORD, "csrf_token": token_from(form.text)},
                headers={"Cookie": f"letters_csrf={nonce}"},
                follow_redirects=False,
            )
            assert done.status_code == 303
            cookie = next(c for c in done.headers.get_list("set-cookie") if c.startswith("letters_session="))
            assert ("Secure" in cookie) is secure
