"""The DuckDB store: open/migrate, write coded articles idempotently, query events.

Every DuckDB error is raised as :class:`newsevents.errors.StoreError` naming the file and a fix.
All queries are parameterised; SQL text is built only from the column names in ``schema.py``.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import hashlib
import json
import logging
import re
import secrets
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb

from newsevents.errors import ConfigError, StoreError
from newsevents.records import DocumentResult, Event, Place, Rejection, RunSummary
from newsevents.store import schema

log = logging.getLogger(__name__)

#: Columns of ``articles`` joined onto each event row returned by queries and exports.
ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("input_id", "article_input_id"),
    ("title", "article_title"),
    ("url", "article_url"),
    ("path", "article_path"),
    ("story_id", "article_story_id"),
    ("date", "article_date"),
    ("tone", "article_tone"),
    ("added_at", "article_added_at"),
)

EVENT_ORDER = ('e."date_start" NULLS LAST, e."article_id", e."event_index", '
               'e."source_index" NULLS FIRST, e."target_index" NULLS FIRST')


def events_layout(recent_from: dt.date | None) -> str:
    """The ORDER BY that :meth:`Store.optimize` lays ``events`` out in. Events dated before
    ``recent_from`` come first, by year, then source country, target country and date: each
    year holds a dyad's rows together, so DuckDB's min/max zone maps skip the rest of the year
    for a dyad or country pair, and a date window still reads only the years it covers. The
    recent events (from ``recent_from``, the last eighth of the date range, where the explorer
    looks first for a page of the newest events) follow in date order, like the rows appended
    later; undated events come last."""
    if recent_from is None:
        return ('year("date_start") NULLS LAST, "source_country" NULLS LAST, "target_country" NULLS LAST, '
                '"date_start" NULLS LAST, "event_id"')
    old = f"(\"date_start\" < DATE '{recent_from.isoformat()}')"
    return (f'{old} DESC NULLS LAST, CASE WHEN {old} THEN year("date_start") END NULLS LAST, '
            f'CASE WHEN {old} THEN "source_country" END NULLS LAST, '
            f'CASE WHEN {old} THEN "target_country" END NULLS LAST, "date_start" NULLS LAST, "event_id"')


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


def period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of an ISO date or period: ``2015`` -> 2015-01-01..2015-12-31,
    ``2017-11`` -> 2017-11-01..2017-11-30, ``2017-11-02`` (or a datetime) -> that day.
    ``None`` for anything else (``PAST_REF``, ``P3D``, garbage)."""
    if not value:
        return None
    m = _PERIOD.match(value.strip())
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

def _place_values(p: Place | None) -> list[Any]:
    if p is None:
        return [None] * 8
    return [p.text, p.name, p.lat, p.lon, p.country, p.admin1, p.geonameid, p.feature]


def _article_row(res: DocumentResult, article_id: str, run_id: str | None, now: dt.datetime) -> list[Any]:
    a = res.article
    span = period(a.date)
    dl = res.dateline
    return [
        article_id, a.id, span[0] if span else None, a.title, a.url, a.source, a.path, a.encoding,
        a.encoding_guessed, a.text, res.tone, res.story_id,
        dl.start if dl else None, dl.end if dl else None, *_place_values(dl),
        list(res.repairs), res.n_words, len(res.events), run_id, now,
    ]


def _actor_values(actor) -> list[Any]:
    if actor is None:
        return [None] * 8
    return [actor.code or None, actor.country, actor.sector, actor.name, actor.text, actor.kind,
            actor.start, actor.end]


