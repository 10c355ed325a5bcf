"""Our own sentences for the whole CAMEO ontology: at least two per code of ``cameo.tsv``.

One file per CAMEO root (``01.txt`` ... ``20.txt``); one sentence a line, five fields separated by
`` | ``::

    code | PLOVER type | source | target | sentence

``source`` / ``target`` match an actor's code, its ISO-3 country or a code prefix (as in
``matching.py``); ``*`` means any actor, a target ``-`` means "no target needed" (any or none). The
PLOVER type is blank for the 01x statements, which PLOVER does not code; otherwise it is the type
that ``cameo.tsv`` maps the code to. Lines starting with ``#`` are comments.

All sentences were written for this suite; office-holders are named as they were on the test date
(2017-06-01, ``matching.DATE``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Sentence:
    code: str
    plover: str
    source: str | None
    target: str | None
    text: str
    where: str  # file:line


def load() -> list[Sentence]:
    out: list[Sentence] = []
    for path in sorted(HERE.glob("[0-9][0-9].txt")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = [p.strip() for p in line.split(" | ")]
            if len(parts) != 5:
                raise ValueError(f"{path.name}:{n}: want 5 fields, got {len(parts)}: {line!r}")
            code, plover, source, target, text = parts
            out.append(Sentence(code, plover, None if source == "*" else source,
                                "" if target == "-" else None if target == "*" else target,
                                text, f"{path.name}:{n}"))
    return out
