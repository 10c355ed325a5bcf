"""The per-document token view the event coder reads: :class:`EventView` (a document's token
attributes as plain lists, made from the document's shared :class:`~newsevents.nlp.TokenView`)
and :func:`doc_view`, which makes it once per document (``adoc.memo``).
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

import numpy
from spacy.symbols import AUX, NOUN, PROPN, VERB

if TYPE_CHECKING:  # pragma: no cover
    from newsevents.nlp import AnnotatedDoc, TokenView


class EventView:
    """One document's token attributes as plain lists, read once.

    spaCy builds a new ``Token`` object for every ``doc[i]``, ``token.children`` or ``token.head``,
    and every string attribute is a lookup in the string store; the coder asks the same questions
    of the same tokens many times over, so it reads them here by index instead. ``lemma`` is the
    lower-cased lemma (what the coder compares); :meth:`kids` gives a token's children;
    ``verbs``, ``nouns`` and ``roots`` list (in order) the indices of the tokens that may be coded
    as verbs (``pos_`` VERB or AUX, or a ``VB*`` tag) or nouns (NOUN or PROPN) and of the
    dependency roots (tokens that are their own head). ``last_subject`` is the coding state the
    stage keeps while it codes the document: the actors of the last sentence subject it found."""

    __slots__ = ("doc", "lower", "lemma", "pos", "tag", "dep", "head", "verbs", "nouns", "roots",
                 "last_subject", "_order", "_bounds", "_kids")
    # hash (or part-of-speech id) -> string, per column, shared by all documents (one vocabulary)
    _names: tuple[dict[int, str], ...] = ({}, {}, {}, {}, {})
    _COLUMNS = ("LOWER", "LEMMA", "POS", "TAG", "DEP")

    def __init__(self, tokens: "TokenView") -> None:
        doc = self.doc = tokens.doc
        strings = doc.vocab.strings
        self.lower, self.lemma, self.pos, self.tag, self.dep = (
            _lookup(known, tokens.values(name), (lambda x: strings[x].lower()) if k == 1 else strings.__getitem__)
            for k, (name, known) in enumerate(zip(self._COLUMNS, self._names)))
        index = numpy.arange(tokens.n)
        head = tokens.heads()  # int64: index + the relative HEAD offset (read signed)
        self.head = head.tolist()
        # the tokens sorted by head (stable: in document order among one head's children) and where
        # each head's block starts in that order
        order = numpy.argsort(head, kind="stable")
        self._order = order.tolist()
        self._bounds = numpy.searchsorted(head[order], numpy.arange(len(doc) + 1)).tolist()
        self._kids: dict[int, list[int]] = {}
        self.roots = numpy.flatnonzero(head == index).tolist()
        pos, tags = tokens.column("POS"), tokens.column("TAG")
        verbs = (pos == VERB) | (pos == AUX)
        for tag, name in self._names[3].items():  # the tag set is small
            if name.startswith("VB"):
                verbs |= tags == tag
        self.verbs = numpy.flatnonzero(verbs).tolist()
        self.nouns = numpy.flatnonzero((pos == NOUN) | (pos == PROPN)).tolist()
        self.last_subject: list | None = None

    def kids(self, i: int) -> list[int]:
        """The indices of token i's children in document order (as ``token.children`` yields them)."""
        out = self._kids.get(i)
        if out is None:
            out = self._kids[i] = [j for j in self._order[self._bounds[i]:self._bounds[i + 1]] if j != i]
        return out


def within(indices: list[int], start: int, end: int) -> list[int]:
    """The items of the sorted list ``indices`` in [start, end)."""
    return indices[bisect_left(indices, start):bisect_left(indices, end)]


def _lookup(known: dict, keys: list, make) -> list:
    """``[known[k] for k in keys]``, adding the keys ``known`` lacks as ``make(k)``."""
    try:
        return list(map(known.__getitem__, keys))
    except KeyError:
        for k in set(keys).difference(known):
            known[k] = make(k)
        return list(map(known.__getitem__, keys))


def doc_view(adoc: "AnnotatedDoc") -> EventView:
    """The :class:`EventView` of ``adoc``'s document, made once (from ``adoc.tokens``) and kept in
    ``adoc.memo``."""
    return adoc.memo(EventView, lambda: EventView(adoc.tokens))