def _event_rows(article_id: str, index: int, ev: Event) -> list[list[Any]]:
    sources = list(enumerate(ev.source)) or [(None, None)]
    targets = list(enumerate(ev.target)) or [(None, None)]
    span = period(ev.date)
    common = [
        ev.cameo, ev.root, ev.quad_class, ev.goldstein, ev.plover, ev.plover_mode, ev.negated,
        ev.modality, ev.confidence, ev.evidence_start, ev.evidence_end, ev.evidence_text, ev.trigger,
        ev.rule, ev.sentence_index, *_place_values(ev.place), ev.tone, ev.fatalities, ev.evidence_in,
        ev.salience, ev.main,
    ]
    rows = []
    for si, src in sources:
        for ti, tgt in targets:
            eid, group = event_ids(article_id, index, si, ti)
            rows.append([
                eid, group, article_id, index, si, ti, ev.date,
                span[0] if span else None, span[1] if span else None, ev.date_source,
                *_actor_values(src), *_actor_values(tgt), *common,
            ])
    return rows


def _child_rows(table: str, article_id: str, records: Iterable[Any]) -> list[list[Any]]:
    fields = schema.columns(table)[2:]
    return [[article_id, i, *(getattr(r, f) for f in fields)] for i, r in enumerate(records)]


def _rows_for(res: DocumentResult, article_id: str, run_id: str | None, now: dt.datetime,
              out: dict[str, list[list[Any]]]) -> None:
    out["articles"].append(_article_row(res, article_id, run_id, now))
    for i, ev in enumerate(res.events):
        out["events"].extend(_event_rows(article_id, i, ev))
    out["entities"].extend(_child_rows("entities", article_id, res.entities))
    out["actors"].extend(_child_rows("actors", article_id, res.actors))
    out["places"].extend(_child_rows("places", article_id, res.places))
    out["times"].extend(_child_rows("times", article_id, res.times))
    out["quotes"].extend(_child_rows("quotes", article_id, res.quotes))


def _rejection_row(rej: Rejection, run_id: str | None, now: dt.datetime) -> list[Any]:
    return [run_id, rej.record_id, rej.path, rej.status, rej.stage, rej.reason, now]


_WRITE_TABLES = ("articles", "events", "entities", "actors", "places", "times", "quotes")
_INSERT = {t: schema.insert_sql(t) for t in schema.TABLES}


# -- errors --------------------------------------------------------------------------------------

def _hint(exc: BaseException, *, opening: bool = False) -> str:
    """A likely fix for a DuckDB error, in words a user can act on."""
    msg = str(exc).lower()
    if "lock" in msg:
        return ("is another process writing to it? Wait for it to finish, or use another --db file "
                "(readers can share a store only when nobody writes)")
    if "disk" in msg or "no space" in msg:
        return "is the disk full? Free some space and run again (nothing is stored twice)"
    if opening and ("does not exist" in msg or "no such file" in msg):
        return "no store there yet: create it with `newsevents ingest PATHS --db FILE`"
    if "read-only" in msg or "read only" in msg or "permission" in msg:
        return "the file or its folder is not writable: check permissions or use another --db file"
    if not opening:
        return ("the store may be damaged or made by another program: check it with "
                "`newsevents summary --db FILE`, or use a new --db file")
    if "is a directory" in msg:
        return "that path is a directory: give a file name such as events.duckdb"
    if "not a valid duckdb" in msg:
        return "that file is not a DuckDB database: give a new file name or a store made by `newsevents ingest`"
    if "serializ" in msg or "version" in msg:
        return ("it may have been written by a newer duckdb than the one installed "
                f"({duckdb.__version__}): upgrade duckdb or use a new --db file")
    return "check that the file is a newsevents DuckDB store and that its folder is writable"


