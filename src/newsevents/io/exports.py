"""Export stored events in formats other event-data tools read.

``export(store, fmt, out, flt)`` writes the events matching ``flt`` (a
:class:`newsevents.store.EventFilter`, the filter ``newsevents events`` and the explorer use; or
its keywords, as :meth:`newsevents.store.Store.events` takes them: actor, country, dyad, type,
since, until, main, ..., plus limit and offset) and returns the number of rows written. One row
is one dyad (see ``store/schema.py``).

Formats:

* ``gdelt`` -- tab-separated, no header, the 61 columns of the GDELT 2.0 event table in GDELT
  order (:data:`GDELT_COLUMNS`). What we fill and how:

  - ``GLOBALEVENTID``: the first 15 hex digits of our event id as an integer (stable across runs);
  - ``SQLDATE``/``MonthYear``/``Year``/``FractionDate``: from the first day of the event's date
    (an event dated only ``2015`` gets 20150101; its true precision is in the other exports),
    else the article date; ``FractionDate`` = year + (month * 30 + day) / 365, as GDELT defines it;
  - ``Actor1*`` = the event source, ``Actor2*`` = the target: ``Code`` is our CAMEO-style code,
    ``Name`` the canonical name (or the text) in upper case, ``CountryCode`` the ISO-3 country,
    ``KnownGroupCode`` the group part of an ``IGO``/``NGO``/``IMG`` code (``IGOUNO`` -> ``UNO``),
    ``Type1..3Code`` the 3-letter role parts of the code after the country or group
    (``RUSGOVMIL`` -> ``GOV``, ``MIL``), or the actor's sector; ethnic and religion codes are blank;
  - ``IsRootEvent`` 1 when the event is in the article's first sentence;
  - ``EventCode`` the CAMEO code, ``EventBaseCode`` its first 3 digits, ``EventRootCode`` its root;
  - ``NumMentions``/``NumSources``/``NumArticles`` are 1 (we do not merge reports yet);
  - ``AvgTone`` the tone of the event's sentence (else the article's), -100..+100;
  - ``Actor1Geo_*``/``Actor2Geo_*``: type 0, rest blank (we do not place actors);
  - ``ActionGeo_*`` from the event's place: type 1 country, 2/5 US state/other admin1,
    3/4 US/other city; ``CountryCode`` is the ISO-3 code, NOT FIPS 10-4 (we carry no FIPS table);
    ``ADM1Code`` is ISO-3 + the GeoNames admin1 code; ``FeatureID`` is the GeoNames id (the ISO-3
    code for a country); a place of another kind (a region) gets type 0 with its name and
    coordinates;
  - ``DATEADDED`` when the article was stored (UTC, YYYYMMDDHHMMSS);
  - ``SOURCEURL`` the article URL, else its file path, else its input id.
* ``plover`` -- JSON lines in the PLOVER manual's JSON fields (``id``, ``date``, ``source``,
  ``recipient``, ``event``, ``mode``, ``context``, ``event_loc``, ...), valid against
  ``io/plover.schema.json``; see :mod:`newsevents.io.plover`.
* ``icews`` -- the 20 ICEWS coded-event columns, tab-separated, with a header; see
  :mod:`newsevents.io.icews`.
* ``polecat`` -- the 40 POLECAT event-file columns, tab-separated, with a header; see
  :mod:`newsevents.io.polecat`.
* ``csv`` -- the events columns with the joined ``article_*`` columns, with a header.
* ``jsonl`` -- the same rows as JSON objects, one per line.
* ``parquet`` -- the same rows via DuckDB ``COPY ... (FORMAT parquet)``; ``out`` must be a path.

``docs/exports.md`` says where each layout comes from, what we write in each field (and how a
date known only to its month or year is written) and how to read each file with pandas, DuckDB
and R.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, TextIO

from newsevents.errors import ConfigError, StoreError
from newsevents.io.codes import cell_text
from newsevents.io.icews import ICEWS_COLUMNS, icews_row
from newsevents.io.plover import plover_record
from newsevents.io.polecat import POLECAT_COLUMNS, polecat_row
from newsevents.store.filters import EventFilter
from newsevents.store.queries import ARTICLE_COLUMNS, event_filter
from newsevents.store.schema import columns

FORMATS = ("gdelt", "plover", "icews", "polecat", "csv", "jsonl", "parquet")

#: The GDELT 2.0 event table columns, in file order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)

# First parts of CAMEO actor codes that name an organisation type rather than a country.
_GROUP_PREFIXES = frozenset({"IGO", "NGO", "IMG", "NGM", "MNC", "UIS"})


def _s(value: Any) -> str:
    """A GDELT cell: as :func:`~newsevents.io.codes.cell_text`; tabs and line breaks become spaces
    (a CRLF one space)."""
    text = cell_text(value)
    if "\t" in text or "\n" in text or "\r" in text:
        text = " ".join(text.replace("\t", " ").splitlines())
    return text


def gdelt_event_id(event_id: str) -> int:
    """GLOBALEVENTID: our 16-hex-digit event id's first 15 digits as an integer (< 2**60)."""
    return int(event_id[:15], 16)


