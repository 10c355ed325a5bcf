"""time_for_clause: the time expression attached to a verb's clause, read off the parse."""

from __future__ import annotations

import pytest

from newsevents.stages.entities import EntityStage
from newsevents.nlp import AnnotatedDoc, load_model
from newsevents.records import Article
from newsevents.text.repair import repair
from newsevents.stages.times import TimeStage, time_for_clause


@pytest.fixture(scope="module")
def annotate():
    nlp = load_model()
    ents, times = EntityStage(), TimeStage()

    def _annotate(text: str, date: str = "2021-06-10"):  # a Thursday
        rep = repair(text)
        adoc = AnnotatedDoc(article=Article(id="t", text=text, date=date), repaired=rep, doc=nlp(rep.text))
        ents.process(adoc)
        times.process(adoc)
        return adoc

    return _annotate


def _verb(adoc, lemma):
    return next(t.i for t in adoc.doc if t.lemma_ == lemma)


def test_on_weekday_attaches_to_its_verb(annotate):
    adoc = annotate("The mayor of Tolvane resigned on Tuesday after the council vote.")
    tx = time_for_clause(adoc, _verb(adoc, "resign"))
    assert tx is not None and tx.value == "2021-06-08"


def test_bare_weekday_modifier(annotate):
    adoc = annotate("Farmers blocked the northern highway Monday, police said.")
    tx = time_for_clause(adoc, _verb(adoc, "block"))
    assert tx is not None and tx.text == "Monday" and tx.value == "2021-06-07"


def test_in_month(annotate):
    adoc = annotate("The two ministries signed the water agreement in March.")
    tx = time_for_clause(adoc, _verb(adoc, "sign"))
    assert tx is not None and tx.value == "2021-03"


def test_date_in_another_clause_is_not_taken(annotate):
    adoc = annotate("Villagers protested against the dam, which engineers finished in 2019.")
    assert time_for_clause(adoc, _verb(adoc, "protest")) is None
    tx = time_for_clause(adoc, _verb(adoc, "finish"))
    assert tx is not None and tx.value == "2019"


def test_token_spans_recorded(annotate):
    adoc = annotate("Talks resumed yesterday in the capital.")
    spans = adoc.extras["time_tokens"]
    assert len(spans) == 1
    start, end, tx = spans[0]
    assert adoc.doc[start:end].text == "yesterday" and tx.value == "2021-06-09"
    assert time_for_clause(adoc, _verb(adoc, "resume")) is tx


def test_anaphoric_year_takes_the_last_named_year(annotate):
    adoc = annotate("Engineers finished the Orvane dam in 2015. Floods hit the valley the following year, "
                    "and two villages were abandoned later that year.")
    vals = {t.text: t.value for t in adoc.times}
    assert vals["2015"] == "2015"
    assert vals["the following year"] == "2016"
    assert vals["later that year"] == "2016"
