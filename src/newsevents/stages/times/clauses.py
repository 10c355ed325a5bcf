"""Clauses and time expressions, read off the parse: the tense of the clause that governs an
expression (:func:`clause_tense`, which gives weekdays and bare months their direction) and the
expression attached to a verb's clause (:func:`time_for_clause`, which the event coder asks)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsevents.nlp import AnnotatedDoc, span_roots
from newsevents.records import TimeExpr

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_REPORT_VERBS = frozenset({"say", "tell", "report", "add", "state", "claim", "write", "be", "have"})
# verbs whose past tense has the present's form: "prices hit a low Friday" is past, whatever the tag
_SAME_PAST_FORMS = frozenset({"hurt", "cut", "put", "set", "hit", "let", "cost", "shut", "quit", "spread",
                              "beat", "bid", "cast", "burst", "split", "slit", "thrust", "upset", "read",
                              "wound"})
_DEADLINE_VERBS = frozenset({"postpone", "delay", "defer", "extend", "adjourn", "suspend", "give", "grant",
                             "allow", "push", "put"})
_SCHEDULE_VERBS = frozenset({"schedule", "set", "slate", "plan", "due", "expect"})


def clause_tense(doc: "Doc", start: int, end: int) -> str | None:
    """``past``, ``future`` or None for the clause governing the char span [start, end)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    if tok.dep_ in ("poss", "compound", "amod", "nmod") or any(t.lower_ == "'s" for t in span):
        return None  # "Friday's session", "the Tuesday deadline": no clause of its own
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and prev.lower_ == "as" and span.start > 1 and doc[span.start - 2].lower_ in (
            "soon", "early", "late"):
        return "future"  # "as soon as Tuesday"
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") and not (tok.dep_ == "aux"):
            break
        if tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    lemmas = {c.lower_ for c in auxes}
    if prev is not None and prev.lower_ in ("until", "till") and tok.lemma_ in _DEADLINE_VERBS \
            and "had" not in lemmas:
        return "future"  # "postponed the vote until Tuesday": a deadline ahead of the article
    if tok.lemma_ in _SCHEDULE_VERBS and lemmas & {"is", "are", "am", "'s", "'re", "has", "have", "'ve"}:
        return "future"  # "is set for Monday", "has scheduled a vote Friday"
    if lemmas & {"will", "'ll", "shall", "wo"}:
        return "future"
    if "to" in lemmas:  # "plans to meet on Friday", "is going to"
        head = tok.head
        gov = head if head.pos_ in ("VERB", "AUX") else head.head
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in gov.children):
            return "past"  # "had been due to expire Friday": a plan told from after its time
        if head is not tok and head.lower_ in ("going", "plan", "plans", "planned", "expected",
                                               "scheduled", "due", "set", "hopes", "wants"):
            return "future"
        if head.tag_ in ("VBD",) and head.lower_ not in ("was", "were", "expected", "planned", "scheduled"):
            return "past"
        return "future"
    if lemmas & {"would", "might", "may", "should", "can", "must"}:
        return "future"
    if any(c.tag_ == "VBD" for c in auxes) or lemmas & {"had", "did", "was", "were"}:
        if tok.tag_ == "VBG" and lemmas & {"was", "were"}:
            return "past"
        return "past"
    if lemmas & {"has", "have", "'ve"}:
        return "past"
    if tok.tag_ in ("VBD", "VBN"):
        return "past"
    if tok.tag_ in ("VBZ", "VBP", "VBG"):
        if lemmas & {"is", "are", "am", "'s", "'re"} and tok.tag_ == "VBG":
            return "future"
        if tok.tag_ in ("VBZ", "VBP") and not auxes and tok.lemma_ not in _REPORT_VERBS \
                and tok.lower_ not in _SAME_PAST_FORMS and not (prev is not None and prev.lower_ == "since") \
                and not (tok.dep_ == "ccomp" and tok.head.tag_ == "VBD"):
            return "present"  # "talks resume Monday": a schedule told in the present tense
        return None
    if tok.tag_ == "VB":
        return "future"
    return None


_TIME_PREPS = frozenset({"on", "in", "at", "during", "since", "until", "by", "before", "after", "from",
                         "through", "throughout", "over", "within", "earlier", "later"})


def time_for_clause(adoc: AnnotatedDoc, token_i: int) -> TimeExpr | None:
    """The time expression attached to the clause of verb token ``token_i``, read off the parse:
    a DATE/TIME phrase that is a bare modifier of the verb ("met Tuesday": npadvmod/tmod), the
    object of a temporal preposition under it ("on Tuesday", "in March"), or an adverb like
    "yesterday". Expressions inside another clause (a relative clause, a noun's modifier) do not
    count. Needs :class:`~newsevents.stages.times.stage.TimeStage` to have run on ``adoc`` (it records token spans in
    ``adoc.extras["time_tokens"]``)."""
    spans = adoc.extras.get("time_tokens") or []
    if not spans:
        return None
    best: tuple[int, TimeExpr] | None = None
    for root_i, verbs, tx in _clause_links(adoc):
        if token_i in verbs:
            dist = abs(root_i - token_i)
            if best is None or dist < best[0]:
                best = (dist, tx)
    return best[1] if best else None


def _clause_links(adoc: AnnotatedDoc) -> list[tuple[int, frozenset[int], TimeExpr]]:
    """Per recorded time span, the verbs whose clause it belongs to by :func:`time_for_clause`'s
    rules: (root token, those verbs' token indices, expression). Computed once per document (the
    parse does not change between events, and every event asks)."""
    roots = span_roots(adoc, "time_tokens")
    return adoc.memo(("times.clause_links", len(roots)), lambda: _build_clause_links(adoc, roots))


def _build_clause_links(adoc: AnnotatedDoc, roots: list) -> list:
    doc = adoc.doc
    links = []
    for start, end, tx, root in roots:
        head = root.head
        verbs = set()
        if root.dep_ in ("npadvmod", "tmod", "advmod", "obl", "nmod:tmod"):
            verbs.add(head.i)  # "met Tuesday"
        if root.dep_ == "pobj" and head.lower_ in _TIME_PREPS:
            verbs.add(head.head.i)  # "met on Tuesday"
            if head.head.dep_ == "prep":
                verbs.add(head.head.head.i)  # "met early on Tuesday"
        if root.dep_ == "prep" and any(doc[k].ent_type_ in ("DATE", "TIME") for k in range(start, end)):
            verbs.add(head.i)
        links.append((root.i, frozenset(verbs), tx))
    return links
