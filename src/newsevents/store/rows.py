"""How coded records become table rows (column order = ``schema.TABLES``), and the date and id
helpers those rows are built with: :func:`period`, :func:`event_ids`, :func:`utcnow`.

Used by the store's writer (:mod:`newsevents.store.writer`) and by the Parquet writer
(:mod:`newsevents.store.parquet`), so both write the same rows.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from typing import Any, Iterable

from newsevents.records import DocumentResult, Event, Place, Rejection
from newsevents.store import schema


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


PERIOD_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


def period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of an ISO date or period: ``2015`` -> 2015-01-01..2015-12-31,
    ``2017-11`` -> 2017-11-01..2017-11-30, ``2017-11-02`` (or a datetime) -> that day.
    ``None`` for anything else (``PAST_REF``, ``P3D``, garbage)."""
    if not value:
        return None
    m = PERIOD_RE.match(value.strip())
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        mo = int(month)
        if day is None:
            return dt.date(year, mo, 1), dt.date(year, mo, calendar.monthrange(year, mo)[1])
        d = dt.date(year, mo, int(day))
        return d, d
    except ValueError:
        return None


def event_ids(article_id: str, index: int, source_index: int | None, target_index: int | None) -> tuple[str, str]:
    """``(event_id, event_group)``: 16-hex-digit hashes of the article id, the event's position in
    the article and the dyad. The same article always yields the same ids."""
    group = hashlib.sha1(f"{article_id}:{index}".encode()).hexdigest()[:16]
    eid = hashlib.sha1(f"{article_id}:{index}:{source_index}:{target_index}".encode()).hexdigest()[:16]
    return eid, group


# -- row builders (column order = schema.TABLES) -------------------------------------------------

def place_values(p: Place | None) -> list[Any]:
    if p is None:
        return [None] * 8
    return [p.text, p.name, p.lat, p.lon, p.country, p.admin1, p.geonameid, p.feature]


def article_row(res: DocumentResult, article_id: str, run_id: str | None, now: dt.datetime) -> list[Any]:
    a = res.article
    span = period(a.date)
    dl = res.dateline
    return [
        article_id, a.id, span[0] if span else None, a.title, a.url, a.source, a.path, a.encoding,
        a.encoding_guessed, a.text, res.tone, res.story_id,
        dl.start if dl else None, dl.end if dl else None, *place_values(dl),
        list(res.repairs), res.n_words, len(res.events), run_id, now,
    ]


def actor_values(actor) -> list[Any]:
    if actor is None:
        return [None] * 8
    return [actor.code or None, actor.country, actor.sector, actor.name, actor.text, actor.kind,
            actor.start, actor.end]


def event_rows(article_id: str, index: int, ev: Event) -> list[list[Any]]:
    sources = list(enumerate(ev.source)) or [(None, None)]
    targets = list(enumerate(ev.target)) or [(None, None)]
    span = period(ev.date)
    common = [
        ev.cameo, ev.root, ev.quad_class, ev.goldstein, ev.plover, ev.plover_mode, ev.negated,
        ev.modality, ev.confidence, ev.evidence_start, ev.evidence_end, ev.evidence_text, ev.trigger,
        ev.rule, ev.sentence_index, *place_values(ev.place), ev.tone, ev.fatalities, ev.evidence_in,
        ev.salience, ev.main,
    ]
    rows = []
    for si, src in sources:
        for ti, tgt in targets:
            eid, group = event_ids(article_id, index, si, ti)
            rows.append([
                eid, group, article_id, index, si, ti, ev.date,
                span[0] if span else None, span[1] if span else None, ev.date_source, ev.date_precision,
                *actor_values(src), *actor_values(tgt), *common,
            ])
    return rows


def child_rows(table: str, article_id: str, records: Iterable[Any]) -> list[list[Any]]:
    fields = schema.columns(table)[2:]
    return [[article_id, i, *(getattr(r, f) for f in fields)] for i, r in enumerate(records)]


def rows_for(res: DocumentResult, article_id: str, run_id: str | None, now: dt.datetime,
              out: dict[str, list[list[Any]]]) -> None:
    out["articles"].append(article_row(res, article_id, run_id, now))
    for i, ev in enumerate(res.events):
        out["events"].extend(event_rows(article_id, i, ev))
    out["entities"].extend(child_rows("entities", article_id, res.entities))
    out["actors"].extend(child_rows("actors", article_id, res.actors))
    out["places"].extend(child_rows("places", article_id, res.places))
    out["times"].extend(child_rows("times", article_id, res.times))
    out["quotes"].extend(child_rows("quotes", article_id, res.quotes))


def rejection_row(rej: Rejection, run_id: str | None, now: dt.datetime) -> list[Any]:
    return [run_id, rej.record_id, rej.path, rej.status, rej.stage, rej.reason, now]


WRITE_TABLES = ("articles", "events", "entities", "actors", "places", "times", "quotes")
INSERT_SQL = {t: schema.insert_sql(t) for t in schema.TABLES}
