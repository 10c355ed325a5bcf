"""Nominal triggers: event nouns ("the arrest of", "Oman's mediation between", "police firing")
coded on their own or as the object of a verb (:class:`NounsMixin`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.records import Actor
from newsevents.stages.events.arguments import implied_authorities, np_actor
from newsevents.stages.events.dates import date_and_place
from newsevents.stages.events.docview import doc_view
from newsevents.stages.events.drafts import Draft
from newsevents.stages.events.entries import NounEntry, VerbEntry
from newsevents.stages.events.frames import Frame
from newsevents.stages.events.syntax import modality_at, noun_text, noun_words, subject_token
from newsevents.stages.events.wordlists import FORCE_NOUNS, NOT_AGENT_ENTS, NOT_AGENTS, OCCUR, PRONOUNS, SUPPORT

if TYPE_CHECKING:
    from newsevents.stages.events.lexicon import Lexicon


class NounsMixin:
    """The :class:`~newsevents.stages.events.coder.Coder`'s nominal triggers: the lexicon entry of an
    event noun, its targets, and the event it codes."""

    lex: Lexicon
    allow_unresolved: bool

    def event_noun_object(self, adoc, f: Frame, e: VerbEntry):
        preps = ("for", "to", "on", "with") if e.code[:2] == "13" else ("for", "to", "on")
        toks = list(f.dobj) + [p for pr in preps for p in f.preps.get(pr, [])]
        for t in toks:
            ne = self.specific_noun(adoc, t)
            if ne is not None:
                return t, ne
        return None

    def specific_noun(self, adoc, tok) -> NounEntry | None:
        if tok.tag_ == "VBG":  # gerund: "firing", "killing" are nouns in their own right
            entries = self.lex.nouns.get(tok.lower_)
        else:
            entries = self.lex.nouns.get(tok.lemma_.lower()) or self.lex.nouns.get(tok.lower_)
        if not entries:
            return None
        words = list(noun_words(adoc, tok.i, any(" of " in " ".join(e.words) for e in entries)))
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
        ne = self.specific_noun(adoc, tok)
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
            sources = [(self.demonym_state(m.actor), 0.05)] if m is not None else [(np_actor(adoc, tok.head), 0.1)]
        for c in tok.children:
            if sources:
                break
            if c.dep_ == "poss" and ne.possessor == "source":
                sources = [(a, 0.0) for a in self.actors_of(adoc, c)]
            elif (c.dep_ in ("amod", "compound", "nmod") or (c.dep_ == "nsubj" and tok.tag_ == "VBG")) \
                    and c.i not in (tok.i,):
                m = adoc.mention_at(c.i)
                if m is not None and not any(m.token_start <= t.i < m.token_end for t in [tok]):
                    sources = [(self.demonym_state(m.actor), 0.05)]
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
            subj = subject_token(doc_view(adoc), gov) if not sources and self.allow_unresolved else None
            if subj is not None and subj.pos_ in ("NOUN", "PROPN") and subj.lower_ not in PRONOUNS \
                    and subj.lemma_.lower() not in NOT_AGENTS and subj.ent_type_ not in NOT_AGENT_ENTS:
                sources = [(np_actor(adoc, subj), 0.0)]  # "striking workers announced a walkout"
        if gov.pos_ in ("VERB", "AUX") and tok.dep_ in ("dobj", "pobj", "nsubjpass", "nsubj"):
            negated = any(c.dep_ == "neg" for c in gov.children)
            modality = modality_at(doc_view(adoc), gov.i)
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
                  trigger=" ".join(noun_text(tok)), rule=rule,
                  sent_i=sent_i, sent=sent, negated=negated, modality=modality,
                  base=0.5 if targets else 0.35, head_i=tok.i, agentless=agentless)
        date_and_place(adoc, gov if gov.pos_ in ("VERB", "AUX") else tok, d)
        return d
