"""Issue 5, time values: classes of expressions whose TIMEX3 value depends on a convention or on
the clause around them. Our own sentences; 2017-11-02 is a Thursday (ISO week 2017-W44)."""

from __future__ import annotations

import pytest


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
    # "since Monday" looks back whatever the tense
    ("Traders sort through the news that has come out since Monday.", "Monday", "2017-10-30"),
    # a relative clause in the present still tells a schedule
    ("Delegates are focused on the summit that ends Saturday.", "Saturday", "2017-11-04"),
])
def test_weekday_direction_from_tense(run, text, needle, value):
    assert _value(run(text), needle) == value


# --- durations: "more", halves, qualified days, vague spans ahead, disjunctions, "a couple of"
@pytest.mark.parametrize("text,needle,value", [
    ("Peacekeepers will stay for two more weeks, the ministry said.", "two more weeks", "P2W"),
    ("The navy may use the port for at least 15 more years under the deal.", "15 more years", "P15Y"),
    ("He served three and a half years in prison before the pardon.", "three and a half years", "P3Y6M"),
    ("The crew radioed the tower a minute and a half later.", "a minute and a half", "PT1M30S"),
    ("Talks lasted an hour and a half on Wednesday.", "an hour and a half", "PT1H30M"),
    ("The envoy then spent about 3 1/2 hours in the capital.", "3 1/2 hours", "PT3H30M"),
    ("Six trading days after the election, the currency had lost 9%.", "Six trading days", "P6D"),
    ("Diplomats expect more defections in the months ahead.", "the months ahead", "PXM"),
    ("The hostages were probably freed within days or weeks of their capture.", "days or weeks", "PXD"),
    ("The army plans to withdraw over the next couple of years.", "couple of years", "P2Y"),
])
def test_duration_shapes(run, text, needle, value):
    assert _value(run(text), needle) == value


# --- calendar shapes: spoken years, the week of a date, halves of a decade, two quarters of a year
@pytest.mark.parametrize("text,needle,value", [
    ("The ceasefire collapsed in March nineteen ninety-six, the anchor said.", "nineteen ninety-six", "1996-03"),
    ("Prices last touched that level in the winter of nineteen eighty-six.", "winter of nineteen", "1986-WI"),
    ("The trial could open the week of Jan. 8, lawyers said.", "the week of Jan. 8", "2018-W02"),
    ("Output grew steadily during the first half of the '70s.", "first half of the '70s", "197"),
    ("Weakness should last through the first two quarters of 2018.", "first two quarters of 2018", "2018-H1"),
    ("In Tokyo at mid-afternoon yesterday, the yen weakened.", "mid-afternoon yesterday", "2017-11-01TAF"),
])
def test_calendar_shapes(run, text, needle, value):
    assert _value(run(text), needle) == value


# --- sets: plural weekdays, "each July", plural seasons
@pytest.mark.parametrize("text,needle,value", [
    ("Ferries will leave the island on Fridays from April.", "Fridays", "XXXX-WXX-5"),
    ("The market opens on Sunday mornings only.", "Sunday mornings", "XXXX-WXX-7TMO"),
    ("Marchers parade through the town each August.", "each August", "XXXX-08"),
    ("Riots broke out during the past two summers in the port.", "the past two summers", "XXXX-SU"),
])
def test_sets(run, text, needle, value):
    assert _value(run(text), needle) == value


# --- references: "now that", vague dates, "soon", "will one day"
@pytest.mark.parametrize("text,needle,value", [
    ("The port is the regime's only lifeline now that the border is shut.", "now", "PRESENT_REF"),
    ("The loan will be refinanced at a later date, the treasurer said.", "a later date", "FUTURE_REF"),
    ("Prosecutors may soon bring charges against the mayor.", "soon", "FUTURE_REF"),
    ("The president said the two countries will one day share a currency.", "one day", "FUTURE_REF"),
])
def test_reference_words(run, text, needle, value):
    assert _value(run(text), needle) == value


def test_soon_in_a_past_clause_is_not_a_time(run):
    res = run("The injured minister was soon released from the hospital.")
    assert not any(t.text.lower() == "soon" for t in res.times)


def test_soon_in_as_soon_as_is_not_a_time(run):
    res = run("The envoy will leave as soon as the talks end.")
    assert not any(t.text.lower() == "soon" for t in res.times)


