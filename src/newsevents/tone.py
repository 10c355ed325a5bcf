"""Tone stage: article tone from the VADER lexicon (shipped in the vaderSentiment wheel).

Tone is GDELT-like: the mean VADER compound score of the article's sentences, scaled to -100..+100.
Each event gets the compound score of its evidence sentence on the same scale.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from .nlp import AnnotatedDoc


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_tone(text: str) -> float:
    """VADER compound score of ``text`` scaled to -100..+100."""
    return round(100.0 * _analyzer().polarity_scores(text)["compound"], 2)


class ToneStage:
    name = "tone.v1"
    requires = ("doc", "events")
    produces = ("tone",)

    def process(self, adoc: AnnotatedDoc) -> None:
        sents = list(adoc.doc.sents)
        scores = [sentence_tone(s.text) for s in sents if s.text.strip()]
        adoc.tone = round(sum(scores) / len(scores), 2) if scores else 0.0
        if adoc.events:
            by_index = {i: s for i, s in enumerate(sents)}
            adoc.events = [
                replace(ev, tone=sentence_tone(by_index[ev.sentence_index].text))
                if ev.sentence_index in by_index else ev
                for ev in adoc.events
            ]
