"""Sign-in under attack: parallel guesses, hashing floods, lock-outs, forged pre-sign-in tokens,
old sessions, and user names that only look different."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from index.clearance import DEFAULT_LEVELS, Levels
from index.settings import Settings
from tests.fixtures import PASSWORD, token_from
from tests.security.world import USERS, alert, hash_app, hash_world
from web.users import HashersBusy, UserError, Users

WRONG = "not the password"


def users(tmp_path: Path, **options: float) -> Users:
    store = Users(tmp_path / "users.db", Levels(DEFAULT_LEVELS), **options)  # type: ignore[arg-type]
    store.add("olive", "officer", "OFFICIAL", PASSWORD)
    return store


class Counting:
    """Wraps the users' password check (Argon2id's verify): how many ran, and the most at once."""

    def __init__(self, verify: Callable[[str, str], bool], hold: float = 0.0) -> None:
        self.verify, self.hold = verify, hold
        self.calls = self.running = self.most = 0
        self._lock = threading.Lock()

    def __call__(self, stored: str, password: str) -> bool:
        with self._lock:
            self.calls += 1
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            time.sleep(self.hold)
            return self.verify(stored, password)
        finally:
            with self._lock:
                self.running -= 1


def in_parallel(n: int, work: Callable[[int], object]) -> list[object]:
    start = threading.Barrier(n)
    out: list[object] = [None] * n

    def run(i: int) -> None:
        start.wait()
        try:
            out[i] = work(i)
        except Exception as exc:  # the test reads what each thread met
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return out


# --- lock-out --------------------------------------------------------------------------------
def test_parallel_guesses_get_no_more_password_checks_than_the_lock_out_allows(tmp_path: Path) -> None:
    # 99 parallel wrong passwords were all checked (read, verify, write: not atomic), then the right
    # one signed in. Now each attempt is counted before its password is checked.
    store = users(tmp_path, max_failed=5, hashers=40, hasher_wait=60)
    counting = Counting(store._verify, hold=0.05)
    store._verify = counting  # type: ignore[method-assign]
    outcomes = in_parallel(40, lambda i: store.sign_in("olive", WRONG, address="10.0.0.66"))
    assert all(o.session is None for o in outcomes)  # type: ignore[union-attr]
    assert counting.calls == 5 and counting.most > 1  # they did run side by side
    assert sum(o.locked for o in outcomes) == 35  # type: ignore[union-attr]
    late = store.sign_in("olive", PASSWORD, address="10.0.0.66")
    assert late.session is None and late.locked  # the right password does not slip through
    assert counting.calls == 5


def test_a_stranger_locks_out_only_their_own_address_and_unknown_names_lock_alike(tmp_path: Path) -> None:
    store = users(tmp_path, max_failed=3)
    for name in ("olive", "nobody"):
        outcomes = [store.sign_in(name, WRONG, address="10.0.0.66") for _ in range(4)]
        assert [o.locked for o in outcomes] == [False, False, False, True]
    assert store.sign_in("olive", PASSWORD, address="10.0.0.66").session is None
    assert store.sign_in("olive", PASSWORD, address="10.0.0.7").session is not None  # the owner's desk


def test_behind_a_trusted_proxy_lock_outs_count_against_the_address_it_forwards(tmp_path: Path) -> None:
    world = hash_world(tmp_path, max_failed_logins=2, trusted_proxies=["testclient"])
    app = hash_app(world)

    def attempt(client: TestClient, password: str, forwarded: str) -> int:
        token = token_from(client.get("/login").text)
        data = {"username": "olive", "password": password, "csrf_token": token}
        headers = {"X-Forwarded-For": f"6.6.6.6, {forwarded}"}  # the proxy appends what it saw
        return client.post("/login", data=data, headers=headers, follow_redirects=False).status_code

    with TestClient(app) as stranger, TestClient(app) as owner:
        assert [attempt(stranger, WRONG, "10.0.0.66") for _ in range(3)] == [401, 401, 401]
        assert attempt(stranger, PASSWORD, "10.0.0.66") == 401  # that address is paused
        assert attempt(owner, PASSWORD, "10.0.0.7") == 303  # the owner, behind the same proxy, is not
    direct = world.model_copy(update={"trusted_proxies": []})  # from anyone else, the header is theirs
    with TestClient(hash_app(direct)) as client:
        assert [attempt(client, WRONG, f"10.1.0.{i}") for i in range(3)] == [401, 401, 401]
        assert attempt(client, PASSWORD, "10.1.0.99") == 401  # a made-up address escapes nothing


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    people = [*USERS, ("owen", "officer", "OFFICIAL")]  # owen is locked out by the message test
    return hash_world(
        tmp_path_factory.mktemp("sign-in"), users=people, max_failed_logins=3, password_hasher_wait=0.2
    )


def test_every_failed_sign_in_says_the_same_whether_the_account_exists_or_is_locked(world) -> None:
    with TestClient(hash_app(world)) as client:
        token = token_from(client.get("/login").text)
        messages = set()
        tries = [("owen", WRONG)] * 3 + [("owen", PASSWORD), ("Owen", WRONG), ("no-such-user", WRONG)]
        for name, password in [*tries, ("x" * 64, WRONG)]:  # locked, real, unknown: all alike
            page = client.post("/login", data={"username": name, "password": password, "csrf_token": token})
            assert page.status_code == 401
            messages.add(alert(page.text))
        assert len(messages) == 1, messages


def test_at_most_the_configured_number_of_passwords_are_hashed_at_once(tmp_path: Path) -> None:
    # 100 parallel sign-ins took the server from 353 MB to 2.9 GB: Argon2id holds 64 MiB each.
    store = users(tmp_path, hashers=2, hasher_wait=60)
    counting = Counting(store._verify, hold=0.1)
    store._verify = counting  # type: ignore[method-assign]
    outcomes = in_parallel(12, lambda i: store.sign_in(f"user{i}", WRONG, address=f"10.0.0.{i}"))
    assert counting.calls == 12 and counting.most == 2
    assert not any(isinstance(o, Exception) for o in outcomes)


def test_a_sign_in_that_waits_too_long_for_a_hasher_is_told_to_try_again(world) -> None:
    app = hash_app(world)
    with TestClient(app) as client:
        token = token_from(client.get("/login").text)
        hashers = app.state.services.users._hashers
        hashers.acquire()
        hashers.acquire()
        try:
            with pytest.raises(HashersBusy):
                app.state.services.users.sign_in("olive", PASSWORD)
            busy = client.post(
                "/login", data={"username": "olive", "password": PASSWORD, "csrf_token": token}
            )
        finally:
            hashers.release()
            hashers.release()
        assert busy.status_code == 503 and busy.headers["retry-after"] and "try again" in alert(busy.text)
        done = client.post(
            "/login",
            data={"username": "olive", "password": PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        assert done.status_code == 303


# --- login CSRF ------------------------------------------------------------------------------
def test_a_self_chosen_pre_sign_in_cookie_and_token_pair_is_refused(world) -> None:
    # A page elsewhere that can plant a cookie (a sibling subdomain, a plain-HTTP hop) signed the
    # victim into the attacker's account: the token was any value equal to its cookie.
    chosen = "A" * 43
    with TestClient(hash_app(world), cookies={"letters_csrf": chosen}) as client:
        forged = client.post(
            "/login",
            data={"username": "olive", "password": PASSWORD, "csrf_token": chosen},
            follow_redirects=False,
        )
        assert forged.status_code == 403
        token = token_from(client.get("/login").text)
        assert token != chosen  # the form's token is the server's signature of the cookie, not the cookie
        signed = client.post(
            "/login",
            data={"username": "olive", "password": PASSWORD, "csrf_token": token},
            follow_redirects=False,
        )
        assert signed.status_code == 303
    secret = world.data_dir / "secret.key"
    assert secret.stat().st_mode & 0o777 == 0o600


def test_a_sign_in_form_posted_from_another_site_is_refused(world) -> None:
    with TestClient(hash_app(world)) as client:
        token = token_from(client.get("/login").text)
        posted = client.post(
            "/login",
            data={"username": "olive", "password": PASSWORD, "csrf_token": token},
            headers={"Sec-Fetch-Site": "cross-site"},
            follow_redirects=False,
        )
        assert posted.status_code == 403


# --- sessions --------------------------------------------------------------------------------
def test_signing_in_again_ends_the_session_this_browser_held(world) -> None:
    with TestClient(hash_app(world)) as client:
        for _ in range(2):
            token = token_from(client.get("/login").text)
            client.post("/login", data={"username": "olive", "password": PASSWORD, "csrf_token": token})
            if _ == 0:
                first = client.cookies["letters_session"]
        assert client.cookies["letters_session"] != first
        assert client.get("/", follow_redirects=False).status_code == 200
    with TestClient(hash_app(world), cookies={"letters_session": first}) as old:
        assert old.get("/", follow_redirects=False).status_code == 303  # gone: it goes to sign in


def test_a_session_not_used_for_the_idle_time_ends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = users(tmp_path, session_idle_minutes=30)
    session = store.sign_in("olive", PASSWORD).session
    assert session is not None
    now = time.time()
    for minutes in (20, 40, 60):  # used every 20 minutes: it lives past the first 30
        monkeypatch.setattr("web.users.time.time", lambda m=minutes: now + m * 60)
        assert store.session(session.token) is not None
    monkeypatch.setattr("web.users.time.time", lambda: now + 91 * 60)  # 31 minutes unused
    assert store.session(session.token) is None
    assert Settings().session_idle_minutes == 30


# --- user names ------------------------------------------------------------------------------
def test_names_that_only_look_different_are_one_user_and_invisible_characters_are_refused(
    tmp_path: Path,
) -> None:
    store = users(tmp_path)
    for twin in ("Olive", "ＯＬＩＶＥ", "ｏｌｉｖｅ", " olive "):
        with pytest.raises(UserError, match="already exists"):
            store.add(twin, "admin", "TOP SECRET", PASSWORD)
    for hidden in ("olive\u200b", "ol\u00adive", "olive\u202e", "oli\x00ve", "o live"):
        with pytest.raises(UserError, match="visible characters"):
            store.add(hidden, "admin", "TOP SECRET", PASSWORD)
    assert [u.name for u in store.all()] == ["olive"]
    assert store.sign_in("ＯＬＩＶＥ", PASSWORD).session is not None
    assert store.get("Olive") == store.get("olive") and store.get("olive\u200b") is None
