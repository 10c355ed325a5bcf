"""JSONL (or one JSON array): one object per record."""

from __future__ import annotations

import json
from typing import Any, Iterable, Iterator

from newsevents.io.readers.fields import article_from_record, pick_fields
from newsevents.io.readers.lines import Line, is_blank
from newsevents.records import Article, Rejection


def _parse(text: str, position: str, hint: str = "") -> tuple[Any, str | None]:
    """(the decoded value, None), or (None, why it is not JSON); ``position`` formats a syntax
    error's place (``"at line {lineno}"``), which ``hint`` follows."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        return None, f"invalid JSON ({exc.msg} {position.format(lineno=exc.lineno, colno=exc.colno)}){hint}"
    except RecursionError:
        return None, "invalid JSON (nested too deeply)"
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        return None, f"invalid JSON ({exc})"


def read_json_array(text: str, *, name: str, path: str | None, enc: dict) -> Iterator[Article | Rejection]:
    """A ``.json`` file holding one JSON array of objects (decoded as a whole)."""
    where = path or name
    arr, error = _parse(text, "at line {lineno}")
    if error:
        yield Rejection(name, path, "failed", "ingest", f"{where}: {error}")
        return
    if not isinstance(arr, list):
        arr = [arr]
    for i, obj in enumerate(arr, 1):
        rid = f"{name}:{i}"
        if not isinstance(obj, dict):
            yield Rejection(rid, path, "failed", "ingest", f"{where} item {i}: not a JSON object")
            continue
        yield article_from_record(obj, where=f"{where} item {i}", default_id=rid, path=path, enc=enc,
                                  keys=pick_fields(list(obj)))


def read_jsonl(lines: Iterable[Line], *, name: str, path: str | None) -> Iterator[Article | Rejection]:
    """One record per line; each line carries its own encoding (see :mod:`.lines`)."""
    where = path or name
    for n, line in enumerate(lines, 1):
        if is_blank(line.text):
            continue
        rid = f"{name}:{n}"
        if line.problem:
            yield Rejection(rid, path, "failed", "ingest", f"{where} line {n}: {line.problem}; fix or remove that line")
            continue
        obj, error = _parse(line.text, "at column {colno}", "; fix or remove that line")
        if error:
            yield Rejection(rid, path, "failed", "ingest", f"{where} line {n}: {error}")
            continue
        if not isinstance(obj, dict):
            yield Rejection(rid, path, "failed", "ingest",
                            f"{where} line {n}: expected a JSON object, got {type(obj).__name__}")
            continue
        yield article_from_record(obj, where=f"{where} line {n}", default_id=rid, path=path, enc=line.enc,
                                  keys=pick_fields(list(obj)))
