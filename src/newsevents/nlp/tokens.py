"""One read of a document's token attributes, shared by every stage.

``doc[i]``, ``token.head`` and ``span.text`` each build Python objects, so the stages read token
attributes as arrays. :class:`TokenView` makes one ``doc.to_array`` call for every attribute any
stage reads and keeps it; each column is then a NumPy view (``view.column("DEP")``) or, once asked
for, a Python list (``view.values("IDX")``). Values are exactly those of ``doc.to_array``: string
attributes are hashes into ``doc.vocab.strings``; ``HEAD`` is the head's offset from the token
(stored unsigned, read signed); ``SENT_START`` is 1, 0 (unknown) or -1 (stored unsigned).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

ATTRS = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "HEAD", "SENT_START", "IDX", "LENGTH", "SPACY",
         "IS_SPACE", "IS_PUNCT", "IS_TITLE", "IS_UPPER")
COLUMN = {name: i for i, name in enumerate(ATTRS)}
_IDS: list[int] = []


def _attr_ids() -> list[int]:
    if not _IDS:
        from spacy import attrs

        _IDS.extend(getattr(attrs, name) for name in ATTRS)
    return _IDS


class TokenView:
    """The token attributes of one ``Doc``: ``array`` has one row per attribute of :data:`ATTRS`."""

    __slots__ = ("doc", "n", "array", "signed", "_lists", "_heads")

    def __init__(self, doc: "Doc") -> None:
        self.doc = doc
        self.n = len(doc)
        if self.n:
            self.array = numpy.ascontiguousarray(doc.to_array(_attr_ids()).T)  # uint64, attribute-major
        else:
            self.array = numpy.zeros((len(ATTRS), 0), dtype=numpy.uint64)
        self.signed = self.array.view(numpy.int64)  # HEAD and SENT_START are signed
        self._lists: dict[str, list[int]] = {}
        self._heads: numpy.ndarray | None = None

    def column(self, name: str) -> numpy.ndarray:
        """One attribute for every token (uint64, as ``doc.to_array`` gives it)."""
        return self.array[COLUMN[name]]

    def signed_column(self, name: str) -> numpy.ndarray:
        """One attribute read as signed (``HEAD`` offsets, ``SENT_START``)."""
        return self.signed[COLUMN[name]]

    def values(self, name: str) -> list[int]:
        """One attribute as a Python list (made once per document)."""
        found = self._lists.get(name)
        if found is None:
            column = self.signed[COLUMN[name]] if name in ("HEAD", "SENT_START") else self.array[COLUMN[name]]
            found = self._lists[name] = column.tolist()
        return found

    def heads(self) -> numpy.ndarray:
        """Each token's head index (``doc[i].head.i``), int64."""
        if self._heads is None:
            self._heads = numpy.arange(self.n, dtype=numpy.int64) + self.signed[COLUMN["HEAD"]]
        return self._heads
