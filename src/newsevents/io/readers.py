"""Readers: files, directories and stdin in; :class:`Article` or :class:`Rejection` out.

``iter_articles(paths)`` yields one item per input record, lazily and in a stable order
(directories are listed recursively, filtered by ``glob``, sorted, hidden files and folders left
out; each file is read only when the iterator reaches it). It never raises for a bad record: a
record it cannot use becomes a ``Rejection`` with stage ``"ingest"``, and the batch goes on.

Formats (``detect_format``: by extension, else a peek at the first bytes):

* ``text`` -- dated text: line 1 ``date YYYY-MM-DD Title``, the body after it. The id is the path
  relative to the directory given (or the file name). Without a date line the whole file is the
  body and the date is unknown (logged at INFO).
* ``jsonl`` (``.jsonl``, ``.ndjson``, ``.json``; a ``.json`` file may also hold one JSON array) --
  one object per line with ``id``, ``date``, ``title``, ``text`` and optional ``url``, ``source``
  (other fields are ignored). A record without an id gets ``FILE:LINE``.
* ``csv`` (``.csv``, ``.tsv``/``.tab`` tab-separated) -- a header row; columns are found by
  ``csv_columns`` (``{"text": "Article", "title": "Heading", ...}``) or, by default, by common
  names, case-insensitively (text/body/article/content, title/heading/headline, date/published,
  id, url, source). A row without an id gets ``FILE:LINE``.
* ``html`` (``.html``, ``.htm``) -- the main text of the page (paragraphs, headings h1-h3 and
  list items; script, style, nav, header, footer and aside dropped), title from ``<title>`` (or
  the first ``<h1>``), date from ``article:published_time`` (or ``<time datetime>``). Offsets of
  later stages point into this extracted text.
* ``-`` reads stdin: JSONL when the first non-blank character is ``{``, else dated text (or the
  format given by ``fmt``).

Dates: ``YYYY-MM-DD`` (also ``YYYY/MM/DD``), a full ISO timestamp (its date part is taken),
``M/D/YYYY``, ``D Month YYYY``, ``Month D, YYYY`` and ``YYYYMMDD`` are accepted and stored as
``YYYY-MM-DD``. An empty date means "unknown". The rules for bad dates:

* a date-shaped value that is no calendar day (``2017-02-30``, ``2/30/2017``) is NOT silently
  dropped: the record is **skipped** with the reason (``impossible date 2017-02-30 in line 1 of
  a.txt``). Such a date is a typo; coding the article without it (or with a guess) would anchor
  every relative time expression ("on Tuesday") wrongly. Fix the date or remove it to code it.
* in our own dated text format the date line is written by the user, so an unreadable date there
  (``date 2017-13 ...``) is skipped the same way;
* in JSONL, CSV and HTML metadata, a value that is not a date at all (``"7:58 AM ET"``, a date cut
  short such as ``"Dec 17, 20"``) is common in scraped feeds: the article is coded without a date
  and the value is logged at INFO.

Encodings: UTF-8 (with or without BOM) and UTF-16 with a BOM are read as declared. Otherwise, if
the bytes are not valid UTF-8, cp1252 and then latin-1 are tried and the article carries
``encoding`` and ``encoding_guessed=True``.

What becomes a Rejection (``skipped``: nothing to code; ``failed``: could not be read):

* empty file, whitespace-only file, file with no text after its date line -> skipped;
* binary file (NUL bytes or mostly control bytes in the first 8 KB) -> skipped;
* impossible date -> skipped; unreadable date -> skipped in dated text, coded without a date in
  JSONL/CSV (see "Dates" above); an HTML page's metadata date that is impossible or unreadable is
  ignored with a log line (the page text is still worth coding);
* JSONL: a line that is not valid JSON or not an object, or has no ``text`` -> failed (with the
  line number); an empty ``text`` -> skipped;
* CSV: no text column (the reason lists the columns) -> failed once for the file; an empty text
  cell -> skipped; a malformed row -> failed;
* a path that does not exist, a file that vanished between listing and reading, a file we may
  not read -> failed.

Very long articles are read as they are; the pipeline's ``max_chars`` decides whether to code them.
"""

from __future__ import annotations

