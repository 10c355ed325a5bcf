"""The connection under a :class:`newsevents.store.Store`: opening and closing it, turning DuckDB
errors into :class:`newsevents.errors.StoreError` with a fix, transactions, and reading rows.

:class:`StoreConnection` is the base of the store's parts (``writer.py``, ``queries.py``,
``layout.py``), which :mod:`newsevents.store.db` puts together as ``Store``.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any, Iterator, Self

import duckdb

from newsevents.errors import StoreError
from newsevents.store.rows import INSERT_SQL

log = logging.getLogger(__name__)


def hint(exc: BaseException, *, opening: bool = False) -> str:
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
    if "could not read enough bytes" in msg or "corrupt" in msg:
        return "the file is truncated or damaged: restore it from a copy, or code the articles again into a new --db file"
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


class StoreConnection:
    """One DuckDB connection to a store file, with the error handling every part of the store
    shares. Use as a context manager: leaving it writes the buffer (even after an error: the
    articles coded before it are complete) and closes the connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool):
        self._con: duckdb.DuckDBPyConnection | None = con
        self.path = path
        self.read_only = read_only

    def flush(self) -> int:
        """Write whatever is buffered (the writer buffers articles); returns the articles written."""
        return 0

    def discard_pending(self) -> None:
        """Forget whatever is buffered without writing it."""

    def __enter__(self) -> Self:
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
            self.discard_pending()
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
                                 f"{hint(exc)}") from exc

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError(f"store {self.path} is closed: open it again with open_db()")
        return self._con

    @contextlib.contextmanager
    def guard(self, action: str) -> Iterator[None]:
        """Raise a DuckDB error inside as a :class:`StoreError` naming the file, ``action`` and a fix."""
        try:
            yield
        except duckdb.Error as exc:
            raise StoreError(f"store {self.path}: {action} failed: {exc}; "
                             f"{hint(exc)}") from exc

    @contextlib.contextmanager
    def transaction(self, action: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction (rolled back on any error), guarded as by :meth:`guard`."""
        self.require_writable(action)
        con = self.con
        with self.guard(action):
            con.begin()
            try:
                yield con
                con.commit()
            except BaseException:
                with contextlib.suppress(duckdb.Error):
                    con.rollback()
                raise

    def require_writable(self, action: str) -> None:
        """Raise a :class:`StoreError` saying why ``action`` cannot write (read-only or closed)."""
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only: {action} needs open_db(path) "
                             f"without read_only=True")
        if self._con is None:
            raise StoreError(f"store {self.path} is closed: open it again with open_db()")

    def insert_rows(self, con: duckdb.DuckDBPyConnection, table: str, rows: list[list[Any]]) -> None:
        """Insert ``rows`` (column order = ``schema.TABLES``) into ``table`` as one columnar insert."""
        if rows:
            con.execute(INSERT_SQL[table], [list(col) for col in zip(*rows)])

    def fetch(self, sql: str, params: list[Any] | None = None, *, action: str) -> list[dict[str, Any]]:
        """The rows of a query as dicts (the buffer is written first)."""
        self.flush()
        with self.guard(action):
            cur = self.con.execute(sql, params or [])
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]
