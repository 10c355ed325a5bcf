"""Sources and targets by construction (``cases_roles.ROLES``): coordinated modifiers, targets in
complements, appositions, relative clauses, passives, nominal events, infinitive chains, quantity
subjects, recipients and targets the knowledge base does not know; each actor's text is its noun
phrase as written."""

from __future__ import annotations

import pytest

from .cases import CASES
from .cases_by_root import CASES_MORE, FLAGGED
from .cases_roles import ROLES
from .matching import DATE, describe, hits, matches


def _hits(events, source, target, want):
    """:func:`hits`; ``want`` None: any code."""
    if want:
        return hits(events, source, target, want)
    return [e for e in events if (source is None or any(matches(a, source) for a in e.source))
            and (target in (None, "") or any(matches(a, target) for a in e.target))]


def test_role_sentences_are_new():
    texts = [c[0] for c in ROLES]
    assert len(texts) == len(set(texts))
    assert not set(texts) & {c[0] for c in (*CASES, *CASES_MORE, *FLAGGED)}


@pytest.mark.parametrize("text,source,target,want,flags", ROLES, ids=[c[0][:50] for c in ROLES])
def test_roles(code, text, source, target, want, flags):
    res = code(text, date=DATE)
    got = describe(res.events) + " | " + "; ".join(
        f"{[a.text for a in e.source]}->{[a.text for a in e.target]}" for e in res.events)
    found = _hits(res.events, source, target, want)
    assert found, f"wanted {want} {source}->{target or '-'}; got {got}"
    for src, tgt in flags.get("dyads", ()):
        assert _hits(res.events, src, tgt, want), f"wanted {want} {src}->{tgt or '-'}; got {got}"
    if "source_text" in flags:
        assert any(a.text == flags["source_text"] for e in found for a in e.source), got
    if "target_text" in flags:
        if flags["target_text"] is None:
            assert not any(e.target for e in found), got
        else:
            assert any(a.text == flags["target_text"] for e in found for a in e.target), got
    if flags.get("target_unresolved"):
        assert any(a.kind == "unresolved" and not a.code for e in found for a in e.target), got
    if "not_source" in flags:
        same = [e for e in res.events if not want or e.cameo.startswith(want) or e.root == want]
        assert not any(matches(a, flags["not_source"]) for e in same for a in e.source), got
    for e in res.events:  # every actor's text is the text at its offsets
        for a in (*e.source, *e.target):
            assert res.article.text[a.start:a.end] == a.text
