"""The classifier's second opinion on an article's coded events (after they are ranked).

The lexicon coder is precise where it has words and silent or wrong elsewhere; the classifier
(:mod:`~newsevents.stages.events.classifier`) reads whole passages and generalises from training
data, but finds no actors. Each opinion here acts only where the text has the actors for an event,
and only above a probability chosen on the tune parts of the dev sets (the values below; see
``docs/models/event_classifier.md``):

* **the story's news** (``plover`` head, on the headline and first sentences): when the classifier
  is sure of a type that no main event has, a background event of that type becomes main, or a
  new event of that type is proposed for the lede's actors; lexicon main events of a type it
  gives almost no chance are demoted to background (never deleted);
* **police action** (``police`` head, per sentence with a police actor): a killing or arrest by
  the police that the lexicon did not code becomes an event of the police;
* **an event the lexicon missed** (``pentacode`` head, per sentence): a sentence with two actors
  and no event gets one of the pentaclass the classifier is sure of, its type the ``plover``
  head's best within that class.

Proposed events carry ``rule="classifier:<head>"`` and the probability as ``confidence``; a
promoted or demoted event keeps its rule and gets ``"+classifier"`` appended, so ``explain`` can
say which path produced or moved each event.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from dataclasses import replace
from typing import Sequence

from newsevents.records import Actor, DocumentResult, Event
from newsevents.stages.events.cameo import cameo_table
from newsevents.stages.events.classifier import EventClassifier, load_classifier, passage

__all__ = ["second_opinion", "base_code", "penta_of"]

ADD_P = 0.35  # the plover head's probability above which the story's type is made main
ADD_P_OVER_MAIN = 0.4  # ... where the lexicon's main events are of other types
ADD_P_OVER_TITLE = 0.5  # ... where the headline has a main event of its own
DEMOTE_TOP_P = 0.5  # ... and above which main events of another type may be demoted
DEMOTE_BELOW = 0.05  # ... when their own type has less than this
STORY_SENTENCES = 3  # a text without a headline is a story (for the plover head) from this many sentences
POLICE_P = {"KILL": 0.3, "ARREST": 2.0}  # ARREST: no threshold helped on the tune part (the lexicon's are kept)
POLICE_CODE = {"KILL": "1823", "ARREST": "173"}
PENTA_P = 0.6  # a story's sentence with two actors and no event gets the pentaclass the head gives this much
LONE_PENTA_P = 0.4  # a lone sentence (no headline, under STORY_SENTENCES) with an actor and no event: likewise
LONE_MIN_ACTORS = 1  # ... and at least this many actors with a country (or an IGO)
PENTA_OVERRIDE_P = 0.6  # a lone sentence's main event of another pentaclass is replaced above this ...
PENTA_DEMOTE_BELOW = 0.15  # ... when its own pentaclass has less than this
PENTA_TYPES = {0: (), 1: ("AGREE", "CONSULT", "SUPPORT"), 2: ("COOPERATE", "AID", "CONCEDE", "RETREAT"),
               3: ("ACCUSE", "REJECT", "THREATEN", "REQUEST"),
               4: ("PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT")}
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'\u201d\u2019)]*|\n|$)")
_POLICE = re.compile(r"\bpolice|\bcops?\b|\bconstables?\b", re.I)
PRIMARY_ROOT = {"ACCUSE": "11", "REQUEST": "02", "ASSAULT": "18"}  # types that several CAMEO roots map to


@functools.lru_cache(maxsize=None)
def base_code(plover: str) -> str | None:
    """The plainest CAMEO code of a PLOVER type (its "not specified" code where it has one; of its
    primary root where several roots map to it: ACCUSE is 11 disapprove before 09 investigate)."""
    codes = [c for c, info in cameo_table().items() if info.get("plover") == plover and len(c) >= 3
             and c.startswith(PRIMARY_ROOT.get(plover, ""))]
    if not codes:
        return None
    return min(codes, key=lambda c: (not c.endswith("0"), len(c), c))


def _is_story(article, sents: list[tuple[int, int]]) -> bool:
    """A headline, or at least :data:`STORY_SENTENCES` sentences: read as a story (its lede says
    its news); else each sentence is read alone."""
    return bool((article.title or "").strip()) or len(sents) >= STORY_SENTENCES


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENT.finditer(text) if m.group().strip()]


def _event(code: str, source: Sequence[Actor], target: Sequence[Actor], start: int, end: int, text: str,
           p: float, head: str, date: str | None, index: int) -> Event:
    info = cameo_table()[code]
    return Event(source=tuple(source), target=tuple(target), cameo=code, root=code[:2],
                 quad_class=int(info["quad_class"]), goldstein=float(info["goldstein"]),
                 plover=info.get("plover") or None, plover_mode=info.get("plover_mode") or None,
                 date=date, date_source="article" if date else "unknown", negated=False, modality="asserted",
                 confidence=round(p, 3), evidence_start=start, evidence_end=end, evidence_text=text[start:end],
                 trigger="", rule=f"classifier:{head}", sentence_index=index)


class _Actors:
    """An article's actor mentions in text order, for the ones inside a span (each code once)."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.sorted = sorted(actors, key=lambda a: a.start)
        self.starts = [a.start for a in self.sorted]

    def within(self, start: int, end: int) -> list[Actor]:
        seen, out = set(), []
        for a in self.sorted[bisect_left(self.starts, start):bisect_left(self.starts, end)]:
            key = a.code or a.text.lower()
            if key not in seen:
                seen.add(key)
                out.append(a)
        return out


