"""A request in flight while `letters index` publishes: clearance and answer come from one generation.

At 371a055 the clearance filter was decided on the generation current when the request began and
the answer computed on the one current a moment later: a letter re-marked SECRET in between was
quoted to an OFFICIAL reader. The swap is driven deterministically: the index's `get()` gives the
old generation once, then the new one, as a publish between the two reads would.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from index.embedding.fake import HashEmbedder
from index.generation import CurrentIndex, Generation, current_folder
from index.settings import Settings
from ingest.pipeline import index_corpus
from tests.fixtures import app_client
from tests.security.world import hash_app, hash_world

BEFORE = """Dear Ms Green,

Thank you for your note about the water supply works at the depot.

Yours sincerely,

Tom Black
"""
AFTER = """SECRET

Dear Ms Green,

The reservoir contract goes to Blackwater Holdings, who offered the lowest price.

Yours sincerely,

Tom Black
"""
ASK = "Who gets the reservoir contract, offering the lowest price?"


@pytest.fixture(scope="module")
def generations(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Generation, Generation]:
    # Cleared for everything the old generation holds (its top letter is CONFIDENTIAL), so on the
    # old generation the clearance filter narrows nothing: the case that leaked.
    users = [("carol", "officer", "CONFIDENTIAL"), ("adam", "admin", "TOP SECRET")]
    world = hash_world(tmp_path_factory.mktemp("race"), users=users, extra={"depot.txt": BEFORE})
    old = current_folder(world.data_dir)
    (world.corpus_dir / "depot.txt").write_text(AFTER, encoding="utf-8")
    assert index_corpus(world, world.corpus_dir, embedder=HashEmbedder).ok
    new = current_folder(world.data_dir)
    assert old and new and old != new
    return world, Generation(old), Generation(new)


def swapping(old: Generation, new: Generation) -> Callable[[CurrentIndex], Generation]:
    """`CurrentIndex.get` as it behaves when a publish lands just after a request's first read."""
    calls = 0

    def get(self: CurrentIndex) -> Generation:
        nonlocal calls
        calls += 1
        return old if calls == 1 else new

    return get


def requests(client) -> dict[str, Callable[[], str]]:
    return {
        "api-ask": lambda: client.post("/api/ask", json={"question": ASK, "k": 50}).text,
        "api-search": lambda: client.get("/api/search", params={"q": ASK, "k": 100}).text,
        "search": lambda: client.get("/search", params={"q": ASK, "k": 100}).text,
        "export": lambda: client.get("/export/briefing.md", params={"question": ASK}).text,
    }


def test_a_letter_re_marked_secret_mid_request_is_not_quoted_to_a_reader_below_secret(
    generations, monkeypatch: pytest.MonkeyPatch
) -> None:
    world, old, new = generations
    officer = app_client(hash_app(world), "carol")
    try:
        leaked, mixed = [], []
        for name, send in requests(officer).items():
            # Each request meets the publish between its first read of the index and any later one.
            monkeypatch.setattr(CurrentIndex, "get", swapping(old, new))
            text = send()
            leaked += [name] if "Blackwater" in text else []
            # The whole answer came from the generation it began on.
            mixed += [name] if name.startswith("api") and old.name not in text else []
        assert not leaked and not mixed, (leaked, mixed)
        monkeypatch.setattr(CurrentIndex, "get", lambda self: new)  # after the publish, filtered on new
        assert not any("Blackwater" in send() for send in requests(officer).values())
    finally:
        officer.__exit__(None, None, None)


def test_the_race_is_not_vacuous_a_reader_cleared_for_secret_finds_the_new_text(
    generations, monkeypatch: pytest.MonkeyPatch
) -> None:
    world, _, new = generations
    monkeypatch.setattr(CurrentIndex, "get", lambda self: new)
    admin = app_client(hash_app(world), "adam")
    try:
        assert "Blackwater" in admin.get("/api/search", params={"q": ASK, "k": 100}).text
    finally:
        admin.__exit__(None, None, None)
