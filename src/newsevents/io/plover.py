"""The PLOVER export: one JSON object per line, with the field names of the PLOVER manual's JSON
table (Open Event Data Alliance, "PLOVER: Event, Actor and Data Interchange Specification",
draft 0.8, chapter "JSON Data Fields"), validated by ``plover.schema.json`` beside this module.

One object is one stored dyad row (``store/schema.py``): ``source`` and ``recipient`` are lists
of actor objects (one each, or none), and the rows of one event share ``link`` (our
``event_group``). What each field holds is in ``docs/exports.md``; in short:

* ``date`` is the first day of the event's date as ``YYYY-MM-DD``, ``enddate`` its last day, and
  ``date_precision`` (ours) whether the text gave a day, a month or a year: an event dated "in
  2015" is ``date`` 2015-01-01, ``enddate`` 2015-12-31, ``date_precision`` ``year``;
* ``event`` is the PLOVER category (empty for CAMEO's statements and appeals, which PLOVER drops),
  ``mode`` the mode, ``context`` PLOVER's special contexts (``negation``, ``historical``,
  ``future``, ``hypothetical``) from our negation and modality;
* ``event_loc`` is a location object with GeoNames' field names;
* ``cite_info`` says where the text came from; ``coder`` and ``coded_date`` who coded it when.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

from newsevents.io.codes import (
    contexts,
    event_period,
    iso2,
    iso_day,
    package_version,
    plover_sector,
    top_code,
)

SCHEMA_PATH = Path(__file__).with_name("plover.schema.json")

# Our place features as GeoNames feature classes and codes (a city's exact code is not stored).
_FEATURES = {"country": ("A", "PCLI"), "admin1": ("A", "ADM1"), "city": ("P", None)}


@functools.lru_cache(maxsize=1)
def plover_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every exported PLOVER record validates against."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _actor(row: dict[str, Any], side: str) -> list[dict[str, Any]]:
    code, text = row.get(f"{side}_code"), row.get(f"{side}_text")
    if not code and not text and row.get(f"{side}_index") is None:
        return []
    name = row.get(f"{side}_name") or text
    return [{
        "code": top_code(row, side),
        "sector": plover_sector(row.get(f"{side}_sector")),
        "actor_text": text,
        "identifier_text": name,
        "name": name,
        "country": row.get(f"{side}_country"),
        "cameo_code": code,
    }]


def _location(row: dict[str, Any]) -> dict[str, Any] | None:
    name = row.get("place_name") or row.get("place_text")
    if not name and row.get("place_lat") is None:
        return None
    feature_class, feature_code = _FEATURES.get(row.get("place_feature") or "", (None, None))
    country = row.get("place_country")
    return {
        "geonameid": row.get("place_geonameid"),
        "name": name,
        "latitude": row.get("place_lat"),
        "longitude": row.get("place_lon"),
        "feature class": feature_class,
        "feature code": feature_code,
        "country code": iso2(country),
        "cc3": country,
        "admin1 code": row.get("place_admin1"),
        "place_text": row.get("place_text"),
    }


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One stored event row (as ``Store.events`` returns it) as a PLOVER JSON object."""
    first, last, precision = event_period(row)
    added = row.get("article_added_at")
    return {
        "id": row["event_id"],
        "date": iso_day(first),
        "enddate": iso_day(last),
        "date_precision": precision,
        "actor": _actor(row, "source"),
        "recipient": _actor(row, "target"),
        "event": [row["plover"]] if row.get("plover") else [],
        "mode": [row["plover_mode"]] if row.get("plover_mode") else [],
        "context": contexts(row),
        "event_loc": _location(row),
        "event_text": [row["trigger"]] if row.get("trigger") else [],
        "quad_code": row.get("quad_class"),
        "link": row.get("event_group"),
        "text": row.get("evidence_text"),
        "text_info": {"sequence": row.get("sentence_index"), "start": row.get("evidence_start"),
                      "end": row.get("evidence_end"), "in": row.get("evidence_in")},
        "cite_info": {
            "url": row.get("article_url"),
            "title": row.get("article_title"),
            "publication": row.get("article_source"),
            "publication_date": iso_day(row.get("article_date")),
            "citation": row.get("article_input_id"),
            "language": "en",
            "coder": f"newsevents {package_version()}",
        },
        "coder": f"newsevents {package_version()} ({row.get('rule')})",
        "coded_date": iso_day(added),
        "coded_time": added.strftime("%H:%M:%S") if isinstance(added, dt.datetime) else None,
        "cameo": row.get("cameo"),
        "goldstein": row.get("goldstein"),
        "confidence": row.get("confidence"),
        "article_id": row.get("article_id"),
        "story_id": row.get("article_story_id"),
    }
