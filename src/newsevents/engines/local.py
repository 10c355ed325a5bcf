"""Local worker processes: :class:`LocalPool`, :class:`Runner`, and how many workers to start.

* :class:`LocalPool` -- ``N`` worker processes, each with one :class:`Pipeline`. Where the
  platform can ``fork`` (Linux), the calling process loads the model, gazetteer and actor KB once,
  moves them out of the garbage collector's way (``gc.freeze``) and forks the workers, which share
  those pages instead of loading their own copies (measured: the first result about 2 s sooner on
  two cores, and less CPU in all); elsewhere each worker is spawned and loads its own. Batches go out in input order, at most
  ``in_flight`` of them at a time (memory stays flat), and results come back in input order. Only
  the calling process writes the store.
* :class:`Runner` -- codes in this process (one worker) or on a pool started on the first item.
* :func:`choose_workers` -- the worker count when none is given: one process for small inputs, up
  to the cores (and the memory) available for large ones.

One bad article never stops a batch (the pipeline turns it into a failed Rejection); a worker
process that dies loses nothing silently: its batches are re-run in a fresh pool, and an article
that kills a worker on its own is reported failed with a reason.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import itertools
import logging
import multiprocessing
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from newsevents.engines.common import Item, Result, cpu_seconds, failed_results, max_rss_bytes
from newsevents.errors import ConfigError
from newsevents.pipeline import Pipeline
from newsevents.records import Article

log = logging.getLogger(__name__)

_WORKER_PIPELINE: Pipeline | None = None


_WARM_UP = Article(id="warm-up", date="2019-01-02", title="Leaders meet in Paris",
                   text="PARIS: France's president met the German chancellor on Tuesday and "
                        "criticised Russia, officials said.")


def _init_worker(pipeline: Pipeline, barrier: Any = None) -> None:
    """Process initializer: keep one pipeline per worker and load everything it needs now (model,
    stages, and what they load on first use: gazetteer, actor KB, lexicons), then wait for the
    other workers so that :meth:`LocalPool.start` returns when all are ready."""
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline
    try:
        pipeline.process_batch([_WARM_UP])
    except Exception as exc:  # noqa: BLE001 - the articles will report it
        log.warning("worker warm-up failed: %s", exc)
    if barrier is not None:
        with contextlib.suppress(Exception):
            barrier.wait(timeout=600)


def _start_worker(pipeline: Pipeline, barrier: Any = None) -> None:
    """A worker process's initializer: Ctrl-C (sent to the whole process group) is for the calling
    process, which stops the pool and keeps what was coded; SIGTERM ends a worker as usual."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _init_worker(pipeline, barrier)


def _work(batch: list[Item]) -> tuple[list[Result], int, int, float]:
    """Code one batch in a worker: (results in input order, worker pid, worker peak RSS bytes,
    worker CPU seconds so far)."""
    pipe = _WORKER_PIPELINE
    if pipe is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker has no pipeline")
    try:
        results = pipe.process_batch(batch)
    except Exception as exc:  # noqa: BLE001 - e.g. errors='raise', MemoryError: report, never lose
        results = failed_results(batch, "worker", f"{type(exc).__name__}: {exc}")
    return results, os.getpid(), max_rss_bytes(), cpu_seconds()


