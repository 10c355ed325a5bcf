"""Which of an article's events are its news, and which are told in passing.

A wire story reports one or two things that happened; on the way it recalls earlier events,
quotes reactions, and mentions what might happen next. Event datasets that code every mention
(GDELT) count the same background many times over; the classic coders read only the lead
(ICEWS and Phoenix code the first sentences, GDELT flags "root" events of the lead paragraph).
We code every sentence, then rank:

* an event's **weight** comes from where it is told (the headline weighs most, then the lead,
  falling off with each later sentence: the inverted pyramid), how it is told (asserted > intended
  > hypothetical > told in the past; negated counts half, and so does an event told inside a
  quotation: what someone said is not what the story reports) and the coder's confidence;
* a **kind** of event (its PLOVER type, else its CAMEO root) scores its best mention plus half of
  the others: what a story keeps coming back to is what it is about;
* the article's **main** events are those of the kinds within :data:`MAIN_RATIO` of the best kind.
  The rest stay in the record, flagged ``main=False`` (``background_events`` in JSON output,
  ``main`` in the store), so nothing is lost.

``salience`` on each event is its kind's score relative to the best kind (1.0 = the story's top
kind), so a user can pick another cut.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Sequence

from newsevents.records import Event

__all__ = ["MAIN_RATIO", "event_weight", "quote_spans", "rank_events"]

MAIN_RATIO = 0.4  # a kind is main when its score is at least this share of the best kind's
TITLE_WEIGHT = 4.0  # the headline states the story's news
SENTENCE_DECAY = 0.6  # sentence k of the body weighs 1 / (1 + decay * k)
OTHERS_SHARE = 0.5  # further mentions of a kind add this share of their weight
MODALITY_WEIGHT = {"asserted": 1.0, "intended": 0.8, "hypothetical": 0.5, "past": 0.4}
NEGATED_WEIGHT = 0.5
QUOTED_WEIGHT = 0.5  # told inside a quotation: what someone said, not what the story reports


def _kind(ev: Event) -> str:
    return ev.plover or ("cameo:" + ev.root)


def event_weight(ev: Event, quoted: bool = False) -> float:
    """How strongly this one mention speaks for its event being the article's news (``quoted``:
    its evidence lies inside a quotation)."""
    if ev.evidence_in == "title":
        pos = TITLE_WEIGHT
    else:
        pos = 1.0 / (1.0 + SENTENCE_DECAY * max(0, ev.sentence_index))
    w = max(ev.confidence, 0.05) * pos * MODALITY_WEIGHT.get(ev.modality, 1.0)
    return w * (NEGATED_WEIGHT if ev.negated else 1.0) * (QUOTED_WEIGHT if quoted else 1.0)


def quote_spans(result) -> tuple[tuple[int, int], ...]:
    """The (start, end) of a result's quotations."""
    return tuple((q.start, q.end) for q in result.quotes)


def _in_quote(ev: Event, quotes: Sequence[tuple[int, int]]) -> bool:
    return ev.evidence_in == "text" and any(qs <= ev.evidence_start < qe for qs, qe in quotes)


def rank_events(events: Sequence[Event], ratio: float = MAIN_RATIO,
                also: Sequence[Event] = (), quotes: Sequence[tuple[int, int]] = ()) -> tuple[Event, ...]:
    """The same events, in the same order, with ``salience`` and ``main`` filled in. ``also``:
    further mentions that count towards their kind but are not returned (a headline that repeats
    an event the text already has); ``quotes``: the article's quotations (start, end), whose
    events weigh less."""
    if not events:
        return tuple(events)
    weights: dict[str, list[float]] = defaultdict(list)
    for ev in (*events, *also):
        weights[_kind(ev)].append(event_weight(ev, _in_quote(ev, quotes)))
    score = {}
    for k, ws in weights.items():
        best = max(ws)
        score[k] = best + OTHERS_SHARE * (sum(ws) - best)
    top = max(score.values()) or 1.0
    out = []
    for ev in events:
        s = score[_kind(ev)] / top
        out.append(replace(ev, salience=round(s, 3), main=s >= ratio))
    return tuple(out)
