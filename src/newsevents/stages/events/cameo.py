"""The CAMEO table (``data/cameo.tsv``): each code's name, root, QuadClass, Goldstein score and PLOVER
correspondence, read once per process; and the TSV reader the data tables share.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable

DATA = Path(__file__).resolve().parent / "data"


def tsv_rows(path: Path) -> Iterable[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {k: (v or "").strip() for k, v in row.items() if k is not None}


def read_cameo(path: Path = DATA / "cameo.tsv") -> dict[str, dict]:
    """The CAMEO table: code -> {code, name, root, quad_class, goldstein, plover, plover_mode}."""
    table: dict[str, dict] = {}
    for r in tsv_rows(path):
        table[r["code"]] = {
            "code": r["code"],
            "name": r["name"],
            "root": r["root"],
            "quad_class": int(r["quad_class"]),
            "goldstein": float(r["goldstein"]),
            "plover": r["plover"] or None,
            "plover_mode": r["plover_mode"] or None,
        }
    return table


_CAMEO: dict[str, dict] | None = None


def cameo_table() -> dict[str, dict]:
    global _CAMEO
    if _CAMEO is None:
        _CAMEO = read_cameo()
    return _CAMEO


def cameo_info(code: str) -> dict:
    """Facts about one CAMEO code: name, root, quad_class, goldstein, plover, plover_mode."""
    info = cameo_table().get(str(code))
    if info is None:
        raise KeyError(f"unknown CAMEO code {code!r}")
    return dict(info)
