"""Kill a real ingest at several points and check that the next ingest finishes it, row for row.

    .venv/bin/python bench/kill_ingest.py [--articles 150] [--points 5] [--batch-size 16]

Writes the first ``--articles`` corpus articles (../shared/eval/corpus; demo/articles when absent)
to a JSONL file, ingests them once cleanly, then for each of ``--points`` stopping points spread over
the run starts ``newsevents ingest`` (one process, a progress bar on stderr), sends SIGKILL once it
has coded that many articles, runs ``ingest`` again, and compares the store with the clean one:
articles, events, entities, places, times and story signatures, every column but run ids and times.
Prints one line per point and exits 1 if any store differs. (tests/cli/test_interrupted_runs.py
runs the same check at a small size in every ``make test``.)
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "eval" / "corpus" / "inputs.jsonl"
QUERIES = {
    "articles": "SELECT * EXCLUDE (run_id, added_at) FROM articles ORDER BY article_id",
    "events": "SELECT * FROM events ORDER BY event_id",
    "entities": "SELECT * FROM entities ORDER BY article_id, mention",
    "places": "SELECT * FROM places ORDER BY article_id, mention",
    "times": "SELECT * FROM times ORDER BY article_id, mention",
    "story_signatures": "SELECT * FROM story_signatures ORDER BY article_id",
}


def _inputs(n: int, dest: Path) -> int:
    if CORPUS.exists():
        lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()][:n]
    else:
        from newsevents.io.readers import iter_articles

        lines = [json.dumps({"id": a.id, "date": a.date, "title": a.title, "text": a.text})
                 for a in iter_articles([str(ROOT / "demo" / "articles")])][:n]
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _args(src: Path, db: Path, batch: int) -> list[str]:
    return [sys.executable, "-m", "newsevents.cli", "ingest", str(src), "--db", str(db),
            "--batch-size", str(batch), "--workers", "1"]


def stored(db: Path) -> dict[str, list[tuple]]:
    """What a store holds, for comparing two stores row for row (run ids and times left out)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {k: con.execute(q).fetchall() for k, q in QUERIES.items()}
    finally:
        con.close()


def stop_after(args: list[str], total: int, n: int, signum: int = signal.SIGKILL, *,
               env: dict | None = None) -> tuple[int, int]:
    """Run the ingest command ``args`` with a progress bar on stderr, send ``signum`` once it has
    coded ``n`` of its ``total`` articles; (articles it had coded, its exit code)."""
    proc = subprocess.Popen([*args, "--progress"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            cwd=ROOT, env=env)
    seen, buf, deadline = 0, b"", time.monotonic() + 600
    while seen < n and time.monotonic() < deadline:
        chunk = proc.stderr.read1(4096)
        if not chunk:
            break
        buf = (buf + chunk)[-4096:]
        counts = re.findall(rb"\| *(\d+)/%d" % total, buf)
        if counts:
            seen = int(counts[-1])
    proc.send_signal(signum)
    proc.stderr.read()
    return seen, proc.wait(timeout=120)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=150)
    ap.add_argument("--points", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        src = tmp_path / "articles.jsonl"
        total = _inputs(args.articles, src)
        clean_db = tmp_path / "clean.duckdb"
        subprocess.run(_args(src, clean_db, args.batch_size), check=True, cwd=ROOT, capture_output=True)
        clean = stored(clean_db)
        print(f"clean run: {total} articles, {len(clean['events'])} events")
        bad = 0
        for k in range(1, args.points + 1):
            n = max(args.batch_size + 1, round(k * total / (args.points + 1)))
            db = tmp_path / f"killed-{k}.duckdb"
            seen, _ = stop_after(_args(src, db, args.batch_size), total, n)
            con = duckdb.connect(str(db), read_only=True)
            kept = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            con.close()
            rerun = subprocess.run(_args(src, db, args.batch_size), cwd=ROOT, capture_output=True, text=True)
            same = rerun.returncode == 0 and stored(db) == clean
            bad += not same
            print(f"  SIGKILL after {seen} coded ({kept} stored): re-run exit {rerun.returncode}, "
                  f"store {'equals' if same else 'DIFFERS FROM'} the clean run's")
    print(f"{args.points} kill points, {bad} differing; {time.perf_counter() - t0:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
