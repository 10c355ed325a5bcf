"""The annotated document: what every stage reads and adds to.

:class:`AnnotatedDoc` carries the article, the repaired text, the spaCy ``Doc`` over the repaired
text, and the records that stages add. Its span helpers turn clean-text offsets into ORIGINAL-text
offsets: every stage uses them, so every offset we output points into the input as the user gave it.

Two things are computed once per document and shared by the stages: the token view
(``adoc.tokens``, one ``doc.to_array`` for every token attribute a stage reads) and per-document
facts (``adoc.memo(key, build)``: clause links, span roots, a stage's own view).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from newsevents.nlp.tokens import TokenView

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

    from newsevents.records import Actor, Article, Entity, Event, Place, Quote, TimeExpr
    from newsevents.text.repair import RepairedText

T = TypeVar("T")


@dataclass(eq=False)
class Mention:
    """An actor mention over spaCy tokens [token_start, token_end) with its resolved actor."""

    token_start: int
    token_end: int
    actor: "Actor"


@dataclass(eq=False)
class AnnotatedDoc:
    """An article after repair and NLP, plus what the stages have found so far."""

    article: "Article"
    repaired: "RepairedText"
    doc: "Doc"
    entities: list["Entity"] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: list["Actor"] = field(default_factory=list)
    times: list["TimeExpr"] = field(default_factory=list)
    places: list["Place"] = field(default_factory=list)
    dateline: "Place | None" = None
    quotes: list["Quote"] = field(default_factory=list)
    events: list["Event"] = field(default_factory=list)
    tone: float | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    # token -> mention, rebuilt when ``mentions`` is replaced or grows (see mention_at)
    _mention_index: tuple | None = field(default=None, init=False, repr=False)
    _memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False)

    @functools.cached_property
    def tokens(self) -> TokenView:
        """Every token attribute the stages read, from one ``doc.to_array`` (built on first use)."""
        return TokenView(self.doc)

    def memo(self, key: Any, build: Callable[[], T]) -> T:
        """A per-document fact, built on first request and kept for the document's life: the one
        cache mechanism stages use for what several of them (or every event) ask of a document."""
        memo = self._memo
        if key in memo:
            return memo[key]
        value = memo[key] = build()
        return value

    @functools.cached_property
    def ents(self) -> tuple["Span", ...]:
        """``doc.ents``, built once (spaCy rebuilds the spans from the token annotations on each access)."""
        return self.doc.ents

    @property
    def text(self) -> str:
        """The repaired text spaCy saw."""
        return self.repaired.text

    @property
    def original(self) -> str:
        return self.article.text

    def orig(self, start: int, end: int) -> tuple[int, int, str]:
        """Map a clean char span to (start, end, text) in the ORIGINAL text."""
        s, e = self.repaired.to_original(start, end)
        return s, e, self.article.text[s:e]

    def orig_span(self, span: "Span") -> tuple[int, int, str]:
        """Map a spaCy span (or token) to (start, end, text) in the ORIGINAL text."""
        if type(span).__name__ == "Token":  # cheaper than hasattr(), which raises inside for a Token
            return self.orig(span.idx, span.idx + len(span))
        return self.orig(span.start_char, span.end_char)

    def mention_at(self, token_i: int) -> Mention | None:
        """The actor mention covering token ``token_i``, if any."""
        mentions = self.mentions
        if not mentions:
            return None
        key = (id(mentions), len(mentions))
        if self._mention_index is None or self._mention_index[0] != key:
            by_token: dict[int, Mention] = {}
            for m in mentions:  # the first mention in list order wins, as a scan would find it
                for i in range(m.token_start, m.token_end):
                    by_token.setdefault(i, m)
            self._mention_index = (key, by_token)
        return self._mention_index[1].get(token_i)


def span_roots(adoc: AnnotatedDoc, key: str) -> list[tuple[int, int, Any, "Any"]]:
    """The token spans a stage recorded in ``adoc.extras[key]`` ((start, end, record) triples), each
    with its syntactic root token; computed once per document (and again if the spans grow), since
    every event asks for them."""
    spans = adoc.extras.get(key) or []

    def build() -> list[tuple[int, int, Any, Any]]:
        doc = adoc.doc
        return [(start, end, rec, doc[start:end].root) for start, end, rec in spans]

    return adoc.memo(("span_roots", key, len(spans)), build)
