"""Article dates: the date formats we accept, normalised to ``YYYY-MM-DD``."""

from __future__ import annotations

import calendar
import re
from datetime import date as _date
from typing import Any

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][0-9:.,]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_MDY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T][0-9:]+(?:\s*[AaPp][Mm])?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DMY_NAME = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_MDY_NAME = re.compile(r"(?:[A-Za-z]+,\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})")


class DateError(ValueError):
    """A date we cannot accept; ``str()`` is the reason. ``impossible`` is True for a date-shaped
    value that is no calendar day (``2017-02-30``), False for a value we cannot read at all."""

    def __init__(self, message: str, impossible: bool = False):
        super().__init__(message)
        self.impossible = impossible


def parse_date(value: Any) -> str | None:
    """Normalise a date to ``YYYY-MM-DD``; ``None``/empty -> ``None``; raise :class:`DateError`
    (message ``impossible date X`` or ``unrecognised date X``) otherwise."""
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    y = mo = d = None
    if m := _ISO.fullmatch(s):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _MDY.fullmatch(s):
        y, mo, d = int(m[3]), int(m[1]), int(m[2])
    elif m := _COMPACT.fullmatch(s):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif (m := _DMY_NAME.fullmatch(s)) and m[2].lower() in _MONTHS:
        y, mo, d = int(m[3]), _MONTHS[m[2].lower()], int(m[1])
    elif (m := _MDY_NAME.fullmatch(s)) and m[1].lower() in _MONTHS:
        y, mo, d = int(m[3]), _MONTHS[m[1].lower()], int(m[2])
    else:
        raise DateError(f"unrecognised date {s!r} (expected YYYY-MM-DD)")
    try:
        return _date(y, mo, d).isoformat()
    except ValueError:
        raise DateError(f"impossible date {s}", impossible=True) from None
