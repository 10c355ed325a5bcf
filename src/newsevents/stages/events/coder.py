"""Dependency-based event coder: clauses and nominal triggers -> CAMEO events between actors.

For each sentence we look at verbs whose lemma is in the lexicon and at nouns that are nominal
triggers. A verb's clause gives the source (``nsubj``; ``agent`` in the passive), the target
(``dobj``; ``nsubjpass`` in the passive; ``pobj`` of the pattern's prepositions), the particle and
the light-verb object ("held *talks* with"). Outer verbs (pledge/threaten/refuse/urge/demand/plan
...) code the verb or noun they govern through :mod:`.families`. Actors come from the actor stage's
mentions (``AnnotatedDoc.mention_at``). One event is made per (source, target) dyad.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from bisect import bisect_left
from dataclasses import replace, dataclass, field
from typing import Iterable

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS, TAG
from spacy.symbols import AUX, NOUN, PROPN, VERB

from newsevents.stages.actors import demonym_country
from newsevents.stages.places import place_for_clause
from newsevents.records import Actor, Event, Place
from newsevents.stages.times import time_for_clause
from newsevents.stages.events.families import map_family
from newsevents.stages.events.fatalities import death_clauses, fatalities_for
from newsevents.stages.events.lexicon import Lexicon, NounEntry, VerbEntry

SUBJ = ("nsubj", "csubj")
PASS_SUBJ = ("nsubjpass", "csubjpass")
PREP_DEPS = ("prep", "dative", "agent")
PARTICLES = {"down", "out", "over", "back", "in", "off", "up", "away", "on"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "who", "which", "that"}
RELATIVE = {"who", "which", "that", "whom"}
HYPOTHETICAL_AUX = {"would", "could", "may", "might", "should", "must", "can"}
INTENT_AUX = {"will", "shall", "'ll", "wo"}
# verbs whose object (or prepositional object) noun is the event itself: "held talks", "launched strikes"
SUPPORT = {
    "hold", "launch", "carry", "conduct", "stage", "mount", "make", "begin", "start", "continue",
    "resume", "host", "give", "deliver", "issue", "announce", "order", "step", "intensify",
    "escalate", "impose", "sign", "reach", "offer", "provide", "send", "lodge", "file", "declare",
    "deploy", "organize", "organise", "call", "go", "undertake", "perform", "open", "initiate",
    "attend", "join", "extend", "grant", "approve", "authorize", "pledge", "promise", "seek", "take",
    "expand", "increase", "boost",
}
OBJECT_CONTROL = {"urge", "ask", "order", "call", "invite", "encourage", "press", "warn", "request",
                  "implore", "appeal", "push", "force", "tell", "instruct", "persuade"}
STATEMENT_PENALTY = 0.2  # plain statements ("X said ...", data/statements.tsv) rank below other events
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
DATE_VALUE = re.compile(r"^\d{4}(-\d\d){0,2}$")  # a time expression's value that can date an event


class DocView:
    """One document's token attributes as plain lists, read once.

    spaCy builds a new ``Token`` object for every ``doc[i]``, ``token.children`` or ``token.head``,
    and every string attribute is a lookup in the string store; the coder asks the same questions
    of the same tokens many times over, so it reads them here by index instead. ``lemma`` is the
    lower-cased lemma (what the coder compares); :meth:`kids` gives a token's children;
    ``verbs``, ``nouns`` and ``roots`` list (in order) the indices of the tokens that may be coded
    as verbs (``pos_`` VERB or AUX, or a ``VB*`` tag) or nouns (NOUN or PROPN) and of the
    dependency roots (tokens that are their own head)."""

    __slots__ = ("doc", "lower", "lemma", "pos", "tag", "dep", "head", "verbs", "nouns", "roots", "memo",
                 "_order", "_bounds", "_kids")
    # hash (or part-of-speech id) -> string, per column, shared by all documents (one vocabulary)
    _names: tuple[dict[int, str], ...] = ({}, {}, {}, {}, {})

    def __init__(self, doc) -> None:
        self.doc = doc
        arr = doc.to_array([LOWER, LEMMA, POS, TAG, DEP])
        strings = doc.vocab.strings
        self.lower, self.lemma, self.pos, self.tag, self.dep = (
            _lookup(known, arr[:, k].tolist(), (lambda x: strings[x].lower()) if k == 1 else strings.__getitem__)
            for k, known in enumerate(self._names))
        index = numpy.arange(len(doc))
        head = index + doc.to_array(HEAD).view("int64")  # HEAD: relative offsets, stored unsigned
        self.head = head.tolist()
        # the tokens sorted by head (stable: in document order among one head's children) and where
        # each head's block starts in that order
        order = numpy.argsort(head, kind="stable")
        self._order = order.tolist()
        self._bounds = numpy.searchsorted(head[order], numpy.arange(len(doc) + 1)).tolist()
        self._kids: dict[int, list[int]] = {}
        self.roots = numpy.flatnonzero(head == index).tolist()
        pos, tags = arr[:, 2], arr[:, 3]
        verbs = (pos == VERB) | (pos == AUX)
        for tag, name in self._names[3].items():  # the tag set is small
            if name.startswith("VB"):
                verbs |= tags == tag
        self.verbs = numpy.flatnonzero(verbs).tolist()
        self.nouns = numpy.flatnonzero((pos == NOUN) | (pos == PROPN)).tolist()
        self.memo: dict = {}  # results of pure functions of this document's tokens

    def kids(self, i: int) -> list[int]:
        """The indices of token i's children in document order (as ``token.children`` yields them)."""
        out = self._kids.get(i)
        if out is None:
            out = self._kids[i] = [j for j in self._order[self._bounds[i]:self._bounds[i + 1]] if j != i]
        return out


def _within(indices: list[int], start: int, end: int) -> list[int]:
    """The items of the sorted list ``indices`` in [start, end)."""
    return indices[bisect_left(indices, start):bisect_left(indices, end)]


def _lookup(known: dict, keys: list, make) -> list:
    """``[known[k] for k in keys]``, adding the keys ``known`` lacks as ``make(k)``."""
    try:
        return list(map(known.__getitem__, keys))
    except KeyError:
        for k in set(keys).difference(known):
            known[k] = make(k)
        return list(map(known.__getitem__, keys))


_LAST = threading.local()  # .view: the view of the document this thread read last


def doc_view(doc, *, fresh: bool = False) -> DocView:
    """The :class:`DocView` of ``doc`` (kept for the document read last; ``fresh`` reads it again)."""
    view = getattr(_LAST, "view", None)
    if fresh or view is None or view.doc is not doc:
        view = _LAST.view = DocView(doc)
    return view


@dataclass
class Frame:
    """What a clause offers: source/target actors and the tokens they came from."""

    verb: object
    sources: list[tuple[Actor, float]] = field(default_factory=list)  # (actor, penalty)
    passive: bool = False
    dobj: list = field(default_factory=list)  # tokens
    preps: dict[str, list] = field(default_factory=dict)  # prep word -> pobj tokens
    particles: set[str] = field(default_factory=set)
    negated: bool = False
    modality: str = "asserted"


@dataclass
class Draft:
    code: str
    sources: list[tuple[Actor, float]]
    targets: list[Actor]
    trigger: str
    rule: str
    sent_i: int
    sent: object
    negated: bool
    modality: str
    base: float
    date: str | None = None
    date_source: str = "article"
    consumed: tuple[int, ...] = ()
    reciprocal: bool = False  # conjoined subjects act on each other
    reverse_code: str = ""  # also coded back from each target to each source (PETRARCH "[040:040]")
    agentless: bool = False  # no source in the text ("were arrested", "a bombing killed"): source left empty
    plover: str | None = None  # PLOVER type overriding the CAMEO correspondence (intended yields: CONCEDE)
    place: Place | None = None  # where the clause says it happened ("clashed in Aleppo")
    head_i: int | None = None  # document index of the trigger token (verb or noun)
    fatalities: int | None = None  # people the text says this (violent) event killed


