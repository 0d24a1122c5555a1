"""Incremental indexing by content hash, generations, bad files, and hybrid search (fake embedder)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import faiss
import pytest

from index import vectors
from index.embedding.fake import HashEmbedder
from index.generation import Builder, IndexMismatch, open_current
from index.keyword.base import query_words
from index.records import SearchFilters, to_json
from index.search import fts_query, search
from index.settings import Settings
from ingest.pipeline import index_corpus
from ingest.report import IndexReport
from tests.conftest import LETTER_A, LETTER_B, pdf_bytes, write_corpus


def run(settings: Settings, corpus: Path, embedder: HashEmbedder | None = None, **kw: bool) -> IndexReport:
    model = embedder or HashEmbedder()
    return index_corpus(settings, corpus, embedder=lambda: model, **kw)


def test_first_run_adds_every_letter_and_builds_a_complete_generation(settings, small_corpus) -> None:
    report = run(settings, small_corpus)
    assert sorted(report.added) == ["a.txt", "b.md"]
    assert report.ok and report.letters == 2 and report.passages > 4
    gen = open_current(settings.data_dir)
    names = {p.name for p in gen.folder.iterdir()}
    assert {"manifest.json", "letters.db", "vectors.faiss"} <= names
    manifest = json.loads((gen.folder / "manifest.json").read_text())
    assert manifest["model"] == "hash-test" and manifest["dimension"] == 64
    assert manifest["format_version"] == 1 and manifest["built_at"]
    assert manifest["passage_settings"] == {"chunk_words": 200, "chunk_overlap": 40}


def test_faiss_ids_are_passage_rowids(settings, small_corpus) -> None:
    run(settings, small_corpus)
    gen = open_current(settings.data_dir)
    ids = {int(i) for i in vectors.faiss.vector_to_array(gen.vectors.id_map)}
    rows = {r[0] for r in gen.store.db.execute("SELECT id FROM passages")}
    assert ids == rows


def test_passage_text_is_the_letters_text_between_start_and_end(settings, small_corpus) -> None:
    run(settings, small_corpus)
    gen = open_current(settings.data_dir)
    for letter in gen.store.letters():
        text = gen.store.letter_text(letter.id)
        assert text is not None
        for passage in gen.store.letter_passages(letter.id):
            assert text[passage.start : passage.end] == passage.text


def test_reindex_skips_unchanged_letters_and_embeds_nothing(settings, small_corpus) -> None:
    run(settings, small_corpus)
    before = open_current(settings.data_dir).name
    embedder = HashEmbedder()
    report = run(settings, small_corpus, embedder)
    assert sorted(report.unchanged) == ["a.txt", "b.md"]
    assert report.added == report.changed == report.deleted == [] and report.ok
    assert report.embedded == 0 and embedder.embedded == []
    assert open_current(settings.data_dir).name == before  # nothing to publish


def test_changed_letter_is_reparsed_but_unchanged_paragraphs_are_not_embedded_again(
    settings, small_corpus
) -> None:
    run(settings, small_corpus)
    (small_corpus / "b.md").write_text(LETTER_B.replace("October", "November"), encoding="utf-8")
    embedder = HashEmbedder()
    report = run(settings, small_corpus, embedder)
    assert report.changed == ["b.md"] and report.unchanged == ["a.txt"]
    assert report.embedded == 1 and len(embedder.embedded) == 1
    assert "November" in embedder.embedded[0]
    gen = open_current(settings.data_dir)
    hits = search(gen, HashEmbedder(), "reading room reopens", k=3)
    assert "November" in hits[0].passage.text


def test_deleted_letter_leaves_every_store(settings, small_corpus) -> None:
    run(settings, small_corpus)
    (small_corpus / "b.md").unlink()
    report = run(settings, small_corpus)
    assert report.deleted == ["b.md"] and report.letters == 1
    gen = open_current(settings.data_dir)
    db = gen.store.db
    assert [lt.path for lt in gen.store.letters()] == ["a.txt"]
    assert gen.keywords.search(["library"], SearchFilters(), 10) == []
    n_chunks = db.execute("SELECT count(*) FROM chunks").fetchone()[0]
    assert gen.vectors.ntotal == n_chunks
    assert db.execute("SELECT count(*) FROM embeddings").fetchone()[0] <= n_chunks


def test_bad_files_are_reported_while_good_files_are_indexed(settings, tmp_path) -> None:
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            "good.txt": LETTER_A,
            "garbage.pdf": b"\x00\x01 not a pdf \xff" * 100,
            "empty.txt": "",
            "latin1.txt": LETTER_B.replace("autumn", "caf\u00e9 autumn").encode("latin-1"),
            "scan.pdf": pdf_bytes([[]]),
            "photo.jpg": b"\xff\xd8\xff",
            "letter.pdf": pdf_bytes([["Dear Ms Green,", "", "The bridge repairs start in June."]]),
        },
    )
    report = run(settings, corpus)
    failed = {f.path: f.error for f in report.failed}
    assert set(failed) == {"garbage.pdf", "empty.txt", "scan.pdf", "photo.jpg"}
    assert "damaged PDF" in failed["garbage.pdf"]
    assert "empty" in failed["empty.txt"]
    assert failed["scan.pdf"] == "no text layer (scanned?)"
    assert "unsupported type" in failed["photo.jpg"]
    assert sorted(report.added) == ["good.txt", "latin1.txt", "letter.pdf"]
    gen = open_current(settings.data_dir)
    assert "café" in (
        gen.store.letter_text(next(lt.id for lt in gen.store.letters() if lt.path == "latin1.txt")) or ""
    )


def test_a_letter_that_turns_bad_keeps_its_indexed_version(settings, small_corpus) -> None:
    run(settings, small_corpus)
    (small_corpus / "b.md").write_bytes(b"\x00\x00\x00")
    report = run(settings, small_corpus)
    assert [f.path for f in report.failed] == ["b.md"]
    gen = open_current(settings.data_dir)
    assert sorted(lt.path for lt in gen.store.letters()) == ["a.txt", "b.md"]


def test_identical_files_are_indexed_once_and_reported_as_duplicates(settings, small_corpus) -> None:
    run(settings, small_corpus)
    write_corpus(small_corpus, {"copies/a-copy.txt": LETTER_A})
    report = run(settings, small_corpus)
    assert [(d.path, d.of) for d in report.duplicates] == [("copies/a-copy.txt", "a.txt")]
    assert report.letters == 2


def test_sidecar_overrides_are_picked_up_when_only_the_sidecar_changes(settings, small_corpus) -> None:
    run(settings, small_corpus)
    (small_corpus / "b.meta.json").write_text(json.dumps({"title": "Library works", "marking": "OFFICIAL"}))
    report = run(settings, small_corpus)
    assert report.changed == ["b.md"]
    letter = next(lt for lt in open_current(settings.data_dir).store.letters() if lt.path == "b.md")
    assert letter.title == "Library works" and letter.marking == "OFFICIAL"


def test_index_built_with_another_model_says_to_rebuild(settings, small_corpus) -> None:
    run(settings, small_corpus)
    other = settings.model_copy(update={"model": "another-model"})
    with pytest.raises(IndexMismatch, match=r"letters index --rebuild"):
        run(other, small_corpus)
    report = run(other, small_corpus, rebuild=True)
    assert sorted(report.added) == ["a.txt", "b.md"]
    assert open_current(settings.data_dir).manifest.model == "another-model"


def test_index_built_at_another_embedding_precision_says_to_rebuild(settings, small_corpus) -> None:
    run(settings, small_corpus)
    int8 = settings.model_copy(update={"embedding_precision": "int8"})
    with pytest.raises(IndexMismatch, match=r"letters index --rebuild"):
        run(int8, small_corpus)
    run(int8, small_corpus, rebuild=True)
    assert open_current(settings.data_dir).manifest.passage_settings["embedding_precision"] == "int8 (onnx)"
    with pytest.raises(IndexMismatch, match=r"letters index --rebuild"):
        run(settings, small_corpus)
    # int8 from torch and from ONNX Runtime are different vectors; fp32 from either are the same.
    with pytest.raises(IndexMismatch, match=r"letters index --rebuild"):
        run(int8.model_copy(update={"embedding_backend": "torch"}), small_corpus)
    run(settings.model_copy(update={"embedding_backend": "torch"}), small_corpus, rebuild=True)
    run(settings, small_corpus)


def test_one_changed_letter_does_not_vacuum_the_whole_database(settings, small_corpus, monkeypatch) -> None:
    run(settings, small_corpus)
    statements: list[str] = []
    real_publish = Builder.publish

    def publish(self: Builder, **kw: Any) -> Any:
        self.store.db.set_trace_callback(statements.append)
        return real_publish(self, **kw)

    monkeypatch.setattr(Builder, "publish", publish)
    (small_corpus / "a.txt").write_text((small_corpus / "a.txt").read_text() + "\nA postscript.\n")
    assert run(settings, small_corpus).changed == ["a.txt"]
    assert not any("VACUUM" in sql.upper() for sql in statements)


def test_old_generations_are_pruned(settings, small_corpus) -> None:
    for word in ("one", "two", "three", "four"):
        (small_corpus / "b.md").write_text(LETTER_B + word, encoding="utf-8")
        run(settings, small_corpus)
    generations = sorted(p.name for p in (settings.data_dir / "generations").iterdir())
    assert len(generations) == settings.keep_generations


def test_fts_query_never_raises_on_syntax(settings, small_corpus) -> None:
    run(settings, small_corpus)
    gen = open_current(settings.data_dir)
    for text in ['"unbalanced', "NOT AND OR", "a*b:c(d)", "-", "école"]:
        search(gen, HashEmbedder(), text, k=3)
    assert fts_query("the") == '"the"'


def test_keyword_search_is_stemmed(settings, small_corpus) -> None:
    run(settings, small_corpus)
    gen = open_current(settings.data_dir)
    ids = [pid for pid, _ in gen.keywords.search(query_words("proposals"), SearchFilters(), 10)]
    texts = [
        t
        for (t,) in gen.store.db.execute(f"SELECT text FROM passages WHERE id IN ({','.join(map(str, ids))})")
    ]
    assert any("We propose the following changes" in t for t in texts)


def test_filters_apply_before_ranking_so_k_results_come_back(settings, tmp_path) -> None:
    letters: dict[str, str | bytes] = {
        f"other{i}.txt": (
            f"Dear Sir,\n\nRoad repairs on street {i} begin soon.\n\n"
            "Yours faithfully,\n\nBob Jones\nEngineer\n"
        )
        for i in range(30)
    }
    letters["target.txt"] = LETTER_A
    corpus = write_corpus(tmp_path / "corpus", letters)
    run(settings, corpus)
    gen = open_current(settings.data_dir)
    hits = search(
        gen, HashEmbedder(), "road repairs", k=5, filters=SearchFilters(sender="Alan Smith"), candidates=5
    )
    assert len(hits) == 5
    assert {h.letter.path for h in hits} == {"target.txt"}
    none = search(gen, HashEmbedder(), "road", k=5, filters=SearchFilters(sender="Nobody Atall"))
    assert none == []


def test_date_filters_are_inclusive_and_exclude_undated_letters(settings, small_corpus) -> None:
    run(settings, small_corpus)
    gen = open_current(settings.data_dir)
    emb = HashEmbedder()
    hits = search(gen, emb, "transport", k=50, filters=SearchFilters(since="2024-03-12", until="2024-03-12"))
    assert hits and {h.letter.path for h in hits} == {"a.txt"}
    assert search(gen, emb, "transport", k=5, filters=SearchFilters(since="2024-03-13")) == []


def test_hits_record_which_retrievers_found_them(settings, small_corpus) -> None:
    run(settings, small_corpus)
    gen = open_current(settings.data_dir)
    hits = search(gen, HashEmbedder(), "library refurbishment", k=3)
    assert hits[0].letter.path == "b.md"
    assert set(hits[0].ranks) == {"keyword", "dense"}
    data = to_json(hits[0])
    # One shape per record: the letter of a hit is the letter everywhere else.
    assert data["letter"] == to_json(hits[0].letter)
    assert set(data["letter"]) >= {"id", "path", "title", "date", "sender", "recipient", "marking"}
    assert set(data["passage"]) >= {"id", "text", "page", "paragraph", "start", "end"}


def test_search_modes_use_one_retriever_or_both(settings, small_corpus) -> None:
    run(settings, small_corpus)
    gen = open_current(settings.data_dir)
    emb = HashEmbedder()
    keyword = search(gen, emb, "library refurbishment", k=5, mode="keyword")
    dense = search(gen, emb, "library refurbishment", k=5, mode="dense")
    assert keyword and all(set(h.ranks) == {"keyword"} for h in keyword)
    assert dense and all(set(h.ranks) == {"dense"} for h in dense)
    assert len(emb.embedded) == 1  # keyword mode never embeds the query


def test_convex_fusion_weights_normalised_scores(settings, small_corpus) -> None:
    run(settings, small_corpus)
    gen = open_current(settings.data_dir)
    emb = HashEmbedder()
    only_dense = search(gen, emb, "transport budget", k=5, fusion="convex", alpha=1.0)
    dense = search(gen, emb, "transport budget", k=5, mode="dense")
    assert [h.passage.id for h in only_dense][:3] == [h.passage.id for h in dense][:3]
    mixed = search(gen, emb, "transport budget", k=5, fusion="convex", alpha=0.5)
    assert all(0.0 <= h.score <= 1.0 for h in mixed) and mixed[0].score >= mixed[-1].score


def test_a_generation_lists_the_passages_a_filter_allows_once(settings, small_corpus) -> None:
    """Every search of a partly cleared reader carries the same filter: its ids are kept, not redone."""
    run(settings, small_corpus)
    generation = open_current(settings.data_dir)
    unmarked = SearchFilters(markings=(None,))
    first = generation.subset(unmarked)
    assert generation.subset(SearchFilters(markings=(None,))) is first
    assert sorted(first.ids.tolist()) == sorted(generation.store.passage_ids(unmarked))
    assert len(generation.subset(SearchFilters(markings=()))) == 0


def test_ivf_index_is_recorded_finds_what_flat_finds_and_updates_incrementally(tmp_path) -> None:
    words = [
        "drainage",
        "library",
        "budget",
        "transport",
        "school",
        "parking",
        "bridge",
        "housing",
        "refuse",
        "planning",
    ]
    corpus = write_corpus(
        tmp_path / "corpus",
        {
            f"l{i:03d}.txt": f"Dear Resident,\n\nThe {words[i % 10]} item {i} concerns {words[(i * 7) % 10]} "
            f"and {words[(i * 3) % 10]} in ward {i % 13}.\n\nYours faithfully,\n\nOffice {i}\n"
            for i in range(400)
        },
    )
    flat = Settings(data_dir=tmp_path / "flat", model="hash-test", vector_index="flat", parse_workers=0)
    ivf = flat.model_copy(update={"data_dir": tmp_path / "ivf", "vector_index": "ivf", "ivf_probes": 4})
    run(flat, corpus)
    run(ivf, corpus)
    exact, approx = open_current(flat.data_dir), open_current(ivf.data_dir)
    assert exact.manifest.vector_index == "flat" and approx.manifest.vector_index == "ivf"
    # Flat holds float16 vectors (half the bytes a search scans; BENCHMARKS.md, scale).
    assert isinstance(faiss.downcast_index(exact.vectors.index), faiss.IndexScalarQuantizer)
    assert approx.manifest.vector_lists > 4 and approx.manifest.vector_probes == 4
    query = HashEmbedder().embed(["library budget ward 3"])[0]
    top = {p for p, _ in vectors.nearest(exact.vectors, query, 20)}
    assert len(top & {p for p, _ in vectors.nearest(approx.vectors, query, 20)}) >= 14
    # A narrow filter probes every list, so it still finds every allowed passage.
    allowed = vectors.Subset(sorted(top)[:5])
    assert {p for p, _ in vectors.nearest(approx.vectors, query, 5, allowed)} == set(allowed.ids.tolist())

    (corpus / "l007.txt").write_text("Dear Resident,\n\nA new cycle lane opens.\n", encoding="utf-8")
    (corpus / "l008.txt").unlink()
    run(ivf, corpus)
    updated = open_current(ivf.data_dir)
    assert updated.manifest.vector_lists == approx.manifest.vector_lists  # updated, not trained again
    rows = [r[0] for r in updated.store.db.execute("SELECT passage_id FROM chunks")]
    lists = updated.vectors.invlists
    held = [
        pid
        for n in range(updated.vectors.nlist)
        for pid in vectors.faiss.rev_swig_ptr(lists.get_ids(n), lists.list_size(n)).tolist()
    ]
    assert sorted(held) == sorted(rows)  # the deleted letter's passages gone, the changed one's added
    hits = search(updated, HashEmbedder(), "A new cycle lane opens.", k=1, mode="dense")
    assert "cycle lane" in hits[0].passage.text


def test_vector_search_runs_on_one_openmp_thread_in_any_thread(settings, small_corpus) -> None:
    import threading

    run(settings, small_corpus)
    gen = open_current(settings.data_dir)
    seen: list[int] = []

    def request() -> None:  # like a web request on the server's worker threads
        vectors.nearest(gen.vectors, HashEmbedder().embed(["library"])[0], 5)
        seen.append(vectors.faiss.omp_get_max_threads())

    worker = threading.Thread(target=request)
    worker.start()
    worker.join()
    assert seen == [1]
