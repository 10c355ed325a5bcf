"""The value resolver of the time stage: one expression's text -> its TIMEX3 (value, type), given
the article date and the tense of the clause (:class:`TimeResolver`, :func:`normalize`). The rarer
shapes of :mod:`newsevents.stages.times.rules` are asked first."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from newsevents.stages.times import rules
from newsevents.stages.times.patterns import (
    DAY_VALUE, DECADE_WORDS, HOLIDAYS, MONTH_RX, MONTHS, NUM_WORD, ORDINALS, PARTS_OF_DAY, REF_WORDS, SEASON_MONTHS,
    SEASONS, SET_WORDS, SPACES, VAGUE, WEEKDAYS,
)
from newsevents.stages.times.values import (
    add_months, duration_value, format_number, iso_week, last_completed_quarter, movable_feast, parse_number,
    parse_ref_date, quarter_of,
)

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
    t = SPACES.sub(" ", t)
    return t


def _strip_mods(t: str) -> str:
    prev = None
    while prev != t:
        prev = t
        t = _CLEAN_PREFIX.sub("", t, count=1)
    return t


_WD_RX = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_UNIT_RX = r"(seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|century|centuries|quarters?|yrs?|hrs?|mins?)"

_R_MDY = re.compile(rf"{MONTH_RX} (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?")
_R_DMY = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{MONTH_RX}(?:,? (\d{{4}}))?")
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
_R_AGO = re.compile(rf"(?:{NUM_WORD} )?{_UNIT_RX} (ago|earlier|later|before|after|from now|hence|back)")
_R_DUR = re.compile(rf"(?:(?:past|last|next|first|coming|previous|following|final|remaining|recent|initial) )?"
                    rf"({NUM_WORD} )?(?:(?:few|several|couple of|many) )?{_UNIT_RX}(?: long| old)?")
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


# patterns of TimeResolver.resolve (compiled once: it runs for every candidate)
_R_YEAR_END = re.compile(r"(?:(since|around|by|at|before|until|through) )?(?:the )?year(?:'s)? ?end")
_R_MIDDAY = re.compile(r"(?:at )?midday")
_R_NTH_DAY = re.compile(r"(?:the )?(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                        r"\d+(?:st|nd|rd|th)) (?:straight |consecutive )?day")
_R_IN_THE_DAY = re.compile(r"(?:early|earlier|late|later) in the day")
_R_FEAST = re.compile(r"(?:(last|next|this) )?(thanksgiving(?: day)?|easter(?: sunday| week)?|election day|"
                      r"memorial day|labor day)")
_R_ZONE = re.compile(r"\b(?:[ecmp][sd]t|gmt|utc)\b")
_R_YEAR_DASH = re.compile(r"\d{4}-")
_R_REL_MONTH = re.compile(rf"(?:(last|next|this) )?{MONTH_RX}(?:,? (?:of )?(\d{{4}}))?")
_R_HEAD_YEAR = re.compile(r"(.+?),? (?:of )?(last|this|next) year")
_R_VAGUE_HEAD = re.compile(r"(?:early|late|earlier|later|mid|sometime)")
_R_YEAR_QUARTER = re.compile(r"((?:19|20)\d\d) (first|second|third|fourth) quarter")
_R_WD_DATE = re.compile(rf"{_WD_RX}(?:,? {MONTH_RX} (\d{{1,2}})(?:,? (\d{{4}}))?)")
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


class TimeResolver:
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
        """(value, type) for an expression, or None when it is not a time expression we know. An
        expression whose value falls off the calendar (years 1 to 9999: "next year" in an article
        dated 9999-12-31, "yesterday" on 0001-01-01) is a date without a value."""
        try:
            return _resolve_memo(self.ref, bool(self.financial), raw, tense)
        except (OverflowError, ValueError):  # date arithmetic past the calendar's edges
            return None, "DATE"

    def _resolve(self, raw: str, tense: str | None) -> tuple[str | None, str] | None:
        t0 = _clean(raw)
        if not t0:
            return None
        r = rules.resolve(t0, self, tense)
        if r is not None:
            return r
        if t0 in REF_WORDS:
            v = REF_WORDS[t0]
            return (v, "DATE") if v else None
        t = _strip_mods(t0)
        if t in REF_WORDS:
            v = REF_WORDS[t]
            return (v, "DATE") if v else None
        if t in SET_WORDS:
            return SET_WORDS[t], "SET"
        t = t.replace(" - ", "-").replace("-", " ")
        t = SPACES.sub(" ", t).strip()
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
            return movable_feast(self.ref, m.group(2), m.group(1), tense)
        if t in HOLIDAYS or t.rstrip("s") in HOLIDAYS:
            mo, d = HOLIDAYS.get(t) or HOLIDAYS[t.rstrip("s")]
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
                if r and r[0] and DAY_VALUE.match(r[0]):
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
                y, q = last_completed_quarter(ref)
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
                return f"{m.group(1)}-Q{last_completed_quarter(ref)[1]}", "DATE"
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
            part = f"{format_number(round(frac * small[1]))}{small[0]}"
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
            y, q = last_completed_quarter(ref)
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
            return iso_week(ref + dt.timedelta(days=7 * off)), "DATE"
        if unit == "weekend":
            d = ref + dt.timedelta(days=7 * off)
            if off == 0 and ref.weekday() < 4 and "this" not in t0:
                d = ref - dt.timedelta(days=7)  # "the weekend" early in the week: the one just past
            return iso_week(d) + "-WE", "DATE"
        if unit == "month":
            y, mo = add_months(ref, off)
            return f"{y}-{mo:02d}", "DATE"
        if unit == "year":
            return str(ref.year + off), "DATE"
        if unit == "quarter":
            k = ref.year * 4 + quarter_of(ref) - 1 + off
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
            y = ref.year if q < quarter_of(ref) or (q == quarter_of(ref) and ref.month % 3 == 0) else ref.year - 1
            if q == quarter_of(ref) and y != ref.year:
                y = ref.year
            return f"{y}-Q{q}", "DATE"
        if year:
            return f"{year}-QX", "DATE"
        if ref is None:
            return None
        y, q = last_completed_quarter(ref)
        if which in ("current", "this"):
            return f"{ref.year}-Q{quarter_of(ref)}", "DATE"
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
            return iso_week(ref + dt.timedelta(days=sign * 7 * n_int)), "DATE"
        if unit == "month":
            y, mo = add_months(ref, sign * n_int)
            return f"{y}-{mo:02d}", "DATE"
        if unit == "year":
            return str(ref.year + sign * n_int), "DATE"
        if unit == "decade":
            return str(ref.year // 10 + sign * n_int), "DATE"
        if unit == "century":
            return f"{ref.year // 100 + sign * n_int:02d}", "DATE"
        if unit == "quarter":
            k = ref.year * 4 + quarter_of(ref) - 1 + sign * n_int
            return f"{k // 4}-Q{k % 4 + 1}", "DATE"
        return None


@lru_cache(maxsize=1 << 16)
def _resolve_memo(ref: dt.date | None, financial: bool, raw: str,
                  tense: str | None) -> tuple[str | None, str] | None:
    """:meth:`TimeResolver.resolve`, remembered: its answer depends only on these four values, and the
    same expressions come back within an article and across articles of the same day."""
    r = TimeResolver(ref, financial)._resolve(raw, tense)
    if r is not None and r[0] and _OFF_CALENDAR.match(r[0]):
        return None, r[1]  # a year before 1 or after 9999 ("last year" in an article dated 0001-01-01)
    return r


# a value whose year is not one of 1..9999: negative, zero ("0", "0-12", "0-Q4") or five digits
_OFF_CALENDAR = re.compile(r"-|0+(?:$|-)|\d{5}")


def normalize(text: str, ref: dt.date | str | None, tense: str | None = None) -> tuple[str | None, str] | None:
    """Public helper: ``normalize("last month", "2017-11-02") -> ("2017-10", "DATE")``."""
    if isinstance(ref, str):
        ref = parse_ref_date(ref)
    return TimeResolver(ref).resolve(text, tense)
