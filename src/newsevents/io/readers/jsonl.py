"""JSONL (or one JSON array): one object per record."""

from __future__ import annotations

import json
from typing import Iterable, Iterator

from newsevents.io.readers.fields import article_from_record, pick_fields
from newsevents.io.readers.lines import Line, is_blank
from newsevents.records import Article, Rejection


def read_json_array(text: str, *, name: str, path: str | None, enc: dict) -> Iterator[Article | Rejection]:
    """A ``.json`` file holding one JSON array of objects (decoded as a whole)."""
    where = path or name
    try:
        arr = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejection(name, path, "failed", "ingest", f"{where}: invalid JSON ({exc.msg} at line {exc.lineno})")
        return
    except RecursionError:
        yield Rejection(name, path, "failed", "ingest", f"{where}: invalid JSON (nested too deeply)")
        return
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        yield Rejection(name, path, "failed", "ingest", f"{where}: invalid JSON ({exc})")
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
        try:
            obj = json.loads(line.text)
        except json.JSONDecodeError as exc:
            yield Rejection(rid, path, "failed", "ingest",
                            f"{where} line {n}: invalid JSON ({exc.msg} at column {exc.colno}); "
                            f"fix or remove that line")
            continue
        except RecursionError:
            yield Rejection(rid, path, "failed", "ingest", f"{where} line {n}: invalid JSON (nested too deeply)")
            continue
        except ValueError as exc:  # e.g. an integer of more than 4300 digits
            yield Rejection(rid, path, "failed", "ingest", f"{where} line {n}: invalid JSON ({exc})")
            continue
        if not isinstance(obj, dict):
            yield Rejection(rid, path, "failed", "ingest",
                            f"{where} line {n}: expected a JSON object, got {type(obj).__name__}")
            continue
        yield article_from_record(obj, where=f"{where} line {n}", default_id=rid, path=path, enc=line.enc,
                                  keys=pick_fields(list(obj)))
