"""Line formats (JSONL, CSV) byte by byte: split into lines and decode each line on its own.

One bad line must not spoil its neighbours: a line that is not valid UTF-8 is decoded by a guess
(cp1252, else latin-1) and says so, while the valid UTF-8 lines around it stay UTF-8; a line with a
NUL byte is reported on its own instead of the whole file being taken for binary data. Lines end
at ``\\r\\n``, ``\\n`` or a lone ``\\r``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from newsevents.io.readers.detect import BinaryData, check_binary

_EOL = re.compile(rb"\r\n|\r|\n")
_EOL_TEXT = re.compile(r"\r\n|\r|\n")

_UTF8 = {"encoding": "utf-8", "encoding_guessed": False}


@dataclass(frozen=True, slots=True)
class Line:
    """One line: its text (with its line break when ``keepends``), the encoding fields of the
    Article it belongs to, and ``problem`` (why it cannot be read) or ``None``."""

    text: str
    enc: dict
    problem: str | None = None


def _guess(raw: bytes) -> tuple[str, dict]:
    try:
        return raw.decode("cp1252"), {"encoding": "cp1252", "encoding_guessed": True}
    except UnicodeDecodeError:
        return raw.decode("latin-1"), {"encoding": "latin-1", "encoding_guessed": True}


def split_text_lines(text: str, keepends: bool = False) -> list[str]:
    """``text`` split at ``\\r\\n``, ``\\n`` and a lone ``\\r`` (not at the other characters
    ``str.splitlines`` breaks at); the last piece is kept even when empty."""
    if not keepends:
        return _EOL_TEXT.split(text)
    out, pos = [], 0
    for m in _EOL_TEXT.finditer(text):
        out.append(text[pos:m.end()])
        pos = m.end()
    out.append(text[pos:])
    return out


def decode_lines(data: bytes, keepends: bool = False) -> list[Line]:
    """The lines of a line-format file, each decoded on its own.

    A UTF-16/UTF-32 file (with its BOM) is decoded whole, as declared. Raise :class:`BinaryData`
    for a file that is binary as a whole (a known binary format, or mostly control bytes); a NUL
    byte only marks its own line (``Line.problem``)."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                break
            kw = {"encoding": enc, "encoding_guessed": False}
            return [Line(t, kw, _problem(t)) for t in split_text_lines(text, keepends)]
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    check_binary(data, nul_is_binary=False)
    try:  # the common case: the whole file is UTF-8
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        lines = split_text_lines(text, keepends)
        if "\x00" not in text:
            return [Line(t, _UTF8) for t in lines]
        return [Line(t, _UTF8, _problem(t)) for t in lines]
    out: list[Line] = []
    breaks = [m.span() for m in _EOL.finditer(data)]
    starts = [0] + [b for _, b in breaks]
    ends = [b if keepends else a for a, b in breaks] + [len(data)]
    for pos, end in zip(starts, ends):
        raw = data[pos:end]
        try:
            t, kw = raw.decode("utf-8"), _UTF8
        except UnicodeDecodeError:
            t, kw = _guess(raw)
        out.append(Line(t, kw, _problem(t)))
    return out


_BLANK = " \t\r\n\x0b\x0c"


def is_blank(text: str) -> bool:
    """A line with nothing but ASCII white space (a line of other invisible characters, such as
    U+00A0 or U+001C, is a record that cannot be read, not a blank line)."""
    return not text.strip(_BLANK)


def _problem(text: str) -> str | None:
    if "\x00" in text:
        return f"{text.count(chr(0))} NUL byte(s) in the line (binary data?)"
    return None


__all__ = ["Line", "BinaryData", "decode_lines", "is_blank", "split_text_lines"]
