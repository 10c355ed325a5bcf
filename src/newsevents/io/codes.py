"""What the field's layouts write for our codes: country names and ISO-2 codes, sector names,
QuadClass names, PLOVER sector codes and contexts, event dates with their precision, and TSV
cells. Shared by the PLOVER, ICEWS and POLECAT exports (``plover.py``, ``icews.py``,
``polecat.py``); each export's docs say which it uses (``docs/exports.md``).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from newsevents.records import date_precision
from newsevents.resources import countries

#: ICEWS's names for the countries whose ICEWS name is not our common name (the rest are the same).
ICEWS_COUNTRY_NAMES: dict[str, str] = {
    "RUS": "Russian Federation",
    "PSE": "Occupied Palestinian Territory",
    "COD": "Democratic Republic of Congo",
    "COG": "Congo",
    "CIV": "Cote d'Ivoire",
    "MKD": "Macedonia",
    "SWZ": "Swaziland",
}

#: Our sector codes (``resources/actors/data/README.md``) as ICEWS's top-level sector names.
ICEWS_SECTORS: dict[str, str] = {
    "GOV": "Government",
    "MIL": "Military",
    "COP": "Police",
    "REB": "Rebel",
    "OPP": "Dissident",
    "PTY": "Parties",
    "JUD": "Judicial",
    "LEG": "Legislative / Parliamentary",
    "BUS": "Business",
    "MED": "Media",
    "REL": "Religious",
    "CVL": "General Population / Civilian / Social",
    "REF": "Refugees / Displaced",
    "EDU": "Education",
    "LAB": "Labor",
    "HLH": "Medical / Health",
    "SPY": "Intelligence",
    "AGR": "Agricultural",
    "CRM": "Criminal",
    "NGO": "Nongovernmental Organizations",
    "ELI": "Elite",
    "IGO": "International Government Organization",
    "IMG": "Radicals / Extremists / Fundamentalists",
}

#: Our sector codes where PLOVER's actor sectors differ: PLOVER's MED is health, JRN the media.
PLOVER_SECTORS: dict[str, str] = {"MED": "JRN", "HLH": "MED"}

#: QuadClass 1..4 as POLECAT writes its ``Quad Code``.
QUAD_NAMES: dict[int, str] = {
    1: "VERBAL COOPERATION",
    2: "MATERIAL COOPERATION",
    3: "VERBAL CONFLICT",
    4: "MATERIAL CONFLICT",
}

#: Our event ``modality`` as a PLOVER special context ("asserted" has none).
MODALITY_CONTEXTS: dict[str, str] = {"past": "historical", "intended": "future", "hypothetical": "hypothetical"}

# Characters that some reader of a TSV file takes for the end of a cell or a line.
_BREAKS = str.maketrans({c: " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def tsv_text(value: Any) -> str:
    """A TSV cell: None -> empty, a float without trailing zeros, tabs and line breaks -> spaces
    (every other character is kept; the csv writer quotes a cell holding ``"``)."""
    return cell_text(value).translate(_BREAKS)


def cell_text(value: Any) -> str:
    """A value as a cell's text, line breaks kept: None -> empty, booleans 1/0, a float without
    trailing zeros, dates and times in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@functools.lru_cache(maxsize=1)
def _country_rows() -> dict[str, str]:
    return {row["iso3"]: row["name"] for row in countries.rows()}


def country_name(iso3: str | None) -> str | None:
    """Our common name of an ISO-3 country (``IRN`` -> ``Iran``); the code itself when unknown."""
    if not iso3:
        return None
    return _country_rows().get(iso3, iso3)


def icews_country(iso3: str | None) -> str | None:
    """The name ICEWS writes for an ISO-3 country (``RUS`` -> ``Russian Federation``)."""
    if not iso3:
        return None
    return ICEWS_COUNTRY_NAMES.get(iso3) or country_name(iso3)


@functools.lru_cache(maxsize=512)
def iso2(iso3: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code of an alpha-3 code (GeoNames' ``country code``), else None."""
    if not iso3:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_3=iso3)
    return found.alpha_2 if found else {"XKX": "XK"}.get(iso3)


def plover_sector(sector: str | None) -> str | None:
    """Our sector code as PLOVER's actor sector code (``MED`` -> ``JRN``, ``HLH`` -> ``MED``)."""
    if not sector:
        return None
    return PLOVER_SECTORS.get(sector, sector)


def top_code(row: dict[str, Any], side: str) -> str | None:
    """PLOVER's 3-letter top-level actor code: the country, else the code's first part
    (``IGO`` of ``IGOUNO``), else the sector."""
    code = row.get(f"{side}_code") or ""
    return row.get(f"{side}_country") or (code[:3] if code else None) or row.get(f"{side}_sector")


def contexts(row: dict[str, Any]) -> list[str]:
    """PLOVER's special contexts of an event: ``negation`` for a negated event, and ``historical``,
    ``future`` or ``hypothetical`` from its modality."""
    out = ["negation"] if row.get("negated") else []
    extra = MODALITY_CONTEXTS.get(row.get("modality") or "")
    return out + [extra] if extra else out


def event_period(row: dict[str, Any]) -> tuple[dt.date | None, dt.date | None, str | None]:
    """``(first day, last day, precision)`` of a stored event row's date; an event without its own
    date has its article's day (as the store dates it), and ``(None, None, None)`` without either."""
    start, end = row.get("date_start"), row.get("date_end")
    if isinstance(start, dt.date):
        precision = row.get("date_precision") or date_precision(row.get("date")) or "day"
        return start, end if isinstance(end, dt.date) else start, precision
    day = row.get("article_date")
    if isinstance(day, dt.date):
        return day, day, "day"
    return None, None, None


def iso_day(value: Any) -> str | None:
    """``YYYY-MM-DD`` of a date or datetime, else None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return None


def package_version() -> str:
    from newsevents import __version__

    return __version__
