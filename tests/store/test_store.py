"""The DuckDB store against real DuckDB files: schema, writes, idempotence, runs, queries, errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import textwrap

import duckdb
import pytest

from newsevents.errors import ConfigError, StoreError
from newsevents.records import Actor, Entity, Place, Quote, Rejection, RunSummary, TimeExpr
from newsevents.store import SCHEMA_VERSION, open_db, period
from newsevents.store import schema

from .records_factory import BODY, bulk_results, demo_result


def sql(path, query, params=()):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(query, list(params)).fetchall()
    finally:
        con.close()


# -- schema --------------------------------------------------------------------------------------

def test_open_creates_every_table_and_records_the_version(db_path):
    open_db(db_path).close()
    tables = {r[0] for r in sql(db_path, "select table_name from information_schema.tables")}
    assert set(schema.TABLES) | {"schema_version"} <= tables
    assert sql(db_path, "select max(version) from schema_version") == [(SCHEMA_VERSION,)]
    open_db(db_path).close()  # opening again applies nothing twice
    assert sql(db_path, "select count(*) from schema_version") == [(SCHEMA_VERSION,)]


@pytest.mark.parametrize("table,record", [("entities", Entity), ("actors", Actor), ("places", Place),
                                          ("times", TimeExpr), ("quotes", Quote)])
def test_child_tables_have_a_column_per_record_field(table, record):
    cols = schema.columns(table)
    assert cols[:2] == ["article_id", "mention"]
    assert set(cols[2:]) == {f.name for f in dataclasses.fields(record)}


def test_rejections_table_has_a_column_per_rejection_field():
    assert {f.name for f in dataclasses.fields(Rejection)} <= set(schema.columns("rejections"))


def test_runs_table_has_a_column_per_summary_count():
    counts = {f.name for f in dataclasses.fields(RunSummary)} - {"rejections"}
    assert counts <= set(schema.columns("runs"))


def test_read_only_refuses_an_unmigrated_store(db_path):
    open_db(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute("delete from schema_version")
    con.close()
    with pytest.raises(StoreError, match="migrate"):
        open_db(db_path, read_only=True)
    with open_db(db_path) as s:  # a writable open migrates it
        assert s.schema_version() == SCHEMA_VERSION
    with open_db(db_path, read_only=True) as s:
        assert s.summary()["articles"] == 0


def test_a_newer_schema_is_refused(db_path):
    open_db(db_path).close()
    con = duckdb.connect(str(db_path))
    con.execute("insert into schema_version values (?, now())", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(StoreError, match="newer"):
        open_db(db_path)


# -- writing -------------------------------------------------------------------------------------

def test_write_stores_the_article_and_every_record(store, db_path, demo):
    run = store.begin_run("test write")
    assert store.write(demo, run_id=run) is True
    store.close()
    aid = demo.article.content_hash
    (row,) = sql(db_path, "select article_id, input_id, date, title, url, repairs, run_id, dateline_name, "
                          "dateline_geonameid, tone, story_id, n_words, n_events, text from articles")
    assert row[:7] == (aid, "demo-1", dt.date(2017, 11, 2), demo.article.title, demo.article.url,
                       ["joined hyphenated line break"], run)
    assert row[7:13] == ("Moscow", 524901, -3.25, "story-1", demo.n_words, 3)
    assert row[13] == BODY
    counts = {t: sql(db_path, f"select count(*) from {t} where article_id = ?", [aid])[0][0]
              for t in ("entities", "actors", "places", "times", "quotes")}
    assert counts == {"entities": 3, "actors": 7, "places": 2, "times": 2, "quotes": 1}
    # offsets point into the stored original text
    for table in ("entities", "actors", "places", "times", "quotes"):
        bad = sql(db_path, f'select t.text from {table} t join articles a using (article_id) '
                           f'where substr(a.text, t."start" + 1, t."end" - t."start") <> t.text')
        assert bad == [], table
    bad = sql(db_path, "select e.evidence_text from events e join articles a using (article_id) "
                       "where substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) <> e.evidence_text")
    assert bad == []


def test_an_event_with_two_sources_is_two_rows_of_one_group(store, db_path, demo):
    store.write(demo, run_id=store.begin_run("t"))
    store.close()
    rows = sql(db_path, "select event_group, event_id, event_index, source_index, target_index, source_code, "
                        "target_code, place_name, place_geonameid from events order by event_index, source_index")
    assert len(rows) == 4
    assert len({r[1] for r in rows}) == 4  # event ids unique
    assert len({r[0] for r in rows}) == 3  # three coded events
    meet = [r for r in rows if r[2] == 1]
    assert [(r[3], r[4], r[5], r[6]) for r in meet] == [(0, 0, "RUSGOV", "IRNGOV"), (1, 0, "CHNGOV", "IRNGOV")]
    assert meet[0][0] == meet[1][0]
    assert meet[0][7:] == ("Geneva", 2660646)


def test_event_dates_keep_their_precision_and_get_a_period(store, db_path, demo):
    store.write(demo, run_id=store.begin_run("t"))
    store.close()
    rows = sql(db_path, "select distinct date, date_start, date_end from events order by date")
    assert rows == [("2015", dt.date(2015, 1, 1), dt.date(2015, 12, 31)),
                    ("2017-11-02", dt.date(2017, 11, 2), dt.date(2017, 11, 2))]


def test_an_event_without_a_target_is_stored_with_an_empty_side(store, db_path, demo):
    ev = dataclasses.replace(demo.events[0], target=())
    store.write(dataclasses.replace(demo, events=(ev,)), run_id=None)
    store.close()
    assert sql(db_path, "select source_code, target_code, target_index from events") == [("RUS", None, None)]


def test_writing_twice_adds_nothing_twice(db_path, demo):
    with open_db(db_path) as s:
        run = s.begin_run("first")
        assert s.write(demo, run_id=run) is True
        assert s.write(demo, run_id=run) is False  # still buffered: caught
    before = sql(db_path, "select (select count(*) from articles), (select count(*) from events), "
                          "(select count(*) from actors)")
    with open_db(db_path, write_batch=1) as s:
        run = s.begin_run("second")
        assert s.write(demo, run_id=run) is False
        # same text, other input id: same content hash, so the same article
        assert s.write(dataclasses.replace(demo, article=dataclasses.replace(demo.article, id="copy")),
                       run_id=run) is False
        assert s.write_many([demo, demo], run) == 0
    assert sql(db_path, "select (select count(*) from articles), (select count(*) from events), "
                        "(select count(*) from actors)") == before
    assert before[0][0] == 1


def test_event_ids_are_the_same_in_every_store(tmp_path, demo):
    ids = []
    for name in ("a.duckdb", "b.duckdb"):
        with open_db(tmp_path / name) as s:
            s.write(demo, run_id=s.begin_run("t"))
            ids.append([r["event_id"] for r in s.events(limit=None)])
    assert ids[0] == ids[1] and len(ids[0]) == 4


def test_write_many_counts_new_articles_and_stores_rejections(store, db_path):
    results = bulk_results(5, events_per_article=4)
    run = store.begin_run("batch")
    rej = Rejection("bad-1", "/in/bad.txt", "skipped", "ingest", "empty text")
    assert store.write_many([results[0], rej, *results, results[1]], run) == 5
    assert store.write_many(results[:2], run) == 0
    store.close()
    assert sql(db_path, "select count(*) from articles") == [(5,)]
    assert sql(db_path, "select count(distinct event_group) from events") == [(20,)]
    assert sql(db_path, "select run_id, record_id, reason from rejections") == [(run, "bad-1", "empty text")]


def test_buffered_writes_are_visible_to_queries_and_survive_close(db_path, demo):
    with open_db(db_path, write_batch=100) as s:
        s.write(demo, run_id=s.begin_run("t"))
        assert s.summary()["articles"] == 1  # a query writes the buffer first
        s.write(demo_result(id="x", text=BODY + " More."), run_id=None)
    assert sql(db_path, "select count(*) from articles") == [(2,)]


def test_an_error_inside_with_still_keeps_the_coded_articles(db_path, demo):
    with pytest.raises(RuntimeError):
        with open_db(db_path) as s:
            s.write(demo, run_id=s.begin_run("t"))
            raise RuntimeError("pipeline blew up")
    assert sql(db_path, "select count(*) from articles") == [(1,)]


def test_rejections_are_stored_per_run(store, db_path):
    r1 = store.begin_run("ingest a")
    store.write_rejection(Rejection("a1", "/a/1.txt", "skipped", "ingest", "empty text"), run_id=r1)
    store.write_rejection(Rejection(None, "/a/2.bin", "failed", "ingest", "binary file"), run_id=r1)
    r2 = store.begin_run("ingest b")
    store.write_rejection(Rejection("b1", None, "failed", "events", "ValueError: boom"), run_id=r2)
    store.finish_run(r2, RunSummary(read=3, coded=2, failed=1, events=7, words=900, seconds=1.5,
                                    encodings_guessed={"cp1252": 1}))
    store.close()
    rows = sql(db_path, "select run_id, count(*) from rejections group by run_id order by run_id")
    assert dict(rows) == {r1: 2, r2: 1}
    assert sql(db_path, "select status, stage, reason, path from rejections where run_id = ? order by record_id",
               [r1]) == [("skipped", "ingest", "empty text", "/a/1.txt"), ("failed", "ingest", "binary file", "/a/2.bin")]
    run = sql(db_path, 'select command, "read", coded, failed, events, words, seconds, encodings_guessed, '
                       'finished_at is not null from runs where run_id = ?', [r2])
    assert run == [("ingest b", 3, 2, 1, 7, 900, 1.5, '{"cp1252": 1}', True)]
    assert sql(db_path, "select finished_at from runs where run_id = ?", [r1]) == [(None,)]


def test_finishing_an_unknown_run_is_a_store_error(store):
    with pytest.raises(StoreError, match="no run"):
        store.finish_run("nope", RunSummary())


# -- queries -------------------------------------------------------------------------------------

@pytest.fixture
def two(store, demo):
    run = store.begin_run("t")
    store.write(demo, run_id=run)
    text2 = "Germany and France signed a defence pact in Paris on Monday."
    fra = Actor("France", text2.index("France"), text2.index("France") + 6, "FRA", "FRA", None, "France", "state")
    deu = Actor("Germany", 0, 7, "DEU", "DEU", None, "Germany", "state")
    from .records_factory import event
    ev = event(text2, "Germany and France signed a defence pact", [deu], [fra], cameo="057", quad=1,
               goldstein=8.0, plover="AGREE", date="2018-03-05")
    second = demo_result(text=BODY + " Extra.", id="demo-2", date="2018-03-05")
    store.write(dataclasses.replace(second, article=dataclasses.replace(second.article, text=text2),
                                    events=(ev,), entities=(), actors=(deu, fra), places=(), times=(),
                                    quotes=(), dateline=None), run_id=run)
    store.finish_run(run, RunSummary(read=2, coded=2, events=4))
    return store


def pairs(rows):
    return sorted((r["source_code"], r["cameo"], r["target_code"]) for r in rows)


def test_events_without_filters_come_oldest_first(two):
    rows = two.events()
    assert len(rows) == 5
    assert [r["date"] for r in rows][0] == "2015"
    assert rows[-1]["date"] == "2018-03-05"
    assert {"event_id", "evidence_text", "article_url", "article_title", "article_added_at"} <= set(rows[0])


def test_actor_filter_is_a_case_insensitive_substring_of_name_code_or_text(two):
    assert pairs(two.events(actor="chinese")) == [("CHNGOV", "040", "IRNGOV")]
    assert pairs(two.events(actor="igouno")) == [("IRN", "057", "IGOUNO")]
    assert pairs(two.events(actor="GERMAN")) == [("DEU", "057", "FRA")]
    assert two.events(actor="O'Brien%_") == []  # quotes and wildcards are plain text


def test_country_filter_matches_either_side(two):
    assert pairs(two.events(country="chn")) == [("CHNGOV", "040", "IRNGOV")]
    assert len(two.events(country="IRN")) == 4
    assert pairs(two.events(country="FRA")) == [("DEU", "057", "FRA")]


def test_dyad_filter_is_directed_and_takes_countries_or_code_prefixes(two):
    assert pairs(two.events(dyad="RUS,IRN")) == [("RUS", "111", "IRN"), ("RUSGOV", "040", "IRNGOV")]
    assert two.events(dyad="IRN,RUS") == []
    assert pairs(two.events(dyad="IRN,IGOUNO")) == [("IRN", "057", "IGOUNO")]
    assert pairs(two.events(dyad="CHNGOV->IRN")) == [("CHNGOV", "040", "IRNGOV")]
    assert pairs(two.events(dyad="DEU,")) == [("DEU", "057", "FRA")]
    assert len(two.events(dyad=",IRNGOV")) == 2
    with pytest.raises(ConfigError, match="SOURCE,TARGET"):
        two.events(dyad="RUS")


def test_type_filter_takes_a_cameo_prefix_or_a_plover_type(two):
    assert pairs(two.events(type="04")) == [("CHNGOV", "040", "IRNGOV"), ("RUSGOV", "040", "IRNGOV")]
    assert pairs(two.events(type="111")) == [("RUS", "111", "IRN")]
    assert len(two.events(type="05")) == 2
    assert len(two.events(type="consult")) == 2
    assert len(two.events(type="AGREE")) == 2
    assert two.events(type="1") != two.events(type="0")


def test_date_filters_bound_the_event_date_and_periods_overlap(two):
    assert len(two.events(since="2016-01-01")) == 4
    assert pairs(two.events(until="2015-06-30")) == [("IRN", "057", "IGOUNO")]  # dated only "2015"
    assert pairs(two.events(since="2015-06", until="2015")) == [("IRN", "057", "IGOUNO")]
    assert pairs(two.events(since="2018-03-05", until="2018-03-05")) == [("DEU", "057", "FRA")]
    assert len(two.events(since="2017-11-02", until="2017-11-02")) == 3
    with pytest.raises(ConfigError, match="ISO date"):
        two.events(since="last week")


def test_filters_combine_and_limit_offset_page(two):
    assert pairs(two.events(country="IRN", type="04", since="2017")) == [("CHNGOV", "040", "IRNGOV"),
                                                                         ("RUSGOV", "040", "IRNGOV")]
    everything = two.events(limit=None)
    assert [r["event_id"] for r in two.events(limit=2, offset=1)] == [r["event_id"] for r in everything[1:3]]
    assert two.events(limit=0) == []
    with pytest.raises(ConfigError):
        two.events(limit=-1)


def test_summary_counts(two):
    s = two.summary()
    assert s["articles"] == 2 and s["events"] == 5 and s["event_groups"] == 4
    assert sum(s["by_quad_class"].values()) == 5
    assert s["top_dyads"][0] == {"source": "RUS", "target": "IRN", "events": 2}
    assert {"source": "IRN", "target": "IGOUNO", "events": 1} in s["top_dyads"]  # no country: its code
    assert s["date_range"] == {"first": "2015-01-01", "last": "2018-03-05"}
    assert s["last_run"]["read"] == 2 and s["last_run"]["finished_at"]
    assert s["runs"] == 1 and s["rejections"] == 0


def test_summary_quad_classes_by_name(two):
    by = two.summary()["by_quad_class"]
    assert list(by) == ["Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict"]
    # 111 is quad 3 in the demo; 040 x2, 057 x2 are quad 1
    assert by == {"Verbal cooperation": 4, "Material cooperation": 0, "Verbal conflict": 1, "Material conflict": 0}


def test_article_by_hash_or_input_id(two, demo):
    art = two.article(demo.article.content_hash)
    assert art["input_id"] == "demo-1" and art["text"] == BODY
    assert [e["cameo"] for e in art["events"]] == ["111", "040", "040", "057"]
    assert [a["text"] for a in art["actors"]][:2] == ["Russia", "Iran"]
    assert art["quotes"][0]["speaker_name"] == "Sergei Lavrov"
    assert [p["role"] for p in art["places"]] == ["dateline", "mention"]
    assert two.article("demo-2")["title"] == demo.article.title
    assert two.article("no-such-article") is None


def test_period_parses_iso_dates_and_periods():
    assert period("2017-11-02") == (dt.date(2017, 11, 2), dt.date(2017, 11, 2))
    assert period("2016-02") == (dt.date(2016, 2, 1), dt.date(2016, 2, 29))
    assert period("2015") == (dt.date(2015, 1, 1), dt.date(2015, 12, 31))
    assert period("2017-11-02T10:00:00") == (dt.date(2017, 11, 2), dt.date(2017, 11, 2))
    for bad in (None, "", "PAST_REF", "P3D", "2017-13-01", "yesterday"):
        assert period(bad) is None


# -- errors --------------------------------------------------------------------------------------

def test_a_directory_is_a_store_error_not_a_duckdb_error(tmp_path):
    with pytest.raises(StoreError) as info:
        open_db(tmp_path)
    assert str(tmp_path) in str(info.value) and "directory" in str(info.value)
    assert isinstance(info.value.__cause__, duckdb.Error)
    with pytest.raises(StoreError):
        open_db(tmp_path, read_only=True)


def test_a_missing_store_opened_read_only_says_how_to_create_one(tmp_path):
    with pytest.raises(StoreError, match="newsevents ingest"):
        open_db(tmp_path / "none.duckdb", read_only=True)


def test_a_file_that_is_not_a_duckdb_file(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("just some text, not a database\n" * 50)
    with pytest.raises(StoreError, match=str(path.name)):
        open_db(path)


def test_a_store_locked_by_another_process(db_path):
    with open_db(db_path) as s:
        s.begin_run("holding the lock")
        code = textwrap.dedent(f"""
            from newsevents.errors import StoreError
            from newsevents.store import open_db
            try:
                open_db({str(db_path)!r})
            except StoreError as exc:
                print("STORE-ERROR", exc)
        """)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "STORE-ERROR" in out.stdout, out.stderr
    assert "another process" in out.stdout and str(db_path) in out.stdout


def test_read_only_store_refuses_writes(store, db_path, demo):
    store.close()
    with open_db(db_path, read_only=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.write(demo, run_id=None)
        with pytest.raises(StoreError, match="read-only"):
            ro.begin_run("x")


def test_a_closed_store_says_so(db_path):
    s = open_db(db_path)
    s.close()
    s.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        s.events()


def test_a_failing_statement_is_wrapped(store):
    with pytest.raises(StoreError) as info:
        store.fetch("select * from no_such_table", action="a test query")
    assert isinstance(info.value.__cause__, duckdb.Error)
