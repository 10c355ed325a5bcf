"""Time stage: our own sentences, real model. Article dates are chosen so that weekdays and
"last month" have one right answer (2017-11-02 is a Thursday)."""

from __future__ import annotations

import json

import pytest

from newsevents import Pipeline
from newsevents.stages.times import normalize, parse_number

DATE = "2017-11-02"  # Thursday, ISO week 44


def _find(result, needle: str):
    for t in result.times:
        if needle.lower() in t.text.lower():
            return t
    raise AssertionError(f"{needle!r} not found in {[(t.text, t.value) for t in result.times]}")


# sentence, the words to find, expected value, expected type
CASES = [
    ("The minister resigned yesterday after the vote.", "yesterday", "2017-11-01", "DATE"),
    ("The council will vote tomorrow on the budget.", "tomorrow", "2017-11-03", "DATE"),
    ("Rebels attacked the town today, officials said.", "today", "2017-11-02", "DATE"),
    ("Prices rose sharply last month across the region.", "last month", "2017-10", "DATE"),
    ("The talks are expected to resume next month.", "next month", "2017-12", "DATE"),
    ("Exports fell last year for the first time.", "last year", "2016", "DATE"),
    ("The company plans to open two plants next year.", "next year", "2018", "DATE"),
    ("Unemployment has risen this year in the north.", "this year", "2017", "DATE"),
    ("The envoy met the rebels last week in the capital.", "last week", "2017-W43", "DATE"),
    ("Protests have spread this week to three cities.", "this week", "2017-W44", "DATE"),
    ("The summit is planned for next week.", "next week", "2017-W45", "DATE"),
    ("The bridge collapsed two days ago after heavy rain.", "two days ago", "2017-10-31", "DATE"),
    ("The ceasefire was agreed three weeks ago.", "three weeks ago", "2017-W41", "DATE"),
    ("The party was founded five years ago by students.", "five years ago", "2012", "DATE"),
    ("The strike lasted three days and closed the port.", "three days", "P3D", "DURATION"),
    ("He served two years in prison before the pardon.", "two years", "P2Y", "DURATION"),
    ("Talks went on for five hours without a result.", "five hours", "PT5H", "DURATION"),
    ("Inflation has doubled over the past six months.", "six months", "P6M", "DURATION"),
    ("The siege has lasted several weeks now.", "several weeks", "PXW", "DURATION"),
    ("The new law takes effect on March 5, 2018.", "March 5, 2018", "2018-03-05", "DATE"),
    ("The treaty was signed on 5 March 2016 in the capital.", "5 March 2016", "2016-03-05", "DATE"),
    ("The vote took place on Nov. 1 amid tight security.", "Nov. 1", "2017-11-01", "DATE"),
    ("The army withdrew in October 2015 after the deal.", "October 2015", "2015-10", "DATE"),
    ("The election was held in 2014 under a new law.", "2014", "2014", "DATE"),
    ("The conflict began in the 1990s in the mountains.", "1990s", "199", "DATE"),
    ("Farmers expect rain this summer after the drought.", "this summer", "2017-SU", "DATE"),
    ("Output collapsed in the third quarter of 2016.", "third quarter", "2016-Q3", "DATE"),
    ("The mayor now faces an inquiry into the contracts.", "now", "PRESENT_REF", "DATE"),
    ("The rebels currently control the border crossing.", "currently", "PRESENT_REF", "DATE"),
    ("The group has recently expanded into the south.", "recently", "PAST_REF", "DATE"),
    ("In recent days the fighting has moved to the coast.", "recent days", "PAST_REF", "DATE"),
    ("The region could become a trade hub in the future.", "the future", "FUTURE_REF", "DATE"),
    ("Prices had fallen earlier this month, traders said.", "earlier this month", "2017-11", "DATE"),
    ("The ministry publishes the figures every week.", "every week", "P1W", "SET"),
    ("The police arrested him at 10 p.m. on the bridge.", "10 p.m.", "2017-11-02T22:00", "TIME"),
    ("The assembly met this morning behind closed doors.", "this morning", "2017-11-02TMO", "TIME"),
    ("The border was closed on Christmas Day last year.", "Christmas Day", "2016-12-25", "DATE"),
]


@pytest.mark.parametrize("text,needle,value,typ", CASES, ids=[c[1] for c in CASES])
def test_values(run, text, needle, value, typ):
    t = _find(run(text), needle)
    assert t.value == value
    assert t.type == typ


def test_weekday_past_tense_points_back(run):
    # 2017-11-02 is a Thursday: the Tuesday before is Oct 31
    t = _find(run("The president met the rebel leaders on Tuesday in the capital."), "Tuesday")
    assert t.value == "2017-10-31"