class Store:
    """A newsevents DuckDB store. Open with :func:`open_db`; use as a context manager.

    Writing: ``run_id = store.begin_run(cmd)``, then :meth:`write` / :meth:`write_many` and
    :meth:`write_rejection`, then :meth:`finish_run`. Reading: :meth:`events`,
    :meth:`iter_events`, :meth:`summary`, :meth:`article`, :meth:`copy_events`.

    :meth:`write` buffers up to ``write_batch`` articles and writes them in one transaction (every
    read, :meth:`flush`, :meth:`finish_run` and :meth:`close` writes the buffer first). One store
    object serves one thread; DuckDB lets one process write a file at a time.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool, write_batch: int = 64):
        self._con: duckdb.DuckDBPyConnection | None = con
        self.path = path
        self.read_only = read_only
        self.write_batch = max(1, int(write_batch))
        self._pending: dict[str, tuple[DocumentResult, str | None]] = {}
        self._pending_rejections: list[tuple[Rejection, str | None]] = []

    # -- plumbing --------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
            return
        try:  # articles coded before the error are complete: keep them
            self.flush()
        except StoreError as flush_exc:
            log.warning("%s", flush_exc)
        finally:
            self._pending.clear()
            self._pending_rejections.clear()
            with contextlib.suppress(StoreError):
                self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r}, read_only={self.read_only})"

    def close(self) -> None:
        """Write the buffer and close the connection (idempotent)."""
        if self._con is None:
            return
        try:
            self.flush()
        finally:
            con, self._con = self._con, None
            try:
                con.close()
            except duckdb.Error as exc:
                raise StoreError(f"store {self.path}: closing failed: {exc}; "
                                 f"{_hint(exc)}") from exc

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError(f"store {self.path} is closed: open it again with open_db()")
        return self._con

    @contextlib.contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except duckdb.Error as exc:
            raise StoreError(f"store {self.path}: {action} failed: {exc}; "
                             f"{_hint(exc)}") from exc

    @contextlib.contextmanager
    def _transaction(self, action: str) -> Iterator[duckdb.DuckDBPyConnection]:
        self._writable(action)
        con = self.con
        with self._guard(action):
            con.begin()
            try:
                yield con
                con.commit()
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    con.rollback()
                raise

    def _writable(self, action: str) -> None:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only: {action} needs open_db(path) "
                             f"without read_only=True")
        if self._con is None:
            raise StoreError(f"store {self.path} is closed: open it again with open_db()")

    def _insert(self, con: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]]) -> None:
        if rows:
            con.execute(_INSERT[table], [list(col) for col in zip(*rows)])

    def _fetch(self, sql: str, params: list[Any] | None = None, *, action: str) -> list[dict[str, Any]]:
        self.flush()
        with self._guard(action):
            cur = self.con.execute(sql, params or [])
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]

    # -- writing ---------------------------------------------------------------------------------

    def begin_run(self, command: str) -> str:
        """Record the start of a run; returns its id (``20180102T030405Z-1a2b3c``)."""
        from newsevents import __version__

        now = _utcnow()
        run_id = f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
        with self._transaction("starting a run") as con:
            con.execute('INSERT INTO runs (run_id, command, version, started_at) VALUES (?, ?, ?, ?)',
                        [run_id, command, __version__, now])
        return run_id

    def finish_run(self, run_id: str, summary: RunSummary) -> None:
        """Write the buffer, then store a run's counts and end time. Rejections are stored by
        :meth:`write_rejection` (or :meth:`write_many`), not here."""
        self.flush()
        with self._transaction("finishing a run") as con:
            found = con.execute(
                'UPDATE runs SET finished_at = ?, "read" = ?, coded = ?, skipped = ?, failed = ?, '
                'already_stored = ?, events = ?, words = ?, seconds = ?, encodings_guessed = ? '
                'WHERE run_id = ? RETURNING run_id',
                [_utcnow(), summary.read, summary.coded, summary.skipped, summary.failed,
                 summary.already_stored, summary.events, summary.words, summary.seconds,
                 json.dumps(summary.encodings_guessed, sort_keys=True), run_id],
            ).fetchall()
            if not found:
                raise StoreError(f"store {self.path}: no run {run_id!r}: call begin_run() first")

    def has_article(self, content_hash: str) -> bool:
        """True when an article with this content hash is stored (or waiting in the write buffer)."""
        if content_hash in self._pending:
            return True
        with self._guard("checking for a stored article"):
            return self.con.execute("SELECT 1 FROM articles WHERE article_id = ?", [content_hash]).fetchone() is not None

    def write(self, result: DocumentResult, *, run_id: str | None = None) -> bool:
        """Store one coded article with all its records; returns False (and stores nothing) when an
        article with the same content hash is already stored, so re-running over the same input
        adds nothing twice.

        Writes are buffered: articles go to the file in batches of ``write_batch`` (see
        :func:`open_db`), each batch one transaction holding whole articles. Every query,
        :meth:`flush`, :meth:`finish_run` and :meth:`close` writes the buffer first."""
        if not isinstance(result, DocumentResult):
            raise StoreError(f"store {self.path}: write() takes a DocumentResult, not {type(result).__name__}; "
                             f"use write_rejection() for a Rejection")
        self._writable("writing an article")
        aid = result.article.content_hash
        if self.has_article(aid):
            return False
        self._pending[aid] = (result, run_id)
        if len(self._pending) >= self.write_batch:
            self.flush()
        return True

    def write_rejection(self, rej: Rejection, *, run_id: str | None = None) -> None:
        """Store a skipped or failed input record with its reason, under ``run_id`` (buffered
        like :meth:`write`)."""
        self._writable("writing a rejection")
        self._pending_rejections.append((rej, run_id))
        if len(self._pending_rejections) >= self.write_batch:
            self.flush()

    def write_many(self, results: Iterable[DocumentResult | Rejection], run_id: str | None = None) -> int:
        """Store many results at once, in one transaction with one columnar insert per table.

        Articles already stored (or repeated within ``results``) are skipped; a
        :class:`Rejection` among the results is stored as by :meth:`write_rejection`.
        Returns the number of articles newly stored."""
        self.flush()
        docs: dict[str, tuple[DocumentResult, str | None]] = {}
        rejections: list[tuple[Rejection, str | None]] = []
        for res in results:
            if isinstance(res, Rejection):
                rejections.append((res, run_id))
            elif isinstance(res, DocumentResult):
                docs.setdefault(res.article.content_hash, (res, run_id))
            else:
                raise StoreError(f"store {self.path}: cannot store a {type(res).__name__}; "
                                 f"pass DocumentResult or Rejection records")
        return self._write_batch(docs, rejections)

    def flush(self) -> int:
        """Write buffered articles and rejections now; returns the articles written."""
        if not self._pending and not self._pending_rejections:
            return 0
        docs, rejections = self._pending, self._pending_rejections
        self._pending, self._pending_rejections = {}, []
        try:
            return self._write_batch(docs, rejections)
        except StoreError as exc:
            raise StoreError(f"{exc} ({len(docs)} buffered article(s) were not stored: run again to "
                             f"store them; nothing is stored twice)") from exc.__cause__

    def _write_batch(self, docs: dict[str, tuple[DocumentResult, str | None]],
                     rejections: list[tuple[Rejection, str | None]]) -> int:
        now = _utcnow()
        n = 0
        with self._transaction(f"writing {len(docs)} article(s)") as con:
            if docs:
                stored = {r[0] for r in con.execute(
                    "SELECT article_id FROM articles WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))",
                    [list(docs)]).fetchall()}
                rows: dict[str, list[list[Any]]] = {t: [] for t in _WRITE_TABLES}
                for aid, (res, run_id) in docs.items():
                    if aid not in stored:
                        _rows_for(res, aid, run_id, now, rows)
                for table in _WRITE_TABLES:
                    self._insert(con, table, rows[table])
                n = len(rows["articles"])
            self._insert(con, "rejections", [_rejection_row(r, run_id, now) for r, run_id in rejections])
        return n

    # -- reading ---------------------------------------------------------------------------------

    def _event_filter(self, *, actor: str | None = None, country: str | None = None,
                      dyad: str | None = None, type: str | None = None, since: str | None = None,
                      until: str | None = None, main: bool | None = None) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if main:
            where.append('coalesce(e."main", TRUE)')
        if actor is not None and actor.strip():
            needle = actor.strip().lower()
            cols = [f'e."{side}_{c}"' for side in ("source", "target") for c in ("name", "code", "text")]
            where.append("(" + " OR ".join(f"contains(lower({c}), ?)" for c in cols) + ")")
            params.extend([needle] * len(cols))
        if country is not None and country.strip():
            where.append('(e."source_country" = ? OR e."target_country" = ?)')
            params.extend([country.strip().upper()] * 2)
        if dyad is not None and dyad.strip():
            parts = re.split(r"\s*(?:->|>|,)\s*", dyad.strip())
            if len(parts) != 2 or not any(parts):
                raise ConfigError(f"dyad {dyad!r}: give SOURCE,TARGET country or actor codes, e.g. RUS,IRN "
                                  f"(either side may be empty: RUS, for anything Russia did)")
            for side, value in zip(("source", "target"), parts):
                if value:
                    where.append(f'(e."{side}_country" = ? OR starts_with(e."{side}_code", ?))')
                    params.extend([value.upper()] * 2)
        if type is not None and type.strip():
            t = type.strip()
            if t.isdigit():
                where.append('starts_with(e."cameo", ?)')
                params.append(t)
            else:
                where.append('upper(e."plover") = ?')
                params.append(t.upper())
        for name, value, bound in (("since", since, 0), ("until", until, 1)):
            if value is None or not str(value).strip():
                continue
            span = period(str(value))
            if span is None:
                raise ConfigError(f"{name} {value!r}: give an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")
            if bound == 0:
                where.append('e."date_end" >= ?')
                params.append(span[0])
            else:
                where.append('e."date_start" <= ?')
                params.append(span[1])
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def _events_sql(self, filters: dict[str, Any], limit: int | None, offset: int) -> tuple[str, list[Any]]:
        unknown = set(filters) - {"actor", "country", "dyad", "type", "since", "until", "main"}
        if unknown:
            raise ConfigError(f"unknown event filter(s) {sorted(unknown)}; "
                              f"known: actor, country, dyad, type, since, until, main, limit, offset")
        where, params = self._event_filter(**filters)
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
        has_article = "e.article_id IN (SELECT article_id FROM articles)"
        where = f"{where} AND {has_article}" if where else f" WHERE {has_article}"
        sql = (f"SELECT {cols} FROM (SELECT e.* FROM events e{where} ORDER BY {EVENT_ORDER}{page}) e "
               f"JOIN articles a ON a.article_id = e.article_id ORDER BY {EVENT_ORDER}")
        return sql, params

    def events(self, *, actor: str | None = None, country: str | None = None, dyad: str | None = None,
               type: str | None = None, since: str | None = None, until: str | None = None,
               main: bool | None = None, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stored events (one row per dyad) as dicts, oldest first, filtered:

        * ``actor`` -- case-insensitive substring of the source or target name, code or text;
        * ``country`` -- ISO-3 country of the source or the target;
        * ``dyad`` -- ``"SOURCE,TARGET"``, DIRECTED: the source side matches ``SOURCE`` and the
          target side matches ``TARGET``; each side matches a country (``RUS``) or an actor code
          prefix (``RUSGOV``, ``IGOUNO``); either side may be empty (``"RUS,"``);
        * ``type`` -- digits: CAMEO code prefix (``"04"``, ``"042"``); otherwise a PLOVER type
          (``"CONSULT"``, any case);
        * ``since``/``until`` -- ISO dates (or ``YYYY-MM``/``YYYY``) bounding the event date;
          an event dated only to a month or year matches when its period overlaps the range;
        * ``main`` -- True: only the articles' main events (not those told in passing).

        Each dict has the ``events`` columns plus ``article_*`` columns from its article.
        ``limit=None`` returns every match."""
        sql, params = self._events_sql(dict(actor=actor, country=country, dyad=dyad, type=type,
                                            since=since, until=until, main=main), limit, offset)
        return self._fetch(sql, params, action="querying events")

    def iter_events(self, *, limit: int | None = None, offset: int = 0, batch: int = 2000,
                    **filters: Any) -> Iterator[dict[str, Any]]:
        """Like :meth:`events` but streams all matches (no limit by default)."""
        sql, params = self._events_sql(filters, limit, offset)
        self.flush()
        with self._guard("reading events"):
            cur = self.con.cursor()
            try:
                cur.execute(sql, params)
                names = [d[0] for d in cur.description]
                while rows := cur.fetchmany(batch):
                    for row in rows:
                        yield dict(zip(names, row))
            finally:
                cur.close()

    def copy_events(self, path: str | Path, *, format: str = "parquet", **filters: Any) -> int:
        """Write the matching events (with their ``article_*`` columns) to a file with DuckDB's
        ``COPY``; ``format`` is ``parquet`` or ``csv``. Returns the rows written."""
        fmt = format.lower()
        if fmt not in ("parquet", "csv"):
            raise ConfigError(f"copy format {format!r}: use parquet or csv")
        limit = filters.pop("limit", None)
        offset = filters.pop("offset", 0)
        sql, params = self._events_sql(filters, limit, offset)
        self.flush()
        target = str(Path(path)).replace("'", "''")  # a file name, quoted as a SQL string literal
        options = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER true"
        with self._guard(f"writing {fmt} to {path}"):
            row = self.con.execute(f"COPY ({sql}) TO '{target}' ({options})", params).fetchone()
        return int(row[0]) if row else 0

    def summary(self) -> dict[str, Any]:
        """Counts: articles, events (dyad rows) and event_groups, events by QuadClass name, top 10
        dyads (source -> target country, or actor code when an actor has no country; both sides
        known), event
        date range, rejections, runs and the last run's counts."""
        self.flush()
        with self._guard("summarising"):
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
        last_run = self._fetch("SELECT * FROM runs ORDER BY started_at DESC, run_id DESC LIMIT 1",
                               action="reading the last run")
        last_run_d = None
        if last_run:
            last_run_d = {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in last_run[0].items()}
            last_run_d["rejections"] = self._fetch(
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
        rows = self._fetch(f"SELECT {cols} FROM articles WHERE article_id = ?", [article_id],
                           action="reading an article")
        if not rows:
            rows = self._fetch(f"SELECT {cols} FROM articles WHERE input_id = ? ORDER BY added_at DESC LIMIT 1",
                               [article_id], action="reading an article")
        if not rows:
            return None
        art = rows[0]
        aid = art["article_id"]
        ev_cols = ", ".join(f'"{c}"' for c in schema.columns("events"))
        art["events"] = self._fetch(
            f"SELECT {ev_cols} FROM events WHERE article_id = ? ORDER BY event_index, "
            f"source_index NULLS FIRST, target_index NULLS FIRST", [aid], action="reading an article")
        for table in ("entities", "actors", "places", "times", "quotes"):
            tcols = ", ".join(f'"{c}"' for c in schema.columns(table)[2:])
            art[table] = self._fetch(f"SELECT {tcols} FROM {table} WHERE article_id = ? ORDER BY mention",
                                     [aid], action="reading an article")
        return art

    # -- stories -------------------------------------------------------------------------------

    def update_stories(self, assignments: Any, *, signatures: Any = ()) -> int:
        """Write ``articles.story_id`` for ``assignments`` (input id -> ``stories.StoryInfo``) and
        store the compact ``stories.Signature`` s so a later batch can join these stories without
        the texts. Returns how many articles were updated."""
        self.flush()
        infos = list(assignments.values())
        with self._transaction("writing story ids") as con:
            if infos:
                con.execute(
                    "UPDATE articles SET story_id = u.sid FROM (SELECT UNNEST($1::VARCHAR[]) AS aid, "
                    "UNNEST($2::VARCHAR[]) AS sid) u WHERE articles.article_id = u.aid",
                    [[i.article_id for i in infos], [i.story_id for i in infos]])
            rows = []
            for sig in signatures:
                info = assignments.get(sig.id)
                if info is None:
                    continue
                span = period(sig.date)
                rows.append([sig.article_id, sig.id, span[0] if span else None, sig.source, info.story_id,
                             info.duplicate_of, [int(v) for v in sig.minhash], list(sig.terms),
                             [float(v) for v in sig.terms.values()]])
            if rows:
                cols = list(zip(*rows))
                con.execute(
                    "INSERT OR REPLACE INTO story_signatures SELECT * FROM (SELECT UNNEST($1::VARCHAR[]), "
                    "UNNEST($2::VARCHAR[]), UNNEST($3::DATE[]), UNNEST($4::VARCHAR[]), UNNEST($5::VARCHAR[]), "
                    "UNNEST($6::VARCHAR[]), UNNEST($7::UBIGINT[][]), UNNEST($8::VARCHAR[][]), "
                    "UNNEST($9::DOUBLE[][]))", [list(c) for c in cols])
        return len(infos)

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
        for r in self._fetch(sql, params, action="reading story signatures"):
            out.append(Signature(id=r["input_id"], article_id=r["article_id"], date=r["d"], source=r["source"],
                                 minhash=np.array(r["minhash"], dtype=np.uint64),
                                 terms=dict(zip(r["terms"], r["weights"])), story_id=r["story_id"],
                                 duplicate_of=r["duplicate_of"]))
        return out

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
        return self._fetch(sql, params, action="reading event counts")

    def optimize(self, *, memory_limit: str | None = None) -> dict[str, Any]:
        """Rewrite ``events`` in the order of :func:`events_layout`: older events by year, then
        source country, target country and date, so that DuckDB's min/max zone maps skip most of
        the table for a dyad or a country pair; the last eighth of the date range in date order,
        so pages of the newest events read only a few row groups. New articles are appended in
        the order they are written, so run this after big imports (queries give the same answers
        before and after: only the physical order changes).

        One transaction: a new table is filled in that order, the old one dropped, the new one
        renamed and the secondary indexes rebuilt; then a checkpoint frees the old blocks.
        Needs about the events' size again in free disk space while it runs, and memory: 10M
        events peaked at 9 GB; ``memory_limit`` (``"4GB"``) caps DuckDB for the rewrite, which then
        sorts on disk (slower), and resets the limit to DuckDB's default afterwards. Returns
        ``{"events": rows, "recent_from": first day kept in date order or None, "seconds": s}``."""
        import time

        self.flush()
        started = time.perf_counter()
        cols = ", ".join(schema.quote_ident(c) for c in schema.columns("events"))
        tmp = "events__optimize"
        ddl = schema.create_table_sql("events").replace('"events"', schema.quote_ident(tmp), 1)
        indexes = [ix for ix in schema.INDEXES if ix[1] == "events"]
        if memory_limit is not None:
            self._writable("optimizing the events table")
            with self._guard(f"setting memory_limit {memory_limit!r}"):
                self.con.execute("SET memory_limit = ?", [str(memory_limit)])
        with self._guard("reading the date range"):
            lo, hi = self.con.execute('SELECT min("date_start"), max("date_start") FROM events').fetchone()
        recent_from = hi - dt.timedelta(days=(hi - lo).days // 8) if lo and hi else None
        try:
            n = self._rewrite_events(cols, tmp, ddl, indexes, events_layout(recent_from))
        finally:
            if memory_limit is not None:
                with self._guard("resetting memory_limit"):
                    self.con.execute("RESET memory_limit")
        with self._guard("checkpointing after optimize"):
            self.con.execute("CHECKPOINT")
        return {"events": n, "recent_from": recent_from, "seconds": round(time.perf_counter() - started, 1)}

    def _rewrite_events(self, cols: str, tmp: str, ddl: str, indexes: list[tuple[str, str, tuple[str, ...]]],
                        order: str) -> int:
        with self._transaction("optimizing the events table") as con:
            defaults = con.execute(  # the defaults later migrations gave columns (ADD COLUMN ... DEFAULT)
                "SELECT column_name, column_default FROM duckdb_columns() WHERE table_name = 'events' "
                "AND schema_name = 'main' AND database_name = current_database() "
                "AND column_default IS NOT NULL").fetchall()
            con.execute(f"DROP TABLE IF EXISTS {schema.quote_ident(tmp)}")
            con.execute(ddl)
            con.execute(f"INSERT INTO {schema.quote_ident(tmp)} ({cols}) SELECT {cols} FROM events "
                        f"ORDER BY {order}")
            for name, _, _ in indexes:
                con.execute(f"DROP INDEX IF EXISTS {schema.quote_ident(name)}")
            con.execute("DROP TABLE events")
            con.execute(f"ALTER TABLE {schema.quote_ident(tmp)} RENAME TO events")
            for column, default in defaults:
                con.execute(f"ALTER TABLE events ALTER COLUMN {schema.quote_ident(column)} SET DEFAULT {default}")
            for ix in indexes:
                con.execute(schema.create_index_sql(*ix))
            return con.execute("SELECT count(*) FROM events").fetchone()[0]

    def schema_version(self) -> int:
        """The schema version the store is at (``schema.SCHEMA_VERSION`` once opened)."""
        with self._guard("reading the schema version"):
            return int(self.con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0])


def _migrate(con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
    has_table = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'",
        [schema.SCHEMA_VERSION_TABLE]).fetchone()[0]
    current = 0
    if has_table:
        current = int(con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0])
    if current > schema.SCHEMA_VERSION:
        raise StoreError(f"store {path} has schema version {current}, newer than this newsevents "
                         f"understands ({schema.SCHEMA_VERSION}): upgrade newsevents or use another --db file")
    if current == schema.SCHEMA_VERSION:
        return
    if read_only:
        if not has_table:
            raise StoreError(f"{path} is not a newsevents store (no schema_version table): "
                             f"create one with `newsevents ingest PATHS --db FILE`")
        raise StoreError(f"store {path} has schema version {current}, this newsevents needs "
                         f"{schema.SCHEMA_VERSION}: open it once for writing (e.g. `newsevents ingest`) to migrate")
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL)")
    for version in range(current + 1, schema.SCHEMA_VERSION + 1):
        con.begin()
        try:
            for stmt in schema.MIGRATIONS[version - 1]:
                con.execute(stmt)
            con.execute("INSERT INTO schema_version VALUES (?, ?)", [version, _utcnow()])
        except BaseException:
            with contextlib.suppress(duckdb.Error):
                con.rollback()
            raise
        con.commit()
        log.info("store %s migrated to schema version %d", path, version)


def open_db(path: str | Path, *, read_only: bool = False, write_batch: int = 64) -> Store:
    """Open (creating and migrating when writable) the DuckDB store at ``path``.

    ``":memory:"`` opens a throw-away in-memory store. Raises :class:`StoreError` with the file
    name and a fix when the file cannot be opened (a directory, locked by a writer, not a
    DuckDB file, a newer schema, ...). ``write_batch`` is how many articles :meth:`Store.write`
    buffers per transaction (1 writes each article at once)."""
    name = str(path)
    if name != ":memory:" and not read_only:
        try:
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"store {name}: cannot create its folder: {exc}; choose another --db path") from exc
    con = None
    try:
        con = duckdb.connect(name, read_only=read_only)
        _migrate(con, name, read_only)
    except duckdb.Error as exc:
        if con is not None:
            with contextlib.suppress(duckdb.Error):
                con.close()
        what = "opening read-only" if read_only else "opening"
        raise StoreError(f"store {name}: {what} failed: {exc}; {_hint(exc, opening=True)}") from exc
    except StoreError:
        if con is not None:
            with contextlib.suppress(duckdb.Error):
                con.close()
        raise
    return Store(con, name, read_only, write_batch)
