"""The POLECAT export: the column layout of the POLECAT event files (Halterman, Bagozzi, Beger,
Schrodt and Scarborough, "PLOVER and POLECAT: A New Political Event Ontology and Dataset", 2023;
the data on Harvard Dataverse, doi:10.7910/DVN/AJGVIT): 40 columns, tab-separated, with a header.

What we write (``docs/exports.md`` has the whole table):

* ``Event ID`` our event id; ``Event Date`` the first day of the event's date (POLECAT dates are
  days: an event dated only to 2015 is 2015-01-01, its precision is kept by the PLOVER and JSONL
  exports); ``Event Type``/``Event Mode`` the PLOVER category and mode; ``Event Intensity`` the
  Goldstein score; ``Quad Code`` ``VERBAL COOPERATION`` ... ``MATERIAL CONFLICT``; ``Contexts``
  PLOVER's special contexts from our negation and modality;
* actor and recipient: name, ISO-3 country, PLOVER sector, the text as written; ``Actor COW``,
  ``Actor Title`` and ``Wikipedia Actor ID`` are empty (we carry no Correlates of War codes, titles
  or Wikipedia links);
* the place: name, city or province, ISO-3 country, coordinates, GeoNames id, the text as written,
  our feature kind (``city``, ``admin1``, ``country``);
* ``Source`` the outlet, ``Publication Date`` the article's day, ``Language`` ``en``, ``Version``
  ours; the ``Story People``/``Organizations``/``Locations`` lists are empty.

A list cell (several sectors or contexts) is joined by ``"; "`` as POLECAT does; a missing value is
an empty cell (POLECAT writes the word ``None``).
"""

from __future__ import annotations

from typing import Any

from newsevents.io.codes import (
    QUAD_NAMES,
    contexts,
    event_period,
    iso_day,
    package_version,
    plover_sector,
    tsv_text,
)

#: The POLECAT event-file columns, in file order.
POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)


def _side(row: dict[str, Any], side: str) -> list[Any]:
    sector = plover_sector(row.get(f"{side}_sector"))
    return [
        row.get(f"{side}_name") or row.get(f"{side}_text"), row.get(f"{side}_country"), None,
        sector, sector, None, row.get(f"{side}_text"), None,
    ]


def polecat_row(row: dict[str, Any]) -> list[str]:
    """The 40 POLECAT cells (text, not yet quoted) of one stored event row."""
    first, _, _ = event_period(row)
    feature = row.get("place_feature")
    place = row.get("place_name") or row.get("place_text")
    quad = row.get("quad_class")
    cells = [
        row.get("event_id"), iso_day(first), row.get("plover"), row.get("plover_mode"), row.get("goldstein"),
        QUAD_NAMES.get(quad) if quad is not None else None, "; ".join(contexts(row)) or None,
        *_side(row, "source"), *_side(row, "target"),
        place, place if feature == "city" else None, None, place if feature == "admin1" else None,
        row.get("place_country"), row.get("place_lat"), row.get("place_lon"), row.get("place_geonameid"),
        row.get("place_text"), feature,
        row.get("article_source"), iso_day(row.get("article_date")), None, None, None,
        "en", f"newsevents {package_version()}",
    ]
    assert len(cells) == len(POLECAT_COLUMNS)
    return [tsv_text(c) for c in cells]
