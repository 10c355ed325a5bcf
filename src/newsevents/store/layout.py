"""The physical order of the ``events`` table: :func:`events_layout` and
:meth:`StoreLayout.optimize`, which rewrites the table in that order (``newsevents optimize``).
"""

from __future__ import annotations

import datetime as dt

from newsevents.store import schema
from newsevents.store.connection import StoreConnection


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


class StoreLayout(StoreConnection):
    """Laying out the stored events for fast queries: :meth:`optimize`."""

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
            self.require_writable("optimizing the events table")
            with self.guard(f"setting memory_limit {memory_limit!r}"):
                self.con.execute("SET memory_limit = ?", [str(memory_limit)])
        with self.guard("reading the date range"):
            lo, hi = self.con.execute('SELECT min("date_start"), max("date_start") FROM events').fetchone()
        recent_from = hi - dt.timedelta(days=(hi - lo).days // 8) if lo and hi else None
        try:
            n = self._rewrite_events(cols, tmp, ddl, indexes, events_layout(recent_from))
        finally:
            if memory_limit is not None:
                with self.guard("resetting memory_limit"):
                    self.con.execute("RESET memory_limit")
        with self.guard("checkpointing after optimize"):
            self.con.execute("CHECKPOINT")
        return {"events": n, "recent_from": recent_from, "seconds": round(time.perf_counter() - started, 1)}

    def _rewrite_events(self, cols: str, tmp: str, ddl: str, indexes: list[tuple[str, str, tuple[str, ...]]],
                        order: str) -> int:
        with self.transaction("optimizing the events table") as con:
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
