"""The explorer's queries at scale give the same answers as the straightforward SQL: the dyad
sides' country conditions (for zone maps), a page that already holds every match standing in for
the count, and a store rewritten by ``Store.optimize()``. On a real store coded by the pipeline,
plus rows whose country and code disagree (added here) so that every branch is exercised."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from newsevents.store import open_db
from newsevents.store import EventFilter
from newsevents.store.explorer import COUNT_CAP, Explorer

# Rows copied from real ones with the source side changed: a code of one country stored with
# another country, a code without a country, a country without a code.
ODD_SOURCES = [("odd-0000000001", "GBR", "RUSMIL"), ("odd-0000000002", None, "RUSGOV"),
               ("odd-0000000003", "RUS", None), ("odd-0000000004", None, "IGOXYZ")]


@pytest.fixture(scope="module")
def stores(web_db, tmp_path_factory):
    """(plain, optimized): copies of the pipeline store with the odd rows, the second rewritten by
    Store.optimize()."""
    folder = tmp_path_factory.mktemp("scale")
    plain = folder / "plain.duckdb"
    shutil.copyfile(web_db, plain)
    con = duckdb.connect(str(plain))
    try:
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'events' ORDER BY column_index").fetchall()]
        for eid, country, code in ODD_SOURCES:
            sel = ", ".join("?" if c in ("event_id", "source_country", "source_code") else f'"{c}"' for c in cols)
            params = [{"event_id": eid, "source_country": country, "source_code": code}[c]
                      for c in cols if c in ("event_id", "source_country", "source_code")]
            con.execute(f"INSERT INTO events SELECT {sel} FROM events WHERE target_country IS NOT NULL "
                        f"AND event_id NOT LIKE 'odd-%' ORDER BY event_id LIMIT 1", params)
    finally:
        con.close()
    optimized = folder / "optimized.duckdb"
    shutil.copyfile(plain, optimized)
    with open_db(optimized) as store:
        assert store.optimize()["events"] == store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    return plain, optimized


def _explorer(path):
    con = duckdb.connect(str(path), read_only=True)
    return con, Explorer(con, str(path))


def _dyads(con) -> list[str]:
    """Every country on each side, code prefixes (with and without a country), a value no row has."""
    countries = sorted({r[0] for r in con.execute(
        "SELECT source_country FROM events UNION SELECT target_country FROM events").fetchall() if r[0]})
    values = countries + ["RUSGOV", "RUSMIL", "IGO", "GOV", "ZZZ"]
    out = [f"{v}," for v in values] + [f",{v}" for v in values]
    out += [f"{s},{t}" for s in ("RUS", "GBR", "USA", "IGO", "SYR") for t in ("RUS", "GBR", "SYR", "IRN", "ZZZ")]
    return out


def test_dyad_country_conditions_select_the_same_rows(stores):
    plain, _ = stores
    con, ex = _explorer(plain)
    try:
        # the odd rows are there and the plain filter finds them
        rus = EventFilter(dyad="RUS,")
        where, params = rus.where()
        found = {r[0] for r in con.execute(f"SELECT event_id FROM events e{where}", params).fetchall()}
        assert {"odd-0000000001", "odd-0000000002", "odd-0000000003"} <= found
        assert ex.side_countries("source", "RUS") >= {"RUS", "GBR", None}
        for dyad in _dyads(con):
            for both in (False, True):
                flt = EventFilter(dyad=dyad, both=both)
                plain_where, plain_params = flt.where()
                fast_where, fast_params = ex.where(flt)
                assert fast_where != plain_where
                want = sorted(r[0] for r in con.execute(f"SELECT event_id FROM events e{plain_where}",
                                                        plain_params).fetchall())
                got = sorted(r[0] for r in con.execute(f"SELECT event_id FROM events e{fast_where}",
                                                       fast_params).fetchall())
                assert got == want, (dyad, both)
    finally:
        con.close()


def _views(ex: Explorer, flt: EventFilter) -> dict:
    page = ex.events(flt, limit=5)
    return {
        "month": ex.dyad_series(flt, interval="month") if flt.dyad else None,
        "day": ex.dyad_series(flt, interval="day") if flt.dyad else None,
        "page": [e["event_id"] for e in page["events"]], "total": (page["total"], page["total_capped"]),
        "count": ex.count_events(flt),
        "overview": ex.overview(flt),
        "map": ex.map_points(flt),
        "network": ex.network(flt)["edges"],
    }


@pytest.mark.parametrize("flt", [
    EventFilter(), EventFilter(dyad="RUS,GBR"), EventFilter(dyad="GBR,RUS", both=True), EventFilter(dyad="RUS,"),
    EventFilter(dyad=",SYR", main=True), EventFilter(dyad="USA,SYR", cameo="19"), EventFilter(dyad="ZZZ,RUS"),
    EventFilter(country="RUS"), EventFilter(since="2018-01", until="2018-03"), EventFilter(quad=4),
], ids=lambda f: ",".join(f"{k}={v}" for k, v in f.params().items()) or "all")
def test_an_optimized_store_answers_like_the_plain_one(stores, flt):
    plain, optimized = stores
    a_con, a = _explorer(plain)
    b_con, b = _explorer(optimized)
    try:
        va, vb = _views(a, flt), _views(b, flt)
        assert va == vb
        # and the dyad series is the straightforward GROUP BY over the plain filter
        if flt.dyad:
            where, params = flt.where()
            rows = a_con.execute(
                f"SELECT CAST(date_trunc('month', date_start) AS DATE)::VARCHAR, count(*), "
                f"round(coalesce(sum(goldstein), 0), 2) FROM events e{where} AND date_start IS NOT NULL "
                f"GROUP BY ALL ORDER BY 1", params).fetchall()
            got = [(r["period"], r["events"], r["net"]) for r in va["month"]["series"] if r["events"]]
            assert got == [tuple(r) for r in rows]
    finally:
        a_con.close()
        b_con.close()


def test_a_page_holding_every_match_is_the_count(stores):
    plain, _ = stores
    con, ex = _explorer(plain)
    try:
        for flt in (EventFilter(dyad="RUS,GBR"), EventFilter(country="SYR"), EventFilter(q="diplomats"),
                    EventFilter(dyad="ZZZ,"), EventFilter(quad=4, main=True)):
            where, params = flt.where()
            n = con.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()[0]
            for limit, offset in ((5, 0), (500, 0), (2, 2), (1, n), (1, n + 3)):
                ex._cache.clear()
                page = ex.events(flt, limit=limit, offset=offset)
                assert (page["total"], page["total_capped"]) == (min(n, COUNT_CAP), n > COUNT_CAP), (flt, limit, offset)
                assert len(page["events"]) == max(0, min(limit, n - offset))
    finally:
        con.close()


def test_the_country_pairs_are_read_once_per_explorer(stores):
    plain, _ = stores
    con, ex = _explorer(plain)
    try:
        ex.dyad_series(EventFilter(dyad="RUS,GBR"))
        pairs = ex._actor_pairs["source"]
        assert ("GBR", "RUSMIL") in pairs and (None, "RUSGOV") in pairs
        ex.dyad_series(EventFilter(dyad="GBR,RUS"))
        assert ex._actor_pairs["source"] is pairs
    finally:
        con.close()


def test_warm_reads_the_pairs_and_the_date_range_once(stores):
    plain, _ = stores
    con, ex = _explorer(plain)
    try:
        ex.warm()
        pairs = dict(ex._actor_pairs)
        assert set(pairs) == {"source", "target"} and ("bounds",) in ex._cache
        assert sorted(pairs["target"], key=repr) == sorted(con.execute(
            "SELECT DISTINCT target_country, target_code FROM events").fetchall(), key=repr)
        ex.dyad_series(EventFilter(dyad="RUS,GBR", both=True))
        assert all(ex._actor_pairs[side] is pairs[side] for side in pairs)
    finally:
        con.close()
