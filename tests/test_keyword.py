"""One battery, both keyword engines (tantivy, FTS5): stemming, weights, filters inside retrieval, changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.embedding.fake import HashEmbedder
from index.generation import Generation, open_current
from index.keyword.base import query_words
from index.records import SearchFilters
from index.search import search
from index.settings import Settings
from ingest.pipeline import index_corpus
from tests.conftest import write_corpus

ENGINES = ("tantivy", "fts5")


def letter(body: str, sender: str = "Highways Team") -> str:
    return f"Dear Resident,\n\n{body}\n\nYours faithfully,\n\n{sender}\n"


def sidecar(sender: str, date: str, marking: str | None = None, title: str | None = None) -> str:
    meta: dict[str, object] = {"sender": sender, "recipient": "Parish Council", "date": date}
    if marking:
        meta["marking"] = marking
    if title:
        meta["title"] = title
    return json.dumps(meta)


def build(settings: Settings, corpus: Path) -> Generation:
    index_corpus(settings, corpus, embedder=lambda: HashEmbedder())
    return open_current(settings.data_dir)


def keyword_texts(
    gen: Generation, query: str, filters: SearchFilters | None = None, k: int = 10
) -> list[str]:
    ids = [pid for pid, _ in gen.keywords.search(query_words(query), filters or SearchFilters(), k)]
    found = gen.store.passages(ids)
    return [found[i][0].text for i in ids]


@pytest.fixture(params=ENGINES)
def engine_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        corpus_dir=tmp_path / "corpus",
        model="hash-test",
        keyword_engine=request.param,
        parse_workers=0,
    )


@pytest.fixture
def council(tmp_path: Path) -> Path:
    """Twelve letters: ten about drainage from the Highways Team, two from others, marked and dated."""
    files: dict[str, str] = {}
    for i in range(10):
        files[f"h{i}.txt"] = letter(f"Drainage works on road {i} begin soon; drainage drainage drainage.")
        files[f"h{i}.meta.json"] = sidecar("Highways Team", f"2020-0{1 + i % 9}-15")
    files["lib.txt"] = letter("The library drainage survey found one blocked gully near the café.")
    files["lib.meta.json"] = sidecar("Carol White, Library Manager", "2023-06-30", "CONFIDENTIAL")
    files["park.txt"] = letter("Proposals for the park: the council proposed new benches.")
    files["park.meta.json"] = sidecar(
        "Parks Office", "2024-02-01", "OFFICIAL", title="Improvement Board membership"
    )
    return write_corpus(tmp_path / "corpus", files)


def test_the_engine_is_recorded_in_the_manifest_and_reads_its_generation(engine_settings, council) -> None:
    gen = build(engine_settings, council)
    assert gen.manifest.keyword_engine == engine_settings.keyword_engine
    assert (gen.folder / "keywords").exists() == (engine_settings.keyword_engine == "tantivy")


def test_words_are_stemmed_and_accents_folded(engine_settings, council) -> None:
    gen = build(engine_settings, council)
    assert any("Proposals for the park" in t for t in keyword_texts(gen, "proposing"))
    assert any("near the café" in t for t in keyword_texts(gen, "cafe"))


def test_stopwords_alone_still_search_and_no_query_syntax_can_fail(engine_settings, council) -> None:
    gen = build(engine_settings, council)
    for text in ['"unbalanced', "NOT AND OR", "a*b:c(d)", "-", "école", "road:1 OR [2 TO 3]", "*"]:
        search(gen, HashEmbedder(), text, k=3, mode="keyword")
    assert keyword_texts(gen, "the") != []


def test_a_word_in_the_text_outweighs_the_same_word_in_the_title(engine_settings, council) -> None:
    gen = build(engine_settings, council)
    # "membership" is only in the park letter's title; "benches" only in its text.
    assert any("Proposals for the park" in t for t in keyword_texts(gen, "membership"))
    scores = dict(gen.keywords.search(["benches", "membership"], SearchFilters(), 10))
    park = [pid for pid, _ in gen.keywords.search(["benches"], SearchFilters(), 10)]
    title_only = [pid for pid in scores if pid not in park]
    assert park and title_only and all(scores[park[0]] > scores[p] for p in title_only)


def test_filters_apply_inside_retrieval_so_k_results_come_back(engine_settings, council) -> None:
    gen = build(engine_settings, council)
    # Ten Highways letters say "drainage" four times and outrank the library's once; a post-filter of
    # the top 3 would return nothing.
    only = SearchFilters(sender="library MANAGER")
    assert len(keyword_texts(gen, "drainage", k=3)) == 3
    found = keyword_texts(gen, "drainage", only, k=3)
    assert len(found) == 1 and "library drainage" in found[0]
    assert len(keyword_texts(gen, "drainage", SearchFilters(sender="highways"), k=5)) == 5
    assert keyword_texts(gen, "drainage", SearchFilters(recipient="parish"), k=20) != []
    assert keyword_texts(gen, "drainage", SearchFilters(recipient="nobody"), k=20) == []


def test_date_filters_are_inclusive_iso_days(engine_settings, council) -> None:
    gen = build(engine_settings, council)
    exact = keyword_texts(gen, "drainage", SearchFilters(since="2023-06-30", until="2023-06-30"), k=20)
    assert len(exact) == 1 and "library" in exact[0]
    assert len(keyword_texts(gen, "drainage", SearchFilters(until="2020-02-15"), k=20)) == 3
    assert len(keyword_texts(gen, "drainage", SearchFilters(since="2023-01-01"), k=20)) == 1


def test_clearance_hides_marked_letters_and_unmarked_ones_stay_visible(engine_settings, council) -> None:
    gen = build(engine_settings, council)
    unmarked_only = SearchFilters(markings=(None,))
    texts = keyword_texts(gen, "drainage library park proposals", unmarked_only, k=20)
    assert len(texts) == 10 and not any("library" in t or "park" in t for t in texts)
    official = keyword_texts(gen, "park library", SearchFilters(markings=(None, "OFFICIAL")), k=20)
    assert any("park" in t for t in official) and not any("library" in t for t in official)
    assert keyword_texts(gen, "drainage", SearchFilters(markings=()), k=20) == []


def test_changed_and_deleted_letters_reach_the_keywords_incrementally(engine_settings, council) -> None:
    build(engine_settings, council)
    (council / "park.txt").write_text(letter("The bandstand will be repainted in spring."), encoding="utf-8")
    (council / "lib.txt").unlink()
    (council / "new.txt").write_text(letter("A new cycle lane opens on Mill Road."), encoding="utf-8")
    gen = build(engine_settings, council)
    assert keyword_texts(gen, "benches") == [] and keyword_texts(gen, "gully") == []
    assert any("bandstand" in t for t in keyword_texts(gen, "bandstand"))
    assert any("cycle lane" in t for t in keyword_texts(gen, "cycle"))
    # The incremental result is what a build from the source of truth gives.
    rebuilt = Settings(**{**engine_settings.model_dump(), "data_dir": engine_settings.data_dir.parent / "re"})
    fresh = build(rebuilt, council)
    for query in ("drainage road", "bandstand spring", "dear resident"):
        assert keyword_texts(gen, query, k=50) == keyword_texts(fresh, query, k=50)


def test_switching_engine_rebuilds_the_keywords_from_sqlite(engine_settings, council) -> None:
    first = build(engine_settings, council)
    before = keyword_texts(first, "drainage road", k=50)
    other = "fts5" if engine_settings.keyword_engine == "tantivy" else "tantivy"
    switched = Settings(**{**engine_settings.model_dump(), "keyword_engine": other})
    gen = build(switched, council)  # nothing changed in the corpus: the switch alone publishes
    assert gen.name != first.name and gen.manifest.keyword_engine == other
    assert sorted(keyword_texts(gen, "drainage road", k=50)) == sorted(before)


def test_a_tantivy_index_of_an_earlier_layout_is_rebuilt_not_updated(tmp_path, council, monkeypatch) -> None:
    from index.keyword import tantivy as engine

    settings = Settings(
        data_dir=tmp_path / "data",
        corpus_dir=council,
        model="hash-test",
        keyword_engine="tantivy",
        parse_workers=0,
    )
    first = build(settings, council)
    marker = first.folder / engine.FOLDER / engine.LAYOUT_FILE
    assert marker.read_text(encoding="ascii").strip() == engine.LAYOUT
    calls: list[str] = []
    for name in ("rebuild", "apply"):
        original = getattr(engine.TantivyBuilder, name)

        def spy(self, *args, _original=original, _name=name):
            calls.append(_name)
            return _original(self, *args)

        monkeypatch.setattr(engine.TantivyBuilder, name, spy)
    (council / "new.txt").write_text(letter("A new cycle lane opens on Mill Road."), encoding="utf-8")
    assert build(settings, council) and calls == ["apply"]  # same layout: updated in place
    marker = open_current(settings.data_dir).folder / engine.FOLDER / engine.LAYOUT_FILE
    marker.unlink()  # as an index written before layouts were recorded
    (council / "new.txt").write_text(letter("The cycle lane on Mill Road is open."), encoding="utf-8")
    gen = build(settings, council)
    assert calls == ["apply", "rebuild"]
    assert (gen.folder / engine.FOLDER / engine.LAYOUT_FILE).read_text(
        encoding="ascii"
    ).strip() == engine.LAYOUT
    # The title is searched as words of the text: "membership" is only in the park letter's title.
    assert any("Proposals for the park" in t for t in keyword_texts(gen, "membership"))


def test_document_frequencies_count_the_passages_holding_every_word(engine_settings, council) -> None:
    gen = build(engine_settings, council)
    total, counts = gen.keywords.doc_freqs(["drainage", "blocked gully", "Gully near the CAFE", "zebra", ""])
    assert total == gen.store.counts()[1]
    drainage, gully, near_cafe, zebra, empty = counts
    assert 11 <= drainage < total  # ten Highways letters and the library's survey
    assert gully == near_cafe == 1 and zebra == empty == 0
    # Words are counted as the index stems them ("proposing" finds "Proposals", "proposed").
    assert gen.keywords.doc_freqs(["proposing"])[1] == [1]


def test_document_frequencies_under_a_clearance_count_only_what_the_reader_may_see(
    engine_settings, council
) -> None:
    gen = build(engine_settings, council)
    everything = gen.keywords.doc_freqs(["gully", "blocked gully", "drainage"])
    # The library's survey is CONFIDENTIAL: to a reader of unmarked letters its words are in no passage.
    total, (gully, blocked, drainage) = gen.keywords.doc_freqs(
        ["gully", "blocked gully", "drainage"], (None,)
    )
    assert gully == blocked == 0 and drainage == everything[1][2] - 1
    visible = gen.store.passage_ids(SearchFilters(markings=(None,)))
    assert total == len(visible) < everything[0]
    cleared = gen.keywords.doc_freqs(
        ["gully", "blocked gully", "drainage"], (None, "OFFICIAL", "CONFIDENTIAL")
    )
    assert cleared == everything
    assert gen.keywords.doc_freqs(["drainage"], ()) == (0, [0])
