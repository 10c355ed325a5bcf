"""Interrupted runs repair themselves: an ``ingest`` killed (SIGKILL), terminated (SIGTERM) or
interrupted (Ctrl-C) after some batches were stored leaves a store that the next ``ingest``
finishes -- the old run row closed as ``interrupted``, its articles put into stories -- so that
the store ends row for row as after a run that was never stopped."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
N_ARTICLES = 20
BATCH = 4


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("interrupted") / "articles"
    d.mkdir()
    for f in sorted((ROOT / "demo" / "articles").glob("*.txt"))[:N_ARTICLES]:
        shutil.copy(f, d / f.name)
    return d


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _ingest_args(corpus, db):
    return [sys.executable, "-m", "newsevents.cli", "ingest", str(corpus), "--db", str(db),
            "--batch-size", str(BATCH), "--workers", "1"]


def ingest(corpus, db) -> subprocess.CompletedProcess:
    return subprocess.run(_ingest_args(corpus, db), env=_env(), cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def _kill_ingest():
    spec = importlib.util.spec_from_file_location("newsevents_bench_kill_ingest", ROOT / "bench" / "kill_ingest.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


KILL = _kill_ingest()  # bench/kill_ingest.py: the same check at full size
stored = KILL.stored


def stop_after(corpus, db, n: int, signum: int) -> int:
    """Start an ingest with a progress bar, send ``signum`` once it has coded ``n`` articles (so
    ``(n - 1) // BATCH`` batches are stored), and return its exit code."""
    return KILL.stop_after(_ingest_args(corpus, db), N_ARTICLES, n, signum, env=_env())[1]


def runs(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT status, finished_at IS NOT NULL, coded FROM runs ORDER BY started_at").fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    res = ingest(corpus, db)
    assert res.returncode == 0, res.stderr
    rows = stored(db)
    assert len(rows["articles"]) == N_ARTICLES and all(r[11] for r in rows["articles"])  # story ids
    return rows


def rerun(corpus, db):
    """The next ingest, in this process (the model loads once for every case)."""
    from newsevents.coding import ingest as ingest_into

    return ingest_into([str(corpus)], db, batch_size=BATCH, workers=1)


@pytest.mark.parametrize("n,signum,code", [
    (BATCH + 1, signal.SIGKILL, -signal.SIGKILL),
    (2 * BATCH + 1, signal.SIGTERM, 143),
    (3 * BATCH + 1, signal.SIGINT, 130),
], ids=["sigkill-after-1-batch", "sigterm-after-2-batches", "ctrl-c-after-3-batches"])
def test_the_next_ingest_finishes_an_interrupted_run(corpus, clean, tmp_path, n, signum, code):
    db = tmp_path / "stopped.duckdb"
    assert stop_after(corpus, db, n, signum) == code
    con = duckdb.connect(str(db), read_only=True)
    kept, with_story = con.execute("SELECT count(*), count(story_id) FROM articles").fetchone()
    con.close()
    assert 0 < kept < N_ARTICLES and with_story == 0  # stopped mid-run: stored, not in stories yet
    if signum == signal.SIGKILL:  # the command line says what it finished
        res = ingest(corpus, db)
        assert res.returncode == 0, res.stderr
        assert "had been interrupted: closed" in res.stdout
        assert f"{kept} article(s) it stored had no story: put into stories" in res.stdout
    else:
        summary = rerun(corpus, db)
        assert len(summary.interrupted_runs) == 1 and summary.repaired == kept
        assert (summary.coded, summary.already_stored, summary.failed) == (N_ARTICLES - kept, kept, 0)
    assert stored(db) == clean
    assert runs(db) == [("interrupted", True, kept), ("finished", True, N_ARTICLES - kept)]
    again = rerun(corpus, db)  # nothing left to repair
    assert (again.interrupted_runs, again.repaired, again.coded) == ([], 0, 0)
    assert stored(db) == clean
