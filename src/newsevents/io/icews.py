"""The ICEWS export: the 20 columns of the ICEWS coded-event files (Boschee et al., "ICEWS Coded
Event Data", Harvard Dataverse, doi:10.7910/DVN/28075), tab-separated, with a header line.

What we write in each column (``docs/exports.md`` has the whole table):

* ``Event ID`` the same integer as GDELT's GLOBALEVENTID (our event id's first 15 hex digits);
* ``Event Date`` the first day of the event's date (``YYYY-MM-DD``; ICEWS dates are days, so an
  event dated only to 2015 is 2015-01-01; its precision is kept by the PLOVER and JSONL exports);
* ``Source Name``/``Target Name`` the canonical name; a country as ICEWS names it, and a sector
  of a country in ICEWS's "Sector (Country)" form (``Government (Russian Federation)``);
* ``Source Sectors``/``Target Sectors`` ICEWS sector names, comma-separated as ICEWS writes them;
* ``Source Country``/``Target Country``/``Country`` ICEWS country names (``Russian Federation``);
* ``Event Text`` the CAMEO code's name, ``CAMEO Code`` the code, ``Intensity`` its Goldstein score;
* ``Story ID`` the article's id as an integer (its content hash's first 15 hex digits),
  ``Sentence Number`` the sentence counted from 1 (0 for an event coded from the headline),
  ``Publisher`` the outlet;
* ``City``/``District``/``Province`` the event's place when it is a city or a province (we do not
  keep districts), ``Latitude``/``Longitude`` its coordinates.
"""

from __future__ import annotations

from typing import Any

from newsevents.io.codes import ICEWS_SECTORS, country_name, event_period, icews_country, iso_day, tsv_text
from newsevents.store.explorer import cameo_names

#: The ICEWS coded-event columns, in file order.
ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
)


def icews_id(hex_id: str | None) -> int | None:
    """An ICEWS-style integer id from one of our hex ids (its first 15 hex digits, < 2**60)."""
    return int(hex_id[:15], 16) if hex_id else None


def icews_sectors(row: dict[str, Any], side: str) -> str:
    """The actor's sectors as ICEWS names, comma-separated (``Government``)."""
    sector = row.get(f"{side}_sector")
    if not sector:
        return ""
    return ",".join(ICEWS_SECTORS.get(part, part) for part in (sector[i:i + 3] for i in range(0, len(sector), 3)))


def icews_name(row: dict[str, Any], side: str) -> str | None:
    """The actor's name: a country's sector in ICEWS's ``Sector (Country)`` form, else the
    canonical name, else the text."""
    country, sector = row.get(f"{side}_country"), row.get(f"{side}_sector")
    name = row.get(f"{side}_name") or row.get(f"{side}_text")
    if country and (not name or name == country_name(country)):
        if not sector:
            return icews_country(country)  # the country itself
        return f"{ICEWS_SECTORS.get(sector[:3], sector)} ({icews_country(country)})"
    return name


def _event_text(cameo: str | None) -> str:
    name = cameo_names().get(cameo or "", "")
    return name[:1].upper() + name[1:]


def icews_row(row: dict[str, Any]) -> list[str]:
    """The 20 ICEWS cells (text, not yet quoted) of one stored event row."""
    first, _, _ = event_period(row)
    feature = row.get("place_feature")
    place = row.get("place_name") or row.get("place_text")
    sentence = row.get("sentence_index")
    cells = [
        icews_id(row.get("event_id")), iso_day(first),
        icews_name(row, "source"), icews_sectors(row, "source"), icews_country(row.get("source_country")),
        _event_text(row.get("cameo")), row.get("cameo"), row.get("goldstein"),
        icews_name(row, "target"), icews_sectors(row, "target"), icews_country(row.get("target_country")),
        icews_id(row.get("article_id")), None if sentence is None else max(sentence + 1, 0),
        row.get("article_source"),
        place if feature == "city" else None, None, place if feature == "admin1" else None,
        icews_country(row.get("place_country")), row.get("place_lat"), row.get("place_lon"),
    ]
    assert len(cells) == len(ICEWS_COLUMNS)
    return [tsv_text(c) for c in cells]
