"""CSV and TSV: a header row, one record per row.

Each physical line is decoded on its own (:mod:`.lines`), so a row carries the encoding of its own
lines. A row whose quoted field was never closed would swallow the rows after it into that field;
such a row (one that spans several lines and is not well-formed CSV, read strictly) is reported as
failed, and reading goes on at the line after its first line, so the rows it swallowed are kept.
"""

from __future__ import annotations

import csv
from typing import Iterator, Sequence

from newsevents.io.readers.fields import FIELD_NAMES, article_from_record, pick_field
from newsevents.io.readers.lines import Line
from newsevents.records import Article, Rejection

_FIELD_LIMIT_SET = False


def _delimiter(first_line: str, tab: bool) -> str:
    delim = "\t" if tab or ("\t" in first_line and "," not in first_line) else ","
    if not tab and delim == "," and first_line.count(";") > first_line.count(","):
        delim = ";"
    return delim


def _well_formed(lines: Sequence[str], delim: str) -> bool:
    """Do ``lines`` read as exactly one row of strict CSV?"""
    reader = csv.reader(lines, delimiter=delim, strict=True)
    try:
        next(reader)
        return next(reader, None) is None
    except (StopIteration, csv.Error):
        return False


def read_csv(lines: Sequence[Line], *, name: str, path: str | None, columns: dict[str, str] | None,
             tab: bool) -> Iterator[Article | Rejection]:
    """``lines``: the file's lines with their line breaks (``decode_lines(data, keepends=True)``)."""
    global _FIELD_LIMIT_SET
    if not _FIELD_LIMIT_SET:  # articles can be far longer than the csv module's 128 KB default
        csv.field_size_limit(2**31 - 1)
        _FIELD_LIMIT_SET = True
    where = path or name
    texts = [ln.text for ln in lines]
    delim = _delimiter(texts[0].rstrip("\r\n") if texts else "", tab)
    reader = csv.reader(texts, delimiter=delim)
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
    n = 0
    for n, item in enumerate(_rows(lines, texts, reader.line_num, delim, index, keys, name=name, path=path), 1):
        yield item
    if not n:
        yield Rejection(name, path, "skipped", "ingest", f"{where}: no rows under the header")


def _rows(lines: Sequence[Line], texts: list[str], start: int, delim: str, index: dict[str, int],
          keys: dict[str, str | None], *, name: str, path: str | None) -> Iterator[Article | Rejection]:
    """The rows from line ``start`` (0-based) on; after a row that swallowed the lines below it,
    reading starts again at the line after its first line."""
    where = path or name
    while start < len(texts):
        reader = csv.reader((texts[i] for i in range(start, len(texts))), delimiter=delim)
        before = 0  # lines of texts[start:] read before the current row
        restart = None
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                n = start + before + 1
                yield Rejection(f"{name}:{n}", path, "failed", "ingest", f"{where} line {n}: malformed CSV row ({exc})")
                if reader.line_num == before:
                    break
                before = reader.line_num
                continue
            a, b = start + before, start + reader.line_num  # the row's lines: lines[a:b]
            before = reader.line_num
            n = a + 1
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line
            if b - a > 1 and not _well_formed(texts[a:b], delim):
                yield Rejection(f"{name}:{n}", path, "failed", "ingest",
                                f"{where} line {n}: malformed CSV row (a quoted field is not closed where it "
                                f"should be, so it ran over lines {n + 1}-{b}); fix the quotes in line {n}; "
                                f"the lines after it are read on their own")
                restart = a + 1
                break
            problem = next((ln.problem for ln in lines[a:b] if ln.problem), None)
            if problem:
                yield Rejection(f"{name}:{n}", path, "failed", "ingest", f"{where} line {n}: {problem}; fix or remove that row")
                continue
            enc = next((ln.enc for ln in lines[a:b] if ln.enc["encoding_guessed"]), lines[a].enc)
            obj = {h: row[i] for h, i in index.items() if i < len(row)}
            yield article_from_record(obj, where=f"{where} line {n}", default_id=f"{name}:{n}", path=path, enc=enc, keys=keys)
        if restart is None:
            return
        start = restart
