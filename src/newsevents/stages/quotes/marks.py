"""Quotation marks: pairing the marks of a text into quoted spans.

Double quotation marks (straight and curly) are paired by :func:`find_quote_spans`; a mark is read
as opening or closing from the ORIGINAL character when that was a curly mark, otherwise from its
neighbours. A quote left open at the end of a paragraph continues when the next paragraph opens
with a quotation mark. Single-quoted phrases are found by :func:`single_quote_spans`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
QUOTE_MARKS = DOUBLE_MARKS + "'\u2018"  # double and single (opening) quotation marks
_OPENERS = "\u201c\u201e\u00ab"
_CLOSERS = "\u201d\u00bb"
_MARK_RE = re.compile('["\u201c\u201d\u201e\u00ab\u00bb]')
_SINGLE_RE = re.compile(r"(?:(?<=^)|(?<=[\s(\[{\u2014\u2013-]))['\u2018]([A-Za-z][^'\u2018\u2019\n]{1,80}?[\w.,!?])['\u2019](?![A-Za-z])")
_SINGLE_MARK_RE = re.compile("['\u2018]")
_TAG_RE = re.compile(r"<[A-Za-z/!][^<>\n]*>")
_OPEN_CONTEXT = set(" \t\n([{\u2014\u2013-/:;,")
_CLOSE_AFTER = set(" \t\n)]}.,;:!?\u2014\u2013-/")


@dataclass
class QuoteSpan:
    """A quoted region in clean-text offsets: ``start`` at the opening mark, ``end`` after the
    closing mark (or at the end of the paragraph for a quote that is never closed)."""

    start: int
    end: int
    fragments: list[tuple[int, int]] = field(default_factory=list)
    single: bool = False  # single quotation marks
    closed: bool = True


def _direction(text: str, i: int, orig_char: str | None) -> str:
    """'open', 'close' or '?' for the quotation mark at clean index ``i``."""
    ch = orig_char if orig_char and orig_char in DOUBLE_MARKS else text[i]
    if ch in _OPENERS:
        return "open"
    if ch in _CLOSERS:
        return "close"
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if (prev in _OPEN_CONTEXT or prev.isspace()) and not nxt.isspace():
        return "open"
    if not prev.isspace() and (nxt in _CLOSE_AFTER or nxt.isspace()):
        return "close"
    return "?"


def find_quote_spans(text: str, orig_char=None) -> list[QuoteSpan]:
    """Pair the double quotation marks of ``text`` into quoted spans (marks included).

    ``orig_char(i)`` may give the original character behind clean index ``i`` so that a curly mark
    turned straight by text repair still says which way it faces.
    """
    marks = [m.start() for m in _MARK_RE.finditer(text)]
    if not marks:
        return []
    if "<" in text:  # attribute values inside markup (<tweet author="...">) are not quotes
        tags = [(m.start(), m.end()) for m in _TAG_RE.finditer(text)]
        if tags:
            marks = [i for i in marks if not any(a < i < b for a, b in tags)]
    spans: list[QuoteSpan] = []
    open_at: int | None = None
    frag_start: int | None = None
    frags: list[tuple[int, int]] = []

    def para_end(i: int) -> int:
        j = text.find("\n", i)
        return len(text) if j < 0 else j

    def next_para_opens_with_mark(i: int) -> int | None:
        """Index of the opening mark that starts the paragraph after the one holding ``i``."""
        j = para_end(i)
        n = len(text)
        while j < n and text[j].isspace():
            j += 1
        if j < n and text[j] in DOUBLE_MARKS:
            return j
        return None

    k = 0
    while k < len(marks):
        i = marks[k]
        d = _direction(text, i, orig_char(i) if orig_char else None)
        if open_at is not None and text.find("\n", frag_start, i) >= 0:
            # the open quote ran to the end of its paragraph without closing
            pe = para_end(frag_start)
            cont = next_para_opens_with_mark(frag_start)
            frags.append((frag_start, pe))
            if cont is not None and cont == i:
                frag_start = i  # continues in the next paragraph: this mark re-opens it
                k += 1
                continue
            spans.append(QuoteSpan(open_at, pe, frags, closed=False))
            open_at, frags = None, []
        if open_at is None:
            if d == "close" and text[i] not in _CLOSERS and not (orig_char and orig_char(i) in _CLOSERS):
                d = "open"  # a straight mark that reads as closing, with nothing open: open anyway
            if d == "close":
                k += 1  # a stray closing mark
                continue
            open_at = frag_start = i
            frags = []
        else:
            if d == "open" and _direction(text, i, None) != "close":
                # an opening mark inside an open quote: the earlier one was never closed
                frags.append((frag_start, i))
                spans.append(QuoteSpan(open_at, i, frags, closed=False))
                open_at = frag_start = i
                frags = []
            else:
                frags.append((frag_start, i + 1))
                # a paragraph that ends right after an unclosed-looking quote is handled above;
                # a closed quote may still continue in the next paragraph (no closing mark at the
                # end of a paragraph is the convention, but some writers close and reopen).
                spans.append(QuoteSpan(open_at, i + 1, frags))
                open_at, frags = None, []
        k += 1
    if open_at is not None:
        pe = para_end(frag_start)
        frags.append((frag_start, pe))
        spans.append(QuoteSpan(open_at, pe, frags, closed=False))
    return [s for s in spans if s.end - s.start > 2]


def _single_matches(text: str):
    """``_SINGLE_RE.finditer(text)``, with the pattern tried only where a single quotation mark
    stands (a match starts at one) rather than at every character."""
    end = 0
    for mark in _SINGLE_MARK_RE.finditer(text):
        if mark.start() < end:
            continue  # inside the previous match
        m = _SINGLE_RE.match(text, mark.start())  # (its lookbehind still sees the text before)
        if m is not None:
            end = m.end()
            yield m


def single_quote_spans(text: str, doubles: list[QuoteSpan]) -> list[QuoteSpan]:
    out = []
    for m in _single_matches(text):
        s, e = m.start(), m.end()
        if any(d.start <= s < d.end for d in doubles):
            continue
        out.append(QuoteSpan(s, e, [(s, e)], single=True))
    return out
