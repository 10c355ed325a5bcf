"""TIMEX3 value arithmetic of the time stage: the article date, spelled numbers, durations
(``P3D``, ``PT5H``), ISO weeks, quarters and the dates of movable feasts."""

from __future__ import annotations

import datetime as dt
import re

from newsevents.stages.times.patterns import SMALL, SPACES, TENS, UNITS, VAGUE

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
    w = SPACES.sub(" ", w)
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


def format_number(n: float) -> str:
    """3.0 -> "3", 2.5 -> "2.5"."""
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
        amount = format_number(n * mult)
        if not float(n * mult).is_integer() and letter in ("Y", "M", "W", "D", "H"):
            # half units: express in the next smaller unit
            smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}
            letter2, k = smaller[letter]
            clock = clock or letter == "D"
            return f"P{'T' if clock else ''}{format_number(round(n * mult * k))}{letter2}"
    return f"P{'T' if clock else ''}{amount}{letter}"


def iso_week(d: dt.date) -> str:
    """The ISO week value of a day: ``2017-W44``."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def add_months(d: dt.date, months: int) -> tuple[int, int]:
    """(year, month) ``months`` after (before, when negative) the month of ``d``."""
    k = d.year * 12 + (d.month - 1) + months
    return k // 12, k % 12 + 1


def quarter_of(d: dt.date) -> int:
    """The quarter (1-4) of the year that ``d`` falls in."""
    return (d.month - 1) // 3 + 1


def last_completed_quarter(d: dt.date) -> tuple[int, int]:
    """(year, quarter) of the last quarter that ended before ``d``'s quarter (the last reported one)."""
    q = quarter_of(d) - 1
    return (d.year, q) if q >= 1 else (d.year - 1, 4)


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
    """The date of a movable feast ("thanksgiving", "easter", "election", "memorial", "labor") in a year."""
    if key == "thanksgiving":
        return _nth_weekday(year, 11, 3, 4)  # fourth Thursday of November (US)
    if key == "easter":
        return _easter(year)
    if key == "election":
        return _nth_weekday(year, 11, 0, 1) + dt.timedelta(days=1)  # Tuesday after the first Monday
    if key == "memorial":
        return _nth_weekday(year, 5, 0, -1)
    return _nth_weekday(year, 9, 0, 1)  # labor day


def movable_feast(ref: dt.date | None, name: str, rel: str | None, tense: str | None) -> tuple[str, str]:
    """Holidays whose date moves (Thanksgiving, Easter, US Election Day, ...), in the year that
    puts them nearest the article date (``last``/``next`` and the tense choose the side)."""
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
        return iso_week(d), "DATE"
    return d.isoformat(), "DATE"
