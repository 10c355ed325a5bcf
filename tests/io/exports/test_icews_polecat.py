"""The ICEWS and POLECAT exports (issue 19): their columns in their order, read back by pandas
with exactly those names, and what we write in them."""

from __future__ import annotations

import pandas as pd
import pytest

from newsevents.io.exports import export
from newsevents.io.icews import ICEWS_COLUMNS
from newsevents.io.polecat import POLECAT_COLUMNS

N_ROWS = 8


def read_tsv(path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


def test_icews_has_its_20_columns_in_order():
    assert ICEWS_COLUMNS == (
        "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
        "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
        "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude")


def test_polecat_has_its_40_columns():
    assert len(POLECAT_COLUMNS) == 40 == len(set(POLECAT_COLUMNS))
    assert POLECAT_COLUMNS[:8] == ("Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity",
                                   "Quad Code", "Contexts", "Actor Name")
    assert POLECAT_COLUMNS[-2:] == ("Language", "Version")


@pytest.mark.parametrize("fmt,columns", [("icews", ICEWS_COLUMNS), ("polecat", POLECAT_COLUMNS)])
def test_every_demo_row_reads_back_with_exactly_those_columns(demo_store, tmp_path, fmt, columns):
    out = tmp_path / f"demo.{fmt}.tsv"
    n = export(demo_store, fmt, out)
    assert n > 300
    df = read_tsv(out)
    assert tuple(df.columns) == columns and len(df) == n
    raw = out.read_text(encoding="utf-8").split("\n")
    assert raw[-1] == "" and len(raw) == n + 2  # a header, n lines, nothing else
    assert all(line.count("\t") == len(columns) - 1 for line in raw[:-1])
    assert df["Event Date"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


@pytest.mark.parametrize("fmt,columns", [("icews", ICEWS_COLUMNS), ("polecat", POLECAT_COLUMNS)])
def test_no_match_still_writes_the_header(store, tmp_path, fmt, columns):
    out = tmp_path / f"none.{fmt}.tsv"
    assert export(store, fmt, out, country="ZZZ") == 0
    assert tuple(read_tsv(out).columns) == columns


def test_icews_names_countries_and_sectors_as_icews_does(store, tmp_path):
    out = tmp_path / "events.icews.tsv"
    assert export(store, "icews", out) == N_ROWS
    df = read_tsv(out)
    condemn = df[(df["CAMEO Code"] == "111") & (df["Event Date"] == "2017-11-02")].iloc[0]
    assert (condemn["Source Name"], condemn["Source Country"], condemn["Source Sectors"]) == \
        ("Russian Federation", "Russian Federation", "")
    assert (condemn["Target Name"], condemn["Target Country"]) == ("Iran", "Iran")
    assert (condemn["Event Text"], condemn["Intensity"], condemn["Sentence Number"]) == \
        ("Criticize or denounce", "-2", "1")
    assert condemn["Publisher"] == "Wire" and condemn["Story ID"].isdigit()
    meet = df[(df["CAMEO Code"] == "040") & (df["Event Date"] == "2017-11-02")]
    assert sorted(meet["Source Name"]) == ["Government (China)", "Government (Russian Federation)"]
    assert set(meet["Source Sectors"]) == {"Government"} and set(meet["Target Name"]) == {"Government (Iran)"}
    assert set(meet["City"]) == {"Geneva"} and set(meet["Country"]) == {"Switzerland"}
    assert set(meet["Latitude"]) == {"46.2022"}
    un = df[df["Target Name"] == "United Nations"].iloc[0]
    assert (un["Target Sectors"], un["Target Country"]) == ("International Government Organization", "")
    assert un["Event Date"] == "2015-01-01"  # dated only to 2015: its first day
    assert df["Event ID"].str.isdigit().all() and df["Event ID"].nunique() == N_ROWS


def test_polecat_rows(store, tmp_path):
    out = tmp_path / "events.polecat.tsv"
    assert export(store, "polecat", out) == N_ROWS
    df = read_tsv(out)
    meet = df[(df["Event Type"] == "CONSULT") & (df["Actor Name"] == "China")].iloc[0]
    assert (meet["Event Mode"], meet["Quad Code"], meet["Event Intensity"]) == ("third-party", "VERBAL COOPERATION", "1")
    assert (meet["Actor Country"], meet["Primary Actor Sector"], meet["Actor Name Raw"]) == ("CHN", "GOV", "Chinese")
    assert (meet["Recipient Country"], meet["Recipient Name Raw"]) == ("IRN", "Iranian officials")
    assert (meet["Placename"], meet["City"], meet["Country"], meet["GeoNames ID"]) == ("Geneva", "Geneva", "CHE", "2660646")
    assert (meet["Source"], meet["Publication Date"], meet["Language"]) == ("Wire", "2017-11-02", "en")
    assert set(df["Quad Code"]) == {"VERBAL CONFLICT", "VERBAL COOPERATION"}
    assert (df["Actor COW"] == "").all()  # we carry no Correlates of War codes
