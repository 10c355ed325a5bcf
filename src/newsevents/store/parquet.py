"""Coded articles as Parquet files, and loading them into the DuckDB store.

Layout under a Parquet directory (written by :func:`write_partition`, one call per partition)::

    DIR/articles/day=2017-11-02/part-00003-1a2b3c4d5e.parquet   one row per article
    DIR/events/day=2017-11-02/part-00003-1a2b3c4d5e.parquet     one row per dyad (as the store)
    DIR/{entities,actors,places,times,quotes}/day=.../part-...  the articles' other records
    DIR/rejections/part-00003-1a2b3c4d5e.parquet                 skipped / failed input records
    DIR/signatures/part-00003-1a2b3c4d5e.parquet                 story-clustering features

``day`` is the article's publication day (``__HIVE_DEFAULT_PARTITION__``, read back as NULL,
when it has none); the columns are the store's (``schema.py``). A partition's files are named
after the partition (its number and a digest of its content), written to a temporary name and
renamed, so a retried partition replaces its own files and never adds a second copy.

DuckDB reads the directory directly::

    SELECT cameo, count(*) FROM read_parquet('DIR/events/*/*.parquet', hive_partitioning=true)
    WHERE day >= DATE '2017-11-01' GROUP BY ALL

:func:`load_parquet` copies the files into a store, skipping articles already stored (content
hash), so loading twice adds nothing. No pyarrow or pandas: DuckDB writes and reads the Parquet.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence
from urllib.parse import unquote

import duckdb

from newsevents.errors import StoreError
from newsevents.records import DocumentResult, Rejection
from newsevents.store import schema
from newsevents.store.db import Store
from newsevents.store.rows import rejection_row, rows_for, utcnow

#: Tables written per publication day (every row carries ``article_id``).
DAY_TABLES = ("articles", "events", "entities", "actors", "places", "times", "quotes")
NULL_DAY = "__HIVE_DEFAULT_PARTITION__"

_SIGNATURE_COLUMNS = [
    ("seq", "INTEGER"),  # position in the partition (input order)
    ("article_id", "VARCHAR"),
    ("input_id", "VARCHAR"),
    ("date", "VARCHAR"),
    ("source", "VARCHAR"),
    ("minhash", "UBIGINT[]"),
    ("terms", "VARCHAR[]"),
    ("weights", "DOUBLE[]"),
]


def _q(name: str) -> str:
    return schema.quote_ident(name)


def _copy(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any], target: Path) -> None:
    """``COPY (sql) TO target`` through a temporary name and a rename (readers never see half a file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name("." + target.name + ".tmp")
    con.execute(f"COPY ({sql}) TO '{str(tmp).replace(chr(39), chr(39) * 2)}' (FORMAT parquet)", params)
    os.replace(tmp, target)


def write_partition(results: Iterable[DocumentResult | Rejection], parquet_dir: str | Path, name: str, *,
                    run_id: str | None = None) -> dict[str, Any]:
    """Write one partition's results as Parquet files named ``name`` (see the module docstring).

    Returns counts (``coded``, ``skipped``, ``failed``, ``duplicates`` -- an article repeated
    within the partition, written once and not counted as coded --, ``events``, ``words``,
    ``encodings_guessed``), the ``rejections`` and the ``files`` written."""
    from newsevents.stories import signature

    now = utcnow()
    rows: dict[str, list[list[Any]]] = {t: [] for t in DAY_TABLES}
    rejections: list[Rejection] = []
    sig_rows: list[list[Any]] = []
    seen: set[str] = set()
    info: dict[str, Any] = {"coded": 0, "skipped": 0, "failed": 0, "duplicates": 0, "events": 0, "words": 0,
                            "encodings_guessed": {}}
    for res in results:
        if isinstance(res, Rejection):
            rejections.append(res)
            info["failed" if res.status == "failed" else "skipped"] += 1
            continue
        aid = res.article.content_hash
        if aid in seen:  # the same article twice in the partition: stored once, counted as already stored
            info["duplicates"] += 1
            continue
        seen.add(aid)
        info["coded"] += 1
        info["events"] += len(res.events)
        info["words"] += res.n_words
        if res.article.encoding_guessed:
            enc = res.article.encoding or "?"
            info["encodings_guessed"][enc] = info["encodings_guessed"].get(enc, 0) + 1
        rows_for(res, aid, run_id, now, rows)
        sig = signature(res)
        sig_rows.append([len(sig_rows), sig.article_id, sig.id, sig.date, sig.source,
                         [int(v) for v in sig.minhash], list(sig.terms), [float(v) for v in sig.terms.values()]])

    out = Path(parquet_dir)
    files: list[str] = []
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET threads = 1")  # one file per table and day, rows in input order
        for table in (*DAY_TABLES, "rejections"):
            cols = schema.TABLES[table]
            con.execute(f"CREATE TABLE {_q(table)} (" + ", ".join(f"{_q(c)} {t}" for c, t in cols) + ")")
        con.execute("CREATE TABLE signatures (" + ", ".join(f"{_q(c)} {t}" for c, t in _SIGNATURE_COLUMNS) + ")")
        for table in DAY_TABLES:
            if rows[table]:
                con.execute(schema.insert_sql(table), [list(col) for col in zip(*rows[table])])
        if rejections:
            con.execute(schema.insert_sql("rejections"),
                        [list(col) for col in zip(*[rejection_row(r, run_id, now) for r in rejections])])
        if sig_rows:
            unnests = ", ".join(f"UNNEST(${i}::{t}[])" for i, (_, t) in enumerate(_SIGNATURE_COLUMNS, start=1))
            con.execute(f"INSERT INTO signatures SELECT * FROM (SELECT {unnests})", [list(c) for c in zip(*sig_rows)])
        # one COPY per table, split by day (DuckDB's PARTITION_BY) into a scratch folder, then each
        # file renamed to DIR/TABLE/day=DAY/NAME.parquet (atomic; a retry replaces the same names)
        scratch = out / f".tmp-{name}"
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir(parents=True)
        con.execute(f"CREATE TABLE _days AS SELECT article_id, coalesce(strftime(\"date\", '%Y-%m-%d'), "
                    f"'{NULL_DAY}') AS _day FROM articles")
        try:
            for table in DAY_TABLES:
                if not rows[table]:
                    continue
                cols = ", ".join(f"t.{_q(c)}" for c in schema.columns(table))
                target = str(scratch / table).replace("'", "''")
                con.execute(f"COPY (SELECT {cols}, d._day AS day FROM {_q(table)} t JOIN _days d "
                            f"ON d.article_id = t.article_id) TO '{target}' "
                            f"(FORMAT parquet, PARTITION_BY (day), OVERWRITE_OR_IGNORE true)")
                for day_dir in sorted((scratch / table).iterdir()):
                    written = sorted(day_dir.glob("*.parquet"))
                    if len(written) != 1:
                        raise StoreError(f"Parquet partition {name}: expected one file in {day_dir}, "
                                         f"found {len(written)}")
                    final = out / table / unquote(day_dir.name) / f"{name}.parquet"  # DuckDB escapes "_"
                    final.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(written[0], final)
                    files.append(str(final))
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        for table in ("rejections", "signatures"):
            if con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
                target = out / table / f"{name}.parquet"
                _copy(con, f"SELECT * FROM {table}", [], target)
                files.append(str(target))
    finally:
        con.close()
    info["rejections"] = rejections
    info["files"] = files
    return info


# -- loading -------------------------------------------------------------------------------------

@dataclass
class LoadResult:
    """What :func:`load_parquet` stored."""

    articles: int = 0  # newly stored
    already_stored: int = 0  # articles in the Parquet files that the store already had
    already_stored_events: int = 0  # their event records and words (not stored again)
    already_stored_words: int = 0
    events: int = 0  # event records (event groups) newly stored
    words: int = 0
    rejections: list[Rejection] = field(default_factory=list)  # newly stored
    signatures: list[Any] = field(default_factory=list)  # stories.Signature of the new articles, in order


def parquet_files(parquet_dir: str | Path, table: str, names: Sequence[str] | None = None) -> list[str]:
    """The table's Parquet files under ``parquet_dir`` (only partitions ``names`` when given),
    in partition order."""
    base = Path(parquet_dir) / table
    if not base.is_dir():
        return []
    wanted = set(names) if names is not None else None
    found = [p for p in base.rglob("*.parquet") if not p.name.startswith(".")
             and (wanted is None or p.stem in wanted)]
    return [str(p) for p in sorted(found, key=lambda p: (p.stem, str(p)))]


_STEM = r"regexp_extract(filename, '([^/\\\\]+)\.parquet$', 1)"


def load_parquet(store: Store, parquet_dir: str | Path, *, names: Sequence[str] | None = None,
                 run_id: str | None = None, dedupe_rejections: bool = True) -> LoadResult:
    """Copy Parquet files written by :func:`write_partition` into ``store``, in one transaction.

    Articles already stored (same content hash) are skipped with all their records; an article
    found in several partitions is taken from the first. ``run_id`` (when given) replaces the
    files' run id. Rejections are stored unless an identical one (same record, path, status,
    stage and reason) is already there (``dedupe_rejections=False`` stores them all: a run's own
    partitions). ``names`` limits the load to those partitions."""
    from newsevents.stories import Signature
    import numpy as np

    result = LoadResult()
    files = {t: parquet_files(parquet_dir, t, names) for t in (*DAY_TABLES, "rejections", "signatures")}
    store.flush()
    store.require_writable("loading Parquet")
    con = store.con
    action = f"loading Parquet from {parquet_dir}"
    try:
        con.begin()
        try:
            if files["articles"]:
                con.execute(
                    "CREATE OR REPLACE TEMP TABLE _ne_files AS SELECT DISTINCT article_id, "
                    f"{_STEM} AS part FROM read_parquet(?, filename=true, hive_partitioning=false)",
                    [files["articles"]])
                (result.already_stored, result.already_stored_events, result.already_stored_words) = con.execute(
                    "SELECT count(*), coalesce(sum(n_events), 0), coalesce(sum(n_words), 0) FROM ("
                    "SELECT DISTINCT ON (article_id) article_id, n_events, n_words FROM read_parquet(?, "
                    "hive_partitioning=false) WHERE article_id IN (SELECT article_id FROM articles))",
                    [files["articles"]]).fetchone()
                con.execute(
                    "CREATE OR REPLACE TEMP TABLE _ne_new AS SELECT article_id, min(part) AS part FROM _ne_files "
                    "WHERE article_id NOT IN (SELECT article_id FROM articles) GROUP BY article_id")
                for table in DAY_TABLES:
                    if not files[table]:
                        continue
                    names_ = schema.columns(table)
                    cols = ", ".join(_q(c) for c in names_)
                    # files written before a column was added to the schema read it as NULL
                    have = {d[0] for d in con.execute(
                        "SELECT * FROM read_parquet(?, hive_partitioning=false, union_by_name=true) LIMIT 0",
                        [files[table]]).description}
                    sel = ", ".join("?" if (c == "run_id" and run_id is not None) else
                                    f"p.{_q(c)}" if c in have else "NULL" for c in names_)
                    params: list[Any] = [run_id] if (table == "articles" and run_id is not None) else []
                    con.execute(
                        f"INSERT INTO {_q(table)} ({cols}) SELECT {sel} FROM ("
                        f"SELECT *, {_STEM} AS _part FROM read_parquet(?, filename=true, file_row_number=true, "
                        f"hive_partitioning=false, union_by_name=true)) p "
                        f"JOIN _ne_new n ON n.article_id = p.article_id AND n.part = p._part "
                        f"ORDER BY p._part, p.filename, p.file_row_number", params + [files[table]])
                result.articles, result.words = con.execute(
                    "SELECT count(*), coalesce(sum(a.n_words), 0) FROM articles a JOIN _ne_new n USING (article_id)"
                ).fetchone()
                result.events = con.execute(
                    "SELECT count(DISTINCT e.event_group) FROM events e JOIN _ne_new n USING (article_id)").fetchone()[0]
                if files["signatures"]:
                    rows = con.execute(
                        "SELECT s.article_id, s.input_id, s.date, s.source, s.minhash, s.terms, s.weights FROM ("
                        f"SELECT *, {_STEM} AS _part FROM read_parquet(?, filename=true, hive_partitioning=false)) s "
                        "JOIN _ne_new n ON n.article_id = s.article_id AND n.part = s._part ORDER BY s._part, s.seq",
                        [files["signatures"]]).fetchall()
                    result.signatures = [
                        Signature(id=iid, article_id=aid, date=date, source=source,
                                  minhash=np.array(mh, dtype=np.uint64), terms=dict(zip(terms, weights)))
                        for aid, iid, date, source, mh, terms, weights in rows]
                con.execute("DROP TABLE IF EXISTS _ne_new")
                con.execute("DROP TABLE IF EXISTS _ne_files")
            if files["rejections"]:
                cols = schema.columns("rejections")
                keys = [c for c in cols if c not in ("run_id", "added_at")]
                sel = ", ".join("?" if (c == "run_id" and run_id is not None) else f"p.{_q(c)}" for c in cols)
                where = ""
                if dedupe_rejections:
                    same = " AND ".join(f"r.{_q(c)} IS NOT DISTINCT FROM p.{_q(c)}" for c in keys)
                    where = f" WHERE NOT EXISTS (SELECT 1 FROM rejections r WHERE {same})"
                    first = ("QUALIFY row_number() OVER (PARTITION BY " + ", ".join(f"p.{_q(c)}" for c in keys)
                             + " ORDER BY p._part, p.file_row_number) = 1")
                else:
                    first = ""
                params = [run_id] if run_id is not None else []
                inserted = con.execute(
                    f"INSERT INTO rejections ({', '.join(_q(c) for c in cols)}) SELECT {sel} FROM ("
                    f"SELECT *, {_STEM} AS _part FROM read_parquet(?, filename=true, file_row_number=true, "
                    f"hive_partitioning=false)) p{where} {first} "
                    f"ORDER BY p._part, p.file_row_number RETURNING record_id, path, status, stage, reason",
                    params + [files["rejections"]]).fetchall()
                result.rejections = [Rejection(*row) for row in inserted]
            con.commit()
        except BaseException:
            try:
                con.rollback()
            except duckdb.Error:
                pass
            raise
    except duckdb.Error as exc:
        raise StoreError(f"store {store.path}: {action} failed: {exc}; check that {parquet_dir} holds files "
                         f"written by `newsevents ingest --engine dask` (nothing was stored)") from exc
    return result


def assign_loaded_stories(store: Store, signatures: Sequence[Any]) -> dict[str, Any]:
    """Put the articles just loaded from Parquet (their ``signatures``, ``LoadResult.signatures``)
    into stories, joining stored ones, as ``ingest`` does; returns ``StoryIndex.finish()``'s
    assignments."""
    from newsevents.stories import StoryIndex

    index = StoryIndex(store=store)
    for sig in signatures:
        index.add_signature(sig)
    return index.finish()
