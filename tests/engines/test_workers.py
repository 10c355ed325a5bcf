"""--workers N: local worker processes give exactly what one process gives, in input order."""

from __future__ import annotations

import json
import os
import signal

from click.testing import CliRunner

from newsevents import Pipeline
from newsevents.cli import cli
from newsevents.engines import LocalPool
from newsevents.io.readers import iter_articles
from newsevents.records import Article, DocumentResult, Rejection

from .conftest import ARTICLES, DEMO, rows, stored


def _code(*args):
    res = CliRunner().invoke(cli, ["code", str(DEMO), "--format", "jsonl", *args], catch_exceptions=False)
    assert res.exit_code == 0, res.stderr
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()], res.stderr


def test_code_with_two_workers_writes_the_same_lines_in_the_same_order():
    one, _ = _code("--batch-size", "4")
    two, err = _code("--batch-size", "4", "--workers", "2")  # 10 batches, 4 in flight
    assert len(one) == len(list(DEMO.glob("*.txt"))) > 30
    assert [o["id"] for o in two] == [o["id"] for o in one]
    diff = [(a["id"], k) for a, b in zip(one, two) for k in a if a[k] != b.get(k)]
    assert not diff, diff[:10]  # every field: events, codes, offsets, story ids
    assert sum(len(o["events"]) for o in one) > 0
    assert "coded 39" in err


def test_ingest_with_two_workers_stores_the_same_and_rerun_adds_nothing(tmp_path):
    db1, db2 = str(tmp_path / "one.duckdb"), str(tmp_path / "two.duckdb")
    r1 = CliRunner().invoke(cli, ["ingest", str(DEMO), "--db", db1], catch_exceptions=False)
    r2 = CliRunner().invoke(cli, ["ingest", str(DEMO), "--db", db2, "--workers", "2", "--batch-size", "8"],
                            catch_exceptions=False)
    assert r1.exit_code == r2.exit_code == 0, r2.output
    assert r1.output.splitlines()[0] == r2.output.splitlines()[0]  # articles read / coded / skipped / failed
    a, b = stored(db1), stored(db2)
    assert a["events"] and a == b  # same event ids, codes, actors, story ids
    again = CliRunner().invoke(cli, ["ingest", str(DEMO), "--db", db2, "--workers", "2"], catch_exceptions=False)
    assert again.exit_code == 0
    assert "coded 0" in again.output and "already stored 39" in again.output
    assert stored(db2) == b
    assert rows(db2, "SELECT count(*) FROM runs")[0][0] == 2


def test_bad_records_and_a_killed_worker_lose_nothing(corpus):
    """Skipped records pass through the workers in place; when a worker process is killed mid-run
    the pool is rebuilt and every article still comes back, in input order."""
    items = list(iter_articles([str(corpus)]))
    items += [Article(id=f"extra-{i}", text=text.split("\n", 2)[2], date="2019-03-10")
              for i, text in enumerate(ARTICLES.values())]
    items.insert(3, Article(id="too-long", text="Peru protested. " * 400, date="2019-03-10"))
    expected = list(Pipeline(batch_size=1, max_chars=2000).run(items))
    pool = LocalPool(Pipeline(batch_size=1, max_chars=2000), workers=1)
    try:
        pool.start()
        out = []
        for result in pool.run(items):
            if not out:  # first result back: kill a worker while others are coding
                os.kill(next(iter(pool.worker_rss)), signal.SIGKILL)
            out.append(result)
    finally:
        pool.close()
    assert pool.restarts >= 1
    assert len(out) == len(items)
    assert [getattr(r, "id", None) or r.record_id for r in out] == \
           [getattr(r, "id", None) or r.record_id for r in expected]
    assert out == expected  # the killed worker's batches were re-run, nothing lost or doubled
    kinds = [(r.status, r.reason.split(":")[0]) for r in out if isinstance(r, Rejection)]
    assert ("skipped", "empty text") in kinds or any("empty" in k[1] for k in kinds)
    assert any(k[0] == "skipped" and "too long" in k[1] for k in kinds)
    assert sum(isinstance(r, DocumentResult) for r in out) == 2 * len(ARTICLES) + 2  # with the 2 copies
    assert all(rss > 50e6 for rss in pool.worker_rss.values())  # workers report their own peak RSS
