"""CSV and TSV: a header row, one record per row."""

from __future__ import annotations

import csv
import io
from typing import Iterator

from newsevents.io.readers.fields import FIELD_NAMES, article_from_record, pick_field
from newsevents.records import Article, Rejection

_FIELD_LIMIT_SET = False


def read_csv(text: str, *, name: str, path: str | None, columns: dict[str, str] | None, tab: bool,
             enc: dict) -> Iterator[Article | Rejection]:
    global _FIELD_LIMIT_SET
    if not _FIELD_LIMIT_SET:  # articles can be far longer than the csv module's 128 KB default
        csv.field_size_limit(2**31 - 1)
        _FIELD_LIMIT_SET = True
    where = path or name
    first_line = text.split("\n", 1)[0]
    delim = "\t" if tab or ("\t" in first_line and "," not in first_line) else ","
    if not tab and delim == "," and first_line.count(";") > first_line.count(","):
        delim = ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        yield Rejection(name, path, "failed", "ingest", f"{where}: cannot read the CSV header ({exc})")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    mapping = {k.lower(): v for k, v in (columns or {}).items()}
    unknown = [k for k in mapping if k not in FIELD_NAMES]
    if unknown:
        yield Rejection(name, path, "failed", "ingest",
                        f"{where}: unknown field(s) {', '.join(unknown)} in the column mapping; "
                        f"fields are {', '.join(FIELD_NAMES)}")
        return
    keys: dict[str, str | None] = {}
    for f in FIELD_NAMES:
        keys[f] = pick_field(header, f, mapping.get(f))
        if f in mapping and keys[f] is None:
            yield Rejection(name, path, "failed", "ingest",
                            f"{where}: column {mapping[f]!r} (for {f}) not found; columns are: {', '.join(header)}")
            return
    if keys["text"] is None:
        yield Rejection(name, path, "failed", "ingest",
                        f"{where}: no text column found among: {', '.join(header)}; "
                        f"name it with --columns text=COLUMN")
        return
    index = {h: i for i, h in enumerate(header)}
    line_before = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            n = line_before + 1
            yield Rejection(f"{name}:{n}", path, "failed", "ingest", f"{where} line {n}: malformed CSV row ({exc})")
            if reader.line_num == line_before:
                break
            line_before = reader.line_num
            continue
        n = line_before + 1
        line_before = reader.line_num
        if not row or not any(c.strip() for c in row):
            continue
        obj = {h: row[i] for h, i in index.items() if i < len(row)}
        yield article_from_record(obj, where=f"{where} line {n}", default_id=f"{name}:{n}", path=path, enc=enc, keys=keys)
