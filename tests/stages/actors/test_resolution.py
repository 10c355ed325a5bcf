"""Actor resolution on invented sentences, through the real pipeline (spaCy model included)."""

from __future__ import annotations

import pytest

from .cases import C


def _find(result, mention):
    for a in result.actors:
        if a.text == mention:
            return a
    return None


@pytest.mark.parametrize("sentence,date,mention,expected", C, ids=[f"{i}-{c[2]}" for i, c in enumerate(C)])
def test_resolution(resolve, sentence, date, mention, expected):
    result = resolve(sentence, date)
    actor = _find(result, mention)
    got = [(a.text, a.code, a.how) for a in result.actors]
    assert actor is not None, f"no actor with text {mention!r}; got {got}"
    for field, want in expected.items():
        have = getattr(actor, field)
        if field == "how":
            assert have.startswith(want), (field, have, want, got)
        else:
            assert have == want, (field, have, want, got)
    assert result.article.text[actor.start:actor.end] == actor.text


def test_enough_cases():
    assert len(C) >= 200
