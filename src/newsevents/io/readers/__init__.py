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
``encoding`` and ``encoding_guessed=True``. JSONL and CSV decide this per line (a CSV row: per its
lines), so one bad line does not turn its valid UTF-8 neighbours into mojibake. An HTML page's
``<meta charset>`` is used only when it fits the bytes (a UTF-16 declaration in an ASCII page, or
a decoding full of control characters, is ignored and the encoding guessed). A lone surrogate in
a JSON string (``"\\udfff"``) becomes U+FFFD. Lines end at ``\r\n``, ``\n`` or a lone ``\r``.

What becomes a Rejection (``skipped``: nothing to code; ``failed``: could not be read):

* empty file, whitespace-only file, file with no text after its date line -> skipped;
* binary file (a known binary format, NUL bytes or mostly control bytes in the first 8 KB) ->
  skipped; in JSONL and CSV a NUL byte fails only its own line or row;
* impossible date -> skipped; unreadable date -> skipped in dated text, coded without a date in
  JSONL/CSV (see "Dates" above); an HTML page's metadata date that is impossible or unreadable is
  ignored with a log line (the page text is still worth coding);
* JSONL: a line that is not valid JSON or not an object, or has no ``text`` -> failed (with the
  line number); an empty ``text`` -> skipped;
* CSV: no text column (the reason lists the columns) -> failed once for the file; an empty text
  cell (or a row of empty cells) -> skipped; a malformed row -> failed; a row whose quoted field is
  never closed (it would swallow the rows below it) -> failed, and the rows after its first line
  are read on their own; a header without rows -> skipped;
* a path that does not exist, a file that vanished between listing and reading, a file we may
  not read -> failed.

Very long articles are read as they are; the pipeline's ``max_chars`` decides whether to code them.
"""

from __future__ import annotations

from newsevents.io.readers.dates import DateError, parse_date
from newsevents.io.readers.detect import FORMATS, detect_format
from newsevents.io.readers.files import iter_articles, read_file

__all__ = ["iter_articles", "detect_format", "parse_date", "read_file", "FORMATS", "DateError"]