def test_weekday_future_tense_points_ahead(run):
    t = _find(run("The president will meet the rebel leaders on Tuesday in the capital."), "Tuesday")
    assert t.value == "2017-11-07"


def test_weekday_direction_changes_with_the_article_date(run):
    # the same sentence dated a week later points to the Tuesday of that week
    t = _find(run("The ministers met on Tuesday.", date="2017-11-09"), "Tuesday")
    assert t.value == "2017-11-07"


def test_last_weekday(run):
    t = _find(run("Demonstrators gathered last Friday outside parliament."), "Friday")
    assert t.value == "2017-10-27"


def test_bare_month_takes_the_nearest_year(run):
    # dated January: "in December" is the December just past
    t = _find(run("The government collapsed in December after a scandal.", date="2018-01-10"), "December")
    assert t.value == "2017-12"


def test_month_day_without_year_future_clause(run):
    t = _find(run("The offer will expire on Jan. 15, the company said.", date="2017-11-02"), "Jan. 15")
    assert t.value == "2018-01-15"


def test_offsets_point_into_original_text(run):
    text = "  The ministers met on Tuesday.\n\nThey will meet again next week and three days later."
    res = run(text)
    assert res.times
    for t in res.times:
        assert text[t.start:t.end] == t.text


def test_no_date_keeps_absolute_dates_and_leaves_relatives_vague(run):
    res = run("The treaty was signed on 5 March 2016 and the talks resumed yesterday.", date=None)
    assert _find(res, "5 March 2016").value == "2016-03-05"
    assert _find(res, "yesterday").value is None


def test_ages_and_percentages_are_not_times(run):
    res = run("A 6-year-old boy and his 40-year-old father were among 12% of passengers.")
    assert not any("old" in t.text or "%" in t.text for t in res.times)


def test_plain_numbers_are_not_years(run):
    res = run("The army sent 2000 troops and 1500 trucks to the border.")
    assert not any(t.value in ("2000", "1500") for t in res.times)


def test_no_time_words_no_times(run):
    assert run("The foreign minister criticised the embargo in a speech.").times == ()


@pytest.mark.parametrize("words,n", [("twenty four", 24), ("a couple of", 2), ("ten", 10),
                                     ("several", None), ("3", 3)])
def test_parse_number(words, n):
    assert parse_number(words) == n


@pytest.mark.parametrize("text,value", [
    ("the last decade", "200"), ("the 20th century", "19"), ("the nineties", "199"),
    ("last summer", "2017-SU"), ("last winter", "2016-WI"), ("the weekend", "2017-W43-WE"),
    ("the fourth quarter", "2017-Q4"), ("the first quarter", "2017-Q1"), ("1/15/2017", "2017-01-15"),
])
def test_normalize_helper(text, value):
    assert normalize(text, DATE)[0] == value


def test_dev_set_scores_when_present(eval_dir, tmp_path):
    """Runs the scorer on a slice of the dev set to catch regressions (skips without ../shared)."""
    import subprocess
    import sys

    inputs = [json.loads(line) for line in open(eval_dir / "time" / "inputs.jsonl")][:40]
    pipe = Pipeline(stages=("entities.v1", "times.v1"))
    from newsevents.records import Article

    arts = [Article(id=d["id"], text=d["text"], date=d.get("date")) for d in inputs]
    pred = tmp_path / "pred.jsonl"
    with open(pred, "w") as fh:
        for r in pipe.run(arts):
            fh.write(json.dumps({"id": r.id, "times": [
                {"start": t.start, "end": t.end, "text": t.text, "value": t.value, "type": t.type}
                for t in r.times]}) + "\n")
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    ids = {d["id"] for d in inputs}
    with open(gold_dir / "inputs.jsonl", "w") as fh:
        for d in inputs:
            fh.write(json.dumps(d) + "\n")
    with open(gold_dir / "gold.jsonl", "w") as fh:
        for line in open(eval_dir / "time" / "gold.jsonl"):
            if json.loads(line)["id"] in ids:
                fh.write(line)
    out = subprocess.run([sys.executable, str(eval_dir / "score.py"), "time", "--gold", str(gold_dir),
                          "--pred", str(pred), "--json"], capture_output=True, text=True, check=True)
    m = json.loads(out.stdout.strip().splitlines()[-1])
    assert m["relaxed_f1"] > 0.8
    assert m["value_accuracy"] > 0.65


@pytest.mark.parametrize("phrase", ["the following summer", "the previous winter", "that spring", "the current autumn"])
def test_relative_seasons_resolve_without_recursion(code, phrase):
    result = code(f"The two sides met {phrase} in Vienna.", date="2017-07-08")
    assert all(t.value is None or "-" in t.value or t.value.endswith("REF") for t in result.times)
