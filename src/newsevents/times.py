"""Time stage (placeholder until the time issue): no time expressions yet."""

from __future__ import annotations

from .nlp import AnnotatedDoc


class TimeStage:
    name = "times.v1"
    requires = ("doc",)
    produces = ("times",)

    def process(self, adoc: AnnotatedDoc) -> None:
        return None
