"""Issue 5, time values: classes of expressions whose TIMEX3 value depends on a convention or on
the clause around them. Our own sentences; 2017-11-02 is a Thursday (ISO week 2017-W44)."""

from __future__ import annotations

import pytest

from newsevents import Pipeline

DATE = "2017-11-02"


@pytest.fixture(scope="module")
def run():
    pipe = Pipeline(stages=("entities.v1", "times.v1"))

    def _run(text: str, date: str | None = DATE):
        return pipe.code(text, date=date)

    return _run


def _value(result, needle: str) -> str | None:
    hits = [t for t in result.times if needle.lower() in t.text.lower()]
    assert hits, [(t.text, t.value) for t in result.times]
    return hits[0].value


# --- weekday direction from the clause's tense
@pytest.mark.parametrize("text,needle,value", [
    # a schedule told in the simple present points ahead
    ("The two foreign ministers meet again Monday in Geneva.", "Monday", "2017-11-06"),
    # past forms spelled like the present ("hit", "cut", "set") are not a schedule
    ("Oil prices hit a two-year high Tuesday as supplies shrank.", "Tuesday", "2017-10-31"),
    # a plan told in the past perfect is over: the day is behind the article date
    ("The tender offer had been due to expire Friday before it was extended.", "Friday", "2017-10-27"),
    # "could not be reached" is the past of "can", not a future
    ("The mayor could not be reached for comment Wednesday.", "Wednesday", "2017-11-01"),
])
def test_weekday_direction_from_tense(run, text, needle, value):
    assert _value(run(text), needle) == value
