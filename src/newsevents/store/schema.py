"""The DuckDB schema: one table per record, columns named after the record fields.

Tables are declared once here as ``(column, type)`` lists; the DDL, the columnar insert
statements and the tests all read these lists. The schema evolves only by appending to
:data:`MIGRATIONS`: entry ``i`` (a tuple of SQL statements) brings a store from version ``i`` to
version ``i + 1``. ``schema_version`` records every version applied and when.

Conventions:

* ``article_id`` is the article's content hash (:func:`newsevents.records.content_hash`), so the
  same text stored twice is one row; ``input_id`` is the id the input gave it.
* Child tables (``entities``, ``actors``, ``places``, ``times``, ``quotes``) carry ``article_id``
  and ``mention``, the record's position in its ``DocumentResult`` tuple.
* ``events`` holds one row per dyad: an event with two sources and one target is two rows with
  the same ``event_group``. ``source_index``/``target_index`` say which actor of the event each
  row is (NULL when that side has no actor). ``event_id`` is a hash of article id, event index and
  the dyad, so it is the same every time the article is stored.
* ``date`` keeps the event date as coded (``2017-11-02``, ``2017-11`` or ``2015``);
  ``date_start``/``date_end`` are the first and last day of that period, for range queries, and
  ``date_precision`` says which it is (``day``, ``month``, ``year``; NULL without a date).
* Timestamps (``added_at``, ``started_at``, ``finished_at``) are UTC.

Adding a column later: add it to :data:`TABLES` and append a migration
``ALTER TABLE t ADD COLUMN IF NOT EXISTS c TYPE``. Version 1 creates tables from the current
:data:`TABLES` with ``IF NOT EXISTS``, so a fresh store gets the column at once and the later
``ADD COLUMN IF NOT EXISTS`` is a no-op there. Code never relies on column order
(inserts and selects name their columns).
"""

from __future__ import annotations

SCHEMA_VERSION_TABLE = "schema_version"

