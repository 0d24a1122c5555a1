"""Cited answers end to end: the real model, the real index and the customer's letters."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.assistant import SIBLINGS_PER_LETTER, Assistant, QuestionError
from assistant.reader import Identity, Reader
from assistant.records import Turn
from index.embedding.base import Embedder
from index.generation import Generation, open_current
from index.records import SearchFilters
from index.settings import Settings
from ingest.pipeline import index_corpus

BOARD = "What was proposed for the Improvement Board membership?"


@pytest.fixture(scope="module")
def generation(real_corpus: Path, real_embedder: Embedder, tmp_path_factory) -> Generation:
    settings = Settings(data_dir=tmp_path_factory.mktemp("answers") / "data")
    report = index_corpus(settings, real_corpus, embedder=lambda: real_embedder)
    assert report.ok
    return open_current(settings.data_dir)


@pytest.fixture(scope="module")
def assistant(generation: Generation, real_embedder: Embedder) -> Reader:
    """The assistant as every caller reaches it: through a reader (here cleared for everything)."""
    settings = Settings()
    identity = Identity("test", settings.levels().top_name(), "cli")
    return Reader(
        generation,
        identity,
        assistant=Assistant(settings, real_embedder),
        levels=settings.levels(),
        audit=None,
    )


def test_improvement_board_answer_quotes_the_whole_membership_list(assistant: Reader) -> None:
    answer = assistant.ask(BOARD)
    assert answer.answered
    first = answer.citations[0]
    assert first.quote.startswith("As regards membership of the Improvement Board, we would propose")
    for member in (
        "an independent chair",
        "the Chief Executive of Leeds City Council",
        "West Yorkshire Police",
        "Chair of a Local Safeguarding Children Board)",
    ):
        assert member in first.quote
    assert first.reference == (
        "Letter from Cllr Andrew Carter and Cllr Richard Brett (Leeds City Council) to "
        "Rt Hon Dawn Primarolo MP, "
        "4 December 2009, para 7 [CONFIDENTIAL]"
    )
    assert answer.text.startswith(
        "Cllr Andrew Carter and Cllr Richard Brett (Leeds City Council), writing to Rt Hon Dawn Primarolo MP "
        "on 4 December 2009, proposed: “As regards membership"
    )
    assert f"“{first.quote}” [1]" in answer.text
    assert len({c.passage_id for c in answer.citations}) == len(answer.citations)  # no passage twice


def test_every_quote_is_the_letters_text_between_start_and_end(assistant: Reader, generation) -> None:
    for question in (BOARD, "Who signed the 2009 letter?", "How much did child protection plans rise?"):
        answer = assistant.ask(question)
        assert answer.citations
        for c in answer.citations:
            assert generation.store.letter_text(c.letter.id)[c.start : c.end] == c.quote
            assert c.paragraph is not None or c.kind != "body"


def test_a_quote_that_no_longer_matches_its_letter_is_dropped(assistant, generation, monkeypatch) -> None:
    original = generation.store.letter_text

    def tampered(letter_id: str) -> str | None:
        # Same length, so offsets still line up: only an exact comparison catches it.
        text = original(letter_id)
        return text.replace("an independent chair", "an independent CHAIR") if text else text

    monkeypatch.setattr(generation.store, "letter_text", tampered)
    answer = assistant.ask(BOARD)
    assert all("an independent chair" not in c.quote for c in answer.citations)
    assert all(tampered(c.letter.id)[c.start : c.end] == c.quote for c in answer.citations)
    assert "an independent chair" not in answer.text


def test_follow_up_question_is_understood_from_the_earlier_turn(assistant: Reader) -> None:
    answer = assistant.ask("Who was proposed to chair it?", history=[Turn(BOARD)])
    assert answer.answered
    assert "Mr Bill McCarthy" in answer.citations[0].quote


def test_question_the_letters_never_mention_is_not_answered(assistant: Reader) -> None:
    for question in (
        "What is the council's policy on bin collections?",
        "Who won the 2010 football world cup?",
    ):
        answer = assistant.ask(question)
        assert not answer.answered and answer.citations == ()
        assert "does not answer" in answer.text
        assert answer.related  # the closest passages, offered as related reading
    # A name no letter holds is why, and the refusal says so.
    answer = assistant.ask("When will the new library in Bradford open?")
    assert not answer.answered and answer.text.startswith("None of the letters mentions “Bradford”.")


def test_a_reader_cleared_below_the_board_letter_is_refused_in_terms_of_the_letters_they_can_see(
    generation: Generation, real_embedder: Embedder
) -> None:
    """The board letter is CONFIDENTIAL: for an OFFICIAL-SENSITIVE reader it is not in the world."""
    settings = Settings()
    officer = Reader(
        generation,
        Identity("officer", "OFFICIAL-SENSITIVE", "web"),
        assistant=Assistant(settings, real_embedder),
        levels=settings.levels(),
        audit=None,
    )
    answer = officer.ask(BOARD)
    assert not answer.answered and answer.citations == ()
    assert "letters you can see do not answer" in answer.text
    assert all(h.letter.marking != "CONFIDENTIAL" for h in answer.related)
    # A name only the hidden letter holds is one no letter they can see mentions; the rest stays unsaid.
    answer = officer.ask("Why is Mr McCarthy considered a good appointment?")
    assert not answer.answered
    assert answer.text.startswith("None of the letters you can see mentions “Mr McCarthy”.")


def test_filters_narrow_the_evidence(assistant: Reader) -> None:
    answer = assistant.ask("What progress has been made?", filters=SearchFilters(sender="Graham Archer"))
    assert answer.answered
    assert {c.letter.date for c in answer.citations} == {"2011-05-20"}
    assert all(h.letter.date == "2011-05-20" for h in answer.related)


def test_who_signed_is_answered_with_every_signatory(assistant: Reader) -> None:
    answer = assistant.ask("Who signed the 2009 letter?")
    quote = answer.citations[0].quote
    assert "Councillor Andrew Carter" in quote and "Councillor Richard Brett" in quote
    assert answer.citations[0].reference.endswith("sign-off [CONFIDENTIAL]")


def test_a_date_asked_for_in_other_words_is_answered_by_the_date_line(assistant: Reader) -> None:
    answer = assistant.ask("On what date did the council leaders send their letter to the minister?")
    assert answer.answered
    assert answer.citations[0].quote == "4 December 2009"


def test_the_part_of_the_question_the_first_quote_leaves_out_is_quoted_too(assistant: Reader) -> None:
    # The paragraph on schools opens with three sentences on them; the concern comes last. With the
    # parts left out covered only after the other quotes, three quotes on schools left no room for it.
    answer = assistant.ask("What concern did the DfE have about schools?")
    assert answer.answered
    assert any("My slight concern is on the pace of this" in c.quote for c in answer.citations[:3])


def test_who_took_part_is_answered_by_the_attendance_line_and_a_framing_preposition_is_no_key_term(
    assistant: Reader,
) -> None:
    # "took part" asks what "attended" asks: the note's "Attending: …" block holds the answer.
    answer = assistant.ask("Which DfE officials took part in the 20 May 2011 review with Leeds?")
    assert any("Nicola Whomersley (DfE)" in c.quote for c in answer.citations[:3])
    # "alongside" frames the question, as "with" would; the letter need not say it.
    answer = assistant.ask(
        "Who signed the letter alongside Andrew Carter, and what post does that person hold?"
    )
    assert answer.answered
    assert any("Councillor Richard Brett" in c.quote for c in answer.citations[:3])


def test_a_count_or_a_share_the_letters_never_give_is_refused(assistant: Reader) -> None:
    # The letters discuss schools and assessments, with other numbers (priorities, outcomes, dates),
    # but never count the underperforming schools nor give a share of assessments done in time.
    for question in (
        "How many schools in Leeds are underperforming?",
        "What share of initial assessments does Leeds now complete in time?",
    ):
        answer = assistant.ask(question)
        assert not answer.answered and answer.citations == (), question
    # "were at the … meeting" asks who attended: the note's "Attending: …" line answers.
    answer = assistant.ask("Which council officers were at the May review meeting?")
    assert any("Mariana Pexton (Leeds CC)" in c.quote for c in answer.citations[:3])


def test_what_came_of_a_plan_is_refused_when_the_letters_only_plan_it(assistant: Reader) -> None:
    # The 2009 letter says the Director intends to retire; no letter says who followed.
    answer = assistant.ask(
        "Who was eventually appointed as the permanent Director of Children's Services in Leeds?"
    )
    assert not answer.answered and answer.citations == ()


def test_empty_and_overlong_questions_are_refused_with_a_reason(assistant: Reader) -> None:
    with pytest.raises(QuestionError, match="empty"):
        assistant.ask("   ")
    with pytest.raises(QuestionError, match="limit is 2000"):
        assistant.ask("why " * 600)


def test_the_best_letters_other_paragraphs_are_weighed_as_evidence(
    generation: Generation, real_embedder: Embedder
) -> None:
    """The answering paragraph of a well-ranked letter is weighed even when the search ranked it low."""
    found = Assistant(Settings(), real_embedder).consider(generation, BOARD)
    best = max(found.hits, key=lambda h: h.score)
    quotable = {p.id for p in generation.store.letter_passages(best.letter.id) if p.quotable}
    weighed = quotable & {h.passage.id for h in found.hits}
    assert len(weighed) >= min(len(quotable), SIBLINGS_PER_LETTER)
    fetched = [h for h in found.hits if not h.ranks]
    assert fetched and all(h.score < best.score for h in fetched)
    assert found.chosen[0].quote.startswith("As regards membership of the Improvement Board")
