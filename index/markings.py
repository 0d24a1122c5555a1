"""The grammar of protective markings: UK Government Security Classifications and the older scheme.

A marking is an optional national prefix (UK, NATO, EU, COSMIC), a level (OFFICIAL,
OFFICIAL-SENSITIVE, SECRET, TOP SECRET; PROTECT, RESTRICTED, CONFIDENTIAL; PRIVATE AND
CONFIDENTIAL, IN CONFIDENCE; UNCLASSIFIED) and qualifiers: descriptors (COMMERCIAL, PERSONAL,
LOCSEN, …) and caveats or codewords (UK EYES ONLY, STRAP 1, NOFORN, …), separated by spaces,
dashes of any kind, colons, "//" or brackets. Text is NFKC-normalised first, so full-width
letters and non-breaking spaces read as plain ones, and invisible format characters are dropped.

Whatever is marking-like but not understood (an unknown caveat after a level, an unknown level
word where a marking stands) is kept with `understood=False`; index.clearance ranks it highest.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

UNMARKED = "UNMARKED"
# Written level → the level it ranks as (index.clearance.DEFAULT_LEVELS names these).
_LEVELS: dict[str, str] = {
    "TOP SECRET": "TOP SECRET",
    "SECRET": "SECRET",
    "OFFICIAL-SENSITIVE": "OFFICIAL-SENSITIVE",
    "OFFICIAL": "OFFICIAL",
    "PRIVATE AND CONFIDENTIAL": "CONFIDENTIAL",
    "PERSONAL AND CONFIDENTIAL": "CONFIDENTIAL",
    "COMMERCIAL IN CONFIDENCE": "CONFIDENTIAL",
    "STAFF IN CONFIDENCE": "CONFIDENTIAL",
    "MANAGEMENT IN CONFIDENCE": "CONFIDENTIAL",
    "IN CONFIDENCE": "CONFIDENTIAL",
    "CONFIDENTIAL": "CONFIDENTIAL",
    "RESTRICTED": "RESTRICTED",
    "PROTECT": "PROTECT",
    "UNCLASSIFIED": UNMARKED,
    "NOT PROTECTIVELY MARKED": UNMARKED,
}
# Descriptors of OFFICIAL-SENSITIVE and of the older scheme's PROTECT / RESTRICTED / CONFIDENTIAL.
_DESCRIPTOR_TEXT = (
    "COMMERCIAL PERSONAL LOCSEN APPOINTMENTS BUDGET CONTRACTS HONOURS INVESTIGATION MANAGEMENT "
    "MEDICAL POLICY PRIVATE REGULATORY STAFF VISITS LEGAL HR SECURITY"
)
_DESCRIPTORS = frozenset(_DESCRIPTOR_TEXT.split())
_DESCRIPTOR_PHRASES = frozenset({"MARKET SENSITIVE", "PERSONAL DATA", "LEGALLY PRIVILEGED"})
_HANDLING = frozenset({"NOFORN", "ORCON", "ATOMAL", "PROPIN", "CRYPTO"})
_COUNTRY_TEXT = "UK US USA GB GBR AUS CAN NZ NZL FVEY NATO EU FRA DEU"
_COUNTRIES = frozenset(_COUNTRY_TEXT.split())
_STRAP = re.compile(r"STRAP ?([1-3])")
# Words of running prose: an all-capitals heading ("OFFICIAL OPENING OF THE LIBRARY") holds them,
# a marking's codewords do not.
_PROSE_TEXT = "OF THE FOR TO AND ON IN AT A AN IS WITH FROM BY OR AS BE ARE WAS WE OUR YOUR"
_PROSE = frozenset(_PROSE_TEXT.split())

_LEVEL_AT_START = re.compile(
    r"(?:(UK|NATO|EU|COSMIC)\s+)?"
    r"(TOP\s*-?\s*SECRET|OFFICIAL\s*[-:]?\s*SENSITIVE|(?:PRIVATE|PERSONAL)\s*(?:AND|&)\s*CONFIDENTIAL"
    r"|(?:(?:COMMERCIAL|STAFF|MANAGEMENT)\s+)?IN\s+CONFIDENCE|NOT\s+PROTECTIVELY\s+MARKED"
    r"|SECRET|OFFICIAL|CONFIDENTIAL|RESTRICTED|PROTECT|UNCLASSIFIED)"
    r"(?![A-Z0-9])"
)
_SEPARATOR = re.compile(r"//|[-:;,|()\[\]{}*#=_~<>\"']")
_LEADING_SEPARATOR = re.compile(r"\s*(?://|[-:(\[{])")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_DECORATION = " .*#=_~<>|\"'"
# A label that says what follows is a marking ("Classification: SECRET").
_LABEL = re.compile(
    r"((?:government\s+)?security\s+classification|protective\s+marking|security\s+marking"
    r"|classification|marking)\s*[:=]\s*",
    re.I,
)
_UNAMBIGUOUS_LABELS = ("security classification", "protective marking", "security marking")
# An unknown qualifier after a separator is marking-like up to this length (the old rule read a
# qualifier of up to 40 characters); past it the line is prose ("Confidential: this e-mail is …").
MAX_QUALIFIER_CHARS = 48
MAX_MARKING_CHARS = 120


@dataclass(frozen=True)
class Marking:
    """A parsed marking: what is written (`name`, `qualifiers`) and the level it ranks as."""

    name: str  # the level as written, in normal form ("NATO SECRET"), or the unknown words
    level: str  # the level it ranks as ("SECRET", "CONFIDENTIAL"), "" when the level is not understood
    qualifiers: tuple[str, ...] = ()
    understood: bool = True

    def __str__(self) -> str:
        return " – ".join((self.name, *self.qualifiers))


def normalise_text(value: str) -> str:
    """NFKC, every dash as "-", invisible format characters dropped, spaces collapsed."""
    s = unicodedata.normalize("NFKC", value)
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Cf")
    return " ".join(_DASHES.sub("-", s).split())


def parse_value(value: str) -> Marking | None:
    """A value standing where a marking belongs (a sidecar field, a mail header, a label's value).

    Anything that is not a marking the grammar understands comes back with `understood=False`;
    None only for an empty value.
    """
    s = normalise_text(value).strip(_DECORATION + "-[](){}")
    if not s:
        return None
    found = _parse(s)
    if found is not None:
        marking, _ = found
        return marking
    return Marking(name=s.upper(), level="", understood=False)


def parse_line(line: str) -> Marking | None:
    """The marking a line of text consists of, or None when the line is not one.

    "Official figures show…" and "Secret Santa" are prose; "SECRET – NOFORN", "SECRET FOO" and
    "Classification: FOO" are marking-like, understood or not.
    """
    if len(line) > 20 * MAX_MARKING_CHARS:  # bounded work on a long paragraph
        return None
    s = normalise_text(line).strip(_DECORATION + "-[](){}")
    if not s or len(s) > MAX_MARKING_CHARS:
        return None
    label = _LABEL.match(s)
    if label:
        return _labelled(s[label.end() :], label.group(1).lower())
    found = _parse(s)
    if found is None:
        return None
    marking, prose = found
    return None if prose else marking


def parse_lead(text: str) -> Marking | None:
    """A level written in capitals at the start of a title ("OFFICIAL-SENSITIVE Budget 2025"): the
    level and the qualifiers right after it; the words from the first one not understood are the topic."""
    s = normalise_text(text).strip(_DECORATION + "-[](){}")
    m = _LEVEL_AT_START.match(s)
    if m is None:
        return None
    prefix, written = m.group(1), _level_name(m.group(2))
    words = s[m.end() :].split()
    qualifiers: list[str] = []
    i = 0
    while i < len(words) and (taken := _known_at(words, i)) is not None:
        qualifiers.append(taken[0])
        i = taken[1]
    return Marking(f"{prefix} {written}" if prefix else written, _LEVELS[written], tuple(qualifiers))


def _labelled(value: str, label: str) -> Marking | None:
    marking = parse_value(value)
    if marking is None or marking.level or " ".join(label.split()) in _UNAMBIGUOUS_LABELS:
        return marking
    # "Classification: Minor works" (a planning class) is not a marking; "Classification: FOO" is.
    words = value.split()
    return marking if value == value.upper() and len(words) <= 6 else None


def _parse(s: str) -> tuple[Marking, bool] | None:
    """(the marking `s` starts with, whether the rest reads as prose), or None without a level."""
    upper = s.upper()
    m = _LEVEL_AT_START.match(upper)
    if m is None:
        return None
    prefix, written = m.group(1), _level_name(m.group(2))
    name = f"{prefix} {written}" if prefix else written
    rest = s[m.end() :]
    # A banner repeats its level ("CONFIDENTIAL  ***CONFIDENTIAL***"): the repeat says nothing more.
    repeat = re.compile(rf"(?<![A-Z0-9]){re.escape(m.group(2))}(?![A-Z0-9])")
    known, unknown = _qualifiers(repeat.sub(" ", rest.upper()))
    if not unknown:
        return Marking(name, _LEVELS[written], tuple(known)), False
    qualifiers = tuple(known + unknown)
    return Marking(name, _LEVELS[written], qualifiers, understood=False), _reads_as_prose(rest)


def _level_name(written: str) -> str:
    joined = " ".join(re.sub(r"[-:&]", " ", written).split())
    if joined == "OFFICIAL SENSITIVE":
        return "OFFICIAL-SENSITIVE"
    return joined.replace("PRIVATE CONFIDENTIAL", "PRIVATE AND CONFIDENTIAL").replace(
        "PERSONAL CONFIDENTIAL", "PERSONAL AND CONFIDENTIAL"
    )


def _reads_as_prose(rest: str) -> bool:
    """True when what follows a level is ordinary text rather than a caveat, however odd."""
    separated = _LEADING_SEPARATOR.match(rest) is not None
    words = _SEPARATOR.sub(" ", rest).split()
    if separated:
        return len(rest.strip()) > MAX_QUALIFIER_CHARS
    if rest != rest.upper():  # "Official figures show…", "Secret Santa"
        return True
    return len(words) > 6 or bool(_PROSE & set(words))


def _qualifiers(rest: str) -> tuple[list[str], list[str]]:
    """(known qualifiers in normal form, unknown words grouped) of what follows a level."""
    known: list[str] = []
    unknown: list[str] = []
    for chunk in _SEPARATOR.split(rest):
        words = chunk.split()
        i, loose = 0, []
        while i < len(words):
            taken = _known_at(words, i)
            if taken is None:
                loose.append(words[i])
                i += 1
                continue
            phrase, i = taken
            if loose:
                unknown.append(" ".join(loose))
                loose = []
            known.append(phrase)
        if loose:
            unknown.append(" ".join(loose))
    return known, unknown


def _known_at(words: list[str], i: int) -> tuple[str, int] | None:
    """(the known qualifier starting at words[i] in normal form, the index after it), or None."""
    word, two = words[i], " ".join(words[i : i + 2])
    if two in _DESCRIPTOR_PHRASES:
        return two, i + 2
    if word in _DESCRIPTORS or word in _HANDLING:
        return word, i + 1
    strap = _STRAP.fullmatch(word) or _STRAP.fullmatch(two)
    if strap:
        return f"STRAP {strap.group(1)}", i + (1 if strap.string == word else 2)
    if word in ("REL", "RELEASABLE") and words[i + 1 : i + 2] == ["TO"]:
        end = _countries_end(words, i + 2)
        return (" ".join(["RELEASABLE TO", *words[i + 2 : end]]), end) if end > i + 2 else None
    end = _countries_end(words, i)
    eyes = words[end : end + 2]
    if end > i and (eyes == ["EYES", "ONLY"] or eyes in (["EYES", "A"], ["EYES", "B"])):
        return " ".join([*words[i:end], *eyes]), end + 2
    return None


def _countries_end(words: list[str], i: int) -> int:
    """The index after the run of country codes starting at words[i] ("UK", "AUS/CAN/NZ/UK/US")."""
    while i < len(words) and all(code in _COUNTRIES for code in words[i].split("/")):
        i += 1
    return i
