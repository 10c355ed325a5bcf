"""Entities stage: spaCy's named entities as records with ORIGINAL-text offsets."""

from __future__ import annotations

from newsevents.nlp import AnnotatedDoc
from newsevents.records import Entity


class EntityStage:
    name = "entities.v1"
    requires = ("doc",)
    produces = ("entities",)

    def process(self, adoc: AnnotatedDoc) -> None:
        orig, entities = adoc.orig, adoc.entities
        for ent in adoc.ents:
            s, e, text = orig(ent.start_char, ent.end_char)  # = adoc.orig_span(ent)
            entities.append(Entity(s, e, text, ent.label_))
