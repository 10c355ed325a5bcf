"""The country table, ``resources/actors/data/countries.tsv``: one row per country (ISO-3, name,
other names, adjectives, capitals, seats; lists separated by ``|``).

The table is the project's one list of countries. This module reads it for everything but the
actor knowledge base (which loads it with its other tables, ``resources/actors/kb.py``).
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from newsevents.resources.cache import compiled

TABLE = Path(__file__).parent / "actors" / "data" / "countries.tsv"


def rows() -> list[dict[str, str]]:
    """The table's rows, as dicts keyed by the header's column names."""
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def _adjectives_iso2() -> dict[str, str]:
    import pycountry

    out: dict[str, str] = {}
    for row in rows():
        country = pycountry.countries.get(alpha_3=row["iso3"])
        iso2 = country.alpha_2 if country else {"XKX": "XK"}.get(row["iso3"])
        for adjective in (row.get("adjectives") or "").split("|"):
            if adjective and iso2:
                out[adjective.lower()] = iso2
    return out


def adjectives_iso2() -> dict[str, str]:
    """Every adjective and demonym of the table, lower case -> ISO-2 code ("kazakh" -> "KZ"); the
    ISO-2 codes come from pycountry, so the map is compiled once (see
    :func:`newsevents.resources.cache.compiled`)."""
    try:
        version = metadata.version("pycountry")
    except metadata.PackageNotFoundError:  # pragma: no cover
        version = "-"
    return compiled("country-adjectives", [TABLE, __file__], _adjectives_iso2, extra=f"pycountry={version}")
