"""bench/synth_store.py builds a real store (our migrations) whose rows hold together, and the
explorer reads it: a small N here, the benchmarks use millions."""

from __future__ import annotations

import importlib.util

import duckdb

from newsevents.store import SCHEMA_VERSION
from newsevents.web.queries import EventFilter, Explorer

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
