"""The per-document token view the event coder reads: :class:`DocView` (a document's token
attributes as plain lists, read once) and :func:`doc_view`, which keeps the view of the document
read last.
"""

from __future__ import annotations

import threading
from bisect import bisect_left

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS, TAG
from spacy.symbols import AUX, NOUN, PROPN, VERB


class DocView:
    """One document's token attributes as plain lists, read once.

    spaCy builds a new ``Token`` object for every ``doc[i]``, ``token.children`` or ``token.head``,
    and every string attribute is a lookup in the string store; the coder asks the same questions
    of the same tokens many times over, so it reads them here by index instead. ``lemma`` is the
    lower-cased lemma (what the coder compares); :meth:`kids` gives a token's children;
    ``verbs``, ``nouns`` and ``roots`` list (in order) the indices of the tokens that may be coded
    as verbs (``pos_`` VERB or AUX, or a ``VB*`` tag) or nouns (NOUN or PROPN) and of the
    dependency roots (tokens that are their own head)."""

    __slots__ = ("doc", "lower", "lemma", "pos", "tag", "dep", "head", "verbs", "nouns", "roots", "memo",
                 "_order", "_bounds", "_kids")
    # hash (or part-of-speech id) -> string, per column, shared by all documents (one vocabulary)
    _names: tuple[dict[int, str], ...] = ({}, {}, {}, {}, {})

    def __init__(self, doc) -> None:
        self.doc = doc
        arr = doc.to_array([LOWER, LEMMA, POS, TAG, DEP])
        strings = doc.vocab.strings
        self.lower, self.lemma, self.pos, self.tag, self.dep = (
            _lookup(known, arr[:, k].tolist(), (lambda x: strings[x].lower()) if k == 1 else strings.__getitem__)
            for k, known in enumerate(self._names))
        index = numpy.arange(len(doc))
        head = index + doc.to_array(HEAD).view("int64")  # HEAD: relative offsets, stored unsigned
        self.head = head.tolist()
        # the tokens sorted by head (stable: in document order among one head's children) and where
        # each head's block starts in that order
        order = numpy.argsort(head, kind="stable")
        self._order = order.tolist()
        self._bounds = numpy.searchsorted(head[order], numpy.arange(len(doc) + 1)).tolist()
        self._kids: dict[int, list[int]] = {}
        self.roots = numpy.flatnonzero(head == index).tolist()
        pos, tags = arr[:, 2], arr[:, 3]
        verbs = (pos == VERB) | (pos == AUX)
        for tag, name in self._names[3].items():  # the tag set is small
            if name.startswith("VB"):
                verbs |= tags == tag
        self.verbs = numpy.flatnonzero(verbs).tolist()
        self.nouns = numpy.flatnonzero((pos == NOUN) | (pos == PROPN)).tolist()
        self.memo: dict = {}  # results of pure functions of this document's tokens

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


_LAST = threading.local()  # .view: the view of the document this thread read last


def doc_view(doc, *, fresh: bool = False) -> DocView:
    """The :class:`DocView` of ``doc`` (kept for the document read last; ``fresh`` reads it again)."""
    view = getattr(_LAST, "view", None)
    if fresh or view is None or view.doc is not doc:
        view = _LAST.view = DocView(doc)
    return view
