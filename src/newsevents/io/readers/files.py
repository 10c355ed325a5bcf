"""Paths, directories and stdin -> the reader of each format (:func:`iter_articles`, :func:`read_file`)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import IO, Iterator, Sequence

from newsevents.io.readers.csv_reader import read_csv
from newsevents.io.readers.detect import FORMATS, BinaryData, decode_bytes, detect_format, normalize_format, sniff_format
from newsevents.io.readers.html_reader import html_charset, read_html
from newsevents.io.readers.jsonl import read_json_array, read_jsonl
from newsevents.io.readers.lines import decode_lines, is_blank
from newsevents.io.readers.text import read_dated_text
from newsevents.records import Article, Rejection

# the logger of the readers package (its name shows in log lines)
log = logging.getLogger("newsevents.io.readers")


def iter_articles(
    paths: Sequence[str],
    *,
    glob: str = "**/*",
    fmt: str | None = None,
    csv_columns: dict[str, str] | None = None,
    stdin: IO | None = None,
) -> Iterator[Article | Rejection]:
    """Yield an Article or a Rejection for every record in ``paths`` (files, directories, ``-``)."""
    fmt = normalize_format(fmt)
    if fmt is not None and fmt not in FORMATS:
        yield Rejection(None, None, "failed", "ingest",
                        f"unknown input format {fmt!r}; use one of: {', '.join(FORMATS)}")
        return
    if isinstance(paths, (str, Path)):
        paths = [str(paths)]
    for p in paths:
        p = str(p)
        if p == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, fmt, csv_columns)
            continue
        path = Path(p)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            yield Rejection(None, p, "failed", "ingest", f"cannot access {p}: {exc.strerror or exc}")
            continue
        if not exists:
            yield Rejection(None, p, "failed", "ingest", f"{p}: no such file or directory (check the path)")
            continue
        if is_dir:
            try:
                files = _list_dir(path, glob)
            except OSError as exc:
                yield Rejection(None, p, "failed", "ingest", f"cannot list directory {p}: {exc.strerror or exc}")
                continue
            if not files:
                log.warning("no files matching %r under %s", glob, p)
            for f in files:
                yield from read_file(str(f), id_base=f.relative_to(path).as_posix(), fmt=fmt,
                                     csv_columns=csv_columns)
        else:
            yield from read_file(p, id_base=path.name, fmt=fmt, csv_columns=csv_columns)


def _list_dir(root: Path, glob: str) -> list[Path]:
    out = []
    for f in root.glob(glob or "**/*"):
        rel = f.relative_to(root)
        if any(part.startswith(".") for part in rel.parts):
            continue
        try:
            if f.is_file():
                out.append(f)
        except OSError:
            continue
    out.sort(key=lambda f: f.relative_to(root).as_posix())
    return out


def read_file(path: str, *, id_base: str | None = None, fmt: str | None = None,
              csv_columns: dict[str, str] | None = None) -> Iterator[Article | Rejection]:
    """Read one file (any format); ``id_base`` is the id it gets (default: the file name)."""
    name = id_base or Path(path).name
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        yield Rejection(name, path, "failed", "ingest",
                        f"{path} disappeared before it could be read (moved or deleted during the run?); "
                        f"restore it and run again")
        return
    except PermissionError:
        yield Rejection(name, path, "failed", "ingest", f"permission denied reading {path} (check its permissions)")
        return
    except OSError as exc:
        yield Rejection(name, path, "failed", "ingest", f"cannot read {path}: {exc.strerror or exc}")
        return
    f = normalize_format(fmt) or detect_format(path)
    yield from _read_bytes(data, f, name=name, path=path, csv_columns=csv_columns,
                           tab=Path(path).suffix.lower() in (".tsv", ".tab"))


def _read_bytes(data: bytes, fmt: str, *, name: str, path: str | None,
                csv_columns: dict[str, str] | None = None, tab: bool = False) -> Iterator[Article | Rejection]:
    where = path or name
    if not data.strip():
        yield Rejection(name, path, "skipped", "ingest", f"empty file {where}")
        return
    if fmt == "csv" or (fmt == "jsonl" and not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")):
        yield from _read_lines(data, fmt, name=name, path=path, csv_columns=csv_columns, tab=tab)
        return
    declared = html_charset(data) if fmt == "html" else None
    try:
        text, enc, guessed = decode_bytes(data, declared)
    except BinaryData as exc:
        yield Rejection(name, path, "skipped", "ingest", f"{exc}: {where} is not a text article; leave it out of the input")
        return
    if guessed:
        log.info("%s is not UTF-8; decoded as %s", where, enc)
    if not text.strip():
        yield Rejection(name, path, "skipped", "ingest", f"empty file {where}")
        return
    enc_kw = {"encoding": enc, "encoding_guessed": guessed}
    if fmt == "jsonl":
        yield from read_json_array(text, name=name, path=path, enc=enc_kw)
    elif fmt == "html":
        yield read_html(text, name=name, path=path, enc=enc_kw)
    else:
        yield read_dated_text(text, name=name, path=path, enc=enc_kw)


def _read_lines(data: bytes, fmt: str, *, name: str, path: str | None,
                csv_columns: dict[str, str] | None, tab: bool) -> Iterator[Article | Rejection]:
    """JSONL and CSV: the encoding is decided line by line, and a NUL byte spoils only its line."""
    where = path or name
    try:
        lines = decode_lines(data, keepends=fmt == "csv")
    except BinaryData as exc:
        yield Rejection(name, path, "skipped", "ingest", f"{exc}: {where} is not a text article; leave it out of the input")
        return
    if all(is_blank(ln.text) for ln in lines):
        yield Rejection(name, path, "skipped", "ingest", f"empty file {where}")
        return
    guessed = sum(ln.enc["encoding_guessed"] for ln in lines)
    if guessed:
        log.info("%s: %d line(s) are not UTF-8; decoded as %s", where, guessed,
                 next(ln.enc["encoding"] for ln in lines if ln.enc["encoding_guessed"]))
    if fmt == "jsonl":
        yield from read_jsonl(lines, name=name, path=path)
    else:
        yield from read_csv(lines, name=name, path=path, columns=csv_columns, tab=tab)


def _read_stdin(stream: IO, fmt: str | None, csv_columns: dict[str, str] | None) -> Iterator[Article | Rejection]:
    try:
        buf = getattr(stream, "buffer", None)
        raw = buf.read() if buf is not None else stream.read()
    except (OSError, ValueError) as exc:
        yield Rejection("stdin", None, "failed", "ingest", f"cannot read stdin: {exc}")
        return
    if isinstance(raw, str):
        if not raw.strip():
            yield Rejection("stdin", None, "skipped", "ingest", "empty input on stdin")
            return
        data = raw.encode("utf-8", "surrogatepass")
    else:
        data = raw or b""
    if fmt is None:
        fmt = sniff_format(data[:4096])
        fmt = "jsonl" if fmt == "jsonl" else "text"
    yield from _read_bytes(data, fmt, name="stdin", path=None, csv_columns=csv_columns,
                           tab=b"\t" in data.split(b"\n", 1)[0])
