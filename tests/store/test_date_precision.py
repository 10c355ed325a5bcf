"""Issue 19: an event dated only to a year or a month keeps its precision (``date_precision``), in
the record, in the store (written, and filled in by the migration for rows stored before it) and in
the JSONL export."""

from __future__ import annotations

import dataclasses
import io
import json

import duckdb

from newsevents.io.exports import export
from newsevents.records import date_precision
from newsevents.store import SCHEMA_VERSION, open_db

from .records_factory import demo_result


def test_precision_is_read_off_the_coded_date():
    assert [date_precision(v) for v in ("2017-11-02", "2017-11-02T08:30", "2017-11", "2015")] == \
        ["day", "day", "month", "year"]
    assert [date_precision(v) for v in (None, "", "PAST_REF", "P3D", "spring")] == [None] * 5


def test_the_event_record_keeps_precision_in_step_with_its_date():
    ev = demo_result().events[2]
    assert (ev.date, ev.date_precision) == ("2015", "year")
    assert dataclasses.replace(ev, date="2015-06").date_precision == "month"
    assert dataclasses.replace(ev, date=None).date_precision is None


def _precisions(con_or_store) -> dict[str, str | None]:
    rows = con_or_store.execute('SELECT "date", date_precision FROM events').fetchall()
    return dict(rows)


def test_store_writes_precision_and_jsonl_carries_it(tmp_path):
    db = tmp_path / "p.duckdb"
    month = demo_result(id="month-1", date="2017-11")
    with open_db(db) as s:
        s.write(demo_result(), run_id=None)
        s.write(month, run_id=None)
        buf = io.StringIO()
        export(s, "jsonl", buf)
    objs = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert {(o["date"], o["date_precision"], o["date_start"], o["date_end"]) for o in objs} == {
        ("2017-11-02", "day", "2017-11-02", "2017-11-02"),
        ("2017-11", "month", "2017-11-01", "2017-11-30"),
        ("2015", "year", "2015-01-01", "2015-12-31"),
    }
    with duckdb.connect(str(db), read_only=True) as con:
        assert _precisions(con) == {"2017-11-02": "day", "2017-11": "month", "2015": "year"}


def test_migration_fills_precision_of_rows_stored_before_it(tmp_path):
    db = tmp_path / "old.duckdb"
    with open_db(db) as s:
        s.write(demo_result(), run_id=None)
        s.write(demo_result(id="month-1", date="2017-11"), run_id=None)
    with duckdb.connect(str(db)) as con:  # rows as a version-6 store holds them: no precision yet
        con.execute("UPDATE events SET date_precision = NULL")
        con.execute("DELETE FROM schema_version WHERE version = 7")
    with open_db(db) as s:
        assert s.schema_version() == SCHEMA_VERSION
    with duckdb.connect(str(db), read_only=True) as con:
        assert _precisions(con) == {"2017-11-02": "day", "2017-11": "month", "2015": "year"}
