"""JSONL (or one JSON array): one object per record."""

from __future__ import annotations

import json
from typing import Iterator

from newsevents.io.readers.fields import FIELD_NAMES, article_from_record, pick_field
from newsevents.records import Article, Rejection


def _keys_for(obj: dict, mapping: dict[str, str] | None = None) -> dict[str, str | None]:
    mapping = {k.lower(): v for k, v in (mapping or {}).items()}
    return {f: pick_field(list(obj), f, mapping.get(f)) for f in FIELD_NAMES}


def read_jsonl(text: str, *, name: str, path: str | None, enc: dict) -> Iterator[Article | Rejection]:
    where = path or name
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array of objects
        try:
            arr = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Rejection(name, path, "failed", "ingest", f"{where}: invalid JSON ({exc.msg} at line {exc.lineno})")
            return
        if not isinstance(arr, list):
            arr = [arr]
        for i, obj in enumerate(arr, 1):
            rid = f"{name}:{i}"
            if not isinstance(obj, dict):
                yield Rejection(rid, path, "failed", "ingest", f"{where} item {i}: not a JSON object")
                continue
            yield article_from_record(obj, where=f"{where} item {i}", default_id=rid, path=path, enc=enc, keys=_keys_for(obj))
        return
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        rid = f"{name}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(rid, path, "failed", "ingest",
                            f"{where} line {n}: invalid JSON ({exc.msg} at column {exc.colno}); "
                            f"fix or remove that line")
            continue
        except RecursionError:
            yield Rejection(rid, path, "failed", "ingest", f"{where} line {n}: invalid JSON (nested too deeply)")
            continue
        if not isinstance(obj, dict):
            yield Rejection(rid, path, "failed", "ingest",
                            f"{where} line {n}: expected a JSON object, got {type(obj).__name__}")
            continue
        yield article_from_record(obj, where=f"{where} line {n}", default_id=rid, path=path, enc=enc, keys=_keys_for(obj))
