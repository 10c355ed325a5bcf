"""Writing to the store: runs, coded articles (buffered, idempotent by content hash),
rejections, and story ids.

:class:`StoreWriter` is the writing part of :class:`newsevents.store.Store`; the rows come from
:mod:`newsevents.store.rows`, as the Parquet writer's do.
"""

from __future__ import annotations

import json
import secrets
from typing import Any, Iterable

import duckdb

from newsevents.errors import StoreError
from newsevents.records import DocumentResult, Rejection, RunSummary
from newsevents.store.connection import StoreConnection
from newsevents.store.rows import WRITE_TABLES, period, rejection_row, rows_for, utcnow


class StoreWriter(StoreConnection):
    """Writing: ``run_id = store.begin_run(cmd)``, then :meth:`write` / :meth:`write_many` and
    :meth:`write_rejection`, then :meth:`finish_run`.

    :meth:`write` buffers up to ``write_batch`` articles and writes them in one transaction (every
    read, :meth:`flush`, :meth:`finish_run` and :meth:`close` writes the buffer first)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool, write_batch: int = 64):
        super().__init__(con, path, read_only)
        self.write_batch = max(1, int(write_batch))
        self._pending: dict[str, tuple[DocumentResult, str | None]] = {}
        self._pending_rejections: list[tuple[Rejection, str | None]] = []

    def discard_pending(self) -> None:
        self._pending.clear()
        self._pending_rejections.clear()

    def begin_run(self, command: str) -> str:
        """Record the start of a run; returns its id (``20180102T030405Z-1a2b3c``)."""
        from newsevents import __version__

        now = utcnow()
        run_id = f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
        with self.transaction("starting a run") as con:
            con.execute('INSERT INTO runs (run_id, command, version, started_at) VALUES (?, ?, ?, ?)',
                        [run_id, command, __version__, now])
        return run_id

    def finish_run(self, run_id: str, summary: RunSummary) -> None:
        """Write the buffer, then store a run's counts and end time. Rejections are stored by
        :meth:`write_rejection` (or :meth:`write_many`), not here."""
        self.flush()
        with self.transaction("finishing a run") as con:
            found = con.execute(
                'UPDATE runs SET finished_at = ?, "read" = ?, coded = ?, skipped = ?, failed = ?, '
                'already_stored = ?, events = ?, words = ?, seconds = ?, encodings_guessed = ?, '
                "status = 'finished' WHERE run_id = ? RETURNING run_id",
                [utcnow(), summary.read, summary.coded, summary.skipped, summary.failed,
                 summary.already_stored, summary.events, summary.words, summary.seconds,
                 json.dumps(summary.encodings_guessed, sort_keys=True), run_id],
            ).fetchall()
            if not found:
                raise StoreError(f"store {self.path}: no run {run_id!r}: call begin_run() first")

    def close_interrupted_runs(self) -> list[str]:
        """Close the runs left unfinished (a run killed, or stopped by an error, before
        :meth:`finish_run`): each gets ``status = 'interrupted'``, the time it last stored something
        as ``finished_at``, and the counts of what it stored (articles, events, words, rejections).
        Returns their ids, oldest first. Call it before :meth:`begin_run` (one process writes a
        store at a time, so no unfinished run is still going)."""
        with self.transaction("closing interrupted runs") as con:
            ids = [r[0] for r in con.execute(
                "SELECT run_id FROM runs WHERE finished_at IS NULL ORDER BY started_at, run_id").fetchall()]
            if ids:
                con.execute("""
                    UPDATE runs SET status = 'interrupted',
                      finished_at = greatest(runs.started_at, coalesce(a.last, runs.started_at),
                                             coalesce(r.last, runs.started_at)),
                      coded = coalesce(a.n, 0), events = coalesce(a.events, 0), words = coalesce(a.words, 0),
                      skipped = coalesce(r.skipped, 0), failed = coalesce(r.failed, 0),
                      "read" = coalesce(a.n, 0) + coalesce(r.n, 0), already_stored = 0
                    FROM (SELECT UNNEST($1::VARCHAR[]) AS run_id) u
                    LEFT JOIN (SELECT run_id, count(*) AS n, sum(n_events) AS events, sum(n_words) AS words,
                                      max(added_at) AS last FROM articles GROUP BY run_id) a
                      ON a.run_id = u.run_id
                    LEFT JOIN (SELECT run_id, count(*) AS n, count(*) FILTER (status = 'failed') AS failed,
                                      count(*) FILTER (status <> 'failed') AS skipped, max(added_at) AS last
                               FROM rejections GROUP BY run_id) r ON r.run_id = u.run_id
                    WHERE runs.run_id = u.run_id""", [ids])
        return ids

    def has_article(self, content_hash: str) -> bool:
        """True when an article with this content hash is stored (or waiting in the write buffer)."""
        if content_hash in self._pending:
            return True
        with self.guard("checking for a stored article"):
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
        self.require_writable("writing an article")
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
        self.require_writable("writing a rejection")
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
        now = utcnow()
        n = 0
        with self.transaction(f"writing {len(docs)} article(s)") as con:
            if docs:
                stored = {r[0] for r in con.execute(
                    "SELECT article_id FROM articles WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))",
                    [list(docs)]).fetchall()}
                rows: dict[str, list[list[Any]]] = {t: [] for t in WRITE_TABLES}
                for aid, (res, run_id) in docs.items():
                    if aid not in stored:
                        rows_for(res, aid, run_id, now, rows)
                for table in WRITE_TABLES:
                    self.insert_rows(con, table, rows[table])
                n = len(rows["articles"])
            self.insert_rows(con, "rejections", [rejection_row(r, run_id, now) for r, run_id in rejections])
        return n

    # -- stories -------------------------------------------------------------------------------

    def update_stories(self, assignments: Any, *, signatures: Any = ()) -> int:
        """Write ``articles.story_id`` for ``assignments`` (input id -> ``stories.StoryInfo``) and
        store the compact ``stories.Signature`` s so a later batch can join these stories without
        the texts. Returns how many articles were updated."""
        self.flush()
        infos = list(assignments.values())
        with self.transaction("writing story ids") as con:
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
