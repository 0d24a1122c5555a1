"""Tantivy keywords: BM25 with block-max WAND, so a query scores a few blocks, not every match.

The index lives in `GENERATION/keywords/`; an incremental run copies the previous generation's and
applies the passages deleted and added. At 100,000 passages a SciFact claim takes 0.9 ms (p50) here
against 73 ms for FTS5 `bm25()` on the same passages (BENCHMARKS.md, keyword engines).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import tantivy

from index.keyword.base import META_WEIGHT, KeywordDoc, KeywordProblem
from index.records import SearchFilters
from index.store import Store

FOLDER = "keywords"
ANALYZER = "letters_en"
UNMARKED = "-"  # the marking term of unmarked letters; real markings are stored as "m:NAME"
# One writer thread: publish runs on a machine whose cores serve searches too, and a 100,000-passage
# build takes 12 s on one (2 threads saved 3 s and doubled the segments to merge).
WRITER_THREADS = 1
WRITER_HEAP = 64_000_000
# The index's layout, written beside it: an index of another layout is rebuilt, not updated. "2": a
# letter's title and parties are words of the text field itself. Kept in a field of their own (layout
# 1, weighed META_WEIGHT), their short field's own BM25 length norms and statistics ranked the right
# email within 8 passages for 125 of the 159 answerable Enron dev questions, against 133 for FTS5
# (which weighs both columns in one BM25) and 134 for one field; SciFact nDCG@10 0.6901 either way.
LAYOUT = "2"
LAYOUT_FILE = "letters-layout"


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", indexed=True, fast=True)
    # Term frequencies without positions: queries are bags of words, never phrases.
    builder.add_text_field("text", tokenizer_name=ANALYZER, index_option="freq")
    # Layout 1's title and parties (see LAYOUT); empty in layout 2, kept so either layout opens.
    builder.add_text_field("meta", tokenizer_name=ANALYZER, index_option="freq")
    # Filters: whole lower-cased strings (substring by regex), a day number, a marking term.
    builder.add_text_field("sender", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("recipient", tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("day", indexed=True, fast=True)
    builder.add_text_field("marking", tokenizer_name="raw", index_option="basic")
    return builder.build()


def _analyzer() -> tantivy.TextAnalyzer:
    """Words, lower-cased, accents folded, Porter-stemmed: what FTS5's `porter unicode61` does."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(64))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def _open(path: Path) -> tantivy.Index:
    try:
        index = tantivy.Index.open(str(path))
    except ValueError as exc:
        raise KeywordProblem(
            f"the keyword index in {path} cannot be opened ({exc}); run `letters index --rebuild`"
        ) from exc
    index.register_tokenizer(ANALYZER, _analyzer())
    return index


def _has_layout(path: Path) -> bool:
    marker = path / LAYOUT_FILE
    return marker.is_file() and marker.read_text(encoding="ascii").strip() == LAYOUT


def day(date: str | None) -> int | None:
    """An ISO date as a number that sorts the same way (2009-12-04 → 20091204); a partial one padded."""
    if not date:
        return None
    digits = re.sub(r"\D", "", date)[:8]
    return int(digits.ljust(8, "0")) if digits else None


def _marking(marking: str | None) -> str:
    return UNMARKED if marking is None else f"m:{marking}"


def _contains(value: str) -> str:
    """A regex matching any term that contains `value` (tantivy regexes match the whole term)."""
    return ".*" + re.sub(r"([\\.+*?()|\[\]{}^$#&\-~\"])", r"\\\1", value.lower()) + ".*"


