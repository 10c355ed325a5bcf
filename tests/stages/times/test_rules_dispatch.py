"""The time stage matches its patterns through one alternation per first character
(times.dispatch.dispatch): at every position it must find exactly what the single alternation finds."""

from __future__ import annotations

import re

from newsevents.stages.times import rules
from newsevents.stages.times.dispatch import dispatch
from newsevents.stages.times.patterns import PATTERNS

TEXT = (
    "On Tuesday, March 7, 2017, at about 10:30 a.m. EST, the ministers met for two and a half hours. "
    "Last year's third quarter and the year-ago period were weak; in the 1980s and the '90s, output "
    "rose 5% a year. Talks resume next week, in mid-2018 or early next year, the spokesman said "
    "yesterday afternoon. It has been 20 years ago, now that the war is over, for a while. "
    "Nineteen ninety-six, 12/31/99, 2016-05-04, Fridays and Sunday nights each July; soon."
)


def test_dispatch_finds_what_the_alternation_finds():
    for patterns in (rules.PATTERNS + PATTERNS, PATTERNS):
        table = dispatch(patterns)
        every = re.compile("|".join(f"(?:{p})" for p in patterns))
        for pos in range(len(TEXT)):
            a = every.match(TEXT, pos)
            b = table[TEXT[pos]].match(TEXT, pos)
            assert (a and a.span()) == (b and b.span()), TEXT[pos:pos + 30]


def test_dispatch_keeps_patterns_it_cannot_read_everywhere():
    table = dispatch([r"(?i:last) week", r".ago"])
    assert table["l"].match("last week") and table["L"].match("Last week")
    assert table[""].match("xago")  # "." may start anywhere: it is in the fallback too
    assert table["l"].pattern.count("ago") == 1
    assert table["x"].match("xago")  # a character no pattern names: the fallback


def test_dispatch_compiles_an_alternation_only_when_a_character_needs_it():
    table = dispatch(rules.PATTERNS + PATTERNS)
    assert len(table) == 0
    table["1"]
    assert set(table) == {"1"}
