"""Latency of the explorer's events API under load, on loopback:

    .venv/bin/python bench/web_latency.py [--events 1000000] [--db FILE] [--clients 50] [--seconds 30]

Builds a synthetic store of ``--events`` events with ``bench/synth_store.py`` when ``--db`` does not
exist yet (default ``/tmp/newsevents-bench-N.duckdb``, kept for the next run), starts
``newsevents serve`` on a free 127.0.0.1 port, then runs ``--clients`` concurrent clients for
``--seconds`` seconds against ``/api/events`` with varied filters (country, dyad, actor, CAMEO,
PLOVER, QuadClass, dates, place, text), page sizes, offset pages and cursor pages. Prints p50, p95,
p99 and max latency, requests per second and errors, overall and per kind of request.

The clients run in this process (asyncio + httpx) on the same machine as the server, so they take
some of its CPU; the numbers are for the two together.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

WORDS = ["appeal", "demonstrate", "arrest", "aid", "negotiate", "threaten", "accuse", "military", "talks",
         "sanctions", "ceasefire", "cooperation", "police", "rebels", "zzz-no-such-word"]
PLOVER = ["PROTEST", "ASSAULT", "ACCUSE", "REQUEST", "AGREE", "THREATEN", "COERCE", "SUPPORT", "CONSULT", "AID"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pools(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        countries = [r[0] for r in con.execute(
            "SELECT source_country FROM events WHERE source_country IS NOT NULL GROUP BY 1 "
            "ORDER BY count(*) DESC LIMIT 60").fetchall()]
        dyads = [f"{s},{t}" for s, t in con.execute(
            "SELECT source_country, target_country FROM events WHERE target_country IS NOT NULL GROUP BY ALL "
            "ORDER BY count(*) DESC LIMIT 200").fetchall()]
        names = [r[0] for r in con.execute(
            "SELECT source_name FROM events GROUP BY 1 ORDER BY count(*) DESC LIMIT 100").fetchall()]
        places = [r[0] for r in con.execute(
            "SELECT place_name FROM events WHERE place_name IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 80").fetchall()]
        lo, hi = con.execute("SELECT min(date_start), max(date_start) FROM events").fetchone()
    finally:
        con.close()
    return {"countries": countries, "dyads": dyads, "actors": [n.split()[0].lower() for n in names if n],
            "places": places, "years": list(range(lo.year, hi.year + 1))}


def _request(rng: random.Random, pools: dict[str, list]) -> tuple[str, dict]:
    """(kind, query params) of one request."""
    kind = rng.choices(["latest", "country", "dyad", "actor", "cameo", "plover", "quad+dates", "place", "text",
                        "deep-page", "combined"],
                       weights=[10, 15, 15, 10, 10, 8, 8, 8, 6, 5, 5])[0]
    p: dict = {}
    years = pools["years"]
    if kind == "country":
        p["country"] = rng.choice(pools["countries"])
    elif kind == "dyad":
        p["dyad"] = rng.choice(pools["dyads"])
        if rng.random() < 0.3:
            p["both"] = "true"
    elif kind == "actor":
        p["actor"] = rng.choice(pools["actors"])
    elif kind == "cameo":
        p["cameo"] = f"{rng.randint(1, 20):02d}" if rng.random() < 0.6 else rng.choice(["042", "043", "112", "173", "190", "036"])
    elif kind == "plover":
        p["plover"] = rng.choice(PLOVER)
    elif kind == "quad+dates":
        y = rng.choice(years)
        p.update(quad=rng.randint(1, 4), since=f"{y}-{rng.randint(1, 12):02d}", until=f"{min(years[-1], y + 1)}")
    elif kind == "place":
        p["place"] = rng.choice(pools["places"]).lower()[: rng.randint(4, 8)]
    elif kind == "text":
        p["q"] = rng.choice(WORDS)
    elif kind == "deep-page":
        p["page"] = rng.randint(2, 100)
    elif kind == "combined":
        p.update(country=rng.choice(pools["countries"][:20]), cameo=f"{rng.randint(1, 20):02d}",
                 since=str(rng.choice(years)))
    p["limit"] = rng.choice([20, 50, 50, 50, 100])
    if rng.random() < 0.1:
        p["order"] = "asc"
    return kind, p


async def _client(i: int, client: httpx.AsyncClient, pools, deadline: float, out: list, errors: list) -> None:
    rng = random.Random(1000 + i)
    while time.perf_counter() < deadline:
        kind, params = _request(rng, pools)
        follow = 1 if rng.random() >= 0.2 else rng.randint(2, 4)  # sometimes page on with the cursor
        for step in range(follow):
            t0 = time.perf_counter()
            try:
                res = await client.get("/api/events", params=params)
                ok = res.status_code == 200
                body = res.json() if ok else None
            except httpx.HTTPError as exc:
                ok, body = False, None
                res = exc
            dt = time.perf_counter() - t0
            if time.perf_counter() > deadline + 5:
                return
            out.append((kind if step == 0 else "cursor-page", dt))
            if not ok:
                what = res.status_code if isinstance(res, httpx.Response) else f"{type(res).__name__} {res}"
                errors.append(f"{kind} {params}: {what}")
                break
            cursor = body.get("next_cursor")
            if not cursor:
                break
            params = {k: v for k, v in params.items() if k != "page"} | {"cursor": cursor}


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


async def _run(base: str, pools, clients: int, seconds: float):
    out: list = []
    errors: list = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
        deadline = time.perf_counter() + seconds
        started = time.perf_counter()
        await asyncio.gather(*(_client(i, client, pools, deadline, out, errors) for i in range(clients)))
        elapsed = time.perf_counter() - started
    return out, errors, elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", help="store to serve (built with synth_store.py when missing)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30.0)
    args = ap.parse_args(argv)
    db = Path(args.db or f"/tmp/newsevents-bench-{args.events}.duckdb")
    if not db.exists():
        import synth_store

        print(f"building a synthetic store of {args.events:,} events in {db} ...", flush=True)
        stats = synth_store.build(args.events, db)
        print(f"  {stats['events']:,} events in {stats['total_s']:.1f} s", flush=True)
    pools = _pools(db)
    n_events = duckdb.connect(str(db), read_only=True).execute("SELECT count(*) FROM events").fetchone()[0]
    port = _free_port()
    server_log = tempfile.NamedTemporaryFile("w+", prefix="web_latency-server-", suffix=".log", delete=False)
    server = subprocess.Popen([sys.executable, "-m", "newsevents.cli", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=server_log, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                if httpx.get(base + "/api/events?limit=1", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start")
        print(f"{args.clients} clients for {args.seconds:.0f} s against {base}/api/events on {n_events:,} events "
              f"({os.cpu_count()} CPUs, server and clients on this machine)", flush=True)
        out, errors, elapsed = asyncio.run(_run(base, pools, args.clients, args.seconds))
    finally:
        server.terminate()
        server.wait(timeout=20)
    lat = [dt for _, dt in out]
    if not lat:
        print("no requests completed")
        return 1
    print(f"requests {len(lat):,} in {elapsed:.1f} s: {len(lat) / elapsed:.1f} req/s; errors {len(errors)}")
    print(f"latency ms: p50 {_pct(lat, .50) * 1000:.0f}  p95 {_pct(lat, .95) * 1000:.0f}  "
          f"p99 {_pct(lat, .99) * 1000:.0f}  max {max(lat) * 1000:.0f}  mean {statistics.fmean(lat) * 1000:.0f}")
    kinds: dict[str, list[float]] = {}
    for kind, dt in out:
        kinds.setdefault(kind, []).append(dt)
    print("per kind (n, p50 ms, p95 ms):")
    for kind, values in sorted(kinds.items(), key=lambda kv: -len(kv[1])):
        print(f"  {kind:<12} {len(values):>6}  {_pct(values, .5) * 1000:>6.0f}  {_pct(values, .95) * 1000:>6.0f}")
    for e in errors[:5]:
        print("  error:", e)
    server_log.seek(0)
    said = server_log.read().strip()
    server_log.close()
    os.unlink(server_log.name)
    if said:
        print("server stderr (last 2000 characters):\n" + said[-2000:])
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
