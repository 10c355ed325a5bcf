import datetime as dt

from newsevents.stages.times import TimeResolver


def test_hour_with_part_of_day_is_a_clock_time():
    r = TimeResolver(dt.date(2003, 6, 11))
    assert r.resolve("4 in the morning")[0] == "2003-06-11T04:00"
    assert r.resolve("10 at night")[0] == "2003-06-11T22:00"
    assert r.resolve("3:30 in the afternoon")[0] == "2003-06-11T15:30"


def test_average_daily_amount_is_not_a_time():
    from newsevents import Pipeline
    pipe = Pipeline(stages=("entities.v1", "times.v1"))
    res = pipe.code("Brokers said the exchange's average daily volume fell to 40 million shares, "
                    "and the ferry now sails daily.", date="2003-06-11")
    texts = [t.text.lower() for t in res.times]
    assert texts.count("daily") == 1
