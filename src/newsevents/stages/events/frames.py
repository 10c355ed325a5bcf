"""What a verb's clause offers (:class:`Frame`: its source and target slots, particles,
negation and modality), the lexicon entries that fit it and the actors in an entry's target slot
(:class:`FramesMixin`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsevents.records import Actor
from newsevents.stages.events.arguments import as_argument
from newsevents.stages.events.docview import doc_view
from newsevents.stages.events.entries import VerbEntry
from newsevents.stages.events.syntax import (
    PASS_SUBJ, PREP_DEPS, SUBJ, modality_at, noun_words, passive_at, reduced_passive_at,
)
from newsevents.stages.events.wordlists import PARTICLES, other_spelling

if TYPE_CHECKING:
    from newsevents.stages.events.lexicon import Lexicon


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


class FramesMixin:
    """The :class:`~newsevents.stages.events.coder.Coder`'s clause analysis: a verb's frame, the
    verb entries that fit it and the targets in an entry's slot."""

    lex: Lexicon

    def frame(self, adoc, verb) -> Frame:
        f = self.partial_frame(adoc, verb)
        if f.sources is None:
            f.sources = self.subject_actors(adoc, verb)
        return f

    def partial_frame(self, adoc, verb) -> Frame:
        """:meth:`frame`, but ``sources`` is left None (for the caller to fill) unless the clause
        itself says who acted: most clauses have no lexicon entry that fits, and finding the
        subject's actors is the costly part."""
        # read by index from the document view; the tokens kept in the frame are made where the
        # clause offers them (one object per place, as token.children would make them)
        doc = verb.doc
        v = doc_view(adoc)
        dep, lower, i = v.dep, v.lower, verb.i
        kids = v.kids(i)
        f = Frame(verb=verb, passive=passive_at(v, i))
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
        if reduced_passive_at(v, i) and v.pos[head] in ("NOUN", "PROPN", "NUM"):
            f.passive = True  # "the journalists detained on Monday": the head noun is the patient
            f.dobj.append(doc[head])
        elif adoc.extras.get("headline") and self._headline_passive(adoc, verb, f):
            # headlinese drops the auxiliary: "Opposition leader detained at airport" is a passive
            subj = [doc[c] for c in kids if dep[c] in SUBJ]
            f.passive = True
            f.dobj.extend(subj)
            f.sources = [(a, 0.0) for c in kids if dep[c] in ("prep", "agent") and lower[c] == "by"
                         for p in v.kids(c) if dep[p] == "pobj" for a in self.actors_at(adoc, v, p)]
        f.modality = modality_at(v, i)
        if dep[i] == "conj" and not any(dep[c] in ("aux", "neg") for c in kids):
            head_mod = modality_at(v, head)
            if head_mod != "asserted":
                f.modality = head_mod
            f.negated = f.negated or any(dep[c] == "neg" for c in v.kids(head))
        return f

    def _headline_passive(self, adoc, verb, f: Frame) -> bool:
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
                words = noun_words(adoc, s.i, True)
                if any(words[-len(o):] == tuple(o) for o in e.objects):
                    return True
        kinds = {e.kind for e in entries if not e.objects}
        return bool(kinds & {"dobj", "passive"}) and not (kinds & {"intransitive", "any"})

    def match_object(self, adoc, entry: VerbEntry, f: Frame):
        """The noun token that matches the entry's object noun(s), looked up in dobj then pobj."""
        verb = f.verb
        v = doc_view(adoc)
        cands = list(f.dobj) + [p for ps in f.preps.values() for p in ps]
        cands += [verb.doc[c] for c in v.kids(verb.i) if v.dep[c] in ("attr", "npadvmod", "oprd")]
        if v.dep[verb.i] in ("xcomp",) and v.lemma[verb.i] in ("comment",):
            cands.append(verb)
        for tok in cands:
            words = noun_words(adoc, tok.i, True)
            lower = v.lower[tok.i]
            for obj in entry.objects:
                if words[-len(obj):] == tuple(obj) or (len(obj) == 1 and lower == obj[0]):
                    return tok
        return None

    def verb_entries(self, adoc, verb, f: Frame) -> list[tuple[VerbEntry, object]]:
        v = doc_view(adoc)
        lemma, lower = v.lemma[verb.i], v.lower[verb.i]
        # an entry written for this very form ("left", "risen") is more specific than the lemma's
        entries = (self.lex.verbs.get(lower) if lower != lemma else None) \
            or self.lex.verbs.get(lemma) or self.lex.verbs.get(lower) or []
        other = other_spelling(lemma)  # "apologise" and "apologize" share their entries
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
                tok = self.match_object(adoc, e, f)
                if tok is not None:
                    out.append((e, tok))
        for e in pool:
            if not e.objects:
                out.append((e, None))
        return out

    def targets_for(self, adoc, entry: VerbEntry, f: Frame, objtok) -> tuple[list[Actor], bool]:
        """(targets, slot_present): actors in the entry's target slot, and whether the slot exists."""
        acts, slot, _ = self.target_slot(adoc, entry, f, objtok)
        return acts, slot

    def target_slot(self, adoc, entry: VerbEntry, f: Frame, objtok) -> tuple[list[Actor], bool, list]:
        """(targets, slot_present, slot_tokens): :meth:`targets_for` and the tokens that fill the
        entry's target slot (the heads of its noun phrases, actors or not)."""
        kind = entry.kind
        preps = dict(f.preps)
        if objtok is not None:  # "imposed sanctions on X": the prep may hang on the object noun
            for c in objtok.children:
                if c.dep_ in ("prep", "dative"):
                    preps.setdefault(c.lower_, []).extend(p for p in c.children if p.dep_ == "pobj")
        if kind == "prep":
            toks = [p for pr in entry.preps for p in preps.get(pr, []) if p is not objtok]
            if not toks and objtok is not None:
                toks = self._object_noun_slot(objtok, f.verb)
            acts = [a for t in toks for a in self.actors_of(adoc, t)]
            return acts, bool(toks) or objtok is not None, toks
        if kind in ("dobj", "passive"):
            toks = [t for t in f.dobj if t is not objtok]
            acts = [a for t in toks for a in self.actors_of(adoc, t)]
            if not acts:  # "condemned Russia's annexation": the possessor is the target
                for t in toks:
                    for c in t.children:
                        if c.dep_ == "poss":
                            acts.extend(as_argument(adoc, a, t.i) for a in self.actors_of(adoc, c))
            to = [p for p in preps.get("to", []) if p is not objtok]
            if not acts and toks and to:
                # "returned the paintings to Brazil", "sent troops to Mali": the object is what is
                # given or sent, the recipient is the target (not a place of the source's own:
                # "deployed warships to the South China Sea")
                own = {(a.code, a.country) for a, _ in f.sources or ()}
                got = [a for p in to for a in self.actors_of(adoc, p)]
                if got and not any((a.code, a.country) in own or (a.country and a.country in
                                   {c for _, c in own}) for a in got):
                    return got, True, to
            return acts, bool(toks), toks
        if kind == "any":  # PETRARCH-style: the object or a usual preposition, else the first actor after the verb
            acts, _, toks = self.target_slot(adoc, replace(entry, pattern="intransitive"), f, objtok)
            return (acts or self._first_actor_after(adoc, f.verb)), True, toks
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
            return acts, True, toks
        return [], False, []

    @staticmethod
    def _object_noun_slot(objtok, verb) -> list:
        """Who a light verb's object noun is about when the entry's own prepositions are absent:
        "lifted sanctions against Iran", "a ban imposed on Chadian citizens", "accepted the demands
        by the protesters" (the noun's own against / on / by / from phrase, or that of a participle
        that modifies it)."""
        out = []
        for c in objtok.children:
            if c.dep_ == "prep" and c.lower_ in ("against", "on", "by", "from"):
                out += [p for p in c.children if p.dep_ == "pobj"]
            elif c.dep_ == "acl" and c.tag_ == "VBN" and c.i != verb.i:  # not "Concessions made by X"
                out += [p for g in c.children if g.dep_ == "prep" and g.lower_ in ("on", "against")
                        for p in g.children if p.dep_ == "pobj"]
        return out

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
