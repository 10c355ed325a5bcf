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
        text = adoc.text  # the text spaCy saw
        # a sentence's text is the slice of the document between its first and last characters
        sents = [text[s.start_char:s.end_char] for s in adoc.doc.sents]
        tones = [sentence_tone(s) if s.strip() else None for s in sents]
        scores = [t for t in tones if t is not None]
        adoc.tone = round(sum(scores) / len(scores), 2) if scores else 0.0
        if adoc.events:
            adoc.events = [
                replace(ev, tone=tones[ev.sentence_index] if tones[ev.sentence_index] is not None
                        else sentence_tone(sents[ev.sentence_index]))
                if 0 <= ev.sentence_index < len(sents) else ev
                for ev in adoc.events
            ]
