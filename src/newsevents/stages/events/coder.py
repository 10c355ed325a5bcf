"""Dependency-based event coder: clauses and nominal triggers -> CAMEO events between actors.

For each sentence we look at verbs whose lemma is in the lexicon and at nouns that are nominal
triggers. A verb's clause gives the source (``nsubj``; ``agent`` in the passive), the target
(``dobj``; ``nsubjpass`` in the passive; ``pobj`` of the pattern's prepositions), the particle and
the light-verb object ("held *talks* with"). Outer verbs (pledge/threaten/refuse/urge/demand/plan
...) code the verb or noun they govern through :mod:`.families`. Actors come from the actor stage's
mentions (``AnnotatedDoc.mention_at``). One event is made per (source, target) dyad.

The coder is put together from mixins, one module each: :mod:`.arguments` (actors of a clause),
:mod:`.frames` (a verb's clause and the entries that fit it), :mod:`.nouns` (nominal triggers); the
clause syntax tests are in :mod:`.syntax`, the word lists in :mod:`.wordlists`, dates and places in
:mod:`.dates`, and the drafts it makes become events in :mod:`.drafts`.
"""

from __future__ import annotations

from newsevents.stages.events.arguments import ArgumentsMixin, own_party_dropped
from newsevents.stages.events.dates import date_and_place
from newsevents.stages.events.docview import doc_view, within
from newsevents.stages.events.drafts import Draft
from newsevents.stages.events.entries import VerbEntry
from newsevents.stages.events.families import map_family
from newsevents.stages.events.frames import Frame, FramesMixin
from newsevents.stages.events.lexicon import Lexicon
from newsevents.stages.events.nouns import NounsMixin
from newsevents.stages.events.syntax import end_of_chain, noun_text
from newsevents.stages.events.wordlists import FORCE_NOUNS, UNDOING, other_spelling

STATEMENT_PENALTY = 0.2  # plain statements ("X said ...", data/statements.tsv) rank below other events
# what drafts.finish adds to a dyad's confidence for an unresolved target (+0.15 a target, -0.05
# unresolved): a target that is only a noun phrase the knowledge base does not know is taken off
# again, so that it makes the event no surer (nor more salient) than one without a target
UNKNOWN_TARGET_OFFSET = 0.10


