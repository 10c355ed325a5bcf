"""More TIMEX3 rules for the time stage: shapes its main patterns (:mod:`.patterns`) miss and
conventions its main resolver (:mod:`.resolver`) does not know.

* candidate patterns (:data:`PATTERNS`), tried before the main ones where a token starts;
* :func:`resolve`, asked before the main resolver with the cleaned, lower-cased expression;
* :func:`in_context`, which reads the words around an expression ("will one day", a dateline).

Values follow the TimeML/TIMEX3 guidelines: disjunctions take their first member ("weeks or
months" -> ``PXW``), a half or two quarters of a year are ``H1``/``H2``, a half of a decade is the
decade, plural weekdays, months and seasons are sets (``XXXX-WXX-2``, ``XXXX-07``, ``XXXX-SU``),
spoken years are years ("nineteen ninety-four").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Protocol

from newsevents.stages.times.values import duration_value, format_number, iso_week, parse_number


class SupportsResolve(Protocol):
    """What :func:`resolve` and :func:`in_context` ask of the value resolver
    (:class:`~newsevents.stages.times.resolver.TimeResolver`): the value of another expression."""

    def resolve(self, raw: str, tense: str | None = None) -> tuple[str | None, str] | None: ...


_MONTH_NAMES = (r"January|February|March|April|May|June|July|August|September|October|November|December|"
                r"Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
        r"seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
        r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|\d+|a couple of|a few|a|an|few|several)")
_UNITS = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?)"
_PLURAL_UNITS = r"(?:seconds|minutes|hours|days|weeks|months|years|decades)"
_SPOKEN_YEAR = (r"(?:nineteen|twenty)[- ](?:hundred|oh[- ]\w+|(?:ten|eleven|twelve|thirteen|fourteen|fifteen|"
                r"sixteen|seventeen|eighteen|nineteen)|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                r"ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)|"
                r"two thousand(?:(?: and)? (?:one|two|three|four|five|six|seven|eight|nine|ten))?")

_ORDINAL_WORD = (r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
                 r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
                 r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
                 r"thirtieth)")
_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split())}
_ORDINALS["thirtieth"] = 30

# Candidate patterns. Month and weekday names must be capitalised (as in patterns.PATTERNS).
PATTERNS = [
    # "two more weeks", "at least 20 more years", "three additional months"
    rf"(?i:(?:at least |another |only |just )?{_NUM} (?:more|additional|extra|further) {_UNITS})\b",
    # "two and a half years", "a minute and a half", "an hour-and-a-half"
    rf"(?i:(?:about |nearly |almost |more than |some )?{_NUM}(?: and a half|-and-a-half) {_UNITS})\b",
    rf"(?i:(?:about |nearly |almost |more than |some )?(?:a|an|one) {_UNITS}(?: and a half|-and-a-half))\b",
    # "5 1/2 hours", "about 2 1/2 years"
    rf"(?i:(?:about |nearly |almost |more than |some |roughly )?\d+ (?:1/2|1/4|3/4) {_UNITS})\b",
    # "eight trading days", "ten business days"
    rf"(?i:{_NUM}[- ](?:trading|business|working|calendar|school) days?)\b",
    # "the weeks ahead", "the months to come"
    rf"(?i:the (?:coming )?{_PLURAL_UNITS} (?:ahead|to come))\b",
    # "weeks or months", "days or weeks"
    rf"(?i:{_PLURAL_UNITS} or {_PLURAL_UNITS})\b",
    # "the week of March 6"
    rf"(?i:the week of )(?:{_MONTH_NAMES}) \d{{1,2}}\b",
    # spoken years: "January nineteen ninety-seven", "the winter of nineteen ninety-four"
    rf"(?:(?:{_MONTH_NAMES})\s|(?i:(?:the )?(?:spring|summer|fall|autumn|winter),? (?:of )?))?(?i:{_SPOKEN_YEAR})\b"
    r"(?!\s+[a-z]+s\b)",  # not "two thousand years", "nineteen ninety people"
    # sets: "each July", "every March", "Mondays", "Tuesday nights", "the past three summers"
    rf"(?i:each|every) (?:{_MONTH_NAMES})\b",
    rf"{_WEEKDAY}s\b(?: (?i:mornings|afternoons|evenings|nights))?",
    rf"{_WEEKDAY} (?i:mornings|afternoons|evenings|nights)\b",
    rf"(?i:(?:the )?(?:past|last|next|coming|previous) (?:{_NUM} )?(?:springs|summers|autumns|winters))\b",
    # "the first two quarters of 1990", "the last half of the '80s"
    r"(?i:(?:the )?(?:first|last|final|second) two quarters of (?:19|20)\d\d)\b",
    r"(?i:(?:the )?(?:first|second|last|latter) half of (?:the )?(?:'\d0s|(?:1[0-9]|20)\d0'?s))",
    # "mid-afternoon yesterday", "early morning Tuesday"
    rf"(?i:(?:early |late |mid-)?(?:morning|afternoon|evening|night) (?:yesterday|today|tomorrow|{_WEEKDAY}))\b",
    # day numbers spelled as ordinals: "March eighth", "Sunday, March eighth", "the 8th of March"
    rf"(?:(?i:this coming |this |next |last )?{_WEEKDAY},? )?(?:{_MONTH_NAMES}) (?i:{_ORDINAL_WORD})\b",
    rf"(?i:the )?(?i:{_ORDINAL_WORD}) (?i:of) (?:{_MONTH_NAMES})(?:,? \d{{4}})?\b",
    # years in a list after a year: "in 1994, 1995 and 1997"
    r"(?<=\d\d\d\d, )(?:19|20)\d\d\b(?![-.,]\d)",
    r"(?:(?<=\d\d\d\d and )|(?<=\d\d\d\d, and ))(?:19|20)\d\d\b(?![-.,]\d)",
    # adjectival spans: "a day-long meeting", "a decades-long feud"
    r"(?i:(?:hour|day|week|month|year|decade)s?-long)\b",
    # "in the near term", "over the long term" (not the adjective "long-term")
    r"(?i:(?<=in )|(?<=over )|(?<=for )|(?<=during )|(?<=within )|(?<=of ))(?i:the (?:near|short|long|medium) term)"
    r"\b(?![-\w]|\s+(?:framework|ratings?|plans?|goals?|outlook|strategy|interests?|debts?|loans?|view|"
    r"growth|contracts?|care|memory|effects?|solutions?|basis|investors?|trends?|prospects?|targets?)\b)",
    # "for a while"
    r"(?<=for )(?i:a while)\b",
    # "a week or so ago"
    rf"(?i:{_NUM} {_UNITS} or so ago)\b",
    # "a later date", "an earlier date"
    r"(?i:(?:a|some) (?:later|future|earlier|previous) (?:date|time|stage))\b",
    # "soon" as a time adverb (not "as soon as", "soon after", "sooner")
    r"(?<!as )(?<!too )(?i:soon)\b(?! (?:as|after|before|thereafter)\b)",
]

# Every pattern above needs one of these somewhere in it: the time stage tries the patterns above
# only in a window where this finds something (most windows hold none, and matching is the costly
# part). Search LOWER-CASED text with it (a case-insensitive search is three times slower).
_G_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?)"
_G_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
GUARD = re.compile(
    rf"\b(?:(?:more|additional|extra|further) {_G_UNIT}|(?:trading|business|working|calendar|school)[- ]days?|"
    rf"{_G_UNIT} (?:ahead|to come)|{_G_UNIT} or|week of|and a half|\d (?:1/2|1/4|3/4) {_G_UNIT}|-and-a-half|half of|nineteen|twenty|"
    r"two thousand|two quarters|springs|summers|autumns|winters|mornings|afternoons|evenings|nights|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)days|(?:near|short|long|medium) term|a while|or so ago|soon|"
    rf"(?:each|every) {_G_MONTH}|(?:later|future|earlier|previous) (?:date|time|stage)|"
    r"(?:morning|afternoon|evening|night) (?:yesterday|today|tomorrow|[a-z]+day)|"
    rf"{_G_MONTH}\.? (?:(?:twenty|thirty)[- ])?{_ORDINAL_WORD}|{_ORDINAL_WORD} of)\b|-long\b|"
    r"\d{4},? (?:and )?(?:19|20)\d\d")

# words that make the time stage look for a candidate around them
# (not words as common as "more" or "business": "two more weeks" and "eight trading days" are found
# through their unit, which is an anchor already)
ANCHORS = frozenset({
    "nineteen", "springs", "summers", "autumns", "winters", "mondays", "tuesdays", "wednesdays", "thursdays",
    "fridays", "saturdays", "sundays", "mornings", "afternoons", "evenings", "nights", "date", "soon",
    "day-long", "week-long", "month-long", "year-long", "decade-long", "years-long", "decades-long",
    "months-long", "weeks-long", "days-long", "hour-long", "hours-long", "term", "while",
})

_MONTHS = {"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "may": 5, "june": 6,
           "july": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "october": 10, "oct": 10,
           "november": 11, "nov": 11, "december": 12, "dec": 12}
_WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
_POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}

_R_SPOKEN = re.compile(r"\b(nineteen|twenty) (hundred|oh \w+|\w+(?: \w+)?)$|\btwo thousand(?: and)?(?: (\w+))?$")
_R_MORE = re.compile(rf"(.*?)\b(?:more|additional|extra|further) ({_UNITS})")
_R_AND_HALF = re.compile(rf"(?:(?:about|nearly|almost|more than|some) )?(.+?) (?:and a half ({_UNITS})|"
                         rf"({_UNITS}) and a half)(?: (?:later|earlier|before|after))?")
_SMALLER = {"year": ("M", 12, False), "month": ("D", 30, False), "week": ("D", 7, False),
            "day": ("H", 24, True), "night": ("H", 24, True), "hour": ("M", 60, True),
            "minute": ("S", 60, True), "decade": ("Y", 10, False)}
_R_QUALIFIED_DAYS = re.compile(rf"(.+?) (?:trading|business|working|calendar|school) (days?)")
_R_AHEAD = re.compile(rf"the (?:coming )?({_PLURAL_UNITS}) (?:ahead|to come)")
_R_OR = re.compile(rf"({_PLURAL_UNITS}) or {_PLURAL_UNITS}")
_R_WEEK_OF = re.compile(r"the week of (.+)")
_R_EACH_MONTH = re.compile(r"(?:each|every) (\w+)\.?")
_R_WEEKDAYS = re.compile(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(s?)"
                         r"(?: (morning|afternoon|evening|night)(s?))?")
_R_SEASONS = re.compile(r"(?:the )?(?:past|last|next|coming|previous) (?:.+ )?(spring|summer|autumn|winter)s")
_R_TWO_QUARTERS = re.compile(r"(?:the )?(first|last|final|second) two quarters of (\d{4})")
_R_HALF_DECADE = re.compile(r"(?:the )?(?:first|second|last|latter) half of (?:the )?(?:'(\d)0s|(\d{3})0'?s)")
_R_POD_DAY = re.compile(r"(?:early |late |mid )?(morning|afternoon|evening|night) (yesterday|today|tomorrow|"
                        r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)")
_R_VAGUE_DATE = re.compile(r"(?:a|some) (later|future|earlier|previous) (?:date|time|stage)")


_R_ORDINAL_DAY = re.compile(
    r"(?:(?:this coming |this |next |last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),? )?"
    r"(?P<m1>[a-z]+\.?) (?P<o1>(?:twenty |thirty )?[a-z]+)|"
    r"(?:the )?(?P<o2>(?:twenty |thirty )?[a-z]+) of (?P<m2>[a-z]+\.?)(?:,? (?P<y>\d{4}))?")
_R_LONG = re.compile(r"(?:(?:a|an|the) )?(hour|day|week|month|year|decade)(s?)-long")


def ordinal_word(words: str) -> int | None:
    """"eighth" -> 8, "twenty-first" -> 21, "thirtieth" -> 30; None for other words."""
    w = words.replace("-", " ").split()
    if len(w) == 1:
        return _ORDINALS.get(w[0])
    if len(w) == 2 and w[0] in ("twenty", "thirty") and w[1] in _ORDINALS and _ORDINALS[w[1]] < 10:
        return _TENS[w[0]] + _ORDINALS[w[1]]
    return None


def spoken_year(words: str) -> int | None:
    """"nineteen ninety-four" -> 1994, "nineteen oh five" -> 1905, "two thousand and one" -> 2001."""
    w = re.sub(r"[\s-]+", " ", words.lower()).strip()
    m = re.fullmatch(r"two thousand(?: and)?(?: (\w+))?", w)
    if m:
        rest = m.group(1)
        return 2000 + (_ONES.get(rest, -1) if rest else 0) if (rest is None or rest in _ONES) else None
    m = re.fullmatch(r"(nineteen|twenty) (.+)", w)
    if not m:
        return None
    century = 1900 if m.group(1) == "nineteen" else 2000
    rest = m.group(2)
    if rest == "hundred":
        return century
    m2 = re.fullmatch(r"oh (\w+)", rest)
    if m2:
        return century + _ONES[m2.group(1)] if m2.group(1) in _ONES and _ONES[m2.group(1)] < 10 else None
    if rest in _TEENS:
        return century + _TEENS[rest]
    parts = rest.split()
    if parts and parts[0] in _TENS and (len(parts) == 1 or (len(parts) == 2 and parts[1] in _ONES
                                                             and _ONES[parts[1]] < 10)):
        return century + _TENS[parts[0]] + (_ONES[parts[1]] if len(parts) == 2 else 0)
    return None


def resolve(t0: str, resolver: "SupportsResolve", tense: str | None) -> tuple[str | None, str] | None:
    """(value, type) for the shapes this module knows, else None. ``t0`` is the cleaned text
    (lower case, single spaces, curly quotes straightened)."""
    if GUARD.search(t0) is None:
        return None  # none of the shapes below can match: most expressions stop here
    t = t0.replace("-", " ")
    m = _R_SPOKEN.search(t)
    if m:
        y = spoken_year(m.group(0))
        if y is not None:
            head = t[:m.start()].strip(" ,")
            if not head or head in ("the year", "in", "of"):
                return str(y), "DATE"
            head = re.sub(r",? of$", "", head)
            r = resolver.resolve(f"{head} {y}", tense)
            if r and r[0]:
                return r
    m = _R_ORDINAL_DAY.fullmatch(t)
    if m:
        day = ordinal_word(m.group("o1") or m.group("o2"))
        month = (m.group("m1") or m.group("m2")).rstrip(".")
        if day is not None and month in _MONTHS:
            year = f", {m.group('y')}" if m.group("y") else ""
            return resolver.resolve(f"{month} {day}{year}", tense)
    m = _R_LONG.fullmatch(t0)
    if m:
        return duration_value(None if m.group(2) else 1, m.group(1)), "DURATION"
    m = _R_MORE.fullmatch(t)
    if m and m.group(1).strip():
        return resolver.resolve(f"{m.group(1).strip()} {m.group(2)}", tense)
    m = _R_AND_HALF.fullmatch(t)
    if m:
        num = re.sub(r"^(?:about|nearly|almost|more than|some) ", "", m.group(1).strip())
        unit = (m.group(2) or m.group(3)).rstrip("s")
        n = parse_number(num)
        if n is not None and float(n).is_integer() and unit in _SMALLER:
            # the whole units, then the half in the next smaller unit: P2Y6M, PT1M30S
            whole = duration_value(n, unit)
            letter, k, clock = _SMALLER[unit]
            if unit == "decade":
                return duration_value(n * 10 + 5, "year"), "DURATION"
            half = f"{format_number(k / 2)}{letter}"
            if clock and "T" not in whole:
                half = "T" + half
            return (whole + half if n else ("PT" if clock else "P") + half), "DURATION"
    m = _R_QUALIFIED_DAYS.fullmatch(t)
    if m:
        n = parse_number(m.group(1))
        if n is not None or m.group(1) in ("a few", "few", "several", "many", "some"):
            return duration_value(n, "day"), "DURATION"
    m = _R_AHEAD.fullmatch(t) or _R_OR.fullmatch(t)
    if m:
        return duration_value(None, m.group(1)), "DURATION"
    m = _R_WEEK_OF.fullmatch(t)
    if m:
        r = resolver.resolve(m.group(1), tense)
        if r and r[0] and re.fullmatch(r"\d{4}-\d\d-\d\d", r[0]):
            return iso_week(dt.date.fromisoformat(r[0])), "DATE"
    m = _R_EACH_MONTH.fullmatch(t)
    if m and m.group(1) in _MONTHS:
        return f"XXXX-{_MONTHS[m.group(1)]:02d}", "SET"
    m = _R_WEEKDAYS.fullmatch(t)
    if m and (m.group(2) or m.group(4)):  # a plural: every such day (or part of it)
        pod = f"T{_POD[m.group(3)]}" if m.group(3) else ""
        return f"XXXX-WXX-{_WEEKDAYS[m.group(1)]}{pod}", "SET"
    m = _R_SEASONS.fullmatch(t)
    if m:
        return f"XXXX-{_SEASONS[m.group(1)]}", "SET"
    m = _R_TWO_QUARTERS.fullmatch(t)
    if m:
        return f"{m.group(2)}-H{1 if m.group(1) == 'first' else 2}", "DATE"
    m = _R_HALF_DECADE.fullmatch(t)
    if m:
        return (f"19{m.group(1)}" if m.group(1) else m.group(2)), "DATE"
    m = _R_POD_DAY.fullmatch(t)
    if m:
        return resolver.resolve(f"{m.group(2)} {m.group(1)}", tense)
    m = re.fullmatch(r"the (near|short|long|medium) term", t)
    if m:
        return "FUTURE_REF", "DATE"
    if t == "a while":
        return "PXX", "DURATION"
    if t.endswith(" or so ago"):
        return resolver.resolve(t[: -len(" or so ago")] + " ago", tense)
    m = _R_VAGUE_DATE.fullmatch(t)
    if m:
        return ("FUTURE_REF" if m.group(1) in ("later", "future") else "PAST_REF"), "DATE"
    if t == "soon":
        return "FUTURE_REF", "DATE"
    return None


_GENERIC_TODAY = re.compile(r"(?i)'s\s+(?:world|youth|society|generation|young|children|kids|families|"
                            r"culture|technology|computers|standards|terms|economy)\b")


def _is_name_use(raw: str, before: str, after: str) -> bool:
    """Time words that are part of a name or a noun here, not time expressions: a march ("the
    March for Life", "the March of the Mothers"), a programme ("ABC's "This Week"", "VOA Today"),
    a newspaper ("the party daily Granma"), generic "today's" ("today's youth", "in today's world")."""
    if raw in ("March", "March.") and re.match(r"\s+(?:for|of|on|to)\s+(?:the\s+)?[A-Z]", after):
        return True
    if raw == "This Week" and re.search(r"(?:[\"\u201c`']|'s\s+\S*\s*)$", before):
        return True
    if raw == "Today" and re.search(r"\b[A-Z][A-Za-z.]*\s+$", before) and not re.search(r"[.!?\"\u201d]\s+$", before):
        return True
    if raw.lower() == "daily" and re.match(r"\s+[A-Z][a-z]", after):
        return True
    if raw.lower() == "today" and _GENERIC_TODAY.match(after):
        return True
    return False


_FUTURE_MODAL = re.compile(r"(?i)\b(?:will|would|could|may|might|shall|should|can|'ll|hopes? to|hoped to|"
                           r"wants? to|want to|expects? to|plans? to|intends? to)\s+(?:\w+\s+)?$")


_DAY_AFTER_GLOSS = re.compile(r"\s*\([^()]{1,24}\)\s*(?:on\s+)?((?:monday|tuesday|wednesday|thursday|friday|"
                              r"saturday|sunday|yesterday|today|tomorrow)\b)", re.I)


def in_context(text: str, s: int, e: int, value: str | None, typ: str,
               ref: dt.date | None, tense: str | None,
               resolver: "SupportsResolve | None" = None) -> tuple[str | None, str] | None:
    """A value read off the words around [s, e): "will one day" is the future; "soon" in a past
    clause ("was soon released") is relative to that past, not a time of its own (returns
    ``("DROP", "")``); a clock time whose day follows a gloss ("at 10:35 a.m. (0735 GMT) Friday")
    is on that day. None: no change."""
    raw = text[s:e]
    span = raw.lower()
    before = text[max(0, s - 30):s]
    after = text[e:e + 40]
    if _is_name_use(raw, before, after):
        return "DROP", ""
    if resolver is not None and typ == "TIME" and value and ref is not None \
            and value.startswith(ref.isoformat() + "T"):
        m = _DAY_AFTER_GLOSS.match(text, e)
        if m:
            day = resolver.resolve(m.group(1), tense)
            if day and day[0] and re.fullmatch(r"\d{4}-\d\d-\d\d", day[0]):
                return day[0] + value[10:], typ
    if span in ("one day", "some day") and _FUTURE_MODAL.search(before):
        return "FUTURE_REF", "DATE"
    if span == "soon" and tense == "past":
        return "DROP", ""
    return None
