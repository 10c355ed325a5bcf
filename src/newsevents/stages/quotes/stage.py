"""The quote stage: direct quotations and who said them (see :mod:`newsevents.stages.quotes`)."""

from __future__ import annotations

from newsevents.nlp import AnnotatedDoc
from newsevents.records import Quote
from newsevents.stages.quotes.attribution import attribute
from newsevents.stages.quotes.marks import QUOTE_MARKS, find_quote_spans, single_quote_spans
from newsevents.stages.quotes.view import QuoteView


class QuoteStage:
    name = "quotes.v1"
    requires = ("doc", "actors")
    produces = ("quotes",)

    def process(self, adoc: AnnotatedDoc) -> None:
        text = adoc.text
        if not any(ch in text for ch in QUOTE_MARKS):
            return
        original = adoc.original
        offs = adoc.repaired.offsets

        def orig_char(i: int) -> str | None:
            o = offs[i]
            return original[o] if 0 <= o < len(original) else None

        doubles = find_quote_spans(text, orig_char)
        singles = single_quote_spans(text, doubles)
        if not doubles and not singles:
            return
        view = QuoteView(adoc, doubles)
        skipped: list[tuple[int, int]] = []
        found = attribute(view, doubles, singles, skipped)
        if skipped:  # kept for explanations: quoted words read as scare quotes or titles
            adoc.extras["quotes_skipped"] = [adoc.orig(s, e)[:2] for s, e in skipped]
        for sp, spk in found:
            s, e, qtext = adoc.orig(sp.start, sp.end)
            if e <= s:
                continue
            if spk is not None:
                ss, se, stext = adoc.orig(spk.start, spk.end)
                adoc.quotes.append(Quote(s, e, qtext, stext, ss, se, spk.name, spk.code))
            else:
                adoc.quotes.append(Quote(s, e, qtext))
