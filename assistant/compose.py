"""Composing an answer from evidence: who wrote to whom and when, then the verbatim quote [n]."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.citing import human_date, passage_reference, source_noun
from assistant.evidence import Evidence
from assistant.records import Citation, Statement
from index.records import Letter, Passage

# The verb that introduces a quote, from what the quote itself does.
_VERBS = (
    (re.compile(r"\bpropos", re.I), "proposed"),
    (re.compile(r"\brecommend", re.I), "recommended"),
    (re.compile(r"\bagreed?\b", re.I), "agreed"),
    (re.compile(r"\bconfirm", re.I), "confirmed"),
)
OPEN, CLOSE = "“", "”"


def citation(n: int, ev: Evidence) -> Citation:
    passage = ev.hit.passage
    return Citation(
        n=n,
        letter=ev.hit.letter,
        passage_id=passage.id,
        quote=ev.quote,
        start=ev.start,
        end=ev.end,
        page=passage.page,
        paragraph=passage.paragraph,
        kind=passage.kind,
        reference=passage_reference(ev.hit.letter, passage),
    )


def introduction(letter: Letter, passage: Passage | None = None) -> str:
    """ "Cllr A and Cllr B (Leeds City Council), writing to Rt Hon C MP on 4 December 2009,".

    A quote from quoted history names its own writer: "Jeffrey McMahon, in a message of 14 May 2001
    quoted in the email from Kenneth Lay to Jeff Skilling on 15 May 2001,"."""
    if passage is not None and passage.quoted_writer is not None:
        who = passage.quoted_writer or "An earlier message's writer"
        of = f" of {human_date(passage.quoted_date)}" if passage.quoted_date else ""
        by = f" from {letter.sender.short}" if letter.sender else f" “{letter.title}”"
        to = f" to {letter.recipient.short}" if letter.recipient else ""
        day = f" on {human_date(letter.date)}" if letter.date else ""
        return f"{who}, in a message{of} quoted in the {source_noun(letter).lower()}{by}{to}{day},"
    who = letter.sender.short if letter.sender else f"The letter “{letter.title}”"
    to = f" to {letter.recipient.short}" if letter.recipient else ""
    if letter.date_kind == "event":
        when = f" after the meeting of {human_date(letter.date)}"
    elif letter.date_kind == "received":
        when = f" in a letter received on {human_date(letter.date)}"
    elif letter.date:
        when = f" on {human_date(letter.date)}"
    else:
        when = " in an undated letter"
    return f"{who}, writing{to}{when},"


def verb(quote: str) -> str:
    return next((v for pattern, v in _VERBS if pattern.search(quote)), "wrote")


def compose(evidence: Sequence[Evidence]) -> tuple[list[Statement], list[Citation]]:
    """One statement per quote; the first quote from each letter says who wrote to whom, when."""
    statements: list[Statement] = []
    citations: list[Citation] = []
    # Who is speaking: the letter's writer, or the writer of an earlier message it quotes.
    introduced: set[tuple[str, str | None]] = set()
    # Quotes of one letter sit together: its best quote first (the answer, when three are quoted),
    # then the others in the order the letter reads.
    order = {ev.hit.letter.id: i for i, ev in reversed(list(enumerate(evidence)))}
    first = {id(evidence[i]) for i in order.values()}
    ranked = sorted(evidence, key=lambda ev: (order[ev.hit.letter.id], id(ev) not in first, ev.start))
    for n, ev in enumerate(ranked, start=1):
        cite = citation(n, ev)
        citations.append(cite)
        quoted = f"{OPEN}{ev.quote}{CLOSE} [{n}]"
        speaker = (ev.hit.letter.id, ev.hit.passage.quoted_writer)
        if speaker not in introduced:
            introduced.add(speaker)
            text = f"{introduction(ev.hit.letter, ev.hit.passage)} {verb(ev.quote)}: {quoted}"
        else:
            text = f"In the same letter they also {verb(ev.quote)}: {quoted}"
        statements.append(Statement(text=text, cites=(n,)))
    return statements, citations


def render(statements: Sequence[Statement]) -> str:
    return "\n\n".join(s.text for s in statements)
