"""Input formats and bytes: which reader a file needs, and decoding its bytes to text."""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

# the logger of the readers package (its name shows in log lines)
log = logging.getLogger("newsevents.io.readers")

FORMATS = ("text", "jsonl", "csv", "html")

_EXT = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv", ".tab": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}


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
    return sniff_format(head)


def sniff_format(head: bytes | str) -> str:
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="ignore")
    s = head.lstrip("\ufeff \t\r\n")
    if s.startswith("{"):
        return "jsonl"
    low = s[:200].lower()
    if low.startswith("<!doctype html") or low.startswith("<html") or "<html" in low[:100]:
        return "html"
    return "text"


def normalize_format(fmt: str | None) -> str | None:
    if fmt is None:
        return None
    f = fmt.lower().strip().lstrip(".")
    f = {"txt": "text", "ndjson": "jsonl", "json": "jsonl", "tsv": "csv", "htm": "html"}.get(f, f)
    return f


# bytes -> str


class BinaryData(Exception):
    pass


_MAGIC = (
    (b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP/Office"), (b"\x1f\x8b", "gzip"), (b"\x89PNG", "PNG"),
    (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"\x7fELF", "executable"), (b"BZh", "bzip2"),
    (b"\xfd7zXZ", "xz"), (b"PAR1", "Parquet"), (b"SQLite format", "SQLite"),
)
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13, 27}) + b"\x7f"


def check_binary(data: bytes, nul_is_binary: bool = True) -> None:
    """Raise :class:`BinaryData` when ``data`` is a known binary format, has a NUL byte in its
    first 8 KB (only when ``nul_is_binary``: line formats report a NUL per line) or is mostly
    control bytes."""
    head = data[:8192]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            raise BinaryData(f"binary file ({what})")
    if nul_is_binary and b"\x00" in head:
        raise BinaryData("binary file (NUL bytes)")
    if head:
        ctrl = sum(head.count(bytes([c])) for c in _CONTROL)
        if ctrl / len(head) > 0.1:
            raise BinaryData("binary file (mostly control bytes)")


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str, bool]:
    """Decode file bytes: (text, encoding, guessed). Raise BinaryData for binary data.

    ``declared`` is the charset the file declares (an HTML ``<meta charset>``): it is used only
    when the bytes are not UTF-8 and it decodes them plausibly (see :func:`plausible_decoding`);
    a declaration that lies is ignored (logged) and the encoding is guessed."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8", False
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, False
            except UnicodeDecodeError:
                break
    check_binary(data)
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            text = data.decode(declared)
            name = codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if plausible_decoding(text, name):
                return text, name, False
            log.warning("the declared charset %s does not fit the bytes; guessing the encoding", declared)
    try:
        return data.decode("cp1252"), "cp1252", True
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", True


_IMPLAUSIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")


def plausible_decoding(text: str, encoding: str) -> bool:
    """Does decoding a page with its declared charset give text a page can hold?

    The declaration was found as ASCII bytes (``<meta charset=...>``), so the page is in an
    ASCII-compatible encoding: a UTF-16/UTF-32 declaration is a lie (as the HTML standard says),
    and a right decoding gives the declaration back as text. Control characters (C0 other than
    whitespace, C1), private-use characters or replacement characters in more than 1 of 200
    characters mean the bytes are in another encoding."""
    if encoding.startswith(("utf-16", "utf-32", "utf_16", "utf_32")):
        return False
    if "charset" not in text[:8192].lower():
        return False
    odd = len(_IMPLAUSIBLE.findall(text))
    return odd * 200 <= len(text)
