"""Place stage (placeholder until the geo issue): no places yet."""

from __future__ import annotations

from .nlp import AnnotatedDoc


class PlaceStage:
    name = "places.v1"
    requires = ("doc",)
    produces = ("places", "dateline")

    def process(self, adoc: AnnotatedDoc) -> None:
        return None
