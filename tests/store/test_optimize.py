"""Store.optimize() rewrites events in the dyad layout and changes no answer; Store.events pages
give the rows of the straightforward join, sort and cut."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from newsevents.store import open_db
from newsevents.store import EventFilter
from newsevents.store.layout import events_layout
from newsevents.store.queries import ARTICLE_COLUMNS, EVENT_ORDER
from newsevents.store.schema import columns

from .records_factory import BODY, demo_result


def _results(n: int):
    """n articles of the demo kind, on different dates (so that events span several years)."""
    out = []
    for i in range(n):
        date = f"{2015 + i % 4}-{1 + i % 12:02d}-{1 + i % 27:02d}"
        out.append(demo_result(text=BODY + f" Note {i}.", id=f"demo-{i}", date=date))
    return out


@pytest.fixture
def filled(db_path):
    with open_db(db_path) as store:
        store.write_many(_results(12))
        # an event whose article is gone: the join leaves it out of every query
        store.con.execute("INSERT INTO events (event_id, article_id, event_index, source_country, source_code, "
                          "date_start, cameo) VALUES ('orphan0000000000', 'no-such-article', 0, 'RUS', 'RUS', "
                          "DATE '2016-01-01', '042')")
    return db_path


def _all(con, table="events"):
    cols = ", ".join(f'"{c}"' for c in columns(table))
    return sorted(con.execute(f"SELECT {cols} FROM {table}").fetchall(), key=repr)


def test_optimize_keeps_every_row_key_index_and_default(filled):
    con = duckdb.connect(str(filled))
    before = _all(con)
    indexes = sorted(r[0] for r in con.execute(
        "SELECT index_name FROM duckdb_indexes() WHERE table_name = 'events'").fetchall())
    defaults = sorted(con.execute("SELECT column_name, column_default FROM duckdb_columns() "
                                  "WHERE table_name = 'events'").fetchall(), key=repr)
    con.close()
    with open_db(filled) as store:
        stats = store.optimize()
        assert stats["events"] == len(before)
        assert _all(store.con) == before
        assert sorted(r[0] for r in store.con.execute(
            "SELECT index_name FROM duckdb_indexes() WHERE table_name = 'events'").fetchall()) == indexes
        assert sorted(store.con.execute("SELECT column_name, column_default FROM duckdb_columns() "
                                        "WHERE table_name = 'events'").fetchall(), key=repr) == defaults
        # the rows lie in the layout's order
        in_file = [r[0] for r in store.con.execute("SELECT event_id FROM events ORDER BY rowid").fetchall()]
        assert in_file == [r[0] for r in store.con.execute(
            f"SELECT event_id FROM events ORDER BY {events_layout(stats['recent_from'])}").fetchall()]
        # older events by year and dyad, the last eighth of the date range by date, undated last
        lo, hi = store.con.execute("SELECT min(date_start), max(date_start) FROM events").fetchone()
        assert stats["recent_from"] == hi - dt.timedelta(days=(hi - lo).days // 8)
        layout = store.con.execute("SELECT date_start, source_country FROM events ORDER BY rowid").fetchall()
        old = [r for r in layout if r[0] is not None and r[0] < stats["recent_from"]]
        recent = [r for r in layout if r[0] is not None and r[0] >= stats["recent_from"]]
        assert layout == old + recent + [r for r in layout if r[0] is None]
        assert [r[0] for r in recent] == sorted(r[0] for r in recent) and recent
        years = [r[0].year for r in old]
        assert years == sorted(years) and len(set(years)) > 1
        assert [r[1] for r in old if r[0].year == years[0]] == sorted(
            (r[1] for r in old if r[0].year == years[0]), key=lambda c: (c is None, c or ""))
        # the primary key still holds, and writing goes on as before
        with pytest.raises(Exception, match="(?i)duplicate|constraint"):
            store.con.execute("INSERT INTO events (event_id) SELECT event_id FROM events LIMIT 1")
        assert store.write_many(_results(12)) == 0
        assert store.write_many(_results(14)) == 2
        assert store.con.execute("SELECT count(*) FROM events").fetchone()[0] > len(before)


def test_optimize_changes_no_query_answer(filled, tmp_path):
    queries = [dict(), dict(dyad="RUS,IRN"), dict(dyad="RUS,"), dict(country="IRN", since="2016"),
               dict(type="04", limit=3, offset=2), dict(main=True, limit=5)]
    with open_db(filled) as store:
        before = [store.events(**q) for q in queries], store.summary(), store.event_counts()
        store.optimize()
        after = [store.events(**q) for q in queries], store.summary(), store.event_counts()
    assert after == before


@pytest.mark.parametrize("filters,limit,offset", [
    (dict(), 5, 0), (dict(), 5, 7), (dict(dyad="RUS,IRN"), 4, 1), (dict(country="RUS"), 100, 0),
    (dict(since="2016-01-01", until="2017-06"), 3, 3), (dict(type="04"), 0, 0), (dict(dyad="ZZZ,"), 10, 0),
])
def test_event_pages_are_the_straightforward_join_sort_and_cut(filled, filters, limit, offset):
    with open_db(filled) as store:
        got = store.events(**filters, limit=limit, offset=offset)
        where, params = EventFilter.from_options(**filters).where()
        cols = ", ".join(f'e."{c}"' for c in columns("events"))
        cols += ", " + ", ".join(f'a."{c}" AS "{alias}"' for c, alias in ARTICLE_COLUMNS)
        cur = store.con.execute(
            f"SELECT {cols} FROM events e JOIN articles a ON a.article_id = e.article_id{where} "
            f"ORDER BY {EVENT_ORDER} LIMIT ? OFFSET ?", params + [limit, offset])
        names = [d[0] for d in cur.description]
        want = [dict(zip(names, r)) for r in cur.fetchall()]
    assert got == want
    assert all(r["event_id"] != "orphan0000000000" for r in got)


def test_the_orphan_event_is_there_but_never_listed(filled):
    with open_db(filled) as store:
        assert store.con.execute("SELECT count(*) FROM events WHERE article_id = 'no-such-article'").fetchone()[0] == 1
        assert all(r["event_id"] != "orphan0000000000" for r in store.events(limit=None))
        assert "orphan0000000000" not in {r["event_id"] for r in store.events(dyad="RUS,", limit=1000)}


def test_optimize_on_a_read_only_store_is_refused(filled):
    from newsevents.errors import StoreError

    with open_db(filled, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.optimize()



def test_optimize_with_a_memory_limit_resets_it_afterwards(filled):
    default = duckdb.connect().execute("SELECT current_setting('memory_limit')").fetchone()[0]
    with open_db(filled) as store:
        rows = _all(store.con)
        assert store.optimize(memory_limit="200MB")["events"] == len(rows)
        assert store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == default != "190.7 MiB"
        assert _all(store.con) == rows
