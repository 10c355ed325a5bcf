"""The library behind `code` and `ingest`: it returns counts, reports progress through a callback,
and never prints or exits."""

from __future__ import annotations

import pytest

from newsevents import coding
from newsevents.errors import ConfigError
from newsevents.records import DocumentResult, Rejection
from newsevents.store import open_db

from .conftest import stored


def test_ingest_codes_skips_stored_and_reports_progress(corpus, tmp_path, capsys):
    db = str(tmp_path / "lib.duckdb")
    done = []
    summary = coding.ingest([corpus], db, workers=1, progress=done.append)
    assert (summary.read, summary.coded, summary.skipped, summary.failed, summary.already_stored) == \
        (12, 8, 2, 0, 2)
    assert summary.run_id and summary.stories >= 1 and summary.workers == 1 and summary.events > 0
    assert sum(done) == 10  # the 2 copies are dropped before coding
    with open_db(db) as store:
        again = coding.ingest(str(corpus), store, command="again")
        runs = store.con.execute("SELECT command FROM runs ORDER BY started_at").fetchall()
    assert (again.coded, again.already_stored, again.skipped) == (0, 10, 2)
    assert runs == [(f"ingest {corpus}",), ("again",)]
    assert stored(db)["events"]
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""  # the library prints nothing


def test_code_yields_results_in_input_order_and_stories_at_the_end(corpus):
    run = coding.code([corpus], workers=1)
    assert run.stories is None
    results = list(run)
    assert len(results) == 12 and run.summary.coded == 10 and run.summary.skipped == 2
    assert sum(isinstance(r, Rejection) for r in results) == 2
    ids = {r.id for r in results if isinstance(r, DocumentResult)}
    assert set(run.stories) == ids
    with pytest.raises(RuntimeError):
        list(run)  # a run is iterated once


def test_bad_arguments_are_config_errors_before_anything_runs(tmp_path):
    db = tmp_path / "x.duckdb"
    with pytest.raises(ConfigError):
        coding.ingest([str(tmp_path)], str(db), engine="spark")
    with pytest.raises(ConfigError):
        coding.ingest([str(tmp_path)], str(db), scheduler="tcp://127.0.0.1:1")
    with pytest.raises(ConfigError):
        coding.code([str(tmp_path)], workers=0)
    assert not db.exists()
