"""Inputs built to be slow: work must grow linearly with their length, and long inputs are refused."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from fastapi import HTTPException

from assistant.evidence import intent_kinds
from index.units import sentence_spans
from web import forms
from web.models import AskRequest


def fastest(run: Callable[[], object], *, number: int, repeat: int = 7) -> float:
    """Seconds per call, the best of a few samples of `number` calls each, so that a busy machine's
    pauses do not count as the code's time and each sample lasts long enough to measure."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            run()
        best = min(best, (time.perf_counter() - t0) / number)
    return best


def grows_linearly(make: Callable[[int], str], work: Callable[[str], object], small: int) -> float:
    """time(10 × input) / time(input): about 10 when linear (up to 22 seen on a loaded machine),
    about 100 when quadratic. The short input is timed 10 calls at a time, like one long call."""
    short, long = make(small), make(10 * small)
    return fastest(lambda: work(long), number=1) / max(fastest(lambda: work(short), number=10), 1e-9)


def test_sentence_splitting_is_linear_on_a_run_of_abbreviations() -> None:
    # "Mr. " × 12,000 took 8-14 s per answer: every full stop rescanned the text from the cursor.
    # Linear: ~0.03 s for 12,000 on a quiet machine; quadratic was 8-14 s. The bound leaves a busy
    # machine (load 14 seen while tests ran beside benchmarks) thirty times the linear time.
    assert fastest(lambda: sentence_spans("Mr. " * 12_000 + "Smith agreed."), number=1, repeat=3) < 1.0
    ratio = grows_linearly(lambda n: "Mr. " * n + "Smith agreed.", sentence_spans, 1200)
    assert ratio < 60  # about 10 when linear (16-35 seen on a busy machine), about 100 when quadratic
    assert sentence_spans("Mr. " * 3 + "Smith agreed. Then he left.") == [(0, 25), (26, 39)]


@pytest.mark.parametrize(
    "filler",
    ["who ", "when ", "sent ", "addressed ", "our ", "who\tsigned "],
    ids=["who", "when", "sent", "addressed", "our", "who-signed"],
)
def test_intent_detection_is_linear_on_adversarial_history(filler: str) -> None:
    # A follow-up's history text went through `\bwho\b.*\b(sign|...)\b`: 40 s on one request.
    ratio = grows_linearly(lambda n: filler * (n // len(filler)), intent_kinds, 2000)
    assert ratio < 35
    # The fastest of three calls: one call timed alone missed 0.1 s on a loaded machine (the ratio
    # above is what tells linear from quadratic).
    assert fastest(lambda: intent_kinds(filler * (2000 // len(filler))), number=1, repeat=3) < 0.5


def test_intents_still_read_questions_about_the_letter() -> None:
    assert intent_kinds("Who signed the letter?") == {"sign-off"}
    assert intent_kinds("Who was it from?") == {"sign-off"}
    assert intent_kinds("who is the signatory") == {"sign-off"}
    assert intent_kinds("Who was it addressed to?") == {"address", "salutation"}
    assert intent_kinds("To whom did she write?") == {"address", "salutation"}
    assert intent_kinds("What is its protective marking?") == {"marking"}
    assert intent_kinds("Was it protectively marked?") == {"marking"}
    assert intent_kinds("When was the letter dated?") == {"date"}
    assert intent_kinds("What is the date of this letter?") == {"date"}
    assert intent_kinds("What is our reference?") == {"reference"}
    assert intent_kinds("What is his job title?") == {"sign-off", "address"}
    assert intent_kinds("What did the board decide about funding?") == frozenset()
    assert intent_kinds("Is whom to signal") == frozenset()


def test_history_items_are_capped_like_the_question() -> None:
    with pytest.raises(HTTPException) as refused:
        forms.turns(["Who signed it? " * 200])
    assert refused.value.status_code == 422 and "history" in str(refused.value.detail)
    assert [t.question for t in forms.turns(["Who signed it?", "  "])] == ["Who signed it?"]
    with pytest.raises(ValueError):
        AskRequest.model_validate({"question": "Who?", "history": [{"question": "x" * 2001}]})
