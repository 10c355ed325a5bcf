"""What a stopped run leaves, read back: its run row closed as interrupted with the counts of what it
stored, and its articles' story signatures computed again from the stored records, equal to those
computed from the results."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.io.readers import iter_articles
from newsevents.records import DocumentResult, RunSummary
from newsevents.stories import signature, stored_signature
from newsevents.store import open_db

DEMO = Path(__file__).resolve().parents[2] / "demo" / "articles"


@pytest.fixture(scope="module")
def results(pipeline):
    files = [str(f) for f in sorted(DEMO.glob("*.txt"))[:6]]
    out = [r for r in pipeline.run(iter_articles(files)) if isinstance(r, DocumentResult)]
    assert len(out) == 6
    return out


def test_signatures_from_stored_records_equal_those_from_results(results, tmp_path):
    with open_db(tmp_path / "s.duckdb") as store:
        run_id = store.begin_run("stopped")
        store.write_many(results, run_id=run_id)
        rows = store.articles_without_story()
    assert [r["article_id"] for r in rows] == [r.article.content_hash for r in results]  # stored order
    for row, res in zip(rows, results):
        want = signature(res)
        got = stored_signature(row["input_id"], row["article_id"], row["text"], title=row["title"],
                               date=res.article.date, source=row["source"], entities=row["entities"],
                               geonameids=row["geonameids"], dyads=row["dyads"])
        assert (got.id, got.article_id, got.date, got.source) == (want.id, want.article_id, want.date, want.source)
        assert list(got.term_items()) == list(want.term_items())
        assert (got.minhash == want.minhash).all()


def test_unfinished_runs_are_closed_as_interrupted_with_what_they_stored(results, tmp_path):
    with open_db(tmp_path / "s.duckdb") as store:
        done = store.begin_run("finished")
        store.finish_run(done, RunSummary())
        stopped = store.begin_run("stopped")
        store.write_many(results[:4], run_id=stopped)
        assert store.close_interrupted_runs() == [stopped]
        assert store.close_interrupted_runs() == []
        rows = {r["run_id"]: r for r in store.fetch("SELECT * FROM runs", action="test")}
    assert rows[done]["status"] == "finished"
    st = rows[stopped]
    assert st["status"] == "interrupted" and st["finished_at"] is not None
    assert (st["coded"], st["read"], st["events"]) == (4, 4, sum(len(r.events) for r in results[:4]))