class Coder:
    def __init__(self, lexicon: Lexicon, *, allow_unresolved: bool = True) -> None:
        self.lex = lexicon
        self.allow_unresolved = allow_unresolved

    # ------------------------------------------------------------------ actors
    def actors_of(self, adoc, tok, *, depth: int = 0) -> list[Actor]:
        """Actors for the NP headed by ``tok`` (and its conjuncts)."""
        return self._actors_at(adoc, doc_view(tok.doc), tok.i, depth)

    def _actors_at(self, adoc, v: DocView, i: int, depth: int = 0) -> list[Actor]:
        """:meth:`actors_of` the token at index ``i``."""
        out: list[Actor] = []
        seen: set[int] = set()
        for t in [i, *_conjuncts(v, i)]:
            a = self._actor_one(adoc, v, t, depth)
            if a is not None and id(a) not in seen:
                seen.add(id(a))
                out.append(a)
        return out

    def _actor_one(self, adoc, v: DocView, i: int, depth: int) -> Actor | None:
        m = adoc.mention_at(i)
        if m is not None:
            if not m.actor.country and m.actor.sector and depth == 0:
                return self._with_country(adoc, v.doc[i], m.actor)
            return _demonym_state(m.actor)
        if depth > 2:
            return None
        dep, kids = v.dep, v.kids(i)
        # "the leaders of France", "France's leaders", "Russian officials", "a group led by X"
        for c in kids:
            if dep[c] in ("poss", "compound", "amod", "nmod", "appos"):
                m = adoc.mention_at(c)
                if m is not None:
                    return _demonym_state(m.actor)
        for c in kids:
            if dep[c] == "prep" and v.lower[c] in ("of", "from"):
                for p in v.kids(c):
                    if dep[p] == "pobj":
                        a = self._actor_one(adoc, v, p, depth + 1)
                        if a is not None:
                            return a
        if self.allow_unresolved and v.pos[i] == "PROPN":
            t = v.doc[i]
            if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
                span = t.doc[t.left_edge.i: t.right_edge.i + 1] if t.right_edge.i - t.left_edge.i < 6 else t
                s, e, text = adoc.orig_span(span)
                return Actor(text=text, start=s, end=e, kind="unresolved", how="events:propn")
        return None

    def _with_country(self, adoc, t, actor: Actor) -> Actor:
        """ "officials from Nepal": a sector mention takes the country of its of/from phrase."""
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for p in c.children:
                    m = adoc.mention_at(p.i) if p.dep_ == "pobj" else None
                    if m is not None and m.actor.country and m.actor.kind == "state":
                        s, e, text = adoc.orig(t.doc[t.left_edge.i].idx, p.idx + len(p))
                        return Actor(text=text, start=s, end=e, code=m.actor.country + (actor.sector or ""),
                                     country=m.actor.country, sector=actor.sector, name=actor.name,
                                     kind="sector", how="events:of-country")
        return actor

    def subject_actors(self, adoc, verb, depth: int = 0) -> list[tuple[Actor, float]]:
        """Source actors of ``verb``'s clause, inheriting from governing verbs where English does."""
        return self._subject_actors_at(adoc, doc_view(verb.doc), verb.i, depth)

    def _subject_actors_at(self, adoc, v: DocView, i: int, depth: int = 0) -> list[tuple[Actor, float]]:
        """:meth:`subject_actors` of the verb at index ``i``."""
        if depth > 4:
            return []
        dep, kids = v.dep, v.kids(i)
        subj = [c for c in kids if dep[c] in SUBJ]
        if _passive_at(v, i):
            agents = [p for c in kids if dep[c] == "agent" for p in v.kids(c) if dep[p] == "pobj"]
            out = []
            for a in agents:
                out.extend((x, 0.0) for x in self._actors_at(adoc, v, a))
            return out
        verb_dep, head = dep[i], v.head[i]
        if subj:
            s = subj[0]
            if v.lower[s] in RELATIVE and verb_dep == "relcl":
                return [(a, 0.0) for a in self._actors_at(adoc, v, head)]
            if v.lower[s] in PRONOUNS and v.pos[s] == "PRON":
                # "Russia said it would ...": the pronoun is the speaker of the governing verb
                if verb_dep in ("ccomp", "conj", "advcl"):
                    inherited = self._subject_actors_at(adoc, v, head, depth + 1)
                    if inherited:
                        return [(a, p + 0.1) for a, p in inherited]
                prev = adoc.extras.get("_events_last_subject")
                if prev and v.lower[s] in ("it", "they", "he", "she", "we"):
                    return [(a, 0.2) for a in prev]
                return []
            return [(a, 0.0) for a in self._actors_at(adoc, v, s)]
        if verb_dep in ("conj", "xcomp", "acomp") or (verb_dep == "advcl" and v.tag[i] == "VBG"):
            # "acomp": the predicate adjective governing "to restore" in "X is about/ready to restore"
            if verb_dep == "xcomp" and v.lemma[head] in OBJECT_CONTROL:
                objs = _controller_at(v, head)
                if objs:
                    return [(a, 0.0) for a in self._actors_at(adoc, v, objs[0])]
            return self._subject_actors_at(adoc, v, head, depth + 1)
        if verb_dep == "relcl":
            return [(a, 0.0) for a in self._actors_at(adoc, v, head)]
        if verb_dep == "acl" and v.tag[i] == "VBG":  # "troops firing on protesters"
            return [(a, 0.1) for a in self._actors_at(adoc, v, head)]
        return []

    # ------------------------------------------------------------------ clauses
    def frame(self, adoc, verb) -> Frame:
        f = self._frame(adoc, verb)
        if f.sources is None:
            f.sources = self.subject_actors(adoc, verb)
        return f

    def _frame(self, adoc, verb) -> Frame:
        """:meth:`frame`, but ``sources`` is left None (for the caller to fill) unless the clause
        itself says who acted: most clauses have no lexicon entry that fits, and finding the
        subject's actors is the costly part."""
        # read by index from the document view; the tokens kept in the frame are made where the
        # clause offers them (one object per place, as token.children would make them)
        doc = verb.doc
        v = doc_view(doc)
        dep, lower, i = v.dep, v.lower, verb.i
        kids = v.kids(i)
        f = Frame(verb=verb, passive=_passive_at(v, i))
        f.sources = None
        for c in kids:
            d = dep[c]
            if d == "dobj" or (f.passive and d in PASS_SUBJ):
                f.dobj.append(doc[c])
            elif d in PREP_DEPS and d != "agent":
                inner = v.kids(c)
                f.preps.setdefault(lower[c], []).extend(doc[p] for p in inner if dep[p] in ("pobj", "pcomp"))
                for g in inner:  # "out of", "away from": the inner preposition carries the object
                    if dep[g] == "prep":
                        objs = [doc[p] for p in v.kids(g) if dep[p] == "pobj"]
                        f.preps.setdefault(lower[g], []).extend(objs)
                        f.preps.setdefault(f"{lower[c]} {lower[g]}", []).extend(objs)
            elif d == "prt" or (d == "advmod" and lower[c] in ("down", "out", "off", "back", "away") and c == i + 1):
                f.particles.add(lower[c])  # "stepped down", "walked out" (particles parsed as adverbs)
            elif d == "dative" and v.pos[c] in ("NOUN", "PROPN"):
                f.preps.setdefault("to", []).append(doc[c])  # "gave Pakistan a loan": a bare indirect object
            elif d == "neg":
                f.negated = True
        if f.passive and not f.dobj and any(dep[c] == "agent" for c in kids):
            # "Two guards shot by gunmen": a by-agent makes the plain subject the patient
            f.dobj.extend(doc[c] for c in kids if dep[c] in SUBJ)
        head = v.head[i]
        if _reduced_passive_at(v, i) and v.pos[head] in ("NOUN", "PROPN", "NUM"):
            f.passive = True  # "the journalists detained on Monday": the head noun is the patient
            f.dobj.append(doc[head])
        elif adoc.extras.get("headline") and self._headline_passive(verb, f):
            # headlinese drops the auxiliary: "Opposition leader detained at airport" is a passive
            subj = [doc[c] for c in kids if dep[c] in SUBJ]
            f.passive = True
            f.dobj.extend(subj)
            f.sources = [(a, 0.0) for c in kids if dep[c] in ("prep", "agent") and lower[c] == "by"
                         for p in v.kids(c) if dep[p] == "pobj" for a in self._actors_at(adoc, v, p)]
        f.modality = _modality_at(v, i)
        if dep[i] == "conj" and not any(dep[c] in ("aux", "neg") for c in kids):
            head_mod = _modality_at(v, head)
            if head_mod != "asserted":
                f.modality = head_mod
            f.negated = f.negated or any(dep[c] == "neg" for c in v.kids(head))
        return f

    def _headline_passive(self, verb, f: Frame) -> bool:
        """A past-tense headline verb with a subject, no object and no auxiliary, whose lexicon
        entries want an object ("Ban lifted", "Reporter detained"): the subject is the patient."""
        if verb.tag_ not in ("VBD", "VBN") or f.passive or f.dobj:
            return False
        if verb.lower_ == verb.lemma_.lower():
            return False  # "Prices hit a record", "Iran cut output": as likely the present tense
        if verb.dep_ not in ("ROOT", "conj") or any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children):
            return False
        if not any(c.dep_ in SUBJ for c in verb.children):
            return False
        subj = [c for c in verb.children if c.dep_ in SUBJ]
        entries = self.lex.verbs.get(verb.lemma_.lower()) or []
        for e in entries:  # a light verb whose object noun is the subject: "Ban lifted"
            for s in subj:
                words = noun_words(s, of_phrase=True)
                if any(words[-len(o):] == list(o) for o in e.objects):
                    return True
        kinds = {e.kind for e in entries if not e.objects}
        return bool(kinds & {"dobj", "passive"}) and not (kinds & {"intransitive", "any"})

    def match_object(self, entry: VerbEntry, f: Frame):
        """The noun token that matches the entry's object noun(s), looked up in dobj then pobj."""
        verb = f.verb
        v = doc_view(verb.doc)
        cands = list(f.dobj) + [p for ps in f.preps.values() for p in ps]
        cands += [verb.doc[c] for c in v.kids(verb.i) if v.dep[c] in ("attr", "npadvmod", "oprd")]
        if v.dep[verb.i] in ("xcomp",) and v.lemma[verb.i] in ("comment",):
            cands.append(verb)
        for tok in cands:
            words = _noun_words_at(v, tok.i, True)
            lower = v.lower[tok.i]
            for obj in entry.objects:
                if words[-len(obj):] == tuple(obj) or (len(obj) == 1 and lower == obj[0]):
                    return tok
        return None

    def verb_entries(self, verb, f: Frame) -> list[tuple[VerbEntry, object]]:
        v = doc_view(verb.doc)
        lemma, lower = v.lemma[verb.i], v.lower[verb.i]
        # an entry written for this very form ("left", "risen") is more specific than the lemma's
        entries = (self.lex.verbs.get(lower) if lower != lemma else None) \
            or self.lex.verbs.get(lemma) or self.lex.verbs.get(lower) or []
        other = _other_spelling(lemma)  # "apologise" and "apologize" share their entries
        if other and other in self.lex.verbs:
            entries = list(entries) + [e for e in self.lex.verbs[other] if e not in entries]
        if not entries:
            return []
        with_prt = [e for e in entries if e.particle and (e.particle in f.particles or e.particle in f.preps)]
        if with_prt:
            pool = with_prt + [e for e in entries if not e.particle and not f.particles]
        else:
            bad_prt = f.particles & PARTICLES
            pool = [e for e in entries if not e.particle and not bad_prt]
        out = []
        for e in pool:
            if e.objects:
                tok = self.match_object(e, f)
                if tok is not None:
                    out.append((e, tok))
        for e in pool:
            if not e.objects:
                out.append((e, None))
        return out

    def targets_for(self, adoc, entry: VerbEntry, f: Frame, objtok) -> tuple[list[Actor], bool]:
        """(targets, slot_present): actors in the entry's target slot, and whether the slot exists."""
        kind = entry.kind
        preps = dict(f.preps)
        if objtok is not None:  # "imposed sanctions on X": the prep may hang on the object noun
            for c in objtok.children:
                if c.dep_ in ("prep", "dative"):
                    preps.setdefault(c.lower_, []).extend(p for p in c.children if p.dep_ == "pobj")
        if kind == "prep":
            toks = [p for pr in entry.preps for p in preps.get(pr, []) if p is not objtok]
            acts = [a for t in toks for a in self.actors_of(adoc, t)]
            return acts, bool(toks) or objtok is not None
        if kind in ("dobj", "passive"):
            toks = [t for t in f.dobj if t is not objtok]
            acts = [a for t in toks for a in self.actors_of(adoc, t)]
            if not acts:  # "condemned Russia's annexation": the possessor is the target
                for t in toks:
                    for c in t.children:
                        if c.dep_ == "poss":
                            acts.extend(self.actors_of(adoc, c))
            return acts, bool(toks)
        if kind == "any":  # PETRARCH-style: the object or a usual preposition, else the first actor after the verb
            acts, _ = self.targets_for(adoc, replace(entry, pattern="intransitive"), f, objtok)
            return (acts or self._first_actor_after(adoc, f.verb)), True
        if kind in ("intransitive", "ccomp"):
            toks = [t for t in f.dobj if t is not objtok]
            toks += [p for pr in ("against", "with", "on", "from", "at", "to") for p in preps.get(pr, [])
                     if p is not objtok]
            acts = [a for t in toks for a in self.actors_of(adoc, t)]
            if not acts and kind == "ccomp" and entry.code[:2] in ("02", "10", "13"):
                # "demanded that Israel lift the blockade": who is asked (or threatened) is the
                # subject of the clause
                for c in f.verb.children:
                    if c.dep_ == "ccomp":
                        acts = [a for s in c.children if s.dep_ in SUBJ for a in self.actors_of(adoc, s)]
                        if acts:
                            break
            return acts, True
        return [], False

    def _first_actor_after(self, adoc, verb) -> list[Actor]:
        """The first actor in the verb's own phrase after it (not in its subject or in other clauses)."""
        blocked: set[int] = set()
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass", "csubj", "ccomp", "advcl", "relcl", "parataxis", "conj", "cc"):
                blocked.update(x.i for x in c.subtree)
        for t in verb.subtree:
            if t.i <= verb.i or t.i in blocked or t.pos_ not in ("NOUN", "PROPN"):
                continue
            acts = self.actors_of(adoc, t)
            if acts:
                return acts
        return []

    # ------------------------------------------------------------------ coding
    def code_sentence(self, adoc, sent, sent_i: int) -> list[Draft]:
        lex = self.lex
        doc = adoc.doc
        v = doc_view(doc)
        lower, lemma, tag, dep = v.lower, v.lemma, v.tag, v.dep
        verbs, nouns = lex.verbs, lex.nouns
        drafts: list[Draft] = []
        handled: set[int] = set()  # inner verbs coded through an outer verb
        consumed: set[int] = set()  # nouns coded as a verb's object
        for i in _within(v.verbs, sent.start, sent.end):
            if i in handled or not (lemma[i] in verbs or lower[i] in verbs
                                    or (_other_spelling(lemma[i]) or "") in verbs):
                continue
            t = doc[i]
            d = self.code_verb(adoc, t, sent, sent_i, handled, consumed)
            if d is None and tag[i] == "VBG" and (dep[i] in ("pobj", "dobj", "nsubj", "nsubjpass") or (
                    dep[i] == "acl" and lemma[v.head[i]] in FORCE_NOUNS and i == v.head[i] + 1)):
                d = self.code_noun(adoc, t, sent, sent_i)  # a gerund used as a noun: "died in police firing"
            if d is not None:
                drafts.append(d)
        for i in _within(v.nouns, sent.start, sent.end):
            if i in consumed:
                continue
            # code_noun codes nothing unless _specific_noun finds entries for the word: test that first
            if not (lower[i] in nouns if tag[i] == "VBG" else (lemma[i] in nouns or lower[i] in nouns)):
                continue
            d = self.code_noun(adoc, doc[i], sent, sent_i)
            if d is not None:
                drafts.append(d)
        return drafts

    def code_verb(self, adoc, verb, sent, sent_i, handled, consumed) -> Draft | None:
        f = self._frame(adoc, verb)
        cands = self.verb_entries(verb, f)
        if not cands:
            return None
        if f.sources is None:
            f.sources = self.subject_actors(adoc, verb)
        # outer verbs that govern another event: xcomp / modal entries
        for e, objtok in cands:
            if e.kind in ("xcomp", "modal"):
                d = self.code_outer(adoc, e, f, sent, sent_i, handled, consumed)
                if d is not None:
                    return d
        v = doc_view(verb.doc)
        if v.dep[verb.i] == "xcomp" and v.head[verb.i] in handled:
            return None
        has_ccomp = any(v.dep[c] == "ccomp" for c in v.kids(verb.i))
        best = None
        for e, objtok in cands:
            if e.kind in ("xcomp", "modal"):
                continue
            if e.kind == "ccomp" and not has_ccomp:
                continue
            if e.kind == "passive" and not f.passive:
                continue
            targets, slot = self.targets_for(adoc, e, f, objtok)
            if not targets and len(f.sources) >= 2 and ("with" in e.preps or e.kind in ("intransitive", "any")
                                                         or (e.kind == "dobj" and objtok is not None)):
                reciprocal = True  # "India and Pakistan clashed", "X and Y signed a treaty"
                slot = True
            else:
                reciprocal = False
            if not slot and e.kind not in ("intransitive", "any"):
                continue
            if e.needs_target and not targets:
                continue
            # family verbs with an event noun as object: "pledged aid", "demanded the release of"
            code, negated = e.code, f.negated
            inner_noun = None
            if e.code[:2] in ("02", "03", "10", "12", "13") and objtok is None:
                inner_noun = self._event_noun_object(f, e)
            if inner_noun is not None:
                ntok, nentry = inner_noun
                mapped, neg2 = map_family(e.code, nentry.code)
                if mapped:
                    code, negated = mapped, negated or neg2
                    consumed.add(ntok.i)
                    ntargets = self.noun_targets(adoc, ntok, nentry)
                    if not ntargets and e.code[:2] in ("02", "10"):  # "called for talks between X and Y"
                        ntargets = [a for c in ntok.children if c.dep_ == "prep" and c.lower_ == "between"
                                    for p in c.children if p.dep_ == "pobj" for a in self.actors_of(adoc, p)]
                    if not targets or e.code[:2] in ("03", "12", "13"):
                        targets = ntargets or targets
                    if not targets:  # "pledged aid to the Philippines": the verb's own "to"
                        targets = [a for p in f.preps.get("to", []) for a in self.actors_of(adoc, p)]
                    objtok = ntok
            elif objtok is not None:
                consumed.add(objtok.i)
                refined = self._specific_noun(objtok)
                if refined is not None and refined.code[:2] == e.code[:2] and (len(refined.words) > 1 or len(e.code) == 2):
                    code = refined.code
            concede = e.code[:2] == "03" and code[:2] == "08"  # "agreed to the release of ..."
            # an entry whose object noun matched ("quit the peace talks") beats a plain one that merely
            # found an actor in that noun phrase ("the Sudan peace talks")
            score = (2 if targets else 1 if slot else 0) + (1.0 if objtok is not None else 0)
            if best is None or score > best[0]:
                trig = verb.text + ("" if not e.particle else " " + e.particle)
                if objtok is not None:
                    trig += " " + " ".join(noun_words(objtok, lower=False))
                rule = f"verb:{e.pattern}:{e.lemma}" + (f"+{'_'.join(e.objects[0])}" if e.objects else "")
                modality = f.modality
                if concede:
                    rule += ">yield"
                    modality = "intended" if modality == "asserted" else modality
                best = (score, Draft(code=code, sources=f.sources, targets=targets, trigger=trig,
                                     rule=rule, sent_i=sent_i, sent=sent, negated=negated,
                                     modality=modality,
                                     base=(0.55 if targets else 0.4) - (
                                         STATEMENT_PENALTY if e.origin == "statements.tsv" else 0.0),
                                     reciprocal=reciprocal, plover="CONCEDE" if concede else None,
                                     reverse_code=e.reverse_code, head_i=verb.i))
        if best is None:
            return None
        d = best[1]
        if not d.sources and not self._fallback(adoc, verb, d, passive=f.passive):
            return None
        self._date(adoc, verb, d)
        return d

    # ------------------------------------------------------------------ sources not in the KB
    def _fallback(self, adoc, verb, d: Draft, passive: bool = False) -> bool:
        """A source for a clause whose subject is no known actor; False when there is none.

        * an agentless passive ("two men were arrested", "the prisoners released on Monday"):
          the agent hidden in an "in/by/during" phrase ("killed in police firing"), the implied
          authorities of an arrest, or no source at all;
        * a subject that is an event noun ("a car bombing killed five"): no source;
        * any other noun-phrase subject ("striking teachers marched"): the phrase itself as an
          unresolved actor.
        The confidence of such events is lowered in :func:`finish`.
        """
        if not self.allow_unresolved or d.code[:2] == "01":  # a statement needs a known speaker
            return False
        if passive or verb_is_passive(verb) or _reduced_passive(verb):
            hidden = self._instrument_agent(adoc, verb)
            if hidden:
                d.sources, d.rule = [(hidden, 0.1)], d.rule + "+instrument-agent"
            elif d.code.startswith("173"):
                d.sources, d.rule = [(implied_authorities(adoc, verb), 0.15)], d.rule + "+implied-agent"
            else:
                d.agentless, d.rule = True, d.rule + "+agentless"
            return True
        subj = _subject_token(verb)
        if subj is None or subj.pos_ == "PRON" or subj.lower_ in PRONOUNS:
            return False
        if subj.pos_ not in ("NOUN", "PROPN") or subj.ent_type_ in NOT_AGENT_ENTS:
            return False
        lemma = subj.lemma_.lower()
        if lemma in EVENT_SUBJECTS or lemma in self.lex.nouns:
            d.agentless, d.rule = True, d.rule + "+event-subject"
            return True
        if lemma in NOT_AGENTS:
            return False
        d.sources, d.rule = [(np_actor(adoc, subj), 0.0)], d.rule + "+np-source"
        return True

    def _instrument_agent(self, adoc, verb) -> Actor | None:
        """ "killed in police firing", "wounded by army shelling": the actor modifying the means."""
        for c in verb.children:
            if c.dep_ not in ("prep", "agent") or c.lower_ not in ("in", "by", "during"):
                continue
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                for m in p.children:
                    if m.dep_ in ("compound", "amod", "poss", "nmod") and m.i < p.i:
                        mention = adoc.mention_at(m.i)
                        if mention is not None:
                            return _demonym_state(mention.actor)
                        if m.pos_ in ("NOUN", "PROPN") and m.lemma_.lower() in FORCE_NOUNS:
                            return np_actor(adoc, m)
                if c.dep_ == "agent" or c.lower_ == "by":
                    if p.pos_ in ("NOUN", "PROPN") and p.lemma_.lower() not in NOT_AGENTS:
                        return np_actor(adoc, p)
        return None

    def code_outer(self, adoc, e: VerbEntry, f: Frame, sent, sent_i, handled, consumed) -> Draft | None:
        verb = f.verb
        inner = [c for c in verb.children if c.dep_ == "xcomp"]
        if not inner:
            # "urged Iran to release ..." is sometimes parsed as ccomp; "call on X to"
            inner = [c for c in verb.children if c.dep_ == "ccomp" and any(a.lower_ == "to" for a in c.children)]
            if not inner and e.objects:  # "announced its intention to withdraw"
                for d in f.dobj:
                    inner += [c for c in d.children if c.dep_ in ("acl", "xcomp", "relcl") and c.pos_ == "VERB"]
            if not inner:
                for pr in f.preps.values():
                    for p in pr:
                        inner += [c for c in p.children if c.dep_ in ("xcomp", "acl", "relcl") and c.pos_ == "VERB"]
        if not inner:
            return None
        x = inner[0]
        xf = self.frame(adoc, x)
        inner_code, inner_targets, trig_x, inner_neg = None, [], x.text, xf.negated
        xc = self.verb_entries(x, xf)
        for ie, objtok in xc:
            if ie.kind in ("xcomp", "modal", "ccomp"):
                continue
            targets, slot = self.targets_for(adoc, ie, xf, objtok)
            if (not slot and ie.kind != "intransitive") or (ie.needs_target and not targets):
                continue
            inner_code, inner_targets = ie.code, targets
            if objtok is not None:
                refined = self._specific_noun(objtok)
                if refined is not None and refined.code[:2] == ie.code[:2] and (len(refined.words) > 1 or len(ie.code) == 2):
                    inner_code = refined.code
                consumed.add(objtok.i)
                trig_x += " " + " ".join(noun_words(objtok, lower=False))
            if inner_targets:
                break
        if inner_code is None and x.lemma_.lower() not in UNDOING:
            # "agreed to hold talks" when hold+talks is not a verb entry: the noun is the event (not
            # under a verb that undoes it: "agreed to abandon the boycott" is no boycott)
            for d in xf.dobj:
                ne = self._specific_noun(d)
                if ne is not None:
                    inner_code, inner_targets = ne.code, self.noun_targets(adoc, d, ne)
                    consumed.add(d.i)
                    trig_x += " " + d.text
                    break
        if inner_code is None and e.objects:  # "announced a plan to build ...": nothing coded
            return None
        family = "modal" if e.kind == "modal" else e.code
        code, neg2 = map_family(family, inner_code)
        if code is None:
            return None
        # an appeal for an act the family table does not cover ("called on X to hold protests"):
        # the act is coded too (requested, so hypothetical); otherwise the outer event stands for it
        if not (code == family and inner_code is not None and family[:2] in ("02", "10")):
            handled.add(x.i)

        sources = f.sources
        if e.code[:2] in ("02", "10") and e.kind == "xcomp":
            objs = f.dobj or [p for pr in ("on", "upon", "to") for p in f.preps.get(pr, [])]
            targets = [a for t in objs for a in self.actors_of(adoc, t)] or inner_targets
        else:
            targets = inner_targets
        negated = f.negated or inner_neg or neg2
        modality = f.modality
        if e.kind == "modal" or e.code[:2] == "03":
            modality = "intended" if modality == "asserted" else modality
        d = Draft(code=code, sources=sources, targets=targets, trigger=f"{verb.text} to {trig_x}",
                  rule=f"verb:{e.pattern}:{e.lemma}", sent_i=sent_i, sent=sent, negated=negated,
                  modality=modality, base=0.55 if (targets and inner_code) else 0.4)
        if e.code[:2] == "03" and code[:2] == "08":
            # "agreed / promised / offered to withdraw": the yielding act itself, intended; PLOVER
            # codes a promised yield as a concession
            d.rule += ">yield"
            d.plover = "CONCEDE"
        if not sources and not self._fallback(adoc, verb, d):
            return None
        self._date(adoc, verb, d)
        return d

    def _event_noun_object(self, f: Frame, e: VerbEntry):
        preps = ("for", "to", "on", "with") if e.code[:2] == "13" else ("for", "to", "on")
        toks = list(f.dobj) + [p for pr in preps for p in f.preps.get(pr, [])]
        for t in toks:
            ne = self._specific_noun(t)
            if ne is not None:
                return t, ne
        return None

    def _specific_noun(self, tok) -> NounEntry | None:
        if tok.tag_ == "VBG":  # gerund: "firing", "killing" are nouns in their own right
            entries = self.lex.nouns.get(tok.lower_)
        else:
            entries = self.lex.nouns.get(tok.lemma_.lower()) or self.lex.nouns.get(tok.lower_)
        if not entries:
            return None
        words = noun_words(tok, of_phrase=any(" of " in " ".join(e.words) for e in entries))
        if tok.tag_ == "VBG":
            words[words.index(tok.lemma_.lower()) if tok.lemma_.lower() in words else -1] = tok.lower_
        for ne in entries:  # longest first
            if len(ne.words) == 1 or words[-len(ne.words):] == list(ne.words) or (
                    "of" in ne.words and list(ne.words) == words[len(words) - len(ne.words):]):
                if len(ne.words) == 1 and tok.lower_ != ne.words[0] and tok.lemma_.lower() != ne.words[0]:
                    continue
                return ne
        return None

    def noun_targets(self, adoc, tok, ne: NounEntry) -> list[Actor]:
        out: list[Actor] = []
        for c in tok.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in ne.preps and c.lower_ != "between":
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(self.actors_of(adoc, p))
            elif c.dep_ == "poss" and ne.possessor == "target":
                out.extend(self.actors_of(adoc, c))
        return out

    def code_noun(self, adoc, tok, sent, sent_i) -> Draft | None:
        ne = self._specific_noun(tok)
        if ne is None:
            return None
        sources: list[tuple[Actor, float]] = []
        targets = self.noun_targets(adoc, tok, ne)
        poss = [c for c in tok.children if c.dep_ == "poss"]
        has_of = any(c.dep_ == "prep" and c.lower_ == "of" and any(p.dep_ == "pobj" for p in c.children)
                     for c in tok.children)
        if poss and ne.possessor == "target" and has_of:
            # "Indonesia's execution of the smugglers": with an of-phrase naming who undergoes it,
            # the possessor is who did it
            sources = [(a, 0.0) for a in self.actors_of(adoc, poss[0])]
            targets = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                       for p in c.children if p.dep_ == "pobj" for a in self.actors_of(adoc, p)]
        between = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"
                   for p in c.children if p.dep_ == "pobj"]
        if between:
            parties = self.actors_of(adoc, between[0])
            own = [a for c in poss for a in self.actors_of(adoc, c)] if ne.possessor == "source" else []
            if own and parties:  # "Oman's mediation between Saudi Arabia and Yemen"
                sources = [(a, 0.0) for a in own]
                targets = targets or parties
            elif len(parties) >= 2:
                sources = [(parties[0], 0.0)]
                targets = targets or parties[1:]
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.lemma_.lower() in FORCE_NOUNS and self.allow_unresolved:
            m = adoc.mention_at(tok.head.i)  # "police firing" parsed as a noun with a participle
            sources = [(_demonym_state(m.actor), 0.05)] if m is not None else [(np_actor(adoc, tok.head), 0.1)]
        for c in tok.children:
            if sources:
                break
            if c.dep_ == "poss" and ne.possessor == "source":
                sources = [(a, 0.0) for a in self.actors_of(adoc, c)]
            elif (c.dep_ in ("amod", "compound", "nmod") or (c.dep_ == "nsubj" and tok.tag_ == "VBG")) \
                    and c.i not in (tok.i,):
                m = adoc.mention_at(c.i)
                if m is not None and not any(m.token_start <= t.i < m.token_end for t in [tok]):
                    sources = [(_demonym_state(m.actor), 0.05)]
                elif m is None and self.allow_unresolved and c.lemma_.lower() in FORCE_NOUNS:
                    sources = [(np_actor(adoc, c), 0.1)]  # "police firing", "army shelling"
            elif c.dep_ == "prep" and c.lower_ == "by":
                sources = [(a, 0.0) for p in c.children if p.dep_ == "pobj" for a in self.actors_of(adoc, p)]
        gov = tok.head
        negated = False
        modality = "asserted"
        if gov.pos_ in ("ADP",) and gov.dep_ in ("prep", "dative"):
            gov = gov.head
        if not sources and tok.dep_ in ("dobj", "pobj", "nsubjpass") and gov.lemma_.lower() in SUPPORT:
            sources = self.subject_actors(adoc, gov)
            subj = _subject_token(gov) if not sources and self.allow_unresolved else None
            if subj is not None and subj.pos_ in ("NOUN", "PROPN") and subj.lower_ not in PRONOUNS \
                    and subj.lemma_.lower() not in NOT_AGENTS and subj.ent_type_ not in NOT_AGENT_ENTS:
                sources = [(np_actor(adoc, subj), 0.0)]  # "striking workers announced a walkout"
        if gov.pos_ in ("VERB", "AUX") and tok.dep_ in ("dobj", "pobj", "nsubjpass", "nsubj"):
            negated = any(c.dep_ == "neg" for c in gov.children)
            modality = clause_modality(gov)
            if gov.lemma_.lower() in SUPPORT:
                for pr in ne.preps:
                    for c in gov.children:
                        if c.dep_ in ("prep", "dative") and c.lower_ == pr and pr != "between":
                            targets = targets or [a for p in c.children if p.dep_ == "pobj"
                                                  for a in self.actors_of(adoc, p)]
                        elif c.dep_ == "dative" and pr == "to" and c.pos_ in ("NOUN", "PROPN"):
                            targets = targets or self.actors_of(adoc, c)  # "gave Pakistan a loan"
        if not sources and ne.code[:2] == "14" and tok.dep_ == "pobj" and tok.head.lower_ == "on":
            # "workers (are) on strike", "prisoners on hunger strike": who is on it protests
            h = tok.head.head
            while h.pos_ in ("ADV", "ADP", "PART") and h.head.i != h.i:
                h = h.head  # "out on strike"
            if h.pos_ in ("NOUN", "PROPN"):
                sources = [(a, 0.0) for a in self.actors_of(adoc, h)]
                if not sources and self.allow_unresolved and h.lemma_.lower() not in NOT_AGENTS:
                    sources = [(np_actor(adoc, h), 0.1)]
            elif h.pos_ in ("VERB", "AUX"):
                sources = self.subject_actors(adoc, h)
        rule = "noun:" + "_".join(ne.words)
        agentless = False
        if not sources and self.allow_unresolved and ne.code.startswith("173"):
            sources = [(implied_authorities(adoc, tok), 0.15)]  # "432 arrests were made"
            rule += "+implied-agent"
        elif not sources and self.allow_unresolved and (
                (tok.dep_ == "nsubj" and gov.lemma_.lower() in OCCUR)
                or (tok.dep_ == "ROOT" and adoc.extras.get("headline"))):
            # the event noun is said to happen: "protests erupted", "the strike entered its third
            # day", a headline "Riots in the capital": who acted is not said
            agentless = True
            rule += "+occurs"
        if not sources and not agentless:
            return None
        d = Draft(code=ne.code, sources=sources, targets=targets,
                  trigger=" ".join(noun_words(tok, lower=False)), rule=rule,
                  sent_i=sent_i, sent=sent, negated=negated, modality=modality,
                  base=0.5 if targets else 0.35, head_i=tok.i, agentless=agentless)
        self._date(adoc, gov if gov.pos_ in ("VERB", "AUX") else tok, d)
        return d

    # ------------------------------------------------------------------ time
    def _date(self, adoc, head, d: Draft) -> None:
        """Date and place of the clause: a year or date phrase attached to it ("in 2015", "on
        Tuesday") dates the event; a locative toponym ("in Aleppo") places it. An xcomp/conj verb
        also looks at the verb it hangs from ("met in Tehran and pledged to ...")."""
        v = doc_view(adoc.doc)
        heads = [head.i]
        if v.dep[head.i] in ("xcomp", "conj", "advcl"):
            heads.append(v.head[head.i])
        for h in heads:
            d.place = place_for_clause(adoc, h)
            if d.place is not None:
                break
        self._year_date(adoc, head, d)
        if d.date is None:
            for h in heads:
                tx = time_for_clause(adoc, h)
                if tx is not None and tx.value and DATE_VALUE.match(tx.value):
                    d.date, d.date_source = tx.value, "time_expression"
                    art_year = _year(adoc.article.date)
                    if art_year and int(tx.value[:4]) < art_year:
                        d.modality = "past"
                    break

    def _year_date(self, adoc, head, d: Draft) -> None:
        """A year or date phrase attached to the clause ("in 2015") dates the event."""
        art_year = _year(adoc.article.date)
        v = doc_view(head.doc)
        dated = [te for te in adoc.times if te.value and DATE_VALUE.match(te.value)]
        for c in v.kids(head.i):
            if v.dep[c] not in ("prep", "npadvmod", "tmod", "advmod"):
                continue
            span_toks = list(v.doc[c].subtree)
            if len(span_toks) > 8:
                continue
            value = None
            if dated:  # the first time expression that holds one of the phrase's tokens
                spans = [adoc.orig_span(t)[:2] for t in span_toks]
                value = next((te.value for te in dated if any(te.start <= s and e <= te.end for s, e in spans)),
                             None)
            if value is None:
                for t in span_toks:
                    if YEAR.match(t.text) and t.ent_type_ in ("DATE", ""):
                        value = t.text
                        break
            if value:
                d.date, d.date_source = value, "time_expression"
                if art_year and int(value[:4]) < art_year:
                    d.modality = "past"
                return


