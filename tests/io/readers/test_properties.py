"""Property tests: any bytes into any reader -> every record ends an Article fit to code or a
Rejection with a reason, and nothing raises out of ``read_file`` / ``iter_articles``.

Deterministic (``derandomize=True``) and small, so the suite stays fast.
"""

from __future__ import annotations

import json
import re
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.io.readers import iter_articles, read_file
from newsevents.records import Article, Rejection

SETTINGS = settings(max_examples=120, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- what every item must be ----------------------------------------------------------------------


def _encodable(s) -> bool:
    if s is None:
        return True
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_item(item) -> None:
    assert isinstance(item, (Article, Rejection)), type(item)
    if isinstance(item, Rejection):
        assert item.status in ("skipped", "failed") and item.stage == "ingest"
        assert isinstance(item.reason, str) and item.reason.strip() and _encodable(item.reason)
        return
    assert isinstance(item.id, str) and item.id and _encodable(item.id)
    assert isinstance(item.text, str) and item.text.strip() and _encodable(item.text)
    for s in (item.title, item.url, item.source):
        assert s is None or (isinstance(s, str) and _encodable(s))
    if item.date is not None:
        assert date.fromisoformat(item.date).isoformat() == item.date
    assert isinstance(item.encoding, str) and isinstance(item.encoding_guessed, bool)


def read_bytes_as(data: bytes, suffix: str) -> list:
    with tempfile.TemporaryDirectory() as d:
        f = Path(d) / f"in{suffix}"
        f.write_bytes(data)
        items = list(read_file(str(f)))
    assert items, "a file must give at least one item"
    for it in items:
        check_item(it)
    return items


# --- building blocks for hostile bytes -----------------------------------------------------------

NASTY = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\u2028", "\u200f", "\u202e", "\ufeff", "\ufffd", "\r", "\n",
         "\r\n", "\t", '"', "'", ",", ";", "\\", "{", "}", "[", "]", "<", ">", "&amp;", "&#xD800;",
         "\u2019", "Erdo\u011fan", "Caf\u00e9", "\U0001F600", "\u0645\u0635\u0631", " ", "date", "2017-13-45",
         "0001-01-01", "9999-12-31", "\\udfff", "\\u0000", "\udfff", "\ud800"]
text_chunks = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), max_size=25).map("".join)
encodings = st.sampled_from(["utf-8", "cp1252", "latin-1", "utf-16", "utf-16-le", "utf-8-sig"])


def encode(text: str, enc: str) -> bytes:
    """``text`` in ``enc``: lone surrogates go through into UTF-8/16 bytes (invalid UTF-8), and a
    character the encoding lacks becomes ``?``."""
    try:
        return text.encode(enc, errors="surrogatepass" if enc.startswith("utf") else "strict")
    except UnicodeEncodeError:
        return text.encode(enc, errors="replace")


@st.composite
def encoded(draw, text_strategy=text_chunks):
    return encode(draw(text_strategy), draw(encodings))


@st.composite
def mutated(draw, base: bytes):
    """``base`` with a few random byte edits (insert, overwrite, delete, truncate)."""
    data = bytearray(base)
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["insert", "overwrite", "delete", "truncate"]))
        i = draw(st.integers(0, len(data)))
        if op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=6))
        elif op == "overwrite" and i < len(data):
            data[i] = draw(st.integers(0, 255))
        elif op == "delete":
            del data[i:i + draw(st.integers(1, 8))]
        elif op == "truncate":
            del data[i:]
    return bytes(data)


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                    text_chunks, st.sampled_from(["2017-06-01", "0001-01-01", "9999-12-31", "2017-13-45",
                                                  "2/30/2017", "", "20170601", "Dec 17, 20"]))
json_values = st.recursive(scalars, lambda kids: st.lists(kids, max_size=3) | st.dictionaries(text_chunks, kids, max_size=3),
                           max_leaves=8)
keys = st.one_of(st.sampled_from(["id", "text", "text ", "Text", "title", "date", "body", "url", "source",
                                  "headline", "published"]), text_chunks)
records = st.dictionaries(keys, json_values, max_size=6)
HOSTILE_JSON = [
    b'{"text": "a", "id": ' + b"9" * 5000 + b"}",  # more digits than int() takes
    b"[" * 50_000 + b"]" * 50_000,  # nested too deeply
    b'{"text": "x\\udfff y", "title": "\\ud800", "id": "\\udc00"}',  # lone surrogates
    b'{"text": "x", "date": 1e999, "title": NaN}',
    b'{"text": "\x00"}', b"\x00" * 5, b'{"text": "\xff\xfe"}',
]
eols = st.sampled_from([b"\n", b"\r\n", b"\r"])


@st.composite
def jsonl_bytes(draw):
    lines = []
    for obj in draw(st.lists(records, max_size=6)):
        s = json.dumps(obj, ensure_ascii=draw(st.booleans()))
        enc = draw(encodings.filter(lambda e: not e.startswith("utf-16")))
        lines.append(encode(s, enc))
    if draw(st.booleans()):
        lines.append(draw(st.binary(max_size=40)))
    lines += draw(st.lists(st.sampled_from(HOSTILE_JSON), max_size=2))
    data = b"".join(line + draw(eols) for line in lines)
    return draw(mutated(data))


