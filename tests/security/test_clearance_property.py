"""Clearance as a property: random letters with random markings (odd ones too) and random readers;
no read returns a letter, a passage or a word of a letter above the reader's clearance.

Each example indexes its own small corpus with the hash embedder (what the model makes of the
words does not matter here, only which letters a read may reach), then reads it through the
reader's every method and through the JSON routes of a signed-in user.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.assistant import Assistant
from assistant.reader import Identity, NotVisible, Reader
from index.embedding.fake import HashEmbedder
from index.generation import open_current
from index.records import to_json
from index.settings import Settings
from ingest.pipeline import index_corpus
from tests.conftest import write_corpus
from tests.fixtures import PASSWORD, sign_in
from web.app import create_app
from web.users import Users

# Plain markings, each with the level it must reach, and odd ones whose level is the parser's to
# decide: whatever it decides, the reads must follow the stored marking.
PLAIN = {"": 0, "OFFICIAL": 1, "OFFICIAL-SENSITIVE": 2, "CONFIDENTIAL": 3, "SECRET": 4, "TOP SECRET": 5}
ODD = [
    "OFFICIAL–SENSITIVE",
    "OFFICIAL: SENSITIVE",
    "OFFICIAL-SENSITIVE [PERSONAL]",
    "SECRET UK EYES ONLY",
    "TOP SECRET - STRAP 1",
    "Classification: SECRET",
    "ＳＥＣＲＥＴ",
    "secret//noforn",
    "PRIVATE AND CONFIDENTIAL",
    "PROTECT – PERSONAL",
    "RESTRICTED",
    "EYES ONLY",
]
CLEARANCES = ["OFFICIAL", "OFFICIAL-SENSITIVE", "CONFIDENTIAL", "SECRET", "TOP SECRET"]


def letter(marking: str, token: str) -> str:
    head = f"{marking}\n\n" if marking else ""
    return (
        f"{head}Dear Ms Green,\n\nThe {token} report on the depot works is attached for the committee.\n\n"
        f"Yours sincerely,\n\nTom Black\n"
    )


def dumped(record: Any) -> str:
    return json.dumps(unasked(to_json(record)), ensure_ascii=False)


def unasked(data: Any) -> Any:
    """The JSON without the echo of what was asked (it names every letter's word on purpose)."""
    if isinstance(data, dict):
        return {k: unasked(v) for k, v in data.items() if k not in ("query", "question", "text_asked")}
    if isinstance(data, list):
        return [unasked(v) for v in data]
    return data


def unechoed(text: str, question: str) -> str:
    for echo in (question, question.replace(" ", "+"), question.replace(" ", "%20")):
        text = text.replace(echo, "")
    return text


def token(i: int) -> str:
    return f"zq{chr(97 + i)}x{chr(97 + i)}word"  # one word per letter, found nowhere else


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    markings=st.lists(st.sampled_from([*PLAIN, *ODD]), min_size=1, max_size=6),
    clearance=st.sampled_from(CLEARANCES),
)
def test_no_read_returns_a_passage_above_the_readers_clearance(markings: list[str], clearance: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus = write_corpus(
            root / "corpus", {f"{i}.txt": letter(m, token(i)) for i, m in enumerate(markings)}
        )
        world = Settings(data_dir=root / "data", corpus_dir=corpus, model="hash-test", parse_workers=0)
        assert index_corpus(world, corpus, embedder=HashEmbedder).ok
        check_reads(world, markings, clearance)


def check_reads(world: Settings, markings: list[str], clearance: str) -> None:
    levels = world.levels()
    rank = levels.level(clearance)
    generation = open_current(world.data_dir)
    store = generation.store
    every = {lt.path: lt for lt in store.letters()}
    level = {p: levels.of_marking(lt.marking) for p, lt in every.items()}
    for i, marking in enumerate(markings):  # the plain markings are read as what they say, or higher
        if marking in PLAIN:
            assert level[f"{i}.txt"] >= PLAIN[marking], (marking, every[f"{i}.txt"].marking)
    hidden = {token(i) for i in range(len(markings)) if level[f"{i}.txt"] > rank}
    hidden_ids = {every[f"{i}.txt"].id for i in range(len(markings)) if level[f"{i}.txt"] > rank}
    visible_ids = set(every[p].id for p in every) - hidden_ids

    def clean(text: str, where: str) -> None:
        leaked = [t for t in hidden if t in text] + [i for i in hidden_ids if i in text]
        assert not leaked, (where, clearance, leaked)

    reader = Reader(
        generation,
        Identity("prop", clearance),
        assistant=Assistant(world, HashEmbedder()),
        levels=levels,
        audit=None,
    )
    listed = reader.letters()
    assert {lt.id for lt in listed.letters} == visible_ids  # nor does a count give them away
    clean(dumped(listed), "letters")
    question = " ".join(token(i) for i in range(len(markings)))
    clean(dumped(reader.search(question, k=100)), "search")
    clean(dumped(reader.ask(f"What does the report say about {question}?", k=50)), "ask")
    for letter_id in hidden_ids:
        for read in (reader.detail, reader.letter, reader.original):
            try:
                read(letter_id)
            except NotVisible:
                continue
            raise AssertionError(f"{read.__name__} gave a hidden letter to {clearance}")
        assert reader.letter_text(letter_id) is None
    for letter_id in visible_ids:
        clean(dumped(reader.detail(letter_id)), "detail")
    check_routes(world, clearance, question, hidden_ids, clean)
    generation.close()


def check_routes(world: Settings, clearance: str, question: str, hidden_ids: set[str], clean) -> None:
    Users.from_settings(world).add("reader", "officer", clearance, PASSWORD)
    with TestClient(create_app(world, embedder=HashEmbedder())) as client:
        sign_in(client, "reader")
        clean(client.get("/api/letters").text, "/api/letters")
        searched = client.get("/api/search", params={"q": question, "k": 100}).json()
        clean(json.dumps(unasked(searched)), "/api/search")
        asked = client.post("/api/ask", json={"question": question, "k": 50}).json()
        clean(json.dumps(unasked(asked)), "/api/ask")
        clean(unechoed(client.get("/search", params={"q": question, "k": 100}).text, question), "/search")
        for letter_id in hidden_ids:
            assert client.get(f"/api/letters/{letter_id}").status_code == 404
            assert client.get(f"/letters/{letter_id}/original").status_code == 404
