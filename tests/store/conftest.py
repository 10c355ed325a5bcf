"""Fixtures for the store tests: real DuckDB files under tmp_path, hand-built records."""

from __future__ import annotations

import pytest

from newsevents.store import open_db

from .records_factory import demo_result


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "store" / "events.duckdb"


@pytest.fixture
def store(db_path):
    with open_db(db_path) as s:
        yield s


@pytest.fixture
def demo():
    return demo_result()