def _year(date: str | None) -> int | None:
    if date and re.match(r"^\d{4}", date):
        return int(date[:4])
    return None


# verbs that undo or refuse the event their object names: "remove the curfew", "break the truce"
UNDOING = {
    "remove", "lift", "end", "cancel", "scrap", "revoke", "rescind", "stop", "halt", "suspend",
    "break", "violate", "breach", "reject", "oppose", "abandon", "drop", "ease", "relax", "reverse",
    "withdraw", "quit", "boycott", "postpone", "delay", "abolish", "annul", "overturn", "dismantle",
}
# verbs saying that the event named by their subject happens: "talks began", "the strike continues"
OCCUR = {
    "begin", "start", "erupt", "break", "continue", "resume", "spread", "end", "take", "enter",
    "escalate", "intensify", "grow", "rage", "persist", "flare", "mount", "unfold", "kick", "get",
    "go", "happen", "occur", "follow", "proceed", "drag", "turn", "hit", "paralyse", "paralyze",
    "disrupt", "close", "conclude", "open", "stall", "collapse", "fail", "last", "widen", "sweep",
    "rock", "grip", "shake", "arrive", "reach", "pour",
}
# subjects that name an event rather than who acted: "a car bombing killed five people"
EVENT_SUBJECTS = {
    "bombing", "blast", "explosion", "bomb", "attack", "strike", "airstrike", "shelling", "fire",
    "gunfire", "firing", "violence", "clash", "fighting", "riot", "unrest", "raid", "ambush",
    "shooting", "crash", "storm", "flood", "earthquake", "quake", "stampede", "fire", "rocket",
    "missile", "mortar", "shell", "grenade", "mine", "drone", "landslide", "outbreak",
}
# subject nouns that are not agents: "the report accused", "the plan calls for", "the move angered"
NOT_AGENTS = {
    "report", "statement", "plan", "agreement", "deal", "decision", "move", "proposal", "law",
    "bill", "resolution", "document", "letter", "study", "survey", "data", "figure", "step",
    "measure", "policy", "rule", "order", "ruling", "verdict", "accord", "treaty", "pact", "news",
    "article", "story", "video", "footage", "photo", "image", "post", "message", "tweet",
    "incident", "situation", "crisis", "conflict", "war", "case", "issue", "question", "problem",
    "result", "effect", "impact", "change", "development", "event", "process", "meeting", "talk",
    "visit", "trip", "summit", "conference", "session", "election", "vote", "poll", "campaign",
    "program", "programme", "project", "initiative", "effort", "idea", "analysis", "view",
    "opinion", "source", "time", "year", "day", "week", "month", "today", "people", "percent",
    "number", "lot", "part", "one", "thing", "way", "reason", "fact", "point", "side", "area",
    "region", "city", "town", "village", "country", "nation", "state", "world", "border", "site",
    "tension", "pressure", "concern", "fear", "hope", "need", "demand", "call", "request",
    "announcement", "warning", "threat", "claim", "allegation", "charge", "accusation",
    "investigation", "probe", "inquiry", "review", "sanction", "ban", "restriction", "curfew",
    "budget", "economy", "market", "price", "cost", "fund", "money", "aid", "support",
}
# nouns that name who wields force when they modify the means: "police firing", "army shelling"
FORCE_NOUNS = {"police", "army", "military", "troop", "soldier", "rebel", "militant", "insurgent",
               "government", "navy", "coalition", "regime", "guerrilla", "paramilitary", "militia",
               "security", "force", "policeman", "jihadist", "terrorist", "gunman"}
