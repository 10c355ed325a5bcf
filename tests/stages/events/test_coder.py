"""The event coder on invented sentences, through the real pipeline (real model, real actor stage)."""

from __future__ import annotations

import pytest

from .cases import CASES
from .matching import DATE
from .matching import describe as _describe
from .matching import hits as _hits


@pytest.mark.parametrize("text,source,target,want", CASES, ids=[c[0][:50] for c in CASES])
def test_sentence_yields_event(code, text, source, target, want):
    res = code(text, date=DATE)
    hits = _hits(res.events, source, target, want)  # target "": missing or any non-actor
    assert hits, f"wanted {want} {source}->{target or '-'}; got {_describe(res.events)}"
    for e in res.events:  # evidence always points into the original text
        assert res.article.text[e.evidence_start:e.evidence_end] == e.evidence_text
        assert e.source, "every event has a source actor"
