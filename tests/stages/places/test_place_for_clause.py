"""place_for_clause: the place where a verb's clause happened, not a place that is an actor."""

from __future__ import annotations

from newsevents.stages.places import place_for_clause


def _verb(adoc, lemma):
    return next(t.i for t in adoc.doc if t.lemma_ == lemma)


def test_in_city(annotate):
    adoc = annotate("Hundreds of nurses marched in Nairobi to demand unpaid wages.")
    p = place_for_clause(adoc, _verb(adoc, "march"))
    assert p is not None and p.text == "Nairobi" and p.country == "KEN"


def test_near_city(annotate):
    adoc = annotate("Two soldiers were killed near Aleppo on Sunday.")
    p = place_for_clause(adoc, _verb(adoc, "kill"))
    assert p is not None and p.text == "Aleppo"


def test_subject_and_object_places_are_actors(annotate):
    adoc = annotate("Canada criticised Brazil over the logging rules.")
    assert place_for_clause(adoc, _verb(adoc, "criticise")) is None


def test_town_with_country_apposition(annotate):
    adoc = annotate("Rebels attacked a convoy in Kidal, Mali, on Monday.")
    p = place_for_clause(adoc, _verb(adoc, "attack"))
    assert p is not None and p.text == "Kidal" and p.country == "MLI"


def test_object_country_is_not_the_location(annotate):
    adoc = annotate("France accused Mali of stalling the talks.")
    assert place_for_clause(adoc, _verb(adoc, "accuse")) is None


def test_place_tokens_recorded(annotate):
    adoc = annotate("Police arrested three men at a market in Lahore.")
    texts = [adoc.doc[s:e].text for s, e, _ in adoc.extras["place_tokens"]]
    assert texts == ["Lahore"]
    p = place_for_clause(adoc, _verb(adoc, "arrest"))
    assert p is not None and p.text == "Lahore"
