"""The DuckDB store: :func:`open_db` opens (creating and migrating) a file and returns a
:class:`Store`, which puts together the store's parts:

* :mod:`.connection` -- the connection, transactions, DuckDB errors as ``StoreError`` with a fix;
* :mod:`.writer` -- runs, coded articles (buffered, idempotent), rejections, story ids;
* :mod:`.queries` -- events by the one :mod:`.filters` ``EventFilter``, summary, articles;
* :mod:`.layout` -- ``optimize``: the events' physical order.

Every DuckDB error is raised as :class:`newsevents.errors.StoreError` naming the file and a fix.
All queries are parameterised; SQL text is built only from the column names in ``schema.py``.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

import duckdb

from newsevents.errors import StoreError
from newsevents.store import schema
from newsevents.store.connection import hint
from newsevents.store.layout import StoreLayout
from newsevents.store.queries import StoreQueries
from newsevents.store.rows import event_ids, period, utcnow
from newsevents.store.writer import StoreWriter

__all__ = ["Store", "event_ids", "migrate", "open_db", "period"]

log = logging.getLogger(__name__)


class Store(StoreWriter, StoreQueries, StoreLayout):
    """A newsevents DuckDB store. Open with :func:`open_db`; use as a context manager.

    Writing (:class:`~newsevents.store.writer.StoreWriter`): ``run_id = store.begin_run(cmd)``,
    then :meth:`write` / :meth:`write_many` and :meth:`write_rejection`, then :meth:`finish_run`.
    Reading (:class:`~newsevents.store.queries.StoreQueries`): :meth:`events`,
    :meth:`iter_events`, :meth:`summary`, :meth:`article`, :meth:`copy_events`. Layout:
    :meth:`optimize`.

    :meth:`write` buffers up to ``write_batch`` articles and writes them in one transaction (every
    read, :meth:`flush`, :meth:`finish_run` and :meth:`close` writes the buffer first). One store
    object serves one thread; DuckDB lets one process write a file at a time.
    """

    def schema_version(self) -> int:
        """The schema version the store is at (``schema.SCHEMA_VERSION`` once opened)."""
        with self.guard("reading the schema version"):
            return int(self.con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0])


def migrate(con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
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
            con.execute("INSERT INTO schema_version VALUES (?, ?)", [version, utcnow()])
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
        migrate(con, name, read_only)
    except duckdb.Error as exc:
        if con is not None:
            with contextlib.suppress(duckdb.Error):
                con.close()
        what = "opening read-only" if read_only else "opening"
        raise StoreError(f"store {name}: {what} failed: {exc}; {hint(exc, opening=True)}") from exc
    except StoreError:
        if con is not None:
            with contextlib.suppress(duckdb.Error):
                con.close()
        raise
    return Store(con, name, read_only, write_batch)
