"""Shared fixture: the time stage on its own (with entities), and the article date most tests use,
2017-11-02, a Thursday in ISO week 2017-W44 (the last reported quarter is 2017-Q3)."""

from __future__ import annotations

import pytest

from newsevents import Pipeline

DATE = "2017-11-02"


@pytest.fixture(scope="session")
def run():
    """run(text, date=DATE) -> DocumentResult with entities and times only."""
    pipe = Pipeline(stages=("entities.v1", "times.v1"))

    def _run(text: str, date: str | None = DATE):
        return pipe.code(text, date=date)

    return _run
