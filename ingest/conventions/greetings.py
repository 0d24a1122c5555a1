"""Salutations ("Dear Ms Primarolo,") and valedictions ("Yours sincerely") that frame a letter's body."""

from __future__ import annotations

import re

from ingest.conventions.markup import plain
from ingest.conventions.roles import is_role

# Capitalised as a salutation is: "dear" inside wrapped prose is not one.
# A cleric's salutation puts his style first ("Rev. Dear Father", "Very Rev. and Dear Sir"); a hand
# writes "Dear" short before a title ("Dr Sir", "Dr. Mr Kelly"), never before a name ("Dr Kelly").
_CLERIC = r"(?:(?:[Vv]ery|[Mm]ost|[Rr]ight|[Rr]t\.?)\s+)?[Rr]ev(?:erend|d)?\.?\s+(?:(?:and|&)\s+)?"
_DR = r"(?:D[Rr]\.?(?=\s+(?:Mr|Mrs|Miss|Sir|Madam|Father|Fr|Rev|Friend)\b))"
_SALUTATION = re.compile(
    rf"(?:(?:{_CLERIC})?(?:[Dd]ear(?:est)?|{_DR})|DEAR|My\s+(?:own\s+)?[Dd]ear(?:est)?|MY\s+DEAR|(?:My\s+(?:own\s+)?)?[Dd]arling|(?:My\s+)?[Bb]eloved|To\s+whom\s+it\s+may\s+concern|TO\s+WHOM\s+IT\s+MAY\s+CONCERN|Hi|Hello)(?=[\s,!:]|$)"
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
    rest = re.sub(
        r"\b(Mr|Mrs|Ms|Dr|Prof|Rev|Revd|Cllr|Rt|Hon|Fr|Capt|Col|Lieut|Lt|Gen|Sgt|Sergt|Pte|Mgr|Messrs|Mons)\.",
        r"\1",
        s[m.end() :],
    )
    # The name ends at its punctuation, not at an initial's point ("Dear Mr. J. Walsh,").
    rest = re.split(r"[,;:!?—–]|\s-\s|(?<!\b[A-Z])\.", rest.strip(" ,.;:!-"))[0].strip(" .")
    # "My dear Son Dan": kin before the name greeted ("Father" and "Brother" may be a cleric's title).
    rest = re.sub(r"^(?i:son|daughter|wife|husband)\s+(?=[A-Z][a-z])", "", rest)
    # "Sir," and "Madam" name no one; "Madam O'Roddy" (a title before a surname) does.
    titled_madam = re.match(r"(?i:madam|madame)\s+[A-Z]", rest)
    if (
        not rest[:1].isupper()
        or _NOBODY.fullmatch(rest)
        or (re.match(r"(?:sir|madam)\b", rest, re.I) and not titled_madam)
    ):
        return None
    kin = _KIN.match(rest) or _KIN_ALONE.fullmatch(rest) or _STYLE_ALONE.fullmatch(rest)
    return None if is_role(rest) or kin else rest


# "Dear Mother", "My dear Son": kin greeted as such and nothing more ("Father Creagh" is a priest).
_KIN_ALONE = re.compile(r"(?i:mother|father|son|daughter|brother|sister|wife|husband|mam|mammy|mum)")


# "My dear Lord," (a bishop or a peer), "Dear Rev. Mother": a style greeted with no name.
_STYLE_ALONE = re.compile(
    r"(?i:(?:my\s+)?(?:lord|lady)(?:\s+bishop)?|rev(?:erend|d)?\.?\s+(?:mother|father|sister|brother))"
)


# "My Dearest Aunt Bunty", "Dear Cousin Con": kin greeted by a pet name name no one a reader can find.
_KIN = re.compile(
    r"(?:aunt|auntie|aunty|uncle|cousin|mamma|mama|mammy|mummy|papa|dada|daddy|dad|granny|grandma|grandpa"
    r"|grandmother|grandfather|niece|nephew|sis|bro)\b",
    re.I,
)


# Letters of every period open with a bare "Sir," as often as with "Dear …" (letters-1916: most
# official letters); these match the whole line, so "Sir Edward Corliss" is no salutation.
_OPENING = re.compile(
    rf"(?:(?:{_CLERIC})?(?:(?:my\s+)?(?:dear(?:est)?|dr\.?)\s+)?"
    r"(?:hon(?:ou?r(?:ed|able)|\.|ble)?\s+|respected\s+|esteemed\s+|rev(?:erend|d)?\.?\s+|very\s+rev\.?\s+)?"
    r"(?:sir|sirs|madam|madame|gentlemen|my\s+lord(?:\s+(?:arch)?bishop)?|sir\s+or\s+madam"
    r"|(?:may\s+it\s+please\s+)?your\s+(?:grace|excellency|lordship)|mr\.?\s+chairman(?:\s+(?:and|&)\s+gentlemen)?)"
    # "Revd. Father," (a bare "Father," may be a signature), "Mr. Chairman and Gentlemen,", "Sir/".
    r"|(?:very\s+)?rev(?:erend|d)?\.?\s+(?:(?:and|&)\s+)?(?:dear\s+)?father"
    r"|a\s+ch?[aá]ra(?:\s+(?:dh[ií]l(?:is)?|uasail))?)\s*[,.:;!/—–-]*\s*[—–-]?\s*",
    re.I,
)
# The closing phrases of a letter, anywhere on its line: "I am, Sir, Your obedient Servant,",
# "Yours faithfully", "Faithfully yours", "Yrs. sincerely", "Your ever loving", "Y faithfully",
# and "Your obedservant" as a transcription glues it.
_CLOSING = re.compile(
    r"\b(?:(?:your|yr|yrs|y)\.?\s+(?:[\w.,&]+\s+){0,4}?(?:ob\w*\.?)?(?:servants?|serv(?:an|er|n)?t\b\.?|svt\b\.?)"
    r"|(?:yours|yrs|yr|y)(?:\.\s*|,?\s+)(?:very\s+|v\.?\s+|most\s+|ever\s+|always\s+)*(?:faithfully|truly|sincerely"
    r"|respectfully|affectionately|aff\w*|obediently|gratefully|cordially|devotedly|fraternally|in\s+haste"
    r"|thankfully|obliged|trull?y|to\s+command"
    # as hands spelled and shortened them ("faithfuly", "Sincerly", "Truely", "Respy", "Obdtly")
    r"|faithfull?y|sincerl?e?y|truely|resp(?:t?ly|y)|ob(?:e?d?t?)ly|lovingly|humbly|always"
    r"|&c|etc)"
    # "Yours in the cause", "Yours for Ireland", "Yours in Christ", "Yours till death": opening its line.
    r"|^(?:yours|yrs)\s+(?:in|for|till|until)\s+(?:the\s+)?[\w’']+(?:\s+[\w’']+)?(?=\s*[,.!]?\s*$)"
    # "With kindest regards", "Kind regards": opening its line, before a name or nothing, not "… to all".
    r"|^(?:with\s+(?:(?:very\s+)?(?:kind|kindest|best|warm|warmest|sincere|fond|affectionate)\s+)?"
    r"|(?:kind|kindest|best|warm|warmest)\s+)regards(?=\s*[,.!]?\s*(?:$|(?-i:[A-Z])))"
    # "Much love", "With fondest love", "All my love", "Love from": an informal letter's closing line.
    r"|^(?:with\s+)?(?:(?:much|fondest|fond|best|all\s+my|my|lots\s+of)\s+)?love(?:\s+from)?(?=\s*[,.!]?\s*$)"
    r"|(?:very\s+|most\s+|ever\s+)?(?:faithfully|truly|sincerely|respectfully|affectionately|cordially|devotedly"
    r"|gratefully|thankfully|obediently)\s+(?:yours|yrs)"
    # "Your faithfully", "Yous truly": a slip of the hand or the transcriber, opening its line.
    r"|^(?:your|yous)\s+(?:very\s+)?(?:faithfully|truly|trull?y|sincerely|respectfully)\b"
    # A petition's or memorial's closing: "And your Petitioner, as in duty bound, will ever pray", "Your
    # humble Petitioner", "And memorialist will ever pray".
    r"|^(?:and\s+)?(?:(?:your|yr)\.?\s+|the\s+)?(?:humble\s+)?(?:petitioners?|memorialists?)\b(?:[\s,]+[\w]+){0,8}?[\s,]+pray\b"
    r"|^(?:your|yr)\.?\s+(?:humble\s+|obedient\s+|most\s+)*(?:petitioners?|memorialists?)\b"
    r"|^(?:ever\s+|always\s+|from\s+|i\s+(?:am|remain),?\s+)?(?:your|yours|yr|yrs)\.?\s+(?:[\w’']+\.?\s+){0,2}(?:servant"
    r"|friend|son|daughter|brother|broth|bro|br|sister|sis|b\s?w|love|child|nephew|niece|cousin|wife|husband)\b"
    r"|(?:i|we)\s+(?:am|are|remain)\s*,?\s*&c"
    # The closing's last words alone on their line, "your" ending the line above: "… from your" / "fond son".
    r"|^(?:(?:very\s+|ever\s+)?(?:fond|loving|affectionate|aff\w*\.?|devoted|dutiful|obedient|own)\s+)+(?:son|daughter"
    r"|brother|sister|wife|husband|mother|father|friend|child|nephew|niece|cousin)\b(?=\s*[,.!]?\s*$)"
    r"|yours\s+(?:ever|aye|very\s+grateful)|ever\s+yours|believe\s+me|(?:is\s+)?mise,?\s+(?:le\s+meas(?:\s+m[oó]r)?|do\s+chara)(?:\s+(?:f[ií]or|d[ií]lis|buan))?"
    # "Signed on behalf of the Committee,", "For and on behalf of the Board": a line of its own.
    r"|^(?:signed\s+)?(?:for\s+and\s+)?on\s+behalf\s+of\s+(?:the\s+)?[\w’']+(?:\s+[\w’']+){0,4}(?=\s*[,.:]?\s*$)"
    r"|^do\s+chara|^le\s+meas|^is\s+mise\b|(?:i|we)\s+(?:have\s+the\s+honou?r\s+to|beg\s+to)\s+remain"
    r"|(?:i\s+(?:am|remain|beg\s+to\s+remain)|we\s+(?:are|remain|beg\s+to\s+remain))\s*,?\s*(?:dear\s+)?"
    r"(?:sir|madam|gentlemen|my\s+lord|yours)"
    r"|^i\s+(?:am|remain),?\s+(?:very\s+|most\s+|ever\s+)*(?:faithfully|truly|sincerely|respectfully|obediently)"
    r"|^(?:very|most)\s+(?:faithfully|truly|sincerely|respectfully|cordially)"
    r"|(?:i|we)\s+have\s+the\s+honou?r\s+to\s+be|your\s+(?:ever\s+|most\s+|very\s+)*(?:loving|affec\w*|affte?\.?|fond"
    r"|devoted|sincere|grateful|own|fondly|obed\w*|obt|obdt)\b(?:\s+\w+)?)\b",
    re.I,
)


MAX_CLOSING_LEAD = 3  # words
MAX_WORDS_AFTER_CLOSING = 5
_YOUR_S = re.compile(r"\b[Yy]our['’]s\b")


def opens_letter(line: str) -> bool:
    """A salutation of any period: "Sir,", "Hon Sir", "Gentlemen", "My Lord," or a "Dear …" line."""
    s = plain(line)
    return bool(_OPENING.fullmatch(s)) or is_salutation(s)


def closing_at(line: str) -> int:
    """Where the closing phrase of a line ends ("Yours faithfully, J. Smith" → before "J."), or -1."""
    # "Your's faithfully" read as "Yours  faithfully" (same length: the offset holds for the line).
    s = _YOUR_S.sub("Yours ", plain(line))
    if is_valediction(s):
        return len(s)
    m = _CLOSING.search(s)
    if not m:
        yours = _YOURS_AND_NAME.match(s) or _ADVERB_AND_NAME.match(s)
        return yours.end(1) if yours else -1
    end = m.end()
    while True:
        # Closing phrases run on: "I am, Sir, Your obedient Servant, T. Kelly", "I remain, Respectfully
        # yours", "Yours sincerely in Christ", "Believe me to be Yrs. truly".
        after = end + len(s[end:]) - len(s[end:].lstrip(" ,.;:"))
        more = _CLOSING.match(s, after) or _RUNS_ON.match(s, after)
        if not more or more.end() <= end:
            break
        end = more.end()
    # A closing opens its line or follows a short lead ("I am, Sir,"), and at most a name follows it;
    # in mid-prose ("… of your brother they did") it is prose.
    if (
        len(s[: m.start()].split()) > MAX_CLOSING_LEAD
        or len(s[end:].strip(" ,.;:").split()) > MAX_WORDS_AFTER_CLOSING
        or (_I_AM_ADVERB.match(s, m.start()) and _GOES_ON_SMALL.match(s, end))
    ):
        return -1
    return end


# "I am truly" / "I remain sincerely" then a word written small is a sentence ("I am truly sorry
# for", "I am sincerely sorry"), not the closing "I am truly yours".
_I_AM_ADVERB = re.compile(r"i\s+(?:am|remain),?\s+(?:very\s+|most\s+|ever\s+)*(?:truly|sincerely)\b", re.I)
_GOES_ON_SMALL = re.compile(r"[ \t]+(?!yours\b|your\b|yrs\b)[a-z]")


# "Yours, T. Kelly", "Yours W B Hartigan": a bare "Yours" closes a line when only a capitalised name
# follows it (a transcription often drops the comma).
_YOURS_AND_NAME = re.compile(
    r"^((?i:yours|yrs)\.?\s*,?)\s*(?!(?i:v\.|very\b|s\w*ly\b|aff))[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*$"
)
# The closing's adverb alone, then the name on its line: "Sincerely Kilbride", "Faithfully, P. Ryan".
_ADVERB_AND_NAME = re.compile(
    r"^((?i:(?:very\s+|most\s+)?(?:sincerely|faithfully|truly|respectfully|cordially))\.?\s*,?)"
    r"\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*$"
)
# What carries a closing phrase on and is no closing by itself: a bare "yours" after "Respectfully",
# "to be" after "Believe me", the faith a cleric closes in ("in Christ", "in Xt", "in J.C.").
_RUNS_ON = re.compile(
    r"(?:yours|yrs)\b\.?|to\s+be\b|(?:very\s+)?(?:faithfully|truly|sincerely|respectfully|obediently)\b|in\s+(?:christ|xt\w*|x\.|j\.?\s?c\.?|jesus|domino|d[nñ]o|our\s+lord"
    r"|the\s+sacred\s+heart|haste)(?=[\s,.;:]|$)\.?",
    re.I,
)
