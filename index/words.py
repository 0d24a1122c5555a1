"""Word lists shared by keyword search, evidence scoring and highlighting: stopwords and stems."""

from __future__ import annotations

import re
from functools import lru_cache

# Words too common to help BM25 but costly to match on a large corpus.
_STOPWORD_TEXT = (
    "a about after all also am an and any are as at be been before being but by can could did do "
    "does for from had has have he her his how i if in into is it its me my no not of on or our she "
    "should so than that the their them then there these they this to us was we were what when where "
    "which who whom why will with would you your"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


# Evidence scoring stems every word of ~100 candidate sentences per answer: the same few thousand
# words again and again (a tenth of an ask's CPU at 100k passages uncached; issue 14).
@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude suffix stripper: enough to match "proposed" with "propose" and "proposals"."""
    word = word.lower()
    for suffix in (
        "ational",
        "ations",
        "ation",
        "ances",
        "ance",
        "ences",
        "ence",
        "ments",
        "ment",
        "ings",
        "ing",
        "als",
        "al",
        "ies",
        "es",
        "ed",
        "ly",
        "s",
        "e",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


# Compiled once: `re.findall(pattern, …)` looks the pattern up in re's cache on every call, and an
# answer stems a few hundred units (a twentieth of its time went on the lookups).
_WORDS = re.compile(r"[A-Za-z0-9]+")


def words(text: str) -> list[str]:
    """`text`'s words as stems are made of them."""
    return _WORDS.findall(text)


def content_stem_run(text: str) -> list[str]:
    """The stems of `text`'s content words, in order (phrases are runs of them)."""
    return [stem(w) for w in _WORDS.findall(text) if len(w) > 1 and w.lower() not in STOPWORDS]


def content_stems(text: str) -> set[str]:
    return set(content_stem_run(text))
