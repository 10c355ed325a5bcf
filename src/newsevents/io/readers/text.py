"""Dated text: line 1 ``date YYYY-MM-DD Title``, the body after it."""

from __future__ import annotations

import logging
import re

from newsevents.io.readers.dates import DateError, parse_date
from newsevents.records import Article, Rejection

# the logger of the readers package (its name shows in log lines)
log = logging.getLogger("newsevents.io.readers")

_EOL = re.compile(r"\r\n|\r|\n")
# the date token must start with a digit, so a body that begins "Date palms ..." is not a date line
_DATE_LINE = re.compile(r"[ \t]*date:?[ \t]+(\d\S*)(?:[ \t]+(.*?))?[ \t]*", re.I)


def read_dated_text(text: str, *, name: str, path: str | None, enc: dict) -> Article | Rejection:
    where = path or name
    # the first line ends at \r\n, \n or a lone \r (a file with old Mac line endings)
    eol = _EOL.search(text)
    first, rest = (text[:eol.start()], text[eol.end():]) if eol else (text, "")
    m = _DATE_LINE.fullmatch(first)
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
