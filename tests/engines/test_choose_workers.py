"""The worker count when --workers is not given: one process for small inputs, more for large ones,
never more than the cores or the memory allow (the choosing function, not timings)."""

from __future__ import annotations

import pytest

from newsevents.coding import input_bytes, resolve_workers
from newsevents.engines import available_cpus, available_memory, choose_workers
from newsevents.engines.local import MIN_BYTES_PER_WORKER, WORKER_PEAK_BYTES

from .conftest import DEMO

GB = 1 << 30


def test_small_inputs_get_one_process():
    assert choose_workers(0, cpus=16, memory=64 * GB) == 1
    assert choose_workers(None, cpus=16, memory=64 * GB) == 1  # size unknown (a pipe on stdin)
    assert choose_workers(2 * MIN_BYTES_PER_WORKER - 1, cpus=16, memory=64 * GB) == 1
    demo = input_bytes([str(DEMO)])
    assert 0 < demo < 2 * MIN_BYTES_PER_WORKER
    assert choose_workers(demo, cpus=16, memory=64 * GB) == 1


def test_large_inputs_get_more_workers_up_to_the_cores():
    big = 5_284_157  # the 2,692-article evaluation corpus
    assert choose_workers(big, cpus=2, memory=64 * GB) == 2
    assert choose_workers(big, cpus=16, memory=64 * GB) == 16
    assert choose_workers(big, cpus=1, memory=64 * GB) == 1
    assert choose_workers(2 * MIN_BYTES_PER_WORKER, cpus=16, memory=64 * GB) == 2
    assert choose_workers(5 * MIN_BYTES_PER_WORKER, cpus=16, memory=64 * GB) == 5  # each gets a batch or so


def test_memory_caps_the_workers():
    big = 100 * MIN_BYTES_PER_WORKER
    assert choose_workers(big, cpus=16, memory=3 * WORKER_PEAK_BYTES + GB) == 3
    assert choose_workers(big, cpus=16, memory=GB // 2) == 1  # never fewer than one


def test_machine_probes_answer_something_sane():
    assert available_cpus() >= 1
    mem = available_memory()
    assert mem is None or mem > 0


def test_the_default_is_the_choice_for_the_input_and_an_explicit_count_wins(tmp_path, monkeypatch):
    import newsevents.engines.local as local

    monkeypatch.setattr(local, "available_cpus", lambda: 4)
    monkeypatch.setattr(local, "available_memory", lambda: 64 * GB)
    big = tmp_path / "big.jsonl"
    line = b'{"id": "x", "text": "' + b"Peru protested. " * 120 + b'"}\n'
    big.write_bytes(line * (3 * MIN_BYTES_PER_WORKER // len(line) + 1))
    assert resolve_workers(None, [str(big)]) == 3
    assert resolve_workers(None, [str(tmp_path)], "*.jsonl") == 3
    assert resolve_workers(None, [str(DEMO)]) == 1
    assert resolve_workers(1, [str(big)]) == 1  # --workers 1 forces one process
    assert resolve_workers(None, [str(tmp_path / "missing")]) == 1
    with pytest.raises(Exception, match="at least 1"):
        resolve_workers(0, [str(big)])
