"""Dask against a local run on the real corpus: the same events?

    .venv/bin/python bench/dask_corpus.py [--workers 2] [--local-workers 1] [--partition-size 500]

Runs the real commands on ``../shared/eval/corpus/inputs.jsonl`` (2,692 articles):
``newsevents ingest --engine dask --workers N`` (a LocalCluster of N worker processes) and
``newsevents ingest --workers L`` (local), each into a fresh store, then compares the stored events
(event id, article, CAMEO code, source and target codes, QuadClass, main flag), the articles'
story ids, and the events read straight from the Parquet files. Prints wall times, their ratio,
and "equal" or the differences.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from _corpus import DEFAULT_CORPUS

EXE = str(Path(sys.executable).with_name("newsevents"))
EVENT_KEY = "event_id, article_id, cameo, source_code, target_code, quad_class, main"


def run(args: list[str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    out = subprocess.run([EXE, *args], capture_output=True, text=True)
    took = time.perf_counter() - t0
    if out.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    return took, out.stdout.splitlines()[0] if out.stdout else ""


def fetch(db: str, sql: str) -> list[tuple]:
    con = duckdb.connect(db, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workers", type=int, default=2, help="Dask LocalCluster worker processes")
    ap.add_argument("--local-workers", type=int, default=1, help="--workers of the local run")
    ap.add_argument("--partition-size", type=int, default=500)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    print(f"corpus {args.corpus}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        ddb, ldb, pq = f"{tmp}/dask.duckdb", f"{tmp}/local.duckdb", f"{tmp}/pq"
        t_dask, s_dask = run(["ingest", str(args.corpus), "--db", ddb, "--engine", "dask", "--workers",
                              str(args.workers), "--partition-size", str(args.partition_size), "--parquet-dir", pq])
        print(f"dask  ({args.workers} worker processes): {t_dask:6.1f} s wall; {s_dask}")
        t_local, s_local = run(["ingest", str(args.corpus), "--db", ldb, "--workers", str(args.local_workers)])
        print(f"local ({args.local_workers} process{'es' if args.local_workers > 1 else ''}):         "
              f"{t_local:6.1f} s wall; {s_local}")
        print(f"wall-clock ratio local / dask: {t_local / t_dask:.2f}x (start-up included)")

        q = f"SELECT {EVENT_KEY} FROM events"
        ev_d, ev_l = set(fetch(ddb, q)), set(fetch(ldb, q))
        full = "SELECT * FROM events ORDER BY event_id"
        same_rows = fetch(ddb, full) == fetch(ldb, full)
        st = "SELECT article_id, story_id FROM articles ORDER BY article_id"
        same_stories = fetch(ddb, st) == fetch(ldb, st)
        con = duckdb.connect()
        ev_p = set(con.execute(f"SELECT {EVENT_KEY} FROM read_parquet('{pq}/events/*/*.parquet', "
                               f"hive_partitioning=true)").fetchall())
        print(f"events: dask {len(ev_d):,}, local {len(ev_l):,}, Parquet {len(ev_p):,}")
        if ev_d == ev_l and same_rows:
            print("events: EQUAL (every column of every event row)")
        else:
            only_d, only_l = ev_d - ev_l, ev_l - ev_d
            print(f"events: DIFFERENT: {len(only_d)} only in dask, {len(only_l)} only in local; "
                  f"all columns equal: {same_rows}")
            for row in sorted(only_d)[:5]:
                print("  dask only: ", row)
            for row in sorted(only_l)[:5]:
                print("  local only:", row)
        print(f"story ids: {'EQUAL' if same_stories else 'DIFFERENT'}")
        print(f"Parquet events vs dask store: {'EQUAL' if ev_p == ev_d else 'DIFFERENT'}")
        n_files = sum(1 for _ in Path(pq).rglob("*.parquet"))
        days = len(list((Path(pq) / "events").iterdir())) if (Path(pq) / "events").is_dir() else 0
        print(f"Parquet: {n_files} files, events over {days} day partitions")


if __name__ == "__main__":
    main()
