"""Event.fatalities: how many people a violent event killed, read from the clause tied to it.

Sentences are our own. Each names the violent event (its CAMEO root) and the count we expect on it.
"""

from __future__ import annotations

import pytest

DATE = "2019-04-02"

# (sentence, CAMEO code prefix of the violent event, source text fragment or None, fatalities)
CASES = [
    ("Troops opened fire on the marchers in Karbala, killing five people.", "19", "Troops", 5),
    ("Police fired on villagers near the dam, leaving 12 dead.", "19", "Police", 12),
    ("At least 30 people were killed in police firing in the district on Monday.", "19", "police", 30),
    ("Officials said 14 people have died in police firing since Friday.", "19", "police", 14),
    ("A car bombing that killed two soldiers shook the market in Quetta.", "1823", None, 2),
    ("The army shelled the border village on Tuesday; the death toll rose to 40.", "19", "army", 40),
    ("Police shot two robbers dead in the town of Meerut.", "19", "Police", 2),
    ("One person was killed when the police fired on a mob near the station.", "19", "police", 1),
    ("Gunmen killed three villagers in Kashmir on Sunday.", "1823", "Gunmen", 3),
    ("Rebels attacked an army post in the north, killing a soldier.", "1823", "Rebels", 1),
    ("Nine people were killed as soldiers fired at protesters in the capital.", "19", "soldiers", 9),
    ("The rioters torched a bus and stoned police; twenty-five people died in the clashes that followed.",
     None, None, None),  # no count is tied to the stoning: the deaths are in another clause's clashes
]


@pytest.mark.parametrize("text,code_prefix,source,dead", [c for c in CASES if c[1]],
                         ids=[c[0][:40] for c in CASES if c[1]])
def test_fatalities_on_violent_event(code, text, code_prefix, source, dead):
    res = code(text, date=DATE)
    hits = [e for e in res.events if e.cameo.startswith(code_prefix)]
    if source is not None:
        hits = [e for e in hits if any(source.lower() in a.text.lower() for a in e.source)]
    assert hits, [(e.cameo, [a.text for a in e.source], e.rule) for e in res.events]
    assert any(e.fatalities == dead for e in hits), [(e.cameo, e.fatalities, e.rule) for e in hits]


@pytest.mark.parametrize("text", [
    "Police fired tear gas at the demonstrators in Lahore.",
    "Soldiers beat the detainees, injuring several of them.",
    "Police arrested 40 people after the clashes.",
    "Troops fired on the crowd, and nearly 25 per cent of the wounded were children.",
])
def test_no_fatalities_without_a_death_clause(code, text):
    res = code(text, date=DATE)
    assert res.events, "the violent event itself should be coded"
    assert all(e.fatalities is None for e in res.events), [(e.cameo, e.fatalities, e.rule) for e in res.events]


def test_negated_violence_carries_no_count(code):
    res = code("Police did not fire on the crowd that killed two guards.", date=DATE)
    fire = [e for e in res.events if e.cameo.startswith("19") and e.negated]
    assert all(e.fatalities is None for e in fire)


def test_non_violent_events_carry_no_count(code):
    res = code("Police arrested the gunmen who killed three villagers.", date=DATE)
    arrests = [e for e in res.events if e.cameo.startswith("173")]
    assert arrests and all(e.fatalities is None for e in arrests)
    assert any(e.cameo == "1823" and e.fatalities == 3 for e in res.events)


def test_fatalities_reach_the_prediction_json(code):
    res = code("Police fired on the crowd in Surat, killing four people.", date=DATE)
    pred = res.to_prediction()
    assert any(e.get("fatalities") == 4 for e in pred["events"])


def test_number_words():
    from newsevents.stages.events.fatalities import number_value
    from newsevents.nlp import load_model

    nlp = load_model()
    doc = nlp("twenty-five people, 1,200 people, 12 per cent and eleven men")
    vals = {t.text: number_value(t) for t in doc if t.like_num}
    assert number_value(doc[0]) == 25  # the tokenizer may split "twenty-five"
    assert vals["1,200"] == 1200
    assert vals["12"] is None
    assert vals["eleven"] == 11
