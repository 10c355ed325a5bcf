"""CLI options for scaling out: usage errors and the load command's edges (cheap: no coding)."""

from __future__ import annotations

from click.testing import CliRunner

from newsevents.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_help_lists_the_scaling_options():
    assert all(o in run("ingest", "--help").output
               for o in ("--workers", "--engine", "--scheduler", "--partition-size", "--parquet-dir"))
    assert "--workers" in run("code", "--help").output
    assert "Parquet" in run("load", "--help").output


def test_dask_options_without_the_dask_engine_are_a_usage_error(tmp_path):
    res = run("ingest", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), "--scheduler", "tcp://127.0.0.1:1")
    assert res.exit_code == 2 and "--engine dask" in res.output
    res = run("ingest", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), "--workers", "0")
    assert res.exit_code == 2


def test_load_of_a_missing_dir_is_a_usage_error(tmp_path):
    res = run("load", str(tmp_path / "nope"), "--db", str(tmp_path / "x.duckdb"))
    assert res.exit_code == 2


def test_load_of_an_empty_dir_stores_nothing_and_says_so(tmp_path):
    (tmp_path / "pq").mkdir()
    res = run("load", str(tmp_path / "pq"), "--db", str(tmp_path / "x.duckdb"))
    assert res.exit_code == 0
    assert res.output.startswith("articles read 0: coded 0, skipped 0, failed 0")


def test_load_into_a_store_that_cannot_be_opened_exits_2(tmp_path):
    (tmp_path / "pq").mkdir()
    res = run("load", str(tmp_path / "pq"), "--db", str(tmp_path))  # a directory, not a DuckDB file
    assert res.exit_code == 2


def test_optimize_rewrites_the_layout_and_keeps_every_answer(tmp_path):
    import json
    import shutil
    from pathlib import Path

    demo = sorted((Path(__file__).resolve().parents[2] / "demo" / "articles").glob("*.txt"))[:4]
    for f in demo:
        shutil.copy(f, tmp_path / f.name)
    db = str(tmp_path / "x.duckdb")
    assert run("ingest", str(tmp_path), "--db", db).exit_code == 0
    before = run("events", "--db", db, "--json", "--limit", "1000").output.splitlines()
    res = run("optimize", "--db", db, "--memory-limit", "1GB")
    assert res.exit_code == 0 and res.output.startswith(f"optimized {len(before):,} events")
    after = run("events", "--db", db, "--json", "--limit", "1000").output.splitlines()
    assert len(before) > 3 and all(json.loads(line) for line in before)
    assert sorted(before) == sorted(after)
    missing = tmp_path / "missing.duckdb"
    res = run("optimize", "--db", str(missing))
    assert res.exit_code != 0 and "no store" in res.output and not missing.exists()
