"""bench/synth_store.py builds a real store (our migrations) whose rows hold together, and the
explorer reads it: a small N here, the benchmarks use millions."""

from __future__ import annotations

import datetime as dt
import importlib.util

import duckdb

from newsevents.store import SCHEMA_VERSION
from newsevents.store import EventFilter
from newsevents.store.explorer import Explorer

from .conftest import ROOT


def _synth():
    spec = importlib.util.spec_from_file_location("synth_store", ROOT / "bench" / "synth_store.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_store_is_consistent_and_explorable(tmp_path):
    db = tmp_path / "synth.duckdb"
    stats = _synth().build(2_003, db, per_article=4)
    assert stats["events"] == 2_003 and stats["articles"] == 501
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        bad = con.execute(
            "SELECT count(*) FROM events e JOIN articles a USING (article_id) "
            "WHERE substr(a.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) <> e.evidence_text "
            "OR substr(a.text, e.source_start + 1, e.source_end - e.source_start) <> e.source_name "
            "OR NOT starts_with(e.cameo, e.root) OR e.quad_class NOT BETWEEN 1 AND 4").fetchone()[0]
        assert bad == 0
        assert con.execute("SELECT count(*) FROM actors a JOIN articles r USING (article_id) "
                           "WHERE substr(r.text, a.start + 1, a.\"end\" - a.start) <> a.text").fetchone()[0] == 0
        # sorted by date, so date windows prune row groups
        dates = [r[0] for r in con.execute("SELECT date_start FROM events ORDER BY rowid").fetchall()]
        assert dates == sorted(dates)
        explorer = Explorer(con, str(db))
        page = explorer.events(EventFilter(), limit=10)
        assert page["total"] == 2_003 and len(page["events"]) == 10 and page["next_cursor"]
        assert 0 < explorer.count_events(EventFilter(main=True))[0] < 2_003
        art = explorer.article(page["events"][0]["article_id"])
        assert art["events"] and art["actors"]
    finally:
        con.close()


def test_synthetic_store_optimized_keeps_its_rows_in_the_dyad_layout(tmp_path):
    from newsevents.store.layout import events_layout

    synth = _synth()
    plain, optimized = tmp_path / "plain.duckdb", tmp_path / "optimized.duckdb"
    synth.build(3_001, plain, per_article=3)
    stats = synth.build(3_001, optimized, per_article=3, optimize=True)
    assert stats["events"] == 3_001 and stats["optimize_s"] > 0
    a = duckdb.connect(str(plain), read_only=True)
    b = duckdb.connect(str(optimized), read_only=True)
    try:
        assert sorted(a.execute("SELECT * FROM events").fetchall(), key=repr) == \
            sorted(b.execute("SELECT * FROM events").fetchall(), key=repr)
        lo, hi = b.execute("SELECT min(date_start), max(date_start) FROM events").fetchone()
        recent_from = hi - dt.timedelta(days=(hi - lo).days // 8)
        in_file = [r[0] for r in b.execute("SELECT event_id FROM events ORDER BY rowid").fetchall()]
        assert in_file == [r[0] for r in b.execute(
            f"SELECT event_id FROM events ORDER BY {events_layout(recent_from)}").fetchall()]
        assert in_file != [r[0] for r in a.execute("SELECT event_id FROM events ORDER BY rowid").fetchall()]
        ea, eb = Explorer(a, str(plain)), Explorer(b, str(optimized))
        for flt in (EventFilter(), EventFilter(dyad="USA,RUS"), EventFilter(dyad="RUS,", main=True)):
            if flt.dyad:
                assert ea.dyad_series(flt) == eb.dyad_series(flt)
            assert ea.events(flt, limit=20) == eb.events(flt, limit=20)
            assert ea.network(flt) == eb.network(flt)
    finally:
        a.close()
        b.close()


def test_synthetic_cameo_roots_follow_a_news_like_mix(tmp_path):
    synth = _synth()
    db = tmp_path / "mix.duckdb"
    synth.build(6_000, db, per_article=3)
    con = duckdb.connect(str(db), read_only=True)
    try:
        share = dict(con.execute("SELECT root, count(*) / 6000 FROM events GROUP BY 1").fetchall())
        quad = dict(con.execute("SELECT quad_class, count(*) / 6000 FROM events GROUP BY 1").fetchall())
        codes = con.execute("SELECT count(DISTINCT cameo) FROM events").fetchone()[0]
    finally:
        con.close()
    total = sum(synth.ROOT_SHARES.values())
    assert set(share) == set(synth.ROOT_SHARES)
    for root, pct in synth.ROOT_SHARES.items():
        assert abs(share[root] - pct / total) < 0.02 + pct / total * 0.25, root
    assert max(share, key=share.get) == "04" and max(quad, key=quad.get) == 1
    assert quad[4] > quad[2] and codes > 100
