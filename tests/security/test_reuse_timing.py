"""Asking the exact text of a hidden passage must take the same path as any other question (issue 17).

Vector reuse used to look the question up among ALL stored vectors, unfiltered: a hidden passage's
exact text was found there and skipped the encoder, so its answer came back about twice as fast and
a guessed hidden text could be confirmed. Now the question is always embedded, and the store is only
asked for the vectors of units of the passages this reader's search returned.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pytest

from assistant.assistant import Assistant
from assistant.reader import Identity, Reader
from index.embedding.fake import HashEmbedder
from index.generation import open_current
from index.settings import Settings
from index.store import Store, text_hash
from ingest.pipeline import index_corpus
from tests.conftest import write_corpus

HIDDEN = "The reserve fund of Oakfield Trust stands at four million pounds and will be spent in March."
SECRET_LETTER = f"SECRET\n\nDear Minister,\n\n{HIDDEN}\n\nYours sincerely,\n\nA Treasurer\n"
OPEN_LETTER = (
    "Dear Colleague,\n\nThe library opens on Mondays from nine. Parking is free at weekends.\n\n"
    "Regards,\n\nB Clerk\n"
)


@pytest.fixture
def world(tmp_path: Path) -> Settings:
    corpus = write_corpus(tmp_path / "corpus", {"secret.txt": SECRET_LETTER, "open.txt": OPEN_LETTER})
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=corpus, model="hash-test")
    assert index_corpus(settings, corpus, embedder=HashEmbedder).ok
    return settings


def test_the_exact_text_of_a_hidden_passage_is_embedded_and_never_looked_up(
    world: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    original = Store.vectors_for

    def spy(self: Store, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        wanted = list(hashes)
        asked.extend(wanted)
        return original(self, wanted)

    monkeypatch.setattr(Store, "vectors_for", spy)
    generation = open_current(world.data_dir)
    counting = HashEmbedder()
    reader = Reader(
        generation,
        Identity("officer", "OFFICIAL", "web"),
        assistant=Assistant(world, counting),
        levels=world.levels(),
        audit=None,
    )
    stored = generation.store.vectors_for([text_hash(HIDDEN)])
    assert stored, "the hidden sentence's vector is in the index (else this test proves nothing)"
    asked.clear()
    answer = reader.ask(HIDDEN)
    assert counting.embedded.count(HIDDEN) == 1, "the question must always go through the encoder"
    assert text_hash(HIDDEN) not in asked, "the question was looked up among the stored vectors"
    assert all(c.letter.path != "secret.txt" for c in answer.citations)
    # Nothing of the hidden letter was read either: its units' hashes were never asked for.
    secret = next(lt for lt in generation.store.letters() if lt.path == "secret.txt")
    passages = [p.id for p in generation.store.letter_passages(secret.id)]
    secret_units = {h for units in generation.store.units(passages).values() for *_, h in units}
    assert secret_units and not secret_units & set(asked)
