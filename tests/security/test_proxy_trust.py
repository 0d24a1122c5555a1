"""The SSO header counts only from the proxy's own socket, through the server `letters serve` runs."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn

from index.settings import Settings
from tests.live_server import free_port
from tests.security.world import hash_app, hash_world
from web.server import config

IMPERSONATE = {"X-Remote-User": "adam", "X-Forwarded-For": "10.9.9.9"}


@contextmanager
def serving(settings: Settings) -> Iterator[str]:
    """The app on loopback, configured exactly as `letters serve` configures it."""
    settings = settings.model_copy(update={"host": "127.0.0.1", "port": free_port()})
    server = uvicorn.Server(config(settings, hash_app(settings)))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{settings.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


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


def test_the_header_works_from_the_real_proxy_address(world: Settings, tmp_path: Path) -> None:
    with serving(world.model_copy(update={"trusted_proxies": ["127.0.0.1"]})) as url:
        answer = httpx.get(f"{url}/api/letters", headers=IMPERSONATE)
        assert answer.status_code == 200 and len(answer.json()["letters"]) == 2  # adam sees both
        assert httpx.get(f"{url}/api/letters", headers={"X-Remote-User": "nobody"}).status_code == 401
