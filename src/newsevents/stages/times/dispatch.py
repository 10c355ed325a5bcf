"""Matching by first character, for the time stage's candidate patterns.

The time stage tries its patterns at the start of every token in a window. One alternation of ~70
patterns pays for every branch at every position; a pattern can only match where the text has one
of the characters it can start with. :func:`dispatch` works those out from the parsed patterns and
builds one alternation per first character (same patterns, same order: the same first match).
"""

from __future__ import annotations

import re


def _first_chars(items, icase: bool) -> tuple[set[str] | None, bool]:
    """(characters a match can start with, None when any; whether the items can match empty)."""
    from re import _constants as c

    out: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            ch = chr(av)
            out |= {ch, ch.lower(), ch.upper()} if icase else {ch}
            return out, False
        if op is c.IN:
            chars: set[str] = set()
            for iop, iav in av:
                if iop is c.LITERAL:
                    ch = chr(iav)
                    chars |= {ch, ch.lower(), ch.upper()} if icase else {ch}
                elif iop is c.RANGE:
                    for k in range(iav[0], iav[1] + 1):
                        ch = chr(k)
                        chars |= {ch, ch.lower(), ch.upper()} if icase else {ch}
                elif iop is c.CATEGORY and iav is c.CATEGORY_DIGIT:
                    chars |= set("0123456789")
                elif iop is c.CATEGORY and iav is c.CATEGORY_SPACE:
                    chars |= set(" \t\n\r\f\v")
                else:
                    return None, False  # a negated set, \w, ...: any character
            return out | chars, False
        if op is c.BRANCH:
            nullable = False
            for branch in av[1]:
                f, n = _first_chars(branch, icase)
                if f is None:
                    return None, False
                out |= f
                nullable = nullable or n
            if not nullable:
                return out, False
            continue
        if op is c.SUBPATTERN:
            _group, add, delete, sub = av
            f, n = _first_chars(sub, (icase or bool(add & c.SRE_FLAG_IGNORECASE))
                                and not (delete & c.SRE_FLAG_IGNORECASE))
            if f is None:
                return None, False
            out |= f
            if not n:
                return out, False
            continue
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            lo, _hi, sub = av
            f, n = _first_chars(sub, icase)
            if f is None:
                return None, False
            out |= f
            if lo > 0 and not n:
                return out, False
            continue
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # zero-width: the next item consumes the first character
        return None, False  # anything else (., back references): any character
    return out, True


class FirstCharTable(dict):
    """First character -> compiled alternation of the patterns that can start with it. Each
    alternation is compiled the first time a character needs it (compiling them all costs most of a
    second at start-up, and a short article needs a few); ``table[ch]`` for a character no pattern
    starts with gives the alternation of the patterns that can start anywhere."""

    def __init__(self, sources: dict[str, str], fallback: str) -> None:
        super().__init__()
        self._sources = sources
        self._fallback = fallback
        self._compiled: dict[str, re.Pattern[str]] = {}

    def __missing__(self, ch: str) -> "re.Pattern[str]":
        source = self._sources.get(ch, self._fallback)
        pattern = self._compiled.get(source)
        if pattern is None:
            pattern = self._compiled[source] = re.compile(source) if source else re.compile(r"(?!)")
        self[ch] = pattern
        return pattern


def dispatch(patterns: list[str]) -> FirstCharTable:
    """First character -> alternation of the patterns that can start with it (same patterns, same
    order). A pattern whose first characters cannot be worked out goes into every alternation."""
    from re import _parser

    firsts: list[set[str] | None] = []
    for p in patterns:
        parsed = _parser.parse(p, 0)
        f, nullable = _first_chars(list(parsed), bool(parsed.state.flags & re.IGNORECASE))
        firsts.append(None if nullable else f)
    chars = set().union(*(f for f in firsts if f is not None))
    sources: dict[str, str] = {}
    for ch in chars:
        keep = [i for i, f in enumerate(firsts) if f is None or ch in f]
        sources[ch] = "|".join(f"(?:{patterns[i]})" for i in keep)
    rest = [i for i, f in enumerate(firsts) if f is None]
    return FirstCharTable(sources, "|".join(f"(?:{patterns[i]})" for i in rest))
