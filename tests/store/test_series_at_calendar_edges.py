"""A time series whose last period is the calendar's last (9999-12-31) ends there, not in an error."""

from newsevents.store.explorer import _fill


def test_series_filled_up_to_the_last_day_of_the_calendar():
    rows = [{"period": "9999-12-29", "n": 1}, {"period": "9999-12-31", "n": 2}]
    got = _fill(rows, "day", lambda k: {"period": k, "n": 0})
    assert [r["period"] for r in got] == ["9999-12-29", "9999-12-30", "9999-12-31"]
    assert [r["n"] for r in got] == [1, 0, 2]


def test_monthly_and_yearly_series_at_the_calendar_end():
    months = _fill([{"period": "9999-10-01"}, {"period": "9999-12-01"}], "month", lambda k: {"period": k})
    assert [r["period"] for r in months] == ["9999-10-01", "9999-11-01", "9999-12-01"]
    years = _fill([{"period": "9998-01-01"}, {"period": "9999-01-01"}], "year", lambda k: {"period": k})
    assert [r["period"] for r in years] == ["9998-01-01", "9999-01-01"]
