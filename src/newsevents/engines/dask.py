"""Coding on a Dask cluster: partitions of articles in, Parquet files out.

* :func:`code_partition` -- the Dask task: codes one partition of articles with a per-process
  cached pipeline and writes its records as Parquet (``store/parquet.py``) under names derived
  from the partition, so a retried partition overwrites its own files.
* :func:`run_dask` -- splits articles into fixed-size partitions in input order, runs
  :func:`code_partition` on a Dask cluster (an existing scheduler or a ``LocalCluster``) and hands
  back each partition's summary in partition order, for the caller to load into DuckDB
  (:func:`newsevents.coding.ingest` with ``engine="dask"`` does).
"""

from __future__ import annotations

import collections
import contextlib
import json
import logging
import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Sequence

from newsevents.engines.common import Item, failed_results, max_rss_bytes
from newsevents.pipeline import Pipeline
from newsevents.records import Rejection

log = logging.getLogger(__name__)

_DASK_PIPELINES: dict[tuple, Pipeline] = {}


def _pipeline_for(kwargs: dict[str, Any]) -> Pipeline:
    """One pipeline per worker process and configuration (model loaded on first use)."""
    key = json.dumps(kwargs, sort_keys=True, default=str)  # settings may nest (stage config)
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
    info.update(number=number, name=name, pid=os.getpid(), rss=max_rss_bytes(), n_items=len(items))
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
                rejections = failed_results(part, "dask", f"partition {number} failed on the Dask cluster: "
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
