"""Where the time stage looks for candidates of its own: small windows of text around anchor words
(months, units, "now", year and clock shapes), and in them the candidate patterns of
:mod:`~newsevents.stages.times.patterns` and :mod:`~newsevents.stages.times.rules`, tried where a
token starts."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from newsevents.nlp import TokenView
from newsevents.stages.times import rules
from newsevents.stages.times.dispatch import dispatch
from newsevents.stages.times.patterns import (
    DECADE_WORDS, MONTHS, PARTS_OF_DAY, PATTERNS, REF_WORDS, SEASONS, SET_WORDS, UNITS, WEEKDAYS,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# all patterns as one alternation per first character, tried only where a token starts; the rarer
# shapes of :mod:`~newsevents.stages.times.rules` first, so that they win over a shorter reading at
# the same start
_COMBINED_BY_FIRST = dispatch(rules.PATTERNS + PATTERNS)
_MAIN_BY_FIRST = dispatch(PATTERNS)  # for windows where rules.GUARD finds nothing

# words (lower case) a time expression may be found around, and the shapes of numbers that may
# anchor one (years, decades, dates, clock times)
_ANCHORS = frozenset(
    list(MONTHS) + [m + "." for m in MONTHS] + list(WEEKDAYS) + list(SEASONS) + list(PARTS_OF_DAY)
    + list(UNITS) + [u + "s" for u in UNITS] + list(DECADE_WORDS) + list(SET_WORDS)
    + [w for k in REF_WORDS for w in k.split() if w not in ("the", "in", "for", "one", "at", "to", "once")]
    + ["today", "tonight", "yesterday", "tomorrow", "noon", "midnight", "a.m.", "p.m.", "am", "pm",
       "weekend", "weekends", "period", "half", "christmas", "thanksgiving", "eve", "every", "each",
       "ago", "fiscal", "year-earlier", "year-ago", "future", "lately", "formerly", "someday", "easter"]
    + list(rules.ANCHORS)
)
_ANCHOR_SHAPE = re.compile(r"(?:1[0-9]|20)\d\d(?:s|'s)?|'\d0s|\d0s|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d\d-\d\d|"
                           r"\d{1,2}:\d\d|\d{1,2}(?:am|pm|a\.m\.|p\.m\.)")


_ANCHOR_IDS: frozenset[int] | None = None  # the anchors' string ids, built on first use


class DocArrays:
    """The token attributes the time stage reads, as plain lists (string ids, char offsets,
    lengths, punctuation and trailing-space flags) from the document's shared token view: cheaper
    than making spaCy Token objects. The lists are shared with other stages: read them only."""

    def __init__(self, tokens: TokenView):
        self.n = tokens.n
        self.lower, self.idx, self.length = tokens.values("LOWER"), tokens.values("IDX"), tokens.values("LENGTH")
        self.punct, self.space = tokens.values("IS_PUNCT"), tokens.values("SPACY")

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """(first token, end token) of ``doc.char_span(start, end, alignment_mode="expand")``,
        None where that returns None (the same arithmetic, without building the Span)."""
        first = self._token_by_char(start)
        if first < 0:
            return None
        last = self._token_by_char(end - 1)
        if last < 0:
            return None
        if start == self.idx[first] + self.length[first]:
            first += 1  # the trailing whitespace is no part of the token before it
        return first, last + 1

    def _token_by_char(self, char: int) -> int:
        """The token whose text or trailing whitespace holds char offset ``char``, or -1."""
        i = bisect_right(self.idx, char) - 1
        if i < 0 or char >= self.idx[i] + self.length[i] + self.space[i]:
            return -1
        return i


def windows(doc: "Doc", before: int = 5, after: int = 4, text: str | None = None,
             arrays: DocArrays | None = None) -> list[tuple[int, int, list[int]]]:
    """Char ranges around tokens that can anchor a time expression, merged when they overlap, each
    with the char offsets of its tokens where a pattern may start (not punctuation, not "'s").
    Works on the token arrays (string ids, offsets, lengths) rather than Token objects: this runs
    over every token of every article."""
    global _ANCHOR_IDS
    from spacy.strings import get_string_id

    if _ANCHOR_IDS is None:
        _ANCHOR_IDS = frozenset(get_string_id(w) for w in _ANCHORS)
    if text is None:
        text = doc.text  # rebuilt from the tokens: pass the text when you have it
    if arrays is None:
        arrays = DocArrays(TokenView(doc))
    n = arrays.n
    if n == 0:
        return []
    lower, idx, length, punct = arrays.lower, arrays.idx, arrays.length, arrays.punct
    anchor_ids = _ANCHOR_IDS
    anchors = {i for i, w in enumerate(lower) if w in anchor_ids}
    shape = _ANCHOR_SHAPE.fullmatch
    for i, start in enumerate(idx):  # year, decade, date and clock shapes
        c = text[start]
        if (c.isdigit() or (c == "'" and length[i] > 1 and text[start + 1].isdigit())) \
                and shape(text[start:start + length[i]].lower()):
            anchors.add(i)
    spans: list[list[int]] = []  # merged token ranges [first, last]
    for i in sorted(anchors):
        a, b = max(0, i - before), min(n - 1, i + after)
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    clitic = get_string_id("'s")
    out = []
    for a, b in spans:
        starts = [idx[k] for k in range(a, b + 1)
                  if lower[k] != clitic and not (punct[k] and text[idx[k]] != "'")]
        out.append((idx[a], idx[b] + length[b], starts))
    return out


def pattern_candidates(text: str, doc: "Doc", arrays: DocArrays) -> list[tuple[int, int]]:
    """(start, end) of the first match of the candidate patterns at each token start of each
    window (in text order, window by window)."""
    out = []
    guard = rules.GUARD.search
    for ws, we, starts in windows(doc, text=text, arrays=arrays):
        chunk = text[ws:we]
        table = _COMBINED_BY_FIRST if guard(chunk.lower()) else _MAIN_BY_FIRST
        for start in starts:
            pos = start - ws
            m = table[chunk[pos]].match(chunk, pos)
            if m is not None and m.end() > pos:
                out.append((ws + pos, ws + m.end()))
    return out
