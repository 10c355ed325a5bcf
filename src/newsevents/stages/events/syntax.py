"""Clause syntax on the dependency parse: voice (passive, reduced passive), modality, who
controls an infinitive, conjuncts, a clause's subject token and the words of a noun phrase.

The tests read the document by index, on its
:class:`~newsevents.stages.events.docview.EventView` (``passive_at(v, i)``): the coder asks the same
question of many tokens.
"""

from __future__ import annotations

from newsevents.stages.events.docview import EventView, doc_view
from newsevents.stages.events.wordlists import (
    DEMAND_VERBS, HYPOTHETICAL_AUX, INTENT_AUX, OBJECT_CONTROL, READY, RELATIVE, SPEECH,
)

SUBJ = ("nsubj", "csubj")
# verbs that only pass an infinitive on ("wants to begin trying to mediate"): the outer verb governs
# the act at the end of the chain
PASS_ON = frozenset(("begin", "start", "continue", "try", "attempt", "resume", "keep", "manage", "proceed",
                     "move", "endeavour", "endeavor", "strive", "work", "be"))
PASS_SUBJ = ("nsubjpass", "csubjpass")
PREP_DEPS = ("prep", "dative", "agent")


def reduced_passive_at(v: EventView, i: int) -> bool:
    """ "the journalists detained last week": a past participle modifying its patient."""
    return v.dep[i] == "acl" and v.tag[i] in ("VBN", "VBD")  # VBD: a mis-tagged participle


def controller_at(v: EventView, i: int) -> list[int]:
    """Who is to act in "urged Iran to ..." / "called on Iran to ...": the object of the control
    verb at index ``i``."""
    dep = v.dep
    objs = [c for c in v.kids(i) if dep[c] == "dobj"]
    if not objs:
        objs = [p for c in v.kids(i) if dep[c] == "prep" and v.lower[c] in ("on", "upon")
                for p in v.kids(c) if dep[p] == "pobj"]
    return objs


def conjuncts(v: EventView, i: int) -> list[int]:
    """The conjuncts of token i ("France and Germany"), nearest first."""
    dep = v.dep
    out = []
    stack = [c for c in v.kids(i) if dep[c] == "conj"]
    while stack:
        c = stack.pop(0)
        out.append(c)
        stack.extend(x for x in v.kids(c) if dep[x] == "conj")
    return out


def subject_token(v: EventView, verb, depth: int = 0):
    """The subject noun of ``verb``'s clause, climbing conjoined / controlled verbs (``v``: the
    view of ``verb``'s document)."""
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
            objs = controller_at(v, verb.head.i)
            if objs:
                return verb.doc[objs[0]]
        return subject_token(v, verb.head, depth + 1)
    if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ == "VBG"):
        return verb.head
    return None


def _reported_at(v: EventView, i: int) -> bool:
    """The verb at index ``i`` heads a clause reported by a speech verb ("X said it would ...")."""
    for _ in range(3):
        if v.dep[i] not in ("ccomp", "conj"):
            return False
        i = v.head[i]
        if v.lemma[i] in SPEECH:
            return True
    return False


def passive_at(v: EventView, i: int) -> bool:
    dep = v.dep
    return any(dep[c] in ("auxpass", "nsubjpass", "agent") for c in v.kids(i))


def modality_at(v: EventView, i: int) -> str:
    """The modality of the clause of the verb at index ``i``: "intended", "hypothetical" or
    "asserted"."""
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


def noun_text(tok) -> list[str]:
    """A noun with its compound / adjective modifiers as written: "air strike", "humanitarian aid"."""
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
    mods = [m for m in mods if m.i >= tok.i - 3]
    return [m.text for m in sorted(mods, key=lambda m: m.i)] + [tok.text]


def noun_words(adoc, i: int, of_phrase: bool = False) -> tuple[str, ...]:
    """The lower-cased words of the noun at index ``i`` of ``adoc``'s document with its compound /
    adjective modifiers and its lemma: "air strike", "humanitarian aid"; with ``of_phrase`` also
    its "of" complement: "state of emergency". Remembered per document (``adoc.memo``), since
    every verb entry with an object noun asks again."""
    return adoc.memo(("events.noun_words", i, of_phrase), lambda: _noun_words(adoc, i, of_phrase))


