"""One dyad's monthly event counts, read from the store and from every export, side by side.

    .venv/bin/python docs/dyad_series.py --db newsevents.duckdb              # the busiest dyad
    .venv/bin/python docs/dyad_series.py --db newsevents.duckdb --dyad USA,SYR

Writes each export format into a temporary folder with ``newsevents.io.exports.export``, reads the
store (with DuckDB) and each file (with pandas, as an analyst would), counts the dyad's events
(one per dyad row: source country -> target country) per month of their first day, and prints one
column per source. Every column must be the same: the exit code is 1 when they differ.
An event dated only to a month or a year counts in its first month, in every format.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

import duckdb
import pandas as pd

from newsevents.io.codes import icews_country
from newsevents.io.exports import FORMATS, GDELT_COLUMNS, export
from newsevents.store import open_db


def _monthly(days: pd.Series) -> pd.Series:
    months = pd.to_datetime(days, format="%Y-%m-%d").dt.strftime("%Y-%m")
    return months.value_counts().sort_index().rename_axis("month")


def _tsv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


def from_store(db: str | Path, src: str, tgt: str) -> pd.Series:
    """The dyad's monthly counts, straight from the store's events table."""
    with duckdb.connect(str(db), read_only=True) as con:
        df = con.execute(
            "SELECT CAST(date_start AS VARCHAR) AS day FROM events e JOIN articles a USING (article_id) "
            "WHERE source_country = ? AND target_country = ? AND date_start IS NOT NULL",
            [src, tgt]).df()
    return _monthly(df["day"])


def from_export(fmt: str, path: Path, src: str, tgt: str) -> pd.Series:
    """The dyad's monthly counts from one exported file, read with pandas."""
    if fmt == "gdelt":
        df = pd.read_csv(path, sep="\t", header=None, names=GDELT_COLUMNS, dtype=str, keep_default_na=False,
                         quoting=csv.QUOTE_NONE)
        df = df[(df["Actor1CountryCode"] == src) & (df["Actor2CountryCode"] == tgt) & (df["SQLDATE"] != "")]
        return _monthly(pd.to_datetime(df["SQLDATE"], format="%Y%m%d").dt.strftime("%Y-%m-%d"))
    if fmt == "plover":
        df = pd.read_json(path, lines=True, dtype=False)
        country = lambda actors: actors[0]["country"] if len(actors) else None  # noqa: E731
        df = df[(df["actor"].map(country) == src) & (df["recipient"].map(country) == tgt) & df["date"].notna()]
        return _monthly(df["date"])
    if fmt == "icews":
        df = _tsv(path)
        df = df[(df["Source Country"] == icews_country(src)) & (df["Target Country"] == icews_country(tgt))]
        return _monthly(df["Event Date"])
    if fmt == "polecat":
        df = _tsv(path)
        df = df[(df["Actor Country"] == src) & (df["Recipient Country"] == tgt)]
        return _monthly(df["Event Date"])
    if fmt == "csv":
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    elif fmt == "jsonl":
        df = pd.read_json(path, lines=True, dtype=False, convert_dates=False)
    else:  # parquet, read through DuckDB (pandas would need pyarrow)
        df = duckdb.sql(f"SELECT source_country, target_country, CAST(date_start AS VARCHAR) AS date_start "
                        f"FROM read_parquet('{path}')").df()
    df = df[(df["source_country"] == src) & (df["target_country"] == tgt)]
    return _monthly(df["date_start"][df["date_start"].fillna("") != ""])


def busiest_dyad(db: str | Path) -> tuple[str, str]:
    with open_db(db, read_only=True) as store:
        top = store.summary()["top_dyads"]
    if not top:
        raise SystemExit(f"{db}: no dyad with a country on both sides")
    return top[0]["source"], top[0]["target"]


def series(db: str | Path, dyad: tuple[str, str] | None = None) -> pd.DataFrame:
    """One column per source (``store`` and each export format), one row per month."""
    src, tgt = dyad or busiest_dyad(db)
    columns = {"store": from_store(db, src, tgt)}
    with tempfile.TemporaryDirectory() as tmp, open_db(db, read_only=True) as store:
        for fmt in FORMATS:
            path = Path(tmp) / f"events.{fmt}"
            export(store, fmt, path)
            columns[fmt] = from_export(fmt, path, src, tgt)
    table = pd.DataFrame(columns).fillna(0).astype(int)
    table.attrs["dyad"] = (src, tgt)
    return table


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="newsevents.duckdb", help="the store to read")
    ap.add_argument("--dyad", help="SOURCE,TARGET ISO-3 countries (default: the busiest dyad)")
    args = ap.parse_args(argv)
    dyad = tuple(args.dyad.upper().split(",")) if args.dyad else None
    table = series(args.db, dyad)
    src, tgt = table.attrs["dyad"]
    print(f"{src} -> {tgt}: events per month, from the store and from each export")
    print(table.to_string())
    same = all(table[c].equals(table["store"]) for c in table.columns)
    print("all the same" if same else "THEY DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
