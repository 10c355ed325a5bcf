"""Whole classes of expressions that used to carry no value, or were not times at all.
Our own sentences; article date 2017-11-02 (a Thursday, fourth quarter)."""

from __future__ import annotations

import pytest

from newsevents import Pipeline
from newsevents.stages.times import TimeResolver
from newsevents.stages.times.stage import _no_time_word

import datetime as dt

REF = dt.date(2017, 11, 2)


@pytest.fixture(scope="module")
def run():
    pipe = Pipeline(stages=("entities.v1", "times.v1"))
    return lambda text: pipe.code(text, date=REF.isoformat())


@pytest.mark.parametrize("raw,value", [
    ("year-end", "2017"), ("by year end", "2017"), ("year's end", "2017"), ("since year-end", "2016"),
])
def test_year_end_is_the_year(raw, value):
    assert TimeResolver(REF).resolve(raw)[0] == value


def test_midday_is_noon_of_the_article_date():
    assert TimeResolver(REF).resolve("midday") == ("2017-11-02T12:00", "TIME")


@pytest.mark.parametrize("raw", ["the fifth day", "the third straight day", "later in the day"])
def test_nth_day_is_the_article_date(raw):
    assert TimeResolver(REF).resolve(raw) == ("2017-11-02", "DATE")


def test_names_without_a_time_word_are_not_times():
    assert _no_time_word("Olympic") and _no_time_word("as little as 40 cents")
    assert not _no_time_word("both 1995") and not _no_time_word("the week")


def test_year_earlier_over_nine_months_is_the_year(run):
    res = run("Acme Corp. said net income for the first nine months rose to $40 million from "
              "$31 million a year earlier.")
    vals = {t.text.lower(): t.value for t in res.times}
    assert vals.get("a year earlier") == "2016"
