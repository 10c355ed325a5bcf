"""Quote stage (placeholder until the quotes issue): no quotes yet."""

from __future__ import annotations

from .nlp import AnnotatedDoc


class QuoteStage:
    name = "quotes.v1"
    requires = ("doc", "actors")
    produces = ("quotes",)

    def process(self, adoc: AnnotatedDoc) -> None:
        return None
