"""Reading the store: events filtered by the one :class:`~newsevents.store.filters.EventFilter`
(lists, streams, ``COPY`` to a file), the summary, one article with its records, story signatures
and GDELT-like event counts.

:class:`StoreQueries` is the reading part of :class:`newsevents.store.Store`; the explorer's
queries (pages, counts, series, map, network) are in :mod:`newsevents.store.explorer`, over the
same filter.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterator

from newsevents.errors import ConfigError
from newsevents.store import schema
from newsevents.store.connection import StoreConnection
from newsevents.store.filters import EventFilter, and_where

#: Columns of ``articles`` joined onto each event row returned by queries and exports.
ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("input_id", "article_input_id"),
    ("title", "article_title"),
    ("url", "article_url"),
    ("source", "article_source"),
    ("path", "article_path"),
    ("story_id", "article_story_id"),
    ("date", "article_date"),
    ("tone", "article_tone"),
    ("added_at", "article_added_at"),
)

EVENT_ORDER = ('e."date_start" NULLS LAST, e."article_id", e."event_index", '
               'e."source_index" NULLS FIRST, e."target_index" NULLS FIRST')


def event_filter(flt: EventFilter | None, options: dict[str, Any]) -> EventFilter:
    """``flt``, or the filter the keyword ``options`` give (:meth:`EventFilter.from_options`)."""
    if flt is None:
        return EventFilter.from_options(**options)
    if not isinstance(flt, EventFilter):
        raise ConfigError(f"an event filter is an EventFilter, not {type(flt).__name__}")
    if options:
        raise ConfigError(f"give an EventFilter or filter keywords, not both ({', '.join(sorted(options))})")
    return flt


class StoreQueries(StoreConnection):
    """Reading: :meth:`events`, :meth:`iter_events`, :meth:`copy_events`, :meth:`summary`,
    :meth:`article`, :meth:`story_signatures`, :meth:`event_counts`.

    The event reads take an :class:`EventFilter` or its keywords (``store.events(dyad="RUS,IRN",
    type="04")``: see :meth:`EventFilter.from_options`)."""

    def events_sql(self, flt: EventFilter, limit: int | None, offset: int) -> tuple[str, list[Any]]:
        """The SQL and parameters of the events matching ``flt`` (with their ``article_*``
        columns), oldest first, ``limit`` rows (None: all) from ``offset``."""
        where, params = flt.where()
        cols = ", ".join(f'e."{c}"' for c in schema.columns("events"))
        cols += ", " + ", ".join(f'a."{c}" AS "{alias}"' for c, alias in ARTICLE_COLUMNS)
        if limit is not None and int(limit) < 0:
            raise ConfigError(f"limit must be 0 or more, not {limit}")
        if offset and int(offset) < 0:
            raise ConfigError(f"offset must be 0 or more, not {offset}")
        page = ""
        if limit is not None:
            page += " LIMIT ?"
            params.append(int(limit))
        if offset:
            page += " OFFSET ?"
            params.append(int(offset))
        if limit is None:
            sql = (f"SELECT {cols} FROM events e JOIN articles a ON a.article_id = e.article_id"
                   f"{where} ORDER BY {EVENT_ORDER}{page}")
            return sql, params
        # A page: sort and cut the events first (those with an article, as the join keeps), then
        # join the page's rows to their articles (one each: article_id is the articles' key), so
        # the articles' columns are read for one page, not for every match.
        where = and_where(where, "e.article_id IN (SELECT article_id FROM articles)")
        sql = (f"SELECT {cols} FROM (SELECT e.* FROM events e{where} ORDER BY {EVENT_ORDER}{page}) e "
               f"JOIN articles a ON a.article_id = e.article_id ORDER BY {EVENT_ORDER}")
        return sql, params

    def events(self, flt: EventFilter | None = None, /, *, limit: int | None = 100, offset: int = 0,
               **filters: Any) -> list[dict[str, Any]]:
        """Stored events (one row per dyad) as dicts, oldest first, that match ``flt`` or the
        filter keywords (``actor``, ``country``, ``dyad``, ``type``, ``cameo``, ``plover``,
        ``since``, ``until``, ``main``, ...: see :class:`EventFilter`; ``type`` is a CAMEO prefix
        when it is digits, else a PLOVER type).

        Each dict has the ``events`` columns plus ``article_*`` columns from its article.
        ``limit=None`` returns every match."""
        sql, params = self.events_sql(event_filter(flt, filters), limit, offset)
        return self.fetch(sql, params, action="querying events")

    def iter_events(self, flt: EventFilter | None = None, /, *, limit: int | None = None, offset: int = 0,
                    batch: int = 2000, **filters: Any) -> Iterator[dict[str, Any]]:
        """Like :meth:`events` but streams all matches (no limit by default)."""
        sql, params = self.events_sql(event_filter(flt, filters), limit, offset)
        self.flush()
        with self.guard("reading events"):
            cur = self.con.cursor()
            try:
                cur.execute(sql, params)
                names = [d[0] for d in cur.description]
                while rows := cur.fetchmany(batch):
                    for row in rows:
                        yield dict(zip(names, row))
            finally:
                cur.close()

    def copy_events(self, path: str | Path, flt: EventFilter | None = None, /, *, format: str = "parquet",
                    limit: int | None = None, offset: int = 0, **filters: Any) -> int:
        """Write the matching events (with their ``article_*`` columns) to a file with DuckDB's
        ``COPY``; ``format`` is ``parquet`` or ``csv``. Returns the rows written."""
        fmt = format.lower()
        if fmt not in ("parquet", "csv"):
            raise ConfigError(f"copy format {format!r}: use parquet or csv")
        sql, params = self.events_sql(event_filter(flt, filters), limit, offset)
        self.flush()
        target = str(Path(path)).replace("'", "''")  # a file name, quoted as a SQL string literal
        options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
        with self.guard(f"writing {fmt} to {path}"):
            row = self.con.execute(f"COPY ({sql}) TO '{target}' ({options})", params).fetchone()
        return int(row[0]) if row else 0

    def summary(self) -> dict[str, Any]:
        """Counts: articles, events (dyad rows) and event_groups, events by QuadClass name, top 10
        dyads (source -> target country, or actor code when an actor has no country; both sides
        known), event
        date range, rejections, runs and the last run's counts."""
        self.flush()
        with self.guard("summarising"):
            con = self.con
            one = lambda sql, p=None: con.execute(sql, p or []).fetchone()  # noqa: E731
            articles = one("SELECT count(*) FROM articles")[0]
            events, groups, first, last, main = one(
                "SELECT count(*), count(DISTINCT event_group), min(date_start), max(date_start), "
                "count(*) FILTER (WHERE coalesce(main, TRUE)) FROM events")
            by_quad = dict(con.execute("SELECT quad_class, count(*) FROM events GROUP BY ALL").fetchall())
            dyads = con.execute(
                "SELECT coalesce(nullif(source_country, ''), nullif(source_code, '')) AS s, "
                "coalesce(nullif(target_country, ''), nullif(target_code, '')) AS t, count(*) AS n FROM events "
                "WHERE s IS NOT NULL AND t IS NOT NULL "
                "GROUP BY ALL ORDER BY n DESC, s, t LIMIT 10").fetchall()
            rejections = one("SELECT count(*) FROM rejections")[0]
            runs = one("SELECT count(*) FROM runs")[0]
        last_run = self.fetch("SELECT * FROM runs ORDER BY started_at DESC, run_id DESC LIMIT 1",
                               action="reading the last run")
        last_run_d = None
        if last_run:
            last_run_d = {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in last_run[0].items()}
            last_run_d["rejections"] = self.fetch(
                "SELECT count(*) AS n FROM rejections WHERE run_id = ?", [last_run_d["run_id"]],
                action="counting rejections")[0]["n"]
        return {
            "articles": articles,
            "events": events,
            "main_events": main,
            "event_groups": groups,
            "by_quad_class": {name: by_quad.get(q, 0) for q, name in schema.QUAD_CLASS_NAMES.items()},
            "top_dyads": [{"source": s, "target": t, "events": n} for s, t, n in dyads],
            "date_range": {"first": first.isoformat() if first else None,
                           "last": last.isoformat() if last else None},
            "rejections": rejections,
            "runs": runs,
            "last_run": last_run_d,
        }

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One stored article with its records (``events``, ``entities``, ``actors``, ``places``,
        ``times``, ``quotes`` lists), by content hash or, failing that, by input id (the most
        recently added one). None when there is no such article."""
        cols = ", ".join(f'"{c}"' for c in schema.columns("articles"))
        rows = self.fetch(f"SELECT {cols} FROM articles WHERE article_id = ?", [article_id],
                           action="reading an article")
        if not rows:
            rows = self.fetch(f"SELECT {cols} FROM articles WHERE input_id = ? ORDER BY added_at DESC LIMIT 1",
                               [article_id], action="reading an article")
        if not rows:
            return None
        art = rows[0]
        aid = art["article_id"]
        ev_cols = ", ".join(f'"{c}"' for c in schema.columns("events"))
        art["events"] = self.fetch(
            f"SELECT {ev_cols} FROM events WHERE article_id = ? ORDER BY event_index, "
            f"source_index NULLS FIRST, target_index NULLS FIRST", [aid], action="reading an article")
        for table in ("entities", "actors", "places", "times", "quotes"):
            tcols = ", ".join(f'"{c}"' for c in schema.columns(table)[2:])
            art[table] = self.fetch(f"SELECT {tcols} FROM {table} WHERE article_id = ? ORDER BY mention",
                                     [aid], action="reading an article")
        return art

    # -- stories -------------------------------------------------------------------------------

    def story_signatures(self, *, date_from: str | None = None, date_to: str | None = None) -> list[Any]:
        """Stored ``stories.Signature`` s, those dated within ``date_from``..``date_to`` (ISO days)
        when both are given (undated ones always come too)."""
        import numpy as np

        from newsevents.stories import Signature

        sql = ('SELECT article_id, input_id, CAST("date" AS VARCHAR) AS d, source, story_id, duplicate_of, '
               'minhash, terms, weights FROM story_signatures')
        params: list[Any] = []
        if date_from and date_to:
            sql += ' WHERE "date" IS NULL OR "date" BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)'
            params = [date_from, date_to]
        sql += " ORDER BY \"date\" NULLS LAST, article_id"
        out = []
        for r in self.fetch(sql, params, action="reading story signatures"):
            out.append(Signature(id=r["input_id"], article_id=r["article_id"], date=r["d"], source=r["source"],
                                 minhash=np.array(r["minhash"], dtype=np.uint64),
                                 terms=dict(zip(r["terms"], r["weights"])), story_id=r["story_id"],
                                 duplicate_of=r["duplicate_of"]))
        return out

    def articles_without_story(self) -> list[dict[str, Any]]:
        """Stored articles that have no story id or no story signature (a run stopped after
        storing them and before putting them into stories), in the order they were stored, each
        with what a ``stories.Signature`` is computed from: ``article_id``, ``input_id``,
        ``date`` (ISO day or None), ``title``, ``source``, ``text``, ``entities`` ([text, label]),
        ``geonameids`` and ``dyads`` ([source codes, target codes, root] per event)."""
        rows = self.fetch(
            'SELECT a.article_id, a.input_id, CAST(a."date" AS VARCHAR) AS "date", a.title, a.source, a.text '
            "FROM articles a LEFT JOIN story_signatures s ON s.article_id = a.article_id "
            "WHERE a.story_id IS NULL OR s.article_id IS NULL ORDER BY a.rowid",
            action="reading articles without a story")
        if not rows:
            return rows
        ids = [r["article_id"] for r in rows]
        by_id = {r["article_id"]: r for r in rows}
        for r in rows:
            r["entities"], r["geonameids"], r["dyads"] = [], [], []
        wanted = "article_id IN (SELECT UNNEST(?::VARCHAR[]))"
        for e in self.fetch(f"SELECT article_id, text, label FROM entities WHERE {wanted} ORDER BY article_id, mention",
                            [ids], action="reading entities"):
            by_id[e["article_id"]]["entities"].append((e["text"], e["label"]))
        for p in self.fetch(f"SELECT article_id, geonameid FROM places WHERE {wanted} ORDER BY article_id, mention",
                            [ids], action="reading places"):
            by_id[p["article_id"]]["geonameids"].append(p["geonameid"])
        for ev in self.fetch(
                "SELECT article_id, event_index, list_sort(list_distinct(list(source_code))) AS src, "
                "list_sort(list_distinct(list(target_code))) AS tgt, any_value(root) AS root "
                f"FROM events WHERE {wanted} GROUP BY article_id, event_index ORDER BY article_id, event_index",
                [ids], action="reading events"):
            by_id[ev["article_id"]]["dyads"].append((ev["src"] or [], ev["tgt"] or [], ev["root"]))
        return rows

    def event_counts(self, *, story_id: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """GDELT-like counts per (story, source code, target code, cameo): ``num_articles``,
        ``num_sources``, ``num_mentions``, most-mentioned first."""
        sql = "SELECT * FROM event_counts"
        params: list[Any] = []
        if story_id:
            sql += " WHERE story_id = ?"
            params.append(story_id)
        sql += " ORDER BY num_mentions DESC, num_articles DESC, story_id, cameo, source_code NULLS LAST, target_code NULLS LAST"
        if limit:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self.fetch(sql, params, action="reading event counts")