def actor_code_parts(code: str | None, country: str | None, sector: str | None) -> tuple[str, list[str]]:
    """``(known_group_code, type_codes)`` from a CAMEO-style actor code."""
    code = code or ""
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    known = ""
    if not chunks:
        types: list[str] = []
    elif chunks[0] in _GROUP_PREFIXES:
        known = chunks[1] if len(chunks) > 1 else ""
        types = [chunks[0], *chunks[2:]]
    elif country and chunks[0] == country:
        types = chunks[1:]
    elif not country and sector and chunks[0] == sector:
        types = chunks
    else:
        types = chunks[1:]
    if not types and sector:
        types = [sector]
    return known, types[:3]


def _actor_cells(row: dict[str, Any], side: str) -> list[str]:
    code = row.get(f"{side}_code")
    name = row.get(f"{side}_name") or row.get(f"{side}_text")
    country = row.get(f"{side}_country")
    known, types = actor_code_parts(code, country, row.get(f"{side}_sector"))
    types = types + [""] * (3 - len(types))
    return [_s(code), _s(name.upper() if name else None), _s(country), known, "", "", "", *types]


def _geo_type(feature: str | None, country: str | None) -> int:
    if feature == "country":
        return 1
    if feature == "admin1":
        return 2 if country == "USA" else 5
    if feature == "city":
        return 3 if country == "USA" else 4
    return 0


def _action_geo(row: dict[str, Any]) -> list[str]:
    name, lat, lon = row.get("place_name") or row.get("place_text"), row.get("place_lat"), row.get("place_lon")
    if not name and lat is None:
        return ["0", "", "", "", "", "", "", ""]
    feature, country, admin1 = row.get("place_feature"), row.get("place_country"), row.get("place_admin1")
    gtype = _geo_type(feature, country)
    full = name if gtype == 1 or not country else f"{name}, {country}"
    adm1 = f"{country}{admin1}" if country and admin1 and gtype != 1 else (country or "")
    feature_id = country if gtype == 1 else row.get("place_geonameid")
    return [str(gtype), _s(full), _s(country), _s(adm1), "", _s(lat), _s(lon), _s(feature_id)]


