"""Actor stage (placeholder): resolves nothing yet."""

from __future__ import annotations

from ..nlp import AnnotatedDoc


class ActorStage:
    name = "actors.v1"
    requires = ("doc", "entities")
    produces = ("actors", "mentions")

    def process(self, adoc: AnnotatedDoc) -> None:
        return None
