"""The explorer's read queries: one method per view (events pages and counts, overview, dyad
series, map, network, one event, one article), each returning plain dicts ready for JSON.

Events are selected by the store's one :class:`~newsevents.store.filters.EventFilter`, as
``newsevents events`` and ``newsevents export`` select them. Every value a user sends arrives as
a DuckDB parameter; SQL text is built only from the column names in
:mod:`newsevents.store.schema` and from small whitelists in this module (time buckets, sort
directions). Page sizes, offsets and counts are bounded so that no request scans or returns
more than it must on a store of millions of events:

* the events list pages by a keyset cursor (``date_start``, ``event_id``) or by a bounded offset;
* counts stop at :data:`COUNT_CAP` and say so;
* aggregates (overview, series, map, network) return at most a few thousand rows.

The store is opened read-only, so nothing changes under a running explorer: aggregate results are
cached per filter for the life of the process.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import os
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable

import duckdb

from newsevents.errors import ConfigError, StoreError
from newsevents.store.filters import EventFilter, and_where
from newsevents.store.schema import QUAD_CLASS_NAMES, TABLES

MAX_PAGE = 500
DEFAULT_PAGE = 50
MAX_OFFSET = 10_000
COUNT_CAP = 10_000
MAX_MAP_POINTS = 2_000
MAX_EDGES = 500
INTERVALS = ("day", "week", "month", "year")

#: A DuckDB file's three 4 KiB headers, before its blocks (``PRAGMA database_size``).
STORAGE_HEADER_BYTES = 3 * 4096

CURSOR = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})?~([0-9a-f]{16})$")

#: Columns of ``events`` that list views return (``/api/events/{id}`` returns every column).
EVENT_LIST_COLUMNS = (
    "event_id", "article_id", "event_index", "date", "date_start",
    "source_code", "source_name", "source_country", "source_text",
    "target_code", "target_name", "target_country", "target_text",
    "cameo", "root", "quad_class", "goldstein", "plover", "negated", "modality",
    "evidence_text", "evidence_in", "place_name", "place_country", "place_lat", "place_lon", "main",
)


@functools.lru_cache(maxsize=1)
def cameo_names() -> dict[str, str]:
    """CAMEO code -> name, from the bundled table."""
    path = Path(__file__).resolve().parents[1] / "stages" / "events" / "data" / "cameo.tsv"
    with path.open(encoding="utf-8", newline="") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f, delimiter="\t")}


def parse_cursor(cursor: str) -> tuple[dt.date | None, str]:
    """``(date_start or None, event_id)`` of a ``next_cursor``; a :class:`ConfigError` for anything
    else, including a cursor of the right shape with a day that does not exist (``2017-13-45``)."""
    m = CURSOR.match(cursor)
    try:
        day = dt.date.fromisoformat(m.group(1)) if m and m.group(1) else None
    except ValueError:
        m = None
    if not m:
        raise ConfigError(f"cursor {cursor!r} is not one this explorer made: start again from page 1")
    return day, m.group(2)


def _json_value(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [{k: _json_value(v) for k, v in zip(names, row)} for row in cur.fetchall()]


class Explorer:
    """Queries over one store opened read-only. Thread-safe: each query uses its own cursor."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self._con = con
        self.path = path
        self._cache: OrderedDict[tuple, Any] = OrderedDict()
        self._titles: OrderedDict[str, tuple[str | None, str | None]] = OrderedDict()
        self._lock = threading.Lock()
        # As many queries at once as there are cores: DuckDB runs each on its own threads, and
        # dozens of concurrent queries (one per waiting request) make it slower, not faster.
        self._slots = threading.BoundedSemaphore(max(2, os.cpu_count() or 2))
        self._actor_pairs: dict[str, list[tuple[str | None, str | None]]] = {}
        self._pairs_lock = threading.Lock()
        self._countries: dict[tuple[str, str], frozenset[str | None]] = {}

    def check(self) -> None:
        """Raise a :class:`StoreError` when the store cannot be read: a file shorter than its
        blocks (cut short by a full disk or a copy), or damaged where the explorer's first reads
        go (the date range and one row of each table). ``newsevents serve`` refuses such a store
        at start rather than answer 500 to every request; a store damaged elsewhere still shows
        its error on the pages that read there."""
        fix = "restore it from a copy, or code the articles again into a new --db file"
        try:
            size = self._query("PRAGMA database_size")[0]
            need = STORAGE_HEADER_BYTES + int(size["total_blocks"]) * int(size["block_size"])
            have = os.path.getsize(self.path) if os.path.isfile(self.path) else need
        except (StoreError, KeyError, ValueError, TypeError, OSError) as exc:
            raise StoreError(f"store {self.path} cannot be read: {exc}; {fix}") from exc
        if have < need:
            raise StoreError(f"store {self.path} is truncated: the file has {have:,} bytes, its blocks need {need:,} "
                             f"(cut short by a full disk or an interrupted copy?); {fix}")
        try:
            self.date_bounds()
            for table in TABLES:
                self._query(f'SELECT * FROM "{table}" LIMIT 1')
        except StoreError as exc:
            raise StoreError(f"{exc}; the store is damaged: {fix}") from exc

    def warm(self) -> None:
        """Read now what the first requests would otherwise wait for: the date range and each
        side's (country, code) pairs (about 0.3 s on 10M events). The app runs it in the
        background when it starts."""
        self.date_bounds()
        for side in ("source", "target"):
            self._pairs(side)

    def _pairs(self, side: str) -> list[tuple[str | None, str | None]]:
        """The distinct (country, code) pairs of one side of the events, read once."""
        with self._pairs_lock:  # one reader; a request that comes meanwhile waits for its answer
            pairs = self._actor_pairs.get(side)
            if pairs is None:
                rows = self._query(f'SELECT DISTINCT "{side}_country" AS c, "{side}_code" AS k FROM events')
                pairs = self._actor_pairs[side] = [(r["c"], r["k"]) for r in rows]
            return pairs

    def where(self, flt: EventFilter) -> tuple[str, list[Any]]:
        """``flt.where()`` with the countries each dyad side can match (see :meth:`EventFilter.where`)."""
        return flt.where(countries=self.side_countries)

    def side_countries(self, side: str, value: str) -> set[str | None]:
        """The ``{side}_country`` values (None for NULL) of the rows where ``{side}_country`` is
        ``value`` or ``{side}_code`` starts with it, from the store's distinct (country, code)
        pairs of that side (read once: the store is read-only)."""
        key = (side, value)
        with self._lock:
            found = self._countries.get(key)
        if found is None:
            found = frozenset(c for c, k in self._pairs(side)
                              if c == value or (k is not None and k.startswith(value)))
            with self._lock:  # kept apart from the results' cache, so that it does not push them out
                if len(self._countries) >= 4096:
                    self._countries.clear()
                self._countries[key] = found
        return set(found)

    def clear_cache(self) -> None:
        """Forget the per-filter results and article titles (keep the date bounds, read once)."""
        with self._lock:
            keep = {k: v for k, v in self._cache.items() if k == ("bounds",)}
            self._cache.clear()
            self._cache.update(keep)
            self._titles.clear()

    # -- plumbing ------------------------------------------------------------------------------

    def _query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        try:
            with self._slots:
                cur = self._con.cursor()
                try:
                    cur.execute(sql, params or [])
                    return _rows(cur)
                finally:
                    cur.close()
        except duckdb.Error as exc:
            raise StoreError(f"store {self.path}: query failed: {exc}") from exc

    def _cached(self, key: tuple, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = compute()
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > 512:
                self._cache.popitem(last=False)
        return value

    # -- events ----------------------------------------------------------------------------------

    def count_events(self, flt: EventFilter) -> tuple[int, bool]:
        """``(count, capped)``: matching events, counted up to :data:`COUNT_CAP`."""
        def compute() -> tuple[int, bool]:
            where, params = self.where(flt)
            if not where:  # from the table's metadata: instant
                return (self._query("SELECT count(*) AS n FROM events")[0]["n"], False)
            n = self._query(f"SELECT count(*) AS n FROM (SELECT 1 FROM events e{where} LIMIT ?)",
                            params + [COUNT_CAP + 1])[0]["n"]
            return (min(n, COUNT_CAP), n > COUNT_CAP)
        return self._cached(("count", flt), compute)

    def events(self, flt: EventFilter, *, limit: int = DEFAULT_PAGE, offset: int = 0,
               cursor: str | None = None, order: str = "desc") -> dict[str, Any]:
        """One page of events, newest first (``order="asc"``: oldest first), with each event's
        article title and CAMEO name. Pass ``cursor`` (the previous page's ``next_cursor``) to
        page without an offset; ``offset`` is limited to :data:`MAX_OFFSET`."""
        if not 1 <= limit <= MAX_PAGE:
            raise ConfigError(f"limit {limit}: give 1..{MAX_PAGE}")
        if not 0 <= offset <= MAX_OFFSET:
            raise ConfigError(f"offset {offset}: give 0..{MAX_OFFSET}, or page on with the cursor")
        if order not in ("asc", "desc"):
            raise ConfigError(f"order {order!r}: give asc or desc")
        where, params = self.where(flt)
        desc = order == "desc"
        op = "<" if desc else ">"
        day = None
        if cursor:
            day, eid = parse_cursor(cursor)
            if day:
                cond = (f'(e."date_start" {op} ? OR (e."date_start" = ? AND e."event_id" {op} ?)'
                        f' OR e."date_start" IS NULL)')
                params += [day, day, eid]
            else:
                cond = f'(e."date_start" IS NULL AND e."event_id" {op} ?)'
                params.append(eid)
            where = and_where(where, cond)
            offset = 0
        ids, complete = self._page_ids(where, params, desc=desc, n=limit + 1, offset=offset,
                                       anchor=day)
        if complete and not cursor and (ids or not offset):
            # the page query saw every match (fewer than a page past the offset): that is the
            # count, and a second scan of the whole store for it would find the same
            found = offset + len(ids)
            self._cached(("count", flt), lambda: (min(found, COUNT_CAP), found > COUNT_CAP))
        rows = self._rows_by_id(ids)
        more = len(rows) > limit
        rows = rows[:limit]
        self._add_titles(rows)
        names = cameo_names()
        for row in rows:
            row["cameo_name"] = names.get(row["cameo"] or "")
            row["quad_name"] = QUAD_CLASS_NAMES.get(row["quad_class"])
        next_cursor = None
        if more and rows:
            last = rows[-1]
            next_cursor = f"{last['date_start'] or ''}~{last['event_id']}"
        total, capped = self.count_events(flt)
        return {"events": rows, "limit": limit, "offset": offset, "order": order,
                "next_cursor": next_cursor, "total": total, "total_capped": capped}

    def date_bounds(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last ``date_start`` of the stored events (read once)."""
        def compute():
            row = self._query('SELECT min("date_start") AS lo, max("date_start") AS hi FROM events')[0]
            return (dt.date.fromisoformat(row["lo"]) if row["lo"] else None,
                    dt.date.fromisoformat(row["hi"]) if row["hi"] else None)
        return self._cached(("bounds",), compute)

    def _page_ids(self, where: str, params: list[Any], *, desc: bool, n: int, offset: int,
                  anchor: dt.date | None) -> tuple[list[str], bool]:
        """The ids of one page, in order, and whether they are every match past ``offset`` (fewer
        than ``n`` found without a date window). The page is looked for first among the newest (or
        oldest) 1/64, then 1/8 of the date range, then everywhere: a window that already holds
        the whole page holds the right page (every row outside it sorts after every row in it),
        and DuckDB skips the row groups outside a date window, so a page of a big store rarely
        scans the whole table. Only the ids are sorted; the rows are read by id afterwards."""
        direction = "DESC" if desc else "ASC"
        lo, hi = self.date_bounds()
        windows: list[dt.date | None] = []
        if lo and hi:
            start = anchor or (hi if desc else lo)
            span = (hi - lo).days
            for frac in (64, 8):
                days = span // frac
                if days >= 1:
                    try:
                        windows.append(start - dt.timedelta(days=days) if desc else start + dt.timedelta(days=days))
                    except OverflowError:  # a cursor at 0001-01-01 or 9999-12-31: no window that way
                        break
        windows.append(None)
        for bound in windows:
            sql_where, sql_params = where, list(params)
            if bound is not None:
                sql_where = and_where(where, 'e."date_start" >= ?' if desc else 'e."date_start" <= ?')
                sql_params.append(bound)
            rows = self._query(f'SELECT e."event_id" FROM events e{sql_where} '
                               f'ORDER BY e."date_start" {direction} NULLS LAST, e."event_id" {direction} '
                               f"LIMIT ? OFFSET ?", sql_params + [n, offset])
            if len(rows) >= n or bound is None:
                return [r["event_id"] for r in rows], bound is None and len(rows) < n
        return [], False  # not reached: the last window has no bound

    def _rows_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        if not ids:
            return []
        cols = ", ".join(f'e."{c}"' for c in EVENT_LIST_COLUMNS)
        marks = ", ".join("?" for _ in ids)  # a literal IN list is a point lookup on the primary key
        rows = self._query(f'SELECT {cols} FROM events e WHERE e."event_id" IN ({marks})', list(ids))
        order = {eid: i for i, eid in enumerate(ids)}
        return sorted(rows, key=lambda r: order[r["event_id"]])

    def _add_titles(self, rows: list[dict[str, Any]]) -> None:
        """Each row's ``article_title`` and ``article_url`` (remembered: the store cannot change)."""
        with self._lock:
            known = {r["article_id"]: self._titles.get(r["article_id"]) for r in rows}
        missing = sorted(aid for aid, t in known.items() if t is None)
        if missing:
            found = {r["article_id"]: (r["title"], r["url"]) for r in self._query(
                'SELECT article_id, title, url FROM articles WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))',
                [missing])}
            with self._lock:
                for aid in missing:
                    known[aid] = self._titles[aid] = found.get(aid, (None, None))
                while len(self._titles) > 100_000:
                    self._titles.popitem(last=False)
        for row in rows:
            row["article_title"], row["article_url"] = known[row["article_id"]]

    def event(self, event_id: str) -> dict[str, Any] | None:
        """Every column of one event, with its article's title; None when there is none."""
        rows = self._query("SELECT * FROM events WHERE event_id = ?", [event_id])
        if not rows:
            return None
        self._add_titles(rows)
        row = rows[0]
        row["cameo_name"] = cameo_names().get(row["cameo"] or "")
        row["quad_name"] = QUAD_CLASS_NAMES.get(row["quad_class"])
        return row

    # -- overview --------------------------------------------------------------------------------

    def overview(self, flt: EventFilter, *, interval: str | None = None, top: int = 15) -> dict[str, Any]:
        """Counts, events by QuadClass per period, top actors and top dyads."""
        def compute() -> dict[str, Any]:
            where, params = self.where(flt)
            head = self._query(
                f'SELECT count(*) AS events, count(DISTINCT e."article_id") AS articles, '
                f'min(e."date_start") AS first, max(e."date_start") AS last FROM events e{where}', params)[0]
            stored = self._query("SELECT count(*) AS n FROM articles")[0]["n"]
            ivl = interval or _auto_interval(head["first"], head["last"])
            series = self._query(
                f"SELECT CAST(date_trunc('{ivl}', e.\"date_start\") AS DATE) AS period, e.\"quad_class\" AS quad, "
                f'count(*) AS n FROM events e{and_where(where, "e.date_start IS NOT NULL")} '
                f"GROUP BY ALL ORDER BY period, quad", params)
            actors = self._query(
                f"SELECT code, min(name) AS name, count(*) AS events FROM ("
                f'SELECT e."source_code" AS code, e."source_name" AS name FROM events e{where} UNION ALL '
                f'SELECT e."target_code", e."target_name" FROM events e{where}) '
                f"WHERE code IS NOT NULL AND code <> '' GROUP BY code ORDER BY events DESC, code LIMIT ?",
                params + params + [top])
            dyads = self.top_dyads(flt, limit=top)
            by_quad = {q: 0 for q in QUAD_CLASS_NAMES}
            for row in series:
                by_quad[row["quad"]] = by_quad.get(row["quad"], 0) + row["n"]
            periods = [r["period"] for r in _fill([{"period": p} for p in dict.fromkeys(r["period"] for r in series)],
                                                  ivl, lambda period: {"period": period})]
            return {
                "filter": flt.params(), "interval": ivl, "periods": periods,
                "stored_articles": stored, "articles": head["articles"], "events": head["events"],
                "date_range": {"first": head["first"], "last": head["last"]},
                "by_quad_class": [{"quad": q, "name": QUAD_CLASS_NAMES[q], "events": by_quad.get(q, 0)}
                                  for q in QUAD_CLASS_NAMES],
                "series": series, "top_actors": actors, "top_dyads": dyads,
            }
        return self._cached(("overview", flt, interval, top), compute)

    def top_dyads(self, flt: EventFilter, *, limit: int = 15) -> list[dict[str, Any]]:
        where, params = self.where(flt)
        return self._query(
            f"SELECT s AS source, t AS target, count(*) AS events, round(avg(g), 2) AS goldstein FROM ("
            f"SELECT coalesce(nullif(e.\"source_country\", ''), nullif(e.\"source_code\", '')) AS s, "
            f"coalesce(nullif(e.\"target_country\", ''), nullif(e.\"target_code\", '')) AS t, "
            f'e."goldstein" AS g FROM events e{where}) '
            f"WHERE s IS NOT NULL AND t IS NOT NULL GROUP BY ALL ORDER BY events DESC, s, t LIMIT ?",
            params + [limit])

    # -- dyad ------------------------------------------------------------------------------------

    def dyad_series(self, flt: EventFilter, *, interval: str = "month") -> dict[str, Any]:
        """Goldstein-weighted cooperation (sum of positive scores), conflict (sum of negative
        scores) and their net per period, with event counts by QuadClass."""
        if not flt.dyad:
            raise ConfigError("the dyad view needs dyad=SOURCE,TARGET, e.g. dyad=RUS,UKR")
        if interval not in INTERVALS:
            raise ConfigError(f"interval {interval!r}: give one of {', '.join(INTERVALS)}")

        def compute() -> dict[str, Any]:
            where, params = self.where(flt)
            where = and_where(where, 'e."date_start" IS NOT NULL')
            series = self._query(
                f"SELECT CAST(date_trunc('{interval}', e.\"date_start\") AS DATE) AS period, count(*) AS events, "
                f'round(coalesce(sum(e."goldstein") FILTER (WHERE e."goldstein" > 0), 0), 2) AS cooperation, '
                f'round(coalesce(sum(e."goldstein") FILTER (WHERE e."goldstein" < 0), 0), 2) AS conflict, '
                f'round(coalesce(sum(e."goldstein"), 0), 2) AS net, '
                + ", ".join(f'count(*) FILTER (WHERE e."quad_class" = {q}) AS q{q}' for q in QUAD_CLASS_NAMES)
                + f" FROM events e{where} GROUP BY ALL ORDER BY period LIMIT 5000", params)
            series = _fill(series, interval, lambda period: {
                "period": period, "events": 0, "cooperation": 0.0, "conflict": 0.0, "net": 0.0,
                **{f"q{q}": 0 for q in QUAD_CLASS_NAMES}})
            totals = {"events": sum(r["events"] for r in series),
                      "cooperation": round(sum(r["cooperation"] for r in series), 2),
                      "conflict": round(sum(r["conflict"] for r in series), 2)}
            totals["net"] = round(totals["cooperation"] + totals["conflict"], 2)
            return {"filter": flt.params(), "interval": interval, "series": series, "totals": totals}
        return self._cached(("dyad", flt, interval), compute)

    # -- map -------------------------------------------------------------------------------------

    def map_points(self, flt: EventFilter, *, limit: int = MAX_MAP_POINTS) -> dict[str, Any]:
        """Event locations grouped by place (rounded to 0.01 degree), busiest first."""
        def compute() -> dict[str, Any]:
            where, params = self.where(flt)
            where = and_where(where, 'e."place_lat" IS NOT NULL AND e."place_lon" IS NOT NULL')
            points = self._query(
                f'SELECT round(e."place_lat", 2) AS lat, round(e."place_lon", 2) AS lon, '
                f'min(e."place_name") AS name, min(e."place_country") AS country, '
                f'count(*) AS events, round(avg(e."goldstein"), 2) AS goldstein, '
                f'mode(e."quad_class" ORDER BY e."quad_class") AS quad FROM events e{where} GROUP BY ALL '
                f"ORDER BY events DESC, lat, lon LIMIT ?", params + [min(limit, MAX_MAP_POINTS)])
            located = self._query(f"SELECT count(*) AS n FROM events e{where}", params)[0]["n"]
            return {"filter": flt.params(), "points": points, "located_events": located}
        return self._cached(("map", flt, limit), compute)

    # -- network ---------------------------------------------------------------------------------

    def network(self, flt: EventFilter, *, limit: int = 150, min_events: int = 1) -> dict[str, Any]:
        """Actors (country, or actor code when there is no country) linked by dyads; each edge has
        its event count, its most frequent QuadClass (the lowest of a tie) and its mean Goldstein
        score. Ties and names never depend on the rows' physical order (``Store.optimize()``)."""
        limit = max(1, min(limit, MAX_EDGES))

        def compute() -> dict[str, Any]:
            where, params = self.where(flt)
            edges = self._query(
                f"SELECT s AS source, t AS target, count(*) AS events, mode(q ORDER BY q) AS quad, "
                f"round(avg(g), 2) AS goldstein FROM ("
                f"SELECT coalesce(nullif(e.\"source_country\", ''), nullif(e.\"source_code\", '')) AS s, "
                f"coalesce(nullif(e.\"target_country\", ''), nullif(e.\"target_code\", '')) AS t, "
                f'e."quad_class" AS q, e."goldstein" AS g FROM events e{where}) '
                f"WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t GROUP BY s, t HAVING count(*) >= ? "
                f"ORDER BY events DESC, s, t LIMIT ?", params + [max(1, min_events), limit])
            weight: dict[str, int] = {}
            for edge in edges:
                for side in ("source", "target"):
                    weight[edge[side]] = weight.get(edge[side], 0) + edge["events"]
            nodes = [{"id": k, "events": v} for k, v in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))]
            return {"filter": flt.params(), "nodes": nodes, "edges": edges}
        return self._cached(("network", flt, limit, min_events), compute)

    # -- article ---------------------------------------------------------------------------------

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its events, actors, places, times and quotes (offsets into its text)."""
        rows = self._query(
            'SELECT article_id, input_id, "date", title, url, source, path, text, tone, story_id, '
            "n_words, n_events, added_at FROM articles WHERE article_id = ?", [article_id])
        if not rows:
            return None
        art = rows[0]
        art["events"] = self._query(
            "SELECT * FROM events WHERE article_id = ? ORDER BY event_index, "
            "source_index NULLS FIRST, target_index NULLS FIRST", [article_id])
        names = cameo_names()
        for ev in art["events"]:
            ev["cameo_name"] = names.get(ev["cameo"] or "")
            ev["quad_name"] = QUAD_CLASS_NAMES.get(ev["quad_class"])
        for table, cols in (("actors", "mention, text, start, \"end\", code, country, sector, name, kind, how"),
                            ("places", "mention, start, \"end\", text, name, lat, lon, country, admin1, feature, role"),
                            ("times", "mention, start, \"end\", text, value, type"),
                            ("quotes", "mention, start, \"end\", text, speaker_text, speaker_start, "
                                       "speaker_end, speaker_name, speaker_code")):
            art[table] = self._query(f"SELECT {cols} FROM {table} WHERE article_id = ? ORDER BY mention",
                                     [article_id])
        return art


def _next_period(day: dt.date, interval: str) -> dt.date:
    if interval == "day":
        return day + dt.timedelta(days=1)
    if interval == "week":
        return day + dt.timedelta(days=7)
    if interval == "month":
        return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return dt.date(day.year + 1, 1, 1)


def _fill(rows: list[dict[str, Any]], interval: str, empty: Callable[[str], dict[str, Any]],
          *, limit: int = 5_000) -> list[dict[str, Any]]:
    """``rows`` (sorted by ISO ``period``) with the periods between them that have no events added
    as ``empty(period)``, so that charts show gaps as zeros; unchanged when that would pass ``limit``."""
    if len(rows) < 2:
        return rows
    have = {r["period"]: r for r in rows}
    out: list[dict[str, Any]] = []
    day, last = dt.date.fromisoformat(rows[0]["period"]), dt.date.fromisoformat(rows[-1]["period"])
    while day <= last:
        if len(out) >= limit:
            return rows
        key = day.isoformat()
        out.append(have.get(key) or empty(key))
        try:
            day = _next_period(day, interval)
        except (OverflowError, ValueError):  # the calendar's last period (9999-12-31)
            break
    return out


def _auto_interval(first: Any, last: Any) -> str:
    if not first or not last:
        return "month"
    days = (dt.date.fromisoformat(str(last)) - dt.date.fromisoformat(str(first))).days
    if days <= 120:
        return "day"
    if days <= 730:
        return "week" if days <= 240 else "month"
    return "month" if days <= 365 * 8 else "year"
