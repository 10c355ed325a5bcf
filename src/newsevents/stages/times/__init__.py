"""Time stage: time expressions -> :class:`TimeExpr` with TIMEX3-style values.

Candidates come from spaCy's DATE/TIME entities plus our own patterns for what the small model
misses ("now", "recently", "third-quarter", "two days ago", weekdays, "10 p.m."). Each candidate is
normalised by our own rules relative to the article date (``2017-11-01``, ``2017-11``, ``2017-W44``,
``2017-SU``, ``201`` for a decade, ``P3D``, ``PRESENT_REF``, ...). Weekdays and bare months take
their direction from the tense of the governing verb in the parse ("met on Tuesday" -> the Tuesday
before, "will meet on Tuesday" -> the next one). ``dateparser`` is only asked about an entity that
names a month or holds digits and that our rules could not read.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from functools import lru_cache
from typing import TYPE_CHECKING

from newsevents.stages.times import rules as timexrules
from newsevents.nlp import AnnotatedDoc, span_roots
from newsevents.records import TimeExpr

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# ----------------------------------------------------------------------------- vocabulary

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
            "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
            "fri": 4, "sat": 5, "sun": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
UNITS = {  # unit word -> (TIMEX letter, multiplier, is clock time)
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "weekend": ("WE", 1, False), "month": ("M", 1, False), "year": ("Y", 1, False),
    "decade": ("Y", 10, False), "century": ("Y", 100, False), "centuries": ("Y", 100, False),
    "quarter": ("Q", 1, False), "yr": ("Y", 1, False), "hr": ("H", 1, True), "min": ("M", 1, True),
}
SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "a": 1, "an": 1,
    "single": 1, "couple": 2, "a couple": 2, "a couple of": 2, "dozen": 12, "a dozen": 12,
    "half a": 0.5, "a half": 0.5,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
VAGUE = {"few", "a few", "several", "some", "many", "a number of", "dozens of", "hundreds of",
         "the", "numerous", "recent", "the past few", "couple of"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}

_NUM_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
             r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
             r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:a |one )?hundred|"
             r"\d+(?:\.\d+)?|a couple of|a couple|a few|a dozen|several|a|an|few|many|some|dozens of|"
             r"half a|a half|a number of)")
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|century|centuries|quarters?)"
_MOD = (r"(?:(?:more than|less than|fewer than|nearly|almost|about|around|over|under|at least|at most|"
        r"up to|roughly|approximately|some|only|just|barely|well over|the first|the last|the past|"
        r"the next|the previous|the following|the coming|the final|the remaining|another|an additional|"
        r"the better part of|past|last|next|first) )")
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)")
_MONTH_ABBR_DOT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\."
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_CLOCK = r"(?:\b\d{1,2}(?::\d\d)?\s?(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)|\bnoon\b|\bmidnight\b|\b\d{1,2}(?::\d\d)?(?: o'clock)? (?:in the (?:morning|afternoon|evening)|at night)\b)"
_TZ = r"(?:\s(?:[ECMP][SD]T|GMT|UTC))"
_REL = r"(?:this|last|next|past|coming|previous|following|current)"
_PERIOD = (r"(?:week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter|"
           r"morning|afternoon|evening|night)")

# Candidate patterns (compiled once). Case-insensitive ones use (?i) locally; month and weekday
# names must be capitalised so that "may" and "march" as verbs are not taken.
_PATTERNS = [
    # clock times, optionally with a weekday or a date after them
    rf"(?i:(?:about |around |at |shortly after |shortly before |until )?){_CLOCK}{_TZ}?"
    rf"(?:,?\s(?:{_WEEKDAY}|(?i:today|yesterday|tomorrow|tonight))|,?\s{_MONTH_ABBR_DOT}?\s?\d{{1,2}}\b)?",
    # weekday (+ part of day), "last Friday", "Friday morning", "early Monday"
    rf"(?:(?i:last|next|this|early|late|on|this past|late on|early on) )?{_WEEKDAY}(?:'s)?"
    rf"(?: (?i:morning|afternoon|evening|night))?(?:,? {_MONTH}\.? \d{{1,2}}(?:,? \d{{4}})?)?",
    # month day (year), day month (year), month year, month alone
    rf"(?:(?i:early|late|mid|mid-|the end of|the beginning of|the middle of) ?)?{_MONTH}\.?\s\d{{1,2}}"
    rf"(?:st|nd|rd|th)?(?:,?\s\d{{4}})?\b",
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}\.?(?:,?\s\d{{4}})?\b",
    rf"(?:(?i:early|late|mid|mid-|last|next|this|the end of|the beginning of|the middle of) ?)?"
    rf"(?:January|February|March|April|June|July|August|September|October|November|December|"
    rf"Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)(?:,?\s(?:of\s)?\d{{4}})?\b",
    rf"(?i:in|since|until|by|last|next|this|early|late|mid|of|through) May(?:,?\s\d{{4}})?\b",
    rf"\bMay\s\d{{4}}\b",
    # numeric dates
    r"\b\d{4}-\d\d-\d\d\b", r"\b\d{1,2}/\d{1,2}/(?:\d\d){1,2}\b",
    # years after a preposition or in fiscal/calendar year phrases
    r"(?i:(?<=\bin )|(?<=\bsince )|(?<=\buntil )|(?<=\bby )|(?<=\bof )|(?<=\bthrough )|(?<=\bbefore )|"
    r"(?<=\bafter )|(?<=\bfrom )|(?<=\bduring )|(?<=\bearly )|(?<=\blate )|(?<=\bmid-)|(?<=\bto ))"
    r"(?:1[89]\d\d|20\d\d)\b(?![-.,]\d)",
    r"(?i:fiscal|calendar|(?:the )?(?:fiscal|calendar) year) (?:19|20)\d\d\b",
    # decades and centuries
    r"(?i:(?:the )?(?:early |mid-?|late )?(?:1[89]\d0|20[0-9]0|')?\d?0'?s)\b(?<!\d0s(?=\d))",
    r"(?i:(?:the )?(?:early |mid-?|late )?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b",
    r"(?i:(?:the )?(?:early |mid-?|late )?(?:\d{1,2}(?:st|nd|rd|th)|nineteenth|twentieth|twenty-first|eighteenth) century)",
    # quarters and halves
    r"(?i:(?:the )?(?:(?:first|second|third|fourth|final|last|latest|current|previous|year-ago|"
    r"year-earlier|same|recent|june|september|december|march|fiscal) )?(?:quarter|period)"
    r"(?:,? (?:of )?(?:19|20)\d\d)?)(?!ly)\b",
    # quarters named through another year: "last year's third quarter", "the year-ago quarter",
    # "the quarter a year ago", "the corresponding period last year"
    r"(?i:(?:this|last|next) year's (?:(?:first|second|third|fourth|final|fiscal) )?(?:quarter|period))\b",
    r"(?i:(?:the )?(?:comparable |corresponding |same )?year-(?:ago|earlier) (?:(?:first|second|third|fourth|"
    r"fiscal) )?(?:quarter|period))\b",
    r"(?i:(?:the )?(?:(?:comparable|corresponding|same) )?(?:quarter|period) (?:a year (?:ago|earlier)|"
    r"(?:of )?last year))\b",
    r"(?i:(?:first|second|third|fourth)-quarter)\b", r"(?i:(?:first|second)-half)\b",
    r"(?i:(?:the )?(?:first|second|latter|last) half(?: of (?:the year|(?:19|20)\d\d))?)\b",
    # deictic days and parts of days
    r"(?i:(?:early |late |earlier |later )?(?:today|tonight|yesterday|tomorrow)(?:'s)?"
    r"(?: (?:morning|afternoon|evening|night))?)\b",
    r"(?i:(?:early |late |earlier |later )?(?:this|last|yesterday|tomorrow) (?:morning|afternoon|evening|night))\b",
    r"(?i:overnight)\b",
    # this/last/next period, earlier this month, the weekend
    rf"(?i:(?:(?:early|late|earlier|later|mid|sometime|the end of|the beginning of|the start of|"
    rf"the middle of|until|since|from|the rest of|the remainder of|all) )?(?:this past|{_REL}) {_PERIOD})\b",
    r"(?i:(?:the|this|last|next|that) weekend)\b",
    r"(?i:(?:the )?(?:same|previous|following|next) (?:day|week|month|year))\b",
    r"(?i:(?:(?:earlier|later) )?that (?:day|month|year))\b",
    r"(?i:the (?:full |current |fiscal |calendar |whole |entire )*year)\b(?! (?:of|to|in|and|or|before|after|ago|earlier)\b)(?!-)",
    r"(?i:the (?:(?:19|20)\d\d) (?:period|quarter|year|season))\b",
    r"(?i:(?:the )?(?:end|middle|beginning|start) of (?:the )?(?:month|year|week|quarter|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)(?: (?:19|20)\d\d)?)\b",
    r"(?i:year-(?:earlier|ago)|a year (?:earlier|ago))\b",
    r"(?i:(?:the|this|last|next) (?:year|month|week|day))\b(?! (?:of|to|in|and|or|before|after)\b)",
    # N units ago / earlier / later / from now
    rf"(?i:{_MOD}?{_NUM_WORD}[- ]{_UNIT} (?:ago|earlier|later|before|after|from now|hence|back))\b",
    rf"(?i:{_UNIT} ago)\b",
    # durations: "three years", "the past two months", "a 10-year", "two-week", "24-hour"
    rf"(?i:{_MOD}{{0,2}}{_NUM_WORD}[- ]{_UNIT}(?:-(?:long|old))?)\b",
    rf"(?i:(?:the |in |over )?(?:past|last|next|coming|recent|previous|following) (?:few |several |couple of )?{_UNIT})\b",
    r"(?i:(?:in |for |over )?(?:recent|coming) (?:days|weeks|months|years|decades))\b",
    # references
    r"(?i:\bnow\b|currently|nowadays|at present|presently|at the moment|right now|"
    r"for the time being|these days|in recent times|to date|so far this year|current)\b",
    r"(?i:recently|lately|formerly|in the past|the past)\b(?!\s(?:\d|this|last|in))",
    r"(?i:(?:in |for )?the (?:near |distant )?future|in future)\b",
    # sets
    r"(?i:(?:every|each|per|a) (?:other )?(?:day|week|month|year|quarter|morning|night|evening|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|decade|hour|minute))\b",
    # "average daily volume": a rate qualifying an amount, not a time expression
    r"(?<![Aa]verage )(?i:daily|weekly|monthly|yearly|hourly|nightly)\b(?! average)",
    # holidays (fixed dates)
    r"(?i:(?:christmas|new year's|thanksgiving|independence|memorial|labor|valentine's) (?:day|eve))\b",
    r"(?i:christmas)\b",
    r"(?i:(?:last |next |this )?(?:thanksgiving|easter(?: sunday| week)?|election day))\b",
]
_CANDIDATE_RE = [re.compile(p) for p in _PATTERNS]
# all patterns as one alternation, tried only where a token starts (see TimeStage.process); the
# rarer shapes of :mod:`timexrules` first, so that they win over a shorter reading at the same start
_COMBINED_BY_FIRST, _COMBINED_RE = timexrules.dispatch(timexrules.PATTERNS + _PATTERNS)
_MAIN_BY_FIRST, _MAIN_RE = timexrules.dispatch(_PATTERNS)  # for windows where timexrules.GUARD finds nothing

# Words that mean "the token before a weak year match is a quantity, not a date" etc.
_REF_WORDS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "presently": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "right now": "PRESENT_REF", "for the time being": "PRESENT_REF", "these days": "PRESENT_REF",
    "current": "PRESENT_REF", "to date": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
    "in the past": "PAST_REF", "the past": "PAST_REF", "past": "PAST_REF", "earlier": "PAST_REF",
    "in recent times": "PAST_REF", "recent": "PAST_REF", "once again": None,
    "future": "FUTURE_REF", "the future": "FUTURE_REF", "in the future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "in the near future": "FUTURE_REF", "near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
    "for the foreseeable future": "FUTURE_REF", "in future": "FUTURE_REF", "soon": "FUTURE_REF",
"someday": "FUTURE_REF", "eventually": "FUTURE_REF",
    "for the future": "FUTURE_REF", "in the distant future": "FUTURE_REF",
}
_SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
              "quarterly": "P1Q", "hourly": "PT1H", "nightly": "P1D", "annual": "P1Y"}
_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
             "valentine's day": (2, 14)}

# ----------------------------------------------------------------------------- helpers

_R_SPACES = re.compile(r"\s+")
_R_DECIMAL = re.compile(r"\d+(?:\.\d+)?")


def parse_ref_date(value: str | None) -> dt.date | None:
    """The article date as a ``date`` (accepts ``YYYY-MM-DD`` with anything after it)."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value)
    if not m:
        m2 = re.match(r"(\d{4})(\d\d)(\d\d)", value)
        if not m2:
            return None
        m = m2
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_number(words: str) -> float | None:
    """"twenty four" -> 24, "a couple of" -> 2, "several" -> None (vague), "10" -> 10."""
    w = words.strip().lower().replace("-", " ")
    w = _R_SPACES.sub(" ", w)
    if not w:
        return None
    if _R_DECIMAL.fullmatch(w.replace(",", "")):
        return float(w.replace(",", ""))
    if w in SMALL:
        return SMALL[w]
    if w in VAGUE:
        return None
    total = 0.0
    parts = w.split()
    if parts and parts[0] in ("a", "one") and len(parts) > 1 and parts[1] == "hundred":
        return 100.0
    for p in parts:
        if p in TENS:
            total += TENS[p]
        elif p in SMALL:
            total += SMALL[p]
        elif p == "hundred":
            total = (total or 1) * 100
        else:
            return None
    return total or None


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def duration_value(n: float | None, unit: str) -> str:
    """P3D, PT5H, P2Y, PXM for a vague count, P10Y for a decade."""
    u = unit.lower().rstrip(".")
    if u not in UNITS and u.endswith("s"):
        u = u[:-1]
    letter, mult, clock = UNITS.get(u, ("X", 1, False))
    if n is None:
        amount = "X"
    else:
        amount = _fmt_num(n * mult)
        if not float(n * mult).is_integer() and letter in ("Y", "M", "W", "D", "H"):
            # half units: express in the next smaller unit
            smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}
            letter2, k = smaller[letter]
            clock = clock or letter == "D"
            return f"P{'T' if clock else ''}{_fmt_num(round(n * mult * k))}{letter2}"
    return f"P{'T' if clock else ''}{amount}{letter}"


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(d: dt.date, months: int) -> tuple[int, int]:
    k = d.year * 12 + (d.month - 1) + months
    return k // 12, k % 12 + 1