import calendar
import codecs
import csv
import io
import json
import logging
import re
import sys
from datetime import date as _date
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any, Iterator, Sequence

from newsevents.records import Article, Rejection

__all__ = ["iter_articles", "detect_format", "parse_date", "read_file", "FORMATS"]

log = logging.getLogger(__name__)

FORMATS = ("text", "jsonl", "csv", "html")

_EXT = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv", ".tab": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}

# --------------------------------------------------------------------------------------------
# formats


def detect_format(path: str) -> str:
    """The reader for ``path``: ``text``, ``jsonl``, ``csv`` or ``html`` (by extension, else by the
    first bytes; anything unrecognised is dated text)."""
    if path == "-":
        return "text"
    fmt = _EXT.get(Path(path).suffix.lower())
    if fmt:
        return fmt
    try:
        with open(path, "rb") as fh:
            head = fh.read(1024)
    except OSError:
        return "text"
    return _sniff(head)


def _sniff(head: bytes | str) -> str:
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="ignore")
    s = head.lstrip("\ufeff \t\r\n")
    if s.startswith("{"):
        return "jsonl"
    low = s[:200].lower()
    if low.startswith("<!doctype html") or low.startswith("<html") or "<html" in low[:100]:
        return "html"
    return "text"


def _norm_fmt(fmt: str | None) -> str | None:
    if fmt is None:
        return None
    f = fmt.lower().strip().lstrip(".")
    f = {"txt": "text", "ndjson": "jsonl", "json": "jsonl", "tsv": "csv", "htm": "html"}.get(f, f)
    return f


# --------------------------------------------------------------------------------------------
# dates

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][0-9:.,]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_MDY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T][0-9:]+(?:\s*[AaPp][Mm])?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DMY_NAME = re.compile(r"(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})")
_MDY_NAME = re.compile(r"(?:[A-Za-z]+,\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})")


class DateError(ValueError):
    """A date we cannot accept; ``str()`` is the reason. ``impossible`` is True for a date-shaped
    value that is no calendar day (``2017-02-30``), False for a value we cannot read at all."""

    def __init__(self, message: str, impossible: bool = False):
        super().__init__(message)
        self.impossible = impossible


def parse_date(value: Any) -> str | None:
    """Normalise a date to ``YYYY-MM-DD``; ``None``/empty -> ``None``; raise :class:`DateError`
    (message ``impossible date X`` or ``unrecognised date X``) otherwise."""
    if value is None:
        return None
    s = str(value).strip()
    if not s:
        return None
    y = mo = d = None
    if m := _ISO.fullmatch(s):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := _MDY.fullmatch(s):
        y, mo, d = int(m[3]), int(m[1]), int(m[2])
    elif m := _COMPACT.fullmatch(s):
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif (m := _DMY_NAME.fullmatch(s)) and m[2].lower() in _MONTHS:
        y, mo, d = int(m[3]), _MONTHS[m[2].lower()], int(m[1])
    elif (m := _MDY_NAME.fullmatch(s)) and m[1].lower() in _MONTHS:
        y, mo, d = int(m[3]), _MONTHS[m[1].lower()], int(m[2])
    else:
        raise DateError(f"unrecognised date {s!r} (expected YYYY-MM-DD)")
    try:
        return _date(y, mo, d).isoformat()
    except ValueError:
        raise DateError(f"impossible date {s}", impossible=True) from None


# --------------------------------------------------------------------------------------------
# bytes -> str


class _Binary(Exception):
    pass


_MAGIC = (
    (b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP/Office"), (b"\x1f\x8b", "gzip"), (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"\x7fELF", "executable"), (b"BZh", "bzip2"),
    (b"\xfd7zXZ", "xz"), (b"PAR1", "Parquet"), (b"SQLite format", "SQLite"),
)
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13, 27}) + b"\x7f"