NOT_AGENT_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "LOC", "FAC",
                  "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"}


def _in_verbs(lex: Lexicon, t) -> bool:
    return _in_verbs_words(lex, t.lemma_.lower(), t.lower_)


def _in_verbs_words(lex: Lexicon, lemma: str, lower: str) -> bool:
    """:func:`_in_verbs` of a token with this lower-cased lemma and lower-case form."""
    return lemma in lex.verbs or lower in lex.verbs or (_other_spelling(lemma) or "") in lex.verbs


@functools.lru_cache(maxsize=65536)
def _other_spelling(lemma: str) -> str | None:
    """The British or American spelling of an -ise/-ize (-yse/-yze) verb."""
    for a, b in (("ise", "ize"), ("ize", "ise"), ("yse", "yze"), ("yze", "yse")):
        if lemma.endswith(a) and len(lemma) > 5:
            return lemma[: -len(a)] + b
    return None


def _demonym_state(actor: Actor) -> Actor:
    """A demonym the actor stage left unresolved ("a Russian jet", "Indian sailors") stands for its
    country once it is an event's argument."""
    if actor.kind == "unresolved" and actor.how == "entity:NORP":
        found = _demonym_country(actor.text, os.environ.get("NEWSEVENTS_ACTORS", ""))
        if found is not None:
            return replace(actor, code=found[0], country=found[0], name=found[1], kind="state",
                           how="events:demonym")
    return actor