class TantivyIndex:
    """A published generation's keyword index; searchers are cheap and safe across threads."""

    def __init__(self, path: Path, markings: Callable[[], list[str | None]]) -> None:
        self.index = _open(path)
        self.schema = self.index.schema
        self.analyzer = _analyzer()
        self.markings = markings  # every marking of the generation's letters (cached by the generation)
        # A layout-1 index (served until the next `letters index` rebuilds it) keeps its meta field.
        self.separate_meta = not _has_layout(path)

    def search(self, words: Sequence[str], filters: SearchFilters, limit: int) -> list[tuple[int, float]]:
        if not words or limit <= 0:
            return []
        query = self._words(words)
        if query is None:
            return []
        clauses = self._filters(filters)
        if clauses:
            query = tantivy.Query.boolean_query([(tantivy.Occur.Must, query), *clauses])
        searcher = self.index.searcher()
        hits = searcher.search(query, limit, count=False).hits
        ids = searcher.fast_field_values("id", [address for _, address in hits])
        pairs = zip(hits, ids, strict=True)
        return [(pid, float(score)) for (score, _), pid in pairs if isinstance(pid, int)]

    def doc_freqs(
        self, groups: Sequence[str], markings: Sequence[str | None] | None = None
    ) -> tuple[int, list[int]]:
        if markings is not None and not markings:
            return 0, [0] * len(groups)  # a reader who may see nothing
        searcher = self.index.searcher()
        # Under a clearance, what the reader may not see is counted and taken away: the hidden
        # passages are few beside the rest, and counting every visible one cost 1.7 ms a question at
        # 20,000 passages.
        unseen = self._hidden(markings) if markings is not None else None

        def count(query: tantivy.Query) -> int:
            found = searcher.search(query, 1, count=True)
            return int(found.count)  # type: ignore[attr-defined]  # set by count=True; not in the stubs

        def hidden_count(clauses: list[tantivy.Query]) -> int:
            if unseen is None:
                return 0
            both = [(tantivy.Occur.Must, q) for q in [*clauses, unseen]]
            return count(tantivy.Query.boolean_query(both))

        counts = []
        for group in groups:
            terms = list(dict.fromkeys(self.analyzer.analyze(group)))
            clauses = [tantivy.Query.term_query(self.schema, "text", t, index_option="freq") for t in terms]
            if not terms:
                counts.append(0)
            elif len(terms) == 1:
                # From the term dictionary (it may still count deleted passages until a merge).
                counts.append(max(0, searcher.doc_freq("text", terms[0]) - hidden_count(clauses)))
            else:
                # No positions are indexed (bags of words), so a name's passages are those with all of it.
                every = tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in clauses])
                counts.append(max(0, count(every) - hidden_count(clauses)))
        total = searcher.num_docs - (count(unseen) if unseen is not None else 0)
        return total, counts

    def _words(self, words: Sequence[str]) -> tantivy.Query | None:
        """Any of the words' stems in the text (with the letter's title and parties, layout 2).

        Built term by term rather than parsed: no query syntax to escape, and a word the analyzer
        splits ("a_b") stays two terms instead of becoming a phrase.
        """
        terms = list(dict.fromkeys(self.analyzer.analyze(" ".join(words))))
        if not terms:
            return None
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for term in terms:
            text = tantivy.Query.term_query(self.schema, "text", term, index_option="freq")
            clauses.append((tantivy.Occur.Should, text))
            if self.separate_meta:
                meta = tantivy.Query.term_query(self.schema, "meta", term, index_option="freq")
                clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(meta, META_WEIGHT)))
        return tantivy.Query.boolean_query(clauses)

    def _filters(self, filters: SearchFilters) -> list[tuple[tantivy.Occur, tantivy.Query]]:
        """Clauses that narrow the match before ranking; they score nothing (constant 0)."""
        must: list[tantivy.Query] = []
        schema = self.schema
        if filters.sender:
            must.append(tantivy.Query.regex_query(schema, "sender", _contains(filters.sender)))
        if filters.recipient:
            must.append(tantivy.Query.regex_query(schema, "recipient", _contains(filters.recipient)))
        if filters.since or filters.until:
            must.append(
                tantivy.Query.range_query(
                    schema, "day", tantivy.FieldType.Integer, day(filters.since), day(filters.until)
                )
            )
        out = [(tantivy.Occur.Must, tantivy.Query.const_score_query(q, 0.0)) for q in must]
        if filters.markings is not None:
            # Clearance is a filter like any other: inside retrieval, so nothing above it can surface.
            # It excludes the markings the reader may not see rather than requiring the ones they
            # may: a MUST clause turns the ranking into scoring every match (9.6 ms p50 at 100,000
            # passages), a MUST_NOT one keeps block-max WAND (0.9 ms against 0.7 unfiltered).
            if not filters.markings:
                return [(tantivy.Occur.Must, tantivy.Query.empty_query())]
            hidden = self._hidden(filters.markings)
            if hidden is not None:
                out.append((tantivy.Occur.MustNot, hidden))
        return out

    def _hidden(self, markings: Sequence[str | None]) -> tantivy.Query | None:
        """The passages of letters whose marking is not among `markings`, or None when there are none."""
        allowed = set(markings)
        hidden = [_marking(m) for m in self.markings() if m not in allowed]
        return tantivy.Query.term_set_query(self.schema, "marking", hidden) if hidden else None

    def close(self) -> None:
        del self.index


class TantivyBuilder:
    """Writes `GENERATION/keywords/` of a generation being built (copied from `base` to apply changes)."""

    def __init__(self, path: Path, base: Path | None) -> None:
        self.path = path
        if base is not None:
            shutil.copytree(base, path, ignore=shutil.ignore_patterns("*.lock"))
            self.index = _open(path)
        else:
            path.mkdir()
            self.index = tantivy.Index(_schema(), path=str(path))
            self.index.register_tokenizer(ANALYZER, _analyzer())
        self.writer = self.index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)

    def rebuild(self, docs: Iterable[KeywordDoc]) -> None:
        self.writer.delete_all_documents()
        self._add(docs)

    def apply(self, deleted: Sequence[int], added: Iterable[KeywordDoc]) -> None:
        for pid in sorted(set(deleted)):
            self.writer.delete_documents_by_term("id", pid)
        self._add(added)

    def _add(self, docs: Iterable[KeywordDoc]) -> None:
        for doc in docs:
            fields = tantivy.Document()
            fields.add_integer("id", doc.passage_id)
            fields.add_text("text", f"{doc.text}\n{doc.meta}" if doc.meta else doc.text)
            fields.add_text("sender", doc.sender.lower())
            fields.add_text("recipient", doc.recipient.lower())
            number = day(doc.date)
            if number is not None:
                fields.add_integer("day", number)
            fields.add_text("marking", _marking(doc.marking))
            self.writer.add_document(fields)

    def finish(self) -> None:
        # commit() syncs the segment files and writes meta.json atomically; waiting for the merges
        # means no file changes once the generation is published.
        self.writer.commit()
        self.writer.wait_merging_threads()
        del self.writer, self.index
        (self.path / LAYOUT_FILE).write_text(LAYOUT + "\n", encoding="ascii")


class TantivyEngine:
    name = "tantivy"

    def open(self, folder: Path, store: Store) -> TantivyIndex:
        found: list[list[str | None]] = []

        def markings() -> list[str | None]:
            if not found:
                found.append(store.markings())
            return found[0]

        return TantivyIndex(folder / FOLDER, markings)

    def updatable(self, base: Path) -> bool:
        return _has_layout(base / FOLDER)

    def builder(self, folder: Path, store: Store, base: Path | None) -> TantivyBuilder:
        return TantivyBuilder(folder / FOLDER, base / FOLDER if base is not None else None)