def _decode(data: bytes, declared: str | None = None) -> tuple[str, str, bool]:
    """Decode file bytes: (text, encoding, guessed). Raise _Binary for binary data."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8", False
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, False
            except UnicodeDecodeError:
                break
    head = data[:8192]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise _Binary(f"binary file ({what})")
    if b"\x00" in head:
        raise _Binary("binary file (NUL bytes)")
    if head:
        ctrl = sum(head.count(bytes([c])) for c in _CONTROL)
        if ctrl / len(head) > 0.1:
            raise _Binary("binary file (mostly control bytes)")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), codecs.lookup(declared).name, False
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("cp1252"), "cp1252", True
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", True


# --------------------------------------------------------------------------------------------
# the public entry point


def iter_articles(
    paths: Sequence[str],
    *,
    glob: str = "**/*",
    fmt: str | None = None,
    csv_columns: dict[str, str] | None = None,
    stdin: IO | None = None,
) -> Iterator[Article | Rejection]:
    """Yield an Article or a Rejection for every record in ``paths`` (files, directories, ``-``)."""
    fmt = _norm_fmt(fmt)
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
    f = _norm_fmt(fmt) or detect_format(path)
    yield from _read_bytes(data, f, name=name, path=path, csv_columns=csv_columns,
                           tab=Path(path).suffix.lower() in (".tsv", ".tab"))


def _read_bytes(data: bytes, fmt: str, *, name: str, path: str | None,
                csv_columns: dict[str, str] | None = None, tab: bool = False) -> Iterator[Article | Rejection]:
    where = path or name
    if not data.strip():
        yield Rejection(name, path, "skipped", "ingest", f"empty file {where}")
        return
    declared = _html_charset(data) if fmt == "html" else None
    try:
        text, enc, guessed = _decode(data, declared)
    except _Binary as exc:
        yield Rejection(name, path, "skipped", "ingest", f"{exc}: {where} is not a text article; leave it out of the input")
        return
    if guessed:
        log.info("%s is not UTF-8; decoded as %s", where, enc)
    if not text.strip():
        yield Rejection(name, path, "skipped", "ingest", f"empty file {where}")
        return
    enc_kw = {"encoding": enc, "encoding_guessed": guessed}
    if fmt == "jsonl":
        yield from _read_jsonl(text, name=name, path=path, enc=enc_kw)
    elif fmt == "csv":
        yield from _read_csv(text, name=name, path=path, columns=csv_columns, tab=tab, enc=enc_kw)
    elif fmt == "html":
        yield _read_html(text, name=name, path=path, enc=enc_kw)
    else:
        yield _read_dated_text(text, name=name, path=path, enc=enc_kw)


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
        fmt = _sniff(data[:4096])
        fmt = "jsonl" if fmt == "jsonl" else "text"
    yield from _read_bytes(data, fmt, name="stdin", path=None, csv_columns=csv_columns,
                           tab=b"\t" in data.split(b"\n", 1)[0])


# --------------------------------------------------------------------------------------------
# dated text

# the date token must start with a digit, so a body that begins "Date palms ..." is not a date line
_DATE_LINE = re.compile(r"[ \t]*date:?[ \t]+(\d\S*)(?:[ \t]+(.*?))?[ \t]*", re.I)


def _read_dated_text(text: str, *, name: str, path: str | None, enc: dict) -> Article | Rejection:
    where = path or name
    first, nl, rest = text.partition("\n")
    m = _DATE_LINE.fullmatch(first.rstrip("\r"))
    if not m:
        log.info("%s has no 'date YYYY-MM-DD Title' line; reading it with no date", where)
        return Article(id=name, text=text, path=path, **enc)
    try:
        day = parse_date(m.group(1))
    except DateError as exc:
        return Rejection(name, path, "skipped", "ingest",
                         f"{exc} in line 1 of {where} (write it as 'date YYYY-MM-DD Title', "
                         f"or drop the date line to code it without a date)")
    body = rest.lstrip("\r\n")
    if not body.strip():
        return Rejection(name, path, "skipped", "ingest", f"no text after the date line in {where}")
    title = (m.group(2) or "").strip() or None
    return Article(id=name, text=body, date=day, title=title, path=path, **enc)


# --------------------------------------------------------------------------------------------
# JSONL

_FIELD_NAMES = {
    "id": ("id", "doc_id", "docid", "article_id", "uid", "guid", "key"),
    "text": ("text", "body", "article", "content", "story", "full_text", "fulltext"),
    "title": ("title", "heading", "headline", "header", "subject"),
    "date": ("date", "published", "publish_date", "published_date", "pub_date", "pubdate",
             "published_at", "publication_date", "datetime", "timestamp"),
    "url": ("url", "link", "href", "uri"),
    "source": ("source", "outlet", "publisher", "agency", "site", "domain"),
}


def _pick(keys: Sequence[str], field: str, explicit: str | None = None) -> str | None:
    """The key among ``keys`` that holds ``field`` (explicit name first, then common names)."""
    lower = {k.lower().strip(): k for k in keys if isinstance(k, str)}
    if explicit is not None:
        return lower.get(explicit.lower().strip())
    for cand in _FIELD_NAMES[field]:
        if cand in lower:
            return lower[cand]
    return None


def _scalar(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (dict, list)):
        return None
    s = str(v).strip()
    return s or None


def _record(obj: dict, *, where: str, default_id: str, path: str | None, enc: dict,
            keys: dict[str, str | None]) -> Article | Rejection:
    rid = _scalar(obj.get(keys["id"])) if keys["id"] else None
    rid = rid or default_id
    tk = keys["text"]
    if tk is None or tk not in obj:
        return Rejection(rid, path, "failed", "ingest",
                         f"{where}: no text field (fields present: {', '.join(map(str, obj)) or 'none'})")
    text = obj[tk]
    if text is None or (isinstance(text, str) and not text.strip()):
        return Rejection(rid, path, "skipped", "ingest", f"{where}: empty text")
    if not isinstance(text, str):
        return Rejection(rid, path, "failed", "ingest",
                         f"{where}: field {tk!r} is a {type(text).__name__}, not a string")
    try:
        day = parse_date(_scalar(obj.get(keys["date"])) if keys["date"] else None)
    except DateError as exc:
        if exc.impossible:
            return Rejection(rid, path, "skipped", "ingest",
                             f"{exc} in {where} (fix it as YYYY-MM-DD, or leave the date empty to code it "
                             f"without one)")
        log.info("%s: %s; coding it without a date", where, exc)  # e.g. a truncated "Dec 17, 20"
        day = None
    return Article(
        id=rid, text=text, date=day,
        title=_scalar(obj.get(keys["title"])) if keys["title"] else None,
        url=_scalar(obj.get(keys["url"])) if keys["url"] else None,
        source=_scalar(obj.get(keys["source"])) if keys["source"] else None,
        path=path, **enc,
    )


def _keys_for(obj: dict, mapping: dict[str, str] | None = None) -> dict[str, str | None]:
    mapping = {k.lower(): v for k, v in (mapping or {}).items()}
    return {f: _pick(list(obj), f, mapping.get(f)) for f in _FIELD_NAMES}


def _read_jsonl(text: str, *, name: str, path: str | None, enc: dict) -> Iterator[Article | Rejection]:
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
            yield _record(obj, where=f"{where} item {i}", default_id=rid, path=path, enc=enc, keys=_keys_for(obj))
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
        yield _record(obj, where=f"{where} line {n}", default_id=rid, path=path, enc=enc, keys=_keys_for(obj))


# --------------------------------------------------------------------------------------------
# CSV

_FIELD_LIMIT_SET = False


def _read_csv(text: str, *, name: str, path: str | None, columns: dict[str, str] | None, tab: bool,
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
    unknown = [k for k in mapping if k not in _FIELD_NAMES]
    if unknown:
        yield Rejection(name, path, "failed", "ingest",
                        f"{where}: unknown field(s) {', '.join(unknown)} in the column mapping; "
                        f"fields are {', '.join(_FIELD_NAMES)}")
        return
    keys: dict[str, str | None] = {}
    for f in _FIELD_NAMES:
        keys[f] = _pick(header, f, mapping.get(f))
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
        yield _record(obj, where=f"{where} line {n}", default_id=f"{name}:{n}", path=path, enc=enc, keys=keys)


# --------------------------------------------------------------------------------------------
# HTML

_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", re.I)


def _html_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


_HTML_WS = re.compile(r"[ \t\r\n\f\v]+")


class _MainText(HTMLParser):
    DROP = frozenset("script style nav header footer aside noscript template svg form iframe button select".split())
    KEEP = frozenset("p h1 h2 h3 li blockquote pre".split())
    BREAK = frozenset("br hr div section article main td tr table ul ol dl dd dt figure figcaption "
                      "h4 h5 h6 body".split())
    VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.drop = 0
        self.keep = 0
        self.blocks: list[str] = []  # kept paragraphs
        self.loose: list[str] = []  # all visible text, for pages without paragraphs
        self.cur: list[str] = []
        self.title_parts: list[str] | None = None
        self.title: str | None = None
        self.h1: str | None = None
        self._h1_parts: list[str] | None = None
        self.meta: dict[str, str] = {}
        self.time_dt: str | None = None
        self.canonical: str | None = None

    def _flush(self) -> None:
        # source whitespace is insignificant; a <br> (the NUL marker) is a line break; a
        # non-breaking space is kept as written (text repair normalises it later)
        lines = (_HTML_WS.sub(" ", line).strip(" ") for line in "".join(self.cur).split("\x00"))
        s = "\n".join(line for line in lines if line)
        if s:
            self.blocks.append(s)
        self.cur = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a:
                self.meta.setdefault(key, a["content"])
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower():
            self.canonical = a.get("href") or None
            return
        if tag == "time" and self.time_dt is None and a.get("datetime"):
            self.time_dt = a["datetime"]
        if tag == "title":
            self.title_parts = []
            return
        if tag in self.VOID:
            if tag == "br":
                if self.keep:
                    self.cur.append("\x00")
                self.loose.append("\x00")
            return
        if tag in self.DROP:
            self.drop += 1
            return
        if tag in self.KEEP:
            if self.keep:
                self._flush()
            self.keep += 1
            if tag == "h1" and self.h1 is None:
                self._h1_parts = []
        if tag in self.KEEP or tag in self.BREAK:
            self.loose.append("\x00")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            if self.title_parts is not None and self.title is None:
                self.title = _HTML_WS.sub(" ", "".join(self.title_parts)).strip() or None
            self.title_parts = None
            return
        if tag in self.DROP:
            if self.drop:
                self.drop -= 1
            return
        if tag in self.KEEP and self.keep:
            if self.drop == 0:
                self._flush()
            else:
                self.cur = []
            self.keep -= 1
            if tag == "h1" and self._h1_parts is not None:
                self.h1 = _HTML_WS.sub(" ", "".join(self._h1_parts)).strip() or None
                self._h1_parts = None
        if tag in self.KEEP or tag in self.BREAK:
            self.loose.append("\x00")

    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if self.drop:
            return
        if self._h1_parts is not None:
            self._h1_parts.append(data)
        if self.keep:
            self.cur.append(data.replace("\x00", ""))
        self.loose.append(data.replace("\x00", ""))

    def result(self) -> tuple[str, str | None]:
        if self.cur:
            self._flush()
        title = self.title or self.h1
        blocks = list(self.blocks)
        if blocks and self.h1 and blocks[0] == self.h1 and title and (self.h1 == title or self.h1 in title):
            blocks = blocks[1:]  # the headline is the title, not the body
        if blocks:
            body = "\n\n".join(blocks)
        else:
            lines = (_HTML_WS.sub(" ", line).strip(" ") for line in "".join(self.loose).split("\x00"))
            body = "\n\n".join(line for line in lines if line)
        return body, title


def _read_html(text: str, *, name: str, path: str | None, enc: dict) -> Article | Rejection:
    where = path or name
    parser = _MainText()
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # noqa: BLE001 - html.parser is lenient; guard anyway
        return Rejection(name, path, "failed", "ingest", f"{where}: cannot parse HTML ({exc})")
    body, title = parser.result()
    if not body.strip():
        return Rejection(name, path, "skipped", "ingest", f"no article text found in HTML {where}")
    raw_date = (parser.meta.get("article:published_time") or parser.meta.get("og:published_time")
                or parser.meta.get("datepublished") or parser.time_dt or parser.meta.get("date")
                or parser.meta.get("pubdate"))
    try:
        day = parse_date(raw_date)
    except DateError as exc:
        log.info("%s: ignoring page date: %s", where, exc)  # page metadata, not the user's own date line
        day = None
    return Article(
        id=name, text=body, date=day, title=title,
        url=parser.canonical or parser.meta.get("og:url") or None,
        source=parser.meta.get("og:site_name") or None,
        path=path, **enc,
    )
