"""Running the pipeline on more than one core: local worker processes and Dask.

* :mod:`newsevents.engines.local` -- :class:`LocalPool` (``N`` spawned worker processes, results in
  input order), :class:`Runner` (this process or a pool) and :func:`choose_workers` (how many
  workers when none are asked for);
* :mod:`newsevents.engines.dask` -- :func:`run_dask` (partitions coded on a Dask cluster and
  written as Parquet), :func:`dask_client`, :class:`DaskRun`, :func:`code_partition`.

Only the calling process writes the store; :func:`newsevents.coding.ingest` drives both engines.
"""

from __future__ import annotations

from newsevents.engines.dask import DaskRun, code_partition, dask_client, partition_name, run_dask
from newsevents.engines.local import LocalPool, Runner, available_cpus, available_memory, choose_workers

__all__ = [
    "DaskRun",
    "LocalPool",
    "Runner",
    "available_cpus",
    "available_memory",
    "choose_workers",
    "code_partition",
    "dask_client",
    "partition_name",
    "run_dask",
]
