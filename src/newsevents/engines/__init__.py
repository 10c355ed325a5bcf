"""Running the pipeline on more than one core: local worker processes and Dask.

* :class:`LocalPool` -- ``N`` worker processes (``spawn``), each building one :class:`Pipeline`
  (model, gazetteer and actor KB loaded once per process). Batches go out in input order, at most
  ``in_flight`` of them at a time (memory stays flat), and results come back in input order. Only
  the calling process writes the store.
* :func:`code_partition` -- the Dask task: codes one partition of articles with a per-process
  cached pipeline and writes its records as Parquet (``store/parquet.py``) under names derived
  from the partition, so a retried partition overwrites its own files.
* :func:`run_dask` -- splits articles into fixed-size partitions in input order, runs
  :func:`code_partition` on a Dask cluster (an existing scheduler or a ``LocalCluster``) and hands
  back each partition's summary in partition order, for the caller to load into DuckDB.

One bad article never stops a batch (the pipeline turns it into a failed Rejection); a worker
process that dies loses nothing silently: its batches are re-run in a fresh pool, and an article
that kills a worker on its own is reported failed with a reason.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import multiprocessing
import os
import resource
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Sequence

from newsevents.pipeline import Pipeline
from newsevents.records import Article, DocumentResult, Rejection

log = logging.getLogger(__name__)

Item = Article | Rejection
Result = DocumentResult | Rejection


def _max_rss_bytes() -> int:
    """This process's peak resident set size in bytes (Linux reports KiB, macOS bytes)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(rss if sys.platform == "darwin" else rss * 1024)


def _failed(items: Sequence[Item], stage: str, reason: str) -> list[Result]:
    out: list[Result] = []
    for it in items:
        if isinstance(it, Rejection):
            out.append(it)
        else:
            out.append(Rejection(it.id, it.path, "failed", stage, reason))
    return out


# -- local worker processes --------------------------------------------------------------------

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


def _cpu_seconds() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _work(batch: list[Item]) -> tuple[list[Result], int, int, float]:
    """Code one batch in a worker: (results in input order, worker pid, worker peak RSS bytes,
    worker CPU seconds so far)."""
    pipe = _WORKER_PIPELINE
    if pipe is None:  # pragma: no cover - the initializer always runs first
        raise RuntimeError("worker has no pipeline")
    try:
        results = pipe.process_batch(batch)
    except Exception as exc:  # noqa: BLE001 - e.g. errors='raise', MemoryError: report, never lose
        results = _failed(batch, "worker", f"{type(exc).__name__}: {exc}")
    return results, os.getpid(), _max_rss_bytes(), _cpu_seconds()


@dataclass
class LocalPool:
    """Code articles on ``workers`` local processes, results in input order.

    ``pool.run(articles)`` is a drop-in for ``Pipeline.run``. ``worker_rss`` maps each worker pid
    to its peak RSS in bytes (as the worker last reported it), ``worker_cpu`` to its CPU seconds so
    far; ``restarts`` counts pools rebuilt after a worker died."""

    pipeline: Pipeline
    workers: int = 2
    in_flight: int | None = None  # batches out at once (default 2 per worker)
    context: str = "spawn"
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
                max_workers=self.workers, mp_context=ctx, initializer=_init_worker,
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
            return _failed(batch, "worker", "the worker process died while coding this article "
                                            "(killed, out of memory or a crash in native code)")
        out: list[Result] = []
        for item in batch:
            out.extend(self._run_isolated([item]))
        return out


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
        import itertools
        import time

        it = iter(items)
        first = next(it, None)
        if first is None:
            return
        t0 = time.perf_counter()
        self.pool = LocalPool(self.pipeline, workers=self.workers)
        try:
            self.pool.start()
        except BrokenProcessPool as exc:
            from newsevents.errors import ConfigError

            self.pool.close()
            raise ConfigError(f"the {self.workers} worker processes could not start ({exc}); "
                              f"run with --workers 1 to see the error") from exc
        self.startup_seconds += time.perf_counter() - t0
        yield from self.pool.run(itertools.chain([first], it))

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()


# -- Dask ----------------------------------------------------------------------------------------

_DASK_PIPELINES: dict[tuple, Pipeline] = {}


def _pipeline_for(kwargs: dict[str, Any]) -> Pipeline:
    """One pipeline per worker process and configuration (model loaded on first use)."""
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items()))
    pipe = _DASK_PIPELINES.get(key)
    if pipe is None:
        pipe = Pipeline(**kwargs)
        _DASK_PIPELINES[key] = pipe
    return pipe