@functools.lru_cache(maxsize=4096)
def _demonym_country(text: str, actors_env: str) -> tuple[str, str] | None:
    """:func:`demonym_country`, remembered per text (it reads the knowledge base's file list on each
    call); ``actors_env`` (``NEWSEVENTS_ACTORS``, which names further knowledge-base files) is part
    of the key."""
    return demonym_country(text)


def _reduced_passive(verb) -> bool:
    """ "the journalists detained last week": a past participle modifying its patient."""
    return _reduced_passive_at(doc_view(verb.doc), verb.i)


def _reduced_passive_at(v: DocView, i: int) -> bool:
    return v.dep[i] == "acl" and v.tag[i] in ("VBN", "VBD")  # VBD: a mis-tagged participle


def _controller(verb) -> list:
    """Who is to act in "urged Iran to ..." / "called on Iran to ...": the object of the control verb."""
    return [verb.doc[c] for c in _controller_at(doc_view(verb.doc), verb.i)]


def _controller_at(v: DocView, i: int) -> list[int]:
    """:func:`_controller` by index."""
    dep = v.dep
    objs = [c for c in v.kids(i) if dep[c] == "dobj"]
    if not objs:
        objs = [p for c in v.kids(i) if dep[c] == "prep" and v.lower[c] in ("on", "upon")
                for p in v.kids(c) if dep[p] == "pobj"]
    return objs


