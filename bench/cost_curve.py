"""Cost curve: is ``ingest`` linear in the number of articles, with flat memory?

    .venv/bin/python bench/cost_curve.py [--sizes 1000,10000,100000] [--workers 2]

Streams N articles through the pipeline into a fresh DuckDB store exactly as ``newsevents ingest``
does (skip stored content hashes, write in batches, story index, stories assigned at the end),
for each size in a fresh process, and prints seconds, seconds per 1,000 articles (constant =
linear) and peak RSS of the parent and of each worker (flat = nothing per article is held).

Articles: the real corpus (``../shared/eval/corpus/inputs.jsonl``, 2,692 articles) repeated.
Repeat ``r`` (r >= 1) of an article gets the id ``ID~r`` and its date moved ``r`` days later, so
its content hash (date + title + text) differs and the store keeps every copy; the text itself is
unchanged (any marker added to the text would be parsed and could add words or events).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _corpus import DEFAULT_CORPUS

GB = 1 << 30


def articles(path: Path, n: int):
    from newsevents import Article

    with open(path, encoding="utf-8") as fh:
        base = [json.loads(line) for line in fh if line.strip()]
    for i in range(n):
        rec = base[i % len(base)]
        r = i // len(base)
        date = rec.get("date")
        if r and date:
            try:
                date = (dt.date.fromisoformat(date[:10]) + dt.timedelta(days=r)).isoformat()
            except ValueError:
                pass
        yield Article(id=rec["id"] + (f"~{r}" if r else ""), text=rec["text"], date=date, title=rec.get("title"))


def one(size: int, workers: int, corpus: Path, batch_size: int) -> dict:
    """Run one size in this process; return the measurements."""
    from newsevents import Pipeline
    from newsevents.engines import Runner
    from newsevents.records import Rejection
    from newsevents.stories import StoryIndex
    from newsevents.store import open_db

    with tempfile.TemporaryDirectory() as tmp:
        runner = Runner(Pipeline(batch_size=batch_size), workers)
        coded = failed = copies = events = words = 0
        with open_db(Path(tmp) / "cost.duckdb") as store:
            run_id = store.begin_run(f"cost curve {size}")
            stories = StoryIndex(store=store)
            seen: set[str] = set()

            def new(article) -> bool:  # as ingest: skip stored articles and copies read in this run
                nonlocal copies
                key = article.content_hash
                if key in seen or store.has_article(key):
                    copies += 1
                    return False
                seen.add(key)
                return True

            todo = (a for a in articles(corpus, size) if new(a))
            t0 = time.perf_counter()
            try:
                for res in runner(todo):
                    if isinstance(res, Rejection):
                        failed += res.status == "failed"
                        store.write_rejection(res, run_id=run_id)
                    elif store.write(res, run_id=run_id):
                        stories.add(res)
                        coded += 1
                        events += len(res.events)
                        words += res.n_words
                store.flush()
                t_code = time.perf_counter() - t0 - runner.startup_seconds
                t1 = time.perf_counter()
                stories.finish()
                t_stories = time.perf_counter() - t1
            finally:
                runner.close()
            stored = store.summary()["articles"]
            db_bytes = sum(p.stat().st_size for p in Path(tmp).iterdir())
    pool = runner.pool
    return {
        "size": size, "coded": coded, "failed": failed, "copies": copies, "stored": stored, "events": events, "words": words,
        "seconds": t_code + t_stories, "seconds_coding": t_code, "seconds_stories": t_stories,
        "startup": runner.startup_seconds,
        "parent_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "worker_rss": sorted(pool.worker_rss.values()) if pool else [],
        "db_bytes": db_bytes,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: run one size, print JSON
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    if args.one:
        print(json.dumps(one(args.one, args.workers, args.corpus, args.batch_size)))
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"corpus {args.corpus}; workers {args.workers}; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f}")
    print("(the corpus holds exact copies of some articles: like ingest, they are skipped, not coded; "
          "seconds per 1k count every article read)")
    print(f"{'articles':>9} {'seconds':>8} {'s/1k':>7} {'coding':>7} {'stories':>7} {'words/s':>8} "
          f"{'parent RSS':>10} {'worker RSS':>16} {'db MB':>6}")
    rows = []
    for size in sizes:  # each size in a fresh process: its peak RSS is its own
        out = subprocess.run([sys.executable, __file__, "--one", str(size), "--workers", str(args.workers),
                              "--batch-size", str(args.batch_size), "--corpus", str(args.corpus)],
                             capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(r)
        wrss = ", ".join(f"{b / GB:.2f}" for b in r["worker_rss"]) or "-"
        print(f"{r['size']:>9,} {r['seconds']:>8.1f} {1000 * r['seconds'] / r['size']:>7.1f} "
              f"{r['seconds_coding']:>7.1f} {r['seconds_stories']:>7.1f} {r['words'] / r['seconds_coding']:>8,.0f} "
              f"{r['parent_rss'] / GB:>8.2f}GB {wrss:>14}GB {r['db_bytes'] / 1e6:>6.0f}", flush=True)
        assert r["stored"] == r["coded"] == size - r["failed"] - r["copies"], r
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        per_a, per_b = a["seconds"] / a["size"], b["seconds"] / b["size"]
        print(f"seconds per article, {b['size']:,} vs {a['size']:,}: {per_b / per_a:.2f}x (1.0 = linear)")
        print(f"parent peak RSS, {b['size']:,} vs {a['size']:,}: {b['parent_rss'] / a['parent_rss']:.2f}x (1.0 = flat)")
        if a["worker_rss"] and b["worker_rss"]:
            print(f"worker peak RSS, {b['size']:,} vs {a['size']:,}: "
                  f"{max(b['worker_rss']) / max(a['worker_rss']):.2f}x (1.0 = flat)")
    print(f"load average at end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
