"""People's names as a reader writes them: "Councillor Andrew Carter" → "Cllr Andrew Carter"."""

from __future__ import annotations

import re

from ingest.conventions.addresses import is_contact, is_postal
from ingest.conventions.markings import marking_of
from ingest.conventions.markup import plain
from ingest.conventions.organisations import is_organisation, office_of
from ingest.conventions.roles import is_role

HONORIFICS = {
    "mr": "Mr", "mrs": "Mrs", "ms": "Ms", "miss": "Miss", "mx": "Mx", "dr": "Dr", "prof": "Prof",
    "professor": "Professor", "cllr": "Cllr", "councillor": "Cllr", "sir": "Sir", "dame": "Dame",
    "lord": "Lord", "lady": "Lady", "baroness": "Baroness", "baron": "Baron", "rev": "Rev",
    "revd": "Revd", "reverend": "Revd", "rt": "Rt", "hon": "Hon",
}  # fmt: skip
POSTNOMINALS = {
    "MP", "MEP", "MSP", "MS", "AM", "OBE", "MBE", "CBE", "KBE", "DBE", "CB", "KCB", "QC", "KC", "JP",
    "DL", "PhD", "FRS", "MA", "BA", "BSc", "MSc", "MBA", "FCA", "CVO", "LVO",
}  # fmt: skip
_PARTICLES = {"de", "van", "von", "der", "den", "la", "le", "du", "da", "di", "bin", "al", "ap"}
_RT_HON = re.compile(r"^(?:the\s+)?(?:rt\.?\s*hon\.?|right\s+hon(?:ou?rable)?\.?)\s+", re.I)
_PP = re.compile(r"^p\.?\s?p\.?\s+", re.I)


def style_name(raw: str) -> str:
    """Honorifics abbreviated as a reader writes them and capitals undone ("GRAHAM ARCHER")."""
    s = _PP.sub("", plain(raw).strip(" ,;"))
    s = _RT_HON.sub("Rt Hon ", s)
    words = [HONORIFICS.get(w.lower().rstrip("."), w) if _is_honorific(w) else w for w in s.split()]
    shouting = [w for w in words if w not in POSTNOMINALS and not _is_honorific(w)]
    if shouting and all(w.isupper() for w in shouting if any(c.isalpha() for c in w)):
        words = [w if w in POSTNOMINALS or _is_honorific(w) else _title_case(w) for w in words]
    return " ".join(words)


def name_words(name: str) -> list[str]:
    """The words of a name without honorifics and post-nominals: ["Dawn", "Primarolo"]."""
    words = plain(name).replace(",", " ").split()
    return [w for w in words if not _is_honorific(w) and w not in POSTNOMINALS]


def is_name_line(line: str, *, single_word: bool = False) -> bool:
    """A line holding only a person's name; one bare word counts only when `single_word` allows it."""
    s = _PP.sub("", plain(line).strip(" ,"))
    if not s or len(s) > 60 or re.search(r"[\d:@|/()]", s):
        return False
    if marking_of(s) or is_contact(s) or is_role(s) or office_of(s) or is_organisation(s):
        return False
    words = s.split()
    core = name_words(s)
    if not core or len(words) > 7 or any(not _name_word(w) for w in core):
        return False
    titled = len(core) < len(words)
    if len(core) == 1 and not titled:
        return single_word  # a bare "Jane" under "Thanks," is a name; elsewhere it may be a town
    return titled or not is_postal(s)


def _name_word(word: str) -> bool:
    return word in _PARTICLES or bool(re.fullmatch(r"[A-Z][\w'’.-]*", word))


def _is_honorific(word: str) -> bool:
    return word.lower().rstrip(".") in HONORIFICS


def _title_case(word: str) -> str:
    """A word in capitals as a name is written: "MCCARTHY" → "McCarthy", "O'NEILL" → "O'Neill"."""
    out = re.sub(r"[A-Za-z]+", lambda m: m.group(0).capitalize(), word.lower())
    return re.sub(r"^(Mc|O['’])([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)
