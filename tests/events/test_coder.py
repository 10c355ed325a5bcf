"""The event coder on invented sentences, through the real pipeline (real model, real actor stage)."""

from __future__ import annotations

import pytest

from .cases import CASES

DATE = "2017-06-01"


def _matches(actor, want: str) -> bool:
    return want in (actor.code, actor.country) or (actor.code or "").startswith(want)


def _code_ok(ev, want: str) -> bool:
    return ev.root == want if len(want) == 2 else ev.cameo == want


def _describe(events) -> str:
    return "; ".join(
        f"{e.cameo} {[a.code or a.text for a in e.source]}->{[a.code or a.text for a in e.target]} ({e.rule})"
        for e in events
    ) or "no events"




@pytest.mark.parametrize("text,source,target,want", CASES, ids=[c[0][:50] for c in CASES])
def test_sentence_yields_event(code, text, source, target, want):
    res = code(text, date=DATE)
    hits = [e for e in res.events if _code_ok(e, want)]
    if source is not None:
        hits = [e for e in hits if any(_matches(a, source) for a in e.source)]
    if target == "":
        pass  # the target may be missing or any non-actor
    elif target is not None:
        hits = [e for e in hits if any(_matches(a, target) for a in e.target)]
    assert hits, f"wanted {want} {source}->{target or '-'}; got {_describe(res.events)}"
    for e in res.events:  # evidence always points into the original text
        assert res.article.text[e.evidence_start:e.evidence_end] == e.evidence_text
        assert e.source, "every event has a source actor"