def _day(row: dict[str, Any]) -> dt.date | None:
    day = row.get("date_start") or row.get("article_date")
    return day if isinstance(day, dt.date) else None


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """The 61 GDELT 2.0 cells for one stored event row (as returned by ``Store.events``)."""
    day = _day(row)
    if day is not None:
        date_cells = [f"{day:%Y%m%d}", f"{day:%Y%m}", f"{day:%Y}",
                      f"{day.year + (day.month * 30 + day.day) / 365:.4f}"]
    else:
        date_cells = ["", "", "", ""]
    cameo = row.get("cameo") or ""
    tone = row.get("tone") if row.get("tone") is not None else row.get("article_tone")
    added = row.get("article_added_at")
    cells = [
        str(gdelt_event_id(row["event_id"])), *date_cells,
        *_actor_cells(row, "source"), *_actor_cells(row, "target"),
        "1" if row.get("sentence_index") == 0 else "0",
        cameo, cameo[:3], row.get("root") or cameo[:2], _s(row.get("quad_class")), _s(row.get("goldstein")),
        "1", "1", "1", _s(tone),
        "0", "", "", "", "", "", "", "",
        "0", "", "", "", "", "", "", "",
        *_action_geo(row),
        f"{added:%Y%m%d%H%M%S}" if isinstance(added, dt.datetime) else "",
        _s(row.get("article_url") or row.get("article_path") or row.get("article_input_id")),
    ]
    assert len(cells) == len(GDELT_COLUMNS)
    return cells


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@contextmanager
def _open_out(out: str | Path | TextIO) -> Iterator[TextIO]:
    if isinstance(out, (str, Path)):
        path = Path(out)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fh = open(path, "w", encoding="utf-8", newline="")
        except OSError as exc:
            raise StoreError(f"cannot write export file {path}: {exc}; choose a writable path") from exc
        with fh:
            yield fh
    else:
        yield out


def _write_lines(rows: Iterator[dict[str, Any]], out, line: Callable[[dict[str, Any]], str]) -> int:
    n = 0
    with _open_out(out) as fh:
        for row in rows:
            fh.write(line(row))
            n += 1
    return n


def _write_tsv(rows: Iterator[dict[str, Any]], out, header: tuple[str, ...],
               cells: Callable[[dict[str, Any]], list[str]]) -> int:
    """A header line, then one line per row; a cell holding a double quote is quoted (the quote
    doubled), so pandas, DuckDB and R read every cell back as written (cells hold no tabs or line
    breaks)."""
    n = 0
    with _open_out(out) as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(header)
        for row in rows:
            writer.writerow(cells(row))
            n += 1
    return n


def export(store, fmt: str, out: str | Path | TextIO, flt: EventFilter | None = None, /, *,
           limit: int | None = None, offset: int = 0, **filters: Any) -> int:
    """Write the stored events matching ``flt`` (or the filter keywords ``filters``) to ``out`` (a
    path or an open text file) in ``fmt`` (one of :data:`FORMATS`); returns the number of rows
    written. Every format selects the same rows, as ``newsevents events`` and the explorer do."""
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    flt = event_filter(flt, filters)
    page = {"limit": limit, "offset": offset}
    if fmt == "parquet":
        if not isinstance(out, (str, Path)) or str(out) == "-":
            raise ConfigError("parquet export needs a file path (e.g. events.parquet), not a stream")
        try:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot write export file {out}: {exc}; choose a writable path") from exc
        return store.copy_events(out, flt, format="parquet", **page)
    rows = store.iter_events(flt, **page)
    if fmt == "gdelt":
        return _write_lines(rows, out, lambda r: "\t".join(gdelt_row(r)) + "\n")
    if fmt == "plover":
        return _write_lines(rows, out,
                            lambda r: json.dumps(plover_record(r), ensure_ascii=False, default=_json_default) + "\n")
    if fmt == "icews":
        return _write_tsv(rows, out, ICEWS_COLUMNS, icews_row)
    if fmt == "polecat":
        return _write_tsv(rows, out, POLECAT_COLUMNS, polecat_row)
    if fmt == "jsonl":
        return _write_lines(rows, out, lambda r: json.dumps(r, ensure_ascii=False, default=_json_default) + "\n")
    # csv
    n = 0
    with _open_out(out) as fh:
        writer = None
        for row in rows:
            if writer is None:
                writer = csv.writer(fh, lineterminator="\n")
                writer.writerow(list(row))
            writer.writerow([_csv_cell(v) for v in row.values()])
            n += 1
        if writer is None:  # no rows: still write the header
            csv.writer(fh, lineterminator="\n").writerow(columns("events") + [a for _, a in ARTICLE_COLUMNS])
    return n
