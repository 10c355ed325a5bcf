"""Event stage (placeholder): codes nothing yet."""

from __future__ import annotations

from ..nlp import AnnotatedDoc


class EventStage:
    name = "events.v1"
    requires = ("doc", "mentions")
    produces = ("events",)

    def process(self, adoc: AnnotatedDoc) -> None:
        return None
