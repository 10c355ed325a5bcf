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
from functools import lru_cache

from newsevents.nlp import AnnotatedDoc
from newsevents.records import TimeExpr
from newsevents.stages.times import rules
from newsevents.stages.times.anaphora import resolve_anaphora, resolve_quarter_anaphora
from newsevents.stages.times.candidates import DocArrays, pattern_candidates
from newsevents.stages.times.clauses import clause_tense
from newsevents.stages.times.patterns import DAY_VALUE, FOUR_DIGITS, MONTH_RX, QUARTER_VALUE
from newsevents.stages.times.resolver import TimeResolver
from newsevents.stages.times.values import parse_ref_date

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


_RANGE = re.compile(r"(?i)(?:(?:between|from) )?(?P<a>.+?)\s*(?:\band\b|\bto\b|\bthrough\b|\buntil\b|-|\u2013)\s*(?P<b>.+)")
_CAL_VALUE = re.compile(r"(?:\d{4}|\d{4}-(?:\d\d|W\d\d|Q\d|H\d)|\d{4}-\d\d-\d\d|\d{4}-\d\d-\d\dT.*)")
_DAY_NUMBER = re.compile(r"\d{1,2}")


def _split_range(text: str, s: int, e: int, resolver: "TimeResolver") -> list[tuple[int, int, str | None]] | None:
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
    if _DAY_NUMBER.fullmatch(b_text) and DAY_VALUE.fullmatch(ra[0]):
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
_DIGIT_OR_MONTH = re.compile(r"\d|" + MONTH_RX)
_NUMBERS = re.compile(r"[\d\s,.]+")
_BARE_WEEK = re.compile(r"(?i)(?:the )?week(?:'s)?(?: following)?")
_YEAR_AGO_WORDS = re.compile(r"(?i)year[- ](?:earlier|ago)")
_LONGER_SPAN = re.compile(r"(?i)\b(?:nine|six) months|first half|year to date|for the year\b")
_QUARTER_WORD = re.compile(r"(?i)quarter")
_YEAR_AT_END = re.compile(r"(?i)\byear$")
_AVERAGE_BEFORE = re.compile(r"(?i)\baverage\s+$")


_TIME_WORD = re.compile(
    r"(?i)\b(?:(?:1[5-9]|20)\d\d|\d+s|\d{1,2}:\d\d|\d+(?:st|nd|rd|th)|seconds?|minutes?|hours?|days?|"
    r"nights?|weeks?|weekends?|months?|years?|decades?|century|centuries|quarters?|periods?|seasons?|"
    r"spring|summer|fall|autumn|winter|morning|afternoon|evening|noon|midnight|midday|dawn|dusk|"
    r"today|tonight|tomorrow|yesterday|now|date|time|era|age|ago|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|christmas|easter|" + MONTH_RX[1:-4] + r")")


def _no_time_word(span: str) -> bool:
    """True for an unresolved span with no time word in it (a name spaCy tagged DATE)."""
    return _TIME_WORD.search(span) is None


_POSS_YEAR = re.compile(r"(?i)^(?:(?:his|her|its|their|our|my|your) year|year)$")

_RATE_WORD = re.compile(r"(?i)daily|weekly|monthly|yearly|hourly|nightly")


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


class TimeStage:
    name = "times.v1"
    requires = ("doc",)
    produces = ("times",)

    def process(self, adoc: AnnotatedDoc) -> None:
        doc = adoc.doc
        text = adoc.text
        ref = parse_ref_date(adoc.article.date)
        # both branches of _FINANCIAL need "quarter": looking for it alone first spares most articles
        resolver = TimeResolver(ref, financial=bool(_QUARTER_WORD.search(text) and _FINANCIAL.search(text)))
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
        arrays = DocArrays(adoc.tokens)
        cands.extend((s, e, 1) for s, e in pattern_candidates(text, doc, arrays))
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
                if v and not FOUR_DIGITS.search(span_text) and abs(int(v[:4]) - ref.year) > 1:
                    v = None
                if v:
                    r = (v, "DATE")
            if r is None and src == 1:
                continue
            if r is None and src == 0 and ref is not None \
                    and _BARE_WEEK.fullmatch(span_text):
                r = (f"{ref.year}-WXX", "DATE")  # "the week", "the week's": a week the text does not pin
            if r is None and src == 0 and (_no_time_word(span_text) or _POSS_YEAR.search(span_text)):
                continue  # "Olympic", "as little as 5 cents", "his year", "the bank's year": not times
            value, typ = r if r is not None else (None, "DATE")
            if value and QUARTER_VALUE.fullmatch(value) and _YEAR_AGO_WORDS.search(span_text):
                sent = doc.char_span(s, e, alignment_mode="expand")
                st = sent.sent.text if sent is not None else ""
                if _LONGER_SPAN.search(st) and not _QUARTER_WORD.search(st):
                    value = value[:4]  # compared over a span of months, not one quarter: the year
            if value and FOUR_DIGITS.fullmatch(value) and _YEAR_AT_END.search(span_text) \
                    and _YEAR_ENDED.match(text, e):
                value, typ = "P1Y", "DURATION"  # "the year ended June 30": a year-long period
            ctx = rules.in_context(text, s, e, value, typ, ref, tense, resolver)
            if ctx is not None:
                if ctx[0] == "DROP":
                    continue  # a dateline's date, "soon" in a past clause
                value, typ = ctx
            results.append((s, e, value, typ, src))
        for (s, e), how in fixed.items():  # "April 24 and 25": the day in the first end's month
            _, a_s, day = how.split(":")
            first = next((r for r in results if r[0] == int(a_s) and r[2]), None)
            if first is not None and DAY_VALUE.match(first[2]):
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
        chosen = resolve_anaphora(chosen, text, ref)
        chosen = resolve_quarter_anaphora(chosen, text, resolver.financial)
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
