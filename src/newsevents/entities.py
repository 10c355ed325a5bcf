"""Entities stage: spaCy's named entities as records with ORIGINAL-text offsets."""

from __future__ import annotations

from .nlp import AnnotatedDoc
from .records import Entity


class EntityStage:
    name = "entities.v1"
    requires = ("doc",)
    produces = ("entities",)

    def process(self, adoc: AnnotatedDoc) -> None:
        for ent in adoc.ents:
            s, e, text = adoc.orig_span(ent)
            adoc.entities.append(Entity(s, e, text, ent.label_))
