"""Single-user local mode is for this machine only: never with single sign-on configured, never for
a page elsewhere that rebinds its name to 127.0.0.1, never bound beyond loopback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from index.settings import Settings
from tests.conftest import ROOT
from tests.security.world import hash_app, hash_world
from tests.test_clearance_routes import registered_routes, requests_for


@pytest.fixture(scope="module")
def nobody(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """An index and no users at all."""
    return hash_world(tmp_path_factory.mktemp("no-users"), users=())


def test_with_sso_configured_and_no_users_every_route_asks_for_a_sign_in(nobody: Settings) -> None:
    # At 371a055 no users meant the local admin for everyone, SSO or not: with the header configured
    # (and `--host 0.0.0.0`, whose guard it skipped) every letter went to anyone who asked.
    sso = nobody.model_copy(
        update={"trusted_proxy_header": "X-Remote-User", "trusted_proxies": ["testclient"]}
    )
    app = hash_app(sso)
    walked = 0
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for route in registered_routes(app):
            for method, url, kwargs in requests_for(route, "0" * 16):
                for headers in ({}, {"X-Remote-User": "adam"}):
                    response = client.request(method, url, headers=headers, follow_redirects=False, **kwargs)
                    walked += 1
                    if method == "GET" and url.startswith("/login"):
                        assert response.status_code == 200 and 'name="password"' in response.text
                        continue
                    where = response.headers.get("location", "")
                    assert response.status_code in (401, 403) or (
                        response.status_code == 303 and where.startswith("/login")
                    ), (method, url, headers, response.status_code)
    assert walked >= 24


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "LOCALHOST:8000", "[::1]:8000"])
def test_single_user_mode_answers_its_loopback_names(nobody: Settings, host: str) -> None:
    with TestClient(hash_app(nobody)) as client:
        assert client.get("/api/letters", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.", "[::1]x", ""]
)
def test_single_user_mode_refuses_any_other_host_name(nobody: Settings, host: str) -> None:
    # DNS rebinding: a page at evil.example re-points its name to 127.0.0.1 and reads the letters
    # with its own scripts; the browser still sends Host: evil.example.
    with TestClient(hash_app(nobody)) as client:
        refused = client.get("/api/letters", headers={"Host": host})
        assert refused.status_code == 400 and "host name" in refused.json()["detail"]
        assert refused.headers["x-frame-options"] == "DENY"
        assert client.get("/", headers={"Host": host}).status_code == 400


def test_with_users_the_allowed_hosts_setting_names_the_hosts_served(tmp_path: Path) -> None:
    world = hash_world(tmp_path)
    with TestClient(hash_app(world)) as anywhere:  # empty: any name (a proxy in front decides)
        assert anywhere.get("/login", headers={"Host": "letters.example.gov.uk"}).status_code == 200
    named = world.model_copy(update={"allowed_hosts": ["letters.example.gov.uk"]})
    with TestClient(hash_app(named)) as client:
        assert client.get("/login", headers={"Host": "letters.example.gov.uk:443"}).status_code == 200
        assert client.get("/login", headers={"Host": "evil.example"}).status_code == 400


def serve(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "LETTERS_MODEL": "hash-test", **env}
    return subprocess.run(
        [sys.executable, "-m", "cli.main", "serve", *args, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=120,  # a server that started would run until killed: the test then fails
    )


def test_serve_refuses_to_bind_beyond_loopback_with_no_users_even_with_sso(nobody: Settings) -> None:
    for env in (
        {},
        {"LETTERS_TRUSTED_PROXY_HEADER": "X-Remote-User", "LETTERS_TRUSTED_PROXIES": '["10.0.0.1"]'},
    ):
        refused = serve(nobody.data_dir, "--host", "0.0.0.0", "--port", "8766", **env)
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert "no users are configured" in refused.stderr and "letters users add" in refused.stderr