def _conjuncts(v: DocView, i: int) -> list[int]:
    """The conjuncts of token i ("France and Germany"), nearest first."""
    dep = v.dep
    out = []
    stack = [c for c in v.kids(i) if dep[c] == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(x for x in v.kids(c) if dep[x] == "conj")
    return out


def _subject_token(verb, depth: int = 0):
    """The subject noun of ``verb``'s clause, climbing conjoined / controlled verbs."""
    if depth > 4:
        return None
    subj = [c for c in verb.children if c.dep_ in SUBJ]
    if subj:
        s = subj[0]
        if s.lower_ in RELATIVE and verb.dep_ == "relcl":
            return verb.head
        return s
    if verb.dep_ in ("conj", "xcomp", "acomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG"):
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in OBJECT_CONTROL:
            objs = _controller(verb.head)
            if objs:
                return objs[0]
        return _subject_token(verb.head, depth + 1)
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return verb.head
    return None


def np_actor(adoc, tok) -> Actor:
    """An actor the knowledge base does not know, kept as its noun phrase ("striking teachers")."""
    left = max(tok.left_edge.i, tok.i - 6)
    span = tok.doc[left: tok.i + 1]
    s, e, text = adoc.orig_span(span)
    for c in tok.children:  # "prisoners in Turkey", "supporters from Kenya": the country is known
        if c.dep_ == "prep" and c.lower_ in ("in", "from", "of"):
            for p in c.children:
                m = adoc.mention_at(p.i) if p.dep_ == "pobj" else None
                if m is not None and m.actor.kind == "state" and m.actor.country:
                    return Actor(text=text, start=s, end=e, code=m.actor.country, country=m.actor.country,
                                 name=m.actor.name, kind="unresolved", how="events:noun-phrase+country")
    return Actor(text=text, start=s, end=e, kind="unresolved", how="events:noun-phrase")


def implied_authorities(adoc, verb) -> Actor:
    """The implied agent of an agentless arrest or detention: the authorities (law enforcement)."""
    s, e, _ = adoc.orig_span(verb)
    return Actor(text="", start=s, end=s, code="COP", sector="COP", name="authorities (implied)",
                 kind="sector", how="events:implied-agent")


SPEECH = {"say", "announce", "state", "tell", "declare", "add", "report", "confirm", "insist", "stress",
          "indicate", "signal", "write", "note", "warn", "promise", "pledge", "vow", "agree", "decide"}


def _reported(verb) -> bool:
    """``verb`` heads a clause reported by a speech verb ("X said it would ...")."""
    return _reported_at(doc_view(verb.doc), verb.i)


def _reported_at(v: DocView, i: int) -> bool:
    for _ in range(3):
        if v.dep[i] not in ("ccomp", "conj"):
            return False
        i = v.head[i]
        if v.lemma[i] in SPEECH:
            return True
    return False


def verb_is_passive(verb) -> bool:
    return _passive_at(doc_view(verb.doc), verb.i)


def _passive_at(v: DocView, i: int) -> bool:
    dep = v.dep
    return any(dep[c] in ("auxpass", "nsubjpass", "agent") for c in v.kids(i))


def clause_modality(verb) -> str:
    return _modality_at(doc_view(verb.doc), verb.i)


def _modality_at(v: DocView, i: int) -> str:
    """:func:`clause_modality` of the verb at index ``i``."""
    dep, lower, lemma = v.dep, v.lower, v.lemma
    kids = v.kids(i)
    for c in kids:
        d = dep[c]
        if d in ("aux", "auxpass"):
            w = lower[c]
            if w in INTENT_AUX:
                return "intended"
            if w == "would" and _reported_at(v, i):
                return "intended"  # "said it would send troops": the future of reported speech
            if w in HYPOTHETICAL_AUX:
                return "hypothetical"
        if d == "mark" and lower[c] in ("if", "unless"):
            return "hypothetical"
    for c in kids:  # an if-clause below us conditions the main clause
        if dep[c] == "advcl" and any(dep[m] == "mark" and lower[m] in ("if", "unless") for m in v.kids(c)):
            return "hypothetical"
    verb_dep, head = dep[i], v.head[i]
    if verb_dep == "xcomp":
        if lemma[head] in ("plan", "intend", "want", "hope", "aim", "seek", "prepare", "pledge",
                           "promise", "vow", "threaten", "expect", "decide"):
            return "intended"
        if v.pos[head] == "ADJ" and lemma[head] in READY:
            return "intended"  # "Iran is ready to hold talks": offered, not yet done
    if verb_dep == "xcomp" and lemma[head] in OBJECT_CONTROL:
        return "hypothetical"  # "urged Iran to release ...": asked for, not done
    if verb_dep == "ccomp" and lemma[head] in DEMAND_VERBS:
        return "hypothetical"  # "demanded that Israel lift the blockade": asked for, not done
    return "asserted"


DEMAND_VERBS = {"demand", "urge", "ask", "insist", "request", "propose", "suggest", "recommend",
                "require", "order", "call"}


READY = {"ready", "willing", "prepared", "eager", "determined", "keen", "set", "poised", "likely"}


def noun_words(tok, *, lower: bool = True, of_phrase: bool = False) -> list[str]:
    """A noun with its compound / adjective modifiers: "air strike", "humanitarian aid";
    with ``of_phrase`` also its "of" complement: "state of emergency"."""
    if lower:
        return list(_noun_words_at(doc_view(tok.doc), tok.i, of_phrase))
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
    mods = [m for m in mods if m.i >= tok.i - 3]
    words = [(m.lower_ if lower else m.text) for m in sorted(mods, key=lambda m: m.i)]
    words.append(tok.lemma_.lower() if lower else tok.text)
    if of_phrase:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of" and c.i == tok.i + 1:
                objs = [p for p in c.children if p.dep_ == "pobj"]
                if objs and objs[0].i <= c.i + 3:
                    words += ["of", *noun_words(objs[0], lower=lower)]
    return words


def _noun_words_at(v: DocView, i: int, of_phrase: bool) -> tuple[str, ...]:
    """:func:`noun_words` (lower-cased) of the token at index ``i``, as a tuple; remembered per
    document, since every verb entry with an object noun asks again."""
    key = ("noun_words", i, of_phrase)
    words = v.memo.get(key)
    if words is None:
        dep, lower = v.dep, v.lower
        kids = v.kids(i)
        out = [lower[m] for m in kids if dep[m] in ("compound", "amod") and i - 3 <= m < i]
        out.append(v.lemma[i])
        if of_phrase:
            for c in kids:
                if dep[c] == "prep" and lower[c] == "of" and c == i + 1:
                    objs = [p for p in v.kids(c) if dep[p] == "pobj"]
                    if objs and objs[0] <= c + 3:
                        out += ["of", *_noun_words_at(v, objs[0], False)]
        words = v.memo[key] = tuple(out)
    return words


def finish(adoc, drafts: Iterable[Draft], cameo: dict[str, dict]) -> list[Event]:
    """Drafts -> one Event per (source, target) dyad, duplicates merged (highest confidence first)."""
    events: dict[tuple, Event] = {}
    order: list[tuple] = []
    deaths: dict[int, list] = {}  # sentence start -> death clauses
    for d in drafts:
        info = cameo.get(d.code)
        if info is None:
            continue
        if d.head_i is not None and _violent(d.code) and not d.negated and d.modality in ("asserted", "past"):
            if d.sent.start not in deaths:
                deaths[d.sent.start] = death_clauses(d.sent)
            d.fatalities = fatalities_for(adoc.doc[d.head_i], d.sent, deaths[d.sent.start])
        es, ee, et = adoc.orig_span(d.sent)
        seen_src: set = set()
        sources = d.sources if (d.sources or not d.agentless) else [(None, 0.1)]
        for src, penalty in sources:
            targets = d.targets or [None]
            if src is None:  # agentless: who acted is not said
                for tgt in targets:
                    conf = d.base + (0.15 if tgt is not None else 0.0) - 0.2
                    conf = round(max(0.05, min(1.0, conf)), 3)
                    _add(events, order, _event(adoc, d, info, None, tgt, conf, es, ee, et))
                continue
            if d.reciprocal:
                targets = [a for a, _ in d.sources if actor_key(a) != actor_key(src)] or [None]
            if actor_key(src) in seen_src:
                continue
            seen_src.add(actor_key(src))
            for tgt in targets:
                if tgt is not None and actor_key(tgt) == actor_key(src):
                    continue
                conf = d.base + (0.15 if tgt is not None else 0.0)
                conf += 0.1 if (len(d.code) >= 3 and not d.code.endswith("0")) else 0.0
                conf -= penalty
                conf -= 0.15 if src.kind == "unresolved" else 0.0
                conf -= 0.05 if (tgt is not None and tgt.kind == "unresolved") else 0.0
                conf = round(max(0.05, min(1.0, conf)), 3)
                _add(events, order, _event(adoc, d, info, src, tgt, conf, es, ee, et))
                rinfo = cameo.get(d.reverse_code) if d.reverse_code else None
                if rinfo is not None and tgt is not None:
                    _add(events, order, _event(adoc, d, rinfo, tgt, src, conf, es, ee, et))
    return [events[k] for k in order]


def _event(adoc, d: Draft, info: dict, src: Actor | None, tgt: Actor | None, conf: float,
           es: int, ee: int, et: str) -> Event:
    plover, mode = info["plover"], info["plover_mode"]
    if d.plover and d.plover != plover:
        plover, mode = d.plover, None
    elif info["root"] == "08" and d.modality == "intended" and plover != "CONCEDE":
        plover, mode = "CONCEDE", None  # a yield announced or promised, not yet carried out
    return Event(
        source=(src,) if src is not None else (), target=(tgt,) if tgt is not None else (),
        cameo=info["code"], root=info["root"], quad_class=info["quad_class"], goldstein=info["goldstein"],
        plover=plover, plover_mode=mode,
        date=d.date or adoc.article.date,
        date_source=d.date_source if d.date else ("article" if adoc.article.date else "unknown"),
        negated=d.negated, modality=d.modality, confidence=conf,
        evidence_start=es, evidence_end=ee, evidence_text=et, trigger=d.trigger,
        rule=d.rule, sentence_index=d.sent_i, place=d.place, fatalities=d.fatalities,
    )


def _violent(code: str) -> bool:
    """CAMEO codes of force: assault, fight, mass violence, violent repression."""
    return code[:2] in ("18", "19", "20") or code.startswith("175")


def _add(events: dict, order: list, ev: Event) -> None:
    """Keep one event per (source, target, code); the more confident one wins."""
    key = (actor_key(ev.source[0]) if ev.source else None, actor_key(ev.target[0]) if ev.target else None,
           ev.cameo)
    old = events.get(key)
    if old is None:
        events[key] = ev
        order.append(key)
    elif ev.confidence > old.confidence:
        events[key] = ev


def actor_key(a: Actor) -> str:
    return a.code or (a.name or a.text).lower()
