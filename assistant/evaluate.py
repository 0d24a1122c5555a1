"""`letters eval`: an admin's check of the assistant against questions with known answers."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.records import Answer, Turn
from assistant.verify import quote_is_exact
from index.records import Letter, SearchFilters

FILTER_FIELDS = ("sender", "recipient", "since", "until")
FIELDS = ("question", "letter", "expect", "history", "also", "kind", "filters", "checked")


class GoldError(ValueError):
    """A malformed gold file; the message names the file, the line and the field."""


@dataclass(frozen=True)
class GoldQuestion:
    question: str
    # The letter that answers it: a file name, a path, or an email's Message-ID; None = unanswerable.
    letter: str | None
    expect: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    also: tuple[str, ...] = ()  # other letters holding the same answering text (forwards, copies)
    kind: str = ""  # "fact", "who", "when", … (reported, not used in judging)
    filters: SearchFilters | None = None  # applied to the ask, as a user's filters would be
    checked: str = ""  # how an unanswerable question was checked


def _strings(row: dict[str, object], name: str, where: str, what: str) -> tuple[str, ...]:
    value = row.get(name, [])
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise GoldError(f"{where}: field '{name}' must be a list of {what}")
    return tuple(value)


def _filters(row: dict[str, object], where: str) -> SearchFilters | None:
    value = row.get("filters")
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(v, str | None) for v in value.values()):
        raise GoldError(f"{where}: field 'filters' must be an object of strings ({', '.join(FILTER_FIELDS)})")
    unknown = set(value) - set(FILTER_FIELDS)
    if unknown:
        raise GoldError(
            f"{where}: unknown filter(s) {sorted(unknown)} in 'filters'; allowed: {', '.join(FILTER_FIELDS)}"
        )
    return SearchFilters(**{k: v or None for k, v in value.items()})


@dataclass
class Outcome:
    question: str
    answerable: bool
    answered: bool
    letter_cited: bool
    phrases_in_top3: bool
    rank: int | None  # of the first good citation (from the right letter, with an expected phrase)
    quotes: int
    quotes_exact: int
    answer: str = ""


@dataclass
class Summary:
    questions: int
    answerable: int
    unanswerable: int
    hit_at_1: float
    hit_at_3: float
    mrr: float
    phrases_in_top3: float
    correct_refusals: int
    wrong_answers: int  # unanswerable questions that got an answer
    quotes_exact: float  # share of cited quotes equal to the letter text; must be 1.0
    outcomes: list[Outcome] = field(default_factory=list)


def load_gold(path: Path) -> list[GoldQuestion]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: not valid JSON ({exc.msg})") from None
        if (
            not isinstance(row, dict)
            or not isinstance(row.get("question"), str)
            or not row["question"].strip()
        ):
            raise GoldError(f"{where}: field 'question' must be a non-empty string")
        letter = row.get("letter")
        if letter is not None and not isinstance(letter, str):
            raise GoldError(
                f"{where}: field 'letter' must be a file name, path or Message-ID, or null (unanswerable)"
            )
        expect = _strings(row, "expect", where, "phrases")
        if letter is not None and not expect:
            raise GoldError(f"{where}: field 'expect' needs at least one phrase for an answerable question")
        history = _strings(row, "history", where, "earlier questions")
        also = _strings(row, "also", where, "letters (file names or Message-IDs)")
        for name in ("kind", "checked"):
            if not isinstance(row.get(name, ""), str):
                raise GoldError(f"{where}: field '{name}' must be a string")
        unknown = set(row) - set(FIELDS)
        if unknown:
            raise GoldError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {', '.join(FIELDS)}")
        out.append(
            GoldQuestion(
                row["question"],
                letter,
                expect,
                history,
                also=also,
                kind=row.get("kind", ""),
                filters=_filters(row, where),
                checked=row.get("checked", ""),
            )
        )
    if not out:
        raise GoldError(f"{path}: no questions")
    return out


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _same_letter(letter: Letter, wanted: str) -> bool:
    """`wanted` names this letter: its path, its file name, or its Message-ID (with or without <>)."""
    path = letter.path
    if path == wanted or path.endswith("/" + wanted) or Path(path).name == wanted:
        return True
    return letter.message_id is not None and letter.message_id.strip("<>") == wanted.strip("<>")


def _any_letter(letter: Letter, gold: GoldQuestion) -> bool:
    return any(_same_letter(letter, w) for w in (gold.letter or "", *gold.also) if w)


def judge(gold: GoldQuestion, answer: Answer, letter_text: Callable[[str], str | None]) -> Outcome:
    citations = list(answer.citations) if answer.answered else []
    exact = sum(quote_is_exact(c, letter_text(c.letter.id)) for c in citations)
    if gold.letter is None:
        return Outcome(
            gold.question, False, answer.answered, False, False, None, len(citations), exact, answer.text
        )
    phrases = [_norm(p) for p in gold.expect]
    rank = next(
        (
            i
            for i, c in enumerate(citations, start=1)
            if _any_letter(c.letter, gold) and any(p in _norm(c.quote) for p in phrases)
        ),
        None,
    )
    top3 = " ".join(_norm(c.quote) for c in citations[:3])
    return Outcome(
        question=gold.question,
        answerable=True,
        answered=answer.answered,
        letter_cited=any(_any_letter(c.letter, gold) for c in citations),
        phrases_in_top3=bool(citations) and all(p in top3 for p in phrases),
        rank=rank,
        quotes=len(citations),
        quotes_exact=exact,
        answer=answer.text,
    )


def evaluate(
    gold: Sequence[GoldQuestion],
    ask: Callable[[str, Sequence[Turn], SearchFilters | None], Answer],
    letter_text: Callable[[str], str | None],
) -> Summary:
    outcomes = [judge(g, ask(g.question, [Turn(h) for h in g.history], g.filters), letter_text) for g in gold]
    answerable = [o for o in outcomes if o.answerable]
    refusable = [o for o in outcomes if not o.answerable]
    quotes = sum(o.quotes for o in outcomes)
    n = max(1, len(answerable))
    return Summary(
        questions=len(outcomes),
        answerable=len(answerable),
        unanswerable=len(refusable),
        hit_at_1=sum(o.rank == 1 for o in answerable) / n,
        hit_at_3=sum(o.rank is not None and o.rank <= 3 for o in answerable) / n,
        mrr=sum(1 / o.rank for o in answerable if o.rank) / n,
        phrases_in_top3=sum(o.phrases_in_top3 for o in answerable) / n,
        correct_refusals=sum(not o.answered for o in refusable),
        wrong_answers=sum(o.answered for o in refusable),
        quotes_exact=(sum(o.quotes_exact for o in outcomes) / quotes) if quotes else 1.0,
        outcomes=outcomes,
    )