def _noun_words(adoc, i: int, of_phrase: bool) -> tuple[str, ...]:
    v = doc_view(adoc)
    dep, lower = v.dep, v.lower
    kids = v.kids(i)
    out = [lower[m] for m in kids if dep[m] in ("compound", "amod") and i - 3 <= m < i]
    out.append(v.lemma[i])
    if of_phrase:
        for c in kids:
            if dep[c] == "prep" and lower[c] == "of" and c == i + 1:
                objs = [p for p in v.kids(c) if dep[p] == "pobj"]
                if objs and objs[0] <= c + 3:
                    out += ["of", *noun_words(adoc, objs[0], False)]
    return tuple(out)


# right dependents that end a noun phrase as an event's argument: further conjuncts (actors of their
# own), clauses about the noun ("who ...", "to visit ...", "that ..."), and adverbials of the clause
# that the parser hung on the noun ("on Monday", "this month", "here")
PHRASE_STOP = frozenset(("cc", "conj", "relcl", "acl", "advcl", "parataxis", "npadvmod", "advmod",
                         "ccomp"))
PHRASE_MAX = 16  # a longer phrase is a parse gone astray: keep the head and what precedes it


def phrase_at(adoc, i: int) -> tuple[int, int]:
    """The noun phrase headed by token ``i`` as an event's argument, as token bounds [start, end):
    its determiners, numbers, modifiers, possessors, of/in phrases and appositions ("at least 75
    displaced people in eastern Syria", "Zabihullah Mujahid, the group's spokesman"), without its
    conjuncts, its relative and other clauses, dates and surrounding punctuation. Remembered per
    document."""
    return adoc.memo(("events.phrase", i), lambda: _phrase_at(adoc, i))


def _phrase_at(adoc, i: int) -> tuple[int, int]:
    v = doc_view(adoc)
    doc = v.doc
    dep, pos = v.dep, v.pos
    left = doc[i].left_edge.i
    while left < i and (dep[left] in ("preconj", "cc") or pos[left] == "PUNCT"):
        left += 1
    right = _right_end(v, doc, i)
    while right > i and (dep[right] == "case" or (pos[right] == "PUNCT" and not (
            v.lower[right] == ")" and "(" in v.lower[left:right]))):
        right -= 1
    if right + 1 - left > PHRASE_MAX:
        right = i
        if right + 1 - left > PHRASE_MAX:
            left = i
    return left, right + 1


def _right_end(v: EventView, doc, i: int) -> int:
    """The last token of token i's phrase to its right: its right dependents up to the first that
    ends a phrase (:func:`_stops`), each cut the same way ("the families of the migrants found
    in a truck" keeps "of the migrants" and drops the clause inside it)."""
    dep = v.dep
    right = i
    kids = [c for c in v.kids(i) if c > i]
    for k, c in enumerate(kids):
        if dep[c] == "punct":
            nxt = next((x for x in kids[k + 1:] if dep[x] != "punct"), None)
            if nxt is None or _stops(v, doc, nxt):
                break
            right = max(right, c)
            continue
        if _stops(v, doc, c):
            break
        right = max(right, _right_end(v, doc, c))
    return right


def _stops(v: EventView, doc, c: int) -> bool:
    d = v.dep[c]
    if d in PHRASE_STOP:
        return True
    if d == "prep":  # "on Thursday", "in 2015": when, not who
        return any(v.dep[p] == "pobj" and doc[p].ent_type_ in ("DATE", "TIME") for p in v.kids(c))
    return False


def end_of_chain(v: EventView, i: int, limit: int = 4) -> int:
    """The verb an infinitive chain of :data:`PASS_ON` verbs ends in: "to begin trying to persuade
    X" -> "persuade"; ``i`` itself when it passes nothing on."""
    for _ in range(limit):
        if v.lemma[i] not in PASS_ON:
            break
        nxt = [c for c in v.kids(i) if v.dep[c] == "xcomp" and v.pos[c] in ("VERB", "AUX")]
        if not nxt:
            break
        i = nxt[0]
    return i
