"""`newsevents.__all__` and docs/api.md list the same names, both ways."""

from __future__ import annotations

import re
from pathlib import Path

import newsevents

DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def test_all_matches_api_doc():
    documented = set(re.findall(r"^### `([A-Za-z_]+)`", DOC.read_text(), flags=re.M))
    exported = set(newsevents.__all__) - {"__version__"}
    assert exported - documented == set(), "exported but undocumented"
    assert documented - exported == set(), "documented but not exported"


def test_every_exported_name_exists():
    for name in newsevents.__all__:
        assert hasattr(newsevents, name), name
