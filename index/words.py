"""Word lists shared by keyword search, evidence scoring and highlighting: stopwords and stems."""

from __future__ import annotations

import re
from functools import lru_cache

from simplemma import Lemmatizer
from simplemma.strategies import DictionaryLookupStrategy

# Words too common to help BM25 but costly to match on a large corpus.
_STOPWORD_TEXT = (
    "a about after all also am an and any are as at be been before being but by can could did do "
    "does for from had has have he her his how i if in into is it its me my no not of on or our she "
    "should so than that the their them then there these they this to us was we were what when where "
    "which who whom why will with would you your"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


# Dictionary lookup only: a word the dictionary lacks is left to the suffix stripper, not guessed at
# by simplemma's affix rules (twice the time, and guesses).
_LEMMAS = Lemmatizer(lemmatization_strategy=DictionaryLookupStrategy())


# Evidence scoring stems every word of ~100 candidate sentences per answer: the same few thousand
# words again and again (a tenth of an ask's CPU at 100k passages uncached; issue 14).
@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude suffix stripper over the word's dictionary form: enough to match "proposed" with
    "propose" and "proposals", and "froze" with "freeze".

    Irregular forms ("froze", "paid", "sold", "held", "spent") are a table, not a rule: simplemma's
    English lemmas, bundled with it (no download; 29 MB and 0.14 s once). A capitalised word keeps
    its spelling: it may be a name ("Lay", "May", "Rose"). Enron dev-2 hit@3 29 → 32 of 45, dev 135 →
    134 of 159 (BENCHMARKS.md round 13).
    """
    if word[:1].islower():
        word = _LEMMAS.lemmatize(word, "en")
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
# answer stems a few hundred units (a twentieth of its time went on the lookups). "AT&T", "A&M",
# "P&L": letters joined by "&" are one name, not stopwords and single letters to drop.
_WORDS = re.compile(r"[A-Za-z0-9]+(?:&[A-Za-z0-9]+)*")


def words(text: str) -> list[str]:
    """`text`'s words as stems are made of them."""
    return _WORDS.findall(text)


def content_stem_run(text: str) -> list[str]:
    """The stems of `text`'s content words, in order (phrases are runs of them)."""
    return [stem(w) for w in _WORDS.findall(text) if len(w) > 1 and w.lower() not in STOPWORDS]


def content_stems(text: str) -> set[str]:
    return set(content_stem_run(text))
