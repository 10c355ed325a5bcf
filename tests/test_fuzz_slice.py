"""A small fixed-seed slice of the fuzzer (bench/fuzz.py): hostile and mutated inputs through the
whole pipeline; every input must end coded, skipped or failed with a reason, and nothing may raise.

Faults the fuzzer found in other parts, being fixed there, are listed in KNOWN: while one of them
still raises, this test is an expected failure (xfail) -- any other exception fails it.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

KNOWN = {
    # a lone surrogate in an Article's title crashes headline coding (spaCy cannot hash it)
    r"UnicodeEncodeError in \S*headlines\.py": "lone surrogate in a title",
    # dates at the ends of the calendar (0001-01-01, 9999-12-31) overflow in stories and times
    r"(OverflowError|ValueError) in \S*(stories\.py|times/)": "edge dates in stories/times",
}


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
    unknown = {p: v for p, v in s["uncaught_by_place"].items() if not any(re.search(k, p) for k in KNOWN)}
    assert not unknown, unknown
    assert s["lost"] == 0, s["unaccounted_examples"]  # no input without an outcome, but for those that raised
    if s["uncaught"]:
        found = sorted({v for k, v in KNOWN.items() for p in s["uncaught_by_place"] if re.search(k, p)})
        pytest.xfail(f"known faults being fixed elsewhere: {', '.join(found)}")
