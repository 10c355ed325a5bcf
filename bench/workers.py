"""One process against N worker processes (``--workers N``) on the same real articles.

    .venv/bin/python bench/workers.py [--n 2692] [--workers 2] [--corpus ../shared/eval/corpus/inputs.jsonl]

Codes the same articles in this process (what ``--workers 1`` does) and with a ``LocalPool`` of
``--workers`` processes, each loading the model, gazetteer and actor KB once (start-up is outside
the clock in both cases). Prints words/s for each, the speed-up ratio (target >= 1.7x for 2
workers on 2 cores), every worker's peak RSS (target <= 1 GB; workers report their own
``ru_maxrss``) and whether both runs gave the same output, article by article.

It also prints what ``choose_workers`` (the worker count when ``--workers`` is not given) rests on:
the CPU time a worker takes to start against this process's own start, the input one process codes
per CPU-second, and from these the input size from which two workers beat one on two free cores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import time
from pathlib import Path

CPU_AT_START = resource.getrusage(resource.RUSAGE_SELF)  # before the package is imported

from _corpus import DEFAULT_CORPUS, load  # noqa: E402
from newsevents import Pipeline  # noqa: E402
from newsevents.engines import LocalPool  # noqa: E402
from newsevents.engines.local import MIN_BYTES_PER_WORKER  # noqa: E402
from newsevents.records import DocumentResult  # noqa: E402

IMPORT_CPU = (lambda ru: ru.ru_utime + ru.ru_stime - CPU_AT_START.ru_utime - CPU_AT_START.ru_stime)(
    resource.getrusage(resource.RUSAGE_SELF))

GB = 1 << 30


def digest(result) -> str:
    obj = result.to_prediction(all_events=True) if isinstance(result, DocumentResult) else [
        result.record_id, result.status, result.stage, result.reason]
    return hashlib.sha1(json.dumps(obj, sort_keys=True, default=str).encode()).hexdigest()


def cpu_self() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def measure(run, articles) -> tuple[float, float, int, int, list[str]]:
    """(wall seconds, this process's CPU seconds, words, events, output digests)."""
    words = events = 0
    digests = []
    t0, c0 = time.perf_counter(), cpu_self()
    for r in run(articles):
        if isinstance(r, DocumentResult):
            words += r.n_words
            events += len(r.events)
        digests.append(digest(r))
    return time.perf_counter() - t0, cpu_self() - c0, words, events, digests


def rss_self() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10**9, help="articles (default: the whole corpus)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"corpus not found: {args.corpus}")
    articles = load(args.corpus, args.n)
    print(f"{len(articles)} articles from {args.corpus}; {os.cpu_count()} CPUs; load average "
          f"{os.getloadavg()[0]:.1f} at start")

    # N workers first (this process has loaded nothing yet, so its RSS says what the parent costs)
    pool = LocalPool(Pipeline(batch_size=args.batch_size), workers=args.workers)
    t0 = time.perf_counter()
    pool.start()
    startup = time.perf_counter() - t0
    cpu_before = dict(pool.worker_cpu)
    sec_n, parent_cpu, words_n, events_n, dig_n = measure(pool.run, articles)
    pool.close()
    worker_cpu = {pid: cpu - cpu_before.get(pid, 0.0) for pid, cpu in pool.worker_cpu.items()}
    parent_rss = rss_self()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024

    # one process, warmed the same way (model, gazetteer, KB, lexicons loaded before the clock)
    pipe = Pipeline(batch_size=args.batch_size)
    list(pipe.run(articles[:5]))
    sec_1, cpu_1, words_1, events_1, dig_1 = measure(pipe.run, articles)
    one_rss = rss_self()

    wps_1, wps_n = words_1 / sec_1, words_n / sec_n
    print(f"1 process:   {words_1:,} words, {events_1:,} events in {sec_1:.1f} s = {wps_1:,.0f} words/s; "
          f"peak RSS {one_rss / GB:.2f} GB")
    print(f"{args.workers} workers:   {words_n:,} words, {events_n:,} events in {sec_n:.1f} s = {wps_n:,.0f} words/s "
          f"(+{startup:.1f} s start-up, outside the clock)")
    ratio = wps_n / wps_1
    print(f"speed-up {ratio:.2f}x with {args.workers} workers (target >= 1.7x for 2): "
          f"{'OK' if ratio >= 1.7 or args.workers != 2 else 'BELOW TARGET'}")
    # On a shared machine the wall-clock ratio says as much about the other jobs as about us; CPU
    # time does not: the run's wall time on free cores is the busiest worker's CPU time.
    busiest = max(worker_cpu.values()) if worker_cpu else float("nan")
    print(f"CPU time: 1 process {cpu_1:.1f} s; workers {', '.join(f'{c:.1f}' for c in worker_cpu.values())} s "
          f"(busiest {busiest:.1f} s), parent {parent_cpu:.1f} s -> speed-up on {args.workers} free cores "
          f"{cpu_1 / busiest:.2f}x; work overhead of the split {sum(worker_cpu.values()) / cpu_1:.2f}x")
    for pid, rss in sorted(pool.worker_rss.items()):
        print(f"  worker pid {pid}: peak RSS {rss / GB:.2f} GB ({'OK' if rss <= GB else 'ABOVE 1 GB'})")
    print(f"  parent (reads, collects; no model): peak RSS {parent_rss / GB:.2f} GB; "
          f"largest child by RUSAGE_CHILDREN {children / GB:.2f} GB")
    same = dig_1 == dig_n
    print(f"same output article by article: {'yes' if same else 'NO'}"
          + ("" if same else f" ({sum(a != b for a, b in zip(dig_1, dig_n))} differ)"))
    # choose_workers: starting workers delays the first result by the parent's own imports (the
    # workers then load the model as one process would); two workers save the share of the work
    # the busier one does not do.
    start = sum(cpu_before.values()) / len(cpu_before)
    nbytes = sum(len(a.text.encode()) + len((a.title or "").encode()) for a in articles)
    rate = nbytes / cpu_1
    if args.workers == 2 and busiest < cpu_1:
        gain = 1 - busiest / cpu_1
        print(f"start-up CPU: worker {start:.1f} s, parent imports {IMPORT_CPU:.2f} s; one process codes "
              f"{rate / 1024:,.0f} KB/s; two workers pay from about {IMPORT_CPU * rate / gain / 1024:,.0f} KB "
              f"of input (choose_workers: 2 from {2 * MIN_BYTES_PER_WORKER / 1024:,.0f} KB)")
    print(f"load average at end {os.getloadavg()[0]:.1f} (other jobs on the machine slow both runs)")


if __name__ == "__main__":
    main()
