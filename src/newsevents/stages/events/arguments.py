"""The actors of an event's clause: the sources and targets the coder finds through the actor
stage's mentions (:class:`ArgumentsMixin`), and actors made for the event itself when the knowledge
base has none: a noun phrase (:func:`np_actor`), the implied authorities of an arrest
(:func:`implied_authorities`), the country of a demonym (:func:`demonym_state`).
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import TYPE_CHECKING

from newsevents.records import Actor
from newsevents.stages.actors import demonym_country
from newsevents.stages.events.docview import EventView, doc_view
from newsevents.stages.events.drafts import Draft
from newsevents.stages.events.syntax import (
    SUBJ, conjuncts, controller_at, passive_at, phrase_at, reduced_passive_at, subject_token,
)
from newsevents.stages.events.wordlists import (
    EVENT_SUBJECTS, FORCE_NOUNS, NOT_AGENT_ENTS, NOT_AGENTS, OBJECT_CONTROL, PRONOUNS, RELATIVE,
)

if TYPE_CHECKING:
    from newsevents.stages.events.lexicon import Lexicon


def np_actor(adoc, tok) -> Actor:
    """An actor the knowledge base does not know, kept as its noun phrase ("striking teachers")."""
    left, right = phrase_at(adoc, tok.i)
    s, e, text = adoc.orig_span(tok.doc[left:right])
    for c in tok.children:  # "prisoners in Turkey", "supporters from Kenya": the country is known
        if c.dep_ == "prep" and c.lower_ in ("in", "from", "of"):
            for p in c.children:
                m = adoc.mention_at(p.i) if p.dep_ == "pobj" else None
                if m is not None and m.actor.kind == "state" and m.actor.country:
                    return Actor(text=text, start=s, end=e, code=m.actor.country, country=m.actor.country,
                                 name=m.actor.name, kind="unresolved", how="events:noun-phrase+country")
    return Actor(text=text, start=s, end=e, kind="unresolved", how="events:noun-phrase")


def as_argument(adoc, actor: Actor, i: int) -> Actor:
    """``actor`` as the argument whose noun phrase is headed by token ``i``: its text and offsets
    become the whole phrase ("six Philippine Army soldiers", "the leaders of France", "Pakistan's
    proposal"), its code stays. An actor without text (implied) or outside the phrase is kept."""
    if not actor.text:
        return actor
    left, right = phrase_at(adoc, i)
    s, e, text = adoc.orig_span(adoc.doc[left:right])
    if (s, e) == (actor.start, actor.end) or not (s <= actor.start and actor.end <= e):
        return actor
    return replace(actor, text=text, start=s, end=e)


def own_party_dropped(adoc, d: Draft) -> None:
    """A source whose country the actor stage took from the document (a bare "The president ...",
    "the cleric ...": the one country the text names) does not take it from the event's own target:
    "The president refused to certify the agreement with Cuba" is not Cuba's president acting on
    Cuba, and "the cleric accused the Americans" is no American cleric. When every named mention of
    that country lies in the event's targets, the source keeps its sector only."""
    if not any(_borrowed(a) for a, _ in d.sources):
        return
    spans = [(t.start, t.end) for t in d.targets if t.country and not _borrowed(t)]
    if not spans:
        return

    def circular(a: Actor) -> bool:
        if not _borrowed(a):
            return False
        named = [m.actor for m in adoc.mentions if m.actor.country == a.country and not _borrowed(m.actor)]
        return bool(named) and all(any(s <= x.start and x.end <= e for s, e in spans) for x in named)

    d.sources = [(_unborrowed(a) if circular(a) else a, p) for a, p in d.sources]


def _borrowed(a: Actor) -> bool:
    return bool(a.country) and a.how.endswith("doc-country")


def _unborrowed(a: Actor) -> Actor:
    return replace(a, code=a.sector or "", country=None, name=None, kind="sector",
                   how=a.how + "+events:not-the-target-state")


def implied_authorities(adoc, verb) -> Actor:
    """The implied agent of an agentless arrest or detention: the authorities (law enforcement)."""
    s, e, _ = adoc.orig_span(verb)
    return Actor(text="", start=s, end=s, code="COP", sector="COP", name="authorities (implied)",
                 kind="sector", how="events:implied-agent")


def demonym_state(actor: Actor, actor_paths: tuple[str, ...] = ()) -> Actor:
    """A demonym the actor stage left unresolved ("a Russian jet", "Indian sailors") stands for its
    country once it is an event's argument (``actor_paths``: the user's actor files, if any)."""
    if actor.kind == "unresolved" and actor.how == "entity:NORP":
        found = _demonym_country(actor.text, actor_paths)
        if found is not None:
            return replace(actor, code=found[0], country=found[0], name=found[1], kind="state",
                           how="events:demonym")
    return actor


@functools.lru_cache(maxsize=4096)
def _demonym_country(text: str, actor_paths: tuple[str, ...]) -> tuple[str, str] | None:
    """:func:`demonym_country`, remembered per text and set of user actor files."""
    return demonym_country(text, actor_paths)


class ArgumentsMixin:
    """The :class:`~newsevents.stages.events.coder.Coder`'s actor finding: the actors of a noun
    phrase, the source actors of a clause, and a source for a clause whose subject is no known actor."""

    lex: Lexicon
    allow_unresolved: bool
    actor_paths: tuple[str, ...]

    def demonym_state(self, actor: Actor) -> Actor:
        return demonym_state(actor, self.actor_paths)

    def actors_of(self, adoc, tok, *, depth: int = 0) -> list[Actor]:
        """Actors for the NP headed by ``tok`` (and its conjuncts)."""
        return self.actors_at(adoc, doc_view(adoc), tok.i, depth)

    def actors_at(self, adoc, v: EventView, i: int, depth: int = 0) -> list[Actor]:
        """:meth:`actors_of` the token at index ``i``."""
        out: list[Actor] = []
        seen: set[int] = set()
        for t in [i, *conjuncts(v, i)]:
            a = self._actor_one(adoc, v, t, depth)
            if a is not None and id(a) not in seen:
                seen.add(id(a))
                out.append(as_argument(adoc, a, t))
                for b in self._joint_modifiers(adoc, v, t):
                    if id(b) not in seen:
                        seen.add(id(b))
                        out.append(as_argument(adoc, b, t))
        return out

    def _joint_modifiers(self, adoc, v: EventView, i: int) -> list[Actor]:
        """ "Kenyan and Ugandan ministers", "the French and German navies": conjoined modifiers of
        one head each name an actor of their own (the head's mention holds only the last)."""
        out = []
        own = adoc.mention_at(i)
        for m in v.kids(i):
            if m >= i or v.dep[m] not in ("amod", "compound", "nmod"):
                continue
            more = conjuncts(v, m)
            if not more:
                continue
            for x in (m, *more):
                mm = adoc.mention_at(x)
                if mm is not None and mm is not own and mm.token_end <= i + 1:
                    a = self.demonym_state(mm.actor)
                    if a.kind != "unresolved":
                        out.append(a)
        return out

    def _actor_one(self, adoc, v: EventView, i: int, depth: int) -> Actor | None:
        m = adoc.mention_at(i)
        if m is not None:
            if not m.actor.country and m.actor.sector and depth == 0:
                return self._with_country(adoc, v.doc[i], m.actor)
            return self.demonym_state(m.actor)
        if depth > 2:
            return None
        dep, kids = v.dep, v.kids(i)
        # "the leaders of France", "France's leaders", "Russian officials", "a group led by X"
        for c in kids:
            if dep[c] in ("poss", "compound", "amod", "nmod", "appos"):
                m = adoc.mention_at(c)
                if m is not None:
                    return self.demonym_state(m.actor)
        for c in kids:  # "the leaders of France", "a request from Kenya", "charges by the UN"
            if dep[c] in ("prep", "agent") and v.lower[c] in ("of", "from", "by"):  # agent: "Shelling by X killed"
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
        return self._subject_actors_at(adoc, doc_view(adoc), verb.i, depth)

    def _subject_actors_at(self, adoc, v: EventView, i: int, depth: int = 0) -> list[tuple[Actor, float]]:
        """:meth:`subject_actors` of the verb at index ``i``."""
        if depth > 4:
            return []
        dep, kids = v.dep, v.kids(i)
        subj = [c for c in kids if dep[c] in SUBJ]
        if passive_at(v, i):
            agents = [p for c in kids if dep[c] == "agent" for p in v.kids(c) if dep[p] == "pobj"]
            out = []
            for a in agents:
                out.extend((x, 0.0) for x in self.actors_at(adoc, v, a))
            return out
        verb_dep, head = dep[i], v.head[i]
        if subj:
            s = subj[0]
            if v.lower[s] in RELATIVE and verb_dep == "relcl":
                return [(a, 0.0) for a in self.actors_at(adoc, v, head)]
            if v.lower[s] in PRONOUNS and v.pos[s] == "PRON":
                # "Russia said it would ...": the pronoun is the speaker of the governing verb
                if verb_dep in ("ccomp", "conj", "advcl"):
                    inherited = self._subject_actors_at(adoc, v, head, depth + 1)
                    if inherited:
                        return [(a, p + 0.1) for a, p in inherited]
                prev = v.last_subject
                if prev and v.lower[s] in ("it", "they", "he", "she", "we"):
                    return [(a, 0.2) for a in prev]
                return []
            return [(a, 0.0) for a in self.actors_at(adoc, v, s)]
        if verb_dep in ("conj", "xcomp", "acomp") or (verb_dep == "advcl" and v.tag[i] == "VBG"):
            # "acomp": the predicate adjective governing "to restore" in "X is about/ready to restore"
            if verb_dep == "xcomp" and v.lemma[head] in OBJECT_CONTROL:
                objs = controller_at(v, head)
                if objs:
                    return [(a, 0.0) for a in self.actors_at(adoc, v, objs[0])]
            return self._subject_actors_at(adoc, v, head, depth + 1)
        if verb_dep == "relcl":
            return [(a, 0.0) for a in self.actors_at(adoc, v, head)]
        if verb_dep == "acl" and v.tag[i] == "VBG":  # "troops firing on protesters"
            return [(a, 0.1) for a in self.actors_at(adoc, v, head)]
        return []

    def phrase_targets(self, adoc, toks, skip=None) -> list[Actor]:
        """A target the knowledge base does not know: the noun phrase that fills an event's target
        slot ("attacked a police station", "rejected the proposal", "killed 15 villagers"), with
        its conjuncts ("the Farah and the Ghazni attacks"), as one unresolved actor, so that it
        adds no dyads; none for pronouns, dates, ``skip`` (the event's own noun) or when
        unresolved actors are not wanted."""
        if not self.allow_unresolved:
            return []
        v = doc_view(adoc)
        for t in toks:
            j = t.i
            if v.pos[j] in ("NOUN", "PROPN", "NUM") and v.lower[j] not in PRONOUNS \
                    and (skip is None or j != skip.i) and v.doc[j].ent_type_ not in ("DATE", "TIME"):
                a = np_actor(adoc, v.doc[j])
                more = conjuncts(v, j)
                if more:
                    end = phrase_at(adoc, max(more))[1]
                    s, e, text = adoc.orig_span(v.doc[phrase_at(adoc, j)[0]:end])
                    a = replace(a, text=text, start=s, end=e)
                return [a]
        return []

    # ------------------------------------------------------------------ sources not in the KB
    def fallback_source(self, adoc, verb, d: Draft, passive: bool = False) -> bool:
        """A source for a clause whose subject is no known actor; False when there is none.

        * an agentless passive ("two men were arrested", "the prisoners released on Monday"):
          the agent hidden in an "in/by/during" phrase ("killed in police firing"), the implied
          authorities of an arrest, or no source at all;
        * a subject that is an event noun ("a car bombing killed five"): no source;
        * any other noun-phrase subject ("striking teachers marched"): the phrase itself as an
          unresolved actor.
        The confidence of such events is lowered in :func:`~newsevents.stages.events.drafts.finish`.
        """
        if not self.allow_unresolved or d.code[:2] == "01":  # a statement needs a known speaker
            return False
        v = doc_view(adoc)
        if passive or passive_at(v, verb.i) or reduced_passive_at(v, verb.i):
            hidden = self._instrument_agent(adoc, verb)
            if hidden:
                d.sources, d.rule = [(hidden, 0.1)], d.rule + "+instrument-agent"
            elif d.code.startswith("173"):
                d.sources, d.rule = [(implied_authorities(adoc, verb), 0.15)], d.rule + "+implied-agent"
            else:
                d.agentless, d.rule = True, d.rule + "+agentless"
            return True
        subj = subject_token(v, verb)
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
                            return self.demonym_state(mention.actor)
                        if m.pos_ in ("NOUN", "PROPN") and m.lemma_.lower() in FORCE_NOUNS:
                            return np_actor(adoc, m)
                if c.dep_ == "agent" or c.lower_ == "by":
                    if p.pos_ in ("NOUN", "PROPN") and p.lemma_.lower() not in NOT_AGENTS:
                        return np_actor(adoc, p)
        return None