@dataclass
class LocalPool:
    """Code articles on ``workers`` local processes, results in input order.

    ``pool.run(articles)`` is a drop-in for ``Pipeline.run``. ``worker_rss`` maps each worker pid
    to its peak RSS in bytes (as the worker last reported it), ``worker_cpu`` to its CPU seconds so
    far; ``restarts`` counts pools rebuilt after a worker died."""

    pipeline: Pipeline
    workers: int = 2
    in_flight: int | None = None  # batches out at once (default 2 per worker)
    context: str = field(default_factory=lambda: default_context())
    worker_rss: dict[int, int] = field(default_factory=dict)
    worker_cpu: dict[int, float] = field(default_factory=dict)
    restarts: int = 0
    _executor: ProcessPoolExecutor | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.workers = max(1, int(self.workers))
        if self.in_flight is None:
            self.in_flight = 2 * self.workers

    # pool lifecycle
    def _pool(self, wait_for_all: bool = False) -> ProcessPoolExecutor:
        if self._executor is None:
            ctx = multiprocessing.get_context(self.context)
            barrier = ctx.Barrier(self.workers) if wait_for_all and self.workers > 1 else None
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=ctx, initializer=_start_worker,
                initargs=(self.pipeline, barrier))
        return self._executor

    def _discard_pool(self) -> None:
        ex, self._executor = self._executor, None
        if ex is not None:
            ex.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        ex, self._executor = self._executor, None
        if ex is not None:
            ex.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        """Start the workers and wait until each has loaded its pipeline (before a clock starts)."""
        self._discard_pool()
        if self.context == "fork":
            # load (and warm) everything here once; the forked workers share it copy-on-write
            _init_worker(self.pipeline)
            gc.collect()
            gc.freeze()
        pool = self._pool(wait_for_all=True)  # one task per worker: each submit spawns one
        futures = [pool.submit(_work, []) for _ in range(self.workers)]
        for f in futures:
            self._note(f.result())

    def _note(self, out: tuple[list[Result], int, int, float]) -> list[Result]:
        results, pid, rss, cpu = out
        self.worker_rss[pid] = max(rss, self.worker_rss.get(pid, 0))
        self.worker_cpu[pid] = max(cpu, self.worker_cpu.get(pid, 0.0))
        return results

    # coding
    def _batches(self, items: Iterable[Item]) -> Iterator[list[Item]]:
        size = max(1, int(self.pipeline.batch_size))
        batch: list[Item] = []
        for item in items:
            batch.append(item)
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        """Yield one result per input item, in input order."""
        pending: collections.deque = collections.deque()  # (batch, future), oldest first
        batches = self._batches(items)
        exhausted = False
        try:
            while True:
                while not exhausted and len(pending) < self.in_flight:
                    batch = next(batches, None)
                    if batch is None:
                        exhausted = True
                        break
                    pending.append((batch, self._submit(batch)))
                if not pending:
                    return
                batch, fut = pending.popleft()
                try:
                    results = self._note(fut.result())
                except BrokenProcessPool:
                    # a worker died: every batch in flight is lost with the pool; re-run them one
                    # at a time in a fresh pool so the one that kills a worker is found
                    lost = [batch] + [b for b, _ in pending]
                    pending.clear()
                    self._restart()
                    for b in lost:
                        yield from self._run_isolated(b)
                    continue
                yield from results
        finally:
            for _, fut in pending:
                fut.cancel()

    def _submit(self, batch: list[Item]):
        try:
            return self._pool().submit(_work, batch)
        except BrokenProcessPool:
            self._restart()
            return self._pool().submit(_work, batch)

    def _restart(self) -> None:
        self.restarts += 1
        log.warning("a worker process died; starting a fresh pool and re-running its batches")
        self._discard_pool()

    def _run_isolated(self, batch: list[Item]) -> list[Result]:
        """Run a batch alone; if it kills a worker again, run its articles one by one, and report
        an article that kills a worker on its own as failed."""
        try:
            return self._note(self._submit(batch).result())
        except BrokenProcessPool:
            self._restart()
        if len(batch) == 1:
            return failed_results(batch, "worker", "the worker process died while coding this article "
                                            "(killed, out of memory or a crash in native code)")
        out: list[Result] = []
        for item in batch:
            out.extend(self._run_isolated([item]))
        return out


