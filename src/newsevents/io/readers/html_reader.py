"""HTML pages: the main text, title, date and URL of a page."""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser

from newsevents.io.readers.dates import DateError, parse_date
from newsevents.records import Article, Rejection

# the logger of the readers package (its name shows in log lines)
log = logging.getLogger("newsevents.io.readers")

_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", re.I)


def html_charset(data: bytes) -> str | None:
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


def read_html(text: str, *, name: str, path: str | None, enc: dict) -> Article | Rejection:
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
