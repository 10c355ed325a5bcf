"""More invented sentences through the real pipeline: every root and the constructions of issue 4.

``cases_by_root.CASES_MORE`` are checked like ``cases.CASES`` (an event with this code and dyad);
``cases_by_root.FLAGGED`` also check negation, modality, the event's own date, one event per dyad for
conjoined actors, the other events of the sentence (reported speech, several events) and merging.
"""

from __future__ import annotations

import pytest

from .cases import CASES
from .cases_by_root import CASES_MORE, FLAGGED
from .matching import DATE
from .matching import describe as _describe
from .matching import hits as _hits

def test_new_sentences_are_new_and_every_root_is_covered():
    texts = [c[0] for c in CASES_MORE] + [c[0] for c in FLAGGED]
    assert len(texts) == len(set(texts)), "a sentence is listed twice"
    assert not set(texts) & {c[0] for c in CASES}, "a sentence repeats cases.py"
    per_root: dict[str, int] = {}
    for c in list(CASES_MORE) + list(FLAGGED):
        per_root[c[3][:2]] = per_root.get(c[3][:2], 0) + 1
    assert all(per_root.get(f"{r:02d}", 0) >= 8 for r in range(1, 21)), per_root


@pytest.mark.parametrize("text,source,target,want", CASES_MORE, ids=[c[0][:50] for c in CASES_MORE])
def test_sentence_yields_event(code, text, source, target, want):
    res = code(text, date=DATE)
    hits = _hits(res.events, source, target, want)
    assert hits, f"wanted {want} {source}->{target or '-'}; got {_describe(res.events)}"
    for e in res.events:
        assert res.article.text[e.evidence_start:e.evidence_end] == e.evidence_text


@pytest.mark.parametrize("text,source,target,want,flags", FLAGGED, ids=[c[0][:50] for c in FLAGGED])
def test_construction(code, text, source, target, want, flags):
    res = code(text, date=DATE)
    got = _describe(res.events)
    hits = _hits(res.events, source, target, want)
    assert hits, f"wanted {want} {source}->{target or '-'}; got {got}"
    if "negated" in flags:
        hits = [e for e in hits if e.negated == flags["negated"]]
        assert hits, f"wanted negated={flags['negated']}; got {got}"
    if "modality" in flags:
        hits = [e for e in hits if e.modality == flags["modality"]]
        assert hits, f"wanted modality {flags['modality']}; got {got}"
    if "date" in flags:
        hits = [e for e in hits if (e.date or "").startswith(flags["date"]) and e.date_source == "time_expression"]
        assert hits, f"wanted the event dated {flags['date']}; got {got}"
    for src, tgt in flags.get("dyads", ()):
        one = [e for e in _hits(res.events, src, tgt, want) if len(e.source) == 1 and len(e.target) == 1]
        assert one, f"wanted one {want} event {src}->{tgt}; got {got}"
    for src, tgt, code_, modality in flags.get("also", ()):
        more = _hits(res.events, src, tgt, code_)
        if modality is not None:
            more = [e for e in more if e.modality == modality]
        assert more, f"wanted also {code_} {src}->{tgt or '-'} ({modality or 'any'}); got {got}"
    if "count" in flags:
        n = len(_hits(res.events, source, target, want))
        assert n == flags["count"], f"wanted {flags['count']} event(s) {want} {source}->{target}; got {got}"
    for e in res.events:
        assert res.article.text[e.evidence_start:e.evidence_end] == e.evidence_text
