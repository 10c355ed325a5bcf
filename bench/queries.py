"""Time the queries users run on a store (the explorer's views and the Store's query methods):

    .venv/bin/python bench/queries.py --db /tmp/ne10m.duckdb [--runs 5] [--only dyad]

For each query: the first run on a freshly opened connection (``cold``: DuckDB's buffers empty,
the OS file cache as it is), then the median and max of ``--runs`` further runs (``warm``). The
explorer caches its aggregates per filter for the life of the process; that cache is emptied
before every run, so each number is what a request with a new filter costs.

The dyad time series by month (``/api/dyad``, ``Explorer.dyad_series``) must answer in
0.3 s or less (warm median and max): those lines say PASS or FAIL. Busy and rare dyads, pairs
taken in both directions and the week/day series are timed too.

Build a store with ``bench/synth_store.py N --db FILE`` (and ``Store.optimize()`` to see what the
maintenance step buys). A store at an older schema version is migrated first (opened once for
writing).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from typing import Any, Callable

from newsevents.errors import StoreError
from newsevents.store import EventFilter, open_db
from newsevents.store.explorer import Explorer

TARGET_S = 0.3


def _open(db: str):
    try:
        return open_db(db, read_only=True)
    except StoreError as exc:
        if "open it once for writing" not in str(exc):
            raise
        print(f"migrating {db} to the current schema ...", flush=True)
        t0 = time.perf_counter()
        open_db(db).close()
        print(f"  migrated in {time.perf_counter() - t0:.1f} s", flush=True)
        return open_db(db, read_only=True)


def _picks(con) -> dict[str, Any]:
    """Filter values from the store itself (exact counts, so the same on any layout of the same
    rows): the busiest dyad, the rarest with 2 events or more, a busy actor word, a country, an article in
    the middle and a range in the year before the last."""
    dyads = con.execute(
        "SELECT source_country, target_country, count(*) AS n FROM events "
        "WHERE source_country IS NOT NULL AND target_country IS NOT NULL GROUP BY ALL").fetchall()
    busy = min(dyads, key=lambda r: (-r[2], r[0], r[1]))
    rare = min((r for r in dyads if r[2] >= 2), key=lambda r: (r[2], r[0], r[1]))
    name = con.execute("SELECT source_name FROM events GROUP BY 1 ORDER BY count(*) DESC, 1 "
                       "LIMIT 1 OFFSET 3").fetchone()[0]
    country = con.execute("SELECT source_country FROM events WHERE source_country IS NOT NULL GROUP BY 1 "
                          "ORDER BY count(*) DESC, 1 LIMIT 1 OFFSET 5").fetchone()[0]
    lo, hi = con.execute("SELECT min(date_start), max(date_start) FROM events").fetchone()
    article = con.execute("SELECT min(article_id) FROM articles").fetchone()[0]
    return {"busy": f"{busy[0]},{busy[1]}", "rare": f"{rare[0]},{rare[1]}", "actor": name.split()[0].lower(),
            "country": country, "since": f"{hi.year - 1}-03", "until": f"{hi.year - 1}-08",
            "article": article, "years": (lo.year, hi.year)}


def _queries(store, ex: Explorer, p: dict[str, Any]) -> list[tuple[str, Callable[[], Any]]]:
    F = EventFilter
    out: list[tuple[str, Callable[[], Any]]] = [
        (f"dyad month {p['busy']} (busy)", lambda: ex.dyad_series(F(dyad=p["busy"]), interval="month")),
        (f"dyad month {p['rare']} (rare)", lambda: ex.dyad_series(F(dyad=p["rare"]), interval="month")),
        (f"dyad month {p['busy']} both ways", lambda: ex.dyad_series(F(dyad=p["busy"], both=True), interval="month")),
        (f"dyad month {p['busy']} main only", lambda: ex.dyad_series(F(dyad=p["busy"], main=True), interval="month")),
        (f"dyad month {p['busy']} + cameo 04", lambda: ex.dyad_series(F(dyad=p["busy"], cameo="04"), interval="month")),
        (f"dyad month {p['busy'].split(',')[0]}, (one side)",
         lambda: ex.dyad_series(F(dyad=p["busy"].split(",")[0] + ","), interval="month")),
        (f"dyad week {p['busy']}", lambda: ex.dyad_series(F(dyad=p["busy"]), interval="week")),
        (f"dyad day {p['busy']}", lambda: ex.dyad_series(F(dyad=p["busy"]), interval="day")),
        (f"Store.events dyad={p['busy']} limit 100", lambda: store.events(dyad=p["busy"], limit=100)),
        ("events page: latest", lambda: ex.events(F())),
        (f"events page: actor {p['actor']}", lambda: ex.events(F(actor=p["actor"]))),
        (f"events page: country {p['country']}", lambda: ex.events(F(country=p["country"]))),
        (f"events page: dyad {p['rare']} (rare)", lambda: ex.events(F(dyad=p["rare"]))),
        (f"events page: {p['since']}..{p['until']}", lambda: ex.events(F(since=p["since"], until=p["until"]))),
        ("events page: cameo 19", lambda: ex.events(F(cameo="19"))),
        ("events page: quad 4, main only", lambda: ex.events(F(quad=4, main=True))),
        (f"events page: country {p['country']} + cameo 17 + {p['years'][1] - 2}",
         lambda: ex.events(F(country=p["country"], cameo="17", since=str(p["years"][1] - 2)))),
        (f"count: country {p['country']}", lambda: ex.count_events(F(country=p["country"]))),
        ("count: cameo 19 + main", lambda: ex.count_events(F(cameo="19", main=True))),
        ("overview (all events)", lambda: ex.overview(F())),
        (f"overview country {p['country']}", lambda: ex.overview(F(country=p["country"]))),
        ("map (all events)", lambda: ex.map_points(F())),
        ("network (all events)", lambda: ex.network(F())),
        ("article view (explorer)", lambda: ex.article(p["article"])),
        ("article view (Store.article)", lambda: store.article(p["article"])),
        ("Store.summary", lambda: store.summary()),
    ]
    return out


def _reset(ex: Explorer) -> None:
    """Empty the explorer's per-filter cache (keep the store's date bounds, read once per process)."""
    ex.clear_cache()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=5, help="warm runs per query (after the cold one)")
    ap.add_argument("--only", help="only the queries whose label contains this text")
    args = ap.parse_args(argv)

    store = _open(args.db)
    try:
        n = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        p = _picks(store.con)
        store.close()
        # a fresh connection, so that the first run of each query sees DuckDB's buffers empty of it
        store = open_db(args.db, read_only=True)
        ex = Explorer(store.con, args.db)
        ex.date_bounds()
        print(f"{n:,} events in {args.db}; {args.runs} warm runs per query; times in seconds")
        print(f"{'query':<52} {'cold':>7} {'median':>7} {'max':>7}")
        failed = False
        for label, fn in _queries(store, ex, p):
            if args.only and args.only not in label:
                continue
            times = []
            for _ in range(args.runs + 1):
                _reset(ex)
                t0 = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t0)
            cold, warm = times[0], times[1:]
            med, worst = statistics.median(warm), max(warm)
            verdict = ""
            if label.startswith("dyad month"):
                ok = med <= TARGET_S and worst <= TARGET_S
                failed |= not ok
                verdict = f"  {'PASS' if ok else 'FAIL'} (<= {TARGET_S} s)"
            print(f"{label:<52} {cold:>7.3f} {med:>7.3f} {worst:>7.3f}{verdict}", flush=True)
    finally:
        store.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