def default_context() -> str:
    """``fork`` where the platform has it (workers share the parent's loaded tables), else ``spawn``."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


class Runner:
    """``runner(items)`` codes items in input order: in this process (``workers <= 1``) or on a
    :class:`LocalPool`, started when the first item arrives (a re-run over stored articles starts
    no workers). ``startup_seconds`` is the time spent starting workers; ``close()`` stops them."""

    def __init__(self, pipeline: Pipeline, workers: int = 1):
        self.pipeline = pipeline
        self.workers = max(1, int(workers))
        self.pool: LocalPool | None = None
        self.startup_seconds = 0.0
        if self.workers == 1:
            pipeline.nlp  # noqa: B018 - load the model before the clock starts

    def __call__(self, items: Iterable[Item]) -> Iterator[Result]:
        if self.workers == 1:
            yield from self.pipeline.run(items)
            return
        it = iter(items)
        first = next(it, None)
        if first is None:
            return
        t0 = time.perf_counter()
        self.pool = LocalPool(self.pipeline, workers=self.workers)
        try:
            self.pool.start()
        except BrokenProcessPool as exc:
            self.pool.close()
            raise ConfigError(f"the {self.workers} worker processes could not start ({exc}); "
                              f"run with --workers 1 to see the error") from exc
        self.startup_seconds += time.perf_counter() - t0
        yield from self.pool.run(itertools.chain([first], it))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()


# -- how many workers ----------------------------------------------------------------------------

# A worker's peak RSS on the corpus (model, gazetteer, actor KB, lexicons; bench/workers.py).
WORKER_PEAK_BYTES = int(0.85 * (1 << 30))
# What the parent keeps for itself (reading, collecting results, the store's write buffer).
PARENT_RESERVE_BYTES = 512 << 20
# Input each worker must have for starting workers to pay. Measured with CPU time (the machine was
# shared, so wall times were not reliable) on the corpus, 300 articles, 553 KB of JSONL:
# * one process codes about 62 KB of input per second (8.7-9.0 s CPU for the 553 KB);
# * two workers share that work at 1.11x the total, the busier one taking 5.06 s (1.72x faster);
# * each worker loads the model, gazetteer and KB in 5.2 s CPU, the same as one process does, but
#   only after the parent has imported the package itself (1.26 s CPU) and spawned it: starting
#   workers puts about 1.3-1.5 s more ahead of the first result.
# Two workers thus save about 0.42 s per 62 KB (1 - 1.16 / 2 of the one-process time) and win
# from about 220 KB. We ask 128 KB per worker -- about one default batch of 64 news articles of
# ~2 KB, so no worker waits without a batch -- hence two workers from 256 KB and one more for each
# further 128 KB, up to the cores and the memory. Inputs are counted in bytes (a stat, no reading):
# markup and JSON fields count too, so HTML or wide JSONL gets workers a little earlier than plain
# text of the same number of words.
MIN_BYTES_PER_WORKER = 128 << 10


def available_cpus() -> int:
    """CPUs this process may run on: its affinity mask (else ``os.cpu_count``), capped by a cgroup
    CPU quota where one is set (containers)."""
    try:
        n = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - macOS, Windows
        n = os.cpu_count() or 1
    with contextlib.suppress(OSError, ValueError):
        with open("/sys/fs/cgroup/cpu.max", encoding="ascii") as fh:
            quota, period = fh.read().split()[:2]
        if quota != "max":
            n = min(n, max(1, int(int(quota) // int(period))))
    return max(1, n)


def available_memory() -> int | None:
    """Bytes of memory free for new processes (``MemAvailable``, capped by a cgroup limit), or None
    when unknown."""
    free = None
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    free = int(line.split()[1]) * 1024
                    break
    if free is None:
        with contextlib.suppress(AttributeError, OSError, ValueError):
            free = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    with contextlib.suppress(OSError, ValueError):
        with open("/sys/fs/cgroup/memory.max", encoding="ascii") as fh:
            limit = fh.read().strip()
        if limit != "max":
            with open("/sys/fs/cgroup/memory.current", encoding="ascii") as fh:
                room = int(limit) - int(fh.read().strip())
            free = room if free is None else min(free, room)
    return free


def choose_workers(input_bytes: int | None, *, cpus: int | None = None, memory: int | None = None) -> int:
    """Worker processes for ``input_bytes`` of input when none are asked for: one below
    2 x :data:`MIN_BYTES_PER_WORKER` (or when the size is unknown, e.g. a pipe on stdin), else one
    per ``MIN_BYTES_PER_WORKER``, at most ``cpus`` (default :func:`available_cpus`) and as many as
    ``memory`` bytes hold at :data:`WORKER_PEAK_BYTES` each (default :func:`available_memory`).
    Output is the same whatever the count; only the time differs."""
    if not input_bytes or input_bytes < 2 * MIN_BYTES_PER_WORKER:
        return 1
    cpus = available_cpus() if cpus is None else cpus
    memory = available_memory() if memory is None else memory
    n = min(int(cpus), input_bytes // MIN_BYTES_PER_WORKER)
    if memory is not None:
        n = min(n, (memory - PARENT_RESERVE_BYTES) // WORKER_PEAK_BYTES)
    return max(1, int(n))
