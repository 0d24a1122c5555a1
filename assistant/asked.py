"""What a question asks for, and whether quotes hold it: a person for "Who …?", a date for "When …?",
a figure in the measure asked for "How much …?", a reason, a place, a decision; and the refusals that
follow from it (no figure in the measure asked, no date or hour, no number of what is counted, only
plans where an outcome or a decision is asked)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from index.words import STOPWORDS, stem

# What kind of thing a question asks for, and whether a unit holds one it does not already name:
# "Who …?" a person's name, "When …?" a date or time, "How much / many …?" a number or amount,
# "Why …?" a reason, "Where …?" a place, "What did they decide …?" a decision.
# Its weight is fitted with the others (UNIT_WEIGHTS); hand-set, it was 0.1 of the old scale.
# A clause may set the scene first: "In the August 2000 talking points, why did the memo say …?"
# (not a question's own clause: "Where is Crystal Dobson, who knew Delainey, working?" asks where).
_SCENE = r"^\s*(?:(?!(?:who|whom|whose|what|which|where|why|how)\b)[^,?]{3,120},\s*)?"
_WHO = re.compile(
    rf"{_SCENE}(?:who|whom|whose)\b"
    r"|\b(?:which|what)\s+(?:person|people|official|consultant|lawyer|staff|officer|manager)\b",
    re.I,
)
_WHEN = re.compile(
    # "When Allen re-ran the numbers, what value did he find?" asks the value: the clause only sets the scene.
    r"^\s*(?:(?:by|until|since)\s+)?when\b(?!\s+(?!(?:did|does|do|is|are|was|were|will|would|should|could|can|has|have"
    r"|had|might|must)\b)[^,?]+,\s*(?:what|which|who|whom|whose|how|why|where|did|does|do|was|were|is|are|had|has)\b)"
    r"|\b(?:what|which)\s+(?:date|day|time|month|year|week)s?\b|\bhow\s+soon\b",
    re.I,
)
# "What total cost", "What all-in figure for the 2000 projects": a few words may stand before the noun.
_HOW_MUCH = re.compile(
    r"\bhow\s+(?:much|many|big|large|long|often)\b"
    # "In what capacity would he send it?" asks for a role.
    r"|(?<!in )\b(?:what|which)\s+(?:[\w'’-]+\s+){0,3}(?:price|amount|sum|cost|number|size|percentage|figure"
    r"|volume|value|total|rate|margin|budget|fee|salary|bonus|capacity|count|premium|spread|estimate|efficiency"
    r"|proportion|share|fraction|ratio)s?\b",
    re.I,
)
# "What is Enron paying Gulfstream for the jet?", "What did the sale fetch?" ask a sum of money without
# "how much" (not "What are the plans for charging …?", whose verb follows "for").
_WHAT_PAID = re.compile(
    r"^\s*what\b(?:\s+(?!for\b|of\b|about\b|on\b)[\w'’-]+){1,10}?\s+(?:pay|paying|paid|charge[sd]?|charging|costs?"
    r"|costing|fetch(?:ed)?|spen[dt]|spending|sell\s+for|sold\s+for)\b",
    re.I,
)
# A run of capitalised words (a middle initial allowed): a person's name when no word of it names a
# body, an office or a place ("West Yorkshire Police", "Chief Executive", "Leeds City Council").
_NAME_RUN = re.compile(r"\b[A-Z][a-z'’]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z'’]+)+")
_NOT_PERSON_TEXT = (
    "council police board committee department authority trust office service services executive "
    "division group company corporation inc ltd llc plc partners partnership bank agency commission "
    "university college school schools hospital ministry government association society centre center "
    "fund institute foundation team unit desk plan programme program project city county street road "
    "house hall building north south east west member members chair chairman director manager president "
    "officer secretary minister leader deputy assistant head commander representative governor senator "
    "mayor inspector sponsor conference meeting review inspection report"
)
_NOT_PERSON = frozenset(_NOT_PERSON_TEXT.split())
_MONTH_NAMES = "january|february|march|april|may|june|july|august|september|october|november|december"
# A date or a time as letters write them: "March 15", "15th of March", "in December", "for 2002", "one
# hour after", "by the end of the quarter", "next week", "Q3". A month or a year alone counts: "Craven
# will be in office until May", "My interest is for 2002" answer when-questions.
_DATE_OR_TIME = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    rf"|\b(?:{_MONTH_NAMES})\b|\b(?:19|20)\d\d\b"
    r"|\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m|p\.m)\b|\b\d{1,2}:\d\d\b|\b(?:noon|midday|midnight)\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b\d{1,2}/\d{1,2}\b"
    r"|\b(?:today|tomorrow|yesterday|tonight|this\s+(?:week|month|year|morning|afternoon|evening|weekend)"
    r"|(?:next|last)\s+(?:week|month|year|quarter|spring|summer|fall|autumn|winter))\b"
    r"|\b(?:spring|summer|fall|autumn|winter)\b|\bq[1-4]\b|\b(?:first|second|third|fourth)\s+quarter\b"
    r"|\b(?:\d+|an?|one|two|three|four|five|six|a\s+few|several)\s+(?:hours?|days?|weeks?|months?|years?)"
    r"\s+(?:after|before|later|from|ago)\b"
    r"|\b(?:end|beginning|middle|start)\s+of\s+(?:the\s+)?(?:week|month|year|quarter)\b"
    r"|\b(?:immediately|shortly|asap)\b",
    re.I,
)
# A unit ranks higher for a when-question when it holds a day or an hour (the narrower forms: a month
# or a year alone is often another event's).
_DAY_OR_HOUR = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    # A month placed in time: "next May", "in early to mid June", "the end of March".
    rf"|\b(?:next|this|last|early|mid|late|(?:end|beginning|middle)\s+of)[\s-]+(?:{_MONTH_NAMES})\b"
    r"|\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m|p\.m)\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b\d{1,2}/\d{1,2}\b|\b(?:tomorrow|tonight|next\s+week)\b",
    re.I,
)
# "What time …?" asks for the hour, which a date does not give.
_CLOCK_ASKED = re.compile(r"\b(?:what|which)\s+time\b|\bwhat\s+hour\b", re.I)
_CLOCK = re.compile(
    r"\b\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m|p\.m)\b|\b\d{1,2}:\d\d\b|\b\d{1,2}\s*o'?clock\b"
    r"|\b(?:noon|midday|midnight|morning|afternoon|evening|lunch(?:time)?|breakfast|dinner)\b",
    re.I,
)
_AMOUNT = re.compile(r"[$£€]\s?\d|\b\d[\d,.]*\s*(?:%|percent|million|mm|billion|k\b|mw\b)|\b\d+\b", re.I)

# "Why …?" a reason given ("because", "as I am the Treasurer"); "Where …?" a place named after a
# preposition that the question does not give ("in South America"). Enron dev: +1 right at hit@3.
_WHY = re.compile(rf"{_SCENE}why\b|\b(?:what|which)\s+(?:reasons?|grounds)\b|\bon\s+what\s+grounds\b", re.I)
_REASON = re.compile(
    r"\b(?:because|since|due\s+to|owing\s+to|as\s+a\s+result|so\s+that|in\s+order\s+to|given\s+that|reasons?"
    r"|as\s+(?:i|we|he|she|they|it|you)\s+(?:am|are|is|was|were|have|had|do|did|will|would))\b",
    re.I,
)
_WHERE = re.compile(
    rf"{_SCENE}where\b|\b(?:what|which)\s+(?:city|cities|place|country|countries|venue|location|hotel|town)\b",
    re.I,
)
_PLACE = re.compile(r"\b(?:in|at|to|from|near)\s+(?:the\s+)?([A-Z][a-z]+)")


# "What did they decide / advise …?", "Did he back …?": a decision said ("we would recommend … not
# invest", "this is fine", "No to Nelson"). Enron dev-2 hit@3 +1 of 45, dev unchanged.
_DECIDE = re.compile(
    r"\b(?:decide|decided|decision|advise|advised|recommend|recommended|recommendation|conclude|concluded"
    r"|approve|approved|agree|agreed|rule|ruled|verdict|back|backed|support|supported|reject|rejected)\b",
    re.I,
)
_DECISION = re.compile(
    r"\b(?:we|i|he|she|they|you)\s+(?:will|would|won'?t|wouldn'?t|should|shall|can(?:not|'t)?|do\s+not|don'?t"
    r"|are\s+not|am\s+not|have\s+decided|decided|recommend|agree|approve|support|reject)\b"
    r"|\b(?:not\s+to|decided|approved|rejected|declined|recommend(?:ed)?|agreed|is\s+fine|are\s+fine|ok\b|okay\b|no\s+to)\b",
    re.I,
)


# What a figure is asked in: money ("What price …", "How much did it cost …"), a share ("what stake",
# "what efficiency") or power ("how many megawatts"). A figure of another measure answers another
# question ("75 Mw" is no lease cost): it scores no higher than any unit, and no quote holding one in
# the measure asked is a refusal (`lacks_figure`).
_MONEY = re.compile(
    r"[$£€]\s?\d[\d,.]*|\b\d[\d,.]*\s*(?:million|billion|mm\b|mmm\b|k\b|bn\b|dollars|cents|usd\b|cad\b)", re.I
)
_MEASURES = (
    (
        re.compile(
            r"\b(?:costs?|price[ds]?|pay|paid|pays|spend|spent|spending|fees?|salary|salaries|bonus(?:es)?|budget|fund(?:s|ing|ed)?"
            r"|raised?|recover(?:ed|y)?|worth|value[ds]?|invest(?:ed|ment)?|charged?|bill(?:ed)?|dollars?|money|cash|prepayment)\b",
            re.I,
        ),
        _MONEY,
    ),
    (
        re.compile(r"\b(?:percent(?:age)?|efficiency|share|stake|ratio|proportion)\b", re.I),
        re.compile(
            r"\d\s*(?:%|percent\b|per\s+cent\b)|\b\d+\s*:\s*\d+\b|\b(?:half|third|quarter|majority|minority)\b",
            re.I,
        ),
    ),
    (
        re.compile(r"\b(?:megawatts?|mw|kilowatts?|gigawatts?|(?<!in what )capacity)\b", re.I),
        re.compile(r"\d\s*(?:mw|megawatts?|kw|gw)\b", re.I),
    ),
)


def asked_measures(question: str) -> list[re.Pattern[str]]:
    """The patterns of the figures a how-much question asks for, by its measure; none for another question."""
    if not _HOW_MUCH.search(question):
        # What is paid: a sum, with or without its currency ("not more than 2.7 for Sagewood").
        return [_MONEY, _AMOUNT] if _WHAT_PAID.search(question) else []
    # "How many of the western governors were against price caps?" counts governors: only what it
    # counts may be a measure ("How many megawatts …?").
    many = _HOW_MANY.search(question) or _HOW_MANY_DONE.search(question)
    asked = many.group(0) if many else question
    return [figure for measure, figure in _MEASURES if measure.search(asked)]


def lacks_figure(question: str, quotes: Sequence[str]) -> bool:
    """Whether a question asking for a figure in a measure (money, a share, power) has no quote holding
    one it does not itself give. Enron: the second dev part's unanswerable questions on emails that
    name the deal but never its price were answered with its other figures (dates, megawatts): 11 of
    12 answered → 6, no right answer lost on either dev part; BENCHMARKS.md round 13."""
    measures = asked_measures(question)
    return bool(measures) and bool(quotes) and not any(_gives_figure(q, question, measures) for q in quotes)


def _gives_figure(quote: str, question: str, figures: Sequence[re.Pattern[str]]) -> bool:
    """Whether `quote` holds a figure of one of the `figures` patterns that `question` does not give."""
    return any(m.group(0) not in question for rx in figures for m in rx.finditer(quote))


# "Who was eventually appointed …?", "Did they end up recommending …?", "When did they actually
# meet?" ask what came of something; quotes that only plan, invite, propose or request it ("is planning
# a trip", "has invited", "has indicated a desire to retire") do not say. Enron dev-2: 5 → 4 of 12
# unanswerable answered, bundled-held 2 → 1 of 4; no right answer lost on any dev part.
_OUTCOME = re.compile(
    r"\b(?:eventually|actually|end(?:ed)?\s+up|finally|in\s+the\s+end|ultimately"
    # "What came out of the meeting …?", "What was the outcome …?"
    r"|came\s+(?:out\s+)?of|come\s+(?:out\s+)?of|outcome|resulted)\b",
    re.I,
)
# Words that plan, invite, propose or ask for something, shared by both refusals below.
_PLANS = (
    r"(?:is|are|am)\s+(?:planning|going)\s+to|plans?\s+to|intends?\s+to|hopes?\s+to|look(?:ing)?\s+forward"
    r"|ha(?:s|ve)\s+invited|invit(?:e|es|ing)|propos(?:e|es|ing)|desire\s+to|wish(?:es)?\s+to|request(?:ing)?"
    r"|conducting|planning"
    # An expectation is no outcome: "the licence is expected to be issued at the end of this month".
    r"|(?:is|are|was|were)\s+expected\s+to|expects?\s+to|anticipat(?:e|es|ed|ing)"
)
_PROSPECTIVE = re.compile(rf"\b(?:will|would\s+like|would\s+appreciate|{_PLANS})\b", re.I)


# "What did the committee decide at its meeting?", "Was he taken onto the programme?", "Did they accept
# the proposal?" ask what came of something too, but a decision is often said with "will" or "would"
# ("No to Nelson … I would like to hear the figures"): only a quote that announces, invites, proposes,
# requests or prefers is a plan here ("There will be a meeting on October 25", "Forward his resume
# for consideration"). Enron dev-3 (round 14): 2 of 25 unanswerable questions refused, no right answer
# lost on any dev part.
_DECIDED = re.compile(
    r"^\s*what\s+did\b.*\b(?:decide|agree|conclude|resolve|approve|rule|choose|select)\b"
    r"|^\s*(?:did|was|were)\b.*\b(?:accept(?:ed)?|approved?|agreed?|signed?|hired?|taken|take|appointed|appoint"
    r"|selected|select|chosen|choose|awarded|award|granted|grant|win|won|rejected|reject|declined|decline)\b",
    re.I,
)
_ARRANGED = re.compile(
    # ("There will be no re-allocations of analysts" rules.)
    r"\b(?:there\s+will\s+be(?!\s+no\b)|will\s+be\s+(?:held|meeting|discussed|considered|reviewed|decided|announced)"
    r"|(?:is|are)\s+scheduled|for\s+(?:your\s+)?consideration|requests|solicit(?:s|ing)?"
    rf"|would\s+like\s+to\s+(?:meet|discuss)|prefers?|considering|{_PLANS})\b",
    re.I,
)


def only_plans(question: str, quotes: Sequence[str]) -> bool:
    """Whether a question asking what came of something has only quotes that plan or ask for it."""
    if not quotes:
        return False
    if _OUTCOME.search(question):
        return all(_PROSPECTIVE.search(q) for q in quotes)
    return bool(_DECIDED.search(question)) and all(_ARRANGED.search(q) for q in quotes)


def lacks_day(question: str, quote: str) -> bool:
    """`lacks_time` for one quote, when "this morning" or "today" is all the time it gives: those date
    the writing ("I had breakfast with Bill Ramsey this morning"), rarely what a question asks."""
    return lacks_time(question, [_WRITING_TIME.sub(" ", quote)])


_WRITING_TIME = re.compile(r"\b(?:this\s+(?:morning|afternoon|evening)|today)\b", re.I)


def lacks_time(question: str, quotes: Sequence[str]) -> bool:
    """Whether a when-question has no quote giving a date or time it does not itself give ("What time
    was the March 15 meeting?" asks the hour: "March 15" is no answer). Enron dev-3 (round 14): 2 of
    25 unanswerable questions refused, the bundled letters' third part 1 of 11; no right answer lost."""
    if not quotes or not _WHEN.search(question):
        return False
    pattern = _CLOCK if _CLOCK_ASKED.search(question) else _DATE_OR_TIME
    # "On what day …?" asks the day: "by noon" is an hour of one.
    day = _DAY_ASKED.search(question) is not None
    asked = question.lower()
    return not any(
        m.group(0).lower() not in asked and not (day and _CLOCK.fullmatch(m.group(0)))
        for q in quotes
        for m in pattern.finditer(q)
    )


_DAY_ASKED = re.compile(r"\b(?:what|which)\s+(?:date|day)s?\b", re.I)


# "How many underperforming schools …?" asks for a count of schools: a number of something else ("11
# priorities") is no answer. The counted noun is the last word before the verb or a preposition.
_HOW_MANY = re.compile(
    r"\bhow\s+many\s+((?:[\w'’-]+\s+){0,3}?)(?:do|does|did|is|are|was|were|will|would|has|have|had"
    r"|can|could|should|in|of|for|at|on|to|from|with|by)\b",
    re.I,
)
# Else before a verb in the past: "How many Enron entities turned out to be members …?" (not "How many
# looked after children …", whose counted noun comes later).
_HOW_MANY_DONE = re.compile(r"\bhow\s+many\s+((?:[\w'’-]+\s+){1,3}?)[a-z]{3,}ed\b", re.I)
_NUMBER = re.compile(
    r"\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty"
    r"|fifty|hundred|dozen|several|a\s+few|a\s+couple)\b",
    re.I,
)
_COUNTED_SPAN = 4


def lacks_count(question: str, quotes: Sequence[str]) -> bool:
    """Whether a how-many question has no quote with a number, not the question's, counting what it asks
    about within a few words ("56 advanced practitioners", "2 analysts"). Bundled letters' third part
    (round 14): 2 of 11 unanswerable questions refused, no right answer lost on any dev part."""
    found = _HOW_MANY.search(question) or _HOW_MANY_DONE.search(question)
    words = _QUESTION_WORDS.findall(found.group(1)) if found else []
    if not quotes or not words:
        return False
    counted = stem(words[-1])
    asked = {w.lower() for w in _QUESTION_WORDS.findall(question)}
    for quote in quotes:
        for number in _NUMBER.finditer(quote):
            if number.group(0).lower() in asked:
                continue
            if any(stem(w) == counted for w in _counted_after(quote[number.end() : number.end() + 80])):
                return False
    return True


_QUESTION_WORDS = re.compile(r"[\w'’-]+|\d[\d,.]*")
# What a number counts is the noun its modifiers lead to, before a preposition, a verb or a stop:
# "56 advanced practitioners", "2 million square feet", not the schools of "11 priorities for schools".
_COUNT_ENDS = re.compile(
    r"[,.;:()\[\]!?]|\s(?:for|of|in|on|at|to|from|with|by|and|or|but|which|that|who|is|are|was|were|will|would)\b",
    re.I,
)


def _counted_after(text: str) -> list[str]:
    end = _COUNT_ENDS.search(text)
    return _QUESTION_WORDS.findall(text[: end.start() if end else len(text)])[:_COUNTED_SPAN]


_CAPITALISED = re.compile(r"[A-Z][a-z'’]+")


def _names_someone(run: str, question: str) -> bool:
    words = [w for w in _CAPITALISED.findall(run) if w.lower() not in STOPWORDS]
    return (
        len(words) >= 2
        and not any(w in question for w in words)
        and not any(w.lower() in _NOT_PERSON for w in words)
    )


# "Which firm …?", "Which utilities …?" ask for a body's name: a unit holding a capitalised word or an
# acronym the question does not give is of the kind asked for (Enron dev-3: the engineer "Quattro
# Consultants" quoted first, hit@1 and hit@3 +1; no other part moved; BENCHMARKS.md round 15).
_WHICH_BODY = re.compile(
    r"\b(?:which|what)\s+(?:(?!(?:did|does|do|is|are|was|were|has|have|had|will|would)\b)\w+\s+)?"
    r"(?:firms?|compan(?:y|ies)|organi[sz]ations?|agenc(?:y|ies)|banks?|utilit(?:y|ies)|bod(?:y|ies)"
    r"|charit(?:y|ies)|universit(?:y|ies)|insurers?|lenders?|contractors?|suppliers?|counterpart(?:y|ies)"
    r"|customers?|clients?|investors?|brokers?|consultancy)\b",
    re.I,
)
# A name as a unit writes it: a capitalised word past the sentence's first, or an acronym.
_BODY_NAME = re.compile(r"(?<=[\w,;:)] )(?:[A-Z][A-Za-z&'’-]+)|\b[A-Z]{2,}\b")
_NOT_A_BODY = STOPWORDS | frozenset(_MONTH_NAMES.split("|"))


def _names_a_body(quote: str, question: str) -> bool:
    return any(
        m.group(0) not in question and m.group(0).lower() not in _NOT_A_BODY
        for m in _BODY_NAME.finditer(quote)
    )


def answer_type(question: str) -> Callable[[str, str], bool] | None:
    """A test of whether a unit holds what the question asks for, or None when it asks for no kind."""
    if _WHICH_BODY.search(question):
        return _names_a_body
    if _WHO.search(question):
        # A person's name none of whose words the question gives ("Hanover Compressor" is the Hanover
        # asked about; "an independent chair … West Yorkshire Police" names no one).
        return lambda quote, q: any(_names_someone(m.group(0), q) for m in _NAME_RUN.finditer(quote))
    if _WHEN.search(question):
        return lambda quote, q: bool(_DAY_OR_HOUR.search(quote))
    if _HOW_MUCH.search(question) or _WHAT_PAID.search(question):
        figures = asked_measures(question) or [_AMOUNT]
        return lambda quote, q: _gives_figure(quote, q, figures)
    if _WHY.search(question):
        return lambda quote, q: bool(_REASON.search(quote))
    if _WHERE.search(question):
        return lambda quote, q: any(m.group(1) not in q for m in _PLACE.finditer(quote))
    if _DECIDE.search(question):
        return lambda quote, q: bool(_DECISION.search(quote))
    return None
