"""Main events and events told in passing (newsevents.stages.events.salience)."""

from dataclasses import replace

from newsevents.stages.events.salience import MAIN_RATIO, event_weight, rank_events
from newsevents.records import Event


def _ev(cameo="190", plover="ASSAULT", sent=0, conf=0.6, modality="asserted", negated=False, where="text"):
    return Event(source=(), target=(), cameo=cameo, root=cameo[:2], quad_class=4, goldstein=-10.0,
                 plover=plover, plover_mode=None, date=None, date_source="article", negated=negated,
                 modality=modality, confidence=conf, evidence_start=0, evidence_end=1, evidence_text="x",
                 trigger="x", rule="test", sentence_index=sent, evidence_in=where)


def test_weight_falls_with_position_and_softer_modality():
    assert event_weight(_ev(where="title")) > event_weight(_ev(sent=0)) > event_weight(_ev(sent=5))
    assert event_weight(_ev(modality="past")) < event_weight(_ev(modality="intended")) < event_weight(_ev())
    assert event_weight(_ev(negated=True)) < event_weight(_ev())


def test_lead_event_is_main_and_a_late_aside_is_background():
    lead = _ev("190", "ASSAULT", sent=0)
    aside = _ev("057", "SUPPORT", sent=7, conf=0.5)
    ranked = rank_events([lead, aside])
    assert ranked[0].main and ranked[0].salience == 1.0
    assert not ranked[1].main and ranked[1].salience < MAIN_RATIO


def test_a_kind_told_again_and_again_outweighs_one_early_mention():
    first = _ev("111", "ACCUSE", sent=0, conf=0.5)
    again = [_ev("141", "PROTEST", sent=k, conf=0.5) for k in (1, 2, 3, 4)]
    ranked = rank_events([first, *again])
    assert all(e.main for e in ranked[1:])
    assert ranked[1].salience == 1.0


def test_headline_decides_and_echoes_count():
    body = [_ev("141", "PROTEST", sent=0), _ev("173", "COERCE", sent=1)]
    echo = [replace(body[1], evidence_in="title", sentence_index=-1)]
    ranked = rank_events(body, also=echo)
    assert ranked[1].main and ranked[1].salience == 1.0
    assert len(ranked) == 2  # the echo itself is not returned


def test_order_and_count_are_kept():
    evs = [_ev(sent=k) for k in range(5)]
    assert [e.sentence_index for e in rank_events(evs)] == list(range(5))
    assert rank_events([]) == ()


def test_pipeline_splits_json_and_keeps_everything(code):
    res = code("Police arrested twelve protesters in Lima on Monday. The demonstrators had marched "
               "to the Congress building. In 2015 Peru signed a trade agreement with Chile.",
               date="2017-06-01", title="Police Arrest Protesters In Lima")
    assert any(e.main for e in res.events) and all(0 <= e.salience <= 1 for e in res.events)
    obj = res.to_prediction()
    assert len(obj["events"]) + len(obj["background_events"]) == len(res.events)
    assert any(e["cameo"].startswith("17") for e in obj["events"])
    everything = res.to_prediction(all_events=True)
    assert len(everything["events"]) == len(res.events) and everything["background_events"] == []


def test_an_event_inside_a_quotation_weighs_less():
    told = replace(_ev("190", "ASSAULT", sent=1), evidence_start=40, evidence_end=80)
    quoted = replace(_ev("036", "AGREE", sent=1), evidence_start=100, evidence_end=140)
    assert event_weight(quoted, quoted=True) < event_weight(quoted)
    plain = rank_events([told, quoted])
    assert plain[0].main and plain[1].main  # the same weight: both kinds are the story's
    ranked = rank_events([told, quoted], quotes=[(95, 160)])
    assert ranked[0].main and ranked[1].salience < plain[1].salience
    assert rank_events([told, quoted], quotes=[(0, 20)]) == plain  # a quotation elsewhere changes nothing


def test_pipeline_ranks_with_the_articles_quotations():
    from newsevents import Article, Pipeline

    art = Article(id="q", date="2017-06-01", text=(
        'Kenyan police arrested the opposition leader in Nairobi on Monday. "We will attack the police '
        'stations if he is not released," a party official said.'))
    (r,) = Pipeline(second_opinion=False).run([art])
    (q,) = r.quotes
    inside = [e for e in r.events if q.start <= e.evidence_start < q.end and e.plover == "ASSAULT"]
    assert inside and not any(e.main for e in inside)