class Coder(ArgumentsMixin, FramesMixin, NounsMixin):
    """Codes a document sentence by sentence (:meth:`code_sentence`) into :class:`Draft` events."""

    def __init__(self, lexicon: Lexicon, *, allow_unresolved: bool = True,
                 actor_paths: tuple[str, ...] = ()) -> None:
        self.lex = lexicon
        self.allow_unresolved = allow_unresolved
        self.actor_paths = actor_paths  # the user's actor files: demonyms they add count too

    # ------------------------------------------------------------------ coding
    def code_sentence(self, adoc, sent, sent_i: int) -> list[Draft]:
        lex = self.lex
        doc = adoc.doc
        v = doc_view(adoc)
        lower, lemma, tag, dep = v.lower, v.lemma, v.tag, v.dep
        verbs, nouns = lex.verbs, lex.nouns
        drafts: list[Draft] = []
        handled: set[int] = set()  # inner verbs coded through an outer verb
        consumed: set[int] = set()  # nouns coded as a verb's object
        for i in within(v.verbs, sent.start, sent.end):
            if i in handled or not (lemma[i] in verbs or lower[i] in verbs
                                    or (other_spelling(lemma[i]) or "") in verbs):
                continue
            t = doc[i]
            d = self.code_verb(adoc, t, sent, sent_i, handled, consumed)
            if d is None and tag[i] == "VBG" and (dep[i] in ("pobj", "dobj", "nsubj", "nsubjpass") or (
                    dep[i] == "acl" and lemma[v.head[i]] in FORCE_NOUNS and i == v.head[i] + 1)):
                d = self.code_noun(adoc, t, sent, sent_i)  # a gerund used as a noun: "died in police firing"
            if d is not None:
                own_party_dropped(adoc, d)
                drafts.append(d)
        for i in within(v.nouns, sent.start, sent.end):
            if i in consumed:
                continue
            # code_noun codes nothing unless specific_noun finds entries for the word: test that first
            if not (lower[i] in nouns if tag[i] == "VBG" else (lemma[i] in nouns or lower[i] in nouns)):
                continue
            d = self.code_noun(adoc, doc[i], sent, sent_i)
            if d is not None:
                own_party_dropped(adoc, d)
                drafts.append(d)
        return drafts

    def code_verb(self, adoc, verb, sent, sent_i, handled, consumed) -> Draft | None:
        f = self.partial_frame(adoc, verb)
        cands = self.verb_entries(adoc, verb, f)
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
        v = doc_view(adoc)
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
            targets, slot, slot_toks = self.target_slot(adoc, e, f, objtok)
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
                inner_noun = self.event_noun_object(adoc, f, e)
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
                refined = self.specific_noun(adoc, objtok)
                if refined is not None and refined.code[:2] == e.code[:2] and (len(refined.words) > 1 or len(e.code) == 2):
                    code = refined.code
            # a target the knowledge base does not know ("attacked a police station"): kept as its
            # noun phrase, but it does not make the event surer than one without a target
            unknown = [] if (targets or reciprocal) else self.phrase_targets(adoc, slot_toks, objtok)
            concede = e.code[:2] == "03" and code[:2] == "08"  # "agreed to the release of ..."
            # an entry whose object noun matched ("quit the peace talks") beats a plain one that merely
            # found an actor in that noun phrase ("the Sudan peace talks")
            score = (2 if targets else 1 if slot else 0) + (1.0 if objtok is not None else 0)
            if best is None or score > best[0]:
                trig = verb.text + ("" if not e.particle else " " + e.particle)
                if objtok is not None:
                    trig += " " + " ".join(noun_text(objtok))
                rule = f"verb:{e.pattern}:{e.lemma}" + (f"+{'_'.join(e.objects[0])}" if e.objects else "")
                modality = f.modality
                if concede:
                    rule += ">yield"
                    modality = "intended" if modality == "asserted" else modality
                best = (score, Draft(code=code, sources=f.sources, targets=targets or unknown, trigger=trig,
                                     rule=rule, sent_i=sent_i, sent=sent, negated=negated,
                                     modality=modality,
                                     base=(0.55 if targets else 0.4 - (UNKNOWN_TARGET_OFFSET if unknown else 0.0)) - (
                                         STATEMENT_PENALTY if e.origin == "statements.tsv" else 0.0),
                                     reciprocal=reciprocal, plover="CONCEDE" if concede else None,
                                     reverse_code=e.reverse_code, head_i=verb.i))
        if best is None:
            return None
        d = best[1]
        if not d.sources and not self.fallback_source(adoc, verb, d, passive=f.passive):
            return None
        _unknown_target_agentless(d)
        date_and_place(adoc, verb, d)
        return d

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
        end = end_of_chain(doc_view(adoc), x.i)
        if end != x.i and self.verb_entries(adoc, x, self.partial_frame(adoc, x)) == []:
            handled.add(x.i)
            x = x.doc[end]
        xf = self.frame(adoc, x)
        inner_code, inner_targets, trig_x, inner_neg = None, [], x.text, xf.negated
        slot_toks, inner_obj = [], None
        xc = self.verb_entries(adoc, x, xf)
        for ie, objtok in xc:
            if ie.kind in ("xcomp", "modal", "ccomp"):
                continue
            targets, slot, toks = self.target_slot(adoc, ie, xf, objtok)
            if (not slot and ie.kind != "intransitive") or (ie.needs_target and not targets):
                continue
            inner_code, inner_targets, slot_toks, inner_obj = ie.code, targets, toks, objtok
            if objtok is not None:
                refined = self.specific_noun(adoc, objtok)
                if refined is not None and refined.code[:2] == ie.code[:2] and (len(refined.words) > 1 or len(ie.code) == 2):
                    inner_code = refined.code
                consumed.add(objtok.i)
                trig_x += " " + " ".join(noun_text(objtok))
            if inner_targets:
                break
        if inner_code is None and x.lemma_.lower() not in UNDOING:
            # "agreed to hold talks" when hold+talks is not a verb entry: the noun is the event (not
            # under a verb that undoes it: "agreed to abandon the boycott" is no boycott)
            for d in xf.dobj:
                ne = self.specific_noun(adoc, d)
                if ne is not None:
                    inner_code, inner_targets = ne.code, self.noun_targets(adoc, d, ne)
                    consumed.add(d.i)
                    trig_x += " " + d.text
                    break
        if inner_code is None and e.objects:  # "announced a plan to build ...": nothing coded
            return None
        if inner_code is None and not inner_targets:
            # "pledged to bring the Libyan factions to the table": a complement that is no event of
            # its own still says whom the intent (refusal, threat ...) is about: its object
            slot_toks = list(xf.dobj) + [p for pr in ("with", "to", "against", "on") for p in xf.preps.get(pr, [])]
            inner_targets = [a for t in slot_toks for a in self.actors_of(adoc, t)]
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
        # as in code_verb: a target the knowledge base does not know is kept as its noun phrase
        unknown = [] if targets else self.phrase_targets(adoc, slot_toks, inner_obj)
        negated = f.negated or inner_neg or neg2
        modality = f.modality
        if e.kind == "modal" or e.code[:2] == "03":
            modality = "intended" if modality == "asserted" else modality
        d = Draft(code=code, sources=sources, targets=targets or unknown, trigger=f"{verb.text} to {trig_x}",
                  rule=f"verb:{e.pattern}:{e.lemma}", sent_i=sent_i, sent=sent, negated=negated,
                  modality=modality, base=0.55 if (targets and inner_code) else (
                      0.4 - (UNKNOWN_TARGET_OFFSET if unknown and not targets else 0.0)))
        if e.code[:2] == "03" and code[:2] == "08":
            # "agreed / promised / offered to withdraw": the yielding act itself, intended; PLOVER
            # codes a promised yield as a concession
            d.rule += ">yield"
            d.plover = "CONCEDE"
        if not sources and not self.fallback_source(adoc, verb, d):
            return None
        _unknown_target_agentless(d)
        date_and_place(adoc, verb, d)
        return d


def _unknown_target_agentless(d: Draft) -> None:
    """An agentless event gains +0.15 in drafts.finish for any target (no -0.05 for an unresolved
    one): take the rest off too when its targets are only noun phrases (UNKNOWN_TARGET_OFFSET)."""
    if d.agentless and d.targets and all(t.how.startswith("events:noun-phrase") for t in d.targets):
        d.base -= 0.05
