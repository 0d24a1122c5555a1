"""The ONNX Runtime backend: same vectors as sentence-transformers, no torch, a checked cached export."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from index.embedding.base import Embedder, resolve_model
from index.embedding.factory import load_embedder
from index.embedding.onnx import OnnxEmbedder, UnsupportedModel, cache_key, describe, model_folder
from index.embedding.torch import SentenceEmbedder
from index.settings import BUNDLED_MODEL, Settings
from tests.conftest import ROOT, write_corpus

TEXTS = [
    "Improvement Board",
    "We would propose a small strategic Board consisting of an independent chair, the Chief "
    "Executive of Leeds City Council and the Council's Lead Member for Children's Services.",
    "Yours sincerely,",
    "OFFICIAL-SENSITIVE",
    " ".join(["The Ofsted inspection of safeguarding and looked after children services."] * 40),
]


def fake_model(folder: Path, modules: list[dict[str, str]], *, tokenizer: bool = True) -> Path:
    folder.mkdir(parents=True)
    (folder / "modules.json").write_text(json.dumps(modules))
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 128}))
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_mean_tokens": True}))
    if tokenizer:
        (folder / "tokenizer.json").write_text("{}")
    return folder


TRANSFORMER = {"path": "", "type": "sentence_transformers.models.Transformer"}
POOLING = {"path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}


def test_the_bundled_model_is_described_as_mean_pooled_normalised_and_256_tokens_long() -> None:
    info = describe(model_folder(resolve_model(BUNDLED_MODEL)))
    assert info == {"pooling": "mean", "max_seq_length": 256, "lower_case": False, "normalize": True}


def test_models_onnx_cannot_run_faithfully_are_refused_with_the_reason(tmp_path: Path) -> None:
    dense = {"path": "2_Dense", "type": "sentence_transformers.models.Dense"}
    with pytest.raises(UnsupportedModel, match="Dense"):
        describe(fake_model(tmp_path / "dense", [TRANSFORMER, POOLING, dense]))
    with pytest.raises(UnsupportedModel, match=r"tokenizer\.json"):
        describe(fake_model(tmp_path / "slow", [TRANSFORMER, POOLING], tokenizer=False))
    with pytest.raises(UnsupportedModel, match=r"modules\.json"):
        describe(tmp_path)
    with pytest.raises(UnsupportedModel, match="offline hub cache"):
        model_folder("nobody/no-such-model")


def test_the_cached_export_is_keyed_by_the_model_files_and_the_precision(tmp_path: Path) -> None:
    folder = fake_model(tmp_path / "m", [TRANSFORMER, POOLING])
    before = cache_key(folder, "fp32")
    assert cache_key(folder, "fp32") == before
    assert cache_key(folder, "int8") != before
    (folder / "tokenizer.json").write_text('{"changed": true}')
    assert cache_key(folder, "fp32") != before


def test_onnx_vectors_equal_sentence_transformers_in_any_batch_and_order(real_embedder: Embedder) -> None:
    """The default backend must give the vectors torch gives, so indexes from either are one index."""
    assert isinstance(real_embedder, OnnxEmbedder)
    torch_model = SentenceEmbedder(BUNDLED_MODEL)
    theirs = torch_model.embed(TEXTS)
    ours = real_embedder.embed(TEXTS)
    assert ours.shape == theirs.shape == (len(TEXTS), 384)
    assert ours.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert float((ours * theirs).sum(axis=1).min()) > 0.9999
    # One at a time (no padding) and reversed (another batch layout) give the same vectors.
    singles = np.vstack([real_embedder.embed([t]) for t in TEXTS])
    np.testing.assert_allclose(singles, ours, atol=1e-5)
    np.testing.assert_allclose(real_embedder.embed(TEXTS[::-1])[::-1], ours, atol=1e-5)
    assert real_embedder.embed([]).shape == (0, 384)


def test_queries_run_on_the_query_threads_and_batches_on_the_embedding_threads(
    real_embedder: Embedder,
) -> None:
    """Settings reach ONNX Runtime: one query on `query_threads` (no spinning), a batch on its own pool."""
    model = load_embedder(Settings(query_threads=1, embedding_threads=2, query_precision="fp32"))
    assert isinstance(model, OnnxEmbedder)
    batch = model.embed(TEXTS)
    model.embed_queries(TEXTS[:1])
    options = {t: s.get_session_options() for (_, t), s in model._sessions.items()}
    assert {t: o.intra_op_num_threads for t, o in options.items()} == {1: 1, 2: 2}
    assert options[1].get_session_config_entry("session.intra_op.allow_spinning") == "0"
    # Eight request threads embedding one query each at once get the vectors a batch gets.
    found: dict[int, np.ndarray] = {}

    def one(i: int) -> None:
        found[i] = model.embed_queries([TEXTS[i % len(TEXTS)]])[0]

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for i, vector in found.items():
        np.testing.assert_allclose(vector, batch[i % len(TEXTS)], atol=1e-5)
    np.testing.assert_allclose(real_embedder.embed(TEXTS), batch, atol=1e-5)


def test_queries_are_embedded_by_the_int8_graph_and_stored_texts_never_are(real_embedder: Embedder) -> None:
    """The default query graph is int8, close to fp32; `embed` (what the index stores) stays fp32,
    even for a batch of one text, so a one-letter re-index never stores an int8 vector."""
    model = load_embedder(Settings(query_threads=1))
    assert isinstance(model, OnnxEmbedder)
    assert model._query_graph.name == "query-int8.onnx" and model._query_graph != model._graph
    exact = real_embedder.embed(TEXTS)
    for i, text in enumerate(TEXTS):
        np.testing.assert_allclose(model.embed([text])[0], exact[i], atol=1e-5)
    queries = model.embed_queries(TEXTS)
    cosines = (queries * exact).sum(axis=1)
    assert cosines.min() > 0.97 and cosines.max() < 0.99999  # near, and really another graph
    np.testing.assert_allclose(np.linalg.norm(queries, axis=1), 1.0, atol=1e-5)
    # With fp32 queries, a query vector is the vector its text would be stored with.
    fp32_queries = load_embedder(Settings(query_precision="fp32")).embed_queries(TEXTS)
    np.testing.assert_allclose(fp32_queries, exact, atol=1e-5)


def test_an_unusable_cache_falls_back_to_torch_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    with caplog.at_level(logging.WARNING):
        model = load_embedder(Settings(model_cache_dir=blocked))
    assert isinstance(model, SentenceEmbedder)
    assert "embedding with torch instead of ONNX Runtime" in caplog.text


@pytest.mark.slow
def test_indexing_and_answering_with_the_default_backend_never_import_torch(
    tmp_path: Path, real_embedder: Embedder
) -> None:
    """The point of the backend: a small re-index or a question loads no torch (seconds saved)."""
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": "Dear Minister,\n\nThe Board meets monthly.\n"})
    script = f"""
import sys
from index.embedding.factory import load_embedder
from index.generation import open_current
from index.search import search
from index.settings import Settings
from ingest.pipeline import index_corpus
settings = Settings(data_dir={str(tmp_path / "data")!r})
model = load_embedder(settings)
report = index_corpus(settings, __import__("pathlib").Path({str(corpus)!r}), embedder=lambda: model)
hits = search(open_current(settings.data_dir), model, "how often does the board meet", k=1)
print(report.embedded, hits[0].passage.text, type(model).__name__, "torch" in sys.modules)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["2", "The", "Board", "meets", "monthly.", "OnnxEmbedder", "False"]
