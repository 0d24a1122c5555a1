"""The assistant: question (+ earlier turns, filters) → retrieval → evidence → verified, cited answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.asked import lacks_count, lacks_day, lacks_figure, lacks_time, only_plans
from assistant.compose import compose, render
from assistant.evidence import (
    Evidence,
    fewer_name_lines,
    gather,
    intent_kinds,
    lacks_main_name,
    lead_by,
    quote_supports,
    rarity_of,
    select,
    term_counts,
    unseen_names,
    written_otherwise,
)
from assistant.followup import resolve
from assistant.records import Answer, Turn
from assistant.reuse import OnceEmbedder
from assistant.verify import verify
from index.embedding.base import Embedder
from index.generation import Generation
from index.records import Hit, SearchFilters
from index.search import search
from index.settings import Settings

NOT_ANSWERED = (
    "The correspondence does not answer this question. The closest passages are listed below as "
    "related reading, not as an answer."
)

# Under a clearance the reader's visible letters are the whole world: a refusal speaks of those.
NOT_ANSWERED_VISIBLE = (
    "The letters you can see do not answer this question. The closest of them are listed below as "
    "related reading, not as an answer."
)


def refusal(filters: SearchFilters, unseen: Sequence[str]) -> str:
    """What a refused question is told: under a clearance, of the letters the reader can see; naming
    what the question asks about that no letter (they can see) mentions, when that is why."""
    visible = filters.markings is not None
    text = NOT_ANSWERED_VISIBLE if visible else NOT_ANSWERED
    if not unseen:
        return text
    names = " or ".join(f"“{name}”" for name in unseen)
    return f"None of the letters{' you can see' if visible else ''} mentions {names}. {text}"


# The best-ranked letters whose other passages join the evidence, at this share of the letter's score.
WHOLE_LETTERS = 3
SIBLING_SHARE = 0.7
SIBLINGS_PER_LETTER = 12

# A question naming a correspondent finds every email he signed by its name line ("Phillip Allen"),
# each bringing in a letter on another matter: at most half the passages an answer weighs are such
# lines (they still bring in his letters); when more are, the search goes twice as deep. Enron dev: the
# letter of "When did Phillip Allen suggest coming up to visit George …?" was crowded out by eight
# of his signatures; no other answer changed. All name lines out cost 5 right answers on dev, a
# third of the passages 1 right and 1 false answer (BENCHMARKS.md, round 17).
NAME_LINE_SPARE = 2
NAME_LINE_SHARE = 0.5

# Letters whose header/sign-off blocks are added for questions about the letter itself.
LETTERS_FOR_BLOCKS = 2


@dataclass(frozen=True)
class Considered:
    query: str
    context: str
    hits: list[Hit]
    texts: dict[str, str]  # letter id → its text, for every letter among the hits
    evidence: list[Evidence]
    chosen: list[Evidence]
    rarity: dict[str, float]  # each key term → how few visible passages hold it (`term_rarity`)
    unseen: list[str]  # names the question asks about that no visible passage holds (`unseen_names`)


def what_is_asked_first(
    question: str,
    chosen: list[Evidence],
    supports: Sequence[float],
    least: float,
    evidence: Sequence[Evidence] = (),
    floor: float = 0.0,
    limit: int = 3,
) -> list[Evidence]:
    """The quotes with the first one that holds the figure, date or count asked for ahead, when the
    best-supported quote lacks it and that one carries the question too (support at least `least`):
    "How many options are Belden and Swerzbin each getting?" leads with "… are each receiving 20,000
    options", not the grant's policy sentence that shares more of its words. Whether to answer is
    decided before, on the quotes as they were."""

    def lacks(quote: str) -> bool:
        return lacks_figure(question, [quote]) or lacks_day(question, quote) or lacks_count(question, [quote])

    if not lacks(chosen[0].quote):
        return chosen
    better = next(
        (k for k in range(1, len(chosen)) if supports[k] >= least and not lacks(chosen[k].quote)), None
    )
    if better is not None:
        return [chosen[better], *chosen[:better], *chosen[better + 1 :]]
    # None of them holds it: the lead quote's letter often does, in a sentence of the same paragraph
    # or the next that shares fewer of the question's words ("Bill mentioned that there will be an IEA
    # conference in Paris next May" under "He is currently the Deputy Director of the International
    # Energy Agency in Paris"). Its best such sentence leads, above the quotes' floor.
    lead = chosen[0].hit.letter.id
    held = next(
        (
            ev
            for ev in evidence
            if ev.score >= floor
            and ev.hit.letter.id == lead
            and not any(
                c.hit.passage.id == ev.hit.passage.id and c.start < ev.end and ev.start < c.end
                for c in chosen
            )
            and not lacks(ev.quote)
        ),
        None,
    )
    return chosen if held is None else [held, *chosen][:limit]


class QuestionError(ValueError):
    """A question the assistant will not take (empty or too long); the message says why."""


class Assistant:
    """Shared by the CLI and the web app; each answer comes from the one generation it is handed."""

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self.settings = settings
        self.embedder = embedder

    def ask(
        self,
        generation: Generation,
        question: str,
        *,
        history: Sequence[Turn] = (),
        filters: SearchFilters | None = None,
        k: int | None = None,
    ) -> Answer:
        question = " ".join(question.split())
        if not question:
            raise QuestionError("the question is empty; ask about something in the letters")
        limit = self.settings.max_question_chars
        if len(question) > limit:
            raise QuestionError(f"the question is {len(question)} characters long; the limit is {limit}")
        filters = filters or SearchFilters()
        found = self.consider(generation, question, history=history, filters=filters, k=k)
        # A name no letter the reader may see holds: no letter of theirs is about it.
        chosen = [] if found.unseen else found.chosen
        # Calibrated refusal: a close quote that lacks what the question is about (a name, a number,
        # the thing asked) answers another question (issue 12; threshold chosen on tests/gold dev).
        if chosen:
            rarity = found.rarity
            letters = list({h.letter.id: h.letter for h in found.hits}.values())
            supports = quote_supports(question, found.context, chosen, found.texts, rarity, letters)
            chosen, supports, carried = lead_by(question, found.context, chosen, supports)
            lead_text = found.texts.get(chosen[0].hit.letter.id, "")
            # Nor does an answer without what is asked for: a figure in the measure asked ("What
            # price …?"), a date, a count, in a quote that itself carries the question (a date in a
            # quote from a letter on another matter answers no "When …?": Enron dev-3 and dev-6,
            # round 16, 2 false answers fewer, no right answer lost); nor one whose first quote only
            # plans what the question asks the outcome of ("Who was eventually appointed?": the
            # reader reads the first quote as the answer).
            least = self.settings.answer_support
            quotes = [c.quote for c, held in zip(chosen, supports, strict=True) if held >= least]
            if (
                carried < least
                or lacks_main_name(question, found.context, chosen, lead_text, rarity)
                or lacks_figure(question, quotes)
                or lacks_time(question, quotes)
                or lacks_count(question, quotes)
                or only_plans(question, [chosen[0].quote])
            ):
                chosen = []
            else:
                floor = self.settings.answer_threshold - self.settings.quote_margin
                limit = self.settings.max_quotes
                chosen = what_is_asked_first(question, chosen, supports, least, found.evidence, floor, limit)
        statements, citations = compose(chosen)
        statements, citations, _dropped = verify(statements, citations, generation.store.letter_text)
        cited = {c.passage_id for c in citations}
        hits = found.hits
        related = tuple(h for h in hits if h.passage.id not in cited)
        answered = bool(statements)
        return Answer(
            question=question,
            answered=answered,
            text=render(statements) if answered else refusal(filters, found.unseen),
            statements=tuple(statements),
            citations=tuple(citations),
            related=related if answered else tuple(hits),
            generation=generation.name,
            query=found.query,
            filters=filters,
        )

    def consider(
        self,
        generation: Generation,
        question: str,
        *,
        history: Sequence[Turn] = (),
        filters: SearchFilters | None = None,
        k: int | None = None,
    ) -> Considered:
        """What an answer weighs before it may refuse: the hits, every scored unit, the chosen quotes."""
        query, context = resolve(question, history)
        embedder = OnceEmbedder(self.embedder)
        wanted = k or self.settings.evidence_passages

        def found(count: int) -> list[Hit]:
            options = self.settings.search_options()
            return search(generation, embedder, query, k=count, filters=filters or SearchFilters(), **options)

        hits = found(wanted)
        if len(fewer_name_lines(hits, wanted, NAME_LINE_SHARE)) < len(hits):
            # Only then searched again, further down (a tenth of an answer's time otherwise).
            hits = fewer_name_lines(found(wanted * NAME_LINE_SPARE), wanted, NAME_LINE_SHARE)
        hits = hits + self._letter_blocks(generation, hits, question, context)
        hits = hits + self._letter_rest(generation, hits)
        store = generation.store
        # Once per letter: a letter's sibling passages bring it back a dozen times.
        texts = {lid: store.letter_text(lid) or "" for lid in dict.fromkeys(h.letter.id for h in hits)}
        stored = store.units([h.passage.id for h in hits])
        # Rarity over the letters the reader may see: under a clearance those are the whole world.
        markings = (filters or SearchFilters()).markings
        total, counts = term_counts(
            question, context, lambda groups: generation.keywords.doc_freqs(groups, markings)
        )
        rarity = rarity_of(question, context, total, counts)
        evidence = gather(question, context, hits, texts, embedder, stored, store.vectors_for, rarity)
        chosen = select(
            evidence,
            threshold=self.settings.answer_threshold,
            margin=self.settings.quote_margin,
            limit=self.settings.max_quotes,
            question=question,
        )
        unseen = written_otherwise(
            unseen_names(question, context, counts),
            lambda groups: generation.keywords.doc_freqs(groups, markings),
        )
        return Considered(query, context, hits, texts, evidence, chosen, rarity, unseen)

    def _letter_rest(self, generation: Generation, hits: Sequence[Hit]) -> list[Hit]:
        """The other quotable passages of the best-ranked letters, scored a share of their letter's best.

        A subject line or one paragraph often ranks an email first while the sentence that answers
        sits in another of its paragraphs, which shares fewer of the question's words.
        """
        if not WHOLE_LETTERS:
            return []
        seen = {h.passage.id for h in hits}
        best: dict[str, Hit] = {}
        for hit in hits:
            if hit.letter.id not in best or hit.score > best[hit.letter.id].score:
                best[hit.letter.id] = hit
        ranked = sorted(best.values(), key=lambda h: -h.score)[:WHOLE_LETTERS]
        extra = []
        for top in ranked:
            passages = [
                p for p in generation.store.letter_passages(top.letter.id) if p.quotable and p.id not in seen
            ]
            extra += [
                Hit(passage=p, letter=top.letter, score=top.score * SIBLING_SHARE, ranks={})
                for p in passages[:SIBLINGS_PER_LETTER]
            ]
        return extra

    def _letter_blocks(
        self, generation: Generation, hits: Sequence[Hit], question: str, context: str
    ) -> list[Hit]:
        """Header or sign-off blocks a question about the letter itself asks for ("Who signed it?").

        They share few words with such questions, so retrieval rarely brings them; they are taken
        from the letters the best hits belong to.
        """
        kinds = intent_kinds(question) or (intent_kinds(context) if context else frozenset())
        if not kinds:
            return []
        seen = {h.passage.id for h in hits}
        letters = list(dict.fromkeys(h.letter.id for h in hits))[:LETTERS_FOR_BLOCKS]
        extra = []
        for hit in hits:
            if hit.letter.id not in letters:
                continue
            letters.remove(hit.letter.id)
            for passage in generation.store.letter_passages(hit.letter.id):
                if passage.kind in kinds and passage.id not in seen:
                    extra.append(Hit(passage=passage, letter=hit.letter, score=0.0, ranks={}))
        return extra
