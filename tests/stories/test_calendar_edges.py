"""Stories for articles dated at the calendar's edges: the stored-signature window clamps to
0001-01-01 .. 9999-12-31 instead of raising, so ``ingest`` finishes its run and assigns stories."""

from __future__ import annotations

import duckdb

from newsevents.coding import ingest
from newsevents.stories import StoryIndex, day_iso, text_signature
from newsevents.store import open_db


def test_day_iso_clamps_to_the_calendar():
    assert day_iso(-5) == "0001-01-01"
    assert day_iso(10**7) == "9999-12-31"
    assert day_iso(736635) == "2017-11-02"


def test_a_store_window_at_either_edge_does_not_raise(tmp_path):
    with open_db(tmp_path / "s.duckdb") as store:
        index = StoryIndex(store=store)
        index.add_signature(text_signature("late", "Chile thanked Japan for aid.", date="9999-12-31"))
        index.add_signature(text_signature("early", "Russia threatened Iran.", date="0001-01-01"))
        out = index.finish()
    assert set(out) == {"late", "early"}


def test_ingest_of_articles_dated_at_the_edges_finishes_its_run(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "late.txt").write_text("date 9999-12-31 Russia threatens Iran\n\nRussia threatened Iran on Monday, "
                                "officials in Moscow said.\n", encoding="utf-8")
    (d / "early.txt").write_text("date 0001-01-01 Chile thanks Japan\n\nChile thanked Japan for aid on Tuesday, "
                                 "a week after the storm.\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    summary = ingest([str(d)], db, workers=1)
    assert (summary.coded, summary.failed) == (2, 0) and summary.stories == 2
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM articles WHERE story_id IS NULL").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM runs WHERE finished_at IS NULL").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM story_signatures").fetchone()[0] == 2
