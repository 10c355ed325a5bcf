"""Hostile text round-trips through every export format (issue 19): quotes, separators, line
breaks of every kind, markup, right-to-left marks, emoji and spreadsheet formulas in a name, the
evidence, the title and the outlet come back as written (JSON, CSV, Parquet) or with only tabs
and line breaks turned into spaces (the tab-separated layouts), read by pandas."""

from __future__ import annotations

import csv
import dataclasses
import json

import pandas as pd
import pytest

from newsevents.io.exports import FORMATS, GDELT_COLUMNS, export
from newsevents.store import open_db

from ...store.records_factory import demo_result

HOSTILE = ('"Quoted" start, then \'single\'; semi;colon\ttab\nnewline\r\nCRLF\rCR \x0bVT\x0cFF \x85NEL '
           '\u2028LS\u2029PS <script>alert("x")</script> & \\N NA None "" \u202eRTL\u202c \U0001F600 '
           'Erdo\u011fan =cmd|\' /C calc\'!A0 ,,, "')
BREAKS = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def tsv(text: str) -> str:
    """What the ICEWS and POLECAT layouts write: every tab or line break becomes one space."""
    return "".join(" " if ch in BREAKS else ch for ch in text)


def gdelt(text: str) -> str:
    """What the GDELT layout writes (unchanged by issue 19): the pieces between line breaks joined by
    spaces, tabs as spaces."""
    return " ".join(text.replace("\t", " ").splitlines())


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    res = demo_result()
    ev = res.events[0]
    who = dataclasses.replace(ev.source[0], name=HOSTILE, text=HOSTILE)
    ev = dataclasses.replace(ev, source=(who,), evidence_text=HOSTILE)
    art = dataclasses.replace(res.article, title=HOSTILE, source=HOSTILE)
    res = dataclasses.replace(res, article=art, events=(ev,))
    path = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    with open_db(path) as s:
        assert s.write(res, run_id=None)
    return path


def exported(db, fmt, tmp_path):
    out = tmp_path / f"hostile.{fmt}"
    with open_db(db, read_only=True) as s:
        assert export(s, fmt, out) == 1
    return out


def read_tsv(path, header=True) -> dict[str, str]:
    df = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, header=0 if header else None,
                     quoting=csv.QUOTE_MINIMAL if header else csv.QUOTE_NONE)
    assert len(df) == 1
    return df.iloc[0].to_dict()


def test_every_format_is_covered():
    assert set(FORMATS) == {"gdelt", "plover", "icews", "polecat", "csv", "jsonl", "parquet"}


@pytest.mark.parametrize("fmt", ["plover", "jsonl"])
def test_json_formats_keep_it_exactly(hostile_db, tmp_path, fmt):
    lines = exported(hostile_db, fmt, tmp_path).read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 2  # one record on one line: every break is escaped
    obj = json.loads(lines[0])
    if fmt == "plover":
        assert obj["actor"][0]["name"] == obj["actor"][0]["actor_text"] == HOSTILE
        assert obj["text"] == obj["cite_info"]["title"] == obj["cite_info"]["publication"] == HOSTILE
    else:
        assert obj["source_name"] == obj["source_text"] == obj["evidence_text"] == HOSTILE
        assert obj["article_title"] == obj["article_source"] == HOSTILE
    df = pd.read_json(exported(hostile_db, fmt, tmp_path), lines=True, dtype=False)
    assert (df["text"] if fmt == "plover" else df["evidence_text"]).tolist() == [HOSTILE]


def test_csv_keeps_it_exactly(hostile_db, tmp_path):
    row = pd.read_csv(exported(hostile_db, "csv", tmp_path), dtype=str, keep_default_na=False).iloc[0]
    assert row["source_name"] == row["evidence_text"] == row["article_title"] == row["article_source"] == HOSTILE


def test_parquet_keeps_it_exactly(hostile_db, tmp_path):
    import duckdb

    path = exported(hostile_db, "parquet", tmp_path)
    got = duckdb.sql(f"SELECT source_name, evidence_text, article_title FROM read_parquet('{path}')").fetchall()
    assert got == [(HOSTILE, HOSTILE, HOSTILE)]


def test_icews_keeps_it_but_tabs_and_line_breaks(hostile_db, tmp_path):
    row = read_tsv(exported(hostile_db, "icews", tmp_path))
    assert row["Source Name"] == row["Publisher"] == tsv(HOSTILE)


def test_polecat_keeps_it_but_tabs_and_line_breaks(hostile_db, tmp_path):
    row = read_tsv(exported(hostile_db, "polecat", tmp_path))
    assert row["Actor Name"] == row["Actor Name Raw"] == row["Source"] == tsv(HOSTILE)


def test_gdelt_keeps_its_61_cells(hostile_db, tmp_path):
    path = exported(hostile_db, "gdelt", tmp_path)
    row = read_tsv(path, header=False)
    assert len(row) == len(GDELT_COLUMNS)
    assert dict(zip(GDELT_COLUMNS, row.values()))["Actor1Name"] == gdelt(HOSTILE.upper())


@pytest.mark.parametrize("fmt", ["icews", "polecat"])
def test_tab_separated_layouts_read_back_in_duckdb(hostile_db, tmp_path, fmt):
    import duckdb

    path = exported(hostile_db, fmt, tmp_path)
    col = "Source Name" if fmt == "icews" else "Actor Name"
    got = duckdb.sql(f"SELECT \"{col}\" FROM read_csv('{path}', delim='\\t', header=true, quote='\"', "
                     f"escape='\"', all_varchar=true)").fetchall()
    assert got == [(tsv(HOSTILE),)]
