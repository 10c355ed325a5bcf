"""A small fixed-seed slice of the fuzzer (bench/fuzz.py): hostile and mutated inputs through the
whole pipeline; every input must end coded, skipped or failed with a reason, and nothing may raise.
The faults it first found (a lone surrogate in a title; dates at the calendar's ends in stories
and times) are fixed: nothing may raise now.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _fuzz():
    spec = importlib.util.spec_from_file_location("newsevents_bench_fuzz", ROOT / "bench" / "fuzz.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def test_fuzz_slice():
    fuzz = _fuzz()
    s = fuzz.run(200, 0, batch=100, huge=False)
    assert s["inputs"] == 200 and s["files"] > 100 and s["api"] > 10
    assert s["coded"] > 50 and s["skipped"] and s["failed"]
    assert s["uncaught"] == 0, s["uncaught_by_place"]
    assert s["lost"] == 0, s["unaccounted_examples"]  # every input has an outcome


def test_shards_cover_every_input_once_and_merge():
    fuzz = _fuzz()
    whole = fuzz.build_cases(60, 2, fuzz.load_bases(None), huge=False)
    parts = [fuzz.run(60, 2, corpus=None, batch=20, huge=False, shard=(i, 2)) for i in (1, 2)]
    assert [p["inputs"] for p in parts] == [40, 20]  # batches 1 and 3, then batch 2
    merged = fuzz.merge(parts)
    assert merged["inputs"] == len(whole) == 60 and merged["shards"] == 2
    assert merged["kinds"] == dict(sorted(__import__("collections").Counter(c.kind for c in whole).items()))
    assert merged["coded"] == sum(p["coded"] for p in parts) and merged["uncaught"] == 0
