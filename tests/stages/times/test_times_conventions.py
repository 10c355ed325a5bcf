"""TIMEX3 conventions for whole classes of expressions: our own sentences, fixed article dates.
2017-11-02 is a Thursday in the fourth quarter (the last reported quarter is 2017-Q3)."""

from __future__ import annotations

import pytest


def _values(result):
    return [(t.text, t.value) for t in result.times]


# --- ranges: each end is its own expression, the connective belongs to neither
@pytest.mark.parametrize("text,ends", [
    ("The plant was closed between 2003 and 2006 for repairs.", [("2003", "2003"), ("2006", "2006")]),
    ("The shares were bought from Aug. 3 to Sept. 21 at low prices.",
     [("Aug. 3", "2017-08-03"), ("Sept. 21", "2017-09-21")]),
    ("Voting is set for April 24 and 25, officials said.",
     [("April 24", "2018-04-24"), ("25", "2018-04-25")]),
])
def test_ranges_split_into_two_ends(run, text, ends):
    got = _values(run(text))
    for end in ends:
        assert end in got, got
    assert not any(" and " in t or " to " in t or "between" in t.lower() for t, _ in got), got


# --- "the year ended June 30": a one-year period, not the calendar year
def test_year_ended_is_a_duration(run):
    res = run("The miner earned $40 million in the year ended June 30, the company said.")
    t = [x for x in res.times if x.text.lower().endswith("year")][0]
    assert (t.value, t.type) == ("P1Y", "DURATION")


def test_plain_the_year_stays_a_date(run):
    res = run("Sales rose 4% for the year, the retailer said.")
    assert ("the year", "2017") in _values(res)


# --- quarters named through another year
@pytest.mark.parametrize("text,needle,value", [
    ("Profit fell from the year-ago third quarter, the bank said on its results.", "year-ago third quarter", "2016-Q3"),
    ("Net income rose 8% from last year's quarter, the brewer said in its earnings report.", "last year's quarter", "2016-Q3"),
    ("The insurer expects revenue to recover in next year's first quarter.", "next year's first quarter", "2018-Q1"),
    ("Sales were flat compared with the quarter a year ago, the company's earnings showed.", "the quarter a year ago", "2016-Q3"),
])
def test_quarter_of_another_year_is_one_expression(run, text, needle, value):
    res = run(text)
    hits = [(t.text, t.value) for t in res.times if needle.lower() in t.text.lower()]
    assert hits and hits[0][1] == value, _values(res)


# --- holidays whose date moves with the year
@pytest.mark.parametrize("text,date,needle,value", [
    ("Shoppers crowded the malls after Thanksgiving Day, retailers said.", "2017-12-04", "Thanksgiving", "2017-11-23"),
    ("The governor pardoned two prisoners last Thanksgiving.", "2017-11-02", "Thanksgiving", "2016-11-24"),
    ("Turnout on election day is expected to be high.", "2018-10-20", "election day", "2018-11-06"),
    ("Pilgrims will gather in the old city for Easter week.", "2019-04-10", "Easter week", "2019-W16"),
])
def test_movable_holidays(run, text, date, needle, value):
    res = run(text, date=date)
    hits = [t.value for t in res.times if needle.lower() in t.text.lower()]
    assert hits == [value], _values(res)


# --- look like time expressions, are not
@pytest.mark.parametrize("text,word", [
    ("Mr. Okafor, 61 years old, will lead the delegation.", "years"),
    ("The country imports about three-quarters of its grain.", "quarter"),
    ("The quarter-to-quarter comparison flattered the bank, analysts said.", "quarter"),
    ("A second group of observers arrived at the border.", "second"),
])
def test_not_time_expressions(run, text, word):
    res = run(text)
    assert not any(word in t.text.lower() for t in res.times), _values(res)


# --- a wire story names its own day by weekday: future tense on that weekday is the article date
def test_future_weekday_same_day_is_the_article_date(run):
    res = run("The minister will fly to the capital on Thursday for the talks.")  # dated Thursday
    assert [t.value for t in res.times if t.text.endswith("Thursday")] == ["2017-11-02"]


@pytest.mark.parametrize("text,needle,value", [
    ("The rebuilding of the dam took 2 1/2 years.", "2 1/2 years", "P2Y6M"),
    ("The board gave the mayor an additional year to finish the project.", "an additional year", "P1Y"),
])
def test_duration_shapes(run, text, needle, value):
    res = run(text)
    assert [t.value for t in res.times if needle in t.text] == [value], _values(res)
