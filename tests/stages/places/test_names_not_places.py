"""Names an article itself uses for people or diseases are not places there; a locative word or a
", Region" after the name still makes it one. Our own invented sentences."""

from __future__ import annotations

import pytest

from newsevents import Pipeline


@pytest.fixture(scope="module")
def run():
    pipe = Pipeline(stages=("entities.v1", "places.v1"))
    return lambda text: pipe.code(text, date="2019-05-04")


def _texts(result):
    return [p.text for p in result.places]


def test_given_name_of_a_named_person_is_not_a_country(run):
    r = run("Virginia Hale, 14, won two medals at the regional meet on Saturday. "
            "\"I trained every morning,\" said Virginia.")
    assert "Virginia" not in _texts(r)


def test_family_name_of_a_named_person_is_not_a_town(run):
    r = run("Councillor Peter Lansing presented the budget on Tuesday. "
            "Lansing said the library would stay open.")
    assert "Lansing" not in _texts(r)


def test_person_name_after_in_is_still_a_place(run):
    r = run("Mayor Anna Lansing opened the new clinic. The clinic in Lansing will treat 300 patients.")
    assert "Lansing" in _texts(r)


def test_disease_named_after_a_town_is_not_a_place(run):
    r = run("Health workers confirmed a case of Marburg virus in the district hospital. "
            "Marburg spreads through contact with bodily fluids, officials said.")
    assert not any("Marburg" in t for t in _texts(r))


def test_town_without_disease_word_stays_a_place(run):
    r = run("The conference on vaccines was held in Marburg last week.")
    assert "Marburg" in _texts(r)
