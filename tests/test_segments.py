"""segment(): passages a reader would cite, covering the letter once, with kind, paragraph and page."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from index.records import PASSAGE_KINDS, Segment
from index.units import cut
from ingest.conventions.lists import MAX_LIST_CHARS, MAX_MEAN_ITEM_CHARS
from ingest.conventions.segments import segment

CORPUS = Path(__file__).parents[1] / "corpus"


def real(prefix: str) -> str:
    return next(CORPUS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def check_invariants(text: str, segments: list[Segment]) -> None:
    """Verbatim, trimmed, ordered, non-overlapping, and every non-blank character inside one segment."""
    covered = [0] * len(text)
    previous_end = 0
    for seg in segments:
        assert seg.kind in PASSAGE_KINDS
        assert previous_end <= seg.start < seg.end <= len(text)
        piece = text[seg.start : seg.end]
        assert piece == piece.strip()
        assert (seg.paragraph is not None) == (seg.kind in ("body", "list"))
        for i in range(seg.start, seg.end):
            covered[i] += 1
        previous_end = seg.end
    assert all(covered[i] == 1 for i, ch in enumerate(text) if not ch.isspace())
    numbers = [s.paragraph for s in segments if s.paragraph is not None]
    assert numbers == list(range(1, len(numbers) + 1))


def kinds(text: str) -> list[tuple[str, str]]:
    segments = segment(text)
    check_invariants(text, segments)
    return [(s.kind, text[s.start : s.end]) for s in segments]


def paragraph(text: str, number: int) -> str:
    seg = next(s for s in segment(text) if s.paragraph == number)
    return text[seg.start : seg.end]


# The real letters


def test_real_letters_are_covered_exactly_once_and_verbatim() -> None:
    for prefix in ("000", "003"):
        text = real(prefix)
        check_invariants(text, segment(text))


def test_2009_letter_kinds_in_reading_order() -> None:
    found = [k for k, _ in kinds(real("003"))]
    assert found[:6] == ["letterhead", "letterhead", "marking", "address", "date", "salutation"]
    assert found[-3:] == ["sign-off", "sign-off", "sign-off"]
    assert set(found[6:-3]) == {"body", "list"}


def test_2009_letter_paragraphs_are_numbered_as_a_reader_would() -> None:
    text = real("003")
    assert paragraph(text, 1).startswith("Further to our meeting on 9 November 2009")
    assert paragraph(text, 7).startswith("As regards membership of the Improvement Board")
    assert paragraph(text, 12).startswith("We trust that this letter")


def test_unbulleted_items_continuing_a_sentence_form_one_list_with_their_intro() -> None:
    segs = segment(text := real("003"))
    six = next(s for s in segs if s.paragraph == 6)
    quote = text[six.start : six.end]
    assert six.kind == "list"
    assert quote.startswith("Further, then, to recent discussions with your officials, we would propose:")
    assert quote.endswith("following the feedback later today.")
    assert quote.count("\n\n") == 4


def test_bulleted_membership_list_is_one_list_segment() -> None:
    segs = segment(text := real("003"))
    seven = next(s for s in segs if s.paragraph == 7)
    quote = text[seven.start : seven.end]
    assert seven.kind == "list"
    assert quote.endswith("Chair of a Local Safeguarding Children Board)")
    assert quote.count("\n- ") == 7


def test_2009_letter_signatories_are_sign_off_blocks() -> None:
    found = kinds(real("003"))
    assert found[-2:] == [
        ("sign-off", "Councillor Andrew Carter\nLeader of the Council"),
        ("sign-off", "Councillor Richard Brett\nDeputy Leader of the Council"),
    ]


def test_2011_letter_long_bullets_each_stand_alone_after_a_body_intro() -> None:
    text = real("000")
    segs = segment(text)
    assert segs[0].kind == "heading"
    assert [s.kind for s in segs[2:4]] == ["salutation", "body"]
    items = [s for s in segs if s.kind == "list"]
    assert len(items) == 11
    assert [s.paragraph for s in items] == list(range(2, 13))
    assert all(text[s.start : s.end].startswith("- ") for s in items)
    assert paragraph(text, 1).startswith("It was good to meet you")
    assert paragraph(text, 13).startswith("In summary")
    assert [s.kind for s in segs[-3:]] == ["sign-off"] * 3


# Synthetic letters

LETTER = """\
Westshire County Council
County Hall, Westshire WS1 1AA
Tel: 01234 567890