@st.composite
def csv_bytes(draw):
    header = draw(st.lists(st.sampled_from(["id", "title", "text", "date", "body", "url", "x", " Text "]),
                           min_size=1, max_size=5))
    delim = draw(st.sampled_from([",", "\t", ";"]))
    cell = st.one_of(text_chunks, st.text(alphabet='",\n\r ab\t;', max_size=10))
    rows = [delim.join(header)]
    for _ in range(draw(st.integers(0, 6))):
        cells = draw(st.lists(cell, max_size=len(header) + 1))
        rows.append(delim.join('"' + c.replace('"', '""') + '"' if draw(st.booleans()) else c for c in cells))
    text = "".join(r + draw(st.sampled_from(["\n", "\r\n", "\r"])) for r in rows)
    data = encode(text, draw(encodings))
    return draw(mutated(data))


TAGS = ["p", "h1", "title", "script", "style", "nav", "div", "br", "li", "time", "article", "b", "svg",
        "template", "pre", "x-y"]


@st.composite
def html_bytes(draw):
    parts = []
    if draw(st.booleans()):
        cs = draw(st.sampled_from(["utf-8", "utf-16", "utf-32", "latin-1", "windows-1251", "bogus", "cp037",
                                   "utf-7", "shift_jis", "x-user-defined"]))
        parts.append(f'<meta charset="{cs}">')
    if draw(st.booleans()):
        parts.append('<meta property="article:published_time" content="'
                     + draw(st.sampled_from(["2017-06-01", "0001-01-01", "9999-12-31", "2017-13-45", ""])) + '">')
    for _ in range(draw(st.integers(0, 20))):
        tag = draw(st.sampled_from(TAGS))
        kind = draw(st.sampled_from(["open", "close", "text", "deep"]))
        if kind == "open":
            parts.append(f"<{tag}>")
        elif kind == "close":
            parts.append(f"</{tag}>")
        elif kind == "deep":
            n = draw(st.integers(1, 300))
            parts.append(f"<{tag}>" * n + draw(text_chunks) + f"</{tag}>" * draw(st.integers(0, n)))
        else:
            parts.append(draw(text_chunks))
    data = encode("".join(parts), draw(encodings))
    return draw(mutated(data))


@st.composite
def dated_text_bytes(draw):
    day = draw(st.sampled_from(["2017-06-01", "0001-01-01", "9999-12-31", "2017-13-45", "2017-02-30", "",
                                "1/2/2017", "x"]))
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = f"date {day} {draw(text_chunks)}{eol}{draw(text_chunks)}"
    return draw(mutated(encode(text, draw(encodings))))


any_bytes = st.one_of(st.binary(max_size=300), encoded())

# --- the properties --------------------------------------------------------------------------------


def _nonblank_lines(data: bytes) -> int:
    return sum(1 for line in re.split(rb"\r\n|\r|\n", data) if line.strip())


@SETTINGS
@given(st.one_of(jsonl_bytes(), any_bytes))
def test_jsonl_any_bytes(data):
    items = read_bytes_as(data, ".jsonl")
    whole_file = len(items) == 1 and isinstance(items[0], Rejection) and items[0].status == "skipped" \
        and ("binary" in items[0].reason or "empty file" in items[0].reason)
    if not whole_file and not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[") \
            and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # one item per non-blank line: nothing lost, nothing made up
        assert len(items) == _nonblank_lines(data.removeprefix(b"\xef\xbb\xbf"))


@SETTINGS
@given(st.one_of(csv_bytes(), any_bytes), st.sampled_from([".csv", ".tsv"]))
def test_csv_any_bytes(data, suffix):
    items = read_bytes_as(data, suffix)
    ids = [i.record_id for i in items if isinstance(i, Rejection)] + [i.id for i in items if isinstance(i, Article)]
    assert len(items) <= max(1, _nonblank_lines(data))  # never more records than lines
    assert all(ids)


@SETTINGS
@given(st.one_of(html_bytes(), any_bytes))
def test_html_any_bytes(data):
    assert len(read_bytes_as(data, ".html")) == 1


@SETTINGS
@given(st.one_of(dated_text_bytes(), any_bytes))
def test_dated_text_any_bytes(data):
    assert len(read_bytes_as(data, ".txt")) == 1


@SETTINGS
@given(st.one_of(jsonl_bytes(), csv_bytes(), html_bytes(), dated_text_bytes(), any_bytes),
       st.sampled_from(["", ".txt", ".jsonl", ".json", ".csv", ".html", ".bin"]))
def test_any_bytes_any_extension(data, suffix):
    read_bytes_as(data, suffix)


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.tuples(st.sampled_from(["a", "b/c", ".hidden", "d/.e", "f g", "\u00e9"]),
                          st.sampled_from([".txt", ".jsonl", ".csv", ".html", ""]),
                          st.one_of(jsonl_bytes(), csv_bytes(), html_bytes(), dated_text_bytes(), any_bytes)),
                max_size=6),
       st.sampled_from(["**/*", "*", "**/*.txt", "[", "**/../*"]))
def test_directories(files, glob):
    with tempfile.TemporaryDirectory() as d:
        root = Path(d)
        for i, (stem, suffix, data) in enumerate(files):
            f = root / f"{stem}{i}{suffix}"
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(data)
        items = list(iter_articles([str(root), str(root / "missing"), "-"], glob=glob, stdin=_Stdin(b"")))
        for it in items:
            check_item(it)


class _Stdin:
    def __init__(self, data: bytes):
        import io

        self.buffer = io.BytesIO(data)


@SETTINGS
@given(st.one_of(jsonl_bytes(), dated_text_bytes(), any_bytes), st.sampled_from([None, "jsonl", "text", "csv", "html"]))
def test_stdin_any_bytes(data, fmt):
    items = list(iter_articles(["-"], fmt=fmt, stdin=_Stdin(data)))
    assert items
    for it in items:
        check_item(it)