def partition_name(number: int, items: Sequence[Item]) -> str:
    """``part-00003-<digest>``: the partition's number and a digest of what it holds (content hashes
    of its articles, ids of its rejections), so a retry rewrites the same files and another run's
    partition 3 with other articles does not overwrite them."""
    import hashlib

    h = hashlib.sha1()
    for it in items:
        if isinstance(it, Rejection):
            key = f"r:{it.record_id}:{it.path}:{it.status}:{it.reason}"
        else:
            key = "a:" + it.content_hash
        h.update(key.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return f"part-{number:05d}-{h.hexdigest()[:10]}"


def code_partition(number: int, items: Sequence[Item], parquet_dir: str, run_id: str | None,
                   pipeline_kwargs: dict[str, Any] | None = None) -> dict[str, Any]:
    """Code one partition and write it as Parquet under ``parquet_dir`` (see
    :mod:`newsevents.store.parquet`). Runs on a Dask worker (or anywhere): the pipeline is built
    once per process. Returns the partition's counts, rejections and files written."""
    from newsevents.store.parquet import write_partition

    pipe = _pipeline_for(pipeline_kwargs or {})
    name = partition_name(number, items)
    info = write_partition(pipe.run(items), parquet_dir, name, run_id=run_id)
    info.update(number=number, name=name, pid=os.getpid(), rss=_max_rss_bytes(), n_items=len(items))
    return info


def _partitions(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    part: list[Item] = []
    for item in items:
        part.append(item)
        if len(part) >= size:
            yield part
            part = []
    if part:
        yield part


@dataclass
class DaskRun:
    """A Dask run's bookkeeping: worker pid -> peak RSS bytes, the cluster's address."""

    address: str = ""
    n_workers: int = 0
    worker_rss: dict[int, int] = field(default_factory=dict)


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A ``distributed.Client``: connected to ``scheduler`` when given, else to a new
    ``LocalCluster`` of ``workers`` single-threaded worker processes (closed on exit)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - both are pinned dependencies
        from newsevents.errors import ConfigError

        raise ConfigError(f"--engine dask needs dask and distributed ({exc}): run `make setup`") from exc

    if not log.isEnabledFor(logging.DEBUG):  # the scheduler runs in this process: keep stderr for us
        logging.getLogger("distributed").setLevel(logging.WARNING)
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=max(1, int(workers)), threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.WARNING)
        client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_dask(items: Iterable[Item], parquet_dir: str, *, client: Any = None, run_id: str | None = None,
             scheduler: str | None = None, workers: int = 2, partition_size: int = 500,
             pipeline_kwargs: dict[str, Any] | None = None, retries: int = 2,
             state: DaskRun | None = None) -> Iterator[dict[str, Any]]:
    """Code ``items`` on Dask and yield each partition's info (see :func:`code_partition`) in
    partition order, at most two partitions per worker in flight. Uses ``client`` when given,
    else :func:`dask_client` (``scheduler`` or a ``LocalCluster`` of ``workers`` processes). A
    partition that still fails after ``retries`` comes back with every article failed and the
    reason (and ``pid`` None)."""
    if client is None:
        with dask_client(scheduler, workers) as own:
            yield from run_dask(items, parquet_dir, client=own, run_id=run_id, partition_size=partition_size,
                                pipeline_kwargs=pipeline_kwargs, retries=retries, state=state)
        return
    os.makedirs(parquet_dir, exist_ok=True)
    parquet_dir = os.path.abspath(parquet_dir)
    state = state if state is not None else DaskRun()
    state.address = client.scheduler.address
    state.n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    in_flight = 2 * state.n_workers
    pending: collections.deque = collections.deque()
    parts = enumerate(_partitions(items, max(1, int(partition_size))))
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < in_flight:
                nxt = next(parts, None)
                if nxt is None:
                    exhausted = True
                    break
                number, part = nxt
                key = f"newsevents-{run_id or 'run'}-{partition_name(number, part)}"
                fut = client.submit(code_partition, number, part, parquet_dir, run_id, pipeline_kwargs,
                                    key=key, retries=retries, pure=False)
                pending.append((number, part, fut))
            if not pending:
                return
            number, part, fut = pending.popleft()
            try:
                info = fut.result()
            except Exception as exc:  # noqa: BLE001 - killed worker, retries used up
                log.warning("partition %d failed on the cluster: %s", number, exc)
                rejections = _failed(part, "dask", f"partition {number} failed on the Dask cluster: "
                                                   f"{type(exc).__name__}: {exc}")
                skipped = sum(1 for r in rejections if r.status == "skipped")
                info = {"number": number, "name": partition_name(number, part), "files": [],
                        "rejections": rejections, "coded": 0, "skipped": skipped,
                        "failed": len(rejections) - skipped, "duplicates": 0, "events": 0, "words": 0,
                        "encodings_guessed": {}, "n_items": len(part), "pid": None, "rss": 0}
            finally:
                fut.release()
            if info.get("pid") is not None:
                state.worker_rss[info["pid"]] = max(info["rss"], state.worker_rss.get(info["pid"], 0))
            yield info
    finally:
        for _, _, fut in pending:
            fut.cancel()
