"""Events whose source is not a known actor, and promised yields (invented sentences)."""

from __future__ import annotations

DATE = "2019-03-04"


def _evs(code, text, prefix=""):
    return [e for e in code(text, date=DATE).events if e.cameo.startswith(prefix)]


def test_agentless_arrest_has_implied_authorities(code):
    evs = _evs(code, "Three students were arrested in Nairobi.", "173")
    assert len(evs) == 1
    src = evs[0].source[0]
    assert src.sector == "COP" and src.how == "events:implied-agent" and "implied-agent" in evs[0].rule


def test_reduced_passive_arrest(code):
    evs = _evs(code, "The activists detained on Monday remain in prison.", "173")
    assert evs and evs[0].target and "activists" in evs[0].target[0].text


def test_event_noun_subject_gives_sourceless_event(code):
    evs = _evs(code, "A roadside bomb killed four soldiers near the town.", "18")
    assert len(evs) == 1 and evs[0].source == () and "event-subject" in evs[0].rule


def test_agent_hidden_in_the_means(code):
    evs = _evs(code, "Twelve villagers were killed in army shelling.", "18")
    assert evs and evs[0].source and evs[0].source[0].text == "army"
    assert "instrument-agent" in evs[0].rule


def test_unknown_subject_is_kept_as_unresolved_noun_phrase(code):
    evs = _evs(code, "Angry shopkeepers blocked the main road in the capital.", "14")
    assert evs and evs[0].source[0].kind == "unresolved" and "shopkeepers" in evs[0].source[0].text
    assert "np-source" in evs[0].rule
    known = _evs(code, "Protesters in Chile blocked the main road in the capital.", "14")
    assert known and evs[0].confidence < max(e.confidence for e in known)


def test_document_subject_is_not_an_actor(code):
    evs = _evs(code, "The report accused the ministry of negligence.")
    assert all(not (e.source and e.source[0].text.lower().endswith("report")) for e in evs)


def test_promised_withdrawal_is_the_yield_intended_and_a_concession(code):
    evs = _evs(code, "Serbia agreed to withdraw its troops from the border.", "08")
    assert evs and evs[0].cameo.startswith("087") and evs[0].modality == "intended"
    assert evs[0].plover == "CONCEDE" and ">yield" in evs[0].rule
    done = _evs(code, "Serbia withdrew its troops from the border.", "08")
    assert done and done[0].plover == "RETREAT" and done[0].modality == "asserted"


def test_announced_intention_to_yield(code):
    evs = _evs(code, "The rebels announced their intention to lay down their arms.", "08")
    assert evs and evs[0].cameo == "0873" and evs[0].plover == "CONCEDE"


def test_announced_plan_without_coded_act_is_no_event(code):
    assert _evs(code, "The ministry announced a plan to build new roads.") == []


def test_future_yield_is_a_concession(code):
    evs = _evs(code, "Norway will lift the curfew next week.", "081")
    assert evs and evs[0].modality == "intended" and evs[0].plover == "CONCEDE"


def test_ending_a_war_deescalates(code):
    evs = _evs(code, "Chad ended the war with the rebels.", "08")
    assert evs and evs[0].cameo == "087"


def test_would_under_a_speech_verb_is_intended(code):
    evs = _evs(code, "Kenya said it would send troops to Somalia.", "154")
    assert evs and evs[0].modality == "intended"
    evs = _evs(code, "Kenya could send troops to Somalia.", "154")
    assert evs and evs[0].modality == "hypothetical"


def test_optional_statement_lexicon():
    from newsevents.stages.events import STATEMENTS, load_lexicon

    assert "say" not in load_lexicon().verbs
    lex = load_lexicon([STATEMENTS])
    assert any(e.code == "010" for e in lex.verbs["say"])


def test_police_firing_rounds_is_repression(code):
    evs = _evs(code, "The police fired ten rounds of tear gas at the crowd.", "175")
    assert evs and evs[0].source[0].sector == "COP"


def test_arrest_noun_without_agent_has_implied_authorities(code):
    evs = _evs(code, "More than 200 arrests have been made since Friday.", "173")
    assert evs and evs[0].source[0].how == "events:implied-agent"
