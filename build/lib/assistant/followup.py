"""Follow-up questions: a question that leans on earlier turns is searched together with them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.records import Turn

# Words that point back at something named earlier in the conversation.
_ANAPHORA = re.compile(
    r"\b(it|its|they|them|their|theirs|this|that|these|those|he|him|his|she|her|hers|there|"
    r"the same|the board|the letter|the meeting|the chair|the plan)\b",
    re.I,
)
_CONTENT = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")


def needs_context(question: str) -> bool:
    """True when the question cannot stand alone: it points back, or it is too short to search."""
    return bool(_ANAPHORA.search(question)) or len(_CONTENT.findall(question)) < 3


def resolve(question: str, history: Sequence[Turn]) -> tuple[str, str]:
    """(the question as searched, the earlier context used or "").

    The most recent earlier question that stands alone supplies the topic; it is appended rather
    than substituted so the new question's own words still lead the search.
    """
    if not history or not needs_context(question):
        return question, ""
    context = ""
    for turn in reversed(history):
        context = context or turn.question
        if not needs_context(turn.question):
            context = turn.question
            break
    return f"{question} {context}".strip(), context
