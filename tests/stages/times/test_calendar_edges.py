"""Articles dated at the calendar's edges (0001-01-01, 9999-12-31): an expression whose value would
fall off the calendar has no value, and the article is coded, never failed with an OverflowError."""

from __future__ import annotations

import pytest

from newsevents.stages.times import normalize

EDGES = ["0001-01-01", "9999-12-31"]
PAST = ["yesterday", "last week", "last month", "last year", "on Monday", "last Monday", "3 days ago",
        "a year ago", "last decade", "last quarter"]
FUTURE = ["tomorrow", "next week", "next month", "next year", "next Monday", "in 3 days", "next decade",
          "next quarter"]


@pytest.mark.parametrize("text", PAST)
def test_past_expressions_on_the_first_day_do_not_raise(text):
    value, typ = normalize(text, "0001-01-01", "past")
    assert value is None or (value[:1].isdigit() and int(value.split("-")[0]) >= 1)


@pytest.mark.parametrize("text", FUTURE)
def test_future_expressions_on_the_last_day_do_not_raise(text):
    normalize(text, "9999-12-31", "future")


def test_a_value_off_the_calendar_is_a_date_without_value():
    assert normalize("yesterday", "0001-01-01") == (None, "DATE")
    assert normalize("tomorrow", "9999-12-31") == (None, "DATE")
    assert normalize("yesterday", "9999-12-31") == ("9999-12-30", "DATE")


@pytest.mark.parametrize("date", EDGES)
def test_an_article_dated_at_an_edge_is_coded(run, date):
    text = ("Officials met yesterday and will meet again tomorrow. The day before, they spoke; "
            "the following day they signed. Last week and next year were named too.")
    res = run(text, date=date)
    assert {t.text for t in res.times} >= {"yesterday", "tomorrow"}
