"""The whole CAMEO ontology in our own sentences (``ontology/NN.txt``), through the real pipeline.

Each sentence must yield an event with its code, its dyad and its PLOVER type; the suite as a whole
must pass at >= 95 % (the failures are printed). Every code of ``cameo.tsv`` has at least two
sentences (a two-digit root counts the sentences of its branch).
"""

from __future__ import annotations

import collections

from newsevents.stages.events import cameo_table

from .matching import DATE
from .matching import describe as _describe
from .matching import hits as _hits
from .ontology import load

PASS_RATE = 0.95
SENTENCES = load()


def test_every_code_has_two_sentences_and_the_fields_agree_with_the_table():
    table = cameo_table()
    texts = [s.text for s in SENTENCES]
    dup = [t for t, n in collections.Counter(texts).items() if n > 1]
    assert not dup, f"listed twice: {dup}"
    assert len(SENTENCES) >= 600, len(SENTENCES)
    per_code = collections.Counter(s.code for s in SENTENCES)
    per_root = collections.Counter(s.code[:2] for s in SENTENCES)
    thin = [c for c in table if (per_root[c] if len(c) == 2 else per_code[c]) < 2]
    assert not thin, f"codes with fewer than two sentences: {thin}"
    bad = [f"{s.where} {s.code}: {s.plover!r} != {table[s.code]['plover']!r}" if s.code in table
           else f"{s.where}: unknown code {s.code}" for s in SENTENCES
           if s.code not in table or s.plover != (table[s.code]["plover"] or "")]
    assert not bad, "\n".join(bad)
    wrong_file = [s.where for s in SENTENCES if not s.where.startswith(s.code[:2])]
    assert not wrong_file, wrong_file


def check(code, s) -> str | None:
    """None when the sentence yields its event; else what went wrong."""
    res = code(s.text, date=DATE)
    got = _hits(res.events, s.source, s.target, s.code)
    if not got:
        return f"wanted {s.code} {s.source or '*'}->{s.target or '-'}; got {_describe(res.events)}"
    if not any((e.plover or "") == s.plover for e in got):
        return f"wanted PLOVER {s.plover or '(none)'}; got {sorted({e.plover or '' for e in got})}"
    return None


def test_ontology_sentences_pass(code):
    failures = []
    for s in SENTENCES:
        why = check(code, s)
        if why:
            failures.append(f"{s.where} [{s.code}] {s.text}\n    {why}")
    rate = 1 - len(failures) / len(SENTENCES)
    print(f"\nontology sentences: {len(SENTENCES) - len(failures)}/{len(SENTENCES)} pass ({rate:.1%})")
    print("\n".join(failures))
    assert rate >= PASS_RATE, f"{rate:.1%} < {PASS_RATE:.0%}; failures:\n" + "\n".join(failures)