def _story_type(result: DocumentResult, clf: EventClassifier, events: list[Event],
                sents: list[tuple[int, int]], actors: _Actors) -> list[Event]:
    art = result.article
    if not _is_story(art, sents):
        return events  # one sentence or two is no story: the head was trained on headlines and ledes
    scores = clf.scores("plover", [passage(art.title, art.text, int(clf.meta.get("lede_sentences", 2)))])[0]
    top = max(scores, key=scores.get)
    p = scores[top]
    if p < min(ADD_P, DEMOTE_TOP_P):
        return events
    has_top = any(e.main and e.plover == top for e in events)
    if any(e.main and e.evidence_in == "title" for e in events):
        add_p = ADD_P_OVER_TITLE  # the headline states the news in words the lexicon knows
    elif any(e.main for e in events):
        add_p = ADD_P_OVER_MAIN
    else:
        add_p = ADD_P
    if not has_top and p >= add_p:
        of_top = [i for i, e in enumerate(events) if e.plover == top]
        background = [i for i in of_top if events[i].modality in ("asserted", "intended") and not events[i].negated]
        if of_top and not background:
            pass  # the text tells that type only in the past, negated or as a hypothesis: no news of it
        elif background:
            i = max(background, key=lambda i: events[i].salience)
            events[i] = replace(events[i], main=True, rule=events[i].rule + "+classifier")
            has_top = True
        else:
            lede = next(((s, e) for s, e in sents if actors.within(s, e)), None)
            main = next((e for e in events if e.main and e.evidence_in == "text"), None)
            code = base_code(top)
            if code and (main is not None or lede is not None):
                if main is not None:
                    src, tgt, s, e, idx = main.source, main.target, main.evidence_start, main.evidence_end, \
                        main.sentence_index
                else:
                    s, e = lede
                    acts = actors.within(s, e)
                    src, tgt, idx = acts[:1], acts[1:2], sents.index(lede)
                new = _event(code, src, tgt, s, e, art.text, p, "plover", art.date, idx)
                events.append(replace(new, salience=1.0, main=True, place=main.place if main else None))
                has_top = True
    if has_top and p >= DEMOTE_TOP_P:
        for i, ev in enumerate(events):
            if ev.main and ev.plover and ev.plover != top and scores.get(ev.plover, 0.0) < DEMOTE_BELOW:
                events[i] = replace(ev, main=False, rule=ev.rule + "+classifier")
    return events


def _police(result: DocumentResult, clf: EventClassifier, events: list[Event],
            sents: list[tuple[int, int]], actors: _Actors) -> list[Event]:
    text = result.article.text
    for idx, (s, e) in enumerate(sents):
        police = [a for a in actors.within(s, e) if a.sector == "COP"]
        if not police and not _POLICE.search(text, s, e):
            continue
        scores = clf.scores("police", [text[s:e]])[0]
        for label, code in POLICE_CODE.items():
            if scores[label] < POLICE_P[label]:
                continue
            in_sent = [ev for ev in events if ev.evidence_in == "text" and s <= ev.evidence_start < e]
            if any(ev.cameo.startswith(code) for ev in in_sent):
                continue
            if not police:
                m = _POLICE.search(text, s, e)
                police = [Actor(text=text[m.start():m.end()], start=m.start(), end=m.end(), sector="COP",
                                kind="sector", how="classifier:police")]
            others = [a for a in actors.within(s, e) if a.sector != "COP"]
            ev = _event(code, police[:1], others[:1], s, e, text, scores[label], "police", result.article.date, idx)
            events.append(replace(ev, main=not any(x.main for x in events), salience=0.5))
    return events