# --- "midnight Friday" is the end of Friday (T24:00), not the start of Saturday
def test_midnight_closes_its_day(run):
    res = run("The offer had been due to expire at midnight Friday.")
    assert _value(res, "midnight") == "2017-10-27T24:00"


# --- day numbers spelled as ordinals, years listed after a year, "-long" spans, "the 1988 quarter"
@pytest.mark.parametrize("text,needle,value", [
    ("The rally is this coming Saturday, November fourth, organisers said.", "November fourth", "2017-11-04"),
    ("The vote was held on the twenty-first of October.", "twenty-first of October", "2017-10-21"),
    ("Rebels struck the town in 1994, 1996 and 1999.", "1996", "1996"),
    ("Rebels struck the town in 1994, 1996 and 1999.", "1999", "1999"),
    ("The envoys emerged from a day-long meeting on Monday.", "day-long", "P1D"),
    ("The deal ends a decades-long feud between the clans.", "decades-long", "PXY"),
    ("Profit rose 12% from the 2016 quarter, the bank said in its earnings report.", "the 2016 quarter",
     "2016-Q3"),
])
def test_more_calendar_shapes(run, text, needle, value):
    assert _value(run(text), needle) == value


# --- names and nouns that hold a time word: no time expression
@pytest.mark.parametrize("text,word", [
    ("Thousands joined the March for Life in Washington on Friday.", "March"),
    ("The Communist Party daily Pravda attacked the plan.", "daily"),
    ("The foreign minister said on NBC's \"This Week\" that talks would resume.", "This Week"),
    ("The reform matters for today's youth, the minister said.", "today"),
])
def test_time_words_in_names_are_not_times(run, text, word):
    res = run(text)
    assert not any(t.text == word for t in res.times), [(t.text, t.value) for t in res.times]


# --- a deadline set "until" a weekday lies ahead; vague terms; "or so ago"
@pytest.mark.parametrize("text,needle,value", [
    ("The judge postponed the hearing until Tuesday, the clerk said.", "Tuesday", "2017-11-07"),
    ("Until Monday, the ministry had denied the report.", "Monday", "2017-10-30"),
    ("Margins will stay thin in the near term, the chief executive said.", "the near term", "FUTURE_REF"),
    ("Villagers will live without power for a while.", "a while", "PXX"),
    ("A month or so ago, the rebels seized the airport.", "a month or so ago", "2017-10"),
])
def test_deadlines_and_vague_spans(run, text, needle, value):
    assert _value(run(text), needle) == value


# --- "the quarter" refers back to the quarter the story named
def test_the_quarter_takes_the_named_quarter(run):
    res = run("The retailer reported a loss for its fiscal first quarter ended Sept. 30. "
              "Sales fell 8% in the quarter, and margins narrowed during the quarter.")
    assert [t.value for t in res.times if t.text.lower() == "the quarter"] == ["2017-Q1", "2017-Q1"]


def test_the_quarter_without_a_named_quarter_is_the_last_reported_one(run):
    res = run("Sales fell 8% in the quarter, the retailer said in its earnings statement.")
    assert _value(res, "the quarter") == "2017-Q3"


def test_years_coordinated_with_both_are_two_years(run):
    res = run("The merger would dilute earnings by about 9% in both 2018 and 2019.")
    assert [(t.text, t.value) for t in res.times if t.value and t.value[:2] == "20"] == [
        ("2018", "2018"), ("2019", "2019")]


@pytest.mark.parametrize("text,word", [
    ("Agencies are revising the outlook on the long term ratings of the bank.", "the long term"),
    ("It is still too soon to judge the reform, the minister said.", "soon"),
])
def test_adjectival_terms_and_too_soon_are_not_times(run, text, word):
    res = run(text)
    assert not any(t.text.lower() == word for t in res.times), [(t.text, t.value) for t in res.times]


def test_the_day_in_apposition_to_a_date_is_that_date(run):
    res = run("Shares have lagged since Oct. 12, the day before the crash, analysts said.")
    assert _value(res, "the day") == "2017-10-12"


def test_clock_time_takes_the_day_after_a_gloss(run):
    res = run("The blast occurred at about 10:35 a.m. (0735 GMT) Tuesday, toppling a building.")
    assert _value(res, "10:35") == "2017-10-31T10:35"