OFFICIAL-SENSITIVE

Our ref: AB/123
Your ref: XY/9

Ms Jane Doe
Clerk to the Council
Little Wittering Parish Council
The Old Rectory
Little Wittering WX4 2AB

12th March 2024

Dear Ms Doe,

Re: Library opening hours

Thank you for your letter of 1 March 2024.

We will consider:

- the opening hours;
- the staffing; and
- the budget.

Yours sincerely

Sam Patel
Head of Libraries

cc: Cllr Tom Green
"""


def test_conventional_letter_parts_get_their_kinds() -> None:
    found = kinds(LETTER)
    assert [k for k, _ in found] == [
        "letterhead", "marking", "reference", "address", "date", "salutation", "heading",
        "body", "list", "sign-off", "sign-off", "sign-off",
    ]  # fmt: skip
    assert found[8][1].startswith("We will consider:") and found[8][1].endswith("the budget.")


def test_short_list_with_intro_in_the_same_block_is_one_list() -> None:
    text = "Dear Sam,\n\nWe agreed to:\n1. publish the plan;\n2. consult residents.\n\nThank you.\n"
    assert kinds(text)[1] == ("list", "We agreed to:\n1. publish the plan;\n2. consult residents.")


@pytest.mark.parametrize("marker", ["- ", "* ", "• ", "(a) ", "a) ", "i. ", "1) "])
def test_item_markers_are_recognised(marker: str) -> None:
    text = f"Dear Sam,\n\nWe propose:\n\n{marker}one thing\n{marker}another\n\nThanks again.\n"
    assert [k for k, _ in kinds(text)] == ["salutation", "list", "body"]


def test_long_items_split_into_own_segments_with_intro_as_body() -> None:
    long_item = "- " + "word " * (MAX_MEAN_ITEM_CHARS // 5 + 10)
    text = "Dear Sam,\n\nOur findings were:\n\n" + "\n".join([long_item.strip()] * 3) + "\n"
    assert [k for k, _ in kinds(text)] == ["salutation", "body", "list", "list", "list"]
    assert [s.paragraph for s in segment(text)] == [None, 1, 2, 3, 4]


def test_many_short_items_over_the_total_limit_split() -> None:
    item = "- " + "x" * 90
    count = MAX_LIST_CHARS // 90 + 2
    text = "Items:\n" + "\n".join([item] * count)
    assert [k for k, _ in kinds(text)] == ["body"] + ["list"] * count


def test_paragraph_ending_with_colon_but_no_items_stays_body() -> None:
    text = "Dear Sam,\n\nThe point is this:\n\nWe will decide in June.\n\nMore later.\n"
    assert [k for k, _ in kinds(text)] == ["salutation", "body", "body", "body"]


def test_valediction_inside_last_paragraph_starts_the_sign_off() -> None:
    text = "Dear Sam,\n\nI look forward to hearing from you.\nYours sincerely\nJo Bloggs\n"
    assert kinds(text) == [
        ("salutation", "Dear Sam,"),
        ("body", "I look forward to hearing from you."),
        ("sign-off", "Yours sincerely\nJo Bloggs"),
    ]


def test_salutation_sharing_a_block_with_the_first_paragraph_is_cut_off() -> None:
    text = "Dear Sam,\nThank you for coming.\n"
    assert kinds(text) == [("salutation", "Dear Sam,"), ("body", "Thank you for coming.")]


def test_marking_inside_a_sentence_is_body() -> None:
    text = "Dear Sam,\n\nThis is not confidential.\n\nCONFIDENTIAL\n\nMore text here.\n"
    assert [k for k, _ in kinds(text)] == ["salutation", "body", "marking", "body"]


def test_right_aligned_sender_address_is_letterhead_and_recipient_is_address() -> None:
    pad = " " * 40
    sender = f"{pad}1 High Street\n{pad}Leeds LS1 1AA"
    text = f"{sender}\n\nMr John Smith\n2 Low Road\nYork YO1 1AA\n\nDear Mr Smith,\n\nHello.\n"
    assert [k for k, _ in kinds(text)][:3] == ["letterhead", "address", "salutation"]


def test_markdown_heading_before_salutation_is_heading() -> None:
    text = "# Library closures\n\nDear Jo,\n\nText of the letter.\n"
    assert kinds(text)[0] == ("heading", "# Library closures")


def test_short_subject_line_before_salutation_is_heading() -> None:
    text = (
        "Mr J Smith\n1 Low Road\nYork YO1 1AA\n\nLibrary opening hours in York\n\nDear Mr Smith,\n\nText.\n"
    )
    assert [k for k, _ in kinds(text)][:3] == ["address", "heading", "salutation"]


def test_text_without_letter_conventions_is_all_body() -> None:
    text = "First paragraph of a note that has no salutation at all.\n\nSecond paragraph here.\n"
    assert [k for k, _ in kinds(text)] == ["body", "body"]
    assert [s.paragraph for s in segment(text)] == [1, 2]


def test_blank_text_has_no_segments() -> None:
    assert segment("") == []
    assert segment(" \n\t\n  \n") == []


def test_whitespace_only_lines_separate_blocks_and_crlf_is_kept_verbatim() -> None:
    text = "Dear Sam,\r\n   \r\nFirst.\r\n\t\r\nSecond.\r\n"
    assert kinds(text) == [("salutation", "Dear Sam,"), ("body", "First."), ("body", "Second.")]


def test_page_is_the_page_holding_the_segment_start() -> None:
    text = "Dear Sam,\n\nOn page one.\n\n\fOn page two.\n\nStill two.\n"
    second = text.index("\fOn")
    pages = [s.page for s in segment(text, page_starts=(0, second))]
    assert pages == [1, 1, 2, 2]


def test_large_and_pathological_texts_segment_in_linear_time() -> None:
    paragraph_text = "Further to our meeting on 9 November 2009, we write; and " * 20
    text = "Dear Sam,\n\n" + "\n\n".join([paragraph_text] * 2000) + "\n\nYours sincerely\n\nJo\n"
    started = time.perf_counter()
    segments = segment(text)
    segment("(" * 50_000 + " Dear" + "-" * 50_000 + ";" * 50_000)
    assert time.perf_counter() - started < 10
    check_invariants(text, segments)


def test_a_meeting_notice_is_one_list_quoted_whole_with_its_introduction() -> None:
    # Each field its own paragraph, as Outlook writes them: "when and where?" needs them together.
    text = (
        "Dave Delainey has asked to have the following meeting arranged:\n\n"
        "Date:  Friday\n    February 2, 2001\n\nTime:  10:30 am - 11:30 am\n\nLocation: EB 3321\n\n"
        "Topic:  California Update\n\nPlease let me know if you have any questions.\n"
    )
    found = kinds(text)
    assert [k for k, _ in found] == ["list", "body"]
    notice = next(s for s in segment(text) if s.kind == "list")
    (unit,) = cut(text, "list", notice.start, notice.end)
    assert text[unit[0] : unit[1]].startswith("Dave Delainey") and text[unit[0] : unit[1]].endswith("Update")


def test_one_field_paragraph_alone_is_no_notice() -> None:
    text = "Dear Sam,\n\nNote: the room has changed.\n\nWe meet at ten as planned.\n\nThanks again.\n"
    assert [k for k, _ in kinds(text)] == ["salutation", "body", "body", "body"]


def test_a_forwarded_message_under_the_senders_sign_off_is_body_again() -> None:
    # A forward: the sender's note and sign-off, then the earlier message. Framed as one letter, all
    # of the earlier message was sign-off, and no question on what it says could quote it.
    text = (
        "Dick, you need to agree the scope with Max.\n\nThanks.\n\nRegards\nDave\n"
        "---------------------- Forwarded by Dave Smith/HOU/ECT on 08/21/2000\n10:25 AM ----------\n\n"
        "Dave:\n\nThe plant will be ready in March, a month late.\n\nBest regards,\nMax\n"
    )
    segments = segment(text)
    check_invariants(text, segments)
    kinds = {text[s.start : s.end]: s.kind for s in segments}
    assert kinds["Regards\nDave"] == "sign-off"
    assert kinds["The plant will be ready in March, a month late."] == "body"
    assert kinds["Best regards,\nMax"] == "sign-off"
    # A letter with no earlier message inside it is framed as before.
    letter = "Dear Sir,\n\nThe plant is ready.\n\nYours faithfully,\nMax\n"
    assert [s.kind for s in segment(letter)] == ["salutation", "body", "sign-off"]
