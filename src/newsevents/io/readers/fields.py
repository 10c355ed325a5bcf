"""Records with named fields (JSONL objects, CSV rows): finding the fields, making the Article."""

from __future__ import annotations

import logging
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


def pick_field(keys: Sequence[str], field: str, explicit: str | None = None) -> str | None:
    """The key among ``keys`` that holds ``field`` (explicit name first, then common names)."""
    lower = {k.lower().strip(): k for k in keys if isinstance(k, str)}
    if explicit is not None:
        return lower.get(explicit.lower().strip())
    for cand in FIELD_NAMES[field]:
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


def article_from_record(obj: dict, *, where: str, default_id: str, path: str | None, enc: dict,
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
