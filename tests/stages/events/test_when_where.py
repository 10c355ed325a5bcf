"""Events take their own date and place from the clause, not from the article."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "text,date,cameo_root,want_date,want_place,want_country",
    [
        ("Ethiopian troops clashed with rebels near Gondar on Monday.", "2018-03-08", "19", "2018-03-05", "Gondar", "ETH"),
        ("The Kenyan president met his Tanzanian counterpart in Arusha on Friday.", "2018-02-14", "04", "2018-02-09", "Arusha", "TZA"),
        ("Police arrested dozens of protesters in Yerevan last Saturday.", "2018-04-25", "17", "2018-04-21", "Yerevan", "ARM"),
        ("Peru will host talks with Chile in Lima on Thursday.", "2018-01-08", "04", "2018-01-11", "Lima", "PER"),
    ],
)
def test_event_date_and_place_from_clause(code, text, date, cameo_root, want_date, want_place, want_country):
    result = code(text, date=date)
    events = [e for e in result.events if e.root == cameo_root]
    assert events, [(e.cameo, e.rule) for e in result.events]
    ev = events[0]
    assert ev.date == want_date and ev.date_source == "time_expression"
    assert ev.place is not None and ev.place.text == want_place and ev.place.country == want_country
    assert result.article.text[ev.place.start:ev.place.end] == ev.place.text


def test_event_without_time_expression_takes_article_date_and_no_place(code):
    result = code("Hungary condemned Austria over the new border rules.", date="2018-06-01")
    (ev,) = [e for e in result.events if e.root == "11"]
    assert ev.date == "2018-06-01" and ev.date_source == "article"
    assert ev.place is None


def test_place_used_as_actor_is_not_the_event_location(code):
    result = code("Moscow condemned Kyiv on Tuesday.", date="2018-06-01")
    (ev,) = [e for e in result.events if e.root == "11"]
    assert ev.place is None
    assert ev.source[0].code == "RUSGOV"
