"""Tone stage: article tone from the VADER lexicon (shipped in the vaderSentiment wheel).

Tone is GDELT-like: the mean VADER compound score of the article's sentences, scaled to -100..+100.
Each event gets the compound score of its evidence sentence on the same scale.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from string import punctuation as _PUNCTUATION

from newsevents.nlp import AnnotatedDoc


class _WordWindow:
    """The two things VADER's ``sentiment_valence`` reads from a ``SentiText``."""

    __slots__ = ("words_and_emoticons", "is_cap_diff")

    def __init__(self, words: list[str], is_cap_diff: bool):
        self.words_and_emoticons = words
        self.is_cap_diff = is_cap_diff


class _Vader:
    """``SentimentIntensityAnalyzer().polarity_scores(text)["compound"]``, bit for bit, for less.

    VADER's per-call overhead is what this saves; its rules still score every word they change:

    * VADER first rebuilds the text character by character to swap emojis for their descriptions.
      A text without emoji comes out unchanged, so that pass is skipped (a text with an emoji is
      scored by VADER as a whole).
    * Only words in the lexicon get a valence; every other word adds 0, and a text with no lexicon
      word scores exactly 0.0 (the sum is 0, and so is its normalized value).
    * A lexicon word's valence is its lexicon value unless one of VADER's rules applies: a booster,
      a negation, "no", "least", "so" or "this" among the three words before it, the word itself
      "no" or in ALL CAPS, or a special idiom in the sentence. Then VADER's ``sentiment_valence``
      computes it, on the window of words its rules look at (three before, two after) rather than
      the whole sentence: its negation and idiom checks lowercase the whole sentence again for
      every lexicon word, which makes a long sentence cost quadratic time.
    * The compound score depends only on the sum of the valences and the text's punctuation, so
      VADER's other scores (positive, negative, neutral shares) are not computed.
    """

    BEFORE, AFTER = 3, 2  # the furthest words VADER's rules look at around a lexicon word

    def __init__(self):
        from vaderSentiment import vaderSentiment as vader

        self.analyzer = vader.SentimentIntensityAnalyzer()
        self.lexicon = self.analyzer.lexicon
        self.boosters = vader.BOOSTER_DICT
        self.allcap_differential = vader.allcap_differential
        self.normalize = vader.normalize
        # VADER looks emojis up one character at a time: longer keys never match
        self.emoji_chars = frozenset(e for e in self.analyzer.emojis if len(e) == 1)
        # words that change the valence of a lexicon word up to three words after them (words
        # with "n't" in them negate too)
        self.modifiers = frozenset(vader.NEGATE) | {"no", "least", "so", "this"} | {
            w for w in vader.BOOSTER_DICT if " " not in w
        }
        # VADER matches these against runs of the sentence's lowercased words joined by spaces
        self.idioms = tuple(vader.SPECIAL_CASES) + tuple(w for w in vader.BOOSTER_DICT if " " in w)
        self.idiom_words = frozenset(max(idiom.split(), key=len) for idiom in self.idioms)  # one each
        # the words VADER scores (boosters only modify the next words)
        self.scored = frozenset(self.lexicon.keys() - self.boosters.keys())

    def compound(self, text: str) -> float:
        analyzer = self.analyzer
        if not (text.isascii() or self.emoji_chars.isdisjoint(text)):  # (no emoji is ASCII)
            return analyzer.polarity_scores(text)["compound"]
        text = text.strip()
        # SentiText's words: split on whitespace, punctuation stripped unless that leaves <= 2 chars
        words = [w if len(s := w.strip(_PUNCTUATION)) <= 2 else s for w in text.split()]
        lowered = [w.lower() for w in words]
        lexicon = self.lexicon
        if lexicon.keys().isdisjoint(lowered):
            return 0.0
        n = len(words)
        joined = " ".join(lowered)
        # modified[i]: a modifier stands among the three words before word i
        modified = bytearray(n + self.BEFORE)
        if not self.idiom_words.isdisjoint(lowered) and any(idiom in joined for idiom in self.idioms):
            modified = b"\1" * n
        elif not self.modifiers.isdisjoint(lowered) or "n't" in joined:
            for k, low in enumerate(lowered):
                if low in self.modifiers or "n't" in low:
                    modified[k + 1 : k + 1 + self.BEFORE] = b"\1" * self.BEFORE
        cap_diff = None
        scored = self.scored
        positions = [i for i, low in enumerate(lowered) if low in scored]
        valences = []
        for i in positions:
            low = lowered[i]
            if low == "kind" and i + 1 < n and lowered[i + 1] == "of":
                valences.append(0)  # VADER does not score "kind of"
            elif not modified[i] and low != "no" and not words[i].isupper():
                valences.append(lexicon[low])  # no rule applies
            else:
                if cap_diff is None:
                    cap_diff = self.allcap_differential(words)
                lo = max(0, i - self.BEFORE)
                window = _WordWindow(words[lo : i + self.AFTER + 1], cap_diff)
                analyzer.sentiment_valence(0, window, words[i], i - lo, valences)  # appends the valence
        if "but" in lowered:  # VADER scales the valences before and after the first "but"
            sentiments = [0] * n
            for i, v in zip(positions, valences):
                sentiments[i] = v
            valences = analyzer._but_check(words, sentiments)
        # VADER's compound score (``score_valence``): the sum of the valences, pushed away from 0
        # by the text's exclamation and question marks, normalized to -1..1
        total = float(sum(valences))
        if total > 0:
            total += analyzer._punctuation_emphasis(text)
        elif total < 0:
            total -= analyzer._punctuation_emphasis(text)
        return round(self.normalize(total), 4)


@lru_cache(maxsize=1)
def _vader() -> _Vader:
    return _Vader()


def sentence_tone(text: str) -> float:
    """VADER compound score of ``text`` scaled to -100..+100."""
    return round(100.0 * _vader().compound(text), 2)


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