_PLACE = [
    ("text", "VARCHAR"),
    ("name", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("country", "VARCHAR"),
    ("admin1", "VARCHAR"),
    ("geonameid", "BIGINT"),
    ("feature", "VARCHAR"),
]

_ACTOR = [
    ("code", "VARCHAR"),
    ("country", "VARCHAR"),
    ("sector", "VARCHAR"),
    ("name", "VARCHAR"),
    ("text", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("start", "INTEGER"),
    ("end", "INTEGER"),
]

TABLES: dict[str, list[tuple[str, str]]] = {
    "articles": [
        ("article_id", "VARCHAR"),
        ("input_id", "VARCHAR"),
        ("date", "DATE"),
        ("title", "VARCHAR"),
        ("url", "VARCHAR"),
        ("source", "VARCHAR"),
        ("path", "VARCHAR"),
        ("encoding", "VARCHAR"),
        ("encoding_guessed", "BOOLEAN"),
        ("text", "VARCHAR"),
        ("tone", "DOUBLE"),
        ("story_id", "VARCHAR"),
        ("dateline_start", "INTEGER"),
        ("dateline_end", "INTEGER"),
        *[("dateline_" + c, t) for c, t in _PLACE],
        ("repairs", "VARCHAR[]"),
        ("n_words", "INTEGER"),
        ("n_events", "INTEGER"),
        ("run_id", "VARCHAR"),
        ("added_at", "TIMESTAMP"),
    ],
    "events": [
        ("event_id", "VARCHAR"),
        ("event_group", "VARCHAR"),
        ("article_id", "VARCHAR"),
        ("event_index", "INTEGER"),
        ("source_index", "INTEGER"),
        ("target_index", "INTEGER"),
        ("date", "VARCHAR"),
        ("date_start", "DATE"),
        ("date_end", "DATE"),
        ("date_source", "VARCHAR"),
        ("date_precision", "VARCHAR"),
        *[("source_" + c, t) for c, t in _ACTOR],
        *[("target_" + c, t) for c, t in _ACTOR],
        ("cameo", "VARCHAR"),
        ("root", "VARCHAR"),
        ("quad_class", "TINYINT"),
        ("goldstein", "DOUBLE"),
        ("plover", "VARCHAR"),
        ("plover_mode", "VARCHAR"),
        ("negated", "BOOLEAN"),
        ("modality", "VARCHAR"),
        ("confidence", "DOUBLE"),
        ("evidence_start", "INTEGER"),
        ("evidence_end", "INTEGER"),
        ("evidence_text", "VARCHAR"),
        ("trigger", "VARCHAR"),
        ("rule", "VARCHAR"),
        ("sentence_index", "INTEGER"),
        *[("place_" + c, t) for c, t in _PLACE],
        ("tone", "DOUBLE"),
        ("fatalities", "INTEGER"),
        ("evidence_in", "VARCHAR"),
        ("salience", "DOUBLE"),
        ("main", "BOOLEAN"),
    ],
    "entities": [
        ("article_id", "VARCHAR"),
        ("mention", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("label", "VARCHAR"),
    ],
    "actors": [
        ("article_id", "VARCHAR"),
        ("mention", "INTEGER"),
        ("text", "VARCHAR"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("code", "VARCHAR"),
        ("country", "VARCHAR"),
        ("sector", "VARCHAR"),
        ("name", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("how", "VARCHAR"),
    ],
    "places": [
        ("article_id", "VARCHAR"),
        ("mention", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        *_PLACE,
        ("role", "VARCHAR"),
    ],
    "times": [
        ("article_id", "VARCHAR"),
        ("mention", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("value", "VARCHAR"),
        ("type", "VARCHAR"),
    ],
    "quotes": [
        ("article_id", "VARCHAR"),
        ("mention", "INTEGER"),
        ("start", "INTEGER"),
        ("end", "INTEGER"),
        ("text", "VARCHAR"),
        ("speaker_text", "VARCHAR"),
        ("speaker_start", "INTEGER"),
        ("speaker_end", "INTEGER"),
        ("speaker_name", "VARCHAR"),
        ("speaker_code", "VARCHAR"),
    ],
    "runs": [
        ("run_id", "VARCHAR"),
        ("command", "VARCHAR"),
        ("version", "VARCHAR"),
        ("started_at", "TIMESTAMP"),
        ("finished_at", "TIMESTAMP"),
        ("read", "INTEGER"),
        ("coded", "INTEGER"),
        ("skipped", "INTEGER"),
        ("failed", "INTEGER"),
        ("already_stored", "INTEGER"),
        ("events", "INTEGER"),
        ("words", "BIGINT"),
        ("seconds", "DOUBLE"),
        ("encodings_guessed", "VARCHAR"),  # JSON object: encoding -> articles
        ("status", "VARCHAR"),  # NULL while running; "finished", or "interrupted" (closed by a later run)
    ],
    "rejections": [
        ("run_id", "VARCHAR"),
        ("record_id", "VARCHAR"),
        ("path", "VARCHAR"),
        ("status", "VARCHAR"),
        ("stage", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("added_at", "TIMESTAMP"),
    ],
}

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "events": ("event_id",),
    "runs": ("run_id",),
}

# Point lookups and the filters the CLI offers. DuckDB prunes date ranges with its own min/max
# zone maps, so the date index mainly serves selective lookups; child tables are read per article.
INDEXES: list[tuple[str, str, tuple[str, ...]]] = [
    ("events_article", "events", ("article_id",)),
    ("events_date", "events", ("date_start",)),
    ("events_source_country", "events", ("source_country",)),
    ("events_target_country", "events", ("target_country",)),
    ("entities_article", "entities", ("article_id",)),
    ("actors_article", "actors", ("article_id",)),
    ("places_article", "places", ("article_id",)),
    ("times_article", "times", ("article_id",)),
    ("quotes_article", "quotes", ("article_id",)),
    ("rejections_run", "rejections", ("run_id",)),
]


def quote_ident(name: str) -> str:
    """Quote a column or table name from this module (never a user value)."""
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(table: str) -> str:
    cols = [f"{quote_ident(c)} {t}" for c, t in TABLES[table]]
    pk = PRIMARY_KEYS.get(table)
    if pk:
        cols.append("PRIMARY KEY (" + ", ".join(quote_ident(c) for c in pk) + ")")
    return f"CREATE TABLE IF NOT EXISTS {quote_ident(table)} (\n  " + ",\n  ".join(cols) + "\n)"


def create_index_sql(name: str, table: str, cols: tuple[str, ...]) -> str:
    return (f"CREATE INDEX IF NOT EXISTS {quote_ident(name)} ON {quote_ident(table)} ("
            + ", ".join(quote_ident(c) for c in cols) + ")")


def insert_sql(table: str) -> str:
    """A columnar insert: parameter ``$i`` is the list of values of column ``i`` (one per row)."""
    cols = TABLES[table]
    unnests = ", ".join(f"UNNEST(${i}::{t}[])" for i, (_, t) in enumerate(cols, start=1))
    names = ", ".join(quote_ident(c) for c, _ in cols)
    return f"INSERT INTO {quote_ident(table)} ({names}) SELECT * FROM (SELECT {unnests})"


def columns(table: str) -> list[str]:
    return [c for c, _ in TABLES[table]]


_V1: tuple[str, ...] = (
    *(create_table_sql(t) for t in TABLES),
    *(create_index_sql(*ix) for ix in INDEXES),
)

# Version 2: story signatures (compact per-article features for incremental story clustering,
# see newsevents.stories) and GDELT-like counts per (story, source, target, cameo).
# num_sources counts distinct outlets; an article without a known outlet counts as its own.
_V2: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS story_signatures (
  "article_id" VARCHAR PRIMARY KEY,
  "input_id" VARCHAR,
  "date" DATE,
  "source" VARCHAR,
  "story_id" VARCHAR,
  "duplicate_of" VARCHAR,
  "minhash" UBIGINT[],
  "terms" VARCHAR[],
  "weights" DOUBLE[]
)""",
    'CREATE INDEX IF NOT EXISTS "story_signatures_date" ON story_signatures ("date")',
    """CREATE OR REPLACE VIEW event_counts AS
SELECT coalesce(a.story_id, 'a-' || a.article_id) AS story_id,
       e.source_code, e.target_code, e.cameo,
       count(DISTINCT e.article_id) AS num_articles,
       count(DISTINCT coalesce(a.source, a.article_id)) AS num_sources,
       count(DISTINCT e.event_group) AS num_mentions,
       min(e.date_start) AS first_date,
       max(e.date_end) AS last_date
FROM events e JOIN articles a ON a.article_id = e.article_id
GROUP BY ALL""",
)

# Version 3: a fatality count on events ("killing five people").
_V3: tuple[str, ...] = ('ALTER TABLE events ADD COLUMN IF NOT EXISTS "fatalities" INTEGER',)

# Version 4: events coded from the headline say so (their offsets point into the title).
_V4: tuple[str, ...] = ("ALTER TABLE events ADD COLUMN IF NOT EXISTS \"evidence_in\" VARCHAR DEFAULT 'text'",)

# Version 5: which events are the article's news (main) and which are told in passing.
_V5: tuple[str, ...] = (
    'ALTER TABLE events ADD COLUMN IF NOT EXISTS "salience" DOUBLE DEFAULT 1.0',
    'ALTER TABLE events ADD COLUMN IF NOT EXISTS "main" BOOLEAN DEFAULT TRUE',
)

# Version 6: how a run ended ("finished"; "interrupted" when a later run found it left unfinished
# and finished its articles, see newsevents.coding.ingest).
_V6: tuple[str, ...] = (
    'ALTER TABLE runs ADD COLUMN IF NOT EXISTS "status" VARCHAR',
    """UPDATE runs SET status = 'finished' WHERE finished_at IS NOT NULL AND status IS NULL""",
)

# Version 7: how precise each event's date is ("day", "month" or "year"), read off the coded
# date as newsevents.records.date_precision does, for the rows stored before the column existed.
_V7: tuple[str, ...] = (
    'ALTER TABLE events ADD COLUMN IF NOT EXISTS "date_precision" VARCHAR',
    """UPDATE events SET date_precision = CASE
    WHEN regexp_full_match("date", '\\d{4}-\\d{2}-\\d{2}([T ].*)?') THEN 'day'
    WHEN regexp_full_match("date", '\\d{4}-\\d{2}([T ].*)?') THEN 'month'
    WHEN regexp_full_match("date", '\\d{4}([T ].*)?') THEN 'year' END
WHERE date_precision IS NULL AND "date" IS NOT NULL""",
)

# Ordered: MIGRATIONS[i] takes a store from version i to version i + 1. Only ever append.
MIGRATIONS: list[tuple[str, ...]] = [
    _V1,
    _V2,
    _V3,
    _V4,
    _V5,
    _V6,
    _V7,
]

SCHEMA_VERSION = len(MIGRATIONS)

QUAD_CLASS_NAMES = {
    1: "Verbal cooperation",
    2: "Material cooperation",
    3: "Verbal conflict",
    4: "Material conflict",
}
