"""PETRARCH-style view: only coded dyads, no negated or past events."""

from __future__ import annotations

from newsevents.io.petrarch_style import petrarch_style


def test_petrarch_style_keeps_only_coded_asserted_dyads(code):
    result = code(
        "Japan condemned North Korea on Monday. Protesters marched through the capital. "
        "Spain did not recognise Kosovo. Chile signed a trade pact with Peru in 2009.",
        date="2018-03-14",
    )
    view = petrarch_style(result)
    assert view.events, [(e.cameo, e.rule) for e in result.events]
    for ev in view.events:
        assert ev.source and ev.target and all(a.code for a in ev.source + ev.target)
        assert not ev.negated and ev.modality != "past"
    assert any(ev.source[0].code.startswith("JPN") and ev.target[0].code.startswith("PRK") for ev in view.events)
    assert len(view.events) < len(result.events)  # the march, the negated and the 2009 events go
    assert view.entities == result.entities  # everything else is untouched