def _quarter(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def _last_completed_quarter(d: dt.date) -> tuple[int, int]:
    q = _quarter(d) - 1
    return (d.year, q) if q >= 1 else (d.year - 1, 4)


# ----------------------------------------------------------------------------- tense


_REPORT_VERBS = frozenset({"say", "tell", "report", "add", "state", "claim", "write", "be", "have"})
# verbs whose past tense has the present's form: "prices hit a low Friday" is past, whatever the tag
_SAME_PAST_FORMS = frozenset({"hurt", "cut", "put", "set", "hit", "let", "cost", "shut", "quit", "spread",
                              "beat", "bid", "cast", "burst", "split", "slit", "thrust", "upset", "read",
                              "wound"})
_DEADLINE_VERBS = frozenset({"postpone", "delay", "defer", "extend", "adjourn", "suspend", "give", "grant",
                             "allow", "push", "put"})
_SCHEDULE_VERBS = frozenset({"schedule", "set", "slate", "plan", "due", "expect"})


def clause_tense(doc: "Doc", start: int, end: int) -> str | None:
    """``past``, ``future`` or None for the clause governing the char span [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    if tok.dep_ in ("poss", "compound", "amod", "nmod") or any(t.lower_ == "'s" for t in span):
        return None  # "Friday's session", "the Tuesday deadline": no clause of its own
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ == "as" and span.start > 1 and doc[span.start - 2].lower_ in (
            "soon", "early", "late"):
        return "future"  # "as soon as Tuesday"
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and not (tok.dep_ == "aux"):
            break
        if tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    lemmas = {c.lower_ for c in auxes}
    if prev is not None and prev.lower_ in ("until", "till") and tok.lemma_ in _DEADLINE_VERBS \
            and "had" not in lemmas:
        return "future"  # "postponed the vote until Tuesday": a deadline ahead of the article
    if tok.lemma_ in _SCHEDULE_VERBS and lemmas & {"is", "are", "am", "'s", "'re", "has", "have", "'ve"}:
        return "future"  # "is set for Monday", "has scheduled a vote Friday"
    if lemmas & {"will", "'ll", "shall", "wo"}:
        return "future"
    if "to" in lemmas:  # "plans to meet on Friday", "is going to"
        head = tok.head
        gov = head if head.pos_ in ("VERB", "AUX") else head.head
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in gov.children):
            return "past"  # "had been due to expire Friday": a plan told from after its time
        if head is not tok and head.lower_ in ("going", "plan", "plans", "planned", "expected",
                                               "scheduled", "due", "set", "hopes", "wants"):
            return "future"
        if head.tag_ in ("VBD",) and head.lower_ not in ("was", "were", "expected", "planned", "scheduled"):
            return "past"
        return "future"
    if lemmas & {"would", "might", "may", "should", "can", "must"}:
        return "future"
    if any(c.tag_ == "VBD" for c in auxes) or lemmas & {"had", "did", "was", "were"}:
        if tok.tag_ == "VBG" and lemmas & {"was", "were"}:
            return "past"
        return "past"
    if lemmas & {"has", "have", "'ve"}:
        return "past"
    if tok.tag_ in ("VBD", "VBN"):
        return "past"
    if tok.tag_ in ("VBZ", "VBP", "VBG"):
        if lemmas & {"is", "are", "am", "'s", "'re"} and tok.tag_ == "VBG":
            return "future"
        if tok.tag_ in ("VBZ", "VBP") and not auxes and tok.lemma_ not in _REPORT_VERBS \
                and tok.lower_ not in _SAME_PAST_FORMS and not (prev is not None and prev.lower_ == "since") \
                and not (tok.dep_ == "ccomp" and tok.head.tag_ == "VBD"):
            return "present"  # "talks resume Monday": a schedule told in the present tense
        return None
    if tok.tag_ == "VB":
        return "future"
    return None


# ----------------------------------------------------------------------------- normaliser

_CLEAN_PREFIX = re.compile(
    r"^(?:the |about |around |approximately |roughly |nearly |almost |some |only |just |at least |"
    r"more than |less than |fewer than |over |under |up to |at most |barely |well over |by |on |in |"
    r"at |since |until |till |through |during |from |for |of |within |late |early |mid |mid-|"
    r"earlier |later |sometime |the end of |the beginning of |the start of |the middle of |"
    r"the rest of |the remainder of |all |shortly after |shortly before |right |later on |"
    r"end of |middle of |beginning of |start of |"
    r"the better part of |a full |a total of |another |an additional |the entire |the whole |"
    r"this past (?=(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|weekend|spring|"
    r"summer|fall|autumn|winter)))"
)


def _clean(text: str) -> str:
    t = text.lower().strip().strip(".,;:!?\"'()[]").strip()
    t = t.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    t = _R_SPACES.sub(" ", t)
    return t


def _strip_mods(t: str) -> str:
    prev = None
    while prev != t:
        prev = t
        t = _CLEAN_PREFIX.sub("", t, count=1)
    return t


_MONTH_RX = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_WD_RX = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMW_RX = _NUM_WORD.replace("(?:", "(?:")
_UNIT_RX = r"(seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|century|centuries|quarters?|yrs?|hrs?|mins?)"

_R_MDY = re.compile(rf"{_MONTH_RX} (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?")
_R_DMY = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH_RX}(?:,? (\d{{4}}))?")
_R_MY = re.compile(rf"{_MONTH_RX}(?:,? (?:of )?(\d{{4}}))?")
_R_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_R_US = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_R_YEAR = re.compile(r"(?:fiscal |calendar |(?:fiscal|calendar) year |the year )?((?:1[0-9]|20)\d\d)")
_R_DECADE = re.compile(r"(1[0-9]\d|20\d)0'?s|'(\d)0s|(\d)0s")
_R_CENTURY = re.compile(r"(\d{1,2})(?:st|nd|rd|th) century|(nineteenth|twentieth|twenty first|eighteenth) century")
_R_WD = re.compile(rf"(last |next |this |coming )?{_WD_RX}(?:'s)?(?: (morning|afternoon|evening|night))?")
_R_DEICTIC = re.compile(r"(today|tonight|yesterday|tomorrow)(?:'s)?(?: (morning|afternoon|evening|night))?")
_R_POD = re.compile(r"(this|last|yesterday|tomorrow|that) (morning|afternoon|evening|night)")
_R_RELP = re.compile(r"(this|last|next|past|coming|previous|following|current|same|that) "
                     r"(week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter|day)")
_R_AGO = re.compile(rf"(?:{_NUM_WORD} )?{_UNIT_RX} (ago|earlier|later|before|after|from now|hence|back)")
_R_DUR = re.compile(rf"(?:(?:past|last|next|first|coming|previous|following|final|remaining|recent|initial) )?"
                    rf"({_NUM_WORD} )?(?:(?:few|several|couple of|many) )?{_UNIT_RX}(?: long| old)?")
_R_QUARTER = re.compile(r"(?:(first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|previous|"
                        r"year ago|year earlier|same|recent|june|september|december|march|fiscal) )?"
                        r"(quarter|period)(?:,? (?:of )?(\d{4}))?")
_R_XQUARTER = re.compile(
    r"(?P<rel>this|last|next) year's (?:(?P<ord1>first|second|third|fourth|final|fiscal) )?(?:quarter|period)|"
    r"(?:(?:comparable|corresponding|same) )?year (?:ago|earlier) (?:(?P<ord2>first|second|third|fourth|fiscal) )?"
    r"(?:quarter|period)|"
    r"(?:(?:comparable|corresponding|same) )?(?:quarter|period) (?:a year (?:ago|earlier)|(?:of )?last year)")
_R_HALF = re.compile(r"(first|second|latter|last) half(?: of (?:the year|(\d{4})))?")
_PART_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d\d))?(?: o'clock)? (in the morning|in the afternoon|in the evening|at night)\b")


def _part_clock_to_ampm(m: re.Match) -> str:
    """Rewrite an hour qualified by a part of the day as an a.m./p.m. clock time (late-night
    hours 1-4 and "12 at night" are after midnight)."""
    hh, mm, part = int(m.group(1)), m.group(2) or "00", m.group(3)
    if part == "in the morning" or (part == "at night" and (hh < 5 or hh == 12)):
        return f"{hh}:{mm} a.m." if hh != 12 else f"12:{mm} a.m."
    return f"{hh}:{mm} p.m."


_R_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d\d))? ?(a\.?m\b\.?|p\.?m\b\.?)|\b(noon|midnight)\b")
_R_SEASON = re.compile(r"(?:(this|last|next|past|coming) )?(spring|summer|fall|autumn|winter)(?:,? (?:of )?(\d{4}))?")
_R_SET = re.compile(r"(?:every|each|per|a) (?:other )?(day|week|month|year|quarter|morning|night|evening|"
                    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|decade|hour|minute)")


# patterns of Resolver.resolve (compiled once: it runs for every candidate)
_R_YEAR_END = re.compile(r"(?:(since|around|by|at|before|until|through) )?(?:the )?year(?:'s)? ?end")
_R_MIDDAY = re.compile(r"(?:at )?midday")
_R_NTH_DAY = re.compile(r"(?:the )?(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                        r"\d+(?:st|nd|rd|th)) (?:straight |consecutive )?day")
_R_IN_THE_DAY = re.compile(r"(?:early|earlier|late|later) in the day")
_R_FEAST = re.compile(r"(?:(last|next|this) )?(thanksgiving(?: day)?|easter(?: sunday| week)?|election day|"
                      r"memorial day|labor day)")
_R_ZONE = re.compile(r"\b(?:[ecmp][sd]t|gmt|utc)\b")
_R_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")  # a day value (with match(): one that starts with a day)
_R_YEAR_DASH = re.compile(r"\d{4}-")
_R_REL_MONTH = re.compile(rf"(?:(last|next|this) )?{_MONTH_RX}(?:,? (?:of )?(\d{{4}}))?")
_R_HEAD_YEAR = re.compile(r"(.+?),? (?:of )?(last|this|next) year")
_R_VAGUE_HEAD = re.compile(r"(?:early|late|earlier|later|mid|sometime)")
_R_YEAR_QUARTER = re.compile(r"((?:19|20)\d\d) (first|second|third|fourth) quarter")
_R_WD_DATE = re.compile(rf"{_WD_RX}(?:,? {_MONTH_RX} (\d{{1,2}})(?:,? (\d{{4}}))?)")
_R_YEAR_AGO = re.compile(r"(?:a )?year (?:earlier|ago)")
_R_BARE_PERIOD = re.compile(r"(?:the )?(month|week|quarter|year)")
_R_END_OF = re.compile(r"\b(?:end|middle|beginning|start) of\b")
_R_WHOLE_YEAR = re.compile(r"(?:full |current |fiscal |calendar |whole |entire )*year")
_R_YEAR_PERIOD = re.compile(r"((?:19|20)\d\d) (period|quarter|year|season)")
_R_ORD_QUARTER = re.compile(r"(first|second|third|fourth) quarter")
_R_DECADE_WORD = re.compile(r"(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)")
_R_YEAR_WORDS = re.compile(r"(?:the )?year (?:two thousand|2000)|nineteen (\w+)(?: (\w+))?")
_R_VAGUE_PERIODS = re.compile(r"(?:in |over |for |during )?(?:recent|coming|the coming|past|last|next) ?"
                              r"(days|weeks|months|years|decades)")
_R_FRACTION_DUR = re.compile(r"(\d+) (1/2|1/4|3/4) (years?|months?|weeks?|days?|hours?)")
_R_ONE_MORE = re.compile(r"(?:an additional|another|one more) (year|month|week|day)")
_R_VAGUE_OR_REL = re.compile(r"\b(?:few|several|couple of|many|past|last|next|coming|recent)\b")
_R_COUPLE_OF = re.compile(r"\bcouple of\b")
_R_REL_WORD = re.compile(r"\b(?:past|last|next|coming|first|previous|following)\b")
_R_VAGUE_WORD = re.compile(r"\b(?:few|several|couple of|many)\b")


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (1-based; -1 for the last) given weekday of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (the anonymous computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month = (h + ll - 7 * m + 114) // 31
    day = (h + ll - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


def _feast_date(key: str, year: int) -> dt.date:
    if key == "thanksgiving":
        return _nth_weekday(year, 11, 3, 4)  # fourth Thursday of November (US)
    if key == "easter":
        return _easter(year)
    if key == "election":
        return _nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)  # Tuesday after the first Monday
    if key == "memorial":
        return _nth_weekday(year, 5, 0, -1)
    return _nth_weekday(year, 9, 0, 1)  # labor day


class Resolver:
    """Normalises one expression's text given the article date and the clause's tense."""

    def __init__(self, ref: dt.date | None, financial: bool = False):
        self.ref = ref
        # in a company-results story "a year earlier" means the same quarter of the year before
        self.financial = financial

    # -- calendar helpers
    def _year_for_month(self, month: int, day: int | None, tense: str | None) -> int | None:
        """The year that puts month (and day) nearest the article date; a clear tense overrides
        the nearest choice only when it points more than two months the other way."""
        ref = self.ref
        if ref is None:
            return None

        def dist(y: int) -> int:  # signed distance in days (month granularity: in months * 30)
            if day is None:
                return ((y - ref.year) * 12 + month - ref.month) * 30
            try:
                return (dt.date(y, month, day) - ref).days
            except ValueError:
                return (dt.date(y, month, 28) - ref).days

        years = (ref.year - 1, ref.year, ref.year + 1)
        best = min(years, key=lambda y: (abs(dist(y)), dist(y) > 0))
        if tense == "past" and dist(best) > 60:
            best = max((y for y in years if dist(y) <= 0), key=dist)
        elif tense == "future" and dist(best) < -60:
            best = min((y for y in years if dist(y) >= 0), key=dist)
        return best

    def _weekday(self, wd: int, tense: str | None, rel: str | None) -> dt.date | None:
        ref = self.ref
        if ref is None:
            return None
        delta = (ref.weekday() - wd) % 7
        if rel == "last":
            return ref - dt.timedelta(days=delta or 7)
        if rel in ("next", "coming"):
            return ref + dt.timedelta(days=((wd - ref.weekday()) % 7) or 7)
        if rel == "this":
            return ref + dt.timedelta(days=wd - ref.weekday())  # same ISO week
        if tense == "future":
            # a wire story names its own day by weekday too: "will travel on Thursday" dated Thursday
            return ref + dt.timedelta(days=(wd - ref.weekday()) % 7)
        if tense in ("past", None):
            return ref - dt.timedelta(days=delta)
        # present tense: "talks resume Monday" points ahead, unless it is today
        return ref + dt.timedelta(days=(wd - ref.weekday()) % 7)

    # -- main entry
    def resolve(self, raw: str, tense: str | None = None) -> tuple[str | None, str] | None:
        """(value, type) for an expression, or None when it is not a time expression we know."""
        return _resolve_memo(self.ref, bool(self.financial), raw, tense)

    def _resolve(self, raw: str, tense: str | None) -> tuple[str | None, str] | None:
        t0 = _clean(raw)
        if not t0:
            return None
        r = timexrules.resolve(t0, self, tense)
        if r is not None:
            return r
        if t0 in _REF_WORDS:
            v = _REF_WORDS[t0]
            return (v, "DATE") if v else None
        t = _strip_mods(t0)
        if t in _REF_WORDS:
            v = _REF_WORDS[t]
            return (v, "DATE") if v else None
        if t in _SET_WORDS:
            return _SET_WORDS[t], "SET"
        t = t.replace(" - ", "-").replace("-", " ")
        t = _R_SPACES.sub(" ", t).strip()
        ref = self.ref
        if ref is not None:
            # the end of the year ("by year-end", "around year end", "year's end"): TimeML gives the
            # year itself (the END is a modifier); "since year-end" is the end of the year before
            m = _R_YEAR_END.fullmatch(t)
            if m:
                return str(ref.year - 1 if t0.startswith("since") else ref.year), "DATE"
            # "midday" is noon of the article date; "the second day (of the offensive)" and
            # "later in the day" are the article date itself
            if _R_MIDDAY.fullmatch(t):
                return f"{ref.isoformat()}T12:00", "TIME"
            if _R_NTH_DAY.fullmatch(t) or _R_IN_THE_DAY.fullmatch(t0):
                return ref.isoformat(), "DATE"

        m = _R_SET.fullmatch(t)
        if m and not t.startswith("a "):  # "a year" is a duration; "every year", "per day" are sets
            u = m.group(1)
            if u in WEEKDAYS:
                return f"XXXX-WXX-{WEEKDAYS[u] + 1}", "SET"
            if u in PARTS_OF_DAY:
                return f"XXXX-XX-XXT{PARTS_OF_DAY[u]}", "SET"
            return duration_value(1, u), "SET"

        m = _R_FEAST.fullmatch(t)
        if m:
            return self._movable_feast(m.group(2), m.group(1), tense)
        if t in _HOLIDAYS or t.rstrip("s") in _HOLIDAYS:
            mo, d = _HOLIDAYS.get(t) or _HOLIDAYS[t.rstrip("s")]
            y = self._year_for_month(mo, d, tense)
            return (f"{y}-{mo:02d}-{d:02d}" if y else f"XXXX-{mo:02d}-{d:02d}"), "DATE"

        m = _R_ISO.fullmatch(t)
        if m:
            return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "DATE"
        m = _R_US.fullmatch(t)
        if m:
            mo, d, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if y < 100:
                y += 1900 if y > 40 else 2000
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y}-{mo:02d}-{d:02d}", "DATE"
            return None

        # clock times, with or without a day; "4 in the morning" / "10 at night" name a clock hour
        t = _PART_CLOCK.sub(_part_clock_to_ampm, t)
        m = _R_CLOCK.search(t)
        if m and (m.group(3) or m.group(4)):
            if m.group(4):
                hh, mm = (12 if m.group(4) == "noon" else 24), 0
            else:
                hh, mm = int(m.group(1)), int(m.group(2) or 0)
                if hh > 12 or mm > 59:
                    return None
                pm = m.group(3).startswith("p")
                hh = (hh % 12) + (12 if pm else 0)
            rest = (t[: m.start()] + " " + t[m.end():]).strip(" ,")
            rest = _R_ZONE.sub("", rest).strip(" ,")
            day = None
            if rest:
                r = self.resolve(rest, tense)
                if r and r[0] and _R_DAY_VALUE.match(r[0]):
                    day = r[0][:10]
            elif ref is not None:
                day = ref.isoformat()
            # "midnight Friday" closes Friday: ISO 8601 and TimeML write it as Friday T24:00
            return f"{day or 'XXXX-XX-XX'}T{hh:02d}:{mm:02d}", "TIME"

        m = _R_MDY.fullmatch(t) or _R_DMY.fullmatch(t)
        if m:
            if m.re is _R_MDY:
                mo, d, y = MONTHS[m.group(1)], int(m.group(2)), m.group(3)
            else:
                d, mo, y = int(m.group(1)), MONTHS[m.group(2)], m.group(3)
            if not 1 <= d <= 31:
                return None
            y = int(y) if y else self._year_for_month(mo, d, tense)
            return (f"{y}-{mo:02d}-{d:02d}" if y else f"XXXX-{mo:02d}-{d:02d}"), "DATE"
        m = _R_REL_MONTH.fullmatch(t)
        if m:
            mo = MONTHS[m.group(2)]
            if m.group(3):
                return f"{m.group(3)}-{mo:02d}", "DATE"
            rel = m.group(1)
            y = self._year_for_month(mo, None, {"last": "past", "next": "future"}.get(rel, tense))
            if rel == "last" and ref and y == ref.year and mo >= ref.month:
                y -= 1
            if rel == "next" and ref and y == ref.year and mo <= ref.month:
                y += 1
            if rel == "this" and ref:
                y = ref.year
            return (f"{y}-{mo:02d}" if y else f"XXXX-{mo:02d}"), "DATE"
        m = _R_HEAD_YEAR.fullmatch(t)
        if m and ref is not None and not _R_VAGUE_HEAD.fullmatch(m.group(1)):
            # "June last year", "Christmas Day next year": the head, moved into that year
            head = self.resolve(m.group(1), tense)
            if head and head[0] and _R_YEAR_DASH.match(head[0]):
                y = ref.year + {"last": -1, "this": 0, "next": 1}[m.group(2)]
                return f"{y}{head[0][4:]}", head[1]
        m = _R_YEAR_QUARTER.fullmatch(t)
        if m:
            return f"{m.group(1)}-Q{ORDINALS[m.group(2)]}", "DATE"
        m = _R_WD_DATE.fullmatch(t)
        if m:
            return self.resolve(t[m.end(1):].strip(" ,"), tense)

        m = _R_WD.fullmatch(t)
        if m:
            rel = (m.group(1) or "").strip() or None
            wd = WEEKDAYS[m.group(2)]
            d = self._weekday(wd, tense, rel)
            pod = PARTS_OF_DAY.get(m.group(3) or "")
            if d is None:
                return (f"XXXX-WXX-{wd + 1}" + (f"T{pod}" if pod else "")), ("TIME" if pod else "DATE")
            return (d.isoformat() + (f"T{pod}" if pod else "")), ("TIME" if pod else "DATE")

        m = _R_DEICTIC.fullmatch(t)
        if m:
            word, pod = m.group(1), PARTS_OF_DAY.get(m.group(2) or "")
            if word == "tonight":
                pod = "NI"
            if ref is None:
                return ("PRESENT_REF" if word in ("today", "tonight") else None), "DATE"
            d = ref + dt.timedelta(days={"yesterday": -1, "tomorrow": 1}.get(word, 0))
            return (d.isoformat() + (f"T{pod}" if pod else "")), ("TIME" if pod else "DATE")
        m = _R_POD.fullmatch(t)
        if m:
            rel, pod = m.group(1), PARTS_OF_DAY[m.group(2)]
            if ref is None:
                return None
            d = ref - dt.timedelta(days=1) if rel in ("last", "yesterday") else (
                ref + dt.timedelta(days=1) if rel == "tomorrow" else ref)
            if rel == "last" and pod != "NI":
                d = ref - dt.timedelta(days=1)
            return f"{d.isoformat()}T{pod}", "TIME"
        if t in PARTS_OF_DAY and ref is not None:
            return f"{ref.isoformat()}T{PARTS_OF_DAY[t]}", "TIME"

        m = _R_SEASON.fullmatch(t)
        if m:
            rel, code, y = m.group(1), SEASONS[m.group(2)], m.group(3)
            if y:
                return f"{y}-{code}", "DATE"
            if ref is None:
                return f"XXXX-{code}", "DATE"
            first, last = SEASON_MONTHS[code]
            year = ref.year
            if rel in ("last", "past"):
                year = ref.year if ref.month > last else ref.year - 1
            elif rel in ("next", "coming"):
                year = ref.year if ref.month < first else ref.year + 1
            elif rel is None and tense == "past" and ref.month < first:
                year = ref.year - 1
            elif rel is None and tense == "future" and ref.month > last:
                year = ref.year + 1
            return f"{year}-{code}", "DATE"

        m = _R_XQUARTER.fullmatch(t)
        if m and ref is not None:
            return self._other_year_quarter(m)
        m = _R_YEAR_AGO.fullmatch(t)
        if m:
            if ref is None:
                return "PAST_REF", "DATE"
            if self.financial:
                y, q = _last_completed_quarter(ref)
                return f"{y - 1}-Q{q}", "DATE"
            return str(ref.year - 1), "DATE"
        if t == "weekend" or t == "week end":
            return self._relative_period("this", "weekend", t0)
        m = _R_BARE_PERIOD.fullmatch(t)
        if m and _R_END_OF.search(t0):
            return self._relative_period("this", m.group(1), t0)
        m = _R_WHOLE_YEAR.fullmatch(t)
        if m and t0.startswith("the ") and ref is not None:
            return str(ref.year), "DATE"
        m = _R_YEAR_PERIOD.fullmatch(t)
        if m:
            if ref is not None and (m.group(2) == "quarter" or (m.group(2) == "period" and self.financial)):
                # "the 1988 quarter" in a results story: the reported quarter, in that year
                return f"{m.group(1)}-Q{_last_completed_quarter(ref)[1]}", "DATE"
            return m.group(1), "DATE"
        m = _R_RELP.fullmatch(t)
        if m:
            return self._relative_period(m.group(1), m.group(2), t0)

        m = _R_QUARTER.fullmatch(t)
        if m:
            return self._quarter(m.group(1), m.group(2), m.group(3), t0)
        m = _R_ORD_QUARTER.fullmatch(t)
        if m:
            return self._quarter(m.group(1), "quarter", None, t0)
        m = _R_HALF.fullmatch(t)
        if m:
            h = 1 if m.group(1) == "first" else 2
            y = m.group(2) or (ref.year if ref else None)
            return (f"{y}-H{h}" if y else f"XXXX-H{h}"), "DATE"

        m = _R_DECADE.fullmatch(t)
        if m:
            if m.group(1):
                return m.group(1), "DATE"
            dgt = m.group(2) or m.group(3)
            return f"19{dgt}", "DATE"
        m = _R_DECADE_WORD.fullmatch(t)
        if m:
            return f"19{DECADE_WORDS[m.group(1)]}", "DATE"
        m = _R_CENTURY.fullmatch(t)
        if m:
            n = int(m.group(1)) if m.group(1) else {"eighteenth": 18, "nineteenth": 19, "twentieth": 20,
                                                     "twenty first": 21}[m.group(2)]
            return f"{n - 1:02d}", "DATE"
        if t in ("this century", "the century") and ref:
            return f"{ref.year // 100:02d}", "DATE"

        m = _R_YEAR.fullmatch(t)
        if m:
            return m.group(1), "DATE"
        m = _R_YEAR_WORDS.fullmatch(t)
        if m:
            if "two thousand" in t or "2000" in t:
                return "2000", "DATE"
            n = parse_number(" ".join(g for g in m.groups() if g))
            if n and 0 <= n < 100:
                return f"19{int(n):02d}", "DATE"

        m = _R_AGO.fullmatch(t)
        if m:
            return self._ago(t, tense)

        m = _R_VAGUE_PERIODS.fullmatch(t)
        if m:
            unit = m.group(1)
            if t.startswith("recent") and unit == "days":
                return "PAST_REF", "DATE"
            return duration_value(None, unit), "DURATION"

        m = _R_FRACTION_DUR.fullmatch(t)
        if m:  # "2 1/2 years" -> P2Y6M: the whole units, then the fraction in the next smaller unit
            whole, frac = int(m.group(1)), {"1/2": 0.5, "1/4": 0.25, "3/4": 0.75}[m.group(2)]
            u = m.group(3).rstrip("s")
            small = {"year": ("M", 12), "month": ("D", 30), "week": ("D", 7), "day": ("H", 24), "hour": ("M", 60)}[u]
            big = duration_value(whole, u)
            part = f"{_fmt_num(round(frac * small[1]))}{small[0]}"
            if u in ("day", "hour") and "T" not in big:
                return f"{big}T{part}", "DURATION"
            return f"{big}{part}", "DURATION"
        if _R_ONE_MORE.fullmatch(t0):
            return duration_value(1, t0.rsplit(" ", 1)[1]), "DURATION"
        m = _R_DUR.fullmatch(t)
        if m:
            num = (m.group(1) or "").strip()
            unit = m.group(2) if m.lastindex and m.lastindex >= 2 else None
            unit = m.group(m.lastindex) if unit is None else unit
            if not num and not _R_VAGUE_OR_REL.search(t):
                if t.rstrip("s") in ("day", "week", "month", "year", "quarter", "hour", "minute", "decade"):
                    if t.endswith("s"):
                        return duration_value(None, t), "DURATION"
                    return None  # a bare "year" / "week" is rarely a time expression on its own
            n = parse_number(num) if num else None
            if num and n is None and num not in VAGUE:
                return None
            if n is None and _R_COUPLE_OF.search(t):
                n = 2  # "the next couple of years": two
            if not num and _R_REL_WORD.search(t) and not _R_VAGUE_WORD.search(t) and not t.endswith("s"):
                n = 1
            return duration_value(n, unit), "DURATION"
        return None

    def _movable_feast(self, name: str, rel: str | None, tense: str | None) -> tuple[str, str]:
        """Holidays whose date moves (Thanksgiving, Easter, US Election Day, ...), in the year that
        puts them nearest the article date (``last``/``next`` and the tense choose the side)."""
        ref = self.ref
        key = name.split()[0]
        if ref is None:
            return "XXXX-XX-XX", "DATE"
        dates = [(y, _feast_date(key, y)) for y in (ref.year - 1, ref.year, ref.year + 1)]
        if rel == "last" or (rel is None and tense == "past"):
            y, d = max((x for x in dates if x[1] < ref), key=lambda x: x[1])
        elif rel == "next" or (rel is None and tense == "future"):
            y, d = min((x for x in dates if x[1] >= ref), key=lambda x: x[1])
        elif rel == "this":
            y, d = dates[1]
        else:
            y, d = min(dates, key=lambda x: abs((x[1] - ref).days))
        if name.endswith("week"):
            return _week(d), "DATE"
        return d.isoformat(), "DATE"

    def _other_year_quarter(self, m: re.Match) -> tuple[str, str]:
        """A quarter of another year: the named (or the last reported) quarter, moved by the year
        word ("last year's quarter" and "the year-ago quarter" -> the year before)."""
        ref = self.ref
        assert ref is not None
        which = m.group("ord1") or m.group("ord2")
        if which in ORDINALS:
            r = self._quarter(which, "quarter", None, "")
            y, q = int(r[0][:4]), ORDINALS[which]
        else:
            y, q = _last_completed_quarter(ref)
        rel = m.group("rel")
        if rel:
            y = ref.year + {"this": 0, "last": -1, "next": 1}[rel]
        else:
            y -= 1
        return f"{y}-Q{q}", "DATE"

    def _relative_period(self, rel: str, unit: str, t0: str) -> tuple[str | None, str]:
        ref = self.ref
        off = {"this": 0, "current": 0, "same": 0, "that": 0, "last": -1, "past": -1, "previous": -1,
               "next": 1, "coming": 1, "following": 1}[rel]
        if unit in SEASONS:  # the season rule knows this/last/next; map the other words onto them
            rel = {"current": "this", "same": "this", "that": "this", "previous": "last",
                   "following": "next"}.get(rel, rel)
            return self.resolve(f"{rel} {unit}") or (None, "DATE")
        if ref is None:
            return ("PRESENT_REF" if off == 0 else ("PAST_REF" if off < 0 else "FUTURE_REF")), "DATE"
        if rel in ("same", "that"):
            return None, "DATE"
        if unit == "day":
            return (ref + dt.timedelta(days=off)).isoformat(), "DATE"
        if unit == "week":
            return _week(ref + dt.timedelta(days=7 * off)), "DATE"
        if unit == "weekend":
            d = ref + dt.timedelta(days=7 * off)
            if off == 0 and ref.weekday() < 4 and "this" not in t0:
                d = ref - dt.timedelta(days=7)  # "the weekend" early in the week: the one just past
            return _week(d) + "-WE", "DATE"
        if unit == "month":
            y, mo = _add_months(ref, off)
            return f"{y}-{mo:02d}", "DATE"
        if unit == "year":
            return str(ref.year + off), "DATE"
        if unit == "quarter":
            k = ref.year * 4 + _quarter(ref) - 1 + off
            return f"{k // 4}-Q{k % 4 + 1}", "DATE"
        if unit == "decade":
            return str(ref.year // 10 + off), "DATE"
        if unit == "century":
            return f"{ref.year // 100 + off:02d}", "DATE"
        return None, "DATE"

    def _quarter(self, which: str | None, unit: str, year: str | None, t0: str) -> tuple[str | None, str] | None:
        ref = self.ref
        if unit == "period" and which not in ("latest", "year ago", "year earlier", "same", "recent", "current"):
            return None
        ordq = ORDINALS.get(which or "")
        month_end = {"march": 1, "june": 2, "september": 3, "december": 4}.get(which or "")
        q = ordq or month_end
        if q:
            if year:
                return f"{year}-Q{q}", "DATE"
            if ref is None:
                return f"XXXX-Q{q}", "DATE"
            y = ref.year if q < _quarter(ref) or (q == _quarter(ref) and ref.month % 3 == 0) else ref.year - 1
            if q == _quarter(ref) and y != ref.year:
                y = ref.year
            return f"{y}-Q{q}", "DATE"
        if year:
            return f"{year}-QX", "DATE"
        if ref is None:
            return None
        y, q = _last_completed_quarter(ref)
        if which in ("current", "this"):
            return f"{ref.year}-Q{_quarter(ref)}", "DATE"
        if which in ("year ago", "year earlier"):
            return f"{y - 1}-Q{q}", "DATE"
        if which in ("fiscal",):
            return None
        return f"{y}-Q{q}", "DATE"

    def _ago(self, t: str, tense: str | None) -> tuple[str | None, str] | None:
        m = _R_AGO.fullmatch(t)
        assert m is not None
        unit_word, direction = m.group(m.lastindex - 1), m.group(m.lastindex)
        num = t[: m.start(m.lastindex - 1)].strip()
        n = parse_number(num) if num else None
        unit = unit_word.rstrip("s") if unit_word not in ("centuries",) else "century"
        if direction in ("earlier", "later", "before", "after", "back"):
            # anchored to another event, not the article date: keep it as a duration
            return duration_value(n if num else None, unit_word), "DURATION"
        sign = 1 if direction in ("from now", "hence") else -1
        ref = self.ref
        if n is None or ref is None:
            return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "DATE"
        n_int = int(n)
        if unit in ("second", "minute", "hour"):
            return ref.isoformat(), "DATE"
        if unit in ("day", "night"):
            return (ref + dt.timedelta(days=sign * n_int)).isoformat(), "DATE"
        if unit == "week":
            return _week(ref + dt.timedelta(days=sign * 7 * n_int)), "DATE"
        if unit == "month":
            y, mo = _add_months(ref, sign * n_int)
            return f"{y}-{mo:02d}", "DATE"
        if unit == "year":
            return str(ref.year + sign * n_int), "DATE"
        if unit == "decade":
            return str(ref.year // 10 + sign * n_int), "DATE"
        if unit == "century":
            return f"{ref.year // 100 + sign * n_int:02d}", "DATE"
        if unit == "quarter":
            k = ref.year * 4 + _quarter(ref) - 1 + sign * n_int
            return f"{k // 4}-Q{k % 4 + 1}", "DATE"
        return None


@lru_cache(maxsize=1 << 16)
def _resolve_memo(ref: dt.date | None, financial: bool, raw: str,
                  tense: str | None) -> tuple[str | None, str] | None:
    """:meth:`Resolver.resolve`, remembered: its answer depends only on these four values, and the
    same expressions come back within an article and across articles of the same day."""
    return Resolver(ref, financial)._resolve(raw, tense)


@lru_cache(maxsize=4096)
def _dateparser_value(text: str, ref_iso: str) -> str | None:
    """Ask dateparser (offline) for a day; only used for entities our rules could not read."""
    try:
        import dateparser
    except ImportError:  # pragma: no cover
        return None
    ref = dt.datetime.fromisoformat(ref_iso)
    try:
        d = dateparser.parse(text, languages=["en"], settings={
            "PREFER_DATES_FROM": "current_period", "RELATIVE_BASE": ref,
            "REQUIRE_PARTS": ["day", "month"], "STRICT_PARSING": False})
    except Exception:  # noqa: BLE001 - dateparser raises on odd input
        return None
    return d.date().isoformat() if d else None


def normalize(text: str, ref: dt.date | str | None, tense: str | None = None) -> tuple[str | None, str] | None:
    """Public helper: ``normalize("last month", "2017-11-02") -> ("2017-10", "DATE")``."""
    if isinstance(ref, str):
        ref = parse_ref_date(ref)
    return Resolver(ref).resolve(text, tense)


# ----------------------------------------------------------------------------- stage

_NOT_TIMEX = re.compile(r"(?i)(?:to|yester)day's|(?:semi-?)?annual(?:ly)?|quarterly|bi-?annual|seasonal(?:ly)?")
_FRACTION = re.compile(r"(?i)(?:about |nearly |almost |more than |less than |roughly )?(?:three[- ]quarters|"
                       r"(?:a|one) quarter|two[- ]thirds|one[- ]third)")


_OLD_AFTER = re.compile(r"[\s-]+old\b")
_UNIT_AT_END = re.compile(r"(?i)\b(?:years?|months?|weeks?|days?)$")
_OF_AFTER = re.compile(r"\s+of\b")
_QUARTER_AT_END = re.compile(r"(?i)quarter$")
_COMPOUND_AFTER = re.compile(r"-(?:century|to-)")
_RELATION_AFTER = re.compile(r"\s+(?:later|ago|earlier|before|after)\b")


def _not_a_time(text: str, s: int, e: int, span: str) -> bool:
    """Shapes that look like time expressions but are not annotated as one: an age ("52 years
    old"), a fraction ("three-quarters of its food"), half of a hyphenated compound
    ("quarter-century low"), the ordinal "a second" before a noun ("a second group") and a
    dangling "the night of"."""
    after = text[e:e + 24]
    low = span.lower()
    if _OLD_AFTER.match(after) and _UNIT_AT_END.search(span):
        return True
    if _FRACTION.fullmatch(span) and _OF_AFTER.match(after):
        return True
    if _QUARTER_AT_END.search(span) and (_COMPOUND_AFTER.match(after) or text.endswith("-to-", 0, s)):
        return True
    if low in ("a second", "the second") and not _RELATION_AFTER.match(after):
        return True
    if low.endswith(" of"):
        return True
    return False


_YEAR_ENDED = re.compile(r"\s+(?:ended|ending|that ended|to end)\b", re.I)
_AGE = re.compile(r"(?i)[- ]old\b|\baged?\b|\bage of\b")
_FINANCIAL = re.compile(r"(?i)\bquarter\b.{0,200}\b(?:net|earnings|profit|revenue|sales|income|loss)\b|"
                        r"\b(?:net|earnings|profit|revenue|sales|income|loss)\b.{0,200}\bquarter\b", re.S)
_NOT_YEAR_AFTER = re.compile(r"\s*(?:%|percent|people|troops|men|women|soldiers|dollars|tons|votes|"
                             r"members|miles|km|kilometers|feet|meters|points|shares|cars|units|trucks|"
                             r"vehicles|homes|houses|jobs|workers|refugees|police|officers|fighters|"
                             r"students|children|families|cases|deaths|barrels|acres|hectares)\b", re.I)


_ANCHORS = frozenset(
    list(MONTHS) + [m + "." for m in MONTHS] + list(WEEKDAYS) + list(SEASONS) + list(PARTS_OF_DAY)
    + list(UNITS) + [u + "s" for u in UNITS] + list(DECADE_WORDS) + list(_SET_WORDS)
    + [w for k in _REF_WORDS for w in k.split() if w not in ("the", "in", "for", "one", "at", "to", "once")]
    + ["today", "tonight", "yesterday", "tomorrow", "noon", "midnight", "a.m.", "p.m.", "am", "pm",
       "weekend", "weekends", "period", "half", "christmas", "thanksgiving", "eve", "every", "each",
       "ago", "fiscal", "year-earlier", "year-ago", "future", "lately", "formerly", "someday", "easter"]
    + list(timexrules.ANCHORS)
)
_ANCHOR_SHAPE = re.compile(r"(?:1[0-9]|20)\d\d(?:s|'s)?|'\d0s|\d0s|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d\d-\d\d|"
                           r"\d{1,2}:\d\d|\d{1,2}(?:am|pm|a\.m\.|p\.m\.)")


_ANCHOR_IDS: frozenset[int] | None = None  # the anchors' string ids, built on first use


class _DocArrays:
    """A document's token attributes read once into plain lists (string ids, char offsets,
    lengths, punctuation and trailing-space flags): cheaper than making spaCy Token objects."""

    def __init__(self, doc: "Doc"):
        from spacy.attrs import IDX, IS_PUNCT, LENGTH, LOWER, SPACY

        self.n = len(doc)
        if self.n:
            self.lower, self.idx, self.length, self.punct, self.space = \
                doc.to_array([LOWER, IDX, LENGTH, IS_PUNCT, SPACY]).T.tolist()
        else:
            self.lower = self.idx = self.length = self.punct = self.space = []

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """(first token, end token) of ``doc.char_span(start, end, alignment_mode="expand")``,
        None where that returns None (the same arithmetic, without building the Span)."""
        first = self._token_by_char(start)
        if first < 0:
            return None
        last = self._token_by_char(end - 1)
        if last < 0:
            return None
        if start == self.idx[first] + self.length[first]:
            first += 1  # the trailing whitespace is no part of the token before it
        return first, last + 1

    def _token_by_char(self, char: int) -> int:
        """The token whose text or trailing whitespace holds char offset ``char``, or -1."""
        i = bisect_right(self.idx, char) - 1
        if i < 0 or char >= self.idx[i] + self.length[i] + self.space[i]:
            return -1
        return i


def _windows(doc: "Doc", before: int = 5, after: int = 4, text: str | None = None,
             arrays: _DocArrays | None = None) -> list[tuple[int, int, list[int]]]:
    """Char ranges around tokens that can anchor a time expression, merged when they overlap, each
    with the char offsets of its tokens where a pattern may start (not punctuation, not "'s").
    Works on the token arrays (string ids, offsets, lengths) rather than Token objects: this runs
    over every token of every article."""
    global _ANCHOR_IDS
    from spacy.strings import get_string_id

    if _ANCHOR_IDS is None:
        _ANCHOR_IDS = frozenset(get_string_id(w) for w in _ANCHORS)
    if text is None:
        text = doc.text  # rebuilt from the tokens: pass the text when you have it
    if arrays is None:
        arrays = _DocArrays(doc)
    n = arrays.n
    if n == 0:
        return []
    lower, idx, length, punct = arrays.lower, arrays.idx, arrays.length, arrays.punct
    anchor_ids = _ANCHOR_IDS
    anchors = {i for i, w in enumerate(lower) if w in anchor_ids}
    shape = _ANCHOR_SHAPE.fullmatch
    for i, start in enumerate(idx):  # year, decade, date and clock shapes
        c = text[start]
        if (c.isdigit() or (c == "'" and length[i] > 1 and text[start + 1].isdigit())) \
                and shape(text[start:start + length[i]].lower()):
            anchors.add(i)
    spans: list[list[int]] = []  # merged token ranges [first, last]
    for i in sorted(anchors):
        a, b = max(0, i - before), min(n - 1, i + after)
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    clitic = get_string_id("'s")
    out = []
    for a, b in spans:
        starts = [idx[k] for k in range(a, b + 1)
                  if lower[k] != clitic and not (punct[k] and text[idx[k]] != "'")]
        out.append((idx[a], idx[b] + length[b], starts))
    return out


_RANGE = re.compile(r"(?i)(?:(?:between|from) )?(?P<a>.+?)\s*(?:\band\b|\bto\b|\bthrough\b|\buntil\b|-|\u2013)\s*(?P<b>.+)")
_CAL_VALUE = re.compile(r"(?:\d{4}|\d{4}-(?:\d\d|W\d\d|Q\d|H\d)|\d{4}-\d\d-\d\d|\d{4}-\d\d-\d\dT.*)")
_DAY_NUMBER = re.compile(r"\d{1,2}")


def _split_range(text: str, s: int, e: int, resolver: "Resolver") -> list[tuple[int, int, str | None]] | None:
    """A range entity ("between 1985 and 1987", "Oct. 3 to Friday", "May 6 and 7") holds two
    time expressions in TIMEX3 (one for each end, the connective in neither): their spans, when both
    ends name a calendar date on their own ("25" after "April 24 and" takes the month before it)."""
    m = _RANGE.fullmatch(text, s, e)
    if m is None:
        return None
    a_s, a_e, b_s, b_e = m.start("a"), m.end("a"), m.start("b"), m.end("b")
    ra = resolver.resolve(text[a_s:a_e])
    if not ra or not ra[0] or not _CAL_VALUE.fullmatch(ra[0]):
        return None
    b_text = text[b_s:b_e]
    if _DAY_NUMBER.fullmatch(b_text) and _R_DAY_VALUE.fullmatch(ra[0]):
        day = int(b_text)
        try:
            dt.date(int(ra[0][:4]), int(ra[0][5:7]), day)
        except ValueError:
            return None
        return [(a_s, a_e, None), (b_s, b_e, f"day:{a_s}:{day}")]
    rb = resolver.resolve(b_text.rstrip("'s").rstrip("\u2019s"))
    if not rb or not rb[0] or not _CAL_VALUE.fullmatch(rb[0]):
        return None
    return [(a_s, a_e, None), (b_s, b_e, None)]


# patterns of TimeStage.process (compiled once: they run for every candidate)
_KEEP_FINAL_DOT = re.compile(r"(?:a\.m|p\.m|\b[A-Z][a-z]{2,3})\.$")
_BOTH = re.compile(r"(?i)(?:both|either) (?=\S)")
_DANGLING = re.compile(r"\s+(?:and|or|to)$")
_LEAD_PREP = re.compile(r"(?i)(?:on|at|until|in|by|since|through|from|of|to) ")
_NUMBER = re.compile(r"[\d.,]+")
_YEAR = re.compile(r"(?:1[0-9]|20)\d\d")
_TENSED_WORD = re.compile(r"(?i)(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
                          r"march|april|may|june|july|august|september|october|november|december|jan|feb|"
                          r"aug|sept|oct|nov|dec|spring|summer|fall|autumn|winter|christmas|soon)")
# the same for lower-case ASCII text, where ignoring case changes nothing but costs five times as much
_TENSED_WORD_ASCII = re.compile(_TENSED_WORD.pattern.removeprefix("(?i)"))
_RANGE_SPLIT = re.compile(r"(?i)\s(?:and|or|to|through|until)\s|\s?[-\u2013]\s?(?=\d)")
_DIGIT_OR_MONTH = re.compile(r"\d|" + _MONTH_RX)
_NUMBERS = re.compile(r"[\d\s,.]+")
_FOUR_DIGITS = re.compile(r"\d{4}")
_BARE_WEEK = re.compile(r"(?i)(?:the )?week(?:'s)?(?: following)?")
_QUARTER_VALUE = re.compile(r"\d{4}-Q\d")
_YEAR_AGO_WORDS = re.compile(r"(?i)year[- ](?:earlier|ago)")
_LONGER_SPAN = re.compile(r"(?i)\b(?:nine|six) months|first half|year to date|for the year\b")
_QUARTER_WORD = re.compile(r"(?i)quarter")
_YEAR_AT_END = re.compile(r"(?i)\byear$")
_AVERAGE_BEFORE = re.compile(r"(?i)\baverage\s+$")


class TimeStage:
    name = "times.v1"
    requires = ("doc",)
    produces = ("times",)

    def process(self, adoc: AnnotatedDoc) -> None:
        doc = adoc.doc
        text = adoc.text
        ref = parse_ref_date(adoc.article.date)
        # both branches of _FINANCIAL need "quarter": looking for it alone first spares most articles
        resolver = Resolver(ref, financial=bool(_QUARTER_WORD.search(text) and _FINANCIAL.search(text)))
        cands: list[tuple[int, int, int]] = []  # (start, end, source: 0 entity, 1 pattern)
        fixed: dict[tuple[int, int], str] = {}  # spans whose value a range gave them ("and 25")
        for ent in adoc.ents:
            if ent.label_ in ("DATE", "TIME"):
                s, e = ent.start_char, ent.end_char
                # trim trailing possessive / punctuation spaCy sometimes includes
                while e > s and text[e - 1] in ".,;:)\"'":
                    if text[e - 1] == "." and _KEEP_FINAL_DOT.search(text[s:e]):
                        break
                    e -= 1
                both = _BOTH.match(text[s:e])
                if both:  # "in both 1990 and 1991": the determiner is no part of the range
                    s += both.end()
                dangling = _DANGLING.search(text[s:e])
                if dangling:  # an entity cut inside a coordination: "both 1990 and" | "1991"
                    e = s + dangling.start()
                if e > s:
                    parts = _split_range(text, s, e, resolver)
                    if parts:
                        for ps, pe, pv in parts:
                            cands.append((ps, pe, 0))
                            if pv:
                                fixed[(ps, pe)] = pv
                    else:
                        cands.append((s, e, 0))
        # run the patterns only in small windows around anchor words (months, units, "now", ...)
        guard = timexrules.GUARD.search
        arrays = _DocArrays(doc)
        for ws, we, starts in _windows(doc, text=text, arrays=arrays):
            chunk = text[ws:we]
            table = _COMBINED_BY_FIRST if guard(chunk.lower()) else _MAIN_BY_FIRST
            rest = table[""]
            for start in starts:
                pos = start - ws
                m = table.get(chunk[pos], rest).match(chunk, pos)
                if m is not None and m.end() > pos:
                    cands.append((ws + pos, ws + m.end(), 1))
        if not cands:
            return
        results = []
        seen: set[tuple[int, int]] = set()
        for s, e, src in cands:
            if (s, e) in seen:
                continue
            seen.add((s, e))
            span_text = text[s:e]
            # drop a leading "the"-less preposition the patterns allow ("at", "on", "until")
            lead = _LEAD_PREP.match(span_text)
            if lead and src == 1:
                s += lead.end()
                span_text = text[s:e]
            if (s, e) in fixed:
                continue  # the second end of a range; read after its first end
            if _AGE.search(span_text) or _NOT_TIMEX.fullmatch(span_text) or _not_a_time(text, s, e, span_text):
                continue  # ages ("a 6-year-old boy") and possessive "today's" are not annotated
            if src == 0 and (_NUMBER.fullmatch(span_text.strip()) or "%" in span_text):
                if not _YEAR.fullmatch(span_text.strip()):
                    continue
            if _YEAR.fullmatch(span_text) and _NOT_YEAR_AFTER.match(text, e):
                continue
            tense = None
            low = span_text.lower()
            if (_TENSED_WORD_ASCII if low.isascii() else _TENSED_WORD).search(low):
                tense = clause_tense(doc, s, e)
            r = resolver.resolve(span_text, tense)
            if r is None and src == 0:
                first = _RANGE_SPLIT.split(span_text)[0]
                if first != span_text:
                    r = resolver.resolve(first, tense)
            if r is None and src == 0 and ref is not None and _DIGIT_OR_MONTH.search(low) \
                    and not _NUMBERS.fullmatch(low):
                v = _dateparser_value(span_text, ref.isoformat())
                if v and not _FOUR_DIGITS.search(span_text) and abs(int(v[:4]) - ref.year) > 1:
                    v = None
                if v:
                    r = (v, "DATE")
            if r is None and src == 1:
                continue
            if r is None and src == 0 and ref is not None \
                    and _BARE_WEEK.fullmatch(span_text):
                r = (f"{ref.year}-WXX", "DATE")  # "the week", "the week's": a week the text does not pin
            if r is None and src == 0 and (_NO_TIME_WORD(span_text) or _POSS_YEAR.search(span_text)):
                continue  # "Olympic", "as little as 5 cents", "his year", "the bank's year": not times
            value, typ = r if r is not None else (None, "DATE")
            if value and _QUARTER_VALUE.fullmatch(value) and _YEAR_AGO_WORDS.search(span_text):
                sent = doc.char_span(s, e, alignment_mode="expand")
                st = sent.sent.text if sent is not None else ""
                if _LONGER_SPAN.search(st) and not _QUARTER_WORD.search(st):
                    value = value[:4]  # compared over a span of months, not one quarter: the year
            if value and _FOUR_DIGITS.fullmatch(value) and _YEAR_AT_END.search(span_text) \
                    and _YEAR_ENDED.match(text, e):
                value, typ = "P1Y", "DURATION"  # "the year ended June 30": a year-long period
            ctx = timexrules.in_context(text, s, e, value, typ, ref, tense, resolver)
            if ctx is not None:
                if ctx[0] == "DROP":
                    continue  # a dateline's date, "soon" in a past clause
                value, typ = ctx
            results.append((s, e, value, typ, src))
        for (s, e), how in fixed.items():  # "April 24 and 25": the day in the first end's month
            _, a_s, day = how.split(":")
            first = next((r for r in results if r[0] == int(a_s) and r[2]), None)
            if first is not None and _R_DAY_VALUE.match(first[2]):
                try:
                    v = dt.date(int(first[2][:4]), int(first[2][5:7]), int(day)).isoformat()
                except ValueError:
                    continue
                results.append((s, e, v, "DATE", 0))
        # one expression per overlap cluster: prefer a normalised one, then the longer one
        results.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        chosen: list[tuple[int, int, str | None, str, int]] = []
        for r in sorted(results, key=lambda x: (x[2] is None, -(x[1] - x[0]), x[4])):
            if any(r[0] < c[1] and c[0] < r[1] for c in chosen):
                continue
            chosen.append(r)
        chosen.sort()
        chosen = _resolve_anaphora(chosen, text, ref)
        chosen = _resolve_quarter_anaphora(chosen, text, resolver.financial)
        # "average daily volume": a rate word qualifying an averaged amount is not a time expression
        chosen = [c for c in chosen if not (_RATE_WORD.fullmatch(text[c[0]:c[1]])
                                            and _AVERAGE_BEFORE.search(text[max(0, c[0] - 12):c[0]]))]
        token_map = adoc.extras.setdefault("time_tokens", [])
        for s, e, value, typ, _src in chosen:
            os_, oe, otext = adoc.orig(s, e)
            tx = TimeExpr(os_, oe, otext, value, typ)
            adoc.times.append(tx)
            tokens = arrays.token_range(s, e)  # doc.char_span(s, e, alignment_mode="expand")
            if tokens is not None:
                token_map.append((tokens[0], tokens[1], tx))


_TIME_WORD = re.compile(
    r"(?i)\b(?:(?:1[5-9]|20)\d\d|\d+s|\d{1,2}:\d\d|\d+(?:st|nd|rd|th)|seconds?|minutes?|hours?|days?|"
    r"nights?|weeks?|weekends?|months?|years?|decades?|century|centuries|quarters?|periods?|seasons?|"
    r"spring|summer|fall|autumn|winter|morning|afternoon|evening|noon|midnight|midday|dawn|dusk|"
    r"today|tonight|tomorrow|yesterday|now|date|time|era|age|ago|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas|easter|" + _MONTH_RX[1:-4] + r")")


def _NO_TIME_WORD(span: str) -> bool:
    """True for an unresolved span with no time word in it (a name spaCy tagged DATE)."""
    return _TIME_WORD.search(span) is None


_POSS_YEAR = re.compile(r"(?i)^(?:(?:his|her|its|their|our|my|your) year|year)$")

_RATE_WORD = re.compile(r"(?i)daily|weekly|monthly|yearly|hourly|nightly")

_ANAPHORIC = re.compile(r"(?i)(?:(?:earlier|later|early|late) (?:in )?)?(?:that|the same|the following|the next|"
                        r"the previous|the preceding) (day|month|year)")


_THE_DAY = re.compile(r"(?i)the day")
_COMMA = re.compile(r",\s*")
_MONTH_VALUE = re.compile(r"\d{4}-\d\d")
_CALENDAR_VALUE = re.compile(r"\d{4}(?:$|-\d\d)")


def _resolve_anaphora(chosen: list, text: str, ref: dt.date | None) -> list:
    """"that year", "the following year", "earlier that day": anaphoric expressions take their
    value from the last calendar expression named before them (TIMEX3 anchoring), not from the
    article date; with none before them they keep the article-date reading."""
    out = []
    last: str | None = None  # the last value that names a calendar year/month/day
    for item in chosen:
        s, e, value, typ, src = item
        m = _ANAPHORIC.fullmatch(text[s:e].strip())
        prev = out[-1] if out else None
        if prev is not None and prev[2] and _R_DAY_VALUE.fullmatch(prev[2]) \
                and _THE_DAY.fullmatch(text[s:e].strip()) and _COMMA.fullmatch(text[prev[1]:s]):
            item = (s, e, prev[2], "DATE", src)  # "Oct. 12, the day before the crash": the same day
        elif m and last is not None:
            unit = m.group(1).lower()
            low = text[s:e].lower()
            off = 1 if ("following" in low or "next" in low) else (-1 if ("previous" in low or "preceding" in low) else 0)
            y = int(last[:4])
            mo = int(last[5:7]) if _MONTH_VALUE.match(last) else None
            d = dt.date.fromisoformat(last[:10]) if _R_DAY_VALUE.match(last) else None
            if unit == "year":
                value = str(y + off)
            elif unit == "month" and mo:
                k = y * 12 + mo - 1 + off
                value = f"{k // 12}-{k % 12 + 1:02d}"
            elif unit == "day" and d:
                value = (d + dt.timedelta(days=off)).isoformat()
            typ = "DATE"
            item = (s, e, value, typ, src)
            last = value if value and _FOUR_DIGITS.match(value) else last
        elif value and _CALENDAR_VALUE.match(value) and typ in ("DATE", "TIME"):
            last = value
        out.append(item)
    return out


_NAMED_QUARTER = re.compile(r"(?i)\b(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\b")
_OTHER_YEAR = re.compile(r"(?i)year[- ](?:ago|earlier)|\b(?:last|next) year|\ba year\b|\b(?:19|20)\d\d\b")
_QUARTER_ANAPHOR = re.compile(r"(?i)(?:the|that|the same)\s+quarter")


_THIS_QUARTER = re.compile(r"(?i)this\s+quarter")


def _resolve_quarter_anaphora(chosen: list, text: str, financial: bool) -> list:
    """"the quarter", "that quarter" (and, in a results story, "this quarter") refer back to the
    quarter the story last named ("its fiscal first quarter ended Sept. 30 ... in the quarter"):
    they take its value (TIMEX3 anchoring), not the last calendar quarter's."""
    out = []
    last: str | None = None
    for item in chosen:
        s, e, value, typ, src = item
        span = text[s:e].strip()
        if value and _QUARTER_VALUE.fullmatch(value) and _NAMED_QUARTER.search(span) \
                and not _OTHER_YEAR.search(span):
            last = value
        elif last and value and _QUARTER_VALUE.fullmatch(value) and (
                _QUARTER_ANAPHOR.fullmatch(span) or (financial and _THIS_QUARTER.fullmatch(span))):
            item = (s, e, last, "DATE", src)
        out.append(item)
    return out


_TIME_PREPS = frozenset({"on", "in", "at", "during", "since", "until", "by", "before", "after", "from",
                         "through", "throughout", "over", "within", "earlier", "later"})


def time_for_clause(adoc: AnnotatedDoc, token_i: int) -> TimeExpr | None:
    """The time expression attached to the clause of verb token ``token_i``, read off the parse:
    a DATE/TIME phrase that is a bare modifier of the verb ("met Tuesday": npadvmod/tmod), the
    object of a temporal preposition under it ("on Tuesday", "in March"), or an adverb like
    "yesterday". Expressions inside another clause (a relative clause, a noun's modifier) do not
    count. Needs :class:`TimeStage` to have run on ``adoc`` (it records token spans in
    ``adoc.extras["time_tokens"]``)."""
    spans = adoc.extras.get("time_tokens") or []
    if not spans:
        return None
    best: tuple[int, TimeExpr] | None = None
    for root_i, verbs, tx in _clause_links(adoc):
        if token_i in verbs:
            dist = abs(root_i - token_i)
            if best is None or dist < best[0]:
                best = (dist, tx)
    return best[1] if best else None


def _clause_links(adoc: AnnotatedDoc) -> list[tuple[int, frozenset[int], TimeExpr]]:
    """Per recorded time span, the verbs whose clause it belongs to by :func:`time_for_clause`'s
    rules: (root token, those verbs' token indices, expression). Computed once per document (the
    parse does not change between events, and every event asks)."""
    roots = span_roots(adoc, "time_tokens")
    cached = adoc.extras.get("_times_clause_links")
    if cached is not None and cached[0] is roots:
        return cached[1]
    doc = adoc.doc
    links = []
    for start, end, tx, root in roots:
        head = root.head
        verbs = set()
        if root.dep_ in ("npadvmod", "tmod", "advmod", "obl", "nmod:tmod"):
            verbs.add(head.i)  # "met Tuesday"
        if root.dep_ == "pobj" and head.lower_ in _TIME_PREPS:
            verbs.add(head.head.i)  # "met on Tuesday"
            if head.head.dep_ == "prep":
                verbs.add(head.head.head.i)  # "met early on Tuesday"
        if root.dep_ == "prep" and any(doc[k].ent_type_ in ("DATE", "TIME") for k in range(start, end)):
            verbs.add(head.i)
        links.append((root.i, frozenset(verbs), tx))
    adoc.extras["_times_clause_links"] = (roots, links)
    return links
