"""--engine dask: partitions coded on a real LocalCluster (2 worker processes), written as Parquet
partitioned by day, loaded into DuckDB. Same records as a local run; nothing doubled on re-runs,
retries or loads."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from newsevents.cli import cli
from newsevents.engines import code_partition, dask_client, partition_name, run_dask
from newsevents.io.readers import iter_articles
from newsevents.store import open_db
from newsevents.store.parquet import load_parquet, parquet_files

from .conftest import rows, stored


@pytest.fixture(scope="module")
def client():
    with dask_client(workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def local_db(corpus, tmp_path_factory):
    db = str(tmp_path_factory.mktemp("local") / "local.duckdb")
    res = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return db, res.output


@pytest.fixture(scope="module")
def dask_db(corpus, client, tmp_path_factory):
    base = tmp_path_factory.mktemp("dask")
    db, pq = str(base / "dask.duckdb"), str(base / "pq")
    res = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db, "--engine", "dask", "--scheduler",
                                   client.scheduler.address, "--partition-size", "3", "--parquet-dir", pq],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return db, pq, res.output


def _files(pq: str) -> dict[str, bytes]:
    return {str(p.relative_to(pq)): p.read_bytes() for p in sorted(Path(pq).rglob("*")) if p.is_file()}


def test_dask_ingest_stores_what_a_local_ingest_stores(local_db, dask_db):
    (ldb, lout), (ddb, pq, dout) = local_db, dask_db
    assert lout.splitlines()[0] == dout.splitlines()[0] == \
        "articles read 12: coded 8, skipped 2, failed 0, already stored 2"
    a, b = stored(ldb), stored(ddb)
    assert len(a["events"]) > 10
    assert a == b  # events (ids, codes, actors), articles with story ids, every record, rejections
    # the same run counts in the runs table
    cols = 'read, coded, skipped, failed, already_stored, events, words'
    assert rows(ldb, f"SELECT {cols} FROM runs") == rows(ddb, f"SELECT {cols} FROM runs")


def test_parquet_is_partitioned_by_day_and_duckdb_reads_it(dask_db):
    ddb, pq, _ = dask_db
    days = sorted(p.name for p in (Path(pq) / "events").iterdir())
    assert "day=2019-03-04" in days and "day=__HIVE_DEFAULT_PARTITION__" in days  # the undated article
    names = {p.stem for p in Path(pq).rglob("*.parquet")}
    assert all(n.startswith("part-0000") for n in names) and len({n[:10] for n in names}) == 4  # 10 items / 3
    # (12 records read, the 2 copies are not sent: 10 items in 4 partitions)
    con = duckdb.connect()
    got = con.execute(f"SELECT event_id, cameo, day FROM read_parquet('{pq}/events/*/*.parquet', "
                      f"hive_partitioning=true) ORDER BY event_id").fetchall()
    want = rows(ddb, "SELECT e.event_id, e.cameo, a.date FROM events e JOIN articles a USING (article_id) "
                     "ORDER BY e.event_id")
    assert got == want


def test_rerun_adds_nothing_and_rewrites_no_parquet(corpus, client, dask_db):
    ddb, pq, _ = dask_db
    before, files = stored(ddb), _files(pq)
    res = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", ddb, "--engine", "dask", "--scheduler",
                                   client.scheduler.address, "--partition-size", "3", "--parquet-dir", pq],
                             catch_exceptions=False)
    assert res.exit_code == 0
    assert "coded 0, skipped 2, failed 0, already stored 10" in res.output
    after = stored(ddb)
    assert {k: v for k, v in after.items() if k != "rejections"} == \
           {k: v for k, v in before.items() if k != "rejections"}
    assert len(after["rejections"]) == 2 * len(before["rejections"])  # this run's skips, as a local re-run
    new = _files(pq)
    assert {k: v for k, v in new.items() if k in files} == files  # old partitions untouched
    assert all("/rejections/" in "/" + k or k.startswith("rejections/") for k in set(new) - set(files))


def test_a_retried_partition_overwrites_its_own_files(corpus, tmp_path):
    items = list(iter_articles([str(corpus)]))[1:5]  # four different articles
    pq = str(tmp_path / "pq")
    first = code_partition(7, items, pq, "run-1")
    second = code_partition(7, items, pq, "run-1")  # what a Dask retry does
    assert first["files"] == second["files"] and first["files"]
    assert sorted(str(p) for p in Path(pq).rglob("*") if p.is_file()) == sorted(first["files"])
    assert all(Path(f).stem == partition_name(7, items) for f in first["files"])
    with open_db(str(tmp_path / "x.duckdb")) as store:
        loaded = load_parquet(store, pq)
        again = load_parquet(store, pq)
        n = store.summary()
    assert loaded.articles == first["coded"] == 4 and loaded.events == first["events"] > 0
    assert again.articles == 0 and again.already_stored == 4 and again.rejections == []
    assert n["articles"] == 4


def test_load_into_a_fresh_store_equals_the_ingest(dask_db, tmp_path):
    ddb, pq, _ = dask_db
    db = str(tmp_path / "loaded.duckdb")
    res = CliRunner().invoke(cli, ["load", pq, "--db", db], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    assert res.output.startswith("articles read 10: coded 8, skipped 2, failed 0")
    a, b = stored(ddb), stored(db)
    first_run = rows(ddb, "SELECT min(run_id) FROM runs")[0][0]
    a["rejections"] = rows(ddb, f"SELECT record_id, path, status, stage, reason FROM rejections "
                                f"WHERE run_id = '{first_run}' ORDER BY path, record_id")
    assert b == a  # story ids included: the signatures travel in the Parquet
    twice = CliRunner().invoke(cli, ["load", pq, "--db", db], catch_exceptions=False)
    assert "coded 0, skipped 0, failed 0, already stored 8" in twice.output
    assert stored(db) == b


def test_a_partition_that_keeps_failing_is_reported_failed(corpus, client, tmp_path):
    items = list(iter_articles([str(corpus)]))[:3]
    # a pipeline setting the workers refuse: the task fails on every try
    infos = list(run_dask(items, str(tmp_path / "pq"), client=client, partition_size=2, retries=1,
                          pipeline_kwargs={"errors": "never"}))
    assert [i["number"] for i in infos] == [0, 1]
    assert sum(i["failed"] for i in infos) == 3 and all(i["pid"] is None for i in infos)
    reasons = [r.reason for i in infos for r in i["rejections"]]
    assert all("failed on the Dask cluster" in r and "ConfigError" in r for r in reasons)
    assert parquet_files(tmp_path / "pq", "articles") == []


def test_parquet_written_before_a_column_existed_still_loads(corpus, tmp_path):
    items = list(iter_articles([str(corpus)]))[:1]
    pq = tmp_path / "pq"
    info = code_partition(0, items, str(pq), "run-1")
    (events_file,) = [f for f in info["files"] if "/events/" in f]
    con = duckdb.connect()  # rewrite the events file without the newest column, as an older version would
    old = str(tmp_path / "old.parquet")
    con.execute(f"COPY (SELECT * EXCLUDE (main) FROM read_parquet('{events_file}')) TO '{old}' (FORMAT parquet)")
    Path(old).replace(events_file)
    with open_db(str(tmp_path / "x.duckdb")) as store:
        loaded = load_parquet(store, pq)
        main = store.con.execute("SELECT count(*), count(main) FROM events").fetchone()
    assert loaded.articles == 1 and loaded.events == info["events"] > 0
    assert main[0] > 0 and main[1] == 0  # stored, the missing column NULL
