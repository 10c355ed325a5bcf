"""Records with named fields (JSONL objects, CSV rows): finding the fields, making the Article."""

from __future__ import annotations

import logging
import re
from typing import Any, Sequence

from newsevents.io.readers.dates import DateError, parse_date
from newsevents.records import Article, Rejection

# the logger of the readers package (its name shows in log lines)
log = logging.getLogger("newsevents.io.readers")

FIELD_NAMES = {
    "id": ("id", "doc_id", "docid", "article_id", "uid", "guid", "key"),
    "text": ("text", "body", "article", "content", "story", "full_text", "fulltext"),
    "title": ("title", "heading", "headline", "header", "subject"),
    "date": ("date", "published", "publish_date", "published_date", "pub_date", "pubdate",
             "published_at", "publication_date", "datetime", "timestamp"),
    "url": ("url", "link", "href", "uri"),
    "source": ("source", "outlet", "publisher", "agency", "site", "domain"),
}


class _Keys:
    """The keys of one record, looked up by name: an exact key first, then one that differs in
    case only, then one with stray spaces around it (``"text "``), so that ``"text"`` beats
    ``"Text"`` and ``"text "`` whatever their order."""

    __slots__ = ("exact", "lower", "loose")

    def __init__(self, keys: Sequence[str]):
        self.exact = {k for k in keys if isinstance(k, str)}
        self.lower: dict[str, str] = {}
        self.loose: dict[str, str] = {}
        for k in keys:
            if isinstance(k, str):
                self.lower.setdefault(k.lower(), k)
                self.loose.setdefault(k.lower().strip(), k)

    def get(self, name: str) -> str | None:
        if name in self.exact:
            return name
        low = name.lower()
        return self.lower.get(low) or self.loose.get(low.strip())


def pick_field(keys: Sequence[str], field: str, explicit: str | None = None) -> str | None:
    """The key among ``keys`` that holds ``field`` (explicit name first, then common names)."""
    return _pick(_Keys(keys), field, explicit)


def pick_fields(keys: Sequence[str], mapping: dict[str, str] | None = None) -> dict[str, str | None]:
    """:func:`pick_field` for every field (``mapping``: explicit names by field)."""
    mapping = {k.lower(): v for k, v in (mapping or {}).items()}
    k = _Keys(keys)
    return {f: _pick(k, f, mapping.get(f)) for f in FIELD_NAMES}


def _pick(keys: _Keys, field: str, explicit: str | None) -> str | None:
    if explicit is not None:
        return keys.get(explicit.strip()) or keys.get(explicit)
    for cand in FIELD_NAMES[field]:
        k = keys.get(cand)
        if k is not None:
            return k
    return None


def _scalar(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, (dict, list)):
        return None
    s = _valid(str(v)).strip()
    return s or None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid(s: str) -> str:
    """``s`` with each lone surrogate (a JSON ``"\\udfff"`` escape: no character, and no UTF-8
    encoding) replaced by U+FFFD, as a decoder does with bytes it cannot read."""
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


def article_from_record(obj: dict, *, where: str, default_id: str, path: str | None, enc: dict,
                        keys: dict[str, str | None]) -> Article | Rejection:
    rid = _scalar(obj.get(keys["id"])) if keys["id"] else None
    rid = rid or default_id
    tk = keys["text"]
    if tk is None or tk not in obj:
        return Rejection(rid, path, "failed", "ingest",
                         f"{where}: no text field (fields present: {_valid(', '.join(map(str, obj))) or 'none'})")
    text = obj[tk]
    if text is None or (isinstance(text, str) and not text.strip()):
        return Rejection(rid, path, "skipped", "ingest", f"{where}: empty text")
    if not isinstance(text, str):
        return Rejection(rid, path, "failed", "ingest",
                         f"{where}: field {tk!r} is a {type(text).__name__}, not a string")
    text = _valid(text)
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
