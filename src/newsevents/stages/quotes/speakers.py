"""Who speaks: the subject of a speech cue (also inverted, or introducing a quote with a colon),
and the person a passage is about when there is no cue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.stages.quotes.lexicon import BAD_SUBJECT_ENTS, HUMAN_SUFFIXES, NOT_SPEAKERS, PERSON_PRONOUNS, SOURCE_NOUNS
from newsevents.stages.quotes.marks import QuoteSpan
from newsevents.stages.quotes.view import QuoteView, Speaker

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token


def _is_source(t: "Token") -> bool:
    """Can this subject speak? A name, an organisation, a personal pronoun, or a noun for a
    person or a speaking source."""
    if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    low = t.lower_
    if t.pos_ == "PRON":
        return low in PERSON_PRONOUNS or low in ("who", "you", "someone", "somebody", "everyone")
    if t.pos_ == "PROPN":
        return True
    lemma = t.lemma_.lower()
    return lemma in SOURCE_NOUNS or low in SOURCE_NOUNS or lemma.endswith(HUMAN_SUFFIXES)


def subject_of(v: "Token") -> "Token | None":
    """The subject of a cue verb, climbing through ``by saying``/``adding ...``/``went on to say``
    clauses to the clause that has one. A subject that cannot speak ("the areas suggested") makes
    the climb go on to the next clause up; if none can, the first subject found is returned."""
    first = None
    for _ in range(6):
        if v.lemma_ == "accord":
            for c in v.children:
                if c.lower_ == "to":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return g
            return first
        subj = None
        for c in v.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                subj = v.head if (c.lower_ in ("that", "which") and v.dep_ == "relcl") else c
                break
        if subj is None and v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
            subj = v.head
        if subj is not None:
            if _is_source(subj):
                return subj
            if first is None:
                first = subj
        head = v.head
        if head.i == v.i:
            break  # the root: climbing on would only look at it again
        v = head
    return first


def inverted_subject(v: "Token") -> "Token | None":
    """``said the mayor``: a noun right of the verb when the parser gave it no subject."""
    for c in v.rights:
        if c.dep_ in ("dobj", "attr", "npadvmod", "dative", "oprd") and c.pos_ in ("PROPN", "NOUN"):
            return c
    return None


def valid_subject(view: QuoteView, t: "Token | None") -> bool:
    if t is None or view.inside[t.i] or t.is_punct or t.is_space:
        return False
    if t.lower_ in NOT_SPEAKERS:
        return False
    ent = view.ent_of.get(t.i)
    if ent is not None and ent.label_ in BAD_SUBJECT_ENTS:
        return False
    return t.pos_ in ("PROPN", "NOUN", "PRON") or ent is not None


def speaker_of_cue(view: QuoteView, cue: "Token", window: range | None = None) -> "Token | None":
    """The subject of a cue: parsed subject, else the noun phrase next to it inside ``window``."""
    subj = subject_of(cue)
    if valid_subject(view, subj):
        return subj
    if cue.lemma_ == "accord":
        return None
    inv = inverted_subject(cue)
    if valid_subject(view, inv):
        return inv
    if window is not None:
        doc = view.doc
        # '"...," Bozell answers' with the verb tagged as a noun: the name right before it
        k = cue.i - 1
        if k in window and valid_subject(view, doc[k]) and doc[k].pos_ in ("PROPN", "PRON"):
            return doc[k]
        # '"...," said the 43-year-old': the first noun after it
        for k in range(cue.i + 1, min(cue.i + 6, window.stop)):
            if doc[k].is_punct:
                break
            if valid_subject(view, doc[k]) and doc[k].pos_ in ("PROPN", "NOUN", "PRON"):
                # the head of its phrase
                h = doc[k]
                while h.head.i in window and h.head.i > h.i and h.dep_ in ("compound", "amod", "det", "nummod"):
                    h = h.head
                return h
    return None


def colon_speaker(view: QuoteView, ti: int):
    """Who introduces a quote with the colon at token ``ti``: the subject of the verb the colon
    hangs on ("Okafor continued:"), or the name right before it ("More from Lindqvist:")."""
    doc = view.doc
    h = doc[ti].head
    if not view.inside[h.i] and h.i < ti:
        if h.pos_ in ("VERB", "AUX"):
            subj = subject_of(h) or inverted_subject(h)
            if subj is not None and subj.i < ti and not view.inside[subj.i]:
                return subj, h
        elif h.pos_ in ("PROPN", "NOUN"):
            return h, h
    for k in range(ti - 1, max(-1, ti - 9), -1):
        t = doc[k]
        if view.inside[k] or t.is_space or t.text == "\n":
            break
        ent = view.ent_of.get(k)
        if ent is not None and ent.label_ in BAD_SUBJECT_ENTS:
            continue
        if t.pos_ == "PROPN":
            return t, t
        if t.pos_ == "VERB":
            subj = subject_of(t)
            if subj is not None and subj.i < ti and not view.inside[subj.i]:
                return subj, t
            break
    return None, None


def guess_speaker(view: QuoteView, sp: QuoteSpan, para_start: int, para_end: int, prev) -> Speaker | None:
    """No cue and nothing to inherit: the person this passage is about. The nearest person named
    as a subject before the quote in its paragraph or the one before, else the nearest person
    named before it, else the first one named after it in the paragraph."""
    lo = view.text.rfind("\n", 0, max(0, para_start - 2)) + 1 if para_start > 0 else 0
    before = [e for e in view.persons if lo <= e.start_char < sp.start and not view.inside[e.start]]
    for e in reversed(before):
        if e.root.dep_ in ("nsubj", "nsubjpass"):
            return view.speaker_from_token(e.root, sp.start)
    if before:
        return view.speaker_from_token(before[-1].root, sp.start)
    for e in view.persons:
        if sp.end <= e.start_char < para_end and not view.inside[e.start]:
            return view.speaker_from_token(e.root, sp.start)
    if prev is not None and prev[1] is not None:
        return prev[1]
    return None
