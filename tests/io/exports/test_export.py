"""Exports from a real DuckDB store: GDELT 2.0 TSV, PLOVER JSON lines, ICEWS and POLECAT TSV, CSV,
JSONL, Parquet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest

from newsevents.errors import ConfigError
from newsevents.io.exports import FORMATS, GDELT_COLUMNS, actor_code_parts, export, gdelt_event_id
from newsevents.store import open_db

from ...store.records_factory import demo_result

SHARED_SCHEMA = Path(__file__).resolve().parents[4] / "shared" / "eval" / "reference" / "gdelt2_events_schema.csv"

N_ROWS = 8  # two demo articles x (1 + 2 + 1) dyad rows


def gdelt_rows(store, **filters) -> list[dict[str, str]]:
    buf = io.StringIO()
    n = export(store, "gdelt", buf, **filters)
    lines = buf.getvalue().splitlines()
    assert len(lines) == n
    for line in lines:
        assert len(line.split("\t")) == 61
    return [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines]


def test_gdelt_column_list_has_61_names():
    assert len(GDELT_COLUMNS) == 61 == len(set(GDELT_COLUMNS))
    assert GDELT_COLUMNS[0] == "GLOBALEVENTID" and GDELT_COLUMNS[-1] == "SOURCEURL"


def test_gdelt_column_order_matches_the_reference_schema():
    if not SHARED_SCHEMA.is_file():
        pytest.skip("../shared/eval/reference not present")
    with open(SHARED_SCHEMA, encoding="utf-8") as fh:
        names = [row["name"] for row in csv.DictReader(fh)]
    assert tuple(names) == GDELT_COLUMNS


def test_gdelt_rows_carry_codes_dates_and_places(store, tmp_path):
    out = tmp_path / "events.tsv"
    assert export(store, "gdelt", out) == N_ROWS
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == N_ROWS and all(len(line.split("\t")) == 61 for line in lines)
    rows = gdelt_rows(store)
    for r in rows:
        assert r["EventRootCode"] == r["EventCode"][:2]
        assert r["EventBaseCode"] == r["EventCode"][:3]
        assert r["QuadClass"] in {"1", "2", "3", "4"}
        assert r["NumMentions"] == r["NumSources"] == r["NumArticles"] == "1"
        assert len(r["DATEADDED"]) == 14 and r["DATEADDED"].isdigit()
        assert int(r["GLOBALEVENTID"]) > 0
    assert len({r["GLOBALEVENTID"] for r in rows}) == N_ROWS

    condemn = next(r for r in rows if r["EventCode"] == "111" and r["SQLDATE"] == "20171102")
    assert (condemn["Actor1Code"], condemn["Actor1Name"], condemn["Actor1CountryCode"]) == ("RUS", "RUSSIA", "RUS")
    assert (condemn["Actor2Code"], condemn["Actor2CountryCode"]) == ("IRN", "IRN")
    assert condemn["IsRootEvent"] == "1" and condemn["GoldsteinScale"] == "-2" and condemn["AvgTone"] == "-5"
    assert (condemn["MonthYear"], condemn["Year"]) == ("201711", "2017")
    assert condemn["FractionDate"] == f"{2017 + (11 * 30 + 2) / 365:.4f}"
    assert condemn["SOURCEURL"] == "https://example.org/news/1"
    assert condemn["ActionGeo_Type"] == "0" and condemn["ActionGeo_FullName"] == ""

    meet = [r for r in rows if r["EventCode"] == "040" and r["SQLDATE"] == "20171102"]
    assert sorted(r["Actor1Code"] for r in meet) == ["CHNGOV", "RUSGOV"]
    assert {r["Actor1Type1Code"] for r in meet} == {"GOV"} and {r["Actor2Type1Code"] for r in meet} == {"GOV"}
    assert meet[0]["IsRootEvent"] == "0"
    geo = meet[0]
    assert (geo["ActionGeo_Type"], geo["ActionGeo_CountryCode"], geo["ActionGeo_FeatureID"]) == ("4", "CHE", "2660646")
    assert geo["ActionGeo_FullName"] == "Geneva, CHE" and geo["ActionGeo_Lat"] == "46.2022"

    un = next(r for r in rows if r["Actor2Code"] == "IGOUNO")
    assert (un["Actor2KnownGroupCode"], un["Actor2Type1Code"], un["Actor2CountryCode"]) == ("UNO", "IGO", "")
    assert un["SQLDATE"] == "20150101" and un["Year"] == "2015"  # an event dated only to its year

    no_url = [r for r in rows if r["SQLDATE"] in ("20180305",)]
    assert no_url and all(r["SOURCEURL"] == "/in/demo-2.txt" for r in no_url)  # no URL: the input path


def test_gdelt_ids_are_stable_across_stores(tmp_path):
    ids = []
    for name in ("a.duckdb", "b.duckdb"):
        with open_db(tmp_path / name) as s:
            s.write(demo_result(), run_id=s.begin_run("t"))
            ids.append(sorted(r["GLOBALEVENTID"] for r in gdelt_rows(s)))
    assert ids[0] == ids[1]
    assert gdelt_event_id("ffffffffffffffff") < 2 ** 63


def test_actor_code_parts():
    assert actor_code_parts("RUSGOVMIL", "RUS", "GOV") == ("", ["GOV", "MIL"])
    assert actor_code_parts("IGOUNOREF", None, "IGO") == ("UNO", ["IGO", "REF"])
    assert actor_code_parts("SYR", "SYR", None) == ("", [])
    assert actor_code_parts("REB", None, "REB") == ("", ["REB"])
    assert actor_code_parts("", None, "MIL") == ("", ["MIL"])


def test_gdelt_cells_have_no_tabs_or_line_breaks(tmp_path):
    res = demo_result()
    ev = res.events[0]
    import dataclasses

    weird = dataclasses.replace(ev.source[0], name="Odd\tName\nHere")
    res = dataclasses.replace(res, events=(dataclasses.replace(ev, source=(weird,)),))
    with open_db(tmp_path / "w.duckdb") as s:
        s.write(res, run_id=None)
        (row,) = gdelt_rows(s)
    assert row["Actor1Name"] == "ODD NAME HERE"


def test_plover_json_lines(store, tmp_path):
    out = tmp_path / "events.plover.jsonl"
    assert export(store, "plover", out) == N_ROWS
    objs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(objs) == N_ROWS
    for o in objs:  # the PLOVER manual's names (tests/io/exports/test_plover.py checks them in detail)
        assert {"id", "date", "enddate", "actor", "recipient", "event", "mode", "context", "event_loc",
                "event_text", "quad_code", "text", "cite_info", "coder", "coded_date"} <= set(o)
        assert isinstance(o["actor"], list) and isinstance(o["event"], list)
    assert {o["date"] for o in objs} == {"2017-11-02", "2015-01-01", "2018-03-05"}


def test_csv_has_a_header_and_one_row_per_event(store, tmp_path):
    out = tmp_path / "events.csv"
    assert export(store, "csv", out) == N_ROWS
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == N_ROWS
    assert {"event_id", "event_group", "cameo", "source_code", "target_country", "evidence_text",
            "article_url"} <= set(rows[0])
    assert {r["negated"] for r in rows} == {"false"}


def test_csv_with_no_match_still_has_its_header(store):
    buf = io.StringIO()
    assert export(store, "csv", buf, country="ZZZ") == 0
    assert buf.getvalue().startswith("event_id,")


def test_jsonl_events(store):
    buf = io.StringIO()
    assert export(store, "jsonl", buf) == N_ROWS
    objs = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert len({o["event_id"] for o in objs}) == N_ROWS
    assert objs[0]["date_start"] == "2015-01-01"


def test_parquet_is_readable_by_duckdb(store, tmp_path):
    out = tmp_path / "sub" / "events.parquet"
    assert export(store, "parquet", out) == N_ROWS
    n, roots = duckdb.sql(f"select count(*), list(distinct root order by root) from read_parquet('{out}')").fetchall()[0]
    assert n == N_ROWS and roots == ["04", "05", "11"]
    with pytest.raises(ConfigError, match="path"):
        export(store, "parquet", io.StringIO())


def test_filters_pass_through_every_format(store, tmp_path):
    for fmt in FORMATS:
        out = tmp_path / f"f.{fmt}"
        assert export(store, fmt, out, dyad="RUS,IRN", since="2018") == 2, fmt
    assert export(store, "gdelt", io.StringIO(), type="111", limit=1) == 1


def test_unknown_format_is_a_config_error(store):
    with pytest.raises(ConfigError, match="gdelt"):
        export(store, "xml", io.StringIO())
