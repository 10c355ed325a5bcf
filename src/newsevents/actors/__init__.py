"""Actor stage: resolves who is mentioned to CAMEO-style actor codes.

``ActorStage`` fills ``adoc.mentions`` (token spans with their actor, sorted, non-overlapping) and
``adoc.actors`` (the same actors with offsets into the ORIGINAL text). The knowledge base is the
TSV files in ``data/`` (see ``data/README.md``) plus any the user adds; :func:`lookup` resolves a
phrase outside an article (for ``newsevents actors lookup``).
"""

from __future__ import annotations

import os
from typing import Iterable

from ..nlp import AnnotatedDoc, Mention
from ..records import Actor
from .kb import KB, load_kb
from .resolve import Resolver, to_actor

__all__ = ["ActorStage", "lookup", "load_kb", "KB", "Resolver"]

_RESOLVERS: dict[tuple[str, ...], Resolver] = {}


def _resolver(extra_paths: Iterable[str | os.PathLike] = ()) -> Resolver:
    key = tuple(str(p) for p in extra_paths)
    r = _RESOLVERS.get(key)
    if r is None:
        r = _RESOLVERS[key] = Resolver(load_kb(key))
    return r


class ActorStage:
    name = "actors.v1"
    requires = ("doc", "entities")
    produces = ("actors", "mentions")

    def __init__(self, extra_paths: Iterable[str | os.PathLike] = ()):
        self.extra_paths = tuple(extra_paths)
        self._r: Resolver | None = None

    @property
    def resolver(self) -> Resolver:
        if self._r is None:
            self._r = _resolver(self.extra_paths)
        return self._r

    def process(self, adoc: AnnotatedDoc) -> None:
        doc = adoc.doc
        for f in self.resolver.resolve(doc, adoc.article.date):
            s, e, text = adoc.orig_span(doc[f.i:f.j])
            actor = to_actor(f, s, e, text)
            adoc.mentions.append(Mention(f.i, f.j, actor))
            adoc.actors.append(actor)


def lookup(text: str, date: str | None = None, *, extra_paths: Iterable[str | os.PathLike] = (),
           model: str | None = None) -> list[Actor]:
    """Resolve a phrase (or a sentence) outside any article: ``lookup("the US president", "2017-11-02")``.

    Offsets are into ``text``. Loads the spaCy model once per process.
    """
    from ..nlp import DEFAULT_MODEL, load_model

    nlp = load_model(model or DEFAULT_MODEL)
    doc = nlp(text)
    out = []
    for f in _resolver(extra_paths).resolve(doc, date):
        span = doc[f.i:f.j]
        out.append(to_actor(f, span.start_char, span.end_char, span.text))
    return out
