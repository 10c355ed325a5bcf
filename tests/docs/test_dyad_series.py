"""docs/dyad_series.py (issue 19): on a store coded from the demo corpus, one dyad's monthly series
read from the store and from every export, with pandas, are the same numbers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from newsevents.io.exports import FORMATS

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "dyad_series.py"


def _script():
    spec = importlib.util.spec_from_file_location("newsevents_docs_dyad_series", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_the_busiest_dyad_has_the_same_monthly_series_everywhere(demo_db, capsys):
    script = _script()
    table = script.series(demo_db)
    assert list(table.columns) == ["store", *FORMATS]
    assert table["store"].sum() >= 3 and len(table) >= 2  # a real series: several events, several months
    for fmt in FORMATS:
        assert table[fmt].equals(table["store"]), fmt
    assert script.main(["--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "all the same" in out and " -> " in out


def test_events_dated_only_to_a_month_or_year_count_in_their_first_month(demo_db):
    import duckdb

    with duckdb.connect(str(demo_db), read_only=True) as con:
        partial = con.execute(
            "SELECT source_country, target_country, strftime(date_start, '%Y-%m') FROM events "
            "WHERE date_precision IN ('month', 'year') AND source_country IS NOT NULL "
            "AND target_country IS NOT NULL ORDER BY date_precision DESC, event_id LIMIT 2").fetchall()
    assert partial, "the demo corpus has events dated only to a month or a year"
    script = _script()
    for src, tgt, month in partial:
        table = script.series(demo_db, (src, tgt))
        assert table.loc[month, "store"] >= 1
        for fmt in FORMATS:
            assert table[fmt].equals(table["store"]), (src, tgt, fmt)
