"""Headlines are coded too: their events carry evidence_in="title" and offsets into the title."""

from __future__ import annotations

from newsevents import Article, Pipeline


def test_headline_event_is_added_with_title_offsets(code):
    title = "Ghana and Togo sign border security pact"
    result = code("Officials said the document would be published next week.", date="2018-05-03", title=title)
    head = [e for e in result.events if e.evidence_in == "title"]
    assert head, [(e.cameo, e.rule, e.evidence_in) for e in result.events]
    for ev in head:
        assert title[ev.evidence_start:ev.evidence_end] == ev.evidence_text
        for actor in ev.source + ev.target:
            assert title[actor.start:actor.end] == actor.text
    assert {e.source[0].country for e in head if e.source} <= {"GHA", "TGO"}


def test_headline_event_already_in_the_text_is_not_repeated(code):
    title = "Hungary condemns Austria over border rules"
    result = code("Hungary condemned Austria on Monday over new border rules.", date="2018-06-05", title=title)
    condemn = [e for e in result.events if e.root == "11" and e.source and e.source[0].country == "HUN"]
    assert len(condemn) == 1 and condemn[0].evidence_in == "text"


def test_titles_can_be_switched_off():
    pipe = Pipeline(code_titles=False)
    (res,) = pipe.process_batch([Article(id="t", text="Nothing happened today.", date="2018-01-01",
                                         title="Ghana and Togo sign border security pact")])
    assert all(e.evidence_in == "text" for e in res.events)
