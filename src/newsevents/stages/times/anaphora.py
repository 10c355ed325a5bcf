"""Anaphoric time expressions of the time stage: "that year", "the following day", "the quarter"
take their value from the expression the story last named (TIMEX3 anchoring), not from the article
date. Both passes run over the expressions chosen for a document, in text order."""

from __future__ import annotations

import datetime as dt
import re

from newsevents.stages.times.patterns import DAY_VALUE, FOUR_DIGITS, QUARTER_VALUE

_ANAPHORIC = re.compile(r"(?i)(?:(?:earlier|later|early|late) (?:in )?)?(?:that|the same|the following|the next|"
                        r"the previous|the preceding) (day|month|year)")


_THE_DAY = re.compile(r"(?i)the day")
_COMMA = re.compile(r",\s*")
_MONTH_VALUE = re.compile(r"\d{4}-\d\d")
_CALENDAR_VALUE = re.compile(r"\d{4}(?:$|-\d\d)")


def resolve_anaphora(chosen: list, text: str, ref: dt.date | None) -> list:
    """"that year", "the following year", "earlier that day": anaphoric expressions take their
    value from the last calendar expression named before them (TIMEX3 anchoring), not from the
    article date; with none before them they keep the article-date reading."""
    out = []
    last: str | None = None  # the last value that names a calendar year/month/day
    for item in chosen:
        s, e, value, typ, src = item
        m = _ANAPHORIC.fullmatch(text[s:e].strip())
        prev = out[-1] if out else None
        if prev is not None and prev[2] and DAY_VALUE.fullmatch(prev[2]) \
                and _THE_DAY.fullmatch(text[s:e].strip()) and _COMMA.fullmatch(text[prev[1]:s]):
            item = (s, e, prev[2], "DATE", src)  # "Oct. 12, the day before the crash": the same day
        elif m and last is not None:
            unit = m.group(1).lower()
            low = text[s:e].lower()
            off = 1 if ("following" in low or "next" in low) else (-1 if ("previous" in low or "preceding" in low) else 0)
            y = int(last[:4])
            mo = int(last[5:7]) if _MONTH_VALUE.match(last) else None
            d = dt.date.fromisoformat(last[:10]) if DAY_VALUE.match(last) else None
            if unit == "year":
                value = str(y + off)
            elif unit == "month" and mo:
                k = y * 12 + mo - 1 + off
                value = f"{k // 12}-{k % 12 + 1:02d}"
            elif unit == "day" and d:
                try:
                    value = (d + dt.timedelta(days=off)).isoformat()
                except OverflowError:  # the day before 0001-01-01 or after 9999-12-31: no value
                    value = None
            typ = "DATE"
            item = (s, e, value, typ, src)
            last = value if value and FOUR_DIGITS.match(value) else last
        elif value and _CALENDAR_VALUE.match(value) and typ in ("DATE", "TIME"):
            last = value
        out.append(item)
    return out


_NAMED_QUARTER = re.compile(r"(?i)\b(?:first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\b")
_OTHER_YEAR = re.compile(r"(?i)year[- ](?:ago|earlier)|\b(?:last|next) year|\ba year\b|\b(?:19|20)\d\d\b")
_QUARTER_ANAPHOR = re.compile(r"(?i)(?:the|that|the same)\s+quarter")


_THIS_QUARTER = re.compile(r"(?i)this\s+quarter")


def resolve_quarter_anaphora(chosen: list, text: str, financial: bool) -> list:
    """"the quarter", "that quarter" (and, in a results story, "this quarter") refer back to the
    quarter the story last named ("its fiscal first quarter ended Sept. 30 ... in the quarter"):
    they take its value (TIMEX3 anchoring), not the last calendar quarter's."""
    out = []
    last: str | None = None
    for item in chosen:
        s, e, value, typ, src = item
        span = text[s:e].strip()
        if value and QUARTER_VALUE.fullmatch(value) and _NAMED_QUARTER.search(span) \
                and not _OTHER_YEAR.search(span):
            last = value
        elif last and value and QUARTER_VALUE.fullmatch(value) and (
                _QUARTER_ANAPHOR.fullmatch(span) or (financial and _THIS_QUARTER.fullmatch(span))):
            item = (s, e, last, "DATE", src)
        out.append(item)
    return out

