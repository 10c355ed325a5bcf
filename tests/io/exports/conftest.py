"""Fixtures for the export tests: a real DuckDB store holding hand-built articles, and the store
coded by the real pipeline from the whole demo corpus (``demo_db``, in ``tests/conftest.py``)."""

from __future__ import annotations

import pytest

from newsevents.store import open_db

from ...store.records_factory import demo_result


@pytest.fixture
def filled(tmp_path):
    """Path of a store with two articles (six events, eight dyad rows), closed again."""
    path = tmp_path / "filled.duckdb"
    with open_db(path) as s:
        run = s.begin_run("test")
        assert s.write(demo_result(), run_id=run)
        assert s.write(demo_result(id="demo-2", date="2018-03-05", title="Second", url=None), run_id=run)
    return path


@pytest.fixture
def store(filled):
    with open_db(filled, read_only=True) as s:
        yield s


@pytest.fixture
def demo_store(demo_db):
    with open_db(demo_db, read_only=True) as s:
        yield s
