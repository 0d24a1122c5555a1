"""`letters eval` on real correspondence: gold lines name emails by Message-ID, with copies and filters."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from assistant.evaluate import GoldError, GoldQuestion, judge, load_gold
from assistant.records import Answer
from index.records import SearchFilters
from tests.test_assistant_parts import TEXT, answer_parts

GOLD = Path(__file__).parent / "gold"


def test_every_gold_file_loads_with_its_new_fields() -> None:
    names = (
        "bundled",
        "bundled-held",
        "bundled-held-2",
        "bundled-dev-3",
        "enron-dev",
        "enron-dev-2",
        "enron-dev-3",
        "enron-dev-4",
        "enron-dev-5",
        "enron-dev-6",
        "enron-dev-7",
        "enron-dev-8",
        "enron-dev-9",
        "enron-dev-10",
        "enron-dev-11",
        "enron-dev-12",
        "enron-dev-13",
        "enron-dev-14",
        "enron-dev-15",
        "enron-dev-16",
        "enron-dev-17",
        "enron-dev-18",
        "enron-dev-19",
        "enron-dev-20",
        "enron-dev-21",
        "enron-held",
    )
    for name in (f"{n}.jsonl" for n in names):
        questions = load_gold(GOLD / name)
        assert questions, name
    dev = load_gold(GOLD / "enron-dev.jsonl")
    assert sum(q.letter is None for q in dev) == 22 and len(dev) == 181
    assert any(q.also for q in dev) and all(q.kind for q in dev)
    filtered = [q for q in dev if q.filters is not None]
    assert filtered and all(isinstance(q.filters, SearchFilters) for q in filtered)
    assert all(q.checked for q in dev if q.letter is None)
    second = load_gold(GOLD / "enron-dev-2.jsonl")
    assert sum(q.letter is None for q in second) == 12 and len(second) == 57
    assert all(q.checked for q in second if q.letter is None)
    # No email answers questions in both dev parts: the second was written from emails the first leaves.
    first_letters = {x for q in dev for x in (q.letter, *q.also) if x}
    assert not first_letters & {x for q in second for x in (q.letter, *q.also) if x}
    # The third, from emails neither earlier part nor the held part uses; near misses among its refusals.
    third = load_gold(GOLD / "enron-dev-3.jsonl")
    assert sum(q.letter is None for q in third) == 25 and len(third) == 81
    assert all(q.checked for q in third if q.letter is None)
    held = load_gold(GOLD / "enron-held.jsonl")
    earlier = first_letters | {x for q in (*second, *held) for x in (q.letter, *q.also) if x}
    assert not earlier & {x for q in third for x in (q.letter, *q.also) if x}
    # The fourth: absent topics among its refusals, from emails none of the others uses.
    fourth = load_gold(GOLD / "enron-dev-4.jsonl")
    assert sum(q.letter is None for q in fourth) == 30 and len(fourth) == 45
    assert all(q.checked for q in fourth if q.letter is None)
    used = earlier | {x for q in third for x in (q.letter, *q.also) if x}
    assert not used & {x for q in fourth for x in (q.letter, *q.also) if x}
    # The fifth, the same way, from emails none of the others uses.
    fifth = load_gold(GOLD / "enron-dev-5.jsonl")
    assert sum(q.letter is None for q in fifth) == 30 and len(fifth) == 50
    assert all(q.checked for q in fifth if q.letter is None)
    used |= {x for q in fourth for x in (q.letter, *q.also) if x}
    assert not used & {x for q in fifth for x in (q.letter, *q.also) if x}
    sixth = load_gold(GOLD / "enron-dev-6.jsonl")
    assert sum(q.letter is None for q in sixth) == 30 and len(sixth) == 50
    assert all(q.checked for q in sixth if q.letter is None)
    used |= {x for q in fifth for x in (q.letter, *q.also) if x}
    assert not used & {x for q in sixth for x in (q.letter, *q.also) if x}
    # Round 16: two parts written side by side (emails split by a hash), then two more from what
    # neither those nor any earlier part uses.
    used |= {x for q in sixth for x in (q.letter, *q.also) if x}
    pairs = (
        ("enron-dev-7", "enron-dev-8"),
        ("enron-dev-9", "enron-dev-10"),
        ("enron-dev-11", "enron-dev-12"),
    )
    for pair in pairs:
        side = [load_gold(GOLD / f"{name}.jsonl") for name in pair]
        ids = [{x for q in part for x in (q.letter, *q.also) if x} for part in side]
        for part in side:
            assert sum(q.letter is None for q in part) == 30 and len(part) == 50
            assert all(q.checked for q in part if q.letter is None)
        assert not used & (ids[0] | ids[1]) and not ids[0] & ids[1]
        used |= ids[0] | ids[1]
    # Round 18: two more side by side, more answerable questions (30) than unanswerable (20).
    side = [load_gold(GOLD / f"enron-dev-{n}.jsonl") for n in (13, 14)]
    ids = [{x for q in part for x in (q.letter, *q.also) if x} for part in side]
    for part in side:
        assert sum(q.letter is None for q in part) == 20 and len(part) == 50
        assert all(q.checked for q in part if q.letter is None)
    assert not used & (ids[0] | ids[1]) and not ids[0] & ids[1]
    bundled = load_gold(GOLD / "bundled-dev-3.jsonl")
    assert sum(q.letter is None for q in bundled) == 11 and len(bundled) == 25


def test_a_citation_matches_by_message_id_or_by_an_also_alternative() -> None:
    statements, citations = answer_parts()
    email = dataclasses.replace(citations[1].letter, path="box.mbox", message_id="<42.JavaMail.evans@thyme>")
    citations = [dataclasses.replace(c, letter=email) for c in citations]
    answer = Answer("Q", True, "x", tuple(statements), tuple(citations))
    by_id = judge(GoldQuestion("Q", "42.JavaMail.evans@thyme", ("two members",)), answer, lambda _id: TEXT)
    assert by_id.rank == 2 and by_id.letter_cited
    by_copy = judge(
        GoldQuestion("Q", "other@x", ("two members",), also=("<42.JavaMail.evans@thyme>",)),
        answer,
        lambda _id: TEXT,
    )
    assert by_copy.rank == 2
    elsewhere = judge(GoldQuestion("Q", "other@x", ("two members",)), answer, lambda _id: TEXT)
    assert elsewhere.rank is None and not elsewhere.letter_cited


def test_malformed_filters_are_reported_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    row = {"question": "Q?", "letter": "a", "expect": ["x"], "filters": {"author": "Lay"}}
    path.write_text(json.dumps(row) + "\n")
    with pytest.raises(GoldError, match=r"line 1: unknown filter\(s\) \['author'\]"):
        load_gold(path)
    row["filters"] = {"sender": "Lay", "since": "2000-01-01"}
    path.write_text(json.dumps(row) + "\n")
    (q,) = load_gold(path)
    assert q.filters == SearchFilters(sender="Lay", since="2000-01-01")
