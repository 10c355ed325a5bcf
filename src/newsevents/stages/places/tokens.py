"""What the place stage reads of a document's tokens: clean offsets and name-like flags read once
per document (:class:`Tokens`), and token ranges for original (pre-repair) offsets."""

from __future__ import annotations

from bisect import bisect_right

from newsevents.nlp import AnnotatedDoc, TokenView

_DOTTED_NAMES = ("U.S.", "U.K.", "U.N.")


def name_like(tok) -> bool:
    t = tok.text
    return (tok.is_title or (t.isupper() and len(t) >= 2) or t in _DOTTED_NAMES) and t[:1].isalpha()


class Tokens:
    """What the place stage reads of a document's tokens, read once per document: clean start and
    end offsets and :func:`name_like` per token, from the document's shared token view instead of one
    spaCy Token object per look. The lexeme flags are ``str.istitle`` and ``str.isupper`` of the
    token text ("U.S.", "U.K.", "U.N." are title case), so only flagged tokens are looked at in
    Python. ``text`` is the text the doc was parsed from (``doc.text``)."""

    __slots__ = ("doc", "text", "n", "starts", "ends", "name_like", "named")

    def __init__(self, tokens: TokenView, text: str) -> None:
        doc = tokens.doc
        self.doc, self.text, self.n = doc, text, tokens.n
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.named: list[int] = []  # indices of the name-like tokens, in order
        self.name_like = [False] * self.n
        if not self.n:
            return
        import numpy as np

        # int64: quicker to list
        idx, length = tokens.column("IDX").astype(np.int64), tokens.column("LENGTH").astype(np.int64)
        title, upper = tokens.column("IS_TITLE").astype(np.int64), tokens.column("IS_UPPER").astype(np.int64)
        self.starts = starts = idx.tolist()
        self.ends = (idx + length).tolist()
        name_like = self.name_like
        for i in (title | (upper & (length >= 2))).nonzero()[0].tolist():
            if text[starts[i]].isalpha():
                name_like[i] = True
                self.named.append(i)

    def lower(self, i: int) -> str:
        """``doc[i].lower_`` (the lexeme's lower form is ``str.lower`` of its text)."""
        return self.text[self.starts[i]:self.ends[i]].lower()

    def unblocked(self, blocked: list[bool]) -> list[bool]:
        """Per token: name-like and not blocked."""
        ok = [False] * self.n
        for i in self.named:
            if not blocked[i]:
                ok[i] = True
        return ok


def token_table(doc, text: str, blocked: list[bool]) -> tuple[list[int], list[int], list[bool]]:
    """Per token of ``doc`` (whose text is ``text``): clean start and end offsets, and whether it
    is name-like (:func:`name_like`) and not blocked (see :class:`Tokens`)."""
    toks = Tokens(TokenView(doc), text)
    return toks.starts, toks.ends, toks.unblocked(blocked)


def clean_token_range(adoc: AnnotatedDoc, start: int, end: int, tok_starts: list[int],
                       tok_ends: list[int]) -> tuple[int, int] | None:
    """The token range [first, last) of the doc for original offsets [start, end) (through the
    repair offset map).

    The map is monotone (offsets and ends never decrease), so the first token whose original end
    is past ``start`` is the one whose left neighbour's does not pass it: the token at the clean
    character that maps to ``start`` is tried first, else it is found by bisection."""
    n = len(tok_starts)
    to_original = adoc.repaired.to_original

    def original_end(i: int) -> int:
        return to_original(tok_starts[i], tok_ends[i])[1]

    guess = bisect_right(tok_ends, bisect_right(adoc.repaired.offsets, start) - 1)
    if guess < n and original_end(guess) > start and (guess == 0 or original_end(guess - 1) <= start):
        first = guess
    else:
        first = bisect_right(range(n), start, key=original_end)
    if first >= n:
        return None
    j = first
    while j + 1 < n and to_original(tok_starts[j + 1], tok_starts[j + 1] + 1)[0] < end:
        j += 1
    return first, j + 1


def clean_span(adoc: AnnotatedDoc, start: int, end: int, tok_starts: list[int] | None = None,
                tok_ends: list[int] | None = None):
    """The doc span for original offsets [start, end) (see :func:`clean_token_range`)."""
    doc = adoc.doc
    if tok_starts is None or tok_ends is None:
        tok_starts = [tok.idx for tok in doc]
        tok_ends = [tok.idx + len(tok.text) for tok in doc]
    found = clean_token_range(adoc, start, end, tok_starts, tok_ends)
    return None if found is None else doc[found[0]:found[1]]
