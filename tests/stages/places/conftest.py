"""Shared fixture: a text repaired, parsed, and run through the entity and place stages."""

from __future__ import annotations

import pytest

from newsevents.stages.entities import EntityStage
from newsevents.stages.places import PlaceStage
from newsevents.nlp import AnnotatedDoc, load_model
from newsevents.records import Article
from newsevents.text.repair import repair


@pytest.fixture(scope="session")
def annotate():
    """annotate(text, date=...) -> AnnotatedDoc with entities and places (the place stage does not
    read the date; it is there for a complete article)."""
    nlp = load_model()
    ents, places = EntityStage(), PlaceStage()

    def _annotate(text: str, date: str = "2021-06-10"):
        rep = repair(text)
        adoc = AnnotatedDoc(article=Article(id="g", text=text, date=date), repaired=rep, doc=nlp(rep.text))
        ents.process(adoc)
        places.process(adoc)
        return adoc

    return _annotate