def penta_of(root: str) -> int:
    """The CAMEO pentaclass of a root: 0 statement (01-02), 1 verbal cooperation (03-05), 2 material
    cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20), as the quad classes."""
    r = int(root)
    return 0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def _sentence_type(clf: EventClassifier, sentence: str, c: int) -> str | None:
    """The CAMEO code for pentaclass ``c`` in ``sentence``: the ``plover`` head's best type within it."""
    types = PENTA_TYPES.get(c, ())
    if not types:
        return "010" if c == 0 else None
    kinds = clf.scores("plover", [sentence])[0]
    return base_code(max(types, key=lambda t: kinds.get(t, 0.0)))


def _lone_sentence(result: DocumentResult, clf: EventClassifier, events: list[Event],
                   sents: list[tuple[int, int]]) -> list[Event]:
    """A text of one or two sentences and no headline: its main events answer to the pentacode head."""
    art = result.article
    if _is_story(art, sents):
        return events
    for idx, (s, e) in enumerate(sents):
        mains = [i for i, ev in enumerate(events)
                 if ev.main and ev.evidence_in == "text" and s <= ev.evidence_start < e]
        if not mains:
            continue
        scores = clf.scores("pentacode", [art.text[s:e]])[0]
        c = max(scores, key=scores.get)
        if scores[c] < PENTA_OVERRIDE_P:
            continue
        wrong = [i for i in mains if penta_of(events[i].root) != int(c)
                 and scores.get(str(penta_of(events[i].root)), 0.0) < PENTA_DEMOTE_BELOW]
        if len(wrong) < len(mains):
            continue  # one of the main events agrees with the head: keep them all
        code = _sentence_type(clf, art.text[s:e], int(c))
        if code is None:
            continue
        first = events[wrong[0]]
        for i in wrong:
            events[i] = replace(events[i], main=False, rule=events[i].rule + "+classifier")
        ev = _event(code, first.source, first.target, first.evidence_start, first.evidence_end, art.text,
                    scores[c], "pentacode", art.date, idx)
        events.append(replace(ev, main=True, salience=1.0, place=first.place, date=first.date,
                              date_source=first.date_source))
    return events


def _missed(result: DocumentResult, clf: EventClassifier, events: list[Event],
            sents: list[tuple[int, int]], actors: _Actors) -> list[Event]:
    text = result.article.text
    lone = not _is_story(result.article, sents)
    coded = sorted(ev.evidence_start for ev in events if ev.evidence_in == "text")
    any_main = any(ev.main for ev in events)
    for idx, (s, e) in enumerate(sents):
        i = bisect_left(coded, s)
        if i < len(coded) and coded[i] < e:
            continue
        acts = [a for a in actors.within(s, e) if a.country or a.kind == "igo"]
        if len(acts) < (LONE_MIN_ACTORS if lone else 2):
            continue
        sentence = text[s:e]
        scores = clf.scores("pentacode", [sentence])[0]
        c = max(scores, key=scores.get)
        types = PENTA_TYPES.get(int(c), ())
        if scores[c] < (LONE_PENTA_P if lone else PENTA_P) or not types:
            continue
        code = _sentence_type(clf, sentence, int(c))
        if code is None:
            continue
        ev = _event(code, acts[:1], acts[1:2], s, e, text, scores[c], "pentacode", result.article.date, idx)
        events.append(replace(ev, main=not any_main, salience=1.0 if not any_main else 0.3))
        any_main = True
    return events


def second_opinion(result: DocumentResult, clf: EventClassifier | None = None) -> DocumentResult:
    """``result`` with the classifier's opinions applied (see the module docstring)."""
    clf = clf or load_classifier()
    art = result.article
    if clf is None or not art.text:
        return result
    sents = _sentences(art.text)
    events = list(result.events)
    actors = _Actors(result.actors)
    events = _story_type(result, clf, events, sents, actors)
    events = _police(result, clf, events, sents, actors)
    events = _lone_sentence(result, clf, events, sents)
    events = _missed(result, clf, events, sents, actors)
    if events == list(result.events):
        return result
    return replace(result, events=tuple(events))
