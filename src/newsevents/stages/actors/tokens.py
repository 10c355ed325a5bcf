"""The token attributes the actor resolver reads, as arrays, and what the scan knows of each word.

:class:`TokenTable` reads a ``Doc``'s attributes from its shared :class:`~newsevents.nlp.TokenView`;
:class:`WordKinds` remembers, per knowledge base, whether a word's key is a phrase's key or starts one.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from newsevents.resources.actors.kb import KB, compact

if TYPE_CHECKING:  # pragma: no cover
    from newsevents.nlp import TokenView


# hash -> string for the spaCy attributes read as arrays (ORTH, LOWER, DEP); a hash always stands for
# the same string, whatever the model. Cleared when it grows large (as WordKinds).
_STRINGS: dict[int, str] = {}
_CACHE_MAX = 300_000
_POS_NAMES: dict[int, str] = {}


def _string(h: int, store) -> str:
    s = _STRINGS.get(h)
    if s is None:
        s = _STRINGS[h] = store[h]
    return s


class TokenTable:
    """The token attributes the resolver reads, taken from a document's shared
    :class:`~newsevents.nlp.TokenView` (``adoc.tokens``; ``TokenView(doc)`` for a ``Doc`` outside
    any article).

    ``doc[i]`` builds a new Token object on every call and each attribute is a lookup. The ORTH
    hashes of all tokens are a list (the scan reads them all); the other attributes are read for a
    few tokens only: ``tokens.text(i)`` is ``doc[i].text``, ``tokens.pos(i)`` is ``doc[i].pos_``,
    ``tokens.lower(i)`` is ``doc[i].lower_`` and so on (the values are the same)."""

    def __init__(self, tokens: "TokenView"):
        doc = self.doc = tokens.doc
        self.n = tokens.n
        self._lower = tokens.column("LOWER")  # uint64
        self._dep = tokens.column("DEP")
        self._pos = tokens.column("POS")
        self._head = tokens.signed_column("HEAD")  # int64: HEAD (an offset) and SENT_START (-1) are signed
        self._sent_start = tokens.signed_column("SENT_START")
        self._is_space = tokens.column("IS_SPACE")
        self._is_punct = tokens.column("IS_PUNCT")
        self._idx = tokens.column("IDX")
        self._spacy = tokens.column("SPACY")
        self._strings = doc.vocab.strings
        if not _POS_NAMES:
            from spacy.parts_of_speech import NAMES

            _POS_NAMES.update(NAMES)
        if len(_STRINGS) > _CACHE_MAX:
            _STRINGS.clear()
        self.orth: list[int] = tokens.values("ORTH")

    def text(self, i: int) -> str:
        return _string(self.orth[i], self._strings)

    def lower(self, i: int) -> str:
        return _string(int(self._lower[i]), self._strings)

    def dep(self, i: int) -> str:
        return _string(int(self._dep[i]), self._strings)

    def pos(self, i: int) -> str:
        return _POS_NAMES[int(self._pos[i])]

    def head(self, i: int) -> int:
        """``doc[i].head.i``."""
        return i + int(self._head[i])

    def is_sent_start(self, i: int) -> bool:
        """``bool(doc[i].is_sent_start)``: True only where ``sent_start`` is 1 (0 is unknown, -1 is not)."""
        return self._sent_start[i] == 1

    def is_space(self, i: int) -> bool:
        return bool(self._is_space[i])

    def is_punct(self, i: int) -> bool:
        return bool(self._is_punct[i])

    def start(self, i: int) -> int:
        """``doc[i].idx``: the token's character offset."""
        return int(self._idx[i])

    def end(self, i: int) -> int:
        """``doc[i].idx + len(doc[i])``."""
        return int(self._idx[i]) + len(self.text(i))

    def with_lower(self, words: "set[str]") -> list[int]:
        """The tokens whose ``lower_`` is one of ``words``, in order."""
        column = self._lower
        found = None
        for w in words:
            is_w = column == self._strings[w]  # a string's hash, as the vocabulary stores it
            found = is_w if found is None else found | is_w
        return [] if found is None else found.nonzero()[0].tolist()

    def span_text(self, i: int, j: int) -> str:
        """``doc[i:j].text``."""
        if i >= j:
            return ""
        text, spacy = self.text, self._spacy
        return "".join([text(t) + " " if spacy[t] else text(t) for t in range(i, j - 1)]) + text(j - 1)

    @functools.cached_property
    def _has_sents(self) -> bool:
        doc = self.doc
        return not ("sent" in doc.user_token_hooks or "sent" in doc.user_span_hooks or "sents" in doc.user_hooks) \
            and doc.has_annotation("SENT_START")

    def sent_start_of(self, t: int) -> int:
        """``doc[t].sent.start``."""
        if not self._has_sents:
            return self.doc[t].sent.start  # user hooks, or no sentence boundaries (an error)
        sent_start = self._sent_start
        s = t
        while sent_start[s] != 1 and s > 0:
            s -= 1
        return s


PHRASE, PREFIX = 2, 1  # kinds of words for the scan (0: neither)


class WordKinds(dict):
    """What the scan knows of each word seen, by ORTH hash, for one knowledge base: its kind
    (``PHRASE``: its key is a phrase's; ``PREFIX``: it only starts one; 0: neither) and, in
    ``key``, its key. A word is looked up when first seen; a document's words are looked up in one
    ``map`` (a C loop: the scan reads every token)."""

    def __init__(self, kb: KB):
        super().__init__()
        self.kb = kb
        self.key: dict[int, str] = {}
        self._store = None
        self._for_size = (len(kb.phrases), len(kb.prefixes))

    def kinds(self, orth: list[int], store) -> list[int]:
        kb = self.kb
        if len(self) > _CACHE_MAX or self._for_size != (len(kb.phrases), len(kb.prefixes)):
            self.clear()  # too many, or the knowledge base changed
            self.key.clear()
            self._for_size = (len(kb.phrases), len(kb.prefixes))
        self._store = store
        return list(map(self.__getitem__, orth))

    def __missing__(self, h: int) -> int:
        key = self.key[h] = compact(_string(h, self._store))
        kind = self[h] = PHRASE if key in self.kb.phrases else PREFIX if key in self.kb.prefixes else 0
        return kind
