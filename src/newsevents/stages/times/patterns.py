"""Word tables and regular expressions of the time stage: the vocabulary its values are read with,
the candidate patterns it looks for in the text (:data:`PATTERNS`), the tables of reference and
set words, and a few value shapes more than one module tests for."""

from __future__ import annotations

import re

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

NUM_WORD = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
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
PATTERNS = [
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
    rf"(?i:{_MOD}?{NUM_WORD}[- ]{_UNIT} (?:ago|earlier|later|before|after|from now|hence|back))\b",
    rf"(?i:{_UNIT} ago)\b",
    # durations: "three years", "the past two months", "a 10-year", "two-week", "24-hour"
    rf"(?i:{_MOD}{{0,2}}{NUM_WORD}[- ]{_UNIT}(?:-(?:long|old))?)\b",
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

# reference words ("now", "recently", "in the future") and their TIMEX3 values (None: not a time)
REF_WORDS = {
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
SET_WORDS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
             "quarterly": "P1Q", "hourly": "PT1H", "nightly": "P1D", "annual": "P1Y"}
HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
            "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
            "valentine's day": (2, 14)}

SPACES = re.compile(r"\s+")
MONTH_RX = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"

# value shapes
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")  # a day value (with match(): one that starts with a day)
FOUR_DIGITS = re.compile(r"\d{4}")
QUARTER_VALUE = re.compile(r"\d{4}-Q\d")
