"""Salutations ("Dear Ms Primarolo,") and valedictions ("Yours sincerely") that frame a letter's body."""

from __future__ import annotations

import re

from ingest.conventions.markup import plain
from ingest.conventions.roles import is_role

# Capitalised as a salutation is: "dear" inside wrapped prose is not one.
_SALUTATION = re.compile(
    r"(?:Dear|DEAR|My\s+dear|To\s+whom\s+it\s+may\s+concern|TO\s+WHOM\s+IT\s+MAY\s+CONCERN|Hi|Hello)(?=[\s,!:]|$)"
)
_VALEDICTION = re.compile(
    r"(?:yours(?:\s+(?:sincerely|faithfully|truly|ever|respectfully|aye))?"
    r"|(?:with\s+)?(?:(?:kind|kindest|best|warm|warmest|many)\s+)?(?:regards|wishes)"
    r"|(?:with\s+)?many\s+thanks|with\s+thanks|thanks|best|sincerely|respectfully)\s*[,.!]?",
    re.I,
)
# Salutations naming no one: "Dear Sir or Madam", "Dear Colleagues", "Dear Minister".
_NOBODY = re.compile(
    r"(?:sir|madam|sirs|sir\s*/\s*madam|sir\s+or\s+madam|colleagues?|all|friends?|everyone|team"
    r"|minister|secretary\s+of\s+state|chair|chief\s+executive|councillors|members|customer|resident)",
    re.I,
)


def is_salutation(line: str) -> bool:
    """A short line opening the letter to its reader: "Dear Nigel,"."""
    s = plain(line)
    return len(s) <= 80 and bool(_SALUTATION.match(s))


def is_valediction(line: str) -> bool:
    """A line that only closes the letter: "Yours sincerely", "Kind regards,", "Thanks,"."""
    s = plain(line)
    if len(s) > 40 or not _VALEDICTION.fullmatch(s):
        return False
    # A bare "Thanks" or "Best" closes an email only when written like a closing ("Thanks,").
    return not re.fullmatch(r"(?:thanks|best)[.!]?", s, re.I)


def addressee(line: str) -> str | None:
    """The name a salutation uses ("Ms Primarolo"), or None when it names no one."""
    s = plain(line)
    m = _SALUTATION.match(s)
    if not m:
        return None
    rest = re.sub(r"\b(Mr|Mrs|Ms|Dr|Prof|Rev|Revd|Cllr|Rt|Hon)\.", r"\1", s[m.end() :])
    rest = re.split(r"[,.;:!?]", rest.strip(" ,.;:!-"))[0].strip()
    if not rest[:1].isupper() or _NOBODY.fullmatch(rest) or re.match(r"(?:sir|madam)\b", rest, re.I):
        return None
    return None if is_role(rest) else rest
